-- bench/percent.sql: percent() and ofsted_words() against the plain SQL a
-- report would otherwise write, on 5,000,000 (part, whole) rows (psql
-- variable rows; bench/run sets it from BENCH_ROWS for a quick trial).
-- Run by bench/run in one session of a throwaway cluster. Prints ratios
-- (ours / plain, best of 3 runs each), not absolute times; the target is a
-- ratio of at most 1.5.
\set ON_ERROR_STOP on
\if :{?rows}
\else
\set rows 5000000
\endif
SET search_path = surestart, public;
SET max_parallel_workers_per_gather = 0;	-- one core each, for a fair ratio
SET jit = off;								-- JIT would compile only the plain side

SELECT setseed(0.2013) \g /dev/null
CREATE TEMP TABLE bench_rows AS
SELECT part, whole
FROM (SELECT 1 + floor(random() * 20000)::bigint AS whole FROM generate_series(1, :rows)) AS w,
	LATERAL (SELECT floor(random() * (w.whole + 1))::bigint AS part) AS p;
VACUUM ANALYZE bench_rows;

\ir lib/best_of_3.sql

-- The two sides must agree before their speed is compared.
SELECT count(*) AS percent_disagreements
FROM bench_rows WHERE percent(proportion(part, whole)) <> round(100.0 * part / whole, 1);

CREATE TEMP TABLE timings AS
SELECT 'percent(proportion(a, b)) vs round(100.0 * a / b, 1)' AS comparison,
	pg_temp.best_of_3('SELECT count(surestart.percent(surestart.proportion(part, whole))) FROM bench_rows') AS ours,
	pg_temp.best_of_3('SELECT count(round(100.0 * part / whole, 1)) FROM bench_rows') AS plain;
INSERT INTO timings
SELECT 'ofsted_words(proportion(a, b)) vs CASE over the rounded percentage',
	pg_temp.best_of_3('SELECT count(surestart.ofsted_words(surestart.proportion(part, whole))) FROM bench_rows'),
	pg_temp.best_of_3($q$
		SELECT count(CASE WHEN r >= 100 THEN 'All'
						  WHEN r >= 97 THEN 'Almost all'
						  WHEN r >= 80 THEN 'Very large majority'
						  WHEN r >= 65 THEN 'Large majority'
						  WHEN r >= 50 THEN 'Majority'
						  WHEN r >= 20 THEN 'Minority'
						  WHEN r >= 0.1 THEN 'Few'
						  ELSE 'None' END)
		FROM (SELECT round(100.0 * part / whole, 1) AS r FROM bench_rows OFFSET 0) AS s$q$);

\pset footer off
SELECT comparison, round((ours / plain)::numeric, 2) AS ratio,
	CASE WHEN ours / plain <= 1.5 THEN 'ok (target <= 1.5)' ELSE 'SLOWER than target 1.5' END AS verdict
FROM timings ORDER BY comparison DESC;
