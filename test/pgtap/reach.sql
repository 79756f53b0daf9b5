-- pgTAP: the reach engine's interface (contact_reach, rank_correlation)
BEGIN;
SELECT plan(33);

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

-- results
SELECT results_eq($$SELECT (surestart.contact_reach(x)).* FROM (VALUES (1::bigint), (1), (1), (2), (NULL)) AS v(x)$$,
	$$VALUES (2::bigint, 1::bigint, 4::bigint)$$, 'contact_reach counts seen, sustained, contacts');
SELECT results_eq($$SELECT (surestart.contact_reach(x)).* FROM (VALUES (1::bigint)) AS v(x) WHERE false$$,
	$$VALUES (0::bigint, 0::bigint, 0::bigint)$$, 'contact_reach over no rows is zeros');
SELECT results_eq($$SELECT (surestart.contact_reach(f, n)).* FROM (VALUES (1::bigint, 2::bigint), (1, 1), (2, 0), (3, 1)) AS v(f, n)$$,
	$$VALUES (2::bigint, 1::bigint, 4::bigint)$$, 'contact_reach(id, contacts) rolls counts up');
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
SELECT throws_ok($$SELECT surestart.contact_reach_final(NULL::internal)$$, '42846', NULL,
	'internal pseudo-type values cannot be made in SQL');
SELECT throws_ok($$SELECT surestart.contact_reach('1'::text)$$, '42883', NULL, 'no contact_reach(text)');

SELECT * FROM finish();
ROLLBACK;
