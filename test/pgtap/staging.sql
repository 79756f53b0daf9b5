-- Staged loading: the interface by name, privileges, and what pg_dump keeps.
BEGIN;
SELECT plan(14);
SET search_path = surestart, public;

SELECT has_schema('surestart_staging');
SELECT has_function('surestart', 'load_staged', ARRAY[]::text[]);
SELECT function_returns('surestart', 'load_staged', ARRAY[]::text[], 'setof record');
SELECT volatility_is('surestart', 'load_staged', ARRAY[]::text[], 'volatile');
SELECT is_definer('surestart', 'load_staged', ARRAY[]::text[], 'load_staged is SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('public', 'surestart.load_staged()', 'EXECUTE'), 'PUBLIC may not run load_staged');
SELECT has_function('surestart', 'import_ons_population', ARRAY['integer']);
SELECT has_function('surestart', 'import_iod2019', ARRAY['integer']);
SELECT has_function('surestart', 'import_social_care_feed', ARRAY[]::text[]);
SELECT columns_are('surestart', 'load_reject', ARRAY['id', 'table_name', 'row_data', 'reason', 'rejected_at']);
SELECT col_type_is('surestart', 'load_reject', 'row_data', 'jsonb', 'load_reject.row_data is jsonb');
-- every staging table, load_reject and its sequence are dumped with their rows
SELECT set_eq($$
	SELECT c.relname::text FROM pg_extension e, unnest(e.extconfig) AS x(oid) JOIN pg_class c ON c.oid = x.oid
	WHERE e.extname = 'surestart' AND c.relnamespace = 'surestart_staging'::regnamespace $$,
	$$ SELECT tablename::text FROM pg_tables WHERE schemaname = 'surestart_staging' $$,
	'every staging table is marked for pg_dump');
SELECT ok(ARRAY['surestart.load_reject'::regclass::oid, 'surestart.load_reject_id_seq'::regclass::oid]
		  <@ (SELECT extconfig FROM pg_extension WHERE extname = 'surestart')::oid[],
		  'load_reject and its sequence are marked for pg_dump');
-- a bad value is rejected, not raised
INSERT INTO surestart_staging.child VALUES ('1', '1', '2014-13-01', 'F', NULL);
SELECT results_eq($$ SELECT rejected FROM surestart.load_staged() WHERE table_name = 'child' $$,
	$$ VALUES (1::bigint) $$, 'a child with a bad date is rejected');

SELECT * FROM finish();
ROLLBACK;
