/* src/sql/91_roles.sql: create_roles(), the reporting roles and their privileges */

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
	-- the views beside schema surestart that analysts and partners read
	beside CONSTANT text[] := ARRAY['surestart_geography', 'surestart_coordinator'];
	other_schema text;
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
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA surestart_internal FROM %I', role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %I FROM %I', staging, role_name);
		FOREACH other_schema IN ARRAY beside LOOP
			EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', other_schema, role_name);
			EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %I FROM %I', other_schema, role_name);
		END LOOP;
		EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO %I', ext_schema, role_name);
	END LOOP;

	/*
	 * The geography and coordinator views: analysts and partners (the
	 * views filter centre-keyed rows through visible_centre, and none
	 * holds a person's row); readers and loaders get nothing there.
	 */
	/*
	 * The row-level security policies read the partner scopes as the
	 * querying user: the roles that read tables under row-level security
	 * may read them (by the policies' references only: no role has USAGE
	 * on surestart_internal).
	 */
	GRANT SELECT ON surestart_internal.partner_lead_partner, surestart_internal.partner_centre,
		surestart_internal.partner_lsoa, surestart_internal.partner_child, surestart_internal.partner_family,
		surestart_internal.partner_inspection TO surestart_analyst, surestart_partner;

	FOREACH other_schema IN ARRAY beside LOOP
		EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO surestart_analyst, surestart_partner', other_schema);
		EXECUTE pg_catalog.format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO surestart_analyst, surestart_partner', other_schema);
	END LOOP;

	/*
	 * Every relation of the schema, classified: published (published_*
	 * views), person (listed, or a view with a person's id column),
	 * private, or plain (reference and centre-level tables, and the
	 * filtered reporting views).
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
				'import_ons_population', 'import_social_care_feed', 'import_eyfs_headline', 'import_iod2025',
				'import_lsoa_lookup', 'import_lsoa21_wards']::pg_catalog.name[])
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO surestart_loader', fn.signature);
	END LOOP;
	EXECUTE pg_catalog.format('GRANT SELECT, DELETE ON %I.load_reject TO surestart_loader', ext_schema);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.create_roles() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.create_roles() IS 'creates the NOLOGIN roles surestart_reader, surestart_analyst, surestart_partner and surestart_loader if missing and re-applies exactly their privileges; run it again after an update (superusers only unless granted)';
