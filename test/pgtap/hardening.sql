-- pgTAP: the extension's objects cannot be turned against their users:
-- pinned search_path on every SQL and PL/pgSQL function, views and policies
-- bound only to pg_catalog and the extension's own objects, no one else may
-- create objects in the schema, the SECURITY DEFINER functions are the
-- reviewed ones, and every protected table has its policies.
BEGIN;
SELECT plan(10);

SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_language AS l ON l.oid = p.prolang
	WHERE p.pronamespace IN ('surestart'::regnamespace, 'surestart_internal'::regnamespace) AND l.lanname NOT IN ('c', 'internal')
	  AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false) $$,
	'every SQL and PL/pgSQL function sets search_path = pg_catalog, pg_temp');

-- What the views, policies, column defaults and constraints were bound to at
-- creation: functions, operators and types only from pg_catalog and the
-- extension's two schemas.
SELECT is_empty($$
	SELECT DISTINCT pg_describe_object(d.classid, d.objid, d.objsubid) || ' -> ' || pg_describe_object(d.refclassid, d.refobjid, 0)
	FROM pg_depend AS d
	JOIN LATERAL (
		SELECT pronamespace AS nsp FROM pg_proc WHERE d.refclassid = 'pg_proc'::regclass AND oid = d.refobjid
		UNION ALL SELECT oprnamespace FROM pg_operator WHERE d.refclassid = 'pg_operator'::regclass AND oid = d.refobjid
		UNION ALL SELECT typnamespace FROM pg_type WHERE d.refclassid = 'pg_type'::regclass AND oid = d.refobjid
		UNION ALL SELECT relnamespace FROM pg_class WHERE d.refclassid = 'pg_class'::regclass AND oid = d.refobjid
	) AS target ON true
	WHERE d.classid IN ('pg_rewrite'::regclass, 'pg_policy'::regclass, 'pg_attrdef'::regclass, 'pg_constraint'::regclass)
	  AND d.objid IN (SELECT r.oid FROM pg_rewrite AS r JOIN pg_class AS c ON c.oid = r.ev_class WHERE c.relnamespace IN ('surestart'::regnamespace, 'surestart_internal'::regnamespace, 'surestart_geography'::regnamespace, 'surestart_coordinator'::regnamespace)
					  UNION ALL SELECT p.oid FROM pg_policy AS p JOIN pg_class AS c ON c.oid = p.polrelid WHERE c.relnamespace IN ('surestart'::regnamespace, 'surestart_internal'::regnamespace, 'surestart_geography'::regnamespace, 'surestart_coordinator'::regnamespace)
					  UNION ALL SELECT a.oid FROM pg_attrdef AS a JOIN pg_class AS c ON c.oid = a.adrelid WHERE c.relnamespace IN ('surestart'::regnamespace, 'surestart_internal'::regnamespace, 'surestart_geography'::regnamespace, 'surestart_coordinator'::regnamespace)
					  UNION ALL SELECT k.oid FROM pg_constraint AS k WHERE k.connamespace IN ('surestart'::regnamespace, 'surestart_internal'::regnamespace, 'surestart_geography'::regnamespace, 'surestart_coordinator'::regnamespace))
	  AND target.nsp NOT IN ('pg_catalog'::regnamespace, 'surestart'::regnamespace, 'surestart_internal'::regnamespace, 'surestart_geography'::regnamespace, 'surestart_coordinator'::regnamespace) $$,
	'views, policies, defaults and constraints use only pg_catalog''s and the extension''s functions, operators and types');
-- (pg_depend leaves out pinned pg_catalog objects, so what it records is
-- exactly what a planted object would show up as: non-system references)
SELECT cmp_ok((SELECT count(*) FROM pg_depend AS d JOIN pg_rewrite AS r ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
			   JOIN pg_class AS c ON c.oid = r.ev_class AND c.relnamespace = 'surestart'::regnamespace
			   WHERE d.refclassid = 'pg_proc'::regclass), '>', 20::bigint,
	'the views'' calls of the extension''s functions are recorded (the check above sees references)');

SELECT is_empty($$
	SELECT r.rolname FROM pg_roles AS r
	WHERE has_schema_privilege(r.oid, 'surestart', 'CREATE')
	  AND NOT r.rolsuper AND r.oid <> (SELECT nspowner FROM pg_namespace WHERE nspname = 'surestart') $$,
	'no role but the owner (and superusers) may create objects in schema surestart');
SELECT is(has_schema_privilege('public', 'surestart', 'CREATE'), false, 'PUBLIC cannot create in schema surestart');
SELECT is_empty($$
	SELECT r.rolname FROM pg_roles AS r
	WHERE (has_schema_privilege(r.oid, 'surestart_internal', 'USAGE') OR has_schema_privilege(r.oid, 'surestart_internal', 'CREATE'))
	  AND NOT r.rolsuper AND r.rolname !~ '^pg_' AND r.oid <> (SELECT nspowner FROM pg_namespace WHERE nspname = 'surestart_internal') $$,
	'no role but the owner (and superusers) may use or create in schema surestart_internal');
SELECT set_eq($$
	SELECT p.oid::regprocedure::text FROM pg_proc AS p
	WHERE p.pronamespace = 'surestart_internal'::regnamespace AND p.prosecdef $$,
	ARRAY['surestart_internal.count_periods(text[],integer)', 'surestart_internal.note_changed_periods()',
		  'surestart_internal.roll_up(text[])', 'surestart_internal.note_roll_up_changed()',
		  'surestart_internal.regional_council_reach()', 'surestart_internal.regional_council_coverage()',
		  'surestart_internal.disclosure_stale()', 'surestart_internal.disclosure_fingerprint()'],
	'SECURITY DEFINER in surestart_internal: count_periods(), roll_up(), the change-noting triggers, the regional readers, the disclosure trigger and fingerprint (reviewed in their comments)');

SELECT set_eq($$
	SELECT p.oid::regprocedure::text FROM pg_proc AS p
	WHERE p.pronamespace = 'surestart'::regnamespace AND p.prosecdef AND p.proname NOT IN ('take_snapshot', 'refresh', 'load_staged', 'import_iod2019', 'import_ons_population', 'import_social_care_feed',
		'import_eyfs_headline', 'import_iod2025', 'import_lsoa_lookup', 'import_lsoa21_wards') $$,
	ARRAY['surestart.create_roles()', 'surestart.reporting_periods()', 'surestart.create_regional_role()',
		  'surestart.regional_attach(name,text)', 'surestart.regional_detach(text)'],
	'SECURITY DEFINER: create_roles(), reporting_periods() and the regional set-up (reviewed in their comments), plus the jobs of the loading, refresh and snapshot parts');

SELECT is_empty($$
	SELECT c.relname FROM pg_class AS c
	WHERE c.relnamespace IN ('surestart'::regnamespace, 'surestart_internal'::regnamespace) AND c.relrowsecurity
	  AND (SELECT array_agg(polname::text ORDER BY polname) FROM pg_policy WHERE polrelid = c.oid)
		  IS DISTINCT FROM ARRAY['not_partner', 'partner_scope'] $$,
	'every table under row-level security has exactly the not_partner and partner_scope policies');
SELECT is(
	(SELECT count(*) FROM pg_class AS c JOIN surestart.protected_relations() AS p ON p.relation_name = c.relname
	 WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'r' AND p.access_class = 'person' AND NOT c.relrowsecurity),
	0::bigint, 'every person-level table has row-level security');

SELECT * FROM finish();
ROLLBACK;
