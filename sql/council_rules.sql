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
ROLLBACK;
