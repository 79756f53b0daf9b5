-- sum(proportion) and proportion_of(boolean): empty and all-NULL input, one
-- row, pooling, overflow, GROUP BY, forced parallel plans, window use.
SET search_path = surestart, public;
-- no rows, only NULLs, one row
SELECT sum(p) IS NULL AS sum_null, proportion_of(b) AS of_nothing FROM (SELECT NULL::proportion AS p, NULL::boolean AS b WHERE false) AS e;
SELECT sum(p) IS NULL AS sum_null, proportion_of(b) AS of_nulls FROM (VALUES (NULL::proportion, NULL::boolean), (NULL, NULL)) AS v(p, b);
SELECT sum(p), proportion_of(b) FROM (VALUES ('9629/12312'::proportion, true)) AS v(p, b);
SELECT sum(p), proportion_of(b) FROM (VALUES ('0/0'::proportion, false)) AS v(p, b);
SELECT percent(proportion_of(b)) IS NULL AS no_data_percent FROM (SELECT NULL::boolean AS b) AS n;
-- pooling is total part over total whole, not an average of percentages
SELECT sum(p) AS pooled, percent(sum(p)) AS pooled_pct, round(avg(percent(p)), 1) AS average_of_pcts
FROM (VALUES ('1/10'::proportion), ('90/100'), (NULL), ('0/0')) AS v(p);
SELECT proportion_of(b) AS seen, percent(proportion_of(b)) AS pct
FROM (VALUES (true), (false), (NULL), (true), (true)) AS v(b);
-- the int64 limit
SELECT sum(p) FROM (VALUES ('9223372036854775806/9223372036854775806'::proportion), ('1/1')) AS v(p);
SELECT sum(p) FROM (VALUES ('9223372036854775807/9223372036854775807'::proportion), ('0/1')) AS v(p);
SELECT sum(p) FROM (VALUES ('0/9223372036854775807'::proportion), ('0/0'), ('0/1')) AS v(p);
-- GROUP BY, sorted and hashed
CREATE TEMP TABLE visits (centre text, seen boolean, p proportion);
INSERT INTO visits
SELECT 'centre ' || (i % 5), CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 <> 0 END, proportion(i % 4, 4)
FROM generate_series(1, 100000) AS i;
SET enable_hashagg = off;
SELECT centre, sum(p), proportion_of(seen), percent(proportion_of(seen)) FROM visits GROUP BY centre ORDER BY centre;
RESET enable_hashagg;
SET enable_sort = off;
SELECT centre, sum(p), proportion_of(seen), percent(proportion_of(seen)) FROM visits GROUP BY centre ORDER BY centre;
RESET enable_sort;
-- the same by plain counting
SELECT centre, sum(part(p)) || '/' || sum(whole(p)) AS sum, count(*) FILTER (WHERE seen) || '/' || count(seen) AS proportion_of
FROM visits GROUP BY centre ORDER BY centre;
-- forced parallel plans: Partial Aggregate in workers, the same results as the serial plan
CREATE TEMP TABLE serial_result AS
SELECT sum(p) AS s, proportion_of(seen) AS o, count(*) AS n FROM visits;
CREATE TABLE visits_par AS SELECT * FROM visits;
ANALYZE visits_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT sum(p), proportion_of(seen) FROM visits_par;
SELECT sum(p), proportion_of(seen), (sum(p), proportion_of(seen)) = (SELECT s, o FROM serial_result) AS same_as_serial
FROM visits_par;
EXPLAIN (COSTS OFF) SELECT centre, sum(p), proportion_of(seen) FROM visits_par GROUP BY centre;
SELECT centre, sum(p), proportion_of(seen) FROM visits_par GROUP BY centre ORDER BY centre;
-- workers that see no rows, or only NULLs, give NULL partial states
SELECT sum(p) IS NULL AS sum_null, proportion_of(seen) AS of_nothing FROM visits_par WHERE centre = 'nowhere';
SELECT sum(NULL::proportion) IS NULL AS sum_null, proportion_of(NULL::boolean) AS of_nulls FROM visits_par;
SELECT sum(p) FROM visits_par WHERE centre = 'centre 1' AND part(p) = 3;
-- ofsted_words reads its bands inside parallel workers too
EXPLAIN (COSTS OFF) SELECT ofsted_words(p), count(*) FROM visits_par GROUP BY 1;
SELECT ofsted_words(p), count(*) FROM visits_par GROUP BY 1 ORDER BY 1;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE visits_par;
-- window use: running totals re-read the same state
SELECT i, p, sum(p) OVER (ORDER BY i) AS running, proportion_of(b) OVER (ORDER BY i) AS running_of,
	percent(sum(p) OVER (ORDER BY i)) AS running_pct
FROM (VALUES (1, '1/2'::proportion, true), (2, NULL, NULL), (3, '0/0', false), (4, '3/4', true), (5, '5/6', NULL)) AS v(i, p, b)
ORDER BY i;
SELECT i, sum(p) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS moving,
	proportion_of(b) OVER (PARTITION BY i % 2 ORDER BY i) AS by_parity
FROM (VALUES (1, '1/2'::proportion, true), (2, '1/3', false), (3, '2/5', true), (4, '1/1', true)) AS v(i, p, b)
ORDER BY i;
