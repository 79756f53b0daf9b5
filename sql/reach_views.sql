-- The reach views on the synthetic fixture, then edge cases of the counting
-- rules: reach-area periods that touch, the fifth birthday on the reference
-- date, registration end dates, contact rules, and group inspections.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
SET search_path = surestart, public;
SET datestyle = ISO;
\set ECHO none
\i test/fixtures/synthetic.sql
\set ECHO all
SELECT * FROM reporting_period ORDER BY period_start, kind;
SELECT centre_id, period, under_fives, registered, registered_pct, seen, seen_pct, sustained,
	   families_seen, families_sustained, registered_words, seen_words
FROM centre_reach ORDER BY period, centre_id;
SELECT centre_id, period, under_fives, registered, seen FROM centre_reach_deprived
WHERE period = '2013-14' ORDER BY centre_id;
SELECT lsoa_code, centre_id, period, under_fives, registered, seen, most_deprived
FROM lsoa_reach WHERE period = '2013-14' ORDER BY lsoa_code;
SELECT level, unit_id, scope, under_fives, registered, seen, sustained
FROM reach_figures WHERE period = '2013-14' AND level IN ('group', 'district', 'county') ORDER BY level, unit_id, scope;
-- target groups of registered families, on each reference date
SELECT period, centre_id, family_id, contacts, groups FROM family_period_groups ORDER BY period, family_id;
SELECT level, unit_id, period, target_group, families, any_contact, any_contact_pct, sustained, sustained_pct, any_contact_words
FROM target_group_coverage WHERE period IN ('2013-14 Q1', '2013-14') AND level <> 'centre' ORDER BY level, unit_id, period, display_order;
-- a carer who turns 20 on the reference date is no longer a teenage parent that day
UPDATE carer SET dob = '1994-03-31' WHERE carer_id = 11;
SELECT period, family_id, groups @> '{teenage_parent}' AS teenage_parent, groups @> '{young_parent}' AS young_parent
FROM family_period_groups WHERE family_id = 1 ORDER BY period;
SELECT sum(coverage)::text FROM centre_coverage WHERE period = '2013-14 Q3';
-- the contact_reach aggregate does the counting, over children and over families
CREATE FUNCTION pg_temp.plan_calls(query text, pattern text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	plan text := '';
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
		plan := plan || line || E'\n';
	END LOOP;
	RETURN QUERY SELECT DISTINCT array_to_string(m, '') FROM regexp_matches(plan, pattern, 'g') AS m ORDER BY 1;
END
$$;
SELECT * FROM pg_temp.plan_calls('SELECT * FROM surestart.lsoa_period_counts WHERE period = ''2013-14''',
	'(contact_reach\()[^.()]+\.([a-z_]+\))');
-- sustained at the council's threshold of 4; at 3, child 101's three contacts in Q1 are sustained
SELECT centre_id, period, seen, sustained FROM centre_reach WHERE centre_id = 'meadow' AND period = '2013-14 Q1';
UPDATE setting SET value = '3' WHERE name = 'sustained_contacts';
SELECT centre_id, period, seen, sustained, families_sustained FROM centre_reach WHERE centre_id = 'meadow' AND period = '2013-14 Q1';
-- two nursery sessions in one term are one meaningful contact; a third in the next term is another
INSERT INTO contact VALUES (1008, 202, 'hilltop', '2014-01-07', 'nursery_session', 'nursery');
SELECT child_id, period, count(*) FROM meaningful_contact WHERE child_id = 202 GROUP BY 1, 2 ORDER BY 2;
-- a letter never counts; an unlisted mode and a missing mode always count, and are reported
INSERT INTO contact VALUES (1009, 202, 'riverside', '2014-02-01', 'letter', NULL);
INSERT INTO contact VALUES (1010, 202, 'riverside', '2014-02-02', 'drop-in', NULL);
INSERT INTO contact (contact_id, child_id, centre_id, contact_on) VALUES (1011, 202, 'riverside', '2014-02-03');
SELECT child_id, period, count(*) FROM meaningful_contact WHERE child_id = 202 AND period = '2013-14 Q4' GROUP BY 1, 2;
SELECT * FROM unknown_contact_mode ORDER BY mode NULLS FIRST;
-- a reach-area period that starts on the day the previous one ends holds that day
UPDATE reach_area SET valid_to = '2014-03-31' WHERE lsoa_code = 'E01026420';
INSERT INTO reach_area VALUES ('E01026420', '2014-03-31', 'hilltop', NULL);
SELECT centre_id, period, under_fives, registered, seen FROM centre_reach
WHERE period IN ('2013-14 Q3', '2013-14 Q4') AND centre_id IN ('riverside', 'hilltop') ORDER BY period, centre_id;
-- a child is counted up to the day before its fifth birthday (29 February: 1 March)
INSERT INTO child VALUES (302, 3, '2009-03-31', 'M', false), (303, 3, '2009-04-01', 'F', false), (304, 3, '2008-02-29', 'F', false);
INSERT INTO registration VALUES (302, 'hilltop', '2012-01-01', NULL), (303, 'hilltop', '2012-01-01', NULL), (304, 'hilltop', '2012-01-01', '2013-02-28');
SELECT period, child_id FROM counted_child WHERE child_id IN (301, 302, 303, 304) ORDER BY period, child_id;
-- a registration counts through its last day
UPDATE registration SET ended_on = '2013-12-31' WHERE child_id = 303;
SELECT period, child_id, registered FROM counted_child WHERE child_id = 303 ORDER BY period;
-- the population year: latest mid-year not after the reference year, else the earliest
INSERT INTO population VALUES ('E01026421', 2013, 0, 100);
SELECT centre_id, period, under_fives FROM centre_reach WHERE centre_id = 'hilltop' ORDER BY period;
-- Ofsted: the group inspection counts for both centres; a postponed one does not count
SELECT centre_id, inspection_id, inspected_on, overall, overall_grade, quality, next_due, overdue
FROM ofsted_latest ORDER BY centre_id;
INSERT INTO ofsted_inspection (inspection_id, inspected_on, framework, overall) VALUES (4, '2014-02-01', '2013', 'RI');
INSERT INTO inspected_centre VALUES (4, 'riverside');
SELECT centre_id, inspection_id, overall, next_due FROM ofsted_latest WHERE centre_id = 'riverside';
-- value for money and the FSP ranking
SELECT * FROM contract_value ORDER BY lot_id;
SELECT centre_id, academic_year, pupils, gld, gld_pct, fsp_rank, seen_pct, contact_rank, fsp_quartile,
	   contact_quartile, quadrant, fsm_gap
FROM fsp_contact_ranking ORDER BY academic_year, centre_id;
-- Ofsted mix against the national benchmark, and lead partners
SELECT level, unit_id, centres, graded, good_or_outstanding, good_or_outstanding_pct, benchmark_pct,
	   requires_improvement, not_inspected
FROM ofsted_summary ORDER BY level, unit_id;
UPDATE setting SET value = '75.5' WHERE name = 'ofsted_good_benchmark';
SELECT DISTINCT benchmark_pct FROM ofsted_summary;
SELECT lead_partner_id, financial_year, centres, lots, annual_value, registered, seen, cost_per_seen,
	   good, requires_improvement, not_inspected
FROM lead_partner_summary ORDER BY lead_partner_id;
-- the data pack: each unit beside the county value and range at its level
SELECT level, unit_id, unit_name, measure, value, county_value, county_min, county_max
FROM data_pack WHERE period = '2013-14 Q4' AND measure IN ('registered_pct', 'registered_pct_deprived')
ORDER BY measure, level, unit_id;
-- support levels from grades (newest first) and the latest ratings
SELECT centre_id, latest_grades, inspections, rag_assessed_on, quality_rag, leadership_rag, level, level_name
FROM support_levels ORDER BY centre_id;
-- funded places: two-year-olds per lot and term; three- and four-year-olds from funded_from until school
SELECT * FROM two_year_take_up ORDER BY lot_id, term_start;
INSERT INTO three_four_funding VALUES (201, '2014-01-01', true), (202, '2016-01-01', true);
SELECT centre_id, term_start, term, eligible, in_receipt, take_up_pct, take_up_words, in_receipt_not_eligible
FROM three_four_take_up ORDER BY centre_id, term_start;
ROLLBACK;
