-- pgTAP: take_snapshot's interface and the snapshot tables
BEGIN;
SELECT plan(28);

SELECT has_function('surestart', 'take_snapshot', ARRAY['date'], 'take_snapshot(date) exists');
SELECT function_returns('surestart', 'take_snapshot', ARRAY['date'], 'setof record',
	'take_snapshot returns a set of rows, one per period stored');
SELECT volatility_is('surestart', 'take_snapshot', ARRAY['date'], 'volatile', 'take_snapshot is volatile');
SELECT is_definer('surestart', 'take_snapshot', ARRAY['date'], 'take_snapshot is SECURITY DEFINER');
SELECT isnt_strict('surestart', 'take_snapshot', ARRAY['date'], 'take_snapshot is not strict: a null date is an error');
SELECT is((SELECT pronargdefaults FROM pg_proc WHERE oid = 'surestart.take_snapshot(date)'::regprocedure)::integer, 1,
	'take_snapshot''s date has a default (today)');
SELECT is((SELECT proconfig FROM pg_proc WHERE oid = 'surestart.take_snapshot(date)'::regprocedure),
	ARRAY['search_path=pg_catalog, pg_temp'], 'take_snapshot pins its search_path (and needs no JIT setting: it copies stored figures)');
SELECT ok(NOT has_function_privilege('public', 'surestart.take_snapshot(date)', 'EXECUTE'),
	'PUBLIC may not execute take_snapshot');
SELECT is(pg_get_function_result('surestart.take_snapshot(date)'::regprocedure),
	'TABLE(period text, kind text, first_day date, last_day date, centres integer, coverage_centres integer, taken_at timestamp with time zone)',
	'take_snapshot returns (period, kind, first_day, last_day, centres, coverage_centres, taken_at)');

-- the snapshot tables: keys, and dumped by pg_dump (data_model.sql checks the marking of every table)
SELECT has_table('surestart', 'reach_snapshot', 'table reach_snapshot exists');
SELECT has_table('surestart', 'coverage_snapshot', 'table coverage_snapshot exists');
SELECT col_is_pk('surestart', 'reach_snapshot', ARRAY['centre_id', 'period'], 'reach_snapshot key is (centre_id, period)');
SELECT col_is_pk('surestart', 'coverage_snapshot', ARRAY['centre_id', 'period'], 'coverage_snapshot key is (centre_id, period)');
SELECT col_type_is('surestart', 'coverage_snapshot', 'coverage', 'surestart.coverage', 'coverage_snapshot stores coverage values');
SELECT col_type_is('surestart', 'reach_snapshot', 'taken_at', 'timestamp with time zone', 'taken_at is a timestamptz');
SELECT has_view('surestart', 'reach_trend', 'view reach_trend exists');
SELECT has_view('surestart', 'coverage_trend', 'view coverage_trend exists');

-- bad dates, by SQLSTATE
SELECT throws_ok($$SELECT * FROM surestart.take_snapshot(NULL)$$, '22004', 'snapshot date must not be null',
	'a null date is refused');
SELECT throws_ok($$SELECT * FROM surestart.take_snapshot('infinity')$$, '22008', 'snapshot date "infinity" is not a finite date',
	'infinity is refused');
SELECT throws_ok($$SELECT * FROM surestart.take_snapshot('-infinity')$$, '22008', 'snapshot date "-infinity" is not a finite date',
	'-infinity is refused');
SELECT throws_ok($$SELECT * FROM surestart.take_snapshot('1999-06-29')$$, '22008', NULL,
	'a date before the first Sure Start quarter is refused');
SELECT throws_ok($$SELECT * FROM surestart.take_snapshot(current_date + 1)$$, '22008', NULL,
	'tomorrow is refused');

-- on an empty model: the periods are chosen, nothing is stored
SELECT results_eq($$SELECT period, kind, first_day, last_day, centres, coverage_centres FROM surestart.take_snapshot('2014-04-01')$$,
	$$VALUES ('2013-14 Q4'::text, 'quarter'::text, date '2014-01-01', date '2014-03-31', 0, 0),
			 ('2013-14', 'year', date '2013-04-01', date '2014-03-31', 0, 0)$$,
	'2014-04-01 stores 2013-14 Q4 and the year 2013-14');
SELECT results_eq($$SELECT period, kind FROM surestart.take_snapshot('2014-06-30')$$,
	$$VALUES ('2014-15 Q1'::text, 'quarter'::text)$$,
	'2014-06-30 stores 2014-15 Q1 only');
SELECT results_eq($$SELECT period FROM surestart.take_snapshot('2015-03-30')$$,
	$$VALUES ('2014-15 Q3'::text)$$,
	'2015-03-30 stores 2014-15 Q3 only: Q4 has not ended');
SELECT results_eq($$SELECT period, taken_at = now() FROM surestart.take_snapshot()$$,
	$$SELECT surestart.financial_quarter((date_trunc('quarter', current_date + 1) - interval '1 day')::date), true$$,
	'by default, the latest quarter ended by today');
SELECT is_empty($$SELECT * FROM surestart.reach_trend$$, 'no centres, no rows in reach_trend');
SELECT is_empty($$SELECT * FROM surestart.coverage_trend$$, 'no centres, no rows in coverage_trend');

SELECT * FROM finish();
ROLLBACK;
