-- pgTAP: calendar, Ofsted-rule and quartile functions: signatures, return
-- types, volatility, strictness, and the SQLSTATE of every kind of bad input
BEGIN;
SET search_path = surestart, public;
SELECT plan(77);

CREATE TEMP TABLE rule_functions (name name, args name[], returns text, volatility text, strict boolean) ON COMMIT DROP;
INSERT INTO rule_functions VALUES
	('age_on', '{date,date}', 'integer', 'immutable', true),
	('funded_from', '{date}', 'date', 'immutable', true),
	('financial_year', '{date}', 'text', 'immutable', true),
	('financial_quarter', '{date}', 'text', 'immutable', true),
	('financial_period_bounds', '{text}', 'record', 'immutable', true),
	('next_inspection_due', '{date,ofsted_grade}', 'date', 'stable', false),
	('support_level', '{ofsted_grade[],text,text}', 'integer', 'immutable', false),
	('support_level_name', '{integer}', 'text', 'immutable', true),
	('quartile_of', '{bigint,bigint}', 'integer', 'immutable', true),
	('quartile_name', '{integer}', 'text', 'immutable', true);

-- 10 functions x 5 checks
SELECT has_function('surestart', name, args, format('function %s(%s) exists', name, array_to_string(args, ', ')))
FROM rule_functions ORDER BY name;
SELECT function_returns('surestart', name, args, returns, format('%s(%s) returns %s', name, array_to_string(args, ', '), returns))
FROM rule_functions ORDER BY name;
SELECT volatility_is('surestart', name, args, volatility, format('%s(%s) is %s', name, array_to_string(args, ', '), volatility))
FROM rule_functions ORDER BY name;
SELECT CASE WHEN strict THEN is_strict('surestart', name, args, format('%s is strict', name))
	ELSE isnt_strict('surestart', name, args, format('%s is not strict (handles NULLs)', name)) END
FROM rule_functions ORDER BY name;
SELECT ok(obj_description(format('surestart.%I(%s)', name, array_to_string(args, ','))::regprocedure, 'pg_proc') IS NOT NULL,
	format('%s has a comment', name))
FROM rule_functions ORDER BY name;

-- results (8)
SELECT is(age_on('2012-02-29', '2013-03-01'), 1, 'born 29 February: a year older on 1 March');
SELECT is(funded_from('2012-02-29'), '2015-04-01'::date, 'funded from the April term');
SELECT is(financial_quarter('2100-03-31'), '2099-00 Q4', 'century wrap');
SELECT is((SELECT row(period_start, period_end)::text FROM financial_period_bounds('2013-14 Q3')),
	'(2013-10-01,2013-12-31)', 'bounds of a quarter');
SELECT is(next_inspection_due('2013-06-12', NULL), '2018-06-12'::date, 'not graded: reinspect_years');
SELECT is(support_level('{Inadequate,RI}', NULL, NULL), 4, 'Inadequate after RI is Intensive');
SELECT is(quartile_of(40, 53), 4, 'rank 40 of 53 is in the bottom quartile');
SELECT is(support_level_name(3) || ' / ' || quartile_name(2), 'Supported / Upper middle quartile', 'names');

-- errors (19)
SELECT throws_ok($$SELECT surestart.age_on('2013-06-15', '2013-06-14')$$, '22023',
	'cannot compute an age on 2013-06-14 for a date of birth of 2013-06-15', 'age before birth');
SELECT throws_ok($$SELECT surestart.age_on('infinity', '2013-06-14')$$, '22008',
	'date of birth must be a finite date, not "infinity"', 'infinite date of birth');
SELECT throws_ok($$SELECT surestart.age_on('2013-06-14', '-infinity')$$, '22008',
	'day to compute the age on must be a finite date, not "-infinity"', 'infinite day');
SELECT throws_ok($$SELECT surestart.funded_from('infinity')$$, '22008',
	'date of birth must be a finite date, not "infinity"', 'funded_from of infinity');
SELECT throws_ok($$SELECT surestart.funded_from('5874896-12-31')$$, '22008',
	'date out of range: 5874900-01-01', 'funded_from beyond the date range');
SELECT throws_ok($$SELECT surestart.financial_year('infinity')$$, '22008',
	'date must be a finite date, not "infinity"', 'financial_year of infinity');
SELECT throws_ok($$SELECT surestart.financial_quarter('0001-03-31')$$, '22008',
	'date 0001-03-31 is outside the financial years that can be named', 'financial year before year 1');
SELECT throws_ok($$SELECT surestart.financial_period_bounds('2013-15')$$, '22P02',
	'invalid financial period: "2013-15"', 'years that do not follow');
SELECT throws_ok($$SELECT surestart.financial_period_bounds('2013/14')$$, '22P02',
	'invalid financial period: "2013/14"', 'slash instead of hyphen');
SELECT throws_ok($$SELECT surestart.financial_period_bounds('2013-14 Q5')$$, '22P02',
	'invalid financial period: "2013-14 Q5"', 'quarter 5');
SELECT throws_ok($$SELECT surestart.financial_period_bounds('0000-01')$$, '22P02',
	'invalid financial period: "0000-01"', 'year 0');
SELECT throws_ok($$SELECT surestart.next_inspection_due('infinity', 'Good')$$, '22008',
	'inspection date must be a finite date, not "infinity"', 'infinite inspection date');
SELECT throws_ok($$SELECT surestart.support_level('{Good}', 'blue', NULL)$$, '22023',
	'invalid quality RAG rating "blue"', 'bad quality RAG');
SELECT throws_ok($$SELECT surestart.support_level(NULL, NULL, '')$$, '22023',
	'invalid leadership RAG rating ""', 'bad leadership RAG');
SELECT throws_ok($$SELECT surestart.support_level('{{Good},{RI}}', NULL, NULL)$$, '22023',
	'overall grades must be a one-dimensional array, not 2-dimensional', 'two-dimensional grades');
SELECT throws_ok($$SELECT surestart.support_level_name(5)$$, '22023',
	'support level 5 does not exist', 'support level 5');
SELECT throws_ok($$SELECT surestart.quartile_of(54, 53)$$, '22023',
	'rank 54 is outside 1 to 53', 'rank beyond n');
SELECT throws_ok($$SELECT surestart.quartile_of(1, 0)$$, '22023',
	'cannot place a rank among 0 ranked units', 'n of 0');
SELECT throws_ok($$SELECT surestart.quartile_name(0)$$, '22023',
	'quartile 0 does not exist', 'quartile 0');

SELECT * FROM finish();
ROLLBACK;
