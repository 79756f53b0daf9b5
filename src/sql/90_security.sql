/* src/sql/90_security.sql: roles, row-level security, published views with small numbers suppressed */

/*
 * The README's Security section describes the model.  This part holds:
 *   - protected_relations(): the one list of relations that hold a
 *     person's row or are unfiltered internals, which create_roles() reads;
 *   - the row-level security policies of every person-level table and of
 *     the centre-level tables partners read (created here, in the script,
 *     because pg_dump does not dump policies on extension tables; they read
 *     the dumped configuration table partner_member through the partner_*
 *     views of 45_access.sql);
 *   - the published_* views for BI readers;
 *   - create_roles().
 */

/* ---------------------------------------------------------------- classification */

/*
 * Relations create_roles() treats specially, by name, so that new tables
 * and views need one line here:
 *   person   - holds a person's row (tables, and views of person rows).
 *              Readers and analysts get no privilege on it; partners get
 *              SELECT on the tables, under row-level security, and nothing
 *              on the views (which are unfiltered building blocks).
 *   internal - an unfiltered view of centre-keyed figures that other views
 *              build on (their county, group and ranking figures need every
 *              centre).  Analysts may read it; partners may not (they read
 *              the filtered views built on it).
 *   private  - nobody but the owner (partner_member).
 * Besides this list, create_roles() treats as person-level every view with
 * a column naming a person (child_id, family_id, carer_id, contact_id,
 * pupil_id), so a new person-level view is withheld even if not listed.
 * Names that do not exist (yet) are skipped.
 */
CREATE FUNCTION @extschema@.protected_relations()
RETURNS TABLE (relation_name text, access_class text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
VALUES
	('family'::text, 'person'::text), ('carer', 'person'), ('child', 'person'),
	('registration', 'person'), ('contact', 'person'), ('social_care', 'person'),
	('eyfs_result', 'person'), ('two_year_place', 'person'), ('three_four_funding', 'person'),
	('load_reject', 'person'), ('child_contact_profile', 'person'),
	('counted_child', 'person'), ('meaningful_contact', 'person'),
	('family_period_groups', 'person'), ('child_term_centre', 'person'),
	('period_reach_area', 'internal'), ('lsoa_period_counts', 'internal'),
	('reach_figures', 'internal'), ('centre_reach_scoped', 'internal'),
	('centre_coverage', 'internal'), ('ofsted_latest_all', 'internal'),
	('fsp_contact_ranking_all', 'internal'), ('scorecard_actual', 'internal'),
	('partner_member', 'private')
$$;
COMMENT ON FUNCTION @extschema@.protected_relations() IS 'relations create_roles() withholds: person (a person''s rows: partners get the tables under row-level security), internal (unfiltered views other views build on: analysts only), private (owner only)';

/* ---------------------------------------------------------------- row-level security */

/*
 * Users that are not partners (partner_restricted() false) pass the
 * not_partner policy, so row-level security changes nothing for them: what
 * they may read is what their table privileges say.  Partners pass only
 * partner_scope, for SELECT (they are granted nothing else).  The owner of
 * the tables (the extension owner, a superuser) and superusers bypass
 * row-level security altogether, and so do the views, which read the
 * tables with their owner's rights and filter through visible_centre.
 */

DO $$
DECLARE
	p text[];
BEGIN
	FOREACH p SLICE 1 IN ARRAY ARRAY[
		-- person-level tables
		['family', 'family_id IN (SELECT s.family_id FROM @extschema@.partner_family AS s)'],
		['carer', 'family_id IN (SELECT s.family_id FROM @extschema@.partner_family AS s)'],
		['child', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		['registration', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['contact', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['social_care', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		['eyfs_result', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s) OR lsoa_code IN (SELECT s.lsoa_code FROM @extschema@.partner_lsoa AS s)'],
		['two_year_place', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		['three_four_funding', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		-- centre-level tables
		['lead_partner', 'lead_partner_id IN (SELECT s.lead_partner_id FROM @extschema@.partner_lead_partner AS s)'],
		['contract', 'lead_partner_id IN (SELECT s.lead_partner_id FROM @extschema@.partner_lead_partner AS s)'],
		['lot', 'lead_partner_id IN (SELECT s.lead_partner_id FROM @extschema@.partner_lead_partner AS s)'],
		['centre', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['reach_area', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['inspected_centre', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['ofsted_inspection', 'inspection_id IN (SELECT s.inspection_id FROM @extschema@.partner_inspection AS s)'],
		['centre_rag', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['centre_target', 'centre_id IS NULL OR centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['board_meeting', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['building_fund', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['reach_snapshot', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['coverage_snapshot', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		-- rejected rows (whole staged rows, personal data): loaders only
		['load_reject', 'false']]
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', p[1]);
		EXECUTE pg_catalog.format('CREATE POLICY not_partner ON @extschema@.%I USING (NOT (SELECT @extschema@.partner_restricted()))', p[1]);
		EXECUTE pg_catalog.format('CREATE POLICY partner_scope ON @extschema@.%I FOR SELECT USING (%s)', p[1], p[2]);
	END LOOP;
END
$$;

/* ---------------------------------------------------------------- published views */

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
FROM @extschema@.centre_reach_scoped AS r
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
	FROM @extschema@.reach_figures AS r
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

CREATE VIEW @extschema@.published_two_year_take_up AS
SELECT t.lot_id, t.term_start, t.term,
	   CASE WHEN s.dwp_eligible THEN NULL ELSE t.dwp_eligible END AS dwp_eligible,
	   CASE WHEN s.taken_up_dwp THEN NULL ELSE t.taken_up_dwp END AS taken_up_dwp,
	   CASE WHEN s.taken_up_local_criteria THEN NULL ELSE t.taken_up_local_criteria END AS taken_up_local_criteria,
	   CASE WHEN s.taken_up_total THEN NULL ELSE t.taken_up_total END AS taken_up_total,
	   CASE WHEN s.taken_up_dwp OR s.dwp_eligible THEN NULL ELSE t.take_up_pct END AS take_up_pct,
	   CASE WHEN s.taken_up_total OR s.dwp_eligible THEN NULL ELSE t.total_take_up_pct END AS total_take_up_pct,
	   s.dwp_eligible OR s.taken_up_dwp OR s.taken_up_local_criteria OR s.taken_up_total AS suppressed
FROM @extschema@.two_year_take_up AS t
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT t.dwp_eligible >= 1 AND t.dwp_eligible < k.below AS dwp_eligible,
						   t.taken_up_dwp >= 1 AND t.taken_up_dwp < k.below AS taken_up_dwp,
						   t.taken_up_local_criteria >= 1 AND t.taken_up_local_criteria < k.below AS taken_up_local_criteria,
						   t.taken_up_total >= 1 AND t.taken_up_total < k.below AS taken_up_total) AS s;
COMMENT ON VIEW @extschema@.published_two_year_take_up IS 'two_year_take_up for publication: counts from 1 to suppress_below - 1, and the take-up percentages worked out from them, are null';

CREATE VIEW @extschema@.published_three_four_take_up AS
SELECT t.centre_id, t.centre, t.term_start, t.term,
	   CASE WHEN s.eligible THEN NULL ELSE t.eligible END AS eligible,
	   CASE WHEN s.in_receipt THEN NULL ELSE t.in_receipt END AS in_receipt,
	   CASE WHEN s.in_receipt OR s.eligible THEN NULL ELSE t.take_up_pct END AS take_up_pct,
	   CASE WHEN s.in_receipt OR s.eligible THEN NULL ELSE t.take_up_words END AS take_up_words,
	   s.eligible OR s.in_receipt OR s.in_receipt_not_eligible AS suppressed,
	   CASE WHEN s.in_receipt_not_eligible THEN NULL ELSE t.in_receipt_not_eligible END AS in_receipt_not_eligible
FROM @extschema@.three_four_take_up AS t
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT t.eligible >= 1 AND t.eligible < k.below AS eligible,
						   t.in_receipt >= 1 AND t.in_receipt < k.below AS in_receipt,
						   t.in_receipt_not_eligible >= 1 AND t.in_receipt_not_eligible < k.below AS in_receipt_not_eligible) AS s;
COMMENT ON VIEW @extschema@.published_three_four_take_up IS 'three_four_take_up for publication: counts from 1 to suppress_below - 1, and the take-up percentage and words worked out from them, are null';

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
		['published_centre_reach_scoped', 'centre_reach_scoped'],
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
								 'term_start', 'term', 'measure', 'scope', 'taken_at') AS never_suppressed
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
COMMENT ON COLUMN @extschema@.published_data_pack.county_min IS 'lowest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_max IS 'highest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_value IS 'the county''s value of the measure; null when suppressed';

/* ---------------------------------------------------------------- roles */

/*
 * create_roles(): create the four NOLOGIN roles if missing and (re)apply
 * exactly their privileges on the extension's objects (README, Security).
 * Run it again after ALTER EXTENSION surestart UPDATE, or after another
 * helper schema (surestart_staging) appears, so new objects are covered.
 *
 * SECURITY DEFINER (reviewed): it creates roles (CREATEROLE) and grants
 * privileges on objects only their owner may grant; running as the
 * extension owner lets a superuser delegate this one job to a council DBA
 * role (GRANT EXECUTE) without making it owner or superuser.  EXECUTE is
 * revoked from PUBLIC below.  It takes no argument; the role and schema
 * names it touches are fixed (the extension's schema, surestart_staging)
 * and quoted with %I; the object names come from the catalog and are
 * quoted with %I too; search_path is pinned to pg_catalog, pg_temp.  It
 * refuses to grant to an existing role of these names that is a superuser
 * or BYPASSRLS, since row-level security would not hold for it.
 *
 * Roles are cluster-wide and are not members of the extension: DROP
 * EXTENSION leaves them (with their privileges in other databases); drop
 * them with DROP OWNED BY / DROP ROLE in each database.
 */
CREATE FUNCTION @extschema@.create_roles() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	ext_schema CONSTANT text := '@extschema@';
	staging CONSTANT text := 'surestart_staging';
	role_name text;
	existing record;
	rel record;
	fn record;
BEGIN
	FOREACH role_name IN ARRAY ARRAY['surestart_reader', 'surestart_analyst', 'surestart_partner', 'surestart_loader'] LOOP
		SELECT r.rolsuper, r.rolbypassrls, r.rolcanlogin INTO existing
		FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) role_name::pg_catalog.name;
		IF NOT FOUND THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', role_name);
		ELSIF existing.rolsuper OR existing.rolbypassrls THEN
			RAISE EXCEPTION 'role "%" already exists and is a superuser or BYPASSRLS', role_name
				USING ERRCODE = 'object_in_use',
					  HINT = 'Row-level security would not apply to it: ALTER ROLE it NOSUPERUSER NOBYPASSRLS, or drop it, and call create_roles() again.';
		ELSIF existing.rolcanlogin THEN
			RAISE NOTICE 'role "%" already exists and can log in; it is left so', role_name;
		END IF;

		-- Start from nothing, so the grants below are exactly what it has.
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO %I', ext_schema, role_name);
	END LOOP;

	/*
	 * Every relation of the schema, classified: published (published_*
	 * views), person (listed, or a view with a person's id column),
	 * internal, private, or plain (reference and centre-level tables, and
	 * the filtered reporting views).
	 */
	FOR rel IN
		SELECT c.relname, c.relkind, c.relrowsecurity,
			   CASE WHEN c.relkind OPERATOR(pg_catalog.=) 'v' AND c.relname OPERATOR(pg_catalog.~~) 'published\_%' THEN 'published'
					WHEN p.access_class IS NOT NULL THEN p.access_class
					WHEN c.relkind OPERATOR(pg_catalog.=) 'v' AND EXISTS (
						SELECT 1 FROM pg_catalog.pg_attribute AS a
						WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum OPERATOR(pg_catalog.>) 0
						  AND NOT a.attisdropped
						  AND a.attname OPERATOR(pg_catalog.=) ANY (ARRAY['child_id', 'family_id', 'carer_id', 'contact_id', 'pupil_id']::pg_catalog.name[]))
						THEN 'person'
					ELSE 'plain' END AS access_class
		FROM pg_catalog.pg_class AS c
		LEFT JOIN @extschema@.protected_relations() AS p ON p.relation_name OPERATOR(pg_catalog.=) c.relname::text
		WHERE c.relnamespace OPERATOR(pg_catalog.=) ext_schema::pg_catalog.regnamespace
		  AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'v', 'm', 'p', 'f']::"char"[])
		ORDER BY c.relname
	LOOP
		IF rel.access_class OPERATOR(pg_catalog.=) 'published' THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_reader, surestart_analyst, surestart_partner', ext_schema, rel.relname);
		ELSIF rel.access_class OPERATOR(pg_catalog.=) 'plain' THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_analyst, surestart_partner', ext_schema, rel.relname);
		ELSIF rel.access_class OPERATOR(pg_catalog.=) 'internal' THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_analyst', ext_schema, rel.relname);
		ELSIF rel.access_class OPERATOR(pg_catalog.=) 'person' AND rel.relkind OPERATOR(pg_catalog.<>) 'v'
			  AND rel.relrowsecurity THEN
			-- only under row-level security (every person-level table has
			-- it: test/pgtap/hardening.sql), never a table without policies
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_partner', ext_schema, rel.relname);
		END IF;
	END LOOP;

	-- The C functions read these through SPI with the caller's rights.
	EXECUTE pg_catalog.format('GRANT SELECT ON %I.setting, %I.ofsted_word TO surestart_reader, surestart_loader', ext_schema, ext_schema);

	/*
	 * Functions: analysts and partners may run every function but the
	 * SECURITY DEFINER ones kept from PUBLIC (create_roles, and the
	 * loading and snapshot jobs).  The others stay executable by PUBLIC
	 * as PostgreSQL grants by default, which readers need for the
	 * functions the published views call.
	 */
	FOR fn IN
		SELECT p.oid::pg_catalog.regprocedure AS signature
		FROM pg_catalog.pg_proc AS p
		WHERE p.pronamespace OPERATOR(pg_catalog.=) ext_schema::pg_catalog.regnamespace
		  AND NOT (p.prosecdef AND NOT EXISTS (
				SELECT 1 FROM pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) AS x
				WHERE x.grantee OPERATOR(pg_catalog.=) 0::pg_catalog.oid AND x.privilege_type OPERATOR(pg_catalog.=) 'EXECUTE'))
		ORDER BY p.oid
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO surestart_analyst, surestart_partner', fn.signature);
	END LOOP;

	/* Loaders: the staging tables, load_staged() and the import helpers, and the rejects. */
	EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO surestart_loader', staging);
	EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA %I TO surestart_loader', staging);
	EXECUTE pg_catalog.format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO surestart_loader', staging);
	FOR fn IN
		SELECT p.oid::pg_catalog.regprocedure AS signature
		FROM pg_catalog.pg_proc AS p
		WHERE p.pronamespace OPERATOR(pg_catalog.=) ext_schema::pg_catalog.regnamespace
		  AND p.proname OPERATOR(pg_catalog.=) ANY (ARRAY['load_staged', 'import_iod2019',
				'import_ons_population', 'import_social_care_feed']::pg_catalog.name[])
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO surestart_loader', fn.signature);
	END LOOP;
	EXECUTE pg_catalog.format('GRANT SELECT, DELETE ON %I.load_reject TO surestart_loader', ext_schema);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.create_roles() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.create_roles() IS 'creates the NOLOGIN roles surestart_reader, surestart_analyst, surestart_partner and surestart_loader if missing and re-applies exactly their privileges; run it again after an update (superusers only unless granted)';
