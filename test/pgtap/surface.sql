-- pgTAP: what each role finds when it lists the extension's schemas, as a
-- BI navigator does.  Schema surestart holds at most 40 views (the reports
-- SPEC names, the published views and the tour's); the building blocks are
-- in surestart_internal, where no role has USAGE; the geography and
-- coordinator views are beside surestart for analysts and partners.  A
-- reader opens every relation it is granted in surestart, and names none
-- in the other schemas.
BEGIN;
SELECT plan(15);
\i test/fixtures/synthetic.sql
SELECT surestart.create_roles();

-- Reads a relation as the current role: 'ok', or the SQLSTATE it fails with.
CREATE FUNCTION pg_temp.try_read(rel regclass) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('SELECT count(*) FROM %s', rel);
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END
$$;

SELECT cmp_ok((SELECT count(*) FROM pg_class WHERE relnamespace = 'surestart'::regnamespace AND relkind = 'v'),
	'<=', 40::bigint, 'schema surestart holds at most 40 views');
SELECT is_empty($$
	SELECT v FROM unnest(ARRAY['centre_reach', 'centre_reach_deprived', 'lsoa_reach', 'data_pack', 'target_group_coverage',
		'fsp_contact_ranking', 'ofsted_latest', 'ofsted_summary', 'contract_value', 'lead_partner_summary',
		'two_year_take_up', 'three_four_take_up', 'support_levels', 'reach_trend', 'reach_freshness', 'reach_funnel',
		'coverage_funnel', 'fsp_contact_grid', 'vulnerable_reach', 'building_fund_balance', 'scorecard',
		'inspection_risk']) AS v
	WHERE to_regclass('surestart.' || v) IS NULL $$,
	'every view SPEC names (and the README''s tour) is in schema surestart');
SELECT cmp_ok((SELECT count(*) FROM pg_class WHERE relnamespace = 'surestart'::regnamespace AND relkind = 'v'
			   AND relname LIKE 'published\_%'), '>=', 10::bigint, 'the published views are in schema surestart');
SELECT is_empty($$
	SELECT n.nspname FROM pg_namespace AS n
	CROSS JOIN unnest(ARRAY['surestart_reader', 'surestart_analyst', 'surestart_partner', 'surestart_loader']) AS r(role)
	WHERE n.nspname IN ('surestart_internal', 'surestart_regional', 'surestart_export')
	  AND has_schema_privilege(r.role, n.oid, 'USAGE') $$,
	'no reporting role has USAGE on surestart_internal (nor on the regional foreign tables or the export)');
SELECT is_empty($$
	SELECT c.relname FROM pg_class AS c
	CROSS JOIN unnest(ARRAY['surestart_reader', 'surestart_analyst', 'surestart_partner', 'surestart_loader']) AS r(role)
	WHERE c.relnamespace = 'surestart_internal'::regnamespace
	  AND has_table_privilege(r.role, c.oid, 'SELECT')
	  AND NOT (c.relname ~ '^partner_' AND r.role IN ('surestart_analyst', 'surestart_partner')) $$,
	'no reporting role is granted a building block (but analysts and partners the partner_* scopes the row-level security policies read)');
SELECT is_empty($$
	SELECT c.relname FROM pg_class AS c
	WHERE c.relnamespace IN ('surestart_geography'::regnamespace, 'surestart_coordinator'::regnamespace)
	  AND c.relkind = 'v'
	  AND NOT (has_table_privilege('surestart_analyst', c.oid, 'SELECT')
			   AND has_table_privilege('surestart_partner', c.oid, 'SELECT')) $$,
	'analysts and partners may read every geography and coordinator view');
SELECT ok(has_schema_privilege('surestart_analyst', 'surestart_geography', 'USAGE')
		  AND has_schema_privilege('surestart_partner', 'surestart_coordinator', 'USAGE')
		  AND NOT has_schema_privilege('surestart_reader', 'surestart_geography', 'USAGE')
		  AND NOT has_schema_privilege('surestart_reader', 'surestart_coordinator', 'USAGE'),
	'analysts and partners have USAGE on the geography and coordinator schemas, readers not');

CREATE ROLE t_reader LOGIN IN ROLE surestart_reader;
CREATE ROLE t_analyst LOGIN IN ROLE surestart_analyst;
CREATE TEMP TABLE granted AS
	SELECT c.oid::regclass AS rel, c.relname::text AS relname, c.relkind::text AS relkind FROM pg_class AS c
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
	  AND has_table_privilege('surestart_reader', c.oid, 'SELECT');
GRANT SELECT ON granted TO t_reader, t_analyst;

SET ROLE t_reader;
SELECT is_empty($$SELECT relname FROM granted WHERE pg_temp.try_read(rel) <> 'ok'$$,
	'a reader opens every relation of schema surestart it is granted: nothing it is shown refuses to open');
SELECT is_empty($$
	SELECT table_name FROM information_schema.tables
	WHERE table_schema LIKE 'surestart%'
	  AND (table_schema <> 'surestart' OR table_name NOT IN (SELECT relname FROM granted)) $$,
	'a reader''s information_schema lists only those relations, all in schema surestart');
SELECT set_eq($$SELECT relname FROM granted WHERE relkind = 'v'$$,
	$$SELECT relname::text FROM pg_class WHERE relnamespace = 'surestart'::regnamespace AND relkind = 'v'
	  AND relname LIKE 'published\_%'$$,
	'the views a reader is granted are exactly the published ones');
SELECT throws_ok('SELECT * FROM surestart_internal.visible_centre', '42501', NULL,
	'a reader cannot name a building block');
SELECT throws_ok('SELECT * FROM surestart_geography.deprived_lsoa', '42501', NULL,
	'a reader cannot read the geography views');
RESET ROLE;

SET ROLE t_analyst;
SELECT is_empty($$
	SELECT c.relname FROM pg_class AS c
	WHERE c.relnamespace IN ('surestart_geography'::regnamespace, 'surestart_coordinator'::regnamespace)
	  AND c.relkind = 'v' AND pg_temp.try_read(c.oid) <> 'ok' $$,
	'an analyst opens every geography and coordinator view');
SELECT throws_ok('SELECT * FROM surestart_internal.ofsted_latest_all', '42501', NULL,
	'an analyst cannot name a building block');
RESET ROLE;
SELECT is_empty($$
	SELECT c.oid::regclass::text FROM pg_class AS c
	WHERE c.relnamespace IN ('surestart'::regnamespace, 'surestart_geography'::regnamespace, 'surestart_coordinator'::regnamespace)
	  AND c.relkind = 'v' AND NOT coalesce(c.reloptions @> ARRAY['security_barrier=true'], false) $$,
	'every view of the three reporting schemas is a security barrier');

SELECT * FROM finish();
ROLLBACK;
