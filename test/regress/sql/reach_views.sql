-- The reach views on the synthetic fixture, then edge cases of the counting
-- rules: reach-area periods that touch, the fifth birthday on the reference
-- date, registration end dates, contact rules, and group inspections.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
SET search_path = surestart, surestart_internal, public;
SET datestyle = ISO;
\set ECHO none
\i test/fixtures/synthetic.sql
\set ECHO all
SELECT * FROM surestart_internal.reporting_period ORDER BY period_start, kind;
SELECT centre_id, period, under_fives, registered, registered_pct, seen, seen_pct, sustained,
	   families_registered, families_seen, families_seen_pct, families_sustained, families_sustained_pct,
	   registered_words, seen_words
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
-- the views count and sum live (roll_up, one call for all the periods that are not
-- current, which counts them with count_periods) only while their stored figures are not current
CREATE FUNCTION pg_temp.live_counts(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
		IF line ~ 'Function Scan on roll_up' THEN
			RETURN NEXT regexp_replace(line, '^.*(Function Scan on roll_up).*(never executed|loops=[0-9]+).*$', '\1: \2');
		END IF;
	END LOOP;
END
$$;
SELECT state, count(*) FROM reach_freshness GROUP BY state;
SELECT * FROM pg_temp.live_counts('SELECT * FROM surestart.centre_reach WHERE period = ''2013-14''');
SELECT * INTO TEMP live_reach FROM centre_reach;
SELECT * FROM refresh() ORDER BY period;
SELECT state, sustained_contacts, count(*) FROM reach_freshness GROUP BY state, sustained_contacts;
SELECT * FROM pg_temp.live_counts('SELECT * FROM surestart.centre_reach WHERE period = ''2013-14''');
-- the stored figures show what the live count showed
SELECT count(*) AS differing_rows FROM ((TABLE live_reach EXCEPT ALL TABLE centre_reach) UNION ALL (TABLE centre_reach EXCEPT ALL TABLE live_reach)) AS d;
SELECT * FROM refresh();
-- sustained at the council's threshold of 4; at 3, child 101's three contacts in Q1 are sustained
SELECT centre_id, period, seen, sustained FROM centre_reach WHERE centre_id = 'meadow' AND period = '2013-14 Q1';
UPDATE setting SET value = '3' WHERE name = 'sustained_contacts';
SELECT centre_id, period, seen, sustained, families_sustained FROM centre_reach WHERE centre_id = 'meadow' AND period = '2013-14 Q1';
-- nursery sessions count once per term, but every one counts on a day the child has a
-- social-care episode open: child 202 is a child in need from 1 July 2013, so its two
-- September sessions count twice, and a third in the next term once more
INSERT INTO contact VALUES (1008, 202, 'hilltop', '2014-01-07', 'nursery_session', 'nursery');
SELECT child_id, period, count(*) FROM meaningful_contact WHERE child_id = 202 GROUP BY 1, 2 ORDER BY 2;
-- child 101's family-support episode ends on 30 November 2013: its two December sessions
-- are one meaningful contact (with the October one in care, two in the autumn term)
INSERT INTO contact VALUES (1012, 101, 'meadow', '2013-10-01', 'nursery_session', 'nursery'),
	(1013, 101, 'meadow', '2013-12-02', 'nursery_session', 'nursery'),
	(1014, 101, 'meadow', '2013-12-09', 'nursery_session', 'nursery');
SELECT child_id, period, count(*) FROM meaningful_contact WHERE child_id = 101 AND period LIKE '%Q3' GROUP BY 1, 2 ORDER BY 2;
-- a family contact is a day: brothers 201 and 202 at one session are two child contacts, one family contact
INSERT INTO contact VALUES (1015, 201, 'riverside', '2014-02-10', 'stay and play', NULL),
	(1016, 202, 'riverside', '2014-02-10', 'stay and play', NULL);
SELECT lsoa_code, contacts, family_contacts, seen, families_seen FROM lsoa_figures
WHERE period = '2013-14 Q4' AND lsoa_code = 'E01026420';
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
SELECT centre_id, academic_year, contact_period, pupils, gld, gld_pct, fsp_rank, seen_pct, contact_rank, fsp_quartile,
	   contact_quartile, low_outcome_high_contact, fsm_gap
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
FROM data_pack WHERE period = '2013-14 Q4' AND measure IN ('registered_pct', 'deprived_registered_pct')
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
