/* src/sql/88_published.sql: published views for BI readers, small numbers suppressed */

/*
 * The published views read every count of reach and target-group coverage
 * from the disclosure layer (87_disclosure.sql, doc/disclosure.md): the
 * cells protect_period() stored, current for the stored figures and the
 * settings (published_status).  Under disclosure_rule = suppress a count
 * is withheld (null) when it is from 1 to suppress_below - 1 (primary) or
 * when it was chosen so that no such count can be worked out from the
 * published ones (secondary); under round a small count is withheld and
 * every other count is rounded to round_to, and under_fives with it.
 * Zero is shown.  Percentages and Ofsted's words are worked out from the
 * published counts, so they are null beside a withheld count.  A count
 * with no current stored status (the period not protected yet, or the
 * settings, the hierarchy or the most deprived LSOAs changed since) is
 * withheld too, as pending, until refresh() stores it again.
 *
 * Each row's suppressed column gives the strongest reason one of its
 * counts is missing: primary, then secondary, then pending; null when
 * every count of the row is shown.  These views read the filtered views,
 * so a partner reading them sees its own centres, like everything else.
 */
CREATE FUNCTION surestart_internal.withheld_reason(reasons text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE WHEN 'primary' = ANY (reasons) THEN 'primary'
				WHEN 'secondary' = ANY (reasons) THEN 'secondary'
				WHEN 'pending' = ANY (reasons) THEN 'pending' END
$$;
COMMENT ON FUNCTION surestart_internal.withheld_reason(text[]) IS
	'the strongest reason among a row''s withheld counts: primary, then secondary, then pending; null when there is none';

/*
 * The current stored cells, one row per unit (period, level, unit, scope,
 * target group) with each measure's published value and status (empty
 * when published), pivoted in one GROUP BY so that a filter on period
 * reaches published_cell and the fingerprint is worked out once a query.
 */
CREATE VIEW surestart_internal.published_unit AS
SELECT c.period, c.level, c.unit_id, c.scope, c.target_group,
	   max(c.published) FILTER (WHERE c.measure = 'registered') AS registered,
	   max(c.published) FILTER (WHERE c.measure = 'seen') AS seen,
	   max(c.published) FILTER (WHERE c.measure = 'sustained') AS sustained,
	   max(c.published) FILTER (WHERE c.measure = 'families_seen') AS families_seen,
	   max(c.published) FILTER (WHERE c.measure = 'families_sustained') AS families_sustained,
	   max(c.published) FILTER (WHERE c.measure = 'families') AS families,
	   max(c.published) FILTER (WHERE c.measure = 'any_contact') AS any_contact,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'registered') AS why_registered,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'seen') AS why_seen,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'sustained') AS why_sustained,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'families_seen') AS why_families_seen,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'families_sustained') AS why_families_sustained,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'families') AS why_families,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'any_contact') AS why_any_contact
FROM surestart_internal.published_status AS c
GROUP BY c.period, c.level, c.unit_id, c.scope, c.target_group;
COMMENT ON VIEW surestart_internal.published_unit IS 'published_status pivoted: one row per period, level, unit, scope and target group, with each measure''s published value and status (empty when published)';

/*
 * The published counts of one reach unit (period, level, unit, scope):
 * each measure's published value and why it is missing.  A count that is
 * 0 and has no stored cell (a unit without figures) is shown as 0.
 */
CREATE VIEW surestart_internal.published_reach AS
SELECT f.period, f.level, f.unit_id, f.scope,
	   CASE WHEN k.rounding THEN ((f.under_fives * 2 + k.base) / (2 * k.base)) * k.base
			ELSE f.under_fives END AS under_fives,
	   p.registered, p.seen, p.sustained, p.families_seen, p.families_sustained,
	   p.why_registered, p.why_seen, p.why_sustained, p.why_families_seen, p.why_families_sustained,
	   f.visible
FROM surestart_internal.reach_figures AS f
CROSS JOIN (SELECT coalesce((SELECT value FROM @extschema@.setting WHERE name = 'disclosure_rule'), 'suppress') = 'round' AS rounding,
				   coalesce((SELECT value::bigint FROM @extschema@.setting WHERE name = 'round_to'), 5) AS base) AS k
LEFT JOIN surestart_internal.published_unit AS s
  ON s.period = f.period AND s.level = f.level AND s.unit_id = f.unit_id
 AND s.scope = CASE WHEN f.level = 'lsoa' THEN 'all' ELSE f.scope END AND s.target_group = ''
CROSS JOIN LATERAL (
	SELECT CASE WHEN s.why_registered IS NULL AND f.registered = 0 THEN 0 ELSE s.registered END AS registered,
		   CASE WHEN s.why_seen IS NULL AND f.seen = 0 THEN 0 ELSE s.seen END AS seen,
		   CASE WHEN s.why_sustained IS NULL AND f.sustained = 0 THEN 0 ELSE s.sustained END AS sustained,
		   CASE WHEN s.why_families_seen IS NULL AND f.families_seen = 0 THEN 0 ELSE s.families_seen END AS families_seen,
		   CASE WHEN s.why_families_sustained IS NULL AND f.families_sustained = 0 THEN 0 ELSE s.families_sustained END AS families_sustained,
		   CASE WHEN s.why_registered IS NULL THEN CASE WHEN f.registered = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_registered, '') END AS why_registered,
		   CASE WHEN s.why_seen IS NULL THEN CASE WHEN f.seen = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_seen, '') END AS why_seen,
		   CASE WHEN s.why_sustained IS NULL THEN CASE WHEN f.sustained = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_sustained, '') END AS why_sustained,
		   CASE WHEN s.why_families_seen IS NULL THEN CASE WHEN f.families_seen = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_families_seen, '') END AS why_families_seen,
		   CASE WHEN s.why_families_sustained IS NULL THEN CASE WHEN f.families_sustained = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_families_sustained, '') END AS why_families_sustained
) AS p;
COMMENT ON VIEW surestart_internal.published_reach IS 'reach_figures as published: each count from published_status (null when withheld) with why it is missing (primary, secondary, pending), under_fives rounded under disclosure_rule round';

/* Column comments of the two building blocks above. */
DO $$
DECLARE
	col record;
BEGIN
	FOR col IN
		SELECT c.relname, a.attname
		FROM pg_catalog.pg_attribute AS a
		JOIN pg_catalog.pg_class AS c ON c.oid OPERATOR(pg_catalog.=) a.attrelid
		WHERE c.relnamespace OPERATOR(pg_catalog.=) 'surestart_internal'::pg_catalog.regnamespace
		  AND c.relname OPERATOR(pg_catalog.=) ANY (ARRAY['published_unit', 'published_reach'])
		  AND a.attnum OPERATOR(pg_catalog.>) 0
	LOOP
		EXECUTE pg_catalog.format('COMMENT ON COLUMN surestart_internal.%I.%I IS %L', col.relname, col.attname,
			CASE WHEN col.attname OPERATOR(pg_catalog.=) ANY (ARRAY['period', 'level', 'unit_id', 'scope', 'target_group'])
					THEN 'the unit: ' OPERATOR(pg_catalog.||) col.attname::text
				 WHEN col.attname OPERATOR(pg_catalog.=) 'under_fives'
					THEN 'ONS estimate of the under-fives, rounded under disclosure_rule round'
				 WHEN col.attname OPERATOR(pg_catalog.=) 'visible'
					THEN 'the reader may see the unit (reach_figures.visible)'
				 WHEN col.attname::text LIKE 'why\_%'
					THEN 'why ' OPERATOR(pg_catalog.||) pg_catalog.substr(col.attname::text, 5)
						 OPERATOR(pg_catalog.||) ' is withheld: primary, secondary or pending (published_unit: empty when published)'
				 ELSE 'the published ' OPERATOR(pg_catalog.||) col.attname::text OPERATOR(pg_catalog.||) ', null when withheld' END);
	END LOOP;
END
$$;

/*
 * centre_reach and centre_reach_deprived are both centre_reach_scoped, so
 * their published forms share one base.
 */
CREATE VIEW @extschema@.published_centre_reach_scoped AS
SELECT r.scope, r.centre_id, r.centre, r.period, r.period_start, r.period_end,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.under_fives END AS under_fives,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.registered END AS registered,
	   @extschema@.percent_of(CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.registered END, CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.under_fives END) AS registered_pct,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.seen END AS seen,
	   @extschema@.percent_of(CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.seen END, CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.under_fives END) AS seen_pct,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.sustained END AS sustained,
	   @extschema@.percent_of(CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.sustained END, CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.under_fives END) AS sustained_pct,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.families_seen END AS families_seen,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.families_sustained END AS families_sustained,
	   CASE WHEN p.under_fives > 0 AND p.registered <= p.under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(p.registered, p.under_fives)) END AS registered_words,
	   CASE WHEN p.under_fives > 0 AND p.seen <= p.under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(p.seen, p.under_fives)) END AS seen_words,
	   r.kind,
	   surestart_internal.withheld_reason(ARRAY[p.why_registered, p.why_seen, p.why_sustained,
												p.why_families_seen, p.why_families_sustained]) AS suppressed
FROM surestart_internal.centre_reach_scoped AS r
LEFT JOIN surestart_internal.published_reach AS p
  ON p.level = 'centre' AND p.unit_id = r.centre_id AND p.scope = r.scope AND p.period = r.period
WHERE r.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
COMMENT ON VIEW @extschema@.published_centre_reach_scoped IS 'centre_reach_scoped for publication (scope all or deprived): the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why';

CREATE VIEW @extschema@.published_centre_reach AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind, suppressed
FROM @extschema@.published_centre_reach_scoped
WHERE scope = 'all';
COMMENT ON VIEW @extschema@.published_centre_reach IS 'centre_reach for publication: the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why';

CREATE VIEW @extschema@.published_centre_reach_deprived AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind, suppressed
FROM @extschema@.published_centre_reach_scoped
WHERE scope = 'deprived';
COMMENT ON VIEW @extschema@.published_centre_reach_deprived IS 'centre_reach_deprived for publication: the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why';

/*
 * The stored history (reach_trend without its change columns, whose small
 * differences are not counts of people).  A snapshot's count is withheld
 * when it is small itself (primary), or when the disclosure layer
 * withholds the same centre's count of the same period now (its reason):
 * a snapshot of the current figures then shows what published_centre_reach
 * shows.  Under round its counts are rounded like the others.
 */
CREATE VIEW @extschema@.published_reach_trend AS
SELECT r.centre_id, r.centre, r.period, r.period_end, r.taken_at,
	   w.under_fives, w.registered, @extschema@.percent_of(w.registered, w.under_fives) AS registered_pct,
	   w.seen, @extschema@.percent_of(w.seen, w.under_fives) AS seen_pct,
	   w.sustained, @extschema@.percent_of(w.sustained, w.under_fives) AS sustained_pct,
	   r.kind, r.period_start, w.families_seen, w.families_sustained,
	   surestart_internal.withheld_reason(ARRAY[w.why_registered, w.why_seen, w.why_sustained,
												w.why_families_seen, w.why_families_sustained]) AS suppressed
FROM @extschema@.reach_trend AS r
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below,
				   coalesce((SELECT value FROM @extschema@.setting WHERE name = 'disclosure_rule'), 'suppress') = 'round' AS rounding,
				   coalesce((SELECT value::bigint FROM @extschema@.setting WHERE name = 'round_to'), 5) AS base) AS k
LEFT JOIN surestart_internal.published_reach AS p
  ON p.level = 'centre' AND p.unit_id = r.centre_id AND p.scope = 'all' AND p.period = r.period
CROSS JOIN LATERAL (
	SELECT CASE WHEN r.registered >= 1 AND r.registered < k.below THEN 'primary' ELSE p.why_registered END AS why_registered,
		   CASE WHEN r.seen >= 1 AND r.seen < k.below THEN 'primary' ELSE p.why_seen END AS why_seen,
		   CASE WHEN r.sustained >= 1 AND r.sustained < k.below THEN 'primary' ELSE p.why_sustained END AS why_sustained,
		   CASE WHEN r.families_seen >= 1 AND r.families_seen < k.below THEN 'primary' ELSE p.why_families_seen END AS why_families_seen,
		   CASE WHEN r.families_sustained >= 1 AND r.families_sustained < k.below THEN 'primary'
				ELSE p.why_families_sustained END AS why_families_sustained
) AS y
CROSS JOIN LATERAL (
	SELECT CASE WHEN k.rounding THEN ((r.under_fives * 2 + k.base) / (2 * k.base)) * k.base ELSE r.under_fives END AS under_fives,
		   CASE WHEN y.why_registered IS NOT NULL THEN NULL
				WHEN k.rounding THEN ((r.registered * 2 + k.base) / (2 * k.base)) * k.base ELSE r.registered END AS registered,
		   CASE WHEN y.why_seen IS NOT NULL THEN NULL
				WHEN k.rounding THEN ((r.seen * 2 + k.base) / (2 * k.base)) * k.base ELSE r.seen END AS seen,
		   CASE WHEN y.why_sustained IS NOT NULL THEN NULL
				WHEN k.rounding THEN ((r.sustained * 2 + k.base) / (2 * k.base)) * k.base ELSE r.sustained END AS sustained,
		   CASE WHEN y.why_families_seen IS NOT NULL THEN NULL
				WHEN k.rounding THEN ((r.families_seen * 2 + k.base) / (2 * k.base)) * k.base ELSE r.families_seen END AS families_seen,
		   CASE WHEN y.why_families_sustained IS NOT NULL THEN NULL
				WHEN k.rounding THEN ((r.families_sustained * 2 + k.base) / (2 * k.base)) * k.base
				ELSE r.families_sustained END AS families_sustained,
		   y.*
) AS w;
COMMENT ON VIEW @extschema@.published_reach_trend IS 'reach_trend for publication (without the change columns): a snapshot''s count is null when it is small or when the disclosure layer withholds the centre''s count of the period now (suppressed says why), with the percentages worked out from the counts shown';

CREATE VIEW @extschema@.published_lsoa_reach AS
SELECT r.lsoa_code, r.lsoa, r.centre_id, r.period, r.period_start, r.period_end,
	   p.under_fives, p.registered,
	   @extschema@.percent_of(p.registered, p.under_fives) AS registered_pct,
	   p.seen, @extschema@.percent_of(p.seen, p.under_fives) AS seen_pct,
	   p.sustained, @extschema@.percent_of(p.sustained, p.under_fives) AS sustained_pct,
	   p.families_seen, p.families_sustained,
	   CASE WHEN p.under_fives > 0 AND p.registered <= p.under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(p.registered, p.under_fives)) END AS registered_words,
	   CASE WHEN p.under_fives > 0 AND p.seen <= p.under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(p.seen, p.under_fives)) END AS seen_words,
	   r.kind, r.most_deprived,
	   surestart_internal.withheld_reason(ARRAY[p.why_registered, p.why_seen, p.why_sustained,
												p.why_families_seen, p.why_families_sustained]) AS suppressed
FROM @extschema@.lsoa_reach AS r
JOIN surestart_internal.published_reach AS p
  ON p.level = 'lsoa' AND p.unit_id = r.lsoa_code AND p.scope = 'all' AND p.period = r.period;
COMMENT ON VIEW @extschema@.published_lsoa_reach IS 'lsoa_reach for publication: the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why (deciles are left out: read them from lsoa)';

CREATE VIEW @extschema@.published_target_group_coverage AS
SELECT t.level, t.unit_id, t.unit_name, t.period, t.target_group, t.label,
	   w.families, w.any_contact,
	   @extschema@.percent_of(w.any_contact, w.families) AS any_contact_pct,
	   w.sustained,
	   @extschema@.percent_of(w.sustained, w.families) AS sustained_pct,
	   CASE WHEN w.families > 0 AND w.any_contact <= w.families
			THEN @extschema@.ofsted_words(@extschema@.proportion(w.any_contact, w.families)) END AS any_contact_words,
	   t.national,
	   surestart_internal.withheld_reason(ARRAY[w.why_families, w.why_any_contact, w.why_sustained]) AS suppressed
FROM @extschema@.target_group_coverage AS t
LEFT JOIN surestart_internal.published_unit AS s
  ON s.period = t.period AND s.level = t.level AND s.unit_id = t.unit_id AND s.scope = 'all'
 AND s.target_group = t.target_group
CROSS JOIN LATERAL (
	SELECT CASE WHEN s.why_families IS NULL AND t.families = 0 THEN 0 ELSE s.families END AS families,
		   CASE WHEN s.why_any_contact IS NULL AND t.any_contact = 0 THEN 0 ELSE s.any_contact END AS any_contact,
		   CASE WHEN s.why_sustained IS NULL AND t.sustained = 0 THEN 0 ELSE s.sustained END AS sustained,
		   CASE WHEN s.why_families IS NULL THEN CASE WHEN t.families = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_families, '') END AS why_families,
		   CASE WHEN s.why_any_contact IS NULL THEN CASE WHEN t.any_contact = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_any_contact, '') END AS why_any_contact,
		   CASE WHEN s.why_sustained IS NULL THEN CASE WHEN t.sustained = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_sustained, '') END AS why_sustained
) AS w;
COMMENT ON VIEW @extschema@.published_target_group_coverage IS 'target_group_coverage for publication: the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why';

/*
 * The data pack's values are percentages of under_fives, from which the
 * count is easily worked back, so a value is withheld with its count (its
 * suppressed says why); the county's value and range are taken over the
 * values shown.
 */
CREATE VIEW @extschema@.published_data_pack AS
WITH figures AS (
	SELECT p.level, p.unit_id, p.period,
		   CASE WHEN p.scope = 'deprived' THEN 'deprived_' ELSE '' END || m.measure AS measure,
		   @extschema@.percent_of(m.value, p.under_fives) AS value,
		   m.why AS suppressed,
		   p.visible
	FROM surestart_internal.published_reach AS p
	CROSS JOIN LATERAL (VALUES ('registered_pct', p.registered, p.why_registered),
							   ('seen_pct', p.seen, p.why_seen),
							   ('sustained_pct', p.sustained, p.why_sustained))
		AS m(measure, value, why)
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
COMMENT ON VIEW @extschema@.published_data_pack IS 'data_pack for publication: each value worked out from the published counts (null when its count is withheld; suppressed says why), and the county''s range over the values shown';

CREATE VIEW @extschema@.published_contract_value AS
SELECT c.lot_id, c.lead_partner_id, c.financial_year, c.annual_value,
	   w.registered, w.seen, w.sustained,
	   round(c.annual_value / nullif(w.registered, 0), 2) AS cost_per_registered,
	   round(c.annual_value / nullif(w.seen, 0), 2) AS cost_per_seen,
	   round(c.annual_value / nullif(w.sustained, 0), 2) AS cost_per_sustained,
	   surestart_internal.withheld_reason(ARRAY[w.why_registered, w.why_seen, w.why_sustained]) AS suppressed
FROM @extschema@.contract_value AS c
LEFT JOIN surestart_internal.published_unit AS s
  ON s.period = c.financial_year AND s.level = 'lot' AND s.unit_id = c.lot_id AND s.scope = 'all' AND s.target_group = ''
CROSS JOIN LATERAL (
	SELECT CASE WHEN s.why_registered IS NULL AND c.registered = 0 THEN 0 ELSE s.registered END AS registered,
		   CASE WHEN s.why_seen IS NULL AND c.seen = 0 THEN 0 ELSE s.seen END AS seen,
		   CASE WHEN s.why_sustained IS NULL AND c.sustained = 0 THEN 0 ELSE s.sustained END AS sustained,
		   CASE WHEN s.why_registered IS NULL THEN CASE WHEN c.registered = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_registered, '') END AS why_registered,
		   CASE WHEN s.why_seen IS NULL THEN CASE WHEN c.seen = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_seen, '') END AS why_seen,
		   CASE WHEN s.why_sustained IS NULL THEN CASE WHEN c.sustained = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_sustained, '') END AS why_sustained
) AS w;
COMMENT ON VIEW @extschema@.published_contract_value IS 'contract_value for publication: the lot''s counts of the disclosure layer (withheld ones null, with the costs per child worked out from them), and suppressed naming why';

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
	   CASE WHEN w.s_eligible OR w.s_2013 OR w.s_2014 OR w.s_local OR w.s_listed
				 OR (w.taken_up_total >= 1 AND w.taken_up_total < k.below) THEN 'primary'
			WHEN w.w_eligible OR w.w_2013 OR w.w_2014 OR w.w_local OR w.w_total OR w.w_listed THEN 'secondary'
	   END AS suppressed
FROM withheld AS w
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k;
COMMENT ON VIEW @extschema@.published_two_year_take_up IS 'two_year_take_up for publication: counts from 1 to suppress_below - 1, and the take-up percentages worked out from them, are null; so is taken_up_total when one of its parts is, and a count of a lot_group or total row when one of its lots'' is';

CREATE VIEW @extschema@.published_three_four_take_up AS
SELECT t.centre_id, t.centre, t.term_start, t.term,
	   CASE WHEN s.eligible THEN NULL ELSE t.eligible END AS eligible,
	   CASE WHEN s.in_receipt THEN NULL ELSE t.in_receipt END AS in_receipt,
	   CASE WHEN s.taken_up OR s.eligible THEN NULL ELSE t.take_up_pct END AS take_up_pct,
	   CASE WHEN s.taken_up OR s.eligible THEN NULL ELSE t.take_up_words END AS take_up_words,
	   CASE WHEN s.eligible OR s.in_receipt OR s.in_receipt_not_eligible OR s.taken_up OR s.in_school
				 OR s.in_receipt_younger THEN 'primary' END AS suppressed,
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
							ELSE '; null when withheld by the disclosure rule, or worked out from a withheld count' END);
		END LOOP;
		EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.suppressed IS %L', pair[1],
			'why a count of the row is null: primary (from 1 to suppress_below - 1), secondary (withheld so that no primary count can be worked out), pending (not protected yet for the current figures and settings); the strongest reason when several; null when every count is shown');
	END LOOP;
END
$$;
COMMENT ON COLUMN @extschema@.published_centre_reach_scoped.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs';
COMMENT ON COLUMN @extschema@.published_data_pack.county_min IS 'lowest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_max IS 'highest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_value IS 'the county''s value of the measure; null when suppressed';

