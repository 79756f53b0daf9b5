-- rank_correlation: Spearman's rho against plain SQL (average ranks by
-- rank(), Pearson correlation by corr()), ties, NULLs, edge cases, parallel
-- and partitionwise plans, window use, errors
SET search_path = surestart, public;
SELECT setseed(0.57);
-- 40 groups: continuous values, heavy ties (few distinct values),
-- correlated and anti-correlated pairs, some NULLs, and tiny groups
CREATE TABLE rho_t (id int, g int, x float8, y float8);
INSERT INTO rho_t
SELECT i, i % 40,
	CASE WHEN random() < 0.03 THEN NULL
		 WHEN i % 40 < 10 THEN random()
		 ELSE round(random() * 5)::float8 END,
	NULL
FROM generate_series(1, 8000) AS i;
UPDATE rho_t SET y = CASE WHEN random() < 0.03 THEN NULL
	WHEN g % 4 = 0 THEN random()
	WHEN g % 4 = 1 THEN coalesce(x, 0) + random() * 0.5
	WHEN g % 4 = 2 THEN round(-coalesce(x, 0) * 3 + random() * 4)
	ELSE round(random() * 3) END;
-- tiny groups: no pairs, one pair, two pairs, a constant column, all tied
INSERT INTO rho_t VALUES (9001, 100, NULL, 1), (9002, 100, 2, NULL),
	(9003, 101, 1, 2),
	(9004, 102, 1, 2), (9005, 102, 2, 1),
	(9006, 103, 5, 1), (9007, 103, 5, 2), (9008, 103, 5, 3),
	(9009, 104, 1, 1), (9010, 104, 1, 1),
	(9011, 105, -0.0, 1), (9012, 105, 0.0, 2), (9013, 105, 1, 3),
	(9014, 106, 1e308, -1e308), (9015, 106, -1e308, 1e308), (9016, 106, 5e-324, 0);
ANALYZE rho_t;
CREATE FUNCTION pg_temp.plain_rho() RETURNS TABLE (g int, rho float8)
LANGUAGE sql AS $$
	SELECT g.g, p.rho
	FROM (SELECT DISTINCT g FROM rho_t) AS g
	LEFT JOIN (
		SELECT g, corr(rx, ry) AS rho
		FROM (SELECT g,
				(rank() OVER (PARTITION BY g ORDER BY x) + (count(*) OVER (PARTITION BY g, x) - 1) / 2.0)::float8 AS rx,
				(rank() OVER (PARTITION BY g ORDER BY y) + (count(*) OVER (PARTITION BY g, y) - 1) / 2.0)::float8 AS ry
			  FROM rho_t WHERE x IS NOT NULL AND y IS NOT NULL) AS r
		GROUP BY g) AS p USING (g)
$$;
CREATE FUNCTION pg_temp.differ() RETURNS TABLE (groups bigint, null_groups bigint, differ bigint, max_error float8)
LANGUAGE sql AS $$
	SELECT count(*), count(*) FILTER (WHERE a.rho IS NULL),
		count(*) FILTER (WHERE (a.rho IS NULL) <> (p.rho IS NULL) OR abs(a.rho - p.rho) > 1e-12),
		coalesce(max(abs(a.rho - p.rho)), 0)
	FROM (SELECT g, surestart.rank_correlation(x, y) AS rho FROM rho_t GROUP BY g) AS a
	FULL JOIN pg_temp.plain_rho() AS p USING (g)
$$;
-- side by side for a few groups
SELECT g, round(rank_correlation(x, y)::numeric, 12) AS rho FROM rho_t
WHERE g IN (0, 1, 2, 3, 100, 101, 102, 103, 104, 105, 106) GROUP BY g ORDER BY g;
SELECT g, round(rho::numeric, 12) AS rho FROM pg_temp.plain_rho()
WHERE g IN (0, 1, 2, 3, 100, 101, 102, 103, 104, 105, 106) ORDER BY g;
-- every group within 1e-12 of the plain SQL, NULL exactly where it is NULL
SELECT groups, null_groups, differ, max_error < 1e-12 AS close FROM pg_temp.differ();
-- textbook values: perfect, reversed, and a tie example
SELECT rank_correlation(i, i * i) AS monotone, rank_correlation(i, -i) AS reversed
FROM generate_series(1, 10) AS i;
SELECT rank_correlation(x, y) FROM (VALUES (1, 1), (2, 2), (2, 3), (3, 4), (4, 3)) AS v(x, y);
-- no rows, all NULL, one pair
SELECT rank_correlation(x, y) IS NULL AS no_rows FROM rho_t WHERE false;
SELECT rank_correlation(NULL, NULL) IS NULL AS all_null FROM generate_series(1, 3);
SELECT rank_correlation(1, 2) IS NULL AS one_pair;
-- NaN and infinities are errors
SELECT rank_correlation(x, 1) FROM (VALUES (1::float8), ('NaN')) AS v(x);
SELECT rank_correlation(1, y) FROM (VALUES (1::float8), ('Infinity')) AS v(y);
SELECT rank_correlation(x, 1) FROM (VALUES (1::float8), ('-Infinity')) AS v(x);
-- window aggregate: running rho, checked against the plain SQL per prefix
SELECT id, x, y, round(rank_correlation(x, y) OVER (ORDER BY id)::numeric, 6) AS running
FROM rho_t WHERE g = 102 OR g = 105 ORDER BY id;
SELECT count(*) AS rows, count(*) FILTER (WHERE (w.rho IS NULL) <> (p.rho IS NULL) OR abs(w.rho - p.rho) > 1e-12) AS differ
FROM (SELECT id, rank_correlation(x, y) OVER (ORDER BY id) AS rho FROM rho_t WHERE g = 13 AND id <= 2000) AS w
JOIN LATERAL (
	SELECT corr(rx, ry) AS rho
	FROM (SELECT (rank() OVER (ORDER BY x) + (count(*) OVER (PARTITION BY x) - 1) / 2.0)::float8 AS rx,
			(rank() OVER (ORDER BY y) + (count(*) OVER (PARTITION BY y) - 1) / 2.0)::float8 AS ry
		  FROM rho_t WHERE g = 13 AND id <= w.id AND x IS NOT NULL AND y IS NOT NULL) AS r) AS p ON true;
-- forced parallel plans
CREATE TABLE rho_serial AS SELECT g, rank_correlation(x, y) AS rho FROM rho_t GROUP BY g;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT g, rank_correlation(x, y) FROM rho_t GROUP BY g;
SELECT count(*) AS groups, count(*) FILTER (WHERE s.rho IS DISTINCT FROM p.rho) AS differ
FROM rho_serial AS s FULL JOIN (SELECT g, rank_correlation(x, y) AS rho FROM rho_t GROUP BY g) AS p USING (g);
EXPLAIN (COSTS OFF) SELECT rank_correlation(x, y) FROM rho_t;
SELECT round(rank_correlation(x, y)::numeric, 12) AS parallel,
	(SELECT round(rho::numeric, 12) FROM (SELECT corr(rx, ry) AS rho FROM (
		SELECT (rank() OVER (ORDER BY x) + (count(*) OVER (PARTITION BY x) - 1) / 2.0)::float8 AS rx,
			(rank() OVER (ORDER BY y) + (count(*) OVER (PARTITION BY y) - 1) / 2.0)::float8 AS ry
		FROM rho_t WHERE x IS NOT NULL AND y IS NOT NULL) AS r) AS q) AS plain
FROM rho_t;
SELECT rank_correlation(x, y) IS NULL AS no_rows FROM rho_t WHERE false;
SELECT rank_correlation(x, y) IS NULL AS no_pairs FROM rho_t WHERE g = 100;
RESET ALL;
SET search_path = surestart, public;
-- partitionwise: partitions of very different sizes, one empty
CREATE TABLE rho_part (g int, x float8, y float8) PARTITION BY RANGE (g);
CREATE TABLE rho_part_big PARTITION OF rho_part FOR VALUES FROM (0) TO (100);
CREATE TABLE rho_part_tiny PARTITION OF rho_part FOR VALUES FROM (100) TO (200);
CREATE TABLE rho_part_empty PARTITION OF rho_part FOR VALUES FROM (200) TO (300);
INSERT INTO rho_part SELECT g, x, y FROM rho_t;
ANALYZE rho_part;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT rank_correlation(x, y) FROM rho_part;
SELECT round(rank_correlation(x, y)::numeric, 12) FROM rho_part;
RESET enable_partitionwise_aggregate;
SELECT round(rank_correlation(x, y)::numeric, 12) FROM rho_part;
-- argument types: integers and numerics are cast to float8
SELECT rank_correlation(i, 10 - i) FROM generate_series(1, 5) AS i;
SELECT rank_correlation(i::numeric, (i % 3)::numeric) FROM generate_series(1, 6) AS i;
DROP TABLE rho_t, rho_serial, rho_part;
