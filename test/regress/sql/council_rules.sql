-- Figures by the councils' own rules (issue 13, part A), each with a
-- hand-built case that the 0.2 rule got wrong, and every error: the
-- reference_date setting; contracts by days; two-year take-up by the basis
-- of the criteria; three- and four-year-olds by cohort, school included;
-- the building maintenance fund; vulnerable groups.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
\set VERBOSITY default
BEGIN;
SET search_path = surestart, surestart_internal, public;
SET datestyle = ISO;
SET jit = off;
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
\set ECHO none
\i test/fixtures/synthetic.sql
\set ECHO all

/* ---------------------------------------------------------------- reference_date */

-- the default is today
SELECT value, seeded, reference_date() = current_date AS is_today FROM setting WHERE name = 'reference_date';
-- riverside was inspected on 10 September 2013 (Good): due by 10 September
-- 2018, so overdue today, but not in a report as at 31 March 2014; old_mill
-- closed on 31 December 2013, so it is listed as at 30 June 2013
SELECT centre_id, inspected_on, next_due, overdue FROM ofsted_latest ORDER BY centre_id;
UPDATE setting SET value = ' 2014-03-31 ' WHERE name = 'reference_date';
SELECT value, seeded, reference_date() FROM setting WHERE name = 'reference_date';
SELECT centre_id, inspected_on, next_due, overdue FROM ofsted_latest ORDER BY centre_id;
SELECT latest_ended_quarter();
UPDATE setting SET value = '2013-06-30' WHERE name = 'reference_date';
SELECT centre_id, inspected_on, next_due, overdue FROM ofsted_latest ORDER BY centre_id;
-- a year in progress on the reference date has not ended; the latest ended quarter
SELECT DISTINCT financial_year, year_ended FROM governance ORDER BY financial_year;
SELECT latest_ended_quarter();
UPDATE setting SET value = 'TODAY' WHERE name = 'reference_date';
SELECT value, reference_date() = current_date AS is_today FROM setting WHERE name = 'reference_date';
-- bad values name the value and what was expected (class 22)
SELECT v, pg_temp.error_of(format('UPDATE surestart.setting SET value = %L WHERE name = ''reference_date''', v))
FROM unnest(ARRAY['yesterday', '2014-02-30', '31/03/2014', '2014-3-31', '', '0000-01-01', '2014-03-31x']) AS v;
UPDATE setting SET value = '2014-13-01' WHERE name = 'reference_date';

/* ---------------------------------------------------------------- contracts by days */

-- lot 2a's contract starts on 1 October 2013: 182 of the 365 days of
-- 2013-14 (0.2 charged the full 150,000); lot 1's (from 2012-10-01) is live
-- all year; lot 3 has no contract (charged the whole year: its value is null)
UPDATE contract SET starts_on = '2013-10-01' WHERE contract_ref = 'C200';
SELECT lot_id, financial_year, lot_annual_value, days_live, days_in_year, annual_value,
	   registered, seen, cost_per_registered, cost_per_seen
FROM contract_value ORDER BY lot_id, financial_year;
-- a contract ending on 31 December 2013 (275 days, none in later years);
-- one from 1 October 2015: 183 of the 366 days of 2015-16 (a 29 February)
INSERT INTO contact VALUES (1101, 202, 'hilltop', '2016-02-01', 'face_to_face', NULL);
UPDATE contract SET starts_on = '2012-01-01', ends_on = '2013-12-31' WHERE contract_ref = 'C100';
UPDATE contract SET starts_on = '2015-10-01', ends_on = '2017-03-31' WHERE contract_ref = 'C200';
SELECT lot_id, financial_year, days_live, days_in_year, annual_value, cost_per_registered
FROM contract_value WHERE lot_id <> '3' ORDER BY lot_id, financial_year;
SELECT lot_id, financial_year, annual_value FROM published_contract_value WHERE lot_id <> '3' ORDER BY lot_id, financial_year;
-- a contract that ends before it starts is refused (class 23)
UPDATE contract SET ends_on = '2011-12-31' WHERE contract_ref = 'C100';

/* ---------------------------------------------------------------- two-year take-up by criteria */

SELECT criteria, basis, label, seeded FROM two_year_criteria ORDER BY basis, criteria;
-- lot 2a (hilltop), summer 2014: three children on the DWP list (501, 502,
-- 507), four places under the September 2013 criteria (501 and 507 listed,
-- 503 found eligible by the council though not listed, 504 looked after),
-- one under the September 2014 criteria, one local: take-up 4 of 3 listed,
-- 133.3% (0.2 counted only listed children: 2 of 3, 66.7%)
INSERT INTO child (child_id, family_id, dob, sex, disabled) VALUES
	(501, 3, '2012-01-10', 'F', false), (502, 3, '2012-01-11', 'M', false), (503, 3, '2012-01-12', 'F', false),
	(504, 3, '2012-01-13', 'M', false), (505, 3, '2012-01-14', 'F', false), (506, 3, '2012-01-15', 'M', false),
	(507, 3, '2012-01-16', 'F', false), (508, 2, '2012-01-17', 'M', false), (509, 2, '2012-01-18', 'F', false);
INSERT INTO two_year_place (child_id, term_start, dwp_eligible, criteria, taken_up) VALUES
	(501, '2014-04-01', true, 'dwp', true),
	(502, '2014-04-01', true, ' DWP ', false),
	(503, '2014-04-01', false, 'dwp', true),
	(504, '2014-04-01', false, 'looked_after', true),
	(505, '2014-04-01', false, 'ehc_plan', true),
	(506, '2014-04-01', false, 'Health visitor referral', true),
	(507, '2014-04-01', true, NULL, true),
	(508, '2014-04-01', true, 'dwp', true),
	(509, '2014-04-01', true, 'dwp', true);
SELECT level, lot_id, lot_group, term, dwp_eligible, taken_up_sept_2013, taken_up_sept_2014, taken_up_local,
	   taken_up_total, take_up_pct, total_take_up_pct, taken_up_listed, listed_take_up_pct
FROM two_year_take_up WHERE term_start = '2014-04-01' ORDER BY level, lot_id;
-- grouped lots get a row per group; published with suppress_below 2, lot
-- 2a's single 2014-criteria and local places are withheld, and so are those
-- of its group (the same lot) and of the county's total; taken_up_total
-- stays, as it gives away only the two together (2), not one of them; the
-- listed children taking a place (2 of 3) are withheld as secondary, or the
-- one listed child not taking a place would show (3 - 2)
UPDATE lot SET lot_group = 'Priority' WHERE lot_id = '2a';
UPDATE lot SET lot_group = 'Other' WHERE lot_id = '1';
UPDATE setting SET value = '2' WHERE name = 'suppress_below';
SELECT level, lot_id, lot_group, dwp_eligible, taken_up_sept_2013, taken_up_sept_2014, taken_up_local,
	   taken_up_total, take_up_pct, total_take_up_pct, taken_up_listed, suppressed
FROM published_two_year_take_up WHERE term_start = '2014-04-01' ORDER BY level, lot_group, lot_id;
UPDATE setting SET value = '5' WHERE name = 'suppress_below';
-- a council's own criterion, and a decision to count it with the 2014 ones
INSERT INTO two_year_criteria (criteria, basis, label) VALUES ('health visitor referral', 'local', 'Referred by a health visitor');
UPDATE two_year_criteria SET basis = 'sept_2014' WHERE criteria = 'health visitor referral';
SELECT level, lot_id, lot_group, lot_name, term, dwp_eligible, taken_up_sept_2013, taken_up_sept_2014, taken_up_local,
	   taken_up_total, take_up_pct
FROM two_year_take_up ORDER BY term_start, level, lot_group, lot_id;
-- bad criteria rows are refused (class 23), and shipped ones cannot be deleted
INSERT INTO two_year_criteria (criteria, basis, label) VALUES ('income support', 'sept_2015', 'Income support');
INSERT INTO two_year_criteria (criteria, basis, label) VALUES (' ', 'local', 'Blank');
INSERT INTO two_year_criteria (criteria, basis, label) VALUES ('foster', 'local', '');
INSERT INTO two_year_criteria (criteria, basis, label) VALUES ('Looked_After ', 'local', 'Looked after, again');
DELETE FROM two_year_criteria WHERE criteria = 'left_care';
UPDATE lot SET lot_group = ' ' WHERE lot_id = '1';
SELECT criteria, basis, seeded FROM two_year_criteria WHERE NOT seeded ORDER BY criteria;

/* ---------------------------------------------------------------- three- and four-year-olds by cohort */

-- Hilltop, spring 2014 (school year from 1 September 2013): the four-year-olds
-- were born September 2008 to August 2009 (601 in a reception class, 602
-- and 301 not funded), the three-year-olds September 2009 to August 2010
-- (603 funded, 604 not); 605 turned 3 in October 2013 and is funded from
-- January (counted apart), 606 is funded before funded_from (a data check).
-- Taken up: 601 and 603, 2 of 5 known (40.0%); 0.2 dropped the children at
-- school age and gave 2 of 3 (66.7%).  The ONS denominator: 13 aged 3 and
-- 14 aged 4 in the LSOA's earliest estimate (2017, none being older).
INSERT INTO child (child_id, family_id, dob, sex, disabled) VALUES
	(601, 3, '2009-05-10', 'F', false), (602, 3, '2008-12-01', 'M', false), (603, 3, '2010-02-01', 'F', false),
	(604, 3, '2010-06-30', 'M', false), (605, 3, '2010-10-01', 'F', false), (606, 3, '2011-02-01', 'M', false);
INSERT INTO three_four_funding (child_id, term_start, in_receipt, setting_kind) VALUES
	(601, '2014-01-01', false, 'school'),
	(603, '2014-01-01', true, NULL),
	(604, '2014-01-01', false, 'early_years'),
	(605, '2014-01-01', true, 'early_years'),
	(606, '2014-01-01', true, 'early_years');
SELECT centre_id, term, eligible, in_receipt, in_school, taken_up, take_up_pct, take_up_words,
	   three_year_olds, three_taken_up, three_take_up_pct, four_year_olds, four_taken_up, four_take_up_pct,
	   in_receipt_younger, in_receipt_not_eligible, ons_three, ons_four, ons_population, ons_take_up_pct
FROM three_four_take_up ORDER BY centre_id, term_start;
-- published (suppress_below 2): the single counts are withheld with what they give away
UPDATE setting SET value = '2' WHERE name = 'suppress_below';
SELECT centre_id, term, eligible, in_receipt, taken_up, in_school, take_up_pct, in_receipt_younger,
	   in_receipt_not_eligible, ons_population, ons_take_up_pct, suppressed
FROM published_three_four_take_up WHERE centre_id = 'hilltop';
UPDATE setting SET value = '5' WHERE name = 'suppress_below';
-- a setting kind must be early_years or school (class 23)
UPDATE three_four_funding SET setting_kind = 'nursery' WHERE child_id = 601;

/* ---------------------------------------------------------------- building maintenance fund */

-- the fixture's sites: Riverside's 100 m2 at 19.99 = 1,999.00, its extra 20 m2
-- = 399.80 charged 400 (rounding), the shared site 50.5 m2 at 22.49 =
-- 1,135.75 charged 1,136; Meadow's new site charged at the other fund's rate
-- (as Norfolk's Dereham: 794 m2 at 22.49 listed under BMF at 19.99) is
-- flagged, and one with no contribution recorded cannot be checked
INSERT INTO building_fund (site_code, site_name, centre_id, fund, area_m2, rate_per_m2, contribution, expenditure, financial_year) VALUES
	('EK0003', 'Meadow', 'meadow', 'BMF', 794, 19.99, 17857, 12000, '2013-14'),
	('EK0004', 'Meadow (annexe)', 'meadow', 'BMF', 10, 19.99, NULL, NULL, '2013-14'),
	('EK0001', 'Riverside', 'riverside', 'BMF', 100, 19.99, 2100, 2000, '2014-15');
SELECT level, financial_year, fund, site_code, site_name, centre, area_m2, rate_per_m2, contribution, expenditure,
	   balance, expected_contribution, contribution_difference, contribution_matches, mismatched_sites, sites
FROM building_fund_balance ORDER BY financial_year, level = 'total', fund, level = 'fund', site_code, site_name;
-- a contribution off by more than rounding explains (for 100 m2, 1 pound and
-- half a penny a square metre: 1.50): 2,001.50 is flagged, 2,000.50 is not
UPDATE building_fund SET contribution = 2001.50 WHERE site_name = 'Riverside' AND financial_year = '2013-14';
SELECT site_name, contribution, contribution_difference, contribution_matches FROM building_fund_balance
WHERE site_name = 'Riverside' AND financial_year = '2013-14';
UPDATE building_fund SET contribution = 2000.50 WHERE site_name = 'Riverside' AND financial_year = '2013-14';
SELECT site_name, contribution, contribution_difference, contribution_matches FROM building_fund_balance
WHERE site_name = 'Riverside' AND financial_year = '2013-14';
-- bad rows are refused (class 23)
INSERT INTO building_fund (site_code, site_name, fund, area_m2, rate_per_m2, contribution, financial_year)
VALUES ('EK0005', 'Nowhere', 'BMF', 10, 19.99, -1, '2013-14');
INSERT INTO building_fund (site_code, site_name, fund, area_m2, rate_per_m2, contribution, financial_year)
VALUES ('EK0005', 'Nowhere', 'BMF', 10, 19.99, 200, '2013/14');

/* ---------------------------------------------------------------- vulnerable groups */

SELECT code FROM target_group WHERE vulnerable ORDER BY display_order;
-- family 2's only groups are fathers, additional language and minority
-- ethnic once its carer and child are not disabled and its child-in-need
-- episode has ended: in national groups, but not vulnerable; family 1 (a
-- pregnant teenage lone parent) is
UPDATE carer SET disabled = false WHERE carer_id = 21;
UPDATE child SET disabled = false WHERE child_id = 201;
UPDATE social_care SET ends_on = '2013-12-31' WHERE child_id = 202;
SELECT period, centre_id, family_id, contacts, groups FROM family_period_groups
WHERE period IN ('2013-14', '2013-14 Q4') ORDER BY period, family_id;
-- of the two registered families seen in 2013-14 one is vulnerable, 50.0%;
-- counting every national group (0.2's only figure) gives 100.0%
SELECT level, centre_id, centre, period, families, families_seen, vulnerable_families, vulnerable_seen,
	   vulnerable_sustained, vulnerable_seen_pct, vulnerable_pct, vulnerable_families_seen_pct, any_national_seen_pct
FROM vulnerable_reach WHERE period IN ('2013-14', '2013-14 Q4') ORDER BY period, level, centre_id;
-- the flag is the council's: counting fathers as vulnerable
UPDATE target_group SET vulnerable = true WHERE code = 'father';
SELECT code, vulnerable, seeded FROM target_group WHERE code = 'father';
SELECT level, centre_id, period, vulnerable_families, vulnerable_seen, vulnerable_seen_pct
FROM vulnerable_reach WHERE period = '2013-14' ORDER BY level, centre_id;
-- the flag must be true or false (class 23)
UPDATE target_group SET vulnerable = NULL WHERE code = 'lone_parent';
ROLLBACK;
