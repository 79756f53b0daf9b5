-- calendar: age_on, funded_from, financial_year, financial_quarter,
-- financial_period_bounds, term_start, term_name
SET search_path = surestart, public;
SET datestyle = 'ISO, YMD';
-- age_on: completed years
SELECT age_on('2010-06-15', '2010-06-15') AS birth_day, age_on('2010-06-15', '2011-06-14') AS day_before,
	age_on('2010-06-15', '2011-06-15') AS birthday, age_on('2010-06-15', '2015-06-14') AS four,
	age_on('2010-06-15', '2015-06-15') AS five;
-- born 29 February: a year older on 1 March in non-leap years, on 29 February in leap years
SELECT age_on('2012-02-29', '2013-02-28') AS feb28, age_on('2012-02-29', '2013-03-01') AS mar1,
	age_on('2012-02-29', '2016-02-28') AS leap_feb28, age_on('2012-02-29', '2016-02-29') AS leap_feb29,
	age_on('2012-02-29', '2017-02-28') AS feb28_5, age_on('2012-02-29', '2017-03-01') AS mar1_5;
SELECT age_on('2011-03-01', '2012-02-29') AS born_mar1_on_leap_day, age_on('2011-02-28', '2012-02-28') AS born_feb28;
SELECT age_on('4713-01-01 BC', '5874897-12-31') AS widest;
SELECT age_on(NULL, '2013-01-01') IS NULL AS null_dob, age_on('2013-01-01', NULL) IS NULL AS null_day;
SELECT age_on('2013-06-15', '2013-06-14');
SELECT age_on('2013-06-15', '2012-01-01');
SELECT age_on('infinity', '2013-01-01');
SELECT age_on('2013-01-01', 'infinity');
SELECT age_on('-infinity', '2013-01-01');
-- age_on over every pair of a birth day in 2011-2012 and a later day in
-- 2011-2014 (29 February 2012 among both), against a plain-SQL formulation
-- of the 1 March rule; and a 29 February birth over ten years of days
CREATE FUNCTION pg_temp.sql_age(dob date, d date) RETURNS int LANGUAGE sql IMMUTABLE AS $$
	SELECT extract(year FROM d)::int - extract(year FROM dob)::int
		- CASE WHEN d < CASE WHEN extract(month FROM dob) = 2 AND extract(day FROM dob) = 29
					AND NOT (extract(year FROM d)::int % 4 = 0 AND (extract(year FROM d)::int % 100 <> 0 OR extract(year FROM d)::int % 400 = 0))
				THEN make_date(extract(year FROM d)::int, 3, 1)
				ELSE make_date(extract(year FROM d)::int, extract(month FROM dob)::int, extract(day FROM dob)::int) END
			THEN 1 ELSE 0 END
$$;
SELECT count(*) AS pairs, count(*) FILTER (WHERE age_on(dob, d) <> pg_temp.sql_age(dob, d)) AS mismatches,
	min(age_on(dob, d)) AS youngest, max(age_on(dob, d)) AS oldest
FROM (SELECT dob::date FROM generate_series('2011-01-01'::date, '2012-12-31', '1 day') AS dob) AS b,
	(SELECT d::date FROM generate_series('2011-01-01'::date, '2014-12-31', '1 day') AS d) AS o
WHERE d >= dob;
SELECT count(*) AS days, count(*) FILTER (WHERE age_on('2012-02-29', d) <> pg_temp.sql_age('2012-02-29', d)) AS mismatches
FROM (SELECT d::date FROM generate_series('2012-02-29'::date, '2022-12-31', '1 day') AS d) AS o;
SELECT d::date, age_on('2012-02-29', d::date) FROM generate_series('2015-02-27'::date, '2015-03-02', '1 day') AS d;
-- funded_from: first of 1 January, 1 April, 1 September strictly after the third birthday
SELECT dob, funded_from(dob) FROM unnest(ARRAY['2011-01-01', '2011-02-28', '2011-03-31', '2011-04-01',
	'2011-08-31', '2011-09-01', '2011-12-31', '2012-02-29', '2012-03-01', '2096-12-31']::date[]) AS dob;
SELECT funded_from(NULL) IS NULL AS null_dob;
SELECT funded_from('infinity');
SELECT funded_from('5874896-12-31');
SELECT funded_from('5874893-08-31') AS latest_possible;
-- every birth day of 2010-2013, against the third birthday (1 March rule) and
-- the three term starts
SELECT count(*) AS days, count(*) FILTER (WHERE funded_from(dob) <> (
		SELECT min(t) FROM (SELECT make_date(y, m, 1) AS t
			FROM generate_series(extract(year FROM dob)::int + 3, extract(year FROM dob)::int + 4) AS y,
				unnest(ARRAY[1, 4, 9]) AS m) AS terms
		WHERE t > CASE WHEN extract(month FROM dob) = 2 AND extract(day FROM dob) = 29
			THEN make_date(extract(year FROM dob)::int + 3, 3, 1)
			ELSE make_date(extract(year FROM dob)::int + 3, extract(month FROM dob)::int, extract(day FROM dob)::int) END)) AS mismatches
FROM (SELECT dob::date FROM generate_series('2010-01-01'::date, '2013-12-31', '1 day') AS dob) AS b;
-- financial_year and financial_quarter
SELECT d, financial_year(d), financial_quarter(d) FROM unnest(ARRAY['2013-03-31', '2013-04-01',
	'2013-06-30', '2013-07-01', '2013-09-30', '2013-10-01', '2013-12-31', '2014-01-01', '2014-03-31',
	'1999-04-01', '2000-03-31', '2099-04-01', '2100-03-31', '2100-04-01', '0001-04-01', '9999-04-01',
	'10000-03-31']::date[]) AS d;
SELECT financial_year(NULL) IS NULL AS null_year, financial_quarter(NULL) IS NULL AS null_quarter;
SELECT financial_year('0001-03-31');
SELECT financial_quarter('10000-04-01');
SELECT financial_year('0100-01-01 BC');
SELECT financial_year('infinity');
SELECT financial_quarter('-infinity');
-- financial_period_bounds: the inverse
SELECT p, b.* FROM unnest(ARRAY['2013-14', '2013-14 Q1', '2013-14 Q2', '2013-14 Q3', '2013-14 Q4',
	'2015-16 Q4', '1999-00', '2099-00', '2099-00 Q4', '0001-02', '9999-00 Q4',
	'2013-14 Q1-Q2', '2013-14 Q1-Q3', '2015-16 Q1-Q3']) AS p,
	financial_period_bounds(p) AS b;
SELECT financial_period_bounds(NULL) IS NULL AS null_period;
SELECT * FROM financial_period_bounds('2013-15');
SELECT * FROM financial_period_bounds('2099-01');
SELECT * FROM financial_period_bounds('2013/14');
SELECT * FROM financial_period_bounds('2013-14 Q5');
SELECT * FROM financial_period_bounds('2013-14 Q0');
SELECT * FROM financial_period_bounds('2013-14 q3');
SELECT * FROM financial_period_bounds('2013-14Q3');
SELECT * FROM financial_period_bounds('2013-14  Q3');
SELECT * FROM financial_period_bounds(' 2013-14');
SELECT * FROM financial_period_bounds('2013-14 ');
SELECT * FROM financial_period_bounds('2013-2014');
SELECT * FROM financial_period_bounds('13-14');
SELECT * FROM financial_period_bounds('0000-01');
-- a year to date is Q1-Q2 or Q1-Q3 only: Q1-Q1 is the quarter, Q1-Q4 the year
SELECT * FROM financial_period_bounds('2013-14 Q1-Q1');
SELECT * FROM financial_period_bounds('2013-14 Q1-Q4');
SELECT * FROM financial_period_bounds('2013-14 Q2-Q3');
SELECT * FROM financial_period_bounds('2013-14 Q1-Q');
SELECT * FROM financial_period_bounds('2013-14 Q1 Q3');
SELECT * FROM financial_period_bounds('2013-14 Q1-q3');
SELECT * FROM financial_period_bounds('');
SELECT * FROM financial_period_bounds('2013-14 QQ');
SELECT * FROM financial_period_bounds('２０１３-14');
-- every day of 2010-2031 and 2097-2102: each day lies in the bounds of its
-- quarter and year, the quarter lies in the year, and periods tile the calendar
SELECT count(*) AS days,
	count(*) FILTER (WHERE NOT d BETWEEN (financial_period_bounds(financial_quarter(d))).period_start
		AND (financial_period_bounds(financial_quarter(d))).period_end) AS quarter_bad,
	count(*) FILTER (WHERE NOT d BETWEEN (financial_period_bounds(financial_year(d))).period_start
		AND (financial_period_bounds(financial_year(d))).period_end) AS year_bad,
	count(*) FILTER (WHERE left(financial_quarter(d), 7) <> financial_year(d)) AS prefix_bad,
	count(*) FILTER (WHERE financial_quarter(d) <> financial_quarter(d - 1)
		AND (financial_period_bounds(financial_quarter(d))).period_start <> d) AS start_bad,
	count(*) FILTER (WHERE financial_quarter(d) = financial_quarter(d - 1)
		AND (financial_period_bounds(financial_quarter(d))).period_start = d) AS split_bad,
	count(DISTINCT financial_quarter(d)) AS quarters, count(DISTINCT financial_year(d)) AS years
FROM (SELECT d::date FROM generate_series('2010-04-01'::date, '2032-03-31', '1 day') AS d
	UNION ALL SELECT d::date FROM generate_series('2097-04-01'::date, '2103-03-31', '1 day') AS d) AS days;
-- term_start and term_name: the term in progress on a day (autumn from
-- 1 September, spring from 1 January, summer from 1 April), at each edge
SELECT d, term_start(d), term_name(d) FROM unnest(ARRAY['2013-08-31', '2013-09-01', '2013-12-31',
	'2014-01-01', '2014-03-31', '2014-04-01', '2012-02-29', '0999-10-01', '0001-06-30 BC',
	'4713-01-01 BC', '5874897-12-31']::date[]) AS d;
SELECT term_start(NULL) IS NULL AS null_start, term_name(NULL) IS NULL AS null_name;
SELECT term_start('infinity');
SELECT term_name('-infinity');
SELECT term_start('4714-11-24 BC');
-- every day of 2010-2031: the key once-per-term contacts and the take-up
-- views used before these functions, and the label they wrote
SELECT count(*) AS days,
	count(*) FILTER (WHERE term_start(d) <> CASE WHEN extract(month FROM d) >= 9 THEN make_date(extract(year FROM d)::integer, 9, 1)
		WHEN extract(month FROM d) >= 4 THEN make_date(extract(year FROM d)::integer, 4, 1)
		ELSE make_date(extract(year FROM d)::integer, 1, 1) END) AS start_bad,
	count(*) FILTER (WHERE term_name(d) <> CASE extract(month FROM term_start(d)) WHEN 9 THEN 'Autumn ' WHEN 1 THEN 'Spring ' ELSE 'Summer ' END
		|| extract(year FROM term_start(d))) AS name_bad,
	count(DISTINCT term_start(d)) AS terms, count(DISTINCT term_name(d)) AS names,
	count(DISTINCT (extract(year FROM d), CASE WHEN extract(month FROM d) >= 9 THEN 3
		WHEN extract(month FROM d) >= 4 THEN 2 ELSE 1 END)) AS year_and_term_number
FROM (SELECT d::date FROM generate_series('2010-01-01'::date, '2031-12-31', '1 day') AS d) AS days;
-- declared as the other calendar functions are
SELECT p.proname, p.provolatile, p.proisstrict, p.proparallel, pg_get_function_result(p.oid) AS returns,
	obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc AS p WHERE p.pronamespace = 'surestart'::regnamespace AND p.proname IN ('term_start', 'term_name')
ORDER BY p.proname;
