-- pgTAP: the disclosure settings and the disclosure layer's building
-- blocks (doc/disclosure.md).  The attack on random counties is
-- test/checks/disclosure_property.py.
BEGIN;
SELECT plan(23);

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

-- the stored statuses on the fixture (refresh() stores them, a setting change works them out again)
SET LOCAL jit = off;
\i test/fixtures/synthetic.sql
SELECT count(*) AS periods FROM surestart.refresh() \gset
SELECT is((SELECT count(*) FROM surestart_internal.published_period), :periods::bigint,
	'refresh() stored the published cells of every period it stored');
SELECT is_empty($$ SELECT 1 FROM surestart_internal.published_cell
				   WHERE published IS NOT NULL AND (published % 10 <> 0 OR value BETWEEN 1 AND 4) $$,
	'under round (10), every published count is a multiple of 10 and no small count is published');
SELECT is_empty($$ SELECT 1 FROM surestart.published_centre_reach
				   WHERE registered % 10 <> 0 OR seen % 10 <> 0 OR under_fives % 10 <> 0
					  OR registered_pct IS DISTINCT FROM surestart.percent_of(registered, under_fives) $$,
	'under round, published_centre_reach shows rounded counts and percentages of the rounded counts');
UPDATE surestart.setting SET value = 'suppress' WHERE name = 'disclosure_rule';
SELECT is_empty($$ SELECT 1 FROM surestart_internal.published_cell
				   WHERE ((value BETWEEN 1 AND 4) AND status IS DISTINCT FROM 'primary')
					  OR (status IS NULL AND published IS DISTINCT FROM value)
					  OR (value = 0 AND status IS NOT NULL) $$,
	'a change of rule works the cells out again: exactly the counts from 1 to 4 are primary, zero is shown, the rest as counted');
SELECT ok((SELECT bool_and(suppressed IS DISTINCT FROM 'pending') FROM surestart.published_centre_reach),
	'every published row is current after refresh()');
SELECT throws_ok($$ SELECT surestart_internal.protect_period('2099-00') $$, '22023',
	'period "2099-00" has no stored figures', 'protect_period names a period without stored figures');
UPDATE surestart.centre SET group_id = 'G9' WHERE centre_id = 'hilltop';
SELECT ok((SELECT bool_and(registered IS NULL AND suppressed = 'pending')
		   FROM surestart.published_centre_reach WHERE registered IS DISTINCT FROM 0),
	'after the hierarchy changes, every non-zero count is withheld as pending until the cells are worked out again');
SELECT cmp_ok(surestart_internal.protect_all(), '>', 0, 'protect_all() works every stored period out again');
SELECT ok((SELECT bool_and(suppressed IS DISTINCT FROM 'pending') FROM surestart.published_centre_reach),
	'and the rows are current again');

SELECT * FROM finish();
ROLLBACK;
