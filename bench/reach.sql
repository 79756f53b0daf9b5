-- bench/reach.sql: the reach engine against plain SQL, in one session.
--
-- Generates :rows contacts (default 10 million) for rows/5.35 children over
-- 53 centres, deterministically (no random()): 40% of children are seen once,
-- 25% twice, 15% four times, 12% eight times, 4% twenty times and 4% weekly
-- (52 times); centres differ in size; one contact in ten is at another
-- centre than the child's own; rows are stored in a shuffled order, as
-- contacts by date would be.  Then times (best of :runs) and prints:
--   contact_reach GROUP BY centre  vs  the best plain SQL (GROUP BY centre,
--       child, then GROUP BY centre; at the default work_mem and at 256MB)
--   contact_reach GROUP BY centre  vs  SELECT centre, count(*) ... GROUP BY
--       centre (the bare scan-and-group floor)
--   contact_reach with 2 parallel workers  vs  none
--   peak memory of the aggregate states (EXPLAIN ANALYZE of the HashAggregate)
-- and checks that every formulation gives identical results.
-- Run by bench/run (make bench), which installs surestart in a fresh
-- database; BENCH_ROWS=1000000 bench/run reach for a quick trial.
\set ON_ERROR_STOP 1
\pset pager off
\if :{?rows}
\else
\set rows 10000000
\endif
\if :{?runs}
\else
\set runs 3
\endif

\echo '== generating' :rows 'contacts'
\timing on
CREATE TABLE bench_contact (contact_id bigint, centre_id text, child_id bigint)
	WITH (autovacuum_enabled = off);
INSERT INTO bench_contact
SELECT row_number() OVER (ORDER BY shuffle), centre_id, child_id
FROM (
	SELECT k AS child_id,
		-- most contacts at the child's own centre, one in ten elsewhere
		'C' || lpad((CASE WHEN (k + j) % 10 = 0 THEN (home + j) % 53 ELSE home END + 1)::text, 2, '0') AS centre_id,
		((k * 1000003 + j * 7919) % 2147483647) * 48271 % 2147483647 AS shuffle
	FROM (
		SELECT k,
			-- centres of very different sizes
			floor(53 * power(((k * 7919) % 10007) / 10007.0, 1.6))::int AS home,
			CASE WHEN h < 400 THEN 1 WHEN h < 650 THEN 2 WHEN h < 800 THEN 4
				 WHEN h < 920 THEN 8 WHEN h < 960 THEN 20 ELSE 52 END AS n
		FROM (SELECT k, (k * 2654435761) % 1000 AS h
			  FROM generate_series(1, (:rows / 5.35)::bigint) AS k) AS c
	) AS child,
	LATERAL generate_series(1, child.n) AS j
) AS contact;
VACUUM (ANALYZE, FREEZE) bench_contact;
\timing off
SELECT count(*) AS contacts, count(DISTINCT child_id) AS children, count(DISTINCT centre_id) AS centres,
	pg_size_pretty(pg_table_size('bench_contact')) AS table_size
FROM bench_contact;
SELECT min(n) AS smallest_centre, max(n) AS largest_centre
FROM (SELECT centre_id, count(*) AS n FROM bench_contact GROUP BY 1) AS c;

CREATE TEMP TABLE bench_time (name text, ms float8);
\set q_reach 'SELECT centre_id, surestart.contact_reach(child_id) AS r FROM bench_contact GROUP BY centre_id'
\set q_plain 'SELECT centre_id, ROW(count(*), count(*) FILTER (WHERE n >= 3), sum(n))::surestart.reach_counts AS r FROM (SELECT centre_id, child_id, count(*) AS n FROM bench_contact WHERE child_id IS NOT NULL GROUP BY centre_id, child_id) AS per_child GROUP BY centre_id'
\set q_floor 'SELECT centre_id, count(*) AS n FROM bench_contact GROUP BY centre_id'

\echo '== queries'
\echo :q_reach
\echo :q_plain
\echo :q_floor

-- serial plans for the like-for-like comparisons
SET max_parallel_workers_per_gather = 0;
SET jit = off;
\echo '== plans (serial)'
EXPLAIN (COSTS OFF) :q_reach;
EXPLAIN (COSTS OFF) :q_plain;

-- warm the cache
SELECT count(*) AS warm FROM bench_contact \g /dev/null

\echo '== timing (best of' :runs 'runs each)'
-- psql has no loops: each query is timed by an included block, :runs times
\set name reach_serial
\set q :q_reach
\ir lib/time_query.sql
\set name floor_serial
\set q :q_floor
\ir lib/time_query.sql
\set name plain_serial_default_work_mem
\set q :q_plain
\ir lib/time_query.sql
SET work_mem = '256MB';
\set name plain_serial_work_mem_256MB
\set q :q_plain
\ir lib/time_query.sql
\set name reach_serial_work_mem_256MB
\set q :q_reach
\ir lib/time_query.sql
RESET work_mem;

-- parallel: two workers (the leader takes part too, as by default)
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
\echo '== plan (2 workers)'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) :q_reach;
\set name reach_2_workers
\set q :q_reach
\ir lib/time_query.sql
\set name floor_2_workers
\set q :q_floor
\ir lib/time_query.sql
-- the same with the leader only gathering and combining
SET parallel_leader_participation = off;
\set name reach_2_workers_leader_off
\set q :q_reach
\ir lib/time_query.sql
\set name floor_2_workers_leader_off
\set q :q_floor
\ir lib/time_query.sql
RESET parallel_leader_participation;

\echo '== results identical'
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE bench_result AS SELECT 'reach_serial' AS how, * FROM (:q_reach) AS q;
INSERT INTO bench_result SELECT 'plain', * FROM (:q_plain) AS q;
SET max_parallel_workers_per_gather = 2;
INSERT INTO bench_result SELECT 'reach_2_workers', * FROM (:q_reach) AS q;
SELECT a.how AS compared, b.how AS with_, count(*) AS centres,
	count(*) FILTER (WHERE a.r IS DISTINCT FROM b.r) AS differ
FROM bench_result AS a JOIN bench_result AS b ON a.centre_id = b.centre_id AND b.how = 'plain'
WHERE a.how <> 'plain' GROUP BY 1, 2 ORDER BY 1;
SELECT (sum((r).seen)) AS seen_sum, sum((r).sustained) AS sustained_sum, sum((r).contacts) AS contacts
FROM bench_result WHERE how = 'reach_serial';

\echo '== peak memory (EXPLAIN ANALYZE, serial)'
SET max_parallel_workers_per_gather = 0;
CREATE FUNCTION pg_temp.hash_memory(q text) RETURNS TABLE (node text, peak_memory_kb bigint, disk_kb bigint, batches bigint)
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
	RETURN QUERY
	WITH RECURSIVE n(p) AS (
		SELECT plan -> 0 -> 'Plan'
		UNION ALL
		SELECT c FROM n, json_array_elements(n.p -> 'Plans') AS c)
	SELECT (p ->> 'Node Type') || ' ' || (p ->> 'Strategy') || coalesce(' ' || (p ->> 'Partial Mode'), '')
			|| ' by ' || (SELECT string_agg(k, ', ') FROM json_array_elements_text(p -> 'Group Key') AS k),
		(p ->> 'Peak Memory Usage')::bigint, (p ->> 'Disk Usage')::bigint, (p ->> 'HashAgg Batches')::bigint
	FROM n WHERE p ->> 'Strategy' = 'Hashed';
END
$$;
SELECT 'contact_reach' AS query, * FROM pg_temp.hash_memory(:'q_reach');
SELECT 'plain (default work_mem)' AS query, * FROM pg_temp.hash_memory(:'q_plain');
SET work_mem = '256MB';
SELECT 'plain (work_mem 256MB)' AS query, * FROM pg_temp.hash_memory(:'q_plain');
RESET work_mem;

\echo '== ratios'
SELECT name, round(min(ms)) AS best_ms, round(max(ms)) AS worst_ms FROM bench_time GROUP BY name ORDER BY name;
WITH t AS (SELECT name, min(ms) AS ms FROM bench_time GROUP BY name)
SELECT measure, round(ratio::numeric, 2) AS ratio, target,
	CASE WHEN ratio >= goal THEN 'met' ELSE 'NOT met' END AS verdict
FROM (
	SELECT 'plain SQL / contact_reach (best plain: ' ||
			(SELECT CASE WHEN a.ms <= b.ms THEN 'default work_mem' ELSE 'work_mem 256MB' END
			 FROM t AS a, t AS b WHERE a.name = 'plain_serial_default_work_mem' AND b.name = 'plain_serial_work_mem_256MB') || ')' AS measure,
		least((SELECT ms FROM t WHERE name = 'plain_serial_default_work_mem'),
			  (SELECT ms FROM t WHERE name = 'plain_serial_work_mem_256MB'))
		/ (SELECT ms FROM t WHERE name = 'reach_serial') AS ratio,
		'>= 2 (aim 4): contact_reach faster' AS target, 2.0 AS goal, 1 AS o
	UNION ALL
	SELECT 'bare floor / contact_reach',
		(SELECT ms FROM t WHERE name = 'floor_serial') / (SELECT ms FROM t WHERE name = 'reach_serial'),
		'>= 0.5: within 2x of the floor', 0.5, 2
	UNION ALL
	SELECT 'contact_reach: no workers / 2 workers',
		(SELECT ms FROM t WHERE name = 'reach_serial') / (SELECT ms FROM t WHERE name = 'reach_2_workers'),
		'>= 1.6', 1.6, 3
	UNION ALL
	SELECT 'contact_reach: no workers / 2 workers, leader not scanning',
		(SELECT ms FROM t WHERE name = 'reach_serial') / (SELECT ms FROM t WHERE name = 'reach_2_workers_leader_off'),
		'>= 1.6', 1.6, 4
	UNION ALL
	SELECT 'floor: no workers / 2 workers (what the machine allows)',
		(SELECT ms FROM t WHERE name = 'floor_serial') / (SELECT ms FROM t WHERE name = 'floor_2_workers'),
		'(reference)', 0, 5
	UNION ALL
	SELECT 'floor: no workers / 2 workers, leader not scanning',
		(SELECT ms FROM t WHERE name = 'floor_serial') / (SELECT ms FROM t WHERE name = 'floor_2_workers_leader_off'),
		'(reference)', 0, 6
) AS r ORDER BY o;
DROP TABLE bench_contact;
