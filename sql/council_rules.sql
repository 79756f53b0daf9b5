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
ROLLBACK;
