/* src/sql/92_regional.sql: regional and national roll-up of councils' figures over postgres_fdw (doc/regional.md) */

/*
 * Two sides, one extension: every council database and the coordinator
 * (a region, a combined authority, the national programme) install it.
 *
 *   council:      surestart_export.reach, .coverage, .published_coverage
 *                 (figures, never people; by default only published-grade
 *                 ones), read by the NOLOGIN role surestart_regional
 *                 (create_regional_role());
 *   coordinator:  regional_attach(server, council_code) makes postgres_fdw
 *                 foreign tables over a council's export in schema
 *                 surestart_regional (regional_council lists them);
 *                 regional_reach, regional_coverage, regional_data_pack and
 *                 published_regional_reach add the councils up.
 *
 * The extension does not depend on postgres_fdw: a council never needs it,
 * and a coordinator creates it (and its servers and user mappings) itself.
 */

/* ---------------------------------------------------------------- council side: the export */

CREATE SCHEMA surestart_export;
COMMENT ON SCHEMA surestart_export IS 'What a council lets a regional coordinator read over postgres_fdw: figures, never people (role surestart_regional; setting regional_export)';

/*
 * Reach per centre, period and scope.  Setting regional_export decides what
 * leaves: 'published' (default) takes the published_centre_reach views as
 * they are, withheld cells null and the row's suppressed flag as withheld,
 * so the coordinator's sums are of published figures only and marked
 * incomplete where a cell was withheld; 'exact' (under a data-sharing
 * agreement) takes the kept counts, and the coordinator applies its own
 * suppression (published_regional_reach).  families_registered, contacts
 * and family_contacts are not published by a council, so they are null in
 * published mode.
 */
CREATE VIEW surestart_export.reach AS
WITH m AS (
	SELECT coalesce((SELECT s.value FROM @extschema@.setting AS s WHERE s.name = 'regional_export'), 'published') AS mode
)
SELECT 'exact'::text AS export_mode, r.scope, r.period, r.kind, r.period_start, r.period_end,
	   r.unit_id AS centre_id, c.district_code,
	   r.under_fives, r.registered, r.seen, r.sustained,
	   r.families_registered, r.families_seen, r.families_sustained, r.contacts, r.family_contacts,
	   false AS withheld
FROM surestart_internal.reach_figures AS r
JOIN @extschema@.centre AS c ON c.centre_id = r.unit_id
WHERE r.level = 'centre'
  AND (SELECT m.mode FROM m) = 'exact'
UNION ALL
SELECT 'published'::text, p.scope, p.period, p.kind, p.period_start, p.period_end,
	   p.centre_id, c.district_code,
	   p.under_fives, p.registered, p.seen, p.sustained,
	   NULL::bigint, p.families_seen, p.families_sustained, NULL::bigint, NULL::bigint,
	   p.suppressed IS NOT NULL
FROM (SELECT 'all'::text AS scope, a.centre_id, a.period, a.kind, a.period_start, a.period_end,
			 a.under_fives, a.registered, a.seen, a.sustained, a.families_seen, a.families_sustained, a.suppressed
	  FROM @extschema@.published_centre_reach AS a
	  UNION ALL
	  SELECT 'deprived'::text, d.centre_id, d.period, d.kind, d.period_start, d.period_end,
			 d.under_fives, d.registered, d.seen, d.sustained, d.families_seen, d.families_sustained, d.suppressed
	  FROM @extschema@.published_centre_reach_deprived AS d) AS p
JOIN @extschema@.centre AS c ON c.centre_id = p.centre_id
WHERE (SELECT m.mode FROM m) = 'published';
COMMENT ON VIEW surestart_export.reach IS 'Reach per centre, period and scope for a regional coordinator: the published figures (setting regional_export = published, the default) or the exact kept counts (exact)';
COMMENT ON COLUMN surestart_export.reach.export_mode IS 'published or exact: the regional_export setting the row was read under';
COMMENT ON COLUMN surestart_export.reach.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs';
COMMENT ON COLUMN surestart_export.reach.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN surestart_export.reach.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_export.reach.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_export.reach.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN surestart_export.reach.centre_id IS 'centre';
COMMENT ON COLUMN surestart_export.reach.district_code IS 'the centre''s district';
COMMENT ON COLUMN surestart_export.reach.under_fives IS 'persons aged 0-4 in the reach area (ONS); null when withheld';
COMMENT ON COLUMN surestart_export.reach.registered IS 'under-fives registered on the reference date; null when withheld';
COMMENT ON COLUMN surestart_export.reach.seen IS 'under-fives with at least one meaningful contact in the period; null when withheld';
COMMENT ON COLUMN surestart_export.reach.sustained IS 'under-fives with at least sustained_contacts meaningful contacts; null when withheld';
COMMENT ON COLUMN surestart_export.reach.families_registered IS 'families with a registered under-five (exact mode only: null when published)';
COMMENT ON COLUMN surestart_export.reach.families_seen IS 'families with at least one family contact; null when withheld';
COMMENT ON COLUMN surestart_export.reach.families_sustained IS 'families with at least sustained_contacts family contacts; null when withheld';
COMMENT ON COLUMN surestart_export.reach.contacts IS 'meaningful contacts (exact mode only: null when published)';
COMMENT ON COLUMN surestart_export.reach.family_contacts IS 'family contacts, distinct family and day (exact mode only: null when published)';
COMMENT ON COLUMN surestart_export.reach.withheld IS 'true when a count of the row is null because the council''s disclosure rule withheld it (the published row''s suppressed flag)';

/*
 * Coverage summaries per period and district (exact mode only): the
 * coverage value, as text, of the district's registered families, which the
 * coordinator merges with sum(coverage).  Empty in published mode.
 */
CREATE VIEW surestart_export.coverage AS
SELECT f.period, f.kind, f.period_start, f.period_end, c.district_code,
	   (@extschema@.sum(f.coverage))::text AS coverage
FROM surestart_internal.lsoa_figures AS f
JOIN @extschema@.centre AS c ON c.centre_id = f.centre_id
WHERE f.coverage IS NOT NULL
  AND coalesce((SELECT s.value FROM @extschema@.setting AS s WHERE s.name = 'regional_export'), 'published') = 'exact'
GROUP BY f.period, f.kind, f.period_start, f.period_end, c.district_code;
COMMENT ON VIEW surestart_export.coverage IS 'Coverage summaries per period and district for a regional coordinator (setting regional_export = exact only; empty when published)';
COMMENT ON COLUMN surestart_export.coverage.period IS 'period label';
COMMENT ON COLUMN surestart_export.coverage.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_export.coverage.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_export.coverage.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN surestart_export.coverage.district_code IS 'district of the centres whose reach areas hold the families';
COMMENT ON COLUMN surestart_export.coverage.coverage IS 'the coverage summary of the registered families, in its text form (it remembers its sustained threshold)';

/*
 * The council's published county-level coverage per period and target
 * group (published mode only; empty when exact): the rows of
 * published_target_group_coverage as they are, withheld cells null.
 */
CREATE VIEW surestart_export.published_coverage AS
SELECT t.period, p.kind, p.period_start, p.period_end, t.target_group,
	   t.families, t.any_contact, t.sustained, t.suppressed IS NOT NULL AS withheld
FROM @extschema@.published_target_group_coverage AS t
JOIN surestart_internal.reporting_period AS p ON p.period = t.period
WHERE t.level = 'county'
  AND coalesce((SELECT s.value FROM @extschema@.setting AS s WHERE s.name = 'regional_export'), 'published') = 'published';
COMMENT ON VIEW surestart_export.published_coverage IS 'The council''s published coverage of each target group per period (setting regional_export = published, the default; empty when exact)';
COMMENT ON COLUMN surestart_export.published_coverage.period IS 'period label';
COMMENT ON COLUMN surestart_export.published_coverage.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_export.published_coverage.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_export.published_coverage.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN surestart_export.published_coverage.target_group IS 'target group code';
COMMENT ON COLUMN surestart_export.published_coverage.families IS 'registered families in the group; null when withheld';
COMMENT ON COLUMN surestart_export.published_coverage.any_contact IS 'of them, families with any meaningful contact; null when withheld';
COMMENT ON COLUMN surestart_export.published_coverage.sustained IS 'of them, families with sustained contact; null when withheld';
COMMENT ON COLUMN surestart_export.published_coverage.withheld IS 'true when a count of the row is null because the council''s disclosure rule withheld it';

/*
 * One row about the export, cheap to read: the coordinator reads it first
 * to learn whether the council answers before it asks for figures.
 */
CREATE VIEW surestart_export.about AS
SELECT coalesce((SELECT s.value FROM @extschema@.setting AS s WHERE s.name = 'regional_export'), 'published') AS export_mode,
	   coalesce((SELECT s.value::integer FROM @extschema@.setting AS s WHERE s.name = 'suppress_below'), 5) AS suppress_below,
	   coalesce((SELECT s.value::integer FROM @extschema@.setting AS s WHERE s.name = 'sustained_contacts'), 3) AS sustained_contacts,
	   (SELECT e.extversion FROM pg_catalog.pg_extension AS e WHERE e.extname = 'surestart')::text AS surestart_version;
COMMENT ON VIEW surestart_export.about IS 'The council''s export settings in one row: what a coordinator reads first';
COMMENT ON COLUMN surestart_export.about.export_mode IS 'published (the default) or exact: setting regional_export';
COMMENT ON COLUMN surestart_export.about.suppress_below IS 'the council''s suppress_below setting (its published figures withhold counts from 1 to this - 1)';
COMMENT ON COLUMN surestart_export.about.sustained_contacts IS 'the council''s sustained_contacts setting (coverage summaries with different thresholds do not merge)';
COMMENT ON COLUMN surestart_export.about.surestart_version IS 'the version of surestart the council runs';

/*
 * create_regional_role(): create the NOLOGIN role surestart_regional if
 * missing and give it exactly what a coordinator's user mapping needs:
 * SELECT on the views of surestart_export, and what their functions read
 * with the caller's rights (the settings and Ofsted's words, as
 * surestart_reader has).  Nothing else: no table holding a person's row, no
 * kept LSOA figure.  A council then makes a login role for the coordinator
 * a member of it (doc/regional.md).
 *
 * SECURITY DEFINER (reviewed), like create_roles(): it creates a role and
 * grants on objects only their owner may grant.  No argument; the names
 * are fixed and quoted with %I; search_path is pinned; EXECUTE is revoked
 * from PUBLIC.  It refuses an existing surestart_regional that is a
 * superuser or BYPASSRLS.
 */
CREATE FUNCTION @extschema@.create_regional_role() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	ext_schema CONSTANT text := '@extschema@';
	export_schema CONSTANT text := 'surestart_export';
	role_name CONSTANT text := 'surestart_regional';
	existing record;
BEGIN
	SELECT r.rolsuper, r.rolbypassrls INTO existing
	FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) role_name::pg_catalog.name;
	IF NOT FOUND THEN
		EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', role_name);
	ELSIF existing.rolsuper OR existing.rolbypassrls THEN
		RAISE EXCEPTION 'role "%" already exists and is a superuser or BYPASSRLS', role_name
			USING ERRCODE = 'object_in_use',
				  HINT = 'It would read more than the export: ALTER ROLE it NOSUPERUSER NOBYPASSRLS, or drop it, and call create_regional_role() again.';
	END IF;
	EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', ext_schema, role_name);
	EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', export_schema, role_name);
	EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I, %I TO %I', ext_schema, export_schema, role_name);
	EXECUTE pg_catalog.format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', export_schema, role_name);
	EXECUTE pg_catalog.format('GRANT SELECT ON %I.setting, %I.ofsted_word TO %I', ext_schema, ext_schema, role_name);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.create_regional_role() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.create_regional_role() IS 'creates the NOLOGIN role surestart_regional if missing and grants it exactly the regional export (schema surestart_export); run it again after an update (superusers only unless granted)';

/* ---------------------------------------------------------------- coordinator side: the councils */

CREATE SCHEMA surestart_regional;
COMMENT ON SCHEMA surestart_regional IS 'Foreign tables over the attached councils'' exports, "<code>@reach" and so on (made by regional_attach(); no privileges for the reporting roles)';

/*
 * The coordinator's views (regional_council, regional_reach,
 * regional_coverage, regional_data_pack) are in schema
 * surestart_coordinator, which analysts and partners read beside surestart
 * (create_roles()): in a council's database they are empty, as the
 * centre-level views are in a coordinator's.  published_regional_reach,
 * for readers, stays in surestart with the other published views.
 */
CREATE SCHEMA surestart_coordinator;
COMMENT ON SCHEMA surestart_coordinator IS 'A regional coordinator''s views of the surestart extension: the attached councils and their figures added up (analysts and partners; published_regional_reach is in surestart)';

/*
 * The attached councils are the catalog's own list: an attached council has
 * the foreign tables "<code>@about", "<code>@reach", "<code>@coverage" and
 * "<code>@published_coverage" in schema surestart_regional (a council code
 * has no @), so pg_dump keeps the list with the tables and there is no
 * table to keep in step with them.
 */
CREATE VIEW surestart_coordinator.regional_council AS
SELECT pg_catalog.left(c.relname::text, -6) AS council_code, s.srvname::text AS server_name
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_foreign_table AS t ON t.ftrelid = c.oid
JOIN pg_catalog.pg_foreign_server AS s ON s.oid = t.ftserver
WHERE c.relnamespace = 'surestart_regional'::pg_catalog.regnamespace
  AND c.relname::text LIKE '%@about';
COMMENT ON VIEW surestart_coordinator.regional_council IS 'Councils attached to this coordinator (regional_attach(), regional_detach()), each read through postgres_fdw from its foreign server';
COMMENT ON COLUMN surestart_coordinator.regional_council.council_code IS 'the council''s code, a level of the regional views (1 to 30 letters, digits, _ and -: an ONS code such as E10000020 serves)';
COMMENT ON COLUMN surestart_coordinator.regional_council.server_name IS 'the postgres_fdw foreign server of the council''s database';

/*
 * The foreign tables of one council, by the name regional_attach() gives
 * them in schema surestart_regional.
 */
CREATE FUNCTION surestart_internal.regional_table(council_code text, export_view text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT pg_catalog.format('surestart_regional.%I', council_code OPERATOR(pg_catalog.||) '@' OPERATOR(pg_catalog.||) export_view) $$;
COMMENT ON FUNCTION surestart_internal.regional_table(text, text) IS 'the qualified, quoted name of a council''s foreign table over one export view (about, reach, coverage, published_coverage)';

/*
 * regional_attach(server, council_code): make foreign tables over the
 * council's export views (about, reach, coverage, published_coverage) on the
 * postgres_fdw server, list the council, and read a row through each to
 * prove the set-up (server reachable, user mapping valid, export present).
 *
 * SECURITY DEFINER (reviewed): the foreign tables belong to the extension
 * owner, whose user mapping the regional views use.  EXECUTE is revoked
 * from PUBLIC; a superuser may grant it to a DBA role.  The server must
 * exist, belong to the postgres_fdw wrapper and be usable by the session
 * user (USAGE), who may not otherwise borrow the owner's user mapping on a
 * server of someone else's choosing; the council code is
 * checked against a pattern (no @, which names the tables); every name is
 * quoted with %I and every value with %L; search_path is pinned.
 */
CREATE FUNCTION @extschema@.regional_attach(server name, council_code text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	wrapper name;
	attached text;
	probe text;
BEGIN
	IF council_code IS NULL OR council_code OPERATOR(pg_catalog.!~) '^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$' THEN
		RAISE EXCEPTION 'invalid council code "%"', council_code
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected 1 to 30 letters, digits, _ or -, starting with a letter or digit (an ONS code such as E10000020 serves).';
	END IF;
	SELECT w.fdwname INTO wrapper
	FROM pg_catalog.pg_foreign_server AS s
	JOIN pg_catalog.pg_foreign_data_wrapper AS w ON w.oid OPERATOR(pg_catalog.=) s.srvfdw
	WHERE s.srvname OPERATOR(pg_catalog.=) server;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'foreign server "%" does not exist', server
			USING ERRCODE = 'undefined_object',
				  HINT = 'CREATE EXTENSION postgres_fdw; CREATE SERVER ... FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host ..., dbname ...); CREATE USER MAPPING ... (doc/regional.md).';
	ELSIF wrapper OPERATOR(pg_catalog.<>) 'postgres_fdw' THEN
		RAISE EXCEPTION 'foreign server "%" uses the foreign-data wrapper "%", not postgres_fdw', server, wrapper
			USING ERRCODE = 'wrong_object_type';
	ELSIF NOT pg_catalog.has_server_privilege(SESSION_USER, server::text, 'USAGE') THEN
		RAISE EXCEPTION 'permission denied for foreign server "%"', server
			USING ERRCODE = 'insufficient_privilege',
				  DETAIL = 'Attaching a server reads it with the extension owner''s user mapping, so the caller must have USAGE on it.';
	END IF;
	SELECT c.server_name INTO attached
	FROM surestart_coordinator.regional_council AS c
	WHERE pg_catalog.lower(c.council_code) OPERATOR(pg_catalog.=) pg_catalog.lower(regional_attach.council_code);
	IF FOUND THEN
		RAISE EXCEPTION 'council "%" is already attached (server "%")', council_code, attached
			USING ERRCODE = 'duplicate_object',
				  HINT = 'Detach it first with regional_detach().';
	END IF;

	EXECUTE pg_catalog.format($f$
		CREATE FOREIGN TABLE %s (
			export_mode text, scope text, period text, kind text, period_start date, period_end date,
			centre_id text, district_code text,
			under_fives bigint, registered bigint, seen bigint, sustained bigint,
			families_registered bigint, families_seen bigint, families_sustained bigint,
			contacts bigint, family_contacts bigint, withheld boolean)
		SERVER %I OPTIONS (schema_name 'surestart_export', table_name 'reach', fetch_size '10000')$f$,
		surestart_internal.regional_table(council_code, 'reach'), server);
	EXECUTE pg_catalog.format($f$
		CREATE FOREIGN TABLE %s (
			period text, kind text, period_start date, period_end date, district_code text,
			coverage @extschema@.coverage)
		SERVER %I OPTIONS (schema_name 'surestart_export', table_name 'coverage', fetch_size '10000')$f$,
		surestart_internal.regional_table(council_code, 'coverage'), server);
	EXECUTE pg_catalog.format($f$
		CREATE FOREIGN TABLE %s (
			period text, kind text, period_start date, period_end date, target_group text,
			families bigint, any_contact bigint, sustained bigint, withheld boolean)
		SERVER %I OPTIONS (schema_name 'surestart_export', table_name 'published_coverage', fetch_size '10000')$f$,
		surestart_internal.regional_table(council_code, 'published_coverage'), server);
	EXECUTE pg_catalog.format($f$
		CREATE FOREIGN TABLE %s (
			export_mode text, suppress_below integer, sustained_contacts integer, surestart_version text)
		SERVER %I OPTIONS (schema_name 'surestart_export', table_name 'about')$f$,
		surestart_internal.regional_table(council_code, 'about'), server);

	-- Prove it now rather than at the first report: each table is read.
	FOREACH probe IN ARRAY ARRAY['about', 'reach', 'coverage', 'published_coverage'] LOOP
		BEGIN
			EXECUTE pg_catalog.format('SELECT 1 FROM %s LIMIT 1', surestart_internal.regional_table(council_code, probe));
		EXCEPTION WHEN OTHERS THEN
			RAISE EXCEPTION 'cannot read the export of council "%" on server "%": %', council_code, server, SQLERRM
				USING ERRCODE = SQLSTATE,
					  HINT = 'The council must have surestart 0.3.0 or later, and the user mapping must log in as a member of surestart_regional (create_regional_role()).';
		END;
	END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.regional_attach(name, text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.regional_attach(name, text) IS 'coordinator: attach a council''s database, read through the postgres_fdw server, as council council_code of the regional views (superusers only unless granted)';

/*
 * regional_detach(council_code): drop the council's foreign tables and its
 * row.  SECURITY DEFINER (reviewed) for the same reason as attach; the
 * code is looked up in regional_council before any name is built, and
 * only its four tables are dropped.
 */
CREATE FUNCTION @extschema@.regional_detach(council_code text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	code text;
	v text;
BEGIN
	SELECT c.council_code INTO code
	FROM surestart_coordinator.regional_council AS c
	WHERE c.council_code OPERATOR(pg_catalog.=) regional_detach.council_code;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'council "%" is not attached', council_code
			USING ERRCODE = 'undefined_object',
				  HINT = 'SELECT council_code FROM surestart_coordinator.regional_council lists the attached councils.';
	END IF;
	FOREACH v IN ARRAY ARRAY['about', 'reach', 'coverage', 'published_coverage'] LOOP
		EXECUTE pg_catalog.format('DROP FOREIGN TABLE IF EXISTS %s', surestart_internal.regional_table(code, v));
	END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.regional_detach(text) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.regional_detach(text) IS 'coordinator: detach a council (drops its foreign tables; superusers only unless granted)';

/*
 * The query regional_council_reach() sends for one council: its reach rows
 * added up per district, scope and period.  It names one foreign table and
 * only built-in aggregates, so postgres_fdw runs the GROUP BY in the
 * council's database and only the sums travel (EXPLAIN (VERBOSE) shows the
 * remote SQL; doc/regional.md).
 */
CREATE FUNCTION surestart_internal.regional_reach_query(council_code text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT pg_catalog.format($q$(
	SELECT %L::text AS council_code, true AS reachable, r.export_mode, r.district_code, r.scope,
		   r.period, r.kind, r.period_start, r.period_end,
		   sum(r.under_fives)::bigint, sum(r.registered)::bigint, sum(r.seen)::bigint, sum(r.sustained)::bigint,
		   sum(r.families_registered)::bigint, sum(r.families_seen)::bigint, sum(r.families_sustained)::bigint,
		   sum(r.contacts)::bigint, sum(r.family_contacts)::bigint,
		   count(*) AS centres, count(*) FILTER (WHERE r.withheld) AS withheld
	FROM %s AS r
	GROUP BY r.export_mode, r.district_code, r.scope, r.period, r.kind, r.period_start, r.period_end)$q$,
	council_code, surestart_internal.regional_table(council_code, 'reach'))
$$;
COMMENT ON FUNCTION surestart_internal.regional_reach_query(text) IS 'the aggregate query sent to one council for regional_reach (pushed down by postgres_fdw)';

/*
 * Whether a council answers, from a first cheap read (its export's about
 * row).  An unreachable council (a connection error, SQLSTATE class 08) is
 * an error naming it, or, with setting regional_unreachable = report, a
 * warning and false, which the readers below turn into a row
 * reachable = false and the views into a marked gap.  The councils that
 * answer are then read in one statement (a UNION ALL of one aggregate query
 * per council, which postgres_fdw runs concurrently on servers with
 * async_capable 'true'); an error there is an error, so a council's
 * figures are never returned in part.
 */
CREATE FUNCTION surestart_internal.regional_reachable(council_code text, server_name text, probe_table text) RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	EXECUTE pg_catalog.format('SELECT 1 FROM %s LIMIT 1', probe_table);
	RETURN true;
EXCEPTION WHEN connection_exception THEN
	IF coalesce((SELECT s.value FROM @extschema@.setting AS s WHERE s.name OPERATOR(pg_catalog.=) 'regional_unreachable'), 'error')
	   OPERATOR(pg_catalog.=) 'report' THEN
		RAISE WARNING 'council "%" (foreign server "%") is unreachable; its figures are left out and the gap is marked', council_code, server_name
			USING DETAIL = SQLERRM;
		RETURN false;
	END IF;
	RAISE EXCEPTION 'council "%" (foreign server "%") is unreachable', council_code, server_name
		USING ERRCODE = SQLSTATE, DETAIL = SQLERRM,
			  HINT = 'Bring its database back, detach it with regional_detach(), or set regional_unreachable to report to show the other councils with the gap marked.';
END
$$;
COMMENT ON FUNCTION surestart_internal.regional_reachable(text, text, text) IS 'whether a council answers: true, false (setting regional_unreachable = report) or an error naming it';

CREATE FUNCTION surestart_internal.regional_council_reach()
RETURNS TABLE (council_code text, reachable boolean, export_mode text, district_code text, scope text,
			   period text, kind text, period_start date, period_end date,
			   under_fives bigint, registered bigint, seen bigint, sustained bigint,
			   families_registered bigint, families_seen bigint, families_sustained bigint,
			   contacts bigint, family_contacts bigint, centres bigint, withheld bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	c record;
	q text;
	councils text;
BEGIN
	FOR c IN SELECT r.council_code, r.server_name FROM surestart_coordinator.regional_council AS r ORDER BY r.council_code LOOP
		IF surestart_internal.regional_reachable(c.council_code, c.server_name,
				surestart_internal.regional_table(c.council_code, 'about')) THEN
			q := pg_catalog.concat_ws(' UNION ALL ', q, surestart_internal.regional_reach_query(c.council_code));
			councils := pg_catalog.concat_ws(', ', councils, c.council_code);
		ELSE
			council_code := c.council_code;
			reachable := false;
			RETURN NEXT;
		END IF;
	END LOOP;
	IF q IS NOT NULL THEN
		BEGIN
			RETURN QUERY EXECUTE q;
		EXCEPTION WHEN OTHERS THEN
			RAISE EXCEPTION 'cannot read the reach figures of councils %: %', councils, SQLERRM
				USING ERRCODE = SQLSTATE;
		END;
	END IF;
END
$$;
COMMENT ON FUNCTION surestart_internal.regional_council_reach() IS 'each attached council''s reach summed per district, scope and period in its own database; a row reachable = false for an unreachable council (setting regional_unreachable = report)';

CREATE FUNCTION surestart_internal.regional_council_coverage()
RETURNS TABLE (council_code text, reachable boolean, export_mode text, period text, kind text,
			   period_start date, period_end date, district_code text, coverage @extschema@.coverage,
			   target_group text, families bigint, any_contact bigint, sustained bigint, withheld boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	c record;
	q text;
	councils text;
BEGIN
	FOR c IN SELECT r.council_code, r.server_name FROM surestart_coordinator.regional_council AS r ORDER BY r.council_code LOOP
		IF surestart_internal.regional_reachable(c.council_code, c.server_name,
				surestart_internal.regional_table(c.council_code, 'about')) THEN
			q := pg_catalog.concat_ws(' UNION ALL ', q, pg_catalog.format($q$
				SELECT %L::text, true, 'exact'::text, v.period, v.kind, v.period_start, v.period_end, v.district_code,
					   v.coverage, NULL::text, NULL::bigint, NULL::bigint, NULL::bigint, false
				FROM %s AS v
				UNION ALL
				SELECT %L::text, true, 'published'::text, p.period, p.kind, p.period_start, p.period_end, NULL::text,
					   NULL::@extschema@.coverage, p.target_group, p.families, p.any_contact, p.sustained, p.withheld
				FROM %s AS p$q$,
				c.council_code, surestart_internal.regional_table(c.council_code, 'coverage'),
				c.council_code, surestart_internal.regional_table(c.council_code, 'published_coverage')));
			councils := pg_catalog.concat_ws(', ', councils, c.council_code);
		ELSE
			council_code := c.council_code;
			reachable := false;
			RETURN NEXT;
		END IF;
	END LOOP;
	IF q IS NOT NULL THEN
		BEGIN
			RETURN QUERY EXECUTE q;
		EXCEPTION WHEN OTHERS THEN
			RAISE EXCEPTION 'cannot read the coverage figures of councils %: %', councils, SQLERRM
				USING ERRCODE = SQLSTATE;
		END;
	END IF;
END
$$;
COMMENT ON FUNCTION surestart_internal.regional_council_coverage() IS 'each attached council''s coverage summaries (exact) or published coverage counts (published); a row reachable = false for an unreachable council (setting regional_unreachable = report)';

/* ---------------------------------------------------------------- coordinator side: the regional views */

/*
 * Reach at district (within its council), council and region level: sums
 * of the councils' rows.  A row is complete when no council cell in it was
 * withheld and, for the region, every attached council contributed to the
 * period; percentages are shown only for complete rows, so an incomplete
 * sum is never passed off as a rate.  (A council that publishes exports no
 * families_registered, contacts or family_contacts: those are null in any
 * row a publishing council is in.)
 */
CREATE VIEW surestart_coordinator.regional_reach AS
WITH f AS MATERIALIZED (
	SELECT * FROM surestart_internal.regional_council_reach()
),
attached AS (
	SELECT pg_catalog.array_agg(c.council_code) AS codes FROM surestart_coordinator.regional_council AS c
),
g AS (
	SELECT x.level, x.unit_id, x.council_code, f.scope, f.period, f.kind, f.period_start, f.period_end,
		   sum(f.under_fives)::bigint AS under_fives, sum(f.registered)::bigint AS registered,
		   sum(f.seen)::bigint AS seen, sum(f.sustained)::bigint AS sustained,
		   CASE WHEN bool_and(f.export_mode = 'exact') THEN sum(f.families_registered)::bigint END AS families_registered,
		   sum(f.families_seen)::bigint AS families_seen, sum(f.families_sustained)::bigint AS families_sustained,
		   CASE WHEN bool_and(f.export_mode = 'exact') THEN sum(f.contacts)::bigint END AS contacts,
		   CASE WHEN bool_and(f.export_mode = 'exact') THEN sum(f.family_contacts)::bigint END AS family_contacts,
		   pg_catalog.array_agg(DISTINCT f.council_code) AS contributing,
		   sum(f.withheld)::bigint AS withheld
	FROM f
	CROSS JOIN LATERAL (VALUES ('district'::text, f.district_code, f.council_code),
							   ('council', f.council_code, f.council_code),
							   ('region', 'region', NULL::text)) AS x(level, unit_id, council_code)
	WHERE f.reachable AND x.unit_id IS NOT NULL
	GROUP BY x.level, x.unit_id, x.council_code, f.scope, f.period, f.kind, f.period_start, f.period_end
),
h AS (
	SELECT g.*,
		   CASE WHEN g.level = 'region' THEN
				(SELECT pg_catalog.string_agg(a.code, ', ' ORDER BY a.code)
				 FROM pg_catalog.unnest((SELECT attached.codes FROM attached)) AS a(code)
				 WHERE a.code <> ALL (g.contributing)) END AS missing_councils
	FROM g
)
SELECT h.level, h.unit_id, h.council_code, h.scope, h.period, h.kind, h.period_start, h.period_end,
	   h.under_fives, h.registered,
	   CASE WHEN c.complete THEN @extschema@.percent_of(h.registered, h.under_fives) END AS registered_pct,
	   h.seen,
	   CASE WHEN c.complete THEN @extschema@.percent_of(h.seen, h.under_fives) END AS seen_pct,
	   h.sustained,
	   CASE WHEN c.complete THEN @extschema@.percent_of(h.sustained, h.under_fives) END AS sustained_pct,
	   h.families_registered, h.families_seen,
	   CASE WHEN c.complete THEN @extschema@.percent_of(h.families_seen, h.families_registered) END AS families_seen_pct,
	   h.families_sustained,
	   CASE WHEN c.complete THEN @extschema@.percent_of(h.families_sustained, h.families_registered) END AS families_sustained_pct,
	   h.contacts, h.family_contacts,
	   pg_catalog.cardinality(h.contributing) AS councils,
	   h.withheld, h.missing_councils, c.complete
FROM h
CROSS JOIN LATERAL (SELECT h.withheld = 0 AND h.missing_councils IS NULL AS complete) AS c;
COMMENT ON VIEW surestart_coordinator.regional_reach IS 'Reach of the attached councils per district, council and region, scope and period: sums of the councils'' exported figures, marked incomplete where a council withheld a cell, published only some counts, or is missing';
COMMENT ON COLUMN surestart_coordinator.regional_reach.level IS 'district (within its council), council or region';
COMMENT ON COLUMN surestart_coordinator.regional_reach.unit_id IS 'district code, council code, or region';
COMMENT ON COLUMN surestart_coordinator.regional_reach.council_code IS 'the council of a district or council row; null for the region';
COMMENT ON COLUMN surestart_coordinator.regional_reach.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs (each council''s own setting)';
COMMENT ON COLUMN surestart_coordinator.regional_reach.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN surestart_coordinator.regional_reach.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_coordinator.regional_reach.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_coordinator.regional_reach.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN surestart_coordinator.regional_reach.under_fives IS 'persons aged 0-4 in the reach areas (ONS): the sum of the values the councils exported';
COMMENT ON COLUMN surestart_coordinator.regional_reach.registered IS 'under-fives registered on the reference date: the sum of the values the councils exported';
COMMENT ON COLUMN surestart_coordinator.regional_reach.registered_pct IS 'registered as a percentage of under_fives, one decimal place; null unless complete';
COMMENT ON COLUMN surestart_coordinator.regional_reach.seen IS 'under-fives with at least one meaningful contact in the period: the sum of the values the councils exported';
COMMENT ON COLUMN surestart_coordinator.regional_reach.seen_pct IS 'seen as a percentage of under_fives, one decimal place; null unless complete';
COMMENT ON COLUMN surestart_coordinator.regional_reach.sustained IS 'under-fives with at least sustained_contacts meaningful contacts: the sum of the values the councils exported';
COMMENT ON COLUMN surestart_coordinator.regional_reach.sustained_pct IS 'sustained as a percentage of under_fives, one decimal place; null unless complete';
COMMENT ON COLUMN surestart_coordinator.regional_reach.families_registered IS 'families with a registered under-five (exact exports only: null when a council in the row publishes)';
COMMENT ON COLUMN surestart_coordinator.regional_reach.families_seen IS 'families with at least one family contact: the sum of the values the councils exported';
COMMENT ON COLUMN surestart_coordinator.regional_reach.families_seen_pct IS 'families_seen as a percentage of families_registered; null unless complete';
COMMENT ON COLUMN surestart_coordinator.regional_reach.families_sustained IS 'families with at least sustained_contacts family contacts: the sum of the values the councils exported';
COMMENT ON COLUMN surestart_coordinator.regional_reach.families_sustained_pct IS 'families_sustained as a percentage of families_registered; null unless complete';
COMMENT ON COLUMN surestart_coordinator.regional_reach.contacts IS 'meaningful contacts (exact exports only: null when a council in the row publishes)';
COMMENT ON COLUMN surestart_coordinator.regional_reach.family_contacts IS 'family contacts, distinct family and day (exact exports only: null when a council in the row publishes)';
COMMENT ON COLUMN surestart_coordinator.regional_reach.councils IS 'councils whose figures are in the row';
COMMENT ON COLUMN surestart_coordinator.regional_reach.withheld IS 'centre rows in the sums with a cell withheld by their council''s disclosure rule (0 when exact)';
COMMENT ON COLUMN surestart_coordinator.regional_reach.missing_councils IS 'for the region: attached councils not in the row (unreachable, or without figures for the period), comma-separated; null when none';
COMMENT ON COLUMN surestart_coordinator.regional_reach.complete IS 'true when the counts are the exact totals: no council withheld a cell in them and none is missing';

/*
 * Coverage of each target group per council and region: exact councils'
 * summaries merged with sum(coverage) (district to council, and over every
 * exact council for the region; summaries counted with different
 * sustained thresholds refuse to merge), published councils' counts added.
 */
CREATE VIEW surestart_coordinator.regional_coverage AS
WITH f AS MATERIALIZED (
	SELECT * FROM surestart_internal.regional_council_coverage()
),
attached AS (
	SELECT pg_catalog.array_agg(c.council_code) AS codes FROM surestart_coordinator.regional_council AS c
),
council_exact AS (
	SELECT f.council_code, f.period, f.kind, f.period_start, f.period_end, @extschema@.sum(f.coverage) AS coverage
	FROM f
	WHERE f.reachable AND f.export_mode = 'exact'
	GROUP BY f.council_code, f.period, f.kind, f.period_start, f.period_end
),
region_exact AS (
	SELECT e.period, e.kind, e.period_start, e.period_end, @extschema@.sum(e.coverage) AS coverage
	FROM council_exact AS e
	GROUP BY e.period, e.kind, e.period_start, e.period_end
),
parts AS (
	SELECT 'council'::text AS level, e.council_code AS unit_id, e.council_code, e.period, e.kind, e.period_start, e.period_end,
		   r.target_group, r.in_group AS families, @extschema@.part(r.any_contact) AS any_contact,
		   @extschema@.part(r.sustained) AS sustained, 0 AS withheld, false AS published,
		   ARRAY[e.council_code] AS contributing, e.coverage::text AS summary
	FROM council_exact AS e
	CROSS JOIN LATERAL @extschema@.coverage_rows(e.coverage) AS r
	UNION ALL
	SELECT 'region', 'region', NULL, e.period, e.kind, e.period_start, e.period_end,
		   r.target_group, r.in_group, @extschema@.part(r.any_contact), @extschema@.part(r.sustained), 0, false,
		   (SELECT pg_catalog.array_agg(x.council_code) FROM council_exact AS x WHERE x.period = e.period),
		   e.coverage::text
	FROM region_exact AS e
	CROSS JOIN LATERAL @extschema@.coverage_rows(e.coverage) AS r
	UNION ALL
	SELECT x.level, x.unit_id, x.council_code, f.period, f.kind, f.period_start, f.period_end,
		   f.target_group, f.families, f.any_contact, f.sustained, f.withheld::integer, true,
		   ARRAY[f.council_code], NULL
	FROM f
	CROSS JOIN LATERAL (VALUES ('council'::text, f.council_code, f.council_code),
							   ('region', 'region', NULL::text)) AS x(level, unit_id, council_code)
	WHERE f.reachable AND f.export_mode = 'published'
),
g AS (
	SELECT p.level, p.unit_id, p.council_code, p.period, p.kind, p.period_start, p.period_end, p.target_group,
		   sum(p.families)::bigint AS families, sum(p.any_contact)::bigint AS any_contact,
		   sum(p.sustained)::bigint AS sustained, sum(p.withheld)::bigint AS withheld,
		   bool_or(p.published) AS any_published,
		   CASE WHEN NOT bool_or(p.published) THEN min(p.summary) END AS summary
	FROM parts AS p
	GROUP BY p.level, p.unit_id, p.council_code, p.period, p.kind, p.period_start, p.period_end, p.target_group
),
contributing AS (
	-- councils with figures for a period (a council whose families are in
	-- no group still counts)
	SELECT f.period, pg_catalog.array_agg(DISTINCT f.council_code) AS codes
	FROM f WHERE f.reachable AND f.period IS NOT NULL
	GROUP BY f.period
)
SELECT g.level, g.unit_id, g.council_code, g.period, g.kind, g.period_start, g.period_end, g.target_group, t.label,
	   g.families, g.any_contact,
	   CASE WHEN c.complete THEN @extschema@.percent_of(g.any_contact, g.families) END AS any_contact_pct,
	   g.sustained,
	   CASE WHEN c.complete THEN @extschema@.percent_of(g.sustained, g.families) END AS sustained_pct,
	   CASE WHEN g.level = 'council' THEN 1 ELSE pg_catalog.cardinality(k.codes) END AS councils,
	   g.withheld, m.missing_councils, c.complete, g.summary
FROM g
LEFT JOIN @extschema@.target_group AS t ON t.code = g.target_group
LEFT JOIN contributing AS k ON k.period = g.period
CROSS JOIN LATERAL (
	SELECT CASE WHEN g.level = 'region' THEN
				(SELECT pg_catalog.string_agg(a.code, ', ' ORDER BY a.code)
				 FROM pg_catalog.unnest((SELECT attached.codes FROM attached)) AS a(code)
				 WHERE a.code <> ALL (coalesce(k.codes, '{}'))) END AS missing_councils) AS m
CROSS JOIN LATERAL (SELECT g.withheld = 0 AND m.missing_councils IS NULL AS complete) AS c;
COMMENT ON VIEW surestart_coordinator.regional_coverage IS 'Coverage of each target group per council and region and period: exact councils'' coverage summaries merged with sum(coverage), published councils'' counts added, marked incomplete where a cell was withheld or a council is missing';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.level IS 'council or region';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.unit_id IS 'council code, or region';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.council_code IS 'the council of a council row; null for the region';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.period IS 'period label';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.target_group IS 'target group code';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.label IS 'target group label (this database''s target_group table)';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.families IS 'registered families in the group';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.any_contact IS 'of them, families with any meaningful contact in the period';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.any_contact_pct IS 'any_contact as a percentage of families, one decimal place; null unless complete';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.sustained IS 'of them, families with at least sustained_contacts family contacts';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.sustained_pct IS 'sustained as a percentage of families, one decimal place; null unless complete';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.councils IS 'councils whose figures are in the row';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.withheld IS 'council cells withheld by their disclosure rule in the sums (0 when exact)';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.missing_councils IS 'for the region: attached councils without figures for the period (unreachable or none), comma-separated; null when none';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.complete IS 'true when the counts are the exact totals: no council withheld a cell in them and none is missing';
COMMENT ON COLUMN surestart_coordinator.regional_coverage.summary IS 'the merged coverage summary (text form) of the council or region when every council is exact; null otherwise';

/*
 * The regional data pack: each council's registered, seen and sustained
 * percentages (all LSOAs and the most deprived) beside the region's value
 * and the range and rank of the councils.
 */
CREATE VIEW surestart_coordinator.regional_data_pack AS
WITH v AS (
	SELECT r.level, r.unit_id, r.period, r.kind,
		   CASE WHEN r.scope = 'deprived' THEN 'deprived_' ELSE '' END || m.measure AS measure,
		   m.value, r.complete
	FROM surestart_coordinator.regional_reach AS r
	CROSS JOIN LATERAL (VALUES ('registered_pct'::text, r.registered_pct), ('seen_pct', r.seen_pct),
							   ('sustained_pct', r.sustained_pct)) AS m(measure, value)
	WHERE r.level IN ('council', 'region')
)
SELECT v.level, v.unit_id, v.period, v.kind, v.measure, v.value,
	   max(v.value) FILTER (WHERE v.level = 'region') OVER w_period AS region_value,
	   min(v.value) FILTER (WHERE v.level = 'council') OVER w_period AS council_min,
	   max(v.value) FILTER (WHERE v.level = 'council') OVER w_period AS council_max,
	   CASE WHEN v.level = 'council' AND v.value IS NOT NULL THEN
			(rank() OVER (PARTITION BY v.period, v.measure, v.level, v.value IS NULL ORDER BY v.value DESC))::integer END AS council_rank,
	   v.complete
FROM v
WINDOW w_period AS (PARTITION BY v.period, v.measure);
COMMENT ON VIEW surestart_coordinator.regional_data_pack IS 'Regional data pack: each council''s and the region''s registered, seen and sustained percentages per period, with the region''s value and the councils'' range and rank';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.level IS 'council or region';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.unit_id IS 'council code, or region';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.period IS 'period label';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.measure IS 'registered_pct, seen_pct or sustained_pct, prefixed deprived_ for the most deprived LSOAs (as data_pack)';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.value IS 'the percentage of under-fives, one decimal place; null unless the row is complete';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.region_value IS 'the region''s value of the measure; null unless complete';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.council_min IS 'lowest council value of the measure (values shown)';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.council_max IS 'highest council value of the measure (values shown)';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.council_rank IS 'for a council: its rank among the councils with a value, 1 = highest, ties share the rank';
COMMENT ON COLUMN surestart_coordinator.regional_data_pack.complete IS 'the value is from complete figures (regional_reach.complete)';

/*
 * The coordinator's own disclosure layer, for councils that export exact
 * counts (and harmless for published ones, whose sums are of shown
 * values): the council and region rows of regional_reach, protected by
 * suppress_block() (87_disclosure.sql) under this database's settings,
 * one reference date at a time (the periods ending that day share the
 * registered count and the under-fives), with the relations a reader
 * knows:
 *   - the region is the sum of its councils, for each scope, period and
 *     count;
 *   - registered and under_fives are the same in every period ending on
 *     one day (where they are equal);
 *   - a row's complements are counts of people, hidden cells protected
 *     like the others: seen - sustained and families seen - sustained in
 *     each scope, and, between the two scopes, the registered children
 *     outside the most deprived areas and every group of the seen children
 *     (or families) by deprived or not and sustained or not that the four
 *     counts give back (reach_scope_group, 87_disclosure.sql).
 * under_fives (ONS's estimate) is protected like a count here, as the
 * coordinator's rule always has.  A percentage is shown only beside its
 * published counts (and only for complete rows).  District rows are not
 * published here (a district's figures are its council's to publish).
 */
CREATE VIEW @extschema@.published_regional_reach AS
WITH r AS MATERIALIZED (
	SELECT r.*, concat_ws('|', r.level, r.unit_id) AS unit
	FROM surestart_coordinator.regional_reach AS r
	WHERE r.level IN ('council', 'region')
), shown AS (
	SELECT r.period_end, r.period, r.scope, r.level, r.unit, m.measure, m.value,
		   concat_ws('|', r.period, r.scope, m.measure, r.unit) AS cell
	FROM r
	CROSS JOIN LATERAL (VALUES ('under_fives', r.under_fives), ('registered', r.registered), ('seen', r.seen),
							   ('sustained', r.sustained), ('families_seen', r.families_seen),
							   ('families_sustained', r.families_sustained)) AS m(measure, value)
	WHERE m.value IS NOT NULL
), pair AS (
	-- a unit's two scopes side by side
	SELECT a.period_end, a.period, a.unit,
		   a.registered AS reg_a, d.registered AS reg_d,
		   a.seen AS seen_a, d.seen AS seen_d, a.sustained AS sus_a, d.sustained AS sus_d,
		   a.families_seen AS fseen_a, d.families_seen AS fseen_d, a.families_sustained AS fsus_a, d.families_sustained AS fsus_d
	FROM r AS a
	JOIN r AS d ON d.unit = a.unit AND d.period = a.period AND d.scope = 'deprived'
	WHERE a.scope = 'all'
), hidden AS (
	-- (cell, value) and its relation's terms (cell, coefficient) other than itself
	SELECT r.period_end, concat_ws('|', r.period, r.scope, x.name, r.unit) AS cell, x.value,
		   ARRAY[concat_ws('|', r.period, r.scope, x.plus, r.unit), concat_ws('|', r.period, r.scope, x.minus, r.unit)] AS cells,
		   ARRAY[1, -1] AS coefficients
	FROM r
	CROSS JOIN LATERAL (VALUES ('seen_not_sustained', 'seen', 'sustained', r.seen - r.sustained),
							   ('families_seen_not_sustained', 'families_seen', 'families_sustained',
								r.families_seen - r.families_sustained)) AS x(name, plus, minus, value)
	WHERE x.value IS NOT NULL
	UNION ALL
	SELECT p.period_end, concat_ws('|', p.period, 'both', 'registered_not_deprived', p.unit), p.reg_a - p.reg_d,
		   ARRAY[concat_ws('|', p.period, 'all', 'registered', p.unit), concat_ws('|', p.period, 'deprived', 'registered', p.unit)],
		   ARRAY[1, -1]
	FROM pair AS p
	WHERE p.reg_a - p.reg_d IS NOT NULL
	UNION ALL
	SELECT p.period_end, concat_ws('|', p.period, 'both', f.family || ' ' || g.name, p.unit),
		   g.sd * f.sd + g.gd * f.gd + g.sa * f.sa + g.ga * f.ga,
		   ARRAY[concat_ws('|', p.period, 'deprived', f.sustained, p.unit), concat_ws('|', p.period, 'deprived', f.seen, p.unit),
				 concat_ws('|', p.period, 'all', f.sustained, p.unit), concat_ws('|', p.period, 'all', f.seen, p.unit)],
		   ARRAY[g.sd, g.gd, g.sa, g.ga]
	FROM pair AS p
	CROSS JOIN LATERAL (VALUES ('children', 'seen', 'sustained', p.sus_d, p.seen_d, p.sus_a, p.seen_a),
							   ('families', 'families_seen', 'families_sustained', p.fsus_d, p.fseen_d, p.fsus_a, p.fseen_a))
		AS f(family, seen, sustained, sd, gd, sa, ga)
	CROSS JOIN surestart_internal.reach_scope_group AS g
	WHERE g.sd * f.sd + g.gd * f.gd + g.sa * f.sa + g.ga * f.ga IS NOT NULL
), cell AS (
	SELECT s.period_end, s.cell, s.value, true AS shown FROM shown AS s
	UNION ALL
	SELECT h.period_end, h.cell, h.value, false FROM hidden AS h
), term AS (
	-- the region minus its councils
	SELECT s.period_end, concat_ws('|', 'sum', s.period, s.scope, s.measure) AS relation, s.cell,
		   CASE s.level WHEN 'region' THEN -1 ELSE 1 END AS coefficient
	FROM shown AS s
	WHERE EXISTS (SELECT 1 FROM shown AS t WHERE t.period = s.period AND t.scope = s.scope AND t.measure = s.measure
				  AND t.level = 'region')
	UNION ALL
	-- registered and the under-fives: one count for every period ending that day
	SELECT s.period_end, concat_ws('|', 'same', s.period, s.next_period, s.scope, s.measure, s.unit), x.cell, x.coefficient
	FROM (SELECT s.*, lead(s.period) OVER w AS next_period, lead(s.value) OVER w AS next_value,
				 lead(s.cell) OVER w AS next_cell
		  FROM shown AS s
		  WHERE s.measure IN ('registered', 'under_fives')
		  WINDOW w AS (PARTITION BY s.period_end, s.scope, s.measure, s.unit ORDER BY s.period COLLATE "C")) AS s
	CROSS JOIN LATERAL (VALUES (s.cell, 1), (s.next_cell, -1)) AS x(cell, coefficient)
	WHERE s.next_period IS NOT NULL AND s.value = s.next_value
	UNION ALL
	-- each hidden cell is the combination of counts it is worked out from
	SELECT h.period_end, 'hidden|' || h.cell, x.cell, x.coefficient
	FROM hidden AS h
	CROSS JOIN LATERAL (SELECT u.cell, u.coefficient FROM unnest(h.cells, h.coefficients) AS u(cell, coefficient)
						WHERE u.coefficient <> 0
						UNION ALL SELECT h.cell, -1) AS x
), computed AS MATERIALIZED (
	SELECT s.block AS period_end, s.cell, s.status, s.published
	FROM surestart_internal.suppress_blocks(
		ARRAY(SELECT (c.period_end, c.cell, c.value, c.shown)::surestart_internal.block_cell FROM cell AS c),
		ARRAY(SELECT (t.period_end, t.relation, t.cell, t.coefficient)::surestart_internal.block_term FROM term AS t)) AS s
), status AS (
	SELECT c.period, c.scope, c.unit,
		   max(s.published) FILTER (WHERE c.measure = 'under_fives') AS under_fives,
		   max(s.published) FILTER (WHERE c.measure = 'registered') AS registered,
		   max(s.published) FILTER (WHERE c.measure = 'seen') AS seen,
		   max(s.published) FILTER (WHERE c.measure = 'sustained') AS sustained,
		   max(s.published) FILTER (WHERE c.measure = 'families_seen') AS families_seen,
		   max(s.published) FILTER (WHERE c.measure = 'families_sustained') AS families_sustained,
		   bool_or(s.status IS NOT NULL) AS withheld
	FROM computed AS s
	JOIN shown AS c ON c.period_end = s.period_end AND c.cell = s.cell
	GROUP BY c.period, c.scope, c.unit
)
SELECT r.level, r.unit_id, r.scope, r.period, r.kind, r.period_start, r.period_end,
	   s.under_fives, s.registered,
	   CASE WHEN r.complete THEN @extschema@.percent_of(s.registered, s.under_fives) END AS registered_pct,
	   s.seen,
	   CASE WHEN r.complete THEN @extschema@.percent_of(s.seen, s.under_fives) END AS seen_pct,
	   s.sustained,
	   CASE WHEN r.complete THEN @extschema@.percent_of(s.sustained, s.under_fives) END AS sustained_pct,
	   s.families_seen, s.families_sustained,
	   r.missing_councils, r.complete,
	   coalesce(s.withheld, false) AS suppressed
FROM r
LEFT JOIN status AS s ON s.period = r.period AND s.scope = r.scope AND s.unit = r.unit;
COMMENT ON VIEW @extschema@.published_regional_reach IS 'regional_reach for publication (council and region rows): counts from 1 to suppress_below - 1 withheld, and enough others (secondary suppression across councils and the region, periods ending on one day, each row''s complements and the two scopes) that none can be worked out; or rounded, as disclosure_rule says';
COMMENT ON COLUMN @extschema@.published_regional_reach.level IS 'council or region';
COMMENT ON COLUMN @extschema@.published_regional_reach.unit_id IS 'council code, or region';
COMMENT ON COLUMN @extschema@.published_regional_reach.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs';
COMMENT ON COLUMN @extschema@.published_regional_reach.period IS 'period label';
COMMENT ON COLUMN @extschema@.published_regional_reach.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN @extschema@.published_regional_reach.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.published_regional_reach.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.published_regional_reach.under_fives IS 'persons aged 0-4 (ONS); null when withheld';
COMMENT ON COLUMN @extschema@.published_regional_reach.registered IS 'under-fives registered on the reference date; null when withheld';
COMMENT ON COLUMN @extschema@.published_regional_reach.registered_pct IS 'registered as a percentage of under_fives; null when withheld or incomplete';
COMMENT ON COLUMN @extschema@.published_regional_reach.seen IS 'under-fives seen in the period; null when withheld';
COMMENT ON COLUMN @extschema@.published_regional_reach.seen_pct IS 'seen as a percentage of under_fives; null when withheld or incomplete';
COMMENT ON COLUMN @extschema@.published_regional_reach.sustained IS 'under-fives with sustained contact; null when withheld';
COMMENT ON COLUMN @extschema@.published_regional_reach.sustained_pct IS 'sustained as a percentage of under_fives; null when withheld or incomplete';
COMMENT ON COLUMN @extschema@.published_regional_reach.families_seen IS 'families seen; null when withheld';
COMMENT ON COLUMN @extschema@.published_regional_reach.families_sustained IS 'families with sustained contact; null when withheld';
COMMENT ON COLUMN @extschema@.published_regional_reach.missing_councils IS 'for the region: attached councils not in the row; null when none';
COMMENT ON COLUMN @extschema@.published_regional_reach.complete IS 'true when the row is the exact total (regional_reach.complete)';
COMMENT ON COLUMN @extschema@.published_regional_reach.suppressed IS 'true when a value in the row is withheld by this coordinator''s rule (primary or secondary)';
