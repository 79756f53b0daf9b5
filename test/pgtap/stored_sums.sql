-- pgTAP: the stored sums (unit_figure, 58_figures.sql): refresh() keeps the
-- LSOA figures summed to every level and scope; reach_figures serves them
-- while they are current and sums the LSOA rows when read after a change to
-- what they are summed by (a centre's group or name, the most deprived
-- LSOAs, Ofsted's words), which reach_freshness shows as 'regrouped'; the
-- next refresh() sums again without counting again.  The data pack, which
-- reads the stored names and intervals, equals its 0.2 formulation (ranges
-- by window over every measure row, intervals worked out when read).
BEGIN;
SELECT plan(43);
\i test/fixtures/synthetic.sql
SET LOCAL search_path = surestart, public;

-- The data pack as 0.2 worked it out from the sums, written independently
-- of the view: one row per unit and measure, the county's value and range
-- by window, names by join, the 95% Wilson interval from the counts.
CREATE TEMP VIEW reference_pack AS
WITH figures AS (
	SELECT r.level, r.unit_id, r.period,
		   CASE WHEN r.scope = 'deprived' THEN 'deprived_' ELSE '' END || m.measure AS measure,
		   m.value, m.part, r.under_fives AS whole, r.visible
	FROM surestart_internal.reach_figures AS r
	CROSS JOIN LATERAL (VALUES ('registered_pct', r.registered_pct, r.registered), ('seen_pct', r.seen_pct, r.seen),
							   ('sustained_pct', r.sustained_pct, r.sustained)) AS m(measure, value, part)
), ranged AS (
	SELECT f.*,
		   max(f.value) FILTER (WHERE f.level = 'county') OVER w_period AS county_value,
		   min(f.value) OVER w_level AS county_min, max(f.value) OVER w_level AS county_max,
		   (max(f.part) FILTER (WHERE f.level = 'county') OVER w_period)::float8
			   / nullif(max(f.whole) FILTER (WHERE f.level = 'county') OVER w_period, 0) AS county_rate
	FROM figures AS f
	WINDOW w_period AS (PARTITION BY f.period, f.measure), w_level AS (PARTITION BY f.period, f.measure, f.level)
)
SELECT f.level, f.unit_id,
	   CASE f.level WHEN 'lsoa' THEN l.name WHEN 'centre' THEN c.name WHEN 'county' THEN 'County'
					WHEN 'district' THEN (SELECT min(d.district_name) FROM lsoa AS d WHERE d.district_code = f.unit_id)
					ELSE f.unit_id END AS unit_name,
	   f.period, f.measure, f.value, f.county_value, f.county_min, f.county_max,
	   round((100 * w.low)::numeric, 1) AS low_95, round((100 * w.high)::numeric, 1) AS high_95,
	   CASE WHEN f.level = 'county' OR w.low IS NULL OR f.county_rate IS NULL THEN NULL
			WHEN w.low > f.county_rate THEN 'higher' WHEN w.high < f.county_rate THEN 'lower' ELSE 'similar' END AS vs_county
FROM ranged AS f
LEFT JOIN lsoa AS l ON f.level = 'lsoa' AND l.lsoa_code = f.unit_id
LEFT JOIN centre AS c ON f.level = 'centre' AND c.centre_id = f.unit_id
LEFT JOIN LATERAL wilson_interval(CASE WHEN f.whole > 0 AND f.part <= f.whole THEN proportion(f.part, f.whole) END) AS w ON true
WHERE f.visible;
CREATE TEMP VIEW pack AS
SELECT level, unit_id, unit_name, period, measure, value, county_value, county_min, county_max, low_95, high_95, vs_county
FROM data_pack;
-- Every group's sums as the sums of its centres, by the centres' groups now.
CREATE TEMP VIEW groups_from_centres AS
SELECT c.group_id, r.period, r.scope, sum(r.under_fives) AS u, sum(r.registered) AS r, sum(r.seen) AS s, sum(r.sustained) AS su
FROM surestart_internal.reach_figures AS r
JOIN centre AS c ON c.centre_id = r.unit_id
WHERE r.level = 'centre' AND c.group_id IS NOT NULL
GROUP BY c.group_id, r.period, r.scope;
-- The county's deprived scope as shown, and summed from the LSOA rows of
-- the most deprived LSOAs now.
CREATE TEMP VIEW county_deprived AS
SELECT period, under_fives FROM surestart_internal.reach_figures WHERE level = 'county' AND scope = 'deprived';
CREATE TEMP VIEW county_deprived_now AS
SELECT f.period, sum(f.under_fives)::bigint FROM surestart_internal.lsoa_figure AS f
WHERE f.lsoa_code IN (SELECT lsoa_code FROM surestart_geography.deprived_lsoa) GROUP BY f.period;
CREATE TEMP VIEW group_rows AS
SELECT unit_id, period, scope, under_fives::numeric, registered::numeric, seen::numeric, sustained::numeric
FROM surestart_internal.reach_figures WHERE level = 'group';

-- ---------------------------------------------------------------- before the first refresh

SELECT is_empty('SELECT * FROM surestart_internal.unit_figure', 'nothing is stored before the first refresh()');
SELECT set_eq('SELECT * FROM pack', 'SELECT * FROM reference_pack', 'the data pack, summed when read, equals the 0.2 formulation');
UPDATE centre SET short_name = short_name WHERE centre_id = 'meadow';
SELECT is_empty('SELECT * FROM surestart_internal.roll_up_change', 'a change to a centre notes nothing while no period is stored');

-- ---------------------------------------------------------------- refresh() stores the sums

SELECT ok((SELECT count(*) FROM refresh()) > 0, 'refresh() counts the periods');
SELECT is((SELECT count(*) FROM surestart_internal.unit_figure),
	(SELECT count(*) FROM surestart_internal.roll_up(ARRAY(SELECT period FROM surestart_internal.figure_period))),
	'and stores a sum for every unit, scope and period');
SELECT set_eq($$SELECT period, level, unit_id, scope, unit_name, centre_id, under_fives, registered, registered_pct, seen, seen_pct,
					   sustained, sustained_pct, families_registered, families_seen, families_seen_pct, families_sustained,
					   families_sustained_pct, registered_words, seen_words, contacts, family_contacts,
					   registered_low, registered_high, seen_low, seen_high, sustained_low, sustained_high,
					   registered_low_95, registered_high_95, seen_low_95, seen_high_95, sustained_low_95, sustained_high_95,
					   most_deprived
				FROM surestart_internal.unit_figure$$,
	$$SELECT period, level, unit_id, scope, unit_name, centre_id, under_fives, registered, registered_pct, seen, seen_pct,
			 sustained, sustained_pct, families_registered, families_seen, families_seen_pct, families_sustained,
			 families_sustained_pct, registered_words, seen_words, contacts, family_contacts,
			 registered_low, registered_high, seen_low, seen_high, sustained_low, sustained_high,
			 registered_low_95, registered_high_95, seen_low_95, seen_high_95, sustained_low_95, sustained_high_95,
			 most_deprived
	  FROM surestart_internal.roll_up(ARRAY(SELECT period FROM surestart_internal.figure_period))$$,
	'the stored sums are roll_up() of the stored LSOA rows, column by column');
SELECT is((SELECT array_agg(DISTINCT state) FROM reach_freshness), ARRAY['current'], 'every period is current');
SELECT set_eq('SELECT * FROM pack', 'SELECT * FROM reference_pack', 'the data pack from the stored sums equals the 0.2 formulation');
SELECT set_eq('SELECT * FROM group_rows', 'SELECT * FROM groups_from_centres', 'each group''s row is the sum of its centres');
SELECT ok((SELECT count(*) FROM data_pack WHERE vs_county IS NOT NULL) > 0 AND (SELECT count(*) FROM data_pack WHERE level = 'group') > 0,
	'the comparison covers intervals, verdicts and groups');

-- ---------------------------------------------------------------- a centre moves to another group

CREATE TEMP TABLE computed_before AS SELECT period, computed_at FROM surestart_internal.figure_period;
UPDATE centre SET group_id = 'G2' WHERE centre_id = 'meadow';
SELECT is((SELECT array_agg(DISTINCT state) FROM reach_freshness), ARRAY['regrouped'],
	'moving a centre to another group marks every stored period regrouped');
SELECT ok((SELECT bool_and(current AND NOT sums_current) FROM surestart_internal.period_state),
	'its LSOA counts stay current; only the sums are out of date');
SELECT ok((SELECT bool_and(changed_since IS NOT NULL) FROM reach_freshness), 'reach_freshness says since when');
SELECT set_eq('SELECT * FROM group_rows', 'SELECT * FROM groups_from_centres', 'the views follow at once: G2 holds meadow''s sums');
SELECT ok(EXISTS (SELECT 1 FROM data_pack WHERE level = 'group' AND unit_id = 'G2'), 'and the data pack shows group G2');
SELECT set_eq('SELECT * FROM pack', 'SELECT * FROM reference_pack', 'the data pack, summed when read, equals the 0.2 formulation');
SELECT set_eq('SELECT period FROM refresh()', 'SELECT period FROM surestart_internal.figure_period',
	'refresh() sums every stored period again');
SELECT set_eq('SELECT period, computed_at FROM surestart_internal.figure_period', 'SELECT * FROM computed_before',
	'without counting any again');
SELECT is((SELECT array_agg(DISTINCT state) FROM reach_freshness), ARRAY['current'], 'then every period is current');
SELECT ok(EXISTS (SELECT 1 FROM surestart_internal.unit_figure WHERE level = 'group' AND unit_id = 'G2'),
	'and group G2 is stored');
SELECT set_eq('SELECT * FROM group_rows', 'SELECT * FROM groups_from_centres', 'the stored group rows are the sums of their centres');
SELECT is_empty('SELECT * FROM refresh()', 'a second refresh() has nothing to do');

-- ---------------------------------------------------------------- names, the most deprived LSOAs, words

UPDATE centre SET name = 'Meadow and Brook' WHERE centre_id = 'meadow';
SELECT is((SELECT array_agg(DISTINCT unit_name) FROM data_pack WHERE level = 'centre' AND unit_id = 'meadow'),
	ARRAY['Meadow and Brook'], 'a renamed centre shows its new name at once');
SELECT lives_ok('SELECT * FROM refresh()', 'refresh()');
SELECT is((SELECT array_agg(DISTINCT unit_name) FROM surestart_internal.unit_figure WHERE level = 'centre' AND unit_id = 'meadow'),
	ARRAY['Meadow and Brook'], 'and stores it');

UPDATE setting SET value = '50' WHERE name = 'deprived_percent';
SELECT is((SELECT array_agg(DISTINCT state) FROM reach_freshness), ARRAY['regrouped'],
	'a new deprived_percent marks every stored period regrouped');
SELECT set_eq('SELECT * FROM county_deprived', 'SELECT * FROM county_deprived_now',
	'the deprived scope follows the new most deprived LSOAs at once');
CREATE TEMP VIEW lsoa_deprived_flags AS
SELECT lsoa_code, period, most_deprived, lsoa_code IN (SELECT lsoa_code FROM surestart_geography.deprived_lsoa) AS now_deprived
FROM lsoa_reach;
SELECT is_empty('SELECT * FROM lsoa_deprived_flags WHERE most_deprived IS DISTINCT FROM now_deprived',
	'and so does lsoa_reach.most_deprived');
SELECT lives_ok('SELECT * FROM refresh()', 'refresh()');
SELECT is_empty('SELECT * FROM lsoa_deprived_flags WHERE most_deprived IS DISTINCT FROM now_deprived',
	'which is stored with the sums');
SELECT ok((SELECT count(DISTINCT most_deprived) FROM lsoa_deprived_flags) = 2, 'some LSOAs are most deprived, some not');
DELETE FROM lsoa_deprivation WHERE lsoa_code = 'E01026420';
SELECT is((SELECT array_agg(DISTINCT state) FROM reach_freshness), ARRAY['regrouped'],
	'a change to lsoa_deprivation marks every stored period regrouped');
SELECT set_eq('SELECT * FROM county_deprived', 'SELECT * FROM county_deprived_now', 'and the deprived scope follows it');
SELECT lives_ok('SELECT * FROM refresh()', 'refresh()');
INSERT INTO lsoa11_lsoa21 (lsoa11_code, lsoa21_code, change_code) VALUES ('E01026421', 'E01026421', 'U');
SELECT is((SELECT array_agg(DISTINCT state) FROM reach_freshness), ARRAY['regrouped'],
	'a change to the LSOA lookup marks every stored period regrouped');
SELECT lives_ok('SELECT * FROM refresh()', 'refresh()');

UPDATE ofsted_word SET words = 'Nearly all' WHERE from_percent = 90;
SELECT is((SELECT array_agg(DISTINCT state) FROM reach_freshness), ARRAY['regrouped'],
	'new words for a band mark every stored period regrouped');
SELECT set_eq($$SELECT unit_id, period, registered_words FROM surestart_internal.reach_figures WHERE registered_words IS NOT NULL$$,
	$$SELECT unit_id, period, ofsted_words(proportion(registered, under_fives)) FROM surestart_internal.reach_figures
	  WHERE under_fives > 0 AND registered <= under_fives$$,
	'and the words follow them');

-- ---------------------------------------------------------------- what a partner sees

-- LP1 runs riverside and meadow (group G1 before the move, meadow in G2
-- now): a partner sees their LSOAs, the two centres, the groups holding
-- them, every district and the county, each row as the council sees it
-- (the county's values and ranges come from every unit), stored or summed.
SELECT lives_ok('SELECT surestart.create_roles()', 'create_roles()');
CREATE ROLE t_sums_partner IN ROLE surestart_partner;
INSERT INTO partner_member (role_name, lead_partner_id) VALUES ('t_sums_partner', 'LP1');
-- What the council and the partner see of the data pack now: council_pack
-- and partner_pack (made by the partner, so that it may write it).
CREATE TEMP TABLE council_pack AS SELECT * FROM pack WITH NO DATA;
CREATE FUNCTION pg_temp.read_packs() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM council_pack;
	INSERT INTO council_pack SELECT * FROM pack;
	IF to_regclass('pg_temp.partner_pack') IS NOT NULL THEN
		DROP TABLE partner_pack;
	END IF;
	SET ROLE t_sums_partner;
	CREATE TEMP TABLE partner_pack AS
	SELECT level, unit_id, unit_name, period, measure, value, county_value, county_min, county_max, low_95, high_95, vs_county
	FROM surestart.data_pack;
	RESET ROLE;
END
$$;
CREATE TEMP VIEW council_pack_of_partner AS
SELECT * FROM council_pack
WHERE level IN ('district', 'county') OR (level = 'group' AND unit_id IN ('G1', 'G2'))
   OR (level = 'centre' AND unit_id IN ('riverside', 'meadow')) OR (level = 'lsoa' AND unit_id IN ('E01026419', 'E01026420'));
SELECT pg_temp.read_packs();
SELECT set_eq('SELECT * FROM partner_pack', 'SELECT * FROM council_pack_of_partner',
	'a partner sees the data pack rows of its units, summed when read, as the council sees them');
SELECT lives_ok('SELECT * FROM refresh()', 'refresh()');
SELECT pg_temp.read_packs();
SELECT set_eq('SELECT * FROM partner_pack', 'SELECT * FROM council_pack_of_partner', 'and from the stored sums');
SELECT cmp_ok((SELECT count(*) FROM partner_pack), '<', (SELECT count(*) FROM council_pack), 'the partner sees fewer rows than the council');

SELECT * FROM finish();
ROLLBACK;
