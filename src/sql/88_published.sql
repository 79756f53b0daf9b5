/* src/sql/88_published.sql: published views for BI readers, small numbers suppressed */

/*
 * Small-number suppression for BI readers.  A count of people from 1 to
 * suppress_below - 1 (setting, default 5) is shown as NULL, and so is every
 * percentage, word or cost worked out from it (a percentage is shown only
 * when both its part and its whole are shown); zero is shown.  under_fives
 * (an ONS estimate) is treated as a count too, so a tiny estimate is
 * suppressed with what is derived from it.  Each row says whether anything
 * in it was suppressed (suppressed).  These views read the filtered views,
 * so a partner reading them sees its own centres, like everything else.
 *
 * Primary suppression only: the README's Security section says what it
 * does not prevent (differences between a total and its shown parts,
 * between a row's own columns, between periods or between views).
 */
/*
 * centre_reach and centre_reach_deprived are both centre_reach_scoped, so
 * their published forms share one base that suppresses once.
 */
CREATE VIEW @extschema@.published_centre_reach_scoped AS
SELECT r.scope, r.centre_id, r.centre, r.period, r.period_start, r.period_end,
	   CASE WHEN s.under_fives THEN NULL ELSE r.under_fives END AS under_fives,
	   CASE WHEN s.registered THEN NULL ELSE r.registered END AS registered,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_pct END AS registered_pct,
	   CASE WHEN s.seen THEN NULL ELSE r.seen END AS seen,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_pct END AS seen_pct,
	   CASE WHEN s.sustained THEN NULL ELSE r.sustained END AS sustained,
	   CASE WHEN s.sustained OR s.under_fives THEN NULL ELSE r.sustained_pct END AS sustained_pct,
	   CASE WHEN s.families_seen THEN NULL ELSE r.families_seen END AS families_seen,
	   CASE WHEN s.families_sustained THEN NULL ELSE r.families_sustained END AS families_sustained,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_words END AS registered_words,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_words END AS seen_words,
	   r.kind,
	   s.under_fives OR s.registered OR s.seen OR s.sustained OR s.families_seen OR s.families_sustained AS suppressed
FROM surestart_internal.centre_reach_scoped AS r
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT r.under_fives >= 1 AND r.under_fives < k.below AS under_fives,
						   r.registered >= 1 AND r.registered < k.below AS registered,
						   r.seen >= 1 AND r.seen < k.below AS seen,
						   r.sustained >= 1 AND r.sustained < k.below AS sustained,
						   r.families_seen >= 1 AND r.families_seen < k.below AS families_seen,
						   r.families_sustained >= 1 AND r.families_sustained < k.below AS families_sustained) AS s
WHERE r.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.published_centre_reach_scoped IS 'centre_reach_scoped for publication (scope all or deprived): counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null';

CREATE VIEW @extschema@.published_centre_reach AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind, suppressed
FROM @extschema@.published_centre_reach_scoped
WHERE scope = 'all';
COMMENT ON VIEW @extschema@.published_centre_reach IS 'centre_reach for publication: counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null';

CREATE VIEW @extschema@.published_centre_reach_deprived AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind, suppressed
FROM @extschema@.published_centre_reach_scoped
WHERE scope = 'deprived';
COMMENT ON VIEW @extschema@.published_centre_reach_deprived IS 'centre_reach_deprived for publication: counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null';

/*
 * The stored history (reach_trend without its change columns, whose small
 * differences are not counts of people), suppressed like centre_reach.
 */
CREATE VIEW @extschema@.published_reach_trend AS
SELECT r.centre_id, r.centre, r.period, r.period_end, r.taken_at,
	   CASE WHEN s.under_fives THEN NULL ELSE r.under_fives END AS under_fives,
	   CASE WHEN s.registered THEN NULL ELSE r.registered END AS registered,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_pct END AS registered_pct,
	   CASE WHEN s.seen THEN NULL ELSE r.seen END AS seen,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_pct END AS seen_pct,
	   CASE WHEN s.sustained THEN NULL ELSE r.sustained END AS sustained,
	   CASE WHEN s.sustained OR s.under_fives THEN NULL ELSE r.sustained_pct END AS sustained_pct,
	   r.kind, r.period_start,
	   CASE WHEN s.families_seen THEN NULL ELSE r.families_seen END AS families_seen,
	   CASE WHEN s.families_sustained THEN NULL ELSE r.families_sustained END AS families_sustained,
	   s.under_fives OR s.registered OR s.seen OR s.sustained OR s.families_seen OR s.families_sustained AS suppressed
FROM @extschema@.reach_trend AS r
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT r.under_fives >= 1 AND r.under_fives < k.below AS under_fives,
						   r.registered >= 1 AND r.registered < k.below AS registered,
						   r.seen >= 1 AND r.seen < k.below AS seen,
						   r.sustained >= 1 AND r.sustained < k.below AS sustained,
						   r.families_seen >= 1 AND r.families_seen < k.below AS families_seen,
						   r.families_sustained >= 1 AND r.families_sustained < k.below AS families_sustained) AS s;
COMMENT ON VIEW @extschema@.published_reach_trend IS 'reach_trend for publication (without the change columns): counts from 1 to suppress_below - 1, and the percentages worked out from them, are null';

CREATE VIEW @extschema@.published_lsoa_reach AS
SELECT r.lsoa_code, r.lsoa, r.centre_id, r.period, r.period_start, r.period_end,
	   CASE WHEN s.under_fives THEN NULL ELSE r.under_fives END AS under_fives,
	   CASE WHEN s.registered THEN NULL ELSE r.registered END AS registered,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_pct END AS registered_pct,
	   CASE WHEN s.seen THEN NULL ELSE r.seen END AS seen,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_pct END AS seen_pct,
	   CASE WHEN s.sustained THEN NULL ELSE r.sustained END AS sustained,
	   CASE WHEN s.sustained OR s.under_fives THEN NULL ELSE r.sustained_pct END AS sustained_pct,
	   CASE WHEN s.families_seen THEN NULL ELSE r.families_seen END AS families_seen,
	   CASE WHEN s.families_sustained THEN NULL ELSE r.families_sustained END AS families_sustained,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_words END AS registered_words,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_words END AS seen_words,
	   r.kind, r.most_deprived,
	   s.under_fives OR s.registered OR s.seen OR s.sustained OR s.families_seen OR s.families_sustained AS suppressed
FROM @extschema@.lsoa_reach AS r
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT r.under_fives >= 1 AND r.under_fives < k.below AS under_fives,
						   r.registered >= 1 AND r.registered < k.below AS registered,
						   r.seen >= 1 AND r.seen < k.below AS seen,
						   r.sustained >= 1 AND r.sustained < k.below AS sustained,
						   r.families_seen >= 1 AND r.families_seen < k.below AS families_seen,
						   r.families_sustained >= 1 AND r.families_sustained < k.below AS families_sustained) AS s;
COMMENT ON VIEW @extschema@.published_lsoa_reach IS 'lsoa_reach for publication: counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null (deciles are left out: read them from lsoa)';

CREATE VIEW @extschema@.published_target_group_coverage AS
SELECT t.level, t.unit_id, t.unit_name, t.period, t.target_group, t.label,
	   CASE WHEN s.families THEN NULL ELSE t.families END AS families,
	   CASE WHEN s.any_contact THEN NULL ELSE t.any_contact END AS any_contact,
	   CASE WHEN s.any_contact OR s.families THEN NULL ELSE t.any_contact_pct END AS any_contact_pct,
	   CASE WHEN s.sustained THEN NULL ELSE t.sustained END AS sustained,
	   CASE WHEN s.sustained OR s.families THEN NULL ELSE t.sustained_pct END AS sustained_pct,
	   CASE WHEN s.any_contact OR s.families THEN NULL ELSE t.any_contact_words END AS any_contact_words,
	   t.national,
	   s.families OR s.any_contact OR s.sustained AS suppressed
FROM @extschema@.target_group_coverage AS t
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT t.families >= 1 AND t.families < k.below AS families,
						   t.any_contact >= 1 AND t.any_contact < k.below AS any_contact,
						   t.sustained >= 1 AND t.sustained < k.below AS sustained) AS s;
COMMENT ON VIEW @extschema@.published_target_group_coverage IS 'target_group_coverage for publication: counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null';

/*
 * The data pack's values are percentages of under_fives, from which the
 * count is easily worked back, so a value is suppressed with its count; the
 * county's value and range are taken over the values shown.
 */
CREATE VIEW @extschema@.published_data_pack AS
WITH figures AS (
	SELECT r.level, r.unit_id, r.period,
		   m.measure || CASE WHEN r.scope = 'deprived' THEN '_deprived' ELSE '' END AS measure,
		   CASE WHEN m.small THEN NULL ELSE m.value END AS value,
		   m.small AS suppressed,
		   r.visible
	FROM surestart_internal.reach_figures AS r
	CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
	CROSS JOIN LATERAL (SELECT r.under_fives >= 1 AND r.under_fives < k.below AS under_fives) AS u
	CROSS JOIN LATERAL (VALUES ('registered_pct', r.registered_pct, u.under_fives OR (r.registered >= 1 AND r.registered < k.below)),
							   ('seen_pct', r.seen_pct, u.under_fives OR (r.seen >= 1 AND r.seen < k.below)),
							   ('sustained_pct', r.sustained_pct, u.under_fives OR (r.sustained >= 1 AND r.sustained < k.below)))
		AS m(measure, value, small)
)
SELECT f.level, f.unit_id,
	   CASE f.level WHEN 'lsoa' THEN (SELECT name FROM @extschema@.lsoa WHERE lsoa_code = f.unit_id)
					WHEN 'centre' THEN (SELECT name FROM @extschema@.centre WHERE centre_id = f.unit_id)
					WHEN 'district' THEN (SELECT min(district_name) FROM @extschema@.lsoa WHERE district_code = f.unit_id)
					WHEN 'county' THEN 'County'
					ELSE f.unit_id END AS unit_name,
	   f.period, f.measure, f.value, f.county_value, f.county_min, f.county_max, f.suppressed
FROM (
	SELECT f.*,
		   max(f.value) FILTER (WHERE f.level = 'county') OVER w_period AS county_value,
		   min(f.value) OVER w_level AS county_min,
		   max(f.value) OVER w_level AS county_max
	FROM figures AS f
	WINDOW w_period AS (PARTITION BY f.period, f.measure),
		   w_level AS (PARTITION BY f.period, f.measure, f.level)
) AS f
WHERE f.visible;
COMMENT ON VIEW @extschema@.published_data_pack IS 'data_pack for publication: a value whose count (or under-fives estimate) is from 1 to suppress_below - 1 is null, and the county''s range is over the values shown';

CREATE VIEW @extschema@.published_contract_value AS
SELECT c.lot_id, c.lead_partner_id, c.financial_year, c.annual_value,
	   CASE WHEN s.registered THEN NULL ELSE c.registered END AS registered,
	   CASE WHEN s.seen THEN NULL ELSE c.seen END AS seen,
	   CASE WHEN s.sustained THEN NULL ELSE c.sustained END AS sustained,
	   CASE WHEN s.registered THEN NULL ELSE c.cost_per_registered END AS cost_per_registered,
	   CASE WHEN s.seen THEN NULL ELSE c.cost_per_seen END AS cost_per_seen,
	   CASE WHEN s.sustained THEN NULL ELSE c.cost_per_sustained END AS cost_per_sustained,
	   s.registered OR s.seen OR s.sustained AS suppressed
FROM @extschema@.contract_value AS c
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT c.registered >= 1 AND c.registered < k.below AS registered,
						   c.seen >= 1 AND c.seen < k.below AS seen,
						   c.sustained >= 1 AND c.sustained < k.below AS sustained) AS s;
COMMENT ON VIEW @extschema@.published_contract_value IS 'contract_value for publication: counts from 1 to suppress_below - 1, and the costs per child worked out from them, are null';

/*
 * Two-year take-up: a count from 1 to suppress_below - 1 is withheld with
 * the percentages worked out from it; the total of the three bases is
 * withheld when one of them is (else it would give it away), and a
 * lot_group or total row withholds a count that any of its lots withholds
 * (else the lot's could be worked out by subtraction).
 */
CREATE VIEW @extschema@.published_two_year_take_up AS
WITH own AS (
	SELECT t.*,
		   t.dwp_eligible >= 1 AND t.dwp_eligible < k.below AS s_eligible,
		   t.taken_up_sept_2013 >= 1 AND t.taken_up_sept_2013 < k.below AS s_2013,
		   t.taken_up_sept_2014 >= 1 AND t.taken_up_sept_2014 < k.below AS s_2014,
		   t.taken_up_local >= 1 AND t.taken_up_local < k.below AS s_local,
		   (t.taken_up_total >= 1 AND t.taken_up_total < k.below)
		   OR (t.taken_up_sept_2013 >= 1 AND t.taken_up_sept_2013 < k.below)
		   OR (t.taken_up_sept_2014 >= 1 AND t.taken_up_sept_2014 < k.below)
		   OR (t.taken_up_local >= 1 AND t.taken_up_local < k.below) AS s_total,
		   t.taken_up_listed >= 1 AND t.taken_up_listed < k.below AS s_listed
	FROM @extschema@.two_year_take_up AS t
	CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
), withheld AS (
	SELECT o.*,
		   CASE o.level WHEN 'lot' THEN o.s_eligible
				ELSE bool_or(l.s_eligible) OR o.s_eligible END AS w_eligible,
		   CASE o.level WHEN 'lot' THEN o.s_2013 ELSE bool_or(l.s_2013) OR o.s_2013 END AS w_2013,
		   CASE o.level WHEN 'lot' THEN o.s_2014 ELSE bool_or(l.s_2014) OR o.s_2014 END AS w_2014,
		   CASE o.level WHEN 'lot' THEN o.s_local ELSE bool_or(l.s_local) OR o.s_local END AS w_local,
		   CASE o.level WHEN 'lot' THEN o.s_total ELSE bool_or(l.s_total) OR o.s_total END AS w_total,
		   CASE o.level WHEN 'lot' THEN o.s_listed ELSE bool_or(l.s_listed) OR o.s_listed END AS w_listed
	FROM own AS o
	LEFT JOIN own AS l
	  ON o.level <> 'lot' AND l.level = 'lot' AND l.term_start = o.term_start
	 AND (o.level = 'total' OR l.lot_group = o.lot_group)
	GROUP BY o.lot_id, o.term_start, o.term, o.dwp_eligible, o.taken_up_sept_2013, o.taken_up_sept_2014,
			 o.taken_up_local, o.taken_up_total, o.take_up_pct, o.total_take_up_pct, o.level, o.lot_group,
			 o.lot_name, o.taken_up_listed, o.listed_take_up_pct,
			 o.s_eligible, o.s_2013, o.s_2014, o.s_local, o.s_total, o.s_listed
)
SELECT w.lot_id, w.term_start, w.term,
	   CASE WHEN w.w_eligible THEN NULL ELSE w.dwp_eligible END AS dwp_eligible,
	   CASE WHEN w.w_2013 THEN NULL ELSE w.taken_up_sept_2013 END AS taken_up_sept_2013,
	   CASE WHEN w.w_2014 THEN NULL ELSE w.taken_up_sept_2014 END AS taken_up_sept_2014,
	   CASE WHEN w.w_local THEN NULL ELSE w.taken_up_local END AS taken_up_local,
	   CASE WHEN w.w_total THEN NULL ELSE w.taken_up_total END AS taken_up_total,
	   CASE WHEN w.w_2013 OR w.w_eligible THEN NULL ELSE w.take_up_pct END AS take_up_pct,
	   CASE WHEN w.w_total OR w.w_eligible THEN NULL ELSE w.total_take_up_pct END AS total_take_up_pct,
	   w.level, w.lot_group, w.lot_name,
	   CASE WHEN w.w_listed THEN NULL ELSE w.taken_up_listed END AS taken_up_listed,
	   CASE WHEN w.w_listed OR w.w_eligible THEN NULL ELSE w.listed_take_up_pct END AS listed_take_up_pct,
	   w.w_eligible OR w.w_2013 OR w.w_2014 OR w.w_local OR w.w_total OR w.w_listed AS suppressed
FROM withheld AS w;
COMMENT ON VIEW @extschema@.published_two_year_take_up IS 'two_year_take_up for publication: counts from 1 to suppress_below - 1, and the take-up percentages worked out from them, are null; so is taken_up_total when one of its parts is, and a count of a lot_group or total row when one of its lots'' is';

CREATE VIEW @extschema@.published_three_four_take_up AS
SELECT t.centre_id, t.centre, t.term_start, t.term,
	   CASE WHEN s.eligible THEN NULL ELSE t.eligible END AS eligible,
	   CASE WHEN s.in_receipt THEN NULL ELSE t.in_receipt END AS in_receipt,
	   CASE WHEN s.taken_up OR s.eligible THEN NULL ELSE t.take_up_pct END AS take_up_pct,
	   CASE WHEN s.taken_up OR s.eligible THEN NULL ELSE t.take_up_words END AS take_up_words,
	   s.eligible OR s.in_receipt OR s.in_receipt_not_eligible OR s.taken_up OR s.in_school
		   OR s.in_receipt_younger AS suppressed,
	   CASE WHEN s.in_receipt_not_eligible THEN NULL ELSE t.in_receipt_not_eligible END AS in_receipt_not_eligible,
	   CASE WHEN s.taken_up THEN NULL ELSE t.taken_up END AS taken_up,
	   CASE WHEN s.in_school THEN NULL ELSE t.in_school END AS in_school,
	   CASE WHEN s.in_receipt_younger THEN NULL ELSE t.in_receipt_younger END AS in_receipt_younger,
	   t.ons_population,
	   CASE WHEN s.taken_up THEN NULL ELSE t.ons_take_up_pct END AS ons_take_up_pct
FROM @extschema@.three_four_take_up AS t
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT t.eligible >= 1 AND t.eligible < k.below AS eligible,
						   t.in_receipt >= 1 AND t.in_receipt < k.below AS in_receipt,
						   t.in_receipt_not_eligible >= 1 AND t.in_receipt_not_eligible < k.below AS in_receipt_not_eligible,
						   t.taken_up >= 1 AND t.taken_up < k.below AS taken_up,
						   t.in_school >= 1 AND t.in_school < k.below AS in_school,
						   t.in_receipt_younger >= 1 AND t.in_receipt_younger < k.below AS in_receipt_younger) AS s;
COMMENT ON VIEW @extschema@.published_three_four_take_up IS 'three_four_take_up for publication (both cohorts together): counts from 1 to suppress_below - 1, and the take-up percentages and words worked out from them, are null';

/*
 * Column comments: each published column says what its source column says,
 * and whether it can be suppressed.
 */
DO $$
DECLARE
	pair text[];
	col record;
BEGIN
	FOREACH pair SLICE 1 IN ARRAY ARRAY[
		['published_centre_reach_scoped', 'centre_reach'],
		['published_centre_reach', 'centre_reach'], ['published_centre_reach_deprived', 'centre_reach_deprived'],
		['published_reach_trend', 'reach_trend'],
		['published_lsoa_reach', 'lsoa_reach'], ['published_target_group_coverage', 'target_group_coverage'],
		['published_data_pack', 'data_pack'], ['published_contract_value', 'contract_value'],
		['published_two_year_take_up', 'two_year_take_up'], ['published_three_four_take_up', 'three_four_take_up']]
	LOOP
		FOR col IN
			SELECT a.attname, pg_catalog.col_description(f.attrelid, f.attnum) AS text,
				   a.attname IN ('centre_id', 'centre', 'lsoa_code', 'lsoa', 'period', 'period_start', 'period_end',
								 'kind', 'most_deprived', 'level', 'unit_id', 'unit_name', 'target_group', 'label',
								 'national', 'lot_id', 'lead_partner_id', 'financial_year', 'annual_value',
								 'term_start', 'term', 'measure', 'scope', 'taken_at', 'lot_group', 'lot_name', 'ons_population') AS never_suppressed
			FROM pg_catalog.pg_attribute AS a
			JOIN pg_catalog.pg_attribute AS f
			  ON f.attrelid = pg_catalog.format('@extschema@.%I', pair[2])::pg_catalog.regclass AND f.attname = a.attname
			WHERE a.attrelid = pg_catalog.format('@extschema@.%I', pair[1])::pg_catalog.regclass
			  AND a.attnum > 0
		LOOP
			EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', pair[1], col.attname,
				col.text || CASE WHEN col.never_suppressed THEN ''
							ELSE '; null when suppressed (a count from 1 to suppress_below - 1, or worked out from one)' END);
		END LOOP;
		EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.suppressed IS %L', pair[1],
			'true when a value in the row is shown as null because it is, or is worked out from, a count from 1 to suppress_below - 1');
	END LOOP;
END
$$;
COMMENT ON COLUMN @extschema@.published_centre_reach_scoped.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs';
COMMENT ON COLUMN @extschema@.published_data_pack.county_min IS 'lowest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_max IS 'highest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_value IS 'the county''s value of the measure; null when suppressed';

