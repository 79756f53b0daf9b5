-- coverage(groups, contacts) and sum(coverage): differential tests against
-- plain SQL on generated data (fixed seed), NULL handling, the sustained
-- threshold setting, refusal to merge different thresholds (transition and
-- combine), forced parallel plans, partitionwise aggregation over very
-- different partitions, window use, and the two-step rollup a distributed
-- engine would do (per-"shard" summaries summed on the coordinator).
SET search_path = surestart, public;
\set ON_ERROR_ROLLBACK on
-- SQLSTATE and message of a statement's error, or 'ok'
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE query;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;
-- The differential check: coverage() per centre, unpacked, against the
-- plain SQL (unnest the groups, count with FILTER) on the same rows, counts
-- and wholes; returns the number of per-group and per-centre rows compared
-- and how many differ (must be 0).
CREATE FUNCTION pg_temp.check(tbl text, threshold integer DEFAULT 3) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	national target_groups := '{teenage_parent,young_parent,pregnant_teenager,lone_parent,father,only_male_carer,disabled_parent,disabled_child,disabled_child_any_age,workless_household,workless_by_status,additional_language,minority_ethnic,smoking_parent,priority_family,child_in_need,child_protection,looked_after,two_year_funding}';
	group_rows bigint;
	group_diff bigint;
	total_rows bigint;
	total_diff bigint;
	thresholds text;
BEGIN
	EXECUTE format($q$
		CREATE TEMP TABLE ours AS
		SELECT centre, coverage(groups, contacts) AS c FROM %s GROUP BY centre$q$, tbl);
	SELECT string_agg(DISTINCT coverage_threshold(c)::text, ',') INTO thresholds FROM ours;
	CREATE TEMP TABLE ours_rows AS
	SELECT o.centre, r.target_group, r.in_group, part(r.any_contact) AS any_contact, whole(r.any_contact) AS any_whole,
		part(r.sustained) AS sustained, whole(r.sustained) AS sustained_whole
	FROM ours AS o, coverage_rows(o.c) AS r;
	EXECUTE format($q$
		CREATE TEMP TABLE plain_rows AS
		SELECT centre, g AS target_group, count(*) AS in_group,
			count(*) FILTER (WHERE coalesce(contacts, 0) >= 1) AS any_contact, count(*) AS any_whole,
			count(*) FILTER (WHERE coalesce(contacts, 0) >= %s) AS sustained, count(*) AS sustained_whole
		FROM %s, unnest(to_array(groups)) AS g
		GROUP BY centre, g$q$, threshold, tbl);
	SELECT count(*) INTO group_rows FROM plain_rows;
	SELECT count(*) INTO group_diff FROM (
		(TABLE ours_rows EXCEPT ALL TABLE plain_rows) UNION ALL (TABLE plain_rows EXCEPT ALL TABLE ours_rows)) AS d;
	-- groups come out in canonical order
	IF EXISTS (SELECT FROM (SELECT o.centre, r.target_group, r.ord,
					lag(array_position(enum_range, r.target_group)) OVER w AS prev_pos,
					array_position(enum_range, r.target_group) AS pos
				FROM ours AS o, coverage_rows(o.c) WITH ORDINALITY AS r(target_group, in_group, any_contact, sustained, ord),
					(SELECT to_array('{teenage_parent,young_parent,pregnant_teenager,lone_parent,father,only_male_carer,disabled_parent,disabled_child,disabled_child_any_age,workless_household,workless_by_status,additional_language,minority_ethnic,smoking_parent,priority_family,child_in_need,child_protection,looked_after,two_year_funding,local_1,local_2,local_3,local_4,local_5,local_6,local_7,local_8,local_9,local_10,local_11,local_12,local_13,local_14,local_15,local_16}'::target_groups) AS enum_range) AS e
				WINDOW w AS (PARTITION BY o.centre ORDER BY r.ord)) AS s
			  WHERE pos <= prev_pos) THEN
		RAISE EXCEPTION 'coverage_rows not in canonical order';
	END IF;
	CREATE TEMP TABLE ours_totals AS
	SELECT o.centre, t.families, part(t.any_contact) AS any_contact, whole(t.any_contact) AS any_whole,
		part(t.sustained) AS sustained, whole(t.sustained) AS sustained_whole, t.in_national_group,
		part(t.reached_in_national_group) AS reached_national, whole(t.reached_in_national_group) AS reached
	FROM ours AS o, coverage_totals(o.c) AS t;
	EXECUTE format($q$
		CREATE TEMP TABLE plain_totals AS
		SELECT centre, count(*) AS families,
			count(*) FILTER (WHERE coalesce(contacts, 0) >= 1) AS any_contact, count(*) AS any_whole,
			count(*) FILTER (WHERE coalesce(contacts, 0) >= %s) AS sustained, count(*) AS sustained_whole,
			count(*) FILTER (WHERE groups && %L) AS in_national_group,
			count(*) FILTER (WHERE groups && %L AND coalesce(contacts, 0) >= 1) AS reached_national,
			count(*) FILTER (WHERE coalesce(contacts, 0) >= 1) AS reached
		FROM %s GROUP BY centre$q$, threshold, national, national, tbl);
	SELECT count(*) INTO total_rows FROM plain_totals;
	SELECT count(*) INTO total_diff FROM (
		(TABLE ours_totals EXCEPT ALL TABLE plain_totals) UNION ALL (TABLE plain_totals EXCEPT ALL TABLE ours_totals)) AS d;
	DROP TABLE ours, ours_rows, plain_rows, ours_totals, plain_totals;
	RETURN format('%s group rows, %s differ; %s centres, %s differ; threshold %s',
				  group_rows, group_diff, total_rows, total_diff, coalesce(thresholds, 'none'));
END
$$;
-- realistic prevalences (per 1000) of the target groups
CREATE TEMP TABLE prevalence (target_group text, per_mille int);
INSERT INTO prevalence VALUES
	('teenage_parent', 40), ('young_parent', 150), ('pregnant_teenager', 5), ('lone_parent', 200),
	('father', 300), ('only_male_carer', 20), ('disabled_parent', 50), ('disabled_child', 30),
	('disabled_child_any_age', 40), ('workless_household', 150), ('workless_by_status', 100),
	('additional_language', 120), ('minority_ethnic', 150), ('smoking_parent', 100),
	('priority_family', 30), ('child_in_need', 20), ('child_protection', 8), ('looked_after', 3),
	('two_year_funding', 60), ('local_1', 10), ('local_2', 5), ('local_7', 2), ('local_16', 1);
SELECT setseed(0.1304) \gset
-- random: any subset of the 35 groups equally likely, contacts 0-10, 40 centres
CREATE TEMP TABLE fam_random AS
SELECT i AS id, i % 40 AS centre,
	target_groups(ARRAY(SELECT g FROM unnest(to_array('{teenage_parent,young_parent,pregnant_teenager,lone_parent,father,only_male_carer,disabled_parent,disabled_child,disabled_child_any_age,workless_household,workless_by_status,additional_language,minority_ethnic,smoking_parent,priority_family,child_in_need,child_protection,looked_after,two_year_funding,local_1,local_2,local_3,local_4,local_5,local_6,local_7,local_8,local_9,local_10,local_11,local_12,local_13,local_14,local_15,local_16}'::target_groups)) AS g
		WHERE random() < 0.5 AND i > 0)) AS groups,
	floor(random() * 11)::bigint AS contacts
FROM generate_series(1, 20000) AS i;
SELECT pg_temp.check('fam_random');
-- skewed: realistic prevalences, most families with no contact, a long tail
CREATE TEMP TABLE fam_skewed AS
SELECT i AS id, i % 53 AS centre,
	target_groups(ARRAY(SELECT p.target_group FROM prevalence AS p WHERE random() * 1000 < p.per_mille AND i > 0)) AS groups,
	CASE WHEN random() < 0.55 THEN 0 ELSE floor(-ln(1 - random()) * 4)::bigint END AS contacts
FROM generate_series(1, 30000) AS i;
SELECT pg_temp.check('fam_skewed');
SELECT count(*) FILTER (WHERE groups && '{lone_parent}') AS lone_parents, count(*) FILTER (WHERE contacts = 0) AS no_contact,
	max(contacts) AS most_contacts
FROM fam_skewed;
-- one row
CREATE TEMP TABLE fam_one AS SELECT 1 AS id, 7 AS centre, '{lone_parent,local_3}'::target_groups AS groups, 4::bigint AS contacts;
SELECT pg_temp.check('fam_one');
SELECT coverage(groups, contacts) FROM fam_one;
-- no rows: an empty summary with the current threshold (it counts, like count())
CREATE TEMP TABLE fam_none AS SELECT * FROM fam_one WHERE false;
SELECT pg_temp.check('fam_none');
SELECT coverage(groups, contacts) FROM fam_none;
SELECT * FROM coverage_totals((SELECT coverage(groups, contacts) FROM fam_none));
-- all groups NULL: rows still count in the totals, no group rows
CREATE TEMP TABLE fam_null_groups AS SELECT id, centre, NULL::target_groups AS groups, contacts FROM fam_skewed WHERE id <= 1000;
SELECT pg_temp.check('fam_null_groups');
SELECT coverage(groups, contacts) FROM fam_null_groups WHERE centre = 1;
-- NULL contacts are 0: members without contact (as from a LEFT JOIN)
CREATE TEMP TABLE fam_null_contacts AS
SELECT id, centre, groups, CASE WHEN id % 3 = 0 THEN NULL ELSE contacts END AS contacts FROM fam_skewed;
SELECT pg_temp.check('fam_null_contacts');
SELECT coverage(g, c) FROM (VALUES ('{father}'::target_groups, NULL::bigint), (NULL, NULL), ('{father}', 1)) AS v(g, c);
SELECT coverage(f.groups, c.n)
FROM (VALUES (1, '{father}'::target_groups), (2, '{lone_parent}'), (3, '{local_1}')) AS f(id, groups)
	LEFT JOIN (VALUES (1, 5::bigint), (3, 2)) AS c(id, n) ON c.id = f.id;
-- very large contact counts are sustained; negative counts are an error
SELECT coverage(g, c) FROM (VALUES ('{local_16}'::target_groups, 9223372036854775807::bigint), ('{two_year_funding}', 2)) AS v(g, c);
SELECT pg_temp.error_of($$SELECT coverage(g, c) FROM (VALUES ('{father}'::target_groups, 1::bigint), ('{father}', -1)) AS v(g, c)$$);
-- many GROUP BY groups (5,000), hashed and sorted
CREATE TEMP TABLE fam_many AS SELECT id, id % 5000 AS centre, groups, contacts FROM fam_skewed;
SET enable_hashagg = off;
SELECT pg_temp.check('fam_many');
RESET enable_hashagg;
SET enable_sort = off;
SELECT pg_temp.check('fam_many');
RESET enable_sort;
-- sum(coverage): NULLs skipped, no rows NULL, merging equals counting everything at once
SELECT sum(c) IS NULL AS sum_of_nothing FROM (SELECT NULL::coverage AS c WHERE false) AS e;
SELECT sum(c) IS NULL AS sum_of_nulls FROM (VALUES (NULL::coverage), (NULL)) AS v(c);
SELECT sum(c) FROM (VALUES (NULL::coverage), ('{"threshold":3,"all":[2,1,0],"national":[1,1,0],"father":[1,1,0]}')) AS v(c);
SELECT (SELECT sum(c) FROM (SELECT coverage(groups, contacts) AS c FROM fam_skewed GROUP BY centre) AS s)::text
	= (SELECT coverage(groups, contacts) FROM fam_skewed)::text AS centres_sum_to_county;
-- the int64 limit
SELECT sum(c) FROM (VALUES ('{"threshold":3,"all":[9223372036854775806,5,1],"national":[0,0,0],"local_1":[9223372036854775806,5,1]}'::coverage),
	('{"threshold":3,"all":[1,1,1],"national":[1,1,1],"looked_after":[1,1,1]}')) AS v(c);
SELECT pg_temp.error_of($$SELECT sum(c) FROM (VALUES ('{"threshold":3,"all":[9223372036854775807,0,0],"national":[0,0,0]}'::coverage), ('{"threshold":3,"all":[1,0,0],"national":[0,0,0]}')) AS v(c)$$);
-- thresholds: the setting is honoured, and summaries built under different
-- settings refuse to merge, in the transition and in the combine function
BEGIN;
CREATE TEMP TABLE built (setting text, centre int, c coverage);
INSERT INTO built SELECT '3', centre, coverage(groups, contacts) FROM fam_skewed WHERE centre < 4 GROUP BY centre;
UPDATE setting SET value = '5' WHERE name = 'sustained_contacts';
SELECT pg_temp.check('fam_skewed', 5);
INSERT INTO built SELECT '5', centre, coverage(groups, contacts) FROM fam_skewed WHERE centre < 4 GROUP BY centre;
SELECT setting, coverage_threshold(c), count(*) FROM built GROUP BY 1, 2 ORDER BY 1;
SELECT setting, sum(c) = (SELECT coverage(groups, contacts) FROM fam_skewed WHERE centre < 4) AS same_as_current
FROM built GROUP BY setting ORDER BY setting;
SELECT pg_temp.error_of('SELECT sum(c) FROM built');
SELECT sum(c) FROM built WHERE centre = 0;
-- the combine function: one partition per threshold, aggregated
-- partitionwise, so each partition's partial state has one threshold and
-- only the combine step meets both
CREATE TEMP TABLE built_part (setting text, centre int, c coverage) PARTITION BY LIST (setting);
CREATE TEMP TABLE built_3 PARTITION OF built_part FOR VALUES IN ('3');
CREATE TEMP TABLE built_5 PARTITION OF built_part FOR VALUES IN ('5');
INSERT INTO built_part SELECT setting, centre, c FROM built, generate_series(1, 2000);
ANALYZE built_part;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT centre, sum(c) FROM built_part GROUP BY centre;
SELECT centre, sum(c) FROM built_part GROUP BY centre;
SELECT setting, coverage_threshold(sum(c)) FROM built_part GROUP BY setting ORDER BY setting;
RESET enable_partitionwise_aggregate;
-- a bad setting (written with the check trigger off) is an error, not a guess
ALTER TABLE setting DISABLE TRIGGER check_setting;
UPDATE setting SET value = '0' WHERE name = 'sustained_contacts';
SELECT pg_temp.error_of('SELECT coverage(groups, contacts) FROM fam_one');
UPDATE setting SET value = 'three' WHERE name = 'sustained_contacts';
SELECT pg_temp.error_of('SELECT coverage(groups, contacts) FROM fam_one');
DELETE FROM setting WHERE name = 'sustained_contacts';
SELECT coverage_threshold(coverage(groups, contacts)) AS default_threshold FROM fam_one;
ROLLBACK;
SELECT value FROM setting WHERE name = 'sustained_contacts';
-- forced parallel plans: Partial Aggregate in workers, results as in the serial plan
CREATE TABLE fam_par AS SELECT * FROM fam_skewed;
ANALYZE fam_par;
CREATE TEMP TABLE serial_result AS
SELECT centre, coverage(groups, contacts)::text AS c FROM fam_par GROUP BY centre;
CREATE TEMP TABLE serial_total AS SELECT coverage(groups, contacts)::text AS c FROM fam_par;
CREATE TABLE cov_par AS SELECT id % 7 AS k, coverage(groups, contacts) AS c FROM fam_par GROUP BY id / 10, id % 7;
ANALYZE cov_par;
CREATE TEMP TABLE serial_sum AS SELECT k, sum(c)::text AS c FROM cov_par GROUP BY k;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT coverage(groups, contacts) FROM fam_par;
SELECT coverage(groups, contacts)::text = (SELECT c FROM serial_total) AS same_as_serial FROM fam_par;
EXPLAIN (COSTS OFF) SELECT centre, coverage(groups, contacts) FROM fam_par GROUP BY centre;
SELECT count(*) AS centres, count(*) FILTER (WHERE p.c = s.c) AS same_as_serial
FROM (SELECT centre, coverage(groups, contacts)::text AS c FROM fam_par GROUP BY centre) AS p
	JOIN serial_result AS s USING (centre);
EXPLAIN (COSTS OFF) SELECT k, sum(c) FROM cov_par GROUP BY k;
SELECT count(*) AS ks, count(*) FILTER (WHERE p.c = s.c) AS same_as_serial
FROM (SELECT k, sum(c)::text AS c FROM cov_par GROUP BY k) AS p JOIN serial_sum AS s USING (k);
SELECT sum(c)::text = (SELECT c FROM serial_total) AS sum_same_as_serial FROM cov_par;
-- workers that see no rows give NULL partial states
SELECT coverage(groups, contacts) AS no_rows FROM fam_par WHERE centre < 0;
SELECT sum(c) IS NULL AS sum_no_rows FROM cov_par WHERE k < 0;
SELECT coverage(NULL::target_groups, NULL::bigint) AS only_nulls FROM fam_par WHERE centre = 0;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE fam_par, cov_par;
-- partitionwise aggregation over very different partitions: NULL groups and
-- contacts, every group with huge counts, an empty partition, ordinary rows
CREATE TABLE fam_parts (kind text, centre int, groups target_groups, contacts bigint) PARTITION BY LIST (kind);
CREATE TABLE fam_parts_nulls PARTITION OF fam_parts FOR VALUES IN ('nulls');
CREATE TABLE fam_parts_everything PARTITION OF fam_parts FOR VALUES IN ('everything');
CREATE TABLE fam_parts_empty PARTITION OF fam_parts FOR VALUES IN ('empty');
CREATE TABLE fam_parts_skewed PARTITION OF fam_parts FOR VALUES IN ('skewed');
INSERT INTO fam_parts SELECT 'nulls', i % 5, NULL, NULL FROM generate_series(1, 3000) AS i;
INSERT INTO fam_parts
SELECT 'everything', i % 3, '{teenage_parent,young_parent,pregnant_teenager,lone_parent,father,only_male_carer,disabled_parent,disabled_child,disabled_child_any_age,workless_household,workless_by_status,additional_language,minority_ethnic,smoking_parent,priority_family,child_in_need,child_protection,looked_after,two_year_funding,local_1,local_2,local_3,local_4,local_5,local_6,local_7,local_8,local_9,local_10,local_11,local_12,local_13,local_14,local_15,local_16}',
	9223372036854775807 - i
FROM generate_series(1, 2000) AS i;
INSERT INTO fam_parts SELECT 'skewed', centre % 5, groups, contacts FROM fam_skewed;
ANALYZE fam_parts;
CREATE TEMP TABLE whole_table AS SELECT centre, coverage(groups, contacts)::text AS c FROM fam_parts GROUP BY centre;
SET enable_partitionwise_aggregate = on;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT centre, coverage(groups, contacts) FROM fam_parts GROUP BY centre;
SELECT count(*) AS centres, count(*) FILTER (WHERE p.c = w.c) AS same_as_whole
FROM (SELECT centre, coverage(groups, contacts)::text AS c FROM fam_parts GROUP BY centre) AS p JOIN whole_table AS w USING (centre);
RESET enable_partitionwise_aggregate;
RESET parallel_leader_participation;
CREATE TEMP TABLE fam_parts_copy AS SELECT centre, groups, contacts FROM fam_parts;
SELECT pg_temp.check('fam_parts_copy');
-- the two-step rollup of a distributed engine, with partitions as "shards":
-- each shard summarises its rows into coverage values (per centre), the
-- coordinator sums them; the result is the summary of the whole table,
-- byte for byte
CREATE TEMP TABLE shard_summaries AS
SELECT tableoid::regclass AS shard, centre, coverage(groups, contacts) AS c
FROM fam_parts GROUP BY tableoid, centre;
SELECT shard, count(*) AS centres, sum((coverage_totals(c)).families) AS families
FROM shard_summaries GROUP BY shard ORDER BY shard::text;
SELECT count(*) AS centres, count(*) FILTER (WHERE s.c = w.c) AS same_bytes
FROM (SELECT centre, sum(c)::text AS c FROM shard_summaries GROUP BY centre) AS s JOIN whole_table AS w USING (centre);
SELECT (SELECT sum(c) FROM shard_summaries)::text = (SELECT coverage(groups, contacts) FROM fam_parts)::text AS county_same_text,
	coverage_send((SELECT sum(c) FROM shard_summaries)) = coverage_send((SELECT coverage(groups, contacts) FROM fam_parts)) AS county_same_bytes;
SELECT * FROM coverage_totals((SELECT sum(c) FROM shard_summaries));
SELECT * FROM coverage_rows((SELECT sum(c) FROM shard_summaries)) WHERE target_group IN ('lone_parent', 'looked_after', 'local_16');
DROP TABLE fam_parts;
-- window use: the final function re-reads the same state
SELECT i, coverage(g, c) OVER (ORDER BY i) AS running
FROM (VALUES (1, '{lone_parent}'::target_groups, 0::bigint), (2, NULL, 3), (3, '{lone_parent,local_2}', 1), (4, '{father}', NULL)) AS v(i, g, c)
ORDER BY i;
SELECT i, (coverage_totals(coverage(g, c) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW))).families AS moving_families,
	coverage_threshold(sum(s) OVER (PARTITION BY i % 2 ORDER BY i)) AS sum_threshold,
	(coverage_totals(sum(s) OVER (PARTITION BY i % 2 ORDER BY i))).any_contact AS running_any
FROM (VALUES (1, '{lone_parent}'::target_groups, 0::bigint, '{"threshold":3,"all":[2,1,0],"national":[0,0,0]}'::coverage),
	(2, NULL, 3, '{"threshold":3,"all":[4,4,1],"national":[0,0,0]}'),
	(3, '{father}', 1, NULL),
	(4, '{father}', 9, '{"threshold":3,"all":[1,0,0],"national":[1,0,0],"father":[1,0,0]}')) AS v(i, g, c, s)
ORDER BY i;
-- coverage(groups, contacts, threshold): the threshold as an argument
-- (immutable).  With the same threshold it gives exactly what the
-- setting-reading signature gives, centre by centre, on the random, skewed,
-- NULL and many-group tables, at thresholds from 1 to far beyond any count
CREATE FUNCTION pg_temp.given_vs_setting(tbl text, thresholds int[])
RETURNS TABLE (threshold int, centres bigint, differ bigint)
LANGUAGE plpgsql AS $$
DECLARE
	t int;
BEGIN
	FOREACH t IN ARRAY thresholds LOOP
		UPDATE surestart.setting SET value = t::text WHERE name = 'sustained_contacts';
		threshold := t;
		EXECUTE format($q$
			SELECT count(*), count(*) FILTER (WHERE a.c IS DISTINCT FROM s.c)
			FROM (SELECT centre, surestart.coverage(groups, contacts, %s)::text AS c FROM %s GROUP BY centre) AS a
			FULL JOIN (SELECT centre, surestart.coverage(groups, contacts)::text AS c FROM %s GROUP BY centre) AS s
			USING (centre)$q$, t, tbl, tbl) INTO centres, differ;
		RETURN NEXT;
	END LOOP;
END
$$;
BEGIN;
SELECT * FROM pg_temp.given_vs_setting('fam_random', '{1,3,5,10,11}');
SELECT * FROM pg_temp.given_vs_setting('fam_skewed', '{1,2,3,5,999999999}');
SELECT * FROM pg_temp.given_vs_setting('fam_null_groups', '{3}');
SELECT * FROM pg_temp.given_vs_setting('fam_null_contacts', '{2}');
SELECT * FROM pg_temp.given_vs_setting('fam_many', '{3}');
ROLLBACK;
-- the summary records the threshold it was given; each group may have its own
SELECT t, coverage_threshold(c), (coverage_totals(c)).sustained::text
FROM (SELECT t, coverage(groups, contacts, t) AS c FROM fam_skewed, (VALUES (1), (3), (7)) AS v(t) GROUP BY t) AS q
ORDER BY t;
-- summaries per centre sum to the summary of all rows
SELECT (SELECT sum(c) FROM (SELECT coverage(groups, contacts, 4) AS c FROM fam_skewed GROUP BY centre) AS s)::text
	= (SELECT coverage(groups, contacts, 4) FROM fam_skewed)::text AS centres_sum_to_county;
-- no rows: NULL, since no row gave a threshold (sum(coverage) is NULL too);
-- rows with NULL groups and contacts count, with the threshold they give
SELECT coverage(groups, contacts, 3) IS NULL AS no_rows FROM fam_none;
SELECT centre, coverage(groups, contacts, 3) FROM fam_none GROUP BY centre;
SELECT coverage(NULL::target_groups, NULL::bigint, 3) AS only_nulls FROM generate_series(1, 4);
SELECT coverage(g, c, 2) FROM (VALUES ('{father}'::target_groups, NULL::bigint), (NULL, NULL), ('{father}', 2)) AS v(g, c);
-- the threshold must be given, at least 1 and the same on every row of a group
SELECT pg_temp.error_of($$SELECT coverage('{father}'::target_groups, 1::bigint, NULL::integer)$$);
SELECT pg_temp.error_of($$SELECT coverage(NULL::target_groups, NULL::bigint, NULL::integer)$$);
SELECT pg_temp.error_of($$SELECT coverage('{father}'::target_groups, 1::bigint, 0)$$);
SELECT pg_temp.error_of($$SELECT coverage(g, c, t) FROM (VALUES ('{father}'::target_groups, 1::bigint, -2)) AS v(g, c, t)$$);
SELECT pg_temp.error_of($$SELECT coverage(g, c, t) FROM (VALUES ('{father}'::target_groups, 1::bigint, 3), ('{father}', 1, 4)) AS v(g, c, t)$$);
SELECT pg_temp.error_of($$SELECT coverage(g, c, t) FROM (VALUES ('{father}'::target_groups, 1::bigint, 3), (NULL, NULL, 5)) AS v(g, c, t)$$);
SELECT pg_temp.error_of($$SELECT coverage(g, c, 3) FROM (VALUES ('{father}'::target_groups, -1::bigint)) AS v(g, c)$$);
-- window use, as the setting-reading signature
SELECT count(*) AS rows, count(*) FILTER (WHERE given IS DISTINCT FROM setting) AS differ
FROM (SELECT coverage(groups, contacts, 3) OVER w AS given, coverage(groups, contacts) OVER w AS setting
	  FROM fam_skewed WHERE centre < 5 WINDOW w AS (PARTITION BY centre ORDER BY id)) AS q;
-- forced parallel plans: Partial Aggregate in the workers, results as the
-- serial plan of the setting-reading signature
CREATE TABLE fam_par AS SELECT * FROM fam_skewed;
ANALYZE fam_par;
CREATE TEMP TABLE serial_by_centre AS SELECT centre, coverage(groups, contacts)::text AS c FROM fam_par GROUP BY centre;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT coverage(groups, contacts, 3) FROM fam_par;
SELECT coverage(groups, contacts, 3)::text = (SELECT coverage(groups, contacts) FROM fam_skewed)::text AS same_as_serial
FROM fam_par;
EXPLAIN (COSTS OFF) SELECT centre, coverage(groups, contacts, 3) FROM fam_par GROUP BY centre;
SELECT count(*) AS centres, count(*) FILTER (WHERE p.c = s.c) AS same_as_serial
FROM (SELECT centre, coverage(groups, contacts, 3)::text AS c FROM fam_par GROUP BY centre) AS p
	JOIN serial_by_centre AS s USING (centre);
SELECT coverage(groups, contacts, 3) IS NULL AS no_rows FROM fam_par WHERE centre < 0;
SELECT coverage(NULL::target_groups, NULL::bigint, 3) AS only_nulls FROM fam_par WHERE centre = 0;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
DROP TABLE fam_par;
-- the combine function refuses states with different thresholds: one
-- partition per threshold, aggregated partitionwise, so that only the
-- combine step meets both
CREATE TABLE fam_by_threshold (t int, centre int, groups target_groups, contacts bigint) PARTITION BY LIST (t);
CREATE TABLE fam_by_threshold_3 PARTITION OF fam_by_threshold FOR VALUES IN (3);
CREATE TABLE fam_by_threshold_5 PARTITION OF fam_by_threshold FOR VALUES IN (5);
INSERT INTO fam_by_threshold SELECT 3 + 2 * (id % 2), centre, groups, contacts FROM fam_skewed;
ANALYZE fam_by_threshold;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT centre, coverage(groups, contacts, t) FROM fam_by_threshold GROUP BY centre;
SELECT pg_temp.error_of('SELECT centre, coverage(groups, contacts, t) FROM fam_by_threshold GROUP BY centre');
SELECT t, coverage_threshold(coverage(groups, contacts, t)), (coverage_totals(coverage(groups, contacts, t))).families
FROM fam_by_threshold GROUP BY t ORDER BY t;
RESET enable_partitionwise_aggregate;
DROP TABLE fam_by_threshold;
