-- bench/coverage.sql: coverage(groups, contacts) GROUP BY centre against the
-- plain SQL a report would otherwise write (unnest the groups, count with
-- FILTER, plus the totals over all rows and over the national groups), on
-- 1,000,000 families in 53 centres (psql variable rows; bench/run sets it
-- from BENCH_ROWS for a quick trial), with realistic target-group
-- prevalences and skewed contact counts.  Then coverage() with 2 parallel
-- workers against none.
-- Run by bench/run in one session of a throwaway cluster.  Prints ratios
-- (best of 3 runs each), not absolute times; the target is coverage() at
-- least 3 times as fast as the best plain SQL (aim: 5 times).
\set ON_ERROR_STOP on
\if :{?rows}
\else
\set rows 1000000
\endif
SET search_path = surestart, public;
SET max_parallel_workers_per_gather = 0;	-- one core each, for a fair ratio
SET jit = off;								-- JIT would compile only the plain side
SET work_mem = '256MB';						-- hash aggregates stay in memory

SELECT setseed(0.2013) \g /dev/null
-- Prevalences per 1000 families, roughly as in the published reports:
-- lone parents 20%, teenage parents 4%, local groups rare.  Contacts: 55%
-- of families none, the rest a geometric-like tail (mean about 4).
CREATE UNLOGGED TABLE bench_families AS	-- not TEMP: parallel workers cannot read temporary tables
SELECT i AS family_id, i % 53 AS centre,
	target_groups(array_remove(ARRAY[
		CASE WHEN random() < 0.040 THEN 'teenage_parent' END,
		CASE WHEN random() < 0.150 THEN 'young_parent' END,
		CASE WHEN random() < 0.005 THEN 'pregnant_teenager' END,
		CASE WHEN random() < 0.200 THEN 'lone_parent' END,
		CASE WHEN random() < 0.300 THEN 'father' END,
		CASE WHEN random() < 0.020 THEN 'only_male_carer' END,
		CASE WHEN random() < 0.050 THEN 'disabled_parent' END,
		CASE WHEN random() < 0.030 THEN 'disabled_child' END,
		CASE WHEN random() < 0.040 THEN 'disabled_child_any_age' END,
		CASE WHEN random() < 0.150 THEN 'workless_household' END,
		CASE WHEN random() < 0.100 THEN 'workless_by_status' END,
		CASE WHEN random() < 0.120 THEN 'additional_language' END,
		CASE WHEN random() < 0.150 THEN 'minority_ethnic' END,
		CASE WHEN random() < 0.100 THEN 'smoking_parent' END,
		CASE WHEN random() < 0.030 THEN 'priority_family' END,
		CASE WHEN random() < 0.020 THEN 'child_in_need' END,
		CASE WHEN random() < 0.008 THEN 'child_protection' END,
		CASE WHEN random() < 0.003 THEN 'looked_after' END,
		CASE WHEN random() < 0.060 THEN 'two_year_funding' END,
		CASE WHEN random() < 0.010 THEN 'local_1' END,
		CASE WHEN random() < 0.005 THEN 'local_2' END,
		CASE WHEN random() < 0.002 THEN 'local_7' END,
		CASE WHEN random() < 0.001 THEN 'local_16' END], NULL)) AS groups,
	CASE WHEN random() < 0.55 THEN 0 ELSE floor(-ln(1 - random()) * 4)::bigint END AS contacts
FROM generate_series(1, :rows) AS i;
VACUUM ANALYZE bench_families;
SELECT count(*) AS families, round(avg(cardinality(groups)), 2) AS groups_per_family,
	round(100.0 * count(*) FILTER (WHERE contacts = 0) / count(*), 1) AS no_contact_pct,
	round(100.0 * count(*) FILTER (WHERE groups && '{lone_parent}') / count(*), 1) AS lone_parent_pct
FROM bench_families;

\ir lib/best_of_3.sql

-- ours: one pass, one state per centre
\set ours 'SELECT centre, surestart.coverage(groups, contacts) AS c FROM bench_families GROUP BY centre'
-- plain SQL, two formulations; the faster is the one compared.
-- (a) three scans: per group, all rows, national rows
\set plain_a 'SELECT centre, g, count(*) AS in_group, count(*) FILTER (WHERE contacts >= 1) AS any_contact, count(*) FILTER (WHERE contacts >= 3) AS sustained FROM bench_families, unnest(surestart.to_array(groups)) AS g GROUP BY centre, g UNION ALL SELECT centre, ''*all'', count(*), count(*) FILTER (WHERE contacts >= 1), count(*) FILTER (WHERE contacts >= 3) FROM bench_families GROUP BY centre UNION ALL SELECT centre, ''*national'', count(*), count(*) FILTER (WHERE contacts >= 1), count(*) FILTER (WHERE contacts >= 3) FROM bench_families WHERE groups OPERATOR(surestart.&&) ''{teenage_parent,young_parent,pregnant_teenager,lone_parent,father,only_male_carer,disabled_parent,disabled_child,disabled_child_any_age,workless_household,workless_by_status,additional_language,minority_ethnic,smoking_parent,priority_family,child_in_need,child_protection,looked_after,two_year_funding}''::surestart.target_groups GROUP BY centre'
-- (b) one scan: the totals ride along as two pseudo-groups
\set plain_b 'SELECT centre, g, count(*) AS in_group, count(*) FILTER (WHERE contacts >= 1) AS any_contact, count(*) FILTER (WHERE contacts >= 3) AS sustained FROM bench_families, unnest(surestart.to_array(groups) || ARRAY[''*all''] || CASE WHEN groups OPERATOR(surestart.&&) ''{teenage_parent,young_parent,pregnant_teenager,lone_parent,father,only_male_carer,disabled_parent,disabled_child,disabled_child_any_age,workless_household,workless_by_status,additional_language,minority_ethnic,smoking_parent,priority_family,child_in_need,child_protection,looked_after,two_year_funding}''::surestart.target_groups THEN ARRAY[''*national''] END) AS g GROUP BY centre, g'

-- The sides must agree before their speed is compared.
CREATE TEMP TABLE ours_rows AS
SELECT o.centre, r.target_group AS g, r.in_group, part(r.any_contact) AS any_contact, part(r.sustained) AS sustained
FROM (:ours) AS o, coverage_rows(o.c) AS r
UNION ALL
SELECT o.centre, '*all', t.families, part(t.any_contact), part(t.sustained)
FROM (:ours) AS o, coverage_totals(o.c) AS t
UNION ALL
SELECT o.centre, '*national', t.in_national_group, part(t.reached_in_national_group), NULL
FROM (:ours) AS o, coverage_totals(o.c) AS t;
-- coverage_totals gives national any_contact but not national sustained: take it from the value
UPDATE ours_rows AS r SET sustained = (c::text::jsonb -> 'national' ->> 2)::bigint
FROM (:ours) AS o WHERE r.centre = o.centre AND r.g = '*national';
CREATE TEMP TABLE plain_a_rows AS :plain_a;
CREATE TEMP TABLE plain_b_rows AS :plain_b;
SELECT (SELECT count(*) FROM ours_rows) AS rows_compared,
	(SELECT count(*) FROM ((TABLE ours_rows EXCEPT ALL TABLE plain_a_rows) UNION ALL (TABLE plain_a_rows EXCEPT ALL TABLE ours_rows)) AS d) <> 0 AS differ_from_a,
	(SELECT count(*) FROM ((TABLE ours_rows EXCEPT ALL TABLE plain_b_rows) UNION ALL (TABLE plain_b_rows EXCEPT ALL TABLE ours_rows)) AS d) <> 0 AS differ_from_b \gset
\if :differ_from_a
\echo 'coverage() and plain SQL (a) disagree: no timings'
\quit
\endif
\if :differ_from_b
\echo 'coverage() and plain SQL (b) disagree: no timings'
\quit
\endif
\echo :rows_compared 'rows (centre x group, with the totals) identical in coverage() and both plain formulations'

CREATE TEMP TABLE timings (comparison text, ours double precision, other double precision, target double precision);
SELECT pg_temp.best_of_3(:'ours') AS t_ours,
	pg_temp.best_of_3(:'plain_a') AS t_plain_a,
	pg_temp.best_of_3(:'plain_b') AS t_plain_b,
	pg_temp.best_of_3('SELECT centre, count(*) FROM bench_families GROUP BY centre') AS t_floor \gset
INSERT INTO timings VALUES
	('coverage() GROUP BY centre vs best plain SQL (unnest + GROUP BY centre, group)', :t_ours, least(:t_plain_a, :t_plain_b), 3),
	('  plain (a) three scans', :t_ours, :t_plain_a, NULL),
	('  plain (b) one scan, totals as pseudo-groups', :t_ours, :t_plain_b, NULL),
	('  (floor: count(*) GROUP BY centre, the scan and grouping alone)', :t_ours, :t_floor, NULL);

-- parallel: the same query with 2 workers against none, same results first
CREATE TEMP TABLE serial_text AS SELECT centre, c::text AS c FROM (:ours) AS o;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT count(*) AS centres, count(*) FILTER (WHERE p.c = s.c) AS parallel_same_as_serial
FROM (SELECT centre, c::text AS c FROM (:ours) AS o) AS p JOIN serial_text AS s USING (centre);
EXPLAIN (COSTS OFF) :ours;
SELECT pg_temp.best_of_3(:'ours') AS t_parallel \gset
INSERT INTO timings VALUES ('coverage() with 2 parallel workers vs none', :t_parallel, :t_ours, NULL);

\pset footer off
SELECT comparison, round((other / ours)::numeric, 2) AS speedup,
	CASE WHEN target IS NULL THEN ''
		 WHEN other / ours >= 5 THEN 'ok (target >= 3, aim 5)'
		 WHEN other / ours >= target THEN 'ok (target >= 3; aim 5 not reached)'
		 ELSE 'SLOWER than target 3' END AS verdict
FROM timings;
