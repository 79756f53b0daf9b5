-- pgTAP: the reach engine's interface (contact_reach, rank_correlation)
BEGIN;
SELECT plan(55);

SELECT has_type('surestart', 'reach_counts', 'type reach_counts exists');
SELECT has_function('surestart', 'contact_reach', ARRAY['bigint'], 'contact_reach(bigint) exists');
SELECT has_function('surestart', 'contact_reach', ARRAY['bigint', 'bigint'], 'contact_reach(bigint, bigint) exists');
SELECT has_function('surestart', 'rank_correlation', ARRAY['double precision', 'double precision'],
	'rank_correlation(float8, float8) exists');
SELECT is_aggregate('surestart', 'contact_reach', ARRAY['bigint'], 'contact_reach(bigint) is an aggregate');
SELECT is_aggregate('surestart', 'contact_reach', ARRAY['bigint', 'bigint'], 'contact_reach(bigint, bigint) is an aggregate');
SELECT is_aggregate('surestart', 'rank_correlation', ARRAY['double precision', 'double precision'],
	'rank_correlation is an aggregate');
SELECT function_returns('surestart', 'contact_reach', ARRAY['bigint'], 'surestart.reach_counts',
	'contact_reach(bigint) returns reach_counts');
SELECT function_returns('surestart', 'contact_reach', ARRAY['bigint', 'bigint'], 'surestart.reach_counts',
	'contact_reach(bigint, bigint) returns reach_counts');
SELECT function_returns('surestart', 'rank_correlation', ARRAY['double precision', 'double precision'],
	'double precision', 'rank_correlation returns double precision');
SELECT has_function('surestart', 'contact_reach', ARRAY['bigint', 'integer'], 'contact_reach(bigint, integer) exists');
SELECT has_function('surestart', 'contact_reach', ARRAY['bigint', 'bigint', 'integer'],
	'contact_reach(bigint, bigint, integer) exists');
SELECT is_aggregate('surestart', 'contact_reach', ARRAY['bigint', 'integer'], 'contact_reach(bigint, integer) is an aggregate');
SELECT is_aggregate('surestart', 'contact_reach', ARRAY['bigint', 'bigint', 'integer'],
	'contact_reach(bigint, bigint, integer) is an aggregate');
SELECT function_returns('surestart', 'contact_reach', ARRAY['bigint', 'integer'], 'surestart.reach_counts',
	'contact_reach(bigint, integer) returns reach_counts');
SELECT function_returns('surestart', 'contact_reach', ARRAY['bigint', 'bigint', 'integer'], 'surestart.reach_counts',
	'contact_reach(bigint, bigint, integer) returns reach_counts');
SELECT is((SELECT count(*) FROM pg_proc AS p WHERE p.pronamespace = 'surestart'::regnamespace
		   AND p.proname IN ('contact_reach', 'contact_reach_trans', 'contact_reach_weighted_trans', 'contact_reach_given_trans', 'contact_reach_weighted_given_trans')
		   AND obj_description(p.oid, 'pg_proc') IS NULL), 0::bigint,
	'every contact_reach aggregate and transition function has a comment');
SELECT results_eq(
	$$SELECT a.attname::text COLLATE "default", format_type(a.atttypid, a.atttypmod) FROM pg_attribute AS a
	  WHERE a.attrelid = 'surestart.reach_counts'::regclass AND a.attnum > 0 ORDER BY a.attnum$$,
	$$VALUES ('seen', 'bigint'), ('sustained', 'bigint'), ('contacts', 'bigint')$$,
	'reach_counts is (seen bigint, sustained bigint, contacts bigint)');

-- every aggregate has internal state, combine/serialise/deserialise, and is parallel safe
SELECT results_eq(
	$$SELECT p.oid::regprocedure::text, a.aggtranstype::regtype::text, a.aggcombinefn <> 0,
			a.aggserialfn <> 0, a.aggdeserialfn <> 0, p.proparallel::text, a.aggtransspace > 0
	  FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
	  WHERE p.pronamespace = 'surestart'::regnamespace
		AND p.proname IN ('contact_reach', 'rank_correlation') ORDER BY 1$$,
	$$VALUES ('surestart.contact_reach(bigint)', 'internal', true, true, true, 's', true),
			 ('surestart.contact_reach(bigint,bigint)', 'internal', true, true, true, 's', true),
			 ('surestart.contact_reach(bigint,bigint,integer)', 'internal', true, true, true, 's', true),
			 ('surestart.contact_reach(bigint,integer)', 'internal', true, true, true, 's', true),
			 ('surestart.rank_correlation(double precision,double precision)', 'internal', true, true, true, 's', true)$$,
	'aggregates: internal state, combine, serialise, deserialise, SSPACE, PARALLEL SAFE');
SELECT isnt_strict('surestart', 'contact_reach_combine', ARRAY['internal', 'internal'], 'contact_reach_combine is not strict');
SELECT isnt_strict('surestart', 'rank_correlation_combine', ARRAY['internal', 'internal'], 'rank_correlation_combine is not strict');
SELECT is_strict('surestart', 'contact_reach_serialize', ARRAY['internal'], 'contact_reach_serialize is strict');
SELECT is_strict('surestart', 'contact_reach_deserialize', ARRAY['bytea', 'internal'], 'contact_reach_deserialize is strict');
SELECT is_strict('surestart', 'rank_correlation_deserialize', ARRAY['bytea', 'internal'], 'rank_correlation_deserialize is strict');
SELECT volatility_is('surestart', 'contact_reach_trans', ARRAY['internal', 'bigint'], 'stable',
	'contact_reach_trans is stable (reads the sustained_contacts setting)');
SELECT volatility_is('surestart', 'rank_correlation_trans', ARRAY['internal', 'double precision', 'double precision'],
	'immutable', 'rank_correlation_trans is immutable');
SELECT volatility_is('surestart', 'contact_reach_given_trans', ARRAY['internal', 'bigint', 'integer'], 'immutable',
	'contact_reach_given_trans(internal, bigint, integer) is immutable (the threshold is an argument)');
SELECT volatility_is('surestart', 'contact_reach_weighted_given_trans', ARRAY['internal', 'bigint', 'bigint', 'integer'], 'immutable',
	'contact_reach_weighted_given_trans(internal, bigint, bigint, integer) is immutable (the threshold is an argument)');
SELECT isnt_strict('surestart', 'contact_reach_given_trans', ARRAY['internal', 'bigint', 'integer'],
	'contact_reach_given_trans(internal, bigint, integer) is not strict (a NULL threshold is an error)');
SELECT isnt_strict('surestart', 'contact_reach_weighted_given_trans', ARRAY['internal', 'bigint', 'bigint', 'integer'],
	'contact_reach_weighted_given_trans(internal, bigint, bigint, integer) is not strict');

-- results
SELECT results_eq($$SELECT (surestart.contact_reach(x)).* FROM (VALUES (1::bigint), (1), (1), (2), (NULL)) AS v(x)$$,
	$$VALUES (2::bigint, 1::bigint, 4::bigint)$$, 'contact_reach counts seen, sustained, contacts');
SELECT results_eq($$SELECT (surestart.contact_reach(x)).* FROM (VALUES (1::bigint)) AS v(x) WHERE false$$,
	$$VALUES (0::bigint, 0::bigint, 0::bigint)$$, 'contact_reach over no rows is zeros');
SELECT results_eq($$SELECT (surestart.contact_reach(f, n)).* FROM (VALUES (1::bigint, 2::bigint), (1, 1), (2, 0), (3, 1)) AS v(f, n)$$,
	$$VALUES (2::bigint, 1::bigint, 4::bigint)$$, 'contact_reach(id, contacts) rolls counts up');
SELECT results_eq($$SELECT (surestart.contact_reach(x, 2)).* FROM (VALUES (1::bigint), (1), (2), (NULL)) AS v(x)$$,
	$$VALUES (2::bigint, 1::bigint, 3::bigint)$$, 'contact_reach(id, threshold) counts sustained from the threshold');
SELECT results_eq($$SELECT (surestart.contact_reach(f, n, 4)).* FROM (VALUES (1::bigint, 2::bigint), (1, 2), (2, 3)) AS v(f, n)$$,
	$$VALUES (2::bigint, 1::bigint, 7::bigint)$$, 'contact_reach(id, contacts, threshold) rolls counts up');
SELECT results_eq($$SELECT (surestart.contact_reach(x, 3)).* FROM (VALUES (1::bigint)) AS v(x) WHERE false$$,
	$$VALUES (0::bigint, 0::bigint, 0::bigint)$$, 'contact_reach(id, threshold) over no rows is zeros');
SELECT results_eq($$SELECT (surestart.contact_reach(NULL::bigint, 3)).* FROM generate_series(1, 3)$$,
	$$VALUES (0::bigint, 0::bigint, 0::bigint)$$, 'contact_reach(id, threshold) over NULL ids is zeros');
SELECT is((SELECT surestart.rank_correlation(x, y) FROM (VALUES (1, 1), (2, 2), (2, 3), (3, 4), (4, 3)) AS v(x, y)),
	7.25::float8 / 9.5, 'rank_correlation with ties uses average ranks');
SELECT is((SELECT surestart.rank_correlation(x, y) FROM (VALUES (1, 1)) AS v(x, y)), NULL::float8,
	'rank_correlation of one pair is NULL');
SELECT is((SELECT surestart.rank_correlation(x, y) FROM (VALUES (1, 1), (1, 2)) AS v(x, y)), NULL::float8,
	'rank_correlation with a constant column is NULL');

-- the threshold comes from surestart.setting
UPDATE surestart.setting SET value = '2' WHERE name = 'sustained_contacts';
SELECT results_eq($$SELECT (surestart.contact_reach(x)).sustained FROM (VALUES (1::bigint), (1), (2), (2), (3)) AS v(x)$$,
	$$VALUES (2::bigint)$$, 'sustained_contacts setting is honoured');
SELECT results_eq($$SELECT surestart.contact_reach(x % 50, 2) FROM generate_series(1, 200) AS x, generate_series(1, x % 4) AS k$$,
	$$SELECT surestart.contact_reach(x % 50) FROM generate_series(1, 200) AS x, generate_series(1, x % 4) AS k$$,
	'contact_reach(id, 2) gives what contact_reach(id) gives under setting 2');

-- errors and their SQLSTATEs
SELECT throws_ok($$SELECT surestart.contact_reach(1::bigint, -1::bigint)$$, '22023',
	'negative number of contacts -1 for id 1', 'negative contacts: 22023');
SELECT throws_ok($$SELECT surestart.contact_reach(x, n) FROM (VALUES (1::bigint, 9223372036854775807), (2, 1)) AS v(x, n)$$,
	'22003', 'contact_reach total of contacts is out of range for type bigint', 'contacts total overflow: 22003');
SELECT throws_ok($$SELECT surestart.rank_correlation('NaN'::float8, 1)$$, '22023',
	'rank_correlation argument x is NaN', 'NaN: 22023');
SELECT throws_ok($$SELECT surestart.rank_correlation(1, '-Infinity'::float8)$$, '22023',
	'rank_correlation argument y is -Infinity', 'infinity: 22023');
ALTER TABLE surestart.setting DISABLE TRIGGER check_setting;
UPDATE surestart.setting SET value = 'lots' WHERE name = 'sustained_contacts';
SELECT throws_ok($$SELECT surestart.contact_reach(1::bigint)$$, '22023',
	'invalid value "lots" for setting sustained_contacts', 'bad sustained_contacts setting: 22023');
ALTER TABLE surestart.setting ENABLE TRIGGER check_setting;
SELECT throws_ok($$SELECT surestart.contact_reach(1::bigint, NULL::integer)$$, '22004',
	'sustained threshold of contact_reach is NULL', 'NULL threshold: 22004');
SELECT throws_ok($$SELECT surestart.contact_reach(1::bigint, 0)$$, '22023',
	'invalid sustained threshold 0 for contact_reach', 'threshold 0: 22023');
SELECT throws_ok($$SELECT surestart.contact_reach(1::bigint, 2::bigint, -1)$$, '22023',
	'invalid sustained threshold -1 for contact_reach', 'negative threshold: 22023');
SELECT throws_ok($$SELECT surestart.contact_reach(x, t) FROM (VALUES (1::bigint, 3), (NULL, 4)) AS v(x, t)$$, '22023',
	'sustained threshold 4 of contact_reach differs from the threshold 3 of an earlier row in the group',
	'thresholds differing within a group: 22023');
SELECT throws_ok($$SELECT surestart.contact_reach(x, 1::bigint, t) FROM (VALUES (1::bigint, 5), (2, 3)) AS v(x, t)$$, '22023',
	'sustained threshold 3 of contact_reach differs from the threshold 5 of an earlier row in the group',
	'thresholds differing within a group (weighted): 22023');
-- the combine function refuses states with different thresholds: one
-- partition per threshold, aggregated partitionwise
CREATE TABLE pg_temp.by_threshold (t int, id bigint) PARTITION BY LIST (t);
CREATE TABLE pg_temp.by_threshold_3 PARTITION OF pg_temp.by_threshold FOR VALUES IN (3);
CREATE TABLE pg_temp.by_threshold_5 PARTITION OF pg_temp.by_threshold FOR VALUES IN (5);
INSERT INTO pg_temp.by_threshold SELECT 3 + 2 * (i % 2), i % 4999 FROM generate_series(1, 40000) AS i;
ANALYZE pg_temp.by_threshold;
SET LOCAL enable_partitionwise_aggregate = on;
SELECT throws_ok($$SELECT id % 2, surestart.contact_reach(id, t) FROM pg_temp.by_threshold GROUP BY 1$$, '22023',
	'cannot combine contact_reach states with different sustained thresholds', 'combining different thresholds: 22023');
RESET enable_partitionwise_aggregate;
SELECT throws_ok($$SELECT surestart.contact_reach_final(NULL::internal)$$, '42846', NULL,
	'internal pseudo-type values cannot be made in SQL');
SELECT throws_ok($$SELECT surestart.contact_reach('1'::text)$$, '42883', NULL, 'no contact_reach(text)');

SELECT * FROM finish();
ROLLBACK;
