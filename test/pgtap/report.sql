-- pgTAP: report_html's interface by name, its rights (SECURITY INVOKER, which
-- view each role's report reads), its errors by SQLSTATE, and the drawing
-- functions' contract (IMMUTABLE, commented).
BEGIN;
SELECT plan(22);
\i test/fixtures/synthetic.sql
SELECT count(*) AS periods_stored FROM surestart.take_snapshot('2014-03-31') \gset

SELECT has_function('surestart', 'report_html', ARRAY['text', 'text'], 'report_html(text, text) exists');
SELECT function_returns('surestart', 'report_html', ARRAY['text', 'text'], 'text', 'report_html returns text');
SELECT volatility_is('surestart', 'report_html', ARRAY['text', 'text'], 'stable', 'report_html is stable');
SELECT is((SELECT prosecdef FROM pg_proc WHERE oid = 'surestart.report_html(text, text)'::regprocedure), false,
	'report_html runs with the caller''s rights (SECURITY INVOKER)');
SELECT is((SELECT pronargdefaults FROM pg_proc WHERE oid = 'surestart.report_html(text, text)'::regprocedure), 1::smallint,
	'centre_id may be left out');
SELECT isnt(obj_description('surestart.report_html(text, text)'::regprocedure, 'pg_proc'), NULL, 'report_html has a comment');

-- the drawing functions: pure, commented, with a pinned search_path (hardening.sql checks the last for all)
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc AS p
	WHERE p.pronamespace = 'surestart'::regnamespace
	  AND (p.proname LIKE 'html\_%' OR p.proname LIKE 'svg\_%' OR p.proname IN ('nice_ticks', 'nice_number', 'chart_matrix', 'chart_label'))
	  AND p.provolatile <> 'i' $$,
	'the HTML and SVG functions are IMMUTABLE');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc AS p
	WHERE p.pronamespace = 'surestart'::regnamespace
	  AND (p.proname LIKE 'html\_%' OR p.proname LIKE 'svg\_%' OR p.proname LIKE 'report\_%' OR p.proname LIKE 'nice\_%' OR p.proname LIKE 'chart\_%')
	  AND obj_description(p.oid, 'pg_proc') IS NULL $$,
	'every HTML, SVG and report function has a comment');
SELECT cmp_ok((SELECT count(*) FROM pg_proc WHERE pronamespace = 'surestart'::regnamespace AND proname LIKE 'svg\_%'), '>=', 14::bigint,
	'the SVG functions are there');

-- rights: a reader's report reads the published views; an analyst's the full ones
SELECT surestart.create_roles();
CREATE ROLE tap_report_reader IN ROLE surestart_reader;
CREATE ROLE tap_report_analyst IN ROLE surestart_analyst;
CREATE ROLE tap_report_nobody;
GRANT USAGE ON SCHEMA surestart TO tap_report_nobody;
SET ROLE tap_report_reader;
SELECT is(surestart.report_source('centre_reach'), 'published_centre_reach', 'a reader''s report reads published_centre_reach');
SELECT is(surestart.report_source('scorecard'), NULL, 'a reader''s report has no scorecard (no published one)');
SELECT ok(surestart.report_html('2013-14') LIKE '%<p class="notice">Published figures.%', 'a reader gets the published report');
SELECT ok(surestart.report_html('2013-14') NOT LIKE '%id="fsp-contact"%', 'a reader''s report leaves out outcomes against contact');
RESET ROLE;
SET ROLE tap_report_analyst;
SELECT is(surestart.report_source('centre_reach'), 'centre_reach', 'an analyst''s report reads centre_reach');
SELECT ok(surestart.report_html('2013-14') LIKE '%Full figures for internal use%', 'an analyst gets the full report');
SELECT ok(surestart.report_html('2013-14') LIKE '%id="fsp-contact"%', 'an analyst''s report has outcomes against contact');
RESET ROLE;
SELECT is(surestart.report_source('no_such_view'), NULL, 'a view that does not exist is no source');

-- errors, by SQLSTATE
SELECT throws_ok($$SELECT surestart.report_html(NULL)$$, '22004', NULL, 'no period: 22004');
SELECT throws_ok($$SELECT surestart.report_html('2020-21')$$, '22023', NULL, 'a period without figures: 22023');
SELECT throws_ok($$SELECT surestart.report_html('2013-14', 'atlantis')$$, '22023', NULL, 'an unknown centre: 22023');
SELECT throws_ok($$SELECT surestart.nice_ticks(2, 1)$$, '22023', NULL, 'nice_ticks on a reversed range: 22023');
SET ROLE tap_report_nobody;
SELECT throws_ok($$SELECT surestart.report_html('2013-14')$$, '42501', NULL, 'a role that may read neither reach view: 42501');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
