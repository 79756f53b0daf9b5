/* src/sql/90_security.sql: roles and row-level security */

/*
 * doc/security.md describes the model.  This part holds:
 *   - (protected_relations(), the one list of relations that hold a
 *     person's row or are unfiltered internals, which create_roles() reads,
 *     is in 89_protected_relations.sql, which the upgrade replays);
 *   - the row-level security policies of every person-level table and of
 *     the centre-level tables partners read (created here, in the script,
 *     because pg_dump does not dump policies on extension tables; they read
 *     the dumped configuration table partner_member through the partner_*
 *     views of 45_access.sql);
 *   - (the published_* views for BI readers are in 88_published.sql);
 *   - create_roles().
 */

/* ---------------------------------------------------------------- row-level security */

/*
 * Users that are not partners (partner_restricted() false) pass the
 * not_partner policy, so row-level security changes nothing for them: what
 * they may read is what their table privileges say.  Partners pass only
 * partner_scope, for SELECT (they are granted nothing else).  The owner of
 * the tables (the extension owner, a superuser) and superusers bypass
 * row-level security altogether, and so do the views, which read the
 * tables with their owner's rights and filter through visible_centre.
 */

DO $$
DECLARE
	p text[];
BEGIN
	FOREACH p SLICE 1 IN ARRAY ARRAY[
		-- person-level tables
		['family', 'family_id IN (SELECT s.family_id FROM @extschema@.partner_family AS s)'],
		['carer', 'family_id IN (SELECT s.family_id FROM @extschema@.partner_family AS s)'],
		['child', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		['registration', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['contact', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['social_care', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		['eyfs_result', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s) OR lsoa_code IN (SELECT s.lsoa_code FROM @extschema@.partner_lsoa AS s)'],
		['two_year_place', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		['three_four_funding', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		-- centre-level tables
		['lead_partner', 'lead_partner_id IN (SELECT s.lead_partner_id FROM @extschema@.partner_lead_partner AS s)'],
		['contract', 'lead_partner_id IN (SELECT s.lead_partner_id FROM @extschema@.partner_lead_partner AS s)'],
		['lot', 'lead_partner_id IN (SELECT s.lead_partner_id FROM @extschema@.partner_lead_partner AS s)'],
		['centre', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['reach_area', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['inspected_centre', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['ofsted_inspection', 'inspection_id IN (SELECT s.inspection_id FROM @extschema@.partner_inspection AS s)'],
		['centre_rag', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['centre_target', 'centre_id IS NULL OR centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['board_meeting', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['building_fund', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['reach_snapshot', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['coverage_snapshot', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		-- rejected rows (whole staged rows, personal data): loaders only
		['load_reject', 'false']]
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', p[1]);
		EXECUTE pg_catalog.format('CREATE POLICY not_partner ON @extschema@.%I USING (NOT (SELECT @extschema@.partner_restricted()))', p[1]);
		EXECUTE pg_catalog.format('CREATE POLICY partner_scope ON @extschema@.%I FOR SELECT USING (%s)', p[1], p[2]);
	END LOOP;
END
$$;

/* ---------------------------------------------------------------- roles */

/*
 * create_roles(): create the four NOLOGIN roles if missing and (re)apply
 * exactly their privileges on the extension's objects (doc/security.md).
 * Run it again after ALTER EXTENSION surestart UPDATE, or after another
 * helper schema (surestart_staging) appears, so new objects are covered.
 *
 * SECURITY DEFINER (reviewed): it creates roles (CREATEROLE) and grants
 * privileges on objects only their owner may grant; running as the
 * extension owner lets a superuser delegate this one job to a council DBA
 * role (GRANT EXECUTE) without making it owner or superuser.  EXECUTE is
 * revoked from PUBLIC below.  It takes no argument; the role and schema
 * names it touches are fixed (the extension's schema, surestart_staging)
 * and quoted with %I; the object names come from the catalog and are
 * quoted with %I too; search_path is pinned to pg_catalog, pg_temp.  It
 * refuses to grant to an existing role of these names that is a superuser
 * or BYPASSRLS, since row-level security would not hold for it.
 *
 * Roles are cluster-wide and are not members of the extension: DROP
 * EXTENSION leaves them (with their privileges in other databases); drop
 * them with DROP OWNED BY / DROP ROLE in each database.
 */
CREATE FUNCTION @extschema@.create_roles() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	ext_schema CONSTANT text := '@extschema@';
	staging CONSTANT text := 'surestart_staging';
	role_name text;
	existing record;
	rel record;
	fn record;
BEGIN
	FOREACH role_name IN ARRAY ARRAY['surestart_reader', 'surestart_analyst', 'surestart_partner', 'surestart_loader'] LOOP
		SELECT r.rolsuper, r.rolbypassrls, r.rolcanlogin INTO existing
		FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) role_name::pg_catalog.name;
		IF NOT FOUND THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', role_name);
		ELSIF existing.rolsuper OR existing.rolbypassrls THEN
			RAISE EXCEPTION 'role "%" already exists and is a superuser or BYPASSRLS', role_name
				USING ERRCODE = 'object_in_use',
					  HINT = 'Row-level security would not apply to it: ALTER ROLE it NOSUPERUSER NOBYPASSRLS, or drop it, and call create_roles() again.';
		ELSIF existing.rolcanlogin THEN
			RAISE NOTICE 'role "%" already exists and can log in; it is left so', role_name;
		END IF;

		-- Start from nothing, so the grants below are exactly what it has.
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO %I', ext_schema, role_name);
	END LOOP;

	/*
	 * Every relation of the schema, classified: published (published_*
	 * views), person (listed, or a view with a person's id column),
	 * internal, private, or plain (reference and centre-level tables, and
	 * the filtered reporting views).
	 */
	FOR rel IN
		SELECT c.relname, c.relkind, c.relrowsecurity,
			   CASE WHEN c.relkind OPERATOR(pg_catalog.=) 'v' AND c.relname OPERATOR(pg_catalog.~~) 'published\_%' THEN 'published'
					WHEN p.access_class IS NOT NULL THEN p.access_class
					WHEN c.relkind OPERATOR(pg_catalog.=) 'v' AND EXISTS (
						SELECT 1 FROM pg_catalog.pg_attribute AS a
						WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum OPERATOR(pg_catalog.>) 0
						  AND NOT a.attisdropped
						  AND a.attname OPERATOR(pg_catalog.=) ANY (ARRAY['child_id', 'family_id', 'carer_id', 'contact_id', 'pupil_id']::pg_catalog.name[]))
						THEN 'person'
					ELSE 'plain' END AS access_class
		FROM pg_catalog.pg_class AS c
		LEFT JOIN @extschema@.protected_relations() AS p ON p.relation_name OPERATOR(pg_catalog.=) c.relname::text
		WHERE c.relnamespace OPERATOR(pg_catalog.=) ext_schema::pg_catalog.regnamespace
		  AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'v', 'm', 'p', 'f']::"char"[])
		ORDER BY c.relname
	LOOP
		IF rel.access_class OPERATOR(pg_catalog.=) 'published' THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_reader, surestart_analyst, surestart_partner', ext_schema, rel.relname);
		ELSIF rel.access_class OPERATOR(pg_catalog.=) 'plain' THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_analyst, surestart_partner', ext_schema, rel.relname);
		ELSIF rel.access_class OPERATOR(pg_catalog.=) 'internal' THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_analyst', ext_schema, rel.relname);
		ELSIF rel.access_class OPERATOR(pg_catalog.=) 'person' AND rel.relkind OPERATOR(pg_catalog.<>) 'v'
			  AND rel.relrowsecurity THEN
			-- only under row-level security (every person-level table has
			-- it: test/pgtap/hardening.sql), never a table without policies
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_partner', ext_schema, rel.relname);
		END IF;
	END LOOP;

	-- The C functions read these through SPI with the caller's rights.
	EXECUTE pg_catalog.format('GRANT SELECT ON %I.setting, %I.ofsted_word TO surestart_reader, surestart_loader', ext_schema, ext_schema);

	/*
	 * Functions: analysts and partners may run every function but the
	 * SECURITY DEFINER ones kept from PUBLIC (create_roles, and the
	 * loading and snapshot jobs).  The others stay executable by PUBLIC
	 * as PostgreSQL grants by default, which readers need for the
	 * functions the published views call.
	 */
	FOR fn IN
		SELECT p.oid::pg_catalog.regprocedure AS signature
		FROM pg_catalog.pg_proc AS p
		WHERE p.pronamespace OPERATOR(pg_catalog.=) ext_schema::pg_catalog.regnamespace
		  AND NOT (p.prosecdef AND NOT EXISTS (
				SELECT 1 FROM pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) AS x
				WHERE x.grantee OPERATOR(pg_catalog.=) 0::pg_catalog.oid AND x.privilege_type OPERATOR(pg_catalog.=) 'EXECUTE'))
		ORDER BY p.oid
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO surestart_analyst, surestart_partner', fn.signature);
	END LOOP;

	/* Loaders: the staging tables, load_staged() and the import helpers, and the rejects. */
	EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO surestart_loader', staging);
	EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA %I TO surestart_loader', staging);
	EXECUTE pg_catalog.format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO surestart_loader', staging);
	FOR fn IN
		SELECT p.oid::pg_catalog.regprocedure AS signature
		FROM pg_catalog.pg_proc AS p
		WHERE p.pronamespace OPERATOR(pg_catalog.=) ext_schema::pg_catalog.regnamespace
		  AND p.proname OPERATOR(pg_catalog.=) ANY (ARRAY['load_staged', 'import_iod2019',
				'import_ons_population', 'import_social_care_feed']::pg_catalog.name[])
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO surestart_loader', fn.signature);
	END LOOP;
	EXECUTE pg_catalog.format('GRANT SELECT, DELETE ON %I.load_reject TO surestart_loader', ext_schema);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.create_roles() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.create_roles() IS 'creates the NOLOGIN roles surestart_reader, surestart_analyst, surestart_partner and surestart_loader if missing and re-applies exactly their privileges; run it again after an update (superusers only unless granted)';
