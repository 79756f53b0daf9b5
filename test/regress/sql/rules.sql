-- rules: next_inspection_due, support_level, support_level_name,
-- quartile_of, quartile_name
SET search_path = surestart, public;
SET datestyle = 'ISO, YMD';
-- next_inspection_due with the shipped settings (RI and Inadequate 2 years, others 5)
SELECT g AS overall, next_inspection_due('2013-06-12', g)
FROM unnest(ARRAY['Outstanding', 'Good', 'RI', 'Inadequate', NULL]::ofsted_grade[]) AS g;
SELECT next_inspection_due(NULL, 'Good') IS NULL AS null_date, next_inspection_due(NULL, NULL) IS NULL AS both_null;
-- 29 February plus whole years falls on 28 February, as date + interval does
SELECT next_inspection_due('2012-02-29', 'RI') AS ri, next_inspection_due('2012-02-29', 'Good') AS good,
	('2012-02-29'::date + interval '2 years')::date AS plus_interval;
SELECT next_inspection_due('infinity', 'Good');
SELECT next_inspection_due('5874895-01-01', 'Good');
-- settings are read on every call
BEGIN;
UPDATE setting SET value = '4' WHERE name = 'reinspect_ri_years';
UPDATE setting SET value = '3' WHERE name = 'reinspect_years';
SELECT next_inspection_due('2012-02-29', 'Inadequate') AS ri_4, next_inspection_due('2012-02-29', 'Good') AS other_3;
-- a missing row falls back to the default; a bad stored value is an error
ALTER TABLE setting DISABLE TRIGGER USER;
DELETE FROM setting WHERE name = 'reinspect_years';
SELECT next_inspection_due('2013-06-12', 'Good') AS default_5;
UPDATE setting SET value = 'two' WHERE name = 'reinspect_ri_years';
SELECT next_inspection_due('2013-06-12', 'RI');
ROLLBACK;
BEGIN;
ALTER TABLE setting DISABLE TRIGGER USER;
UPDATE setting SET value = '0' WHERE name = 'reinspect_ri_years';
SELECT next_inspection_due('2013-06-12', 'RI');
ROLLBACK;
-- support_level: every row of the framework's table, then combinations
CREATE TEMP TABLE support_cases (why text, grades ofsted_grade[], quality text, leadership text, expected int);
INSERT INTO support_cases VALUES
	('not yet inspected (NULL)', NULL, NULL, NULL, 1),
	('not yet inspected (empty)', '{}', NULL, NULL, 1),
	('not yet inspected (all NULL)', '{NULL,NULL}', NULL, NULL, 1),
	('Outstanding', '{Outstanding}', NULL, NULL, 1),
	('Good', '{Good}', NULL, NULL, 1),
	('Good after Inadequates', '{Good,Inadequate,Inadequate}', NULL, NULL, 1),
	('both green', NULL, 'green', 'green', 1),
	('RI once', '{RI}', NULL, NULL, 2),
	('RI after Good', '{RI,Good}', NULL, NULL, 2),
	('RI after Inadequate', '{RI,Inadequate}', NULL, NULL, 2),
	('RI, Good, RI', '{RI,Good,RI}', NULL, NULL, 2),
	('quality amber', NULL, 'amber', 'green', 2),
	('leadership amber', NULL, 'green', 'amber', 2),
	('both amber', NULL, 'amber', 'amber', 2),
	('amber, leadership not rated', NULL, 'amber', NULL, 2),
	('RI twice running', '{RI,RI}', NULL, NULL, 3),
	('RI twice running after Good', '{RI,RI,Good}', NULL, NULL, 3),
	('RI twice, NULL between', '{RI,NULL,RI}', NULL, NULL, 3),
	('Inadequate', '{Inadequate}', NULL, NULL, 3),
	('Inadequate after Good', '{Inadequate,Good,Outstanding}', NULL, NULL, 3),
	('Inadequate after NULL', '{NULL,Inadequate}', NULL, NULL, 3),
	('quality red', NULL, 'red', 'green', 3),
	('leadership red', NULL, 'amber', 'red', 3),
	('red, quality not rated', NULL, NULL, 'red', 3),
	('RI three times running', '{RI,RI,RI}', NULL, NULL, 4),
	('RI four times running', '{RI,RI,RI,RI,Good}', NULL, NULL, 4),
	('Inadequate after RI', '{Inadequate,RI}', NULL, NULL, 4),
	('Inadequate after Inadequate', '{Inadequate,Inadequate}', NULL, NULL, 4),
	('Inadequate after Good then RI', '{Inadequate,Good,RI}', NULL, NULL, 4),
	('both red', NULL, 'red', 'red', 4),
	('Good, both red', '{Good}', 'red', 'red', 4),
	('RI three times, both green', '{RI,RI,RI}', 'green', 'green', 4),
	('RI once, red and amber', '{RI}', 'red', 'amber', 3),
	('RI twice, amber', '{RI,RI}', 'amber', 'green', 3),
	('Inadequate, green', '{Inadequate}', 'green', 'green', 3),
	('Good, one green only', '{Good}', 'green', NULL, 1),
	('any case and spaces', '{Good}', ' AMBER ', 'Green', 2),
	('capitals', NULL, 'RED', 'Red', 4);
SELECT why, grades, quality, leadership, support_level(grades, quality, leadership) AS level,
	support_level_name(support_level(grades, quality, leadership)) AS name,
	support_level(grades, quality, leadership) = expected AS ok
FROM support_cases;
-- every history of up to three grades (NULLs too) with every pair of
-- ratings, against a plain-SQL reading of the framework
CREATE FUNCTION pg_temp.sql_level(g ofsted_grade[], q text, l text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
	WITH h AS (SELECT coalesce(array_remove(g, NULL), '{}') AS a)
	SELECT greatest(
		CASE WHEN cardinality(a) = 0 OR a[1] <= 'Good' THEN 1
			WHEN a[1] = 'Inadequate' THEN
				CASE WHEN 'RI' = ANY (a[2:]) OR 'Inadequate' = ANY (a[2:]) THEN 4 ELSE 3 END
			WHEN cardinality(a) >= 3 AND a[2] = 'RI' AND a[3] = 'RI' THEN 4
			WHEN cardinality(a) >= 2 AND a[2] = 'RI' THEN 3
			ELSE 2 END,
		CASE WHEN q = 'red' AND l = 'red' THEN 4
			WHEN 'red' IN (q, l) THEN 3
			WHEN 'amber' IN (q, l) THEN 2
			WHEN q = 'green' AND l = 'green' THEN 1 END)
	FROM h
$$;
CREATE TEMP TABLE histories AS
SELECT ARRAY[]::ofsted_grade[] AS g
UNION ALL SELECT ARRAY[a] FROM unnest(ARRAY['1', '2', '3', '4', NULL]::ofsted_grade[]) AS a
UNION ALL SELECT ARRAY[a, b] FROM unnest(ARRAY['1', '2', '3', '4', NULL]::ofsted_grade[]) AS a,
	unnest(ARRAY['1', '2', '3', '4', NULL]::ofsted_grade[]) AS b
UNION ALL SELECT ARRAY[a, b, c] FROM unnest(ARRAY['1', '2', '3', '4', NULL]::ofsted_grade[]) AS a,
	unnest(ARRAY['1', '2', '3', '4', NULL]::ofsted_grade[]) AS b, unnest(ARRAY['1', '2', '3', '4', NULL]::ofsted_grade[]) AS c
UNION ALL SELECT NULL;
SELECT count(*) AS cases, count(*) FILTER (WHERE support_level(g, q, l) <> pg_temp.sql_level(g, q, l)) AS mismatches,
	count(*) FILTER (WHERE support_level(g, q, l) = 1) AS normal, count(*) FILTER (WHERE support_level(g, q, l) = 2) AS raised,
	count(*) FILTER (WHERE support_level(g, q, l) = 3) AS supported, count(*) FILTER (WHERE support_level(g, q, l) = 4) AS intensive
FROM histories, unnest(ARRAY['green', 'amber', 'red', NULL]) AS q, unnest(ARRAY['green', 'amber', 'red', NULL]) AS l;
-- bad ratings and arrays
SELECT support_level('{Good}', 'blue', 'green');
SELECT support_level('{Good}', 'green', '');
SELECT support_level('{Good}', 'green', 'r');
SELECT support_level('{Good}', 'green', 'green!');
SELECT support_level('{{Good,RI},{RI,RI}}', 'green', 'green');
-- support_level_name
SELECT n, support_level_name(n) FROM generate_series(1, 4) AS n;
SELECT support_level_name(NULL) IS NULL AS null_level;
SELECT support_level_name(0);
SELECT support_level_name(5);
SELECT support_level_name(-2147483648);
-- quartile_of: ceil(4 rank / n), 1 = top
SELECT quartile_of(1, 1) AS one_of_one, quartile_of(1, 2) AS first_of_two, quartile_of(2, 2) AS second_of_two,
	quartile_of(1, 4) AS q1, quartile_of(2, 4) AS q2, quartile_of(3, 4) AS q3, quartile_of(4, 4) AS q4;
SELECT quartile_of(13, 53) AS r13, quartile_of(14, 53) AS r14, quartile_of(26, 53) AS r26, quartile_of(27, 53) AS r27,
	quartile_of(39, 53) AS r39, quartile_of(40, 53) AS r40, quartile_of(53, 53) AS r53;
SELECT quartile_of(1, 9223372036854775807) AS top, quartile_of(9223372036854775807, 9223372036854775807) AS bottom,
	quartile_of(2305843009213693951, 9223372036854775807) AS q1_edge, quartile_of(2305843009213693952, 9223372036854775807) AS q2_edge,
	quartile_of(6917529027641081855, 9223372036854775807) AS q3_edge, quartile_of(6917529027641081856, 9223372036854775807) AS q4_edge;
SELECT quartile_of(NULL, 5) IS NULL AS null_rank, quartile_of(1, NULL) IS NULL AS null_n;
SELECT quartile_of(0, 53);
SELECT quartile_of(54, 53);
SELECT quartile_of(-1, 53);
SELECT quartile_of(1, 0);
SELECT quartile_of(1, -5);
SELECT quartile_of(-9223372036854775808, -9223372036854775808);
-- the size of each quartile for n = 1 .. 60, checked against numeric ceil(4 rank / n)
SELECT n, count(*) FILTER (WHERE q = 1) AS top, count(*) FILTER (WHERE q = 2) AS upper_middle,
	count(*) FILTER (WHERE q = 3) AS lower_middle, count(*) FILTER (WHERE q = 4) AS bottom,
	count(*) FILTER (WHERE q <> ceil(4.0 * r / n)) AS mismatches
FROM generate_series(1, 60) AS n, generate_series(1, n) AS r, quartile_of(r, n) AS q
GROUP BY n ORDER BY n;
-- quartile_name
SELECT q, quartile_name(q) FROM generate_series(1, 4) AS q;
SELECT quartile_name(NULL) IS NULL AS null_quartile;
SELECT quartile_name(0);
SELECT quartile_name(5);
