-- contact_reach: differential tests against plain SQL, thresholds, parallel
-- and partitionwise plans, window use, errors
SET search_path = surestart, public;
SELECT setseed(0.31);
-- contacts: 53 centres, random children (uniform) and skewed children (a
-- few seen very often, most once or twice), some NULL child ids
CREATE TABLE reach_t (contact_id bigint, kind text, centre int, child_id bigint);
INSERT INTO reach_t
SELECT i, 'uniform', (random() * 52)::int, (random() * 4000)::bigint
FROM generate_series(1, 20000) AS i;
INSERT INTO reach_t
SELECT 20000 + i, 'skewed', (power(random(), 2) * 52)::int,
	CASE WHEN random() < 0.02 THEN NULL ELSE (power(random(), 4) * 6000)::bigint END
FROM generate_series(1, 20000) AS i;
ANALYZE reach_t;
-- the plain SQL an analyst would write, one row per (kind, centre)
CREATE FUNCTION pg_temp.plain_reach(threshold int)
RETURNS TABLE (kind text, centre int, seen bigint, sustained bigint, contacts bigint)
LANGUAGE sql AS $$
	SELECT g.kind, g.centre, coalesce(p.seen, 0), coalesce(p.sustained, 0), coalesce(p.contacts, 0)
	FROM (SELECT DISTINCT kind, centre FROM reach_t) AS g
	LEFT JOIN (
		SELECT kind, centre, count(*) AS seen, count(*) FILTER (WHERE n >= threshold) AS sustained,
			sum(n)::bigint AS contacts
		FROM (SELECT kind, centre, child_id, count(*) AS n FROM reach_t
			  WHERE child_id IS NOT NULL GROUP BY kind, centre, child_id) AS per_child
		GROUP BY kind, centre) AS p USING (kind, centre)
$$;
CREATE FUNCTION pg_temp.differ(threshold int) RETURNS TABLE (groups bigint, differ bigint)
LANGUAGE sql AS $$
	SELECT count(*), count(*) FILTER (WHERE r IS DISTINCT FROM ROW(p.seen, p.sustained, p.contacts)::surestart.reach_counts)
	FROM (SELECT kind, centre, surestart.contact_reach(child_id) AS r FROM reach_t GROUP BY kind, centre) AS a
	FULL JOIN pg_temp.plain_reach(threshold) AS p USING (kind, centre)
$$;
-- whole table and a few centres, side by side with plain SQL
SELECT kind, contact_reach(child_id), count(DISTINCT child_id) AS distinct_children,
	count(child_id) AS non_null_rows
FROM reach_t GROUP BY kind ORDER BY kind;
SELECT kind, (contact_reach(child_id)).* FROM reach_t WHERE centre IN (0, 26, 52)
GROUP BY kind, centre ORDER BY kind, centre;
SELECT * FROM pg_temp.plain_reach(3) WHERE centre IN (0, 26, 52) ORDER BY kind, centre;
-- every (kind, centre) group identical to the plain SQL
SELECT * FROM pg_temp.differ(3);
-- many groups: one per child, and per child modulo 97
SELECT count(*) AS groups,
	count(*) FILTER (WHERE r IS DISTINCT FROM ROW(1, (n >= 3)::int, n)::reach_counts) AS differ
FROM (SELECT child_id, contact_reach(child_id) AS r, count(*) AS n FROM reach_t
	  WHERE child_id IS NOT NULL GROUP BY child_id) AS q;
SELECT count(*) AS groups, count(*) FILTER (WHERE a.r IS DISTINCT FROM ROW(p.seen, p.sustained, p.contacts)::reach_counts) AS differ
FROM (SELECT child_id % 97 AS g, contact_reach(child_id) AS r FROM reach_t GROUP BY 1) AS a
JOIN (SELECT g, count(*) AS seen, count(*) FILTER (WHERE n >= 3) AS sustained, sum(n)::bigint AS contacts
	  FROM (SELECT child_id % 97 AS g, child_id, count(*) AS n FROM reach_t WHERE child_id IS NOT NULL GROUP BY 1, 2) AS pc
	  GROUP BY g) AS p USING (g);
-- no rows, all NULL, one row, one NULL and one id
SELECT contact_reach(child_id) FROM reach_t WHERE false;
SELECT contact_reach(NULL::bigint) FROM generate_series(1, 5);
SELECT contact_reach(7) AS one_row;
SELECT contact_reach(x) FROM (VALUES (NULL::bigint), (7), (NULL)) AS v(x);
SELECT centre, contact_reach(child_id) FROM reach_t WHERE false GROUP BY centre;
-- ids at the ends of bigint
SELECT contact_reach(x) FROM (VALUES (9223372036854775807), (-9223372036854775808), (0), (-1),
	(9223372036854775807), (9223372036854775807), (-9223372036854775808)) AS v(x);
-- threshold changes in surestart.setting are honoured (read once per query)
BEGIN;
UPDATE setting SET value = '5' WHERE name = 'sustained_contacts';
SELECT kind, contact_reach(child_id) FROM reach_t GROUP BY kind ORDER BY kind;
SELECT * FROM pg_temp.differ(5);
UPDATE setting SET value = '1' WHERE name = 'sustained_contacts';
SELECT kind, contact_reach(child_id) FROM reach_t GROUP BY kind ORDER BY kind;
SELECT * FROM pg_temp.differ(1);
UPDATE setting SET value = '999999999' WHERE name = 'sustained_contacts';
SELECT contact_reach(child_id) FROM reach_t;
ROLLBACK;
SELECT kind, contact_reach(child_id) FROM reach_t GROUP BY kind ORDER BY kind;
-- a bad value that got past the setting's check (trigger disabled) is refused
BEGIN;
ALTER TABLE setting DISABLE TRIGGER check_setting;
UPDATE setting SET value = 'three' WHERE name = 'sustained_contacts';
SELECT contact_reach(child_id) FROM reach_t;
ROLLBACK;
BEGIN;
ALTER TABLE setting DISABLE TRIGGER check_setting;
UPDATE setting SET value = '0' WHERE name = 'sustained_contacts';
SELECT contact_reach(child_id) FROM reach_t;
ROLLBACK;
-- family level: contact_reach(id, contacts) over per-child counts
CREATE TABLE reach_family AS
SELECT child_id, child_id / 3 AS family_id, count(*) AS n FROM reach_t
WHERE child_id IS NOT NULL GROUP BY child_id;
INSERT INTO reach_family VALUES (-1, -1, 0), (-2, -1, 0), (-3, NULL, 4), (-4, -2, NULL);
SELECT contact_reach(family_id, n) AS families, contact_reach(child_id, n) AS children,
	(SELECT contact_reach(child_id) FROM reach_t) AS children_from_contacts
FROM reach_family;
SELECT count(*) FILTER (WHERE total >= 1) AS seen, count(*) FILTER (WHERE total >= 3) AS sustained,
	sum(total) AS contacts
FROM (SELECT family_id, sum(n) AS total FROM reach_family
	  WHERE family_id IS NOT NULL AND n IS NOT NULL GROUP BY family_id) AS f;
-- zero contacts only: counted in nothing
SELECT contact_reach(x, 0::bigint) FROM generate_series(1, 3) AS x;
-- counts near the int32 and int64 limits: counts saturate safely, the total is exact
SELECT contact_reach(x, n) FROM (VALUES (1, 2147483647), (1, 2147483647), (2, 2), (2, 1),
	(3, 4611686016279904255), (3, 4611686016279904255)) AS v(x, n);
BEGIN;
UPDATE setting SET value = '999999999' WHERE name = 'sustained_contacts';
SELECT contact_reach(x, n) FROM (VALUES (1, 999999998::bigint), (2, 999999999), (3, 2147483647), (3, 2147483647),
	(4, 1), (4, 999999998)) AS v(x, n);
ROLLBACK;
SELECT contact_reach(x, n) FROM (VALUES (1, 9223372036854775807), (2, 0)) AS v(x, n);
SELECT contact_reach(x, n) FROM (VALUES (1, 9223372036854775807), (2, 1)) AS v(x, n);
SELECT contact_reach(x, -1::bigint) FROM (VALUES (5)) AS v(x);
-- window aggregate: running reach in contact order, checked against plain SQL
SELECT contact_id, child_id, (contact_reach(child_id) OVER (ORDER BY contact_id)).*
FROM reach_t WHERE contact_id <= 12 ORDER BY contact_id;
SELECT count(*) AS rows, count(*) FILTER (WHERE w.r IS DISTINCT FROM p.r) AS differ
FROM (SELECT contact_id, contact_reach(child_id) OVER (ORDER BY contact_id) AS r
	  FROM reach_t WHERE contact_id BETWEEN 20001 AND 20400) AS w
JOIN LATERAL (
	SELECT ROW(count(*), count(*) FILTER (WHERE n >= 3), coalesce(sum(n), 0))::reach_counts AS r
	FROM (SELECT child_id, count(*) AS n FROM reach_t
		  WHERE contact_id BETWEEN 20001 AND w.contact_id AND child_id IS NOT NULL
		  GROUP BY child_id) AS pc) AS p ON true;
SELECT centre, (contact_reach(child_id) OVER (PARTITION BY centre ORDER BY contact_id
	ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)).seen AS last3_seen
FROM reach_t WHERE centre = 0 ORDER BY contact_id LIMIT 5;
-- forced parallel plans: Partial Aggregate in the workers, same results
CREATE TABLE reach_serial AS
SELECT kind, centre, contact_reach(child_id) AS r FROM reach_t GROUP BY kind, centre;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT kind, centre, contact_reach(child_id) FROM reach_t GROUP BY kind, centre;
SELECT count(*) AS groups, count(*) FILTER (WHERE s.r IS DISTINCT FROM p.r) AS differ
FROM reach_serial AS s
FULL JOIN (SELECT kind, centre, contact_reach(child_id) AS r FROM reach_t GROUP BY kind, centre) AS p
USING (kind, centre);
EXPLAIN (COSTS OFF) SELECT contact_reach(child_id) FROM reach_t;
SELECT contact_reach(child_id) FROM reach_t;
EXPLAIN (COSTS OFF) SELECT contact_reach(family_id, n) FROM reach_family;
SELECT contact_reach(family_id, n) FROM reach_family;
SELECT contact_reach(child_id) FROM reach_t WHERE false;
SELECT contact_reach(child_id) FROM reach_t WHERE child_id IS NULL;
-- the threshold is read in each worker too
BEGIN;
UPDATE setting SET value = '4' WHERE name = 'sustained_contacts';
SELECT * FROM pg_temp.differ(4);
ROLLBACK;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
-- partitionwise aggregation: partitions of very different sizes (one empty,
-- one with a single row), children in several partitions, so that combine
-- merges very different states (and NULL states)
CREATE TABLE reach_part (contact_id bigint, centre int, child_id bigint) PARTITION BY LIST (centre);
CREATE TABLE reach_part_big PARTITION OF reach_part FOR VALUES IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50);
CREATE TABLE reach_part_small PARTITION OF reach_part FOR VALUES IN (51);
CREATE TABLE reach_part_one PARTITION OF reach_part FOR VALUES IN (52);
CREATE TABLE reach_part_empty PARTITION OF reach_part FOR VALUES IN (99);
CREATE TABLE reach_part_nulls PARTITION OF reach_part FOR VALUES IN (98);
INSERT INTO reach_part SELECT contact_id, centre, child_id FROM reach_t WHERE kind = 'skewed' AND centre <= 51;
INSERT INTO reach_part VALUES (1, 52, 0), (2, 98, NULL), (3, 98, NULL);
ANALYZE reach_part;
SELECT tableoid::regclass AS partition, count(*) FROM reach_part GROUP BY 1 ORDER BY 1;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT contact_reach(child_id) FROM reach_part;
SELECT contact_reach(child_id) FROM reach_part;
SELECT child_id % 3 AS g, contact_reach(child_id) FROM reach_part GROUP BY 1 ORDER BY 1;
RESET enable_partitionwise_aggregate;
SELECT contact_reach(child_id) FROM reach_part;
SELECT child_id % 3 AS g, contact_reach(child_id) FROM reach_part GROUP BY 1 ORDER BY 1;
SELECT count(*) AS seen, count(*) FILTER (WHERE n >= 3) AS sustained, sum(n) AS contacts
FROM (SELECT child_id, count(*) AS n FROM reach_part WHERE child_id IS NOT NULL GROUP BY 1) AS pc;
-- both partitionwise and parallel
SET enable_partitionwise_aggregate = on;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT contact_reach(child_id) FROM reach_part;
SELECT contact_reach(child_id) FROM reach_part;
RESET ALL;
SET search_path = surestart, public;
-- contact_reach(id, threshold) and contact_reach(id, contacts, threshold):
-- the threshold as an argument (immutable).  With the same threshold they
-- give exactly what the setting-reading signatures give: per (kind, centre),
-- per child modulo 97 (NULL ids a group of their own), over the whole table
-- and for families, at thresholds from 1 to far beyond any count
CREATE FUNCTION pg_temp.given_vs_setting(thresholds int[])
RETURNS TABLE (threshold int, by_what text, groups bigint, differ bigint)
LANGUAGE plpgsql AS $$
DECLARE
	t int;
BEGIN
	FOREACH t IN ARRAY thresholds LOOP
		UPDATE surestart.setting SET value = t::text WHERE name = 'sustained_contacts';
		threshold := t;
		by_what := 'kind, centre';
		SELECT count(*), count(*) FILTER (WHERE a.r IS DISTINCT FROM s.r) INTO groups, differ
		FROM (SELECT kind, centre, surestart.contact_reach(child_id, t) AS r FROM reach_t GROUP BY kind, centre) AS a
		FULL JOIN (SELECT kind, centre, surestart.contact_reach(child_id) AS r FROM reach_t GROUP BY kind, centre) AS s
		USING (kind, centre);
		RETURN NEXT;
		by_what := 'child_id % 97';
		SELECT count(*), count(*) FILTER (WHERE a.r IS DISTINCT FROM s.r) INTO groups, differ
		FROM (SELECT coalesce(child_id % 97, -1000) AS g, surestart.contact_reach(child_id, t) AS r FROM reach_t GROUP BY 1) AS a
		FULL JOIN (SELECT coalesce(child_id % 97, -1000) AS g, surestart.contact_reach(child_id) AS r FROM reach_t GROUP BY 1) AS s
		USING (g);
		RETURN NEXT;
		by_what := 'whole table';
		SELECT count(*), count(*) FILTER (WHERE a.r IS DISTINCT FROM s.r) INTO groups, differ
		FROM (SELECT surestart.contact_reach(child_id, t) FROM reach_t) AS a(r),
			(SELECT surestart.contact_reach(child_id) FROM reach_t) AS s(r);
		RETURN NEXT;
		by_what := 'families, family_id % 13';
		SELECT count(*), count(*) FILTER (WHERE a.r IS DISTINCT FROM s.r) INTO groups, differ
		FROM (SELECT coalesce(family_id % 13, -1000) AS g, surestart.contact_reach(family_id, n, t) AS r FROM reach_family GROUP BY 1) AS a
		FULL JOIN (SELECT coalesce(family_id % 13, -1000) AS g, surestart.contact_reach(family_id, n) AS r FROM reach_family GROUP BY 1) AS s
		USING (g);
		RETURN NEXT;
	END LOOP;
END
$$;
BEGIN;
SELECT * FROM pg_temp.given_vs_setting('{1,2,3,5,52,999999999}');
ROLLBACK;
-- the threshold makes a difference, and each group may have its own
SELECT t, contact_reach(child_id, t) AS children, contact_reach(family_id, n, t) AS families
FROM (SELECT t, child_id, NULL::bigint AS family_id, NULL::bigint AS n FROM reach_t, (VALUES (1), (3), (20)) AS v(t)
	  UNION ALL SELECT t, NULL, family_id, n FROM reach_family, (VALUES (1), (3), (20)) AS v(t)) AS u
GROUP BY t ORDER BY t;
-- an integer second argument is the threshold, a bigint one a count of contacts
SELECT contact_reach(x, 2) AS threshold_2, contact_reach(x, 2::bigint) AS two_contacts_a_row
FROM (VALUES (1::bigint), (1), (2)) AS v(x);
-- no rows; only NULL ids (the threshold still given); a NULL count
SELECT contact_reach(child_id, 3) AS no_rows, contact_reach(family_id, n, 3) AS no_rows_families
FROM reach_family WHERE false;
SELECT kind, contact_reach(child_id, 3) FROM reach_t WHERE false GROUP BY kind;
SELECT contact_reach(NULL::bigint, 3), contact_reach(NULL::bigint, NULL::bigint, 3) FROM generate_series(1, 5);
SELECT contact_reach(x, n, 2) FROM (VALUES (1::bigint, NULL::bigint), (NULL, 4), (2, 2)) AS v(x, n);
-- the largest threshold: saturated counts still reach it
SELECT contact_reach(x, n, 2147483647) FROM (VALUES (1::bigint, 2147483647::bigint), (1, 2147483647), (2, 2147483646)) AS v(x, n);
-- the threshold must be given, at least 1 and the same on every row of a
-- group, rows with a NULL id included
SELECT contact_reach(1::bigint, NULL::integer);
SELECT contact_reach(NULL::bigint, NULL::integer);
SELECT contact_reach(1::bigint, 0);
SELECT contact_reach(x, t) FROM (VALUES (1::bigint, -5)) AS v(x, t);
SELECT contact_reach(x, t) FROM (VALUES (1::bigint, 3), (2, 4)) AS v(x, t);
SELECT contact_reach(x, t) FROM (VALUES (1::bigint, 3), (NULL, 4)) AS v(x, t);
SELECT contact_reach(x, t) FROM (VALUES (1::bigint, 3), (2, NULL)) AS v(x, t);
SELECT contact_reach(x, n, t) FROM (VALUES (1::bigint, 2::bigint, 3), (1, 1, 5)) AS v(x, n, t);
SELECT contact_reach(x, n, t) FROM (VALUES (1::bigint, 2::bigint, 0)) AS v(x, n, t);
SELECT contact_reach(x, n, 3) FROM (VALUES (1::bigint, -1::bigint)) AS v(x, n);
-- window aggregate: as the setting-reading signature
SELECT count(*) AS rows, count(*) FILTER (WHERE given IS DISTINCT FROM setting) AS differ
FROM (SELECT contact_reach(child_id, 3) OVER w AS given, contact_reach(child_id) OVER w AS setting
	  FROM reach_t WHERE centre < 10 WINDOW w AS (PARTITION BY centre ORDER BY contact_id)) AS q;
-- forced parallel plans: Partial Aggregate in the workers, the same results
-- as the serial plan of the setting-reading signature
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT kind, centre, contact_reach(child_id, 3) FROM reach_t GROUP BY kind, centre;
SELECT count(*) AS groups, count(*) FILTER (WHERE s.r IS DISTINCT FROM p.r) AS differ
FROM reach_serial AS s
FULL JOIN (SELECT kind, centre, contact_reach(child_id, 3) AS r FROM reach_t GROUP BY kind, centre) AS p
USING (kind, centre);
EXPLAIN (COSTS OFF) SELECT contact_reach(child_id, 3) FROM reach_t;
SELECT contact_reach(child_id, 3) FROM reach_t;
EXPLAIN (COSTS OFF) SELECT contact_reach(family_id, n, 3) FROM reach_family;
SELECT contact_reach(family_id, n, 3) FROM reach_family;
SELECT contact_reach(child_id, 3) FROM reach_t WHERE child_id IS NULL;
SELECT contact_reach(child_id, 3) FROM reach_t WHERE false;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;
-- the combine function refuses states with different thresholds: one
-- partition per threshold, aggregated partitionwise, so that each
-- partition's partial state has one threshold and only the combine step
-- meets both
CREATE TABLE reach_by_threshold (t int, child_id bigint) PARTITION BY LIST (t);
CREATE TABLE reach_by_threshold_3 PARTITION OF reach_by_threshold FOR VALUES IN (3);
CREATE TABLE reach_by_threshold_5 PARTITION OF reach_by_threshold FOR VALUES IN (5);
INSERT INTO reach_by_threshold SELECT CASE kind WHEN 'uniform' THEN 3 ELSE 5 END, child_id FROM reach_t;
ANALYZE reach_by_threshold;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT child_id % 2 AS g, contact_reach(child_id, t) FROM reach_by_threshold GROUP BY 1;
SELECT child_id % 2 AS g, contact_reach(child_id, t) FROM reach_by_threshold GROUP BY 1;
SELECT t, contact_reach(child_id, t) FROM reach_by_threshold GROUP BY t ORDER BY t;
RESET enable_partitionwise_aggregate;
SELECT kind, contact_reach(child_id, CASE kind WHEN 'uniform' THEN 3 ELSE 5 END) FROM reach_t GROUP BY kind ORDER BY kind;
DROP TABLE reach_by_threshold;
-- argument types
SELECT contact_reach(x::int) FROM generate_series(1, 4) AS x;
SELECT contact_reach('x'::text);
DROP TABLE reach_t, reach_family, reach_serial, reach_part;
