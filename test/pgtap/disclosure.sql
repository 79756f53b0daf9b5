-- pgTAP: the disclosure settings and the disclosure layer's building
-- blocks (doc/disclosure.md).  The attack on random counties is
-- test/disclosure_property.py.
BEGIN;
SELECT plan(16);

-- settings: checked when written, class 22 naming the value
SELECT is((SELECT value FROM surestart.setting WHERE name = 'disclosure_rule'), 'suppress', 'disclosure_rule is suppress by default');
SELECT is((SELECT value FROM surestart.setting WHERE name = 'round_to'), '5', 'round_to is 5 by default');
SELECT throws_ok($$ UPDATE surestart.setting SET value = 'blur' WHERE name = 'disclosure_rule' $$, '22023',
	'invalid value "blur" for setting disclosure_rule', 'disclosure_rule refuses another rule, naming it');
SELECT lives_ok($$ UPDATE surestart.setting SET value = ' Round ' WHERE name = 'disclosure_rule' $$,
	'disclosure_rule takes round in any case');
SELECT is((SELECT value FROM surestart.setting WHERE name = 'disclosure_rule'), 'round', 'and stores it trimmed, in lower case');
SELECT throws_ok($$ UPDATE surestart.setting SET value = '1' WHERE name = 'round_to' $$, '22023',
	'invalid value "1" for setting round_to', 'round_to 1 is refused (it would round nothing)');
SELECT throws_ok($$ UPDATE surestart.setting SET value = 'five' WHERE name = 'round_to' $$, '22023',
	'invalid value "five" for setting round_to', 'round_to must be a whole number');
SELECT lives_ok($$ UPDATE surestart.setting SET value = '10' WHERE name = 'round_to' $$, 'round_to 10 is taken');

-- secondary_suppression: bad arguments are class 22 errors naming what is wrong
SELECT throws_ok($$ SELECT surestart_internal.secondary_suppression('{1,2}', '{t}', '{t,t}', '{}', '{}', '{}') $$, '2202E',
	'value, shown and protect have 2, 1 and 2 elements', 'cells must come with as many flags as values');
SELECT throws_ok($$ SELECT surestart_internal.secondary_suppression('{1,2}', '{t,t}', '{t,f}', '{1,1}', '{1,3}', '{1,-1}') $$, '22023',
	'cell[2] is 3', 'a term names an existing cell');
SELECT throws_ok($$ SELECT surestart_internal.secondary_suppression('{-1}', '{t}', '{f}', '{}', '{}', '{}') $$, '22023',
	'value[1] is -1', 'a count is not negative');

-- the smallest example: a total of 3 parts, one small
SELECT is(surestart_internal.secondary_suppression('{30,3,12,15}', '{t,t,t,t}', '{f,t,f,f}',
											   '{1,1,1,1}', '{1,2,3,4}', '{-1,1,1,1}'),
	'{NULL,primary,secondary,NULL}'::text[],
	'a small part is withheld with the smallest other part, and the total stays');
SELECT is(surestart_internal.secondary_suppression('{30,3,0,12,15}', '{t,t,t,t,t}', '{f,t,f,f,f}',
											   '{1,1,1,1,1}', '{1,2,3,4,5}', '{-1,1,1,1,1}'),
	'{NULL,primary,NULL,secondary,NULL}'::text[],
	'a zero is a partner only when nothing else is left: it would protect nothing');
-- a hidden complement: seen 7, sustained 5, so 2 seen but not sustained
SELECT is(surestart_internal.secondary_suppression('{7,5,2}', '{t,t,f}', '{f,f,t}',
											   '{1,1,1}', '{1,2,3}', '{1,-1,-1}'),
	'{NULL,secondary,primary}'::text[],
	'a small hidden complement withholds the smaller of the two counts it is worked out from');

-- disclosure_cells on the fixture: under round, what is shown is a multiple of round_to
\i test/fixtures/synthetic.sql
SELECT count(*) AS periods FROM surestart.refresh() \gset
SELECT is_empty($$ SELECT 1 FROM surestart_internal.disclosure_cells()
				   WHERE published IS NOT NULL AND (published % 10 <> 0 OR value BETWEEN 1 AND 4) $$,
	'under round (10), every published count is a multiple of 10 and no small count is published');
UPDATE surestart.setting SET value = 'suppress' WHERE name = 'disclosure_rule';
SELECT is_empty($$ SELECT 1 FROM surestart_internal.disclosure_cells()
				   WHERE ((value BETWEEN 1 AND 4) AND status IS DISTINCT FROM 'primary')
					  OR (status IS NOT NULL AND published IS NOT NULL)
					  OR (shown AND status IS NULL AND published IS DISTINCT FROM value) $$,
	'under suppress, exactly the counts from 1 to 4 are primary, and a withheld cell has no published value');

SELECT * FROM finish();
ROLLBACK;
