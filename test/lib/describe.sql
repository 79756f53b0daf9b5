-- test/lib/describe.sql: one line per fact about the surestart
-- extension's objects, sorted, so that two databases can be compared with
-- diff.  Used by test/checks/upgrade-check to prove that a database updated from
-- the previous release matches a fresh install: same members, definitions,
-- columns, constraints, indexes, triggers, policies, comments, privileges,
-- aggregate and operator wiring, and configuration-table filters.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only on

CREATE TEMP VIEW member AS
SELECT d.classid, d.objid, d.objsubid
FROM pg_catalog.pg_depend AS d
WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'surestart')
  AND d.deptype = 'e';

WITH fact(line) AS (
	-- the extension itself
	SELECT 'extension version ' || extversion FROM pg_catalog.pg_extension WHERE extname = 'surestart'
	UNION ALL
	SELECT 'config table ' || c::regclass::text || ' filter ' || coalesce(nullif(f, ''), '(all rows)')
	FROM pg_catalog.pg_extension AS e,
		LATERAL unnest(e.extconfig, e.extcondition) AS x(c, f)
	WHERE e.extname = 'surestart'
	-- every member object, and its comment
	UNION ALL
	SELECT 'member ' || pg_catalog.pg_describe_object(classid, objid, objsubid)
		|| coalesce(' comment ' || pg_catalog.obj_description(objid, (SELECT relname FROM pg_catalog.pg_class WHERE oid = classid)), '')
	FROM member
	-- functions: whole definitions (aggregates below)
	UNION ALL
	SELECT 'function ' || p.oid::regprocedure::text || E'\n' || pg_catalog.pg_get_functiondef(p.oid)
		|| E'\nacl ' || coalesce(p.proacl::text, '(default)')
	FROM member AS m JOIN pg_catalog.pg_proc AS p ON m.classid = 'pg_catalog.pg_proc'::regclass AND p.oid = m.objid
	WHERE p.prokind <> 'a'
	UNION ALL
	SELECT 'aggregate ' || p.oid::regprocedure::text
		|| ' returns ' || p.prorettype::regtype::text
		|| ' trans ' || a.aggtransfn::text || ' final ' || a.aggfinalfn::text
		|| ' combine ' || a.aggcombinefn::text || ' serial ' || a.aggserialfn::text
		|| ' deserial ' || a.aggdeserialfn::text || ' stype ' || a.aggtranstype::regtype::text
		|| ' sspace ' || a.aggtransspace || ' init ' || coalesce(a.agginitval, '(null)')
		|| ' finalmodify ' || a.aggfinalmodify::text || ' sortop ' || a.aggsortop::regoperator::text
		|| ' parallel ' || p.proparallel::text || ' acl ' || coalesce(p.proacl::text, '(default)')
	FROM member AS m
	JOIN pg_catalog.pg_proc AS p ON m.classid = 'pg_catalog.pg_proc'::regclass AND p.oid = m.objid
	JOIN pg_catalog.pg_aggregate AS a ON a.aggfnoid = p.oid
	-- relations: kind, options, privileges, row-level security, view bodies
	UNION ALL
	SELECT 'relation ' || c.oid::regclass::text || ' kind ' || c.relkind::text
		|| ' options ' || coalesce(c.reloptions::text, '{}')
		|| ' acl ' || coalesce(c.relacl::text, '(default)')
		|| ' rls ' || c.relrowsecurity || ' force ' || c.relforcerowsecurity
		|| CASE WHEN c.relkind = 'v' THEN E'\n' || pg_catalog.pg_get_viewdef(c.oid) ELSE '' END
	FROM member AS m JOIN pg_catalog.pg_class AS c ON m.classid = 'pg_catalog.pg_class'::regclass AND c.oid = m.objid
	-- columns, in order, with types, defaults, nullability and comments
	UNION ALL
	SELECT 'column ' || c.oid::regclass::text || ' #' || a.attnum || ' ' || a.attname
		|| ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
		|| CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
		|| coalesce(' default ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), '')
		|| CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
		|| coalesce(' acl ' || a.attacl::text, '')
		|| coalesce(' comment ' || pg_catalog.col_description(c.oid, a.attnum), '')
	FROM member AS m
	JOIN pg_catalog.pg_class AS c ON m.classid = 'pg_catalog.pg_class'::regclass AND c.oid = m.objid
	JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_catalog.pg_attrdef AS ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
	-- constraints of tables and domains
	UNION ALL
	SELECT 'constraint ' || coalesce(co.conrelid::regclass::text, co.contypid::regtype::text)
		|| ' ' || co.conname || ' ' || pg_catalog.pg_get_constraintdef(co.oid)
		|| coalesce(' comment ' || pg_catalog.obj_description(co.oid, 'pg_constraint'), '')
	FROM pg_catalog.pg_constraint AS co
	WHERE co.conrelid IN (SELECT objid FROM member WHERE classid = 'pg_catalog.pg_class'::regclass)
	   OR co.contypid IN (SELECT objid FROM member WHERE classid = 'pg_catalog.pg_type'::regclass)
	-- indexes, triggers and policies of member tables
	UNION ALL
	SELECT 'index ' || pg_catalog.pg_get_indexdef(i.indexrelid)
	FROM pg_catalog.pg_index AS i
	WHERE i.indrelid IN (SELECT objid FROM member WHERE classid = 'pg_catalog.pg_class'::regclass)
	UNION ALL
	SELECT 'trigger ' || pg_catalog.pg_get_triggerdef(t.oid)
	FROM pg_catalog.pg_trigger AS t
	WHERE NOT t.tgisinternal
	  AND t.tgrelid IN (SELECT objid FROM member WHERE classid = 'pg_catalog.pg_class'::regclass)
	UNION ALL
	SELECT 'policy ' || p.schemaname || '.' || p.tablename || ' ' || p.policyname
		|| ' ' || p.permissive || ' ' || p.cmd || ' to ' || p.roles::text
		|| ' using ' || coalesce(p.qual, '(none)') || ' check ' || coalesce(p.with_check, '(none)')
	FROM pg_catalog.pg_policies AS p
	WHERE (p.schemaname || '.' || p.tablename)::regclass IN
		(SELECT objid FROM member WHERE classid = 'pg_catalog.pg_class'::regclass)
	-- types: input/output wiring and attributes of composite types
	UNION ALL
	SELECT 'type ' || t.oid::regtype::text || ' kind ' || t.typtype::text
		|| ' in ' || t.typinput::text || ' out ' || t.typoutput::text
		|| ' recv ' || t.typreceive::text || ' send ' || t.typsend::text
		|| ' len ' || t.typlen || ' align ' || t.typalign::text || ' storage ' || t.typstorage::text
		|| ' acl ' || coalesce(t.typacl::text, '(default)')
	FROM member AS m JOIN pg_catalog.pg_type AS t ON m.classid = 'pg_catalog.pg_type'::regclass AND t.oid = m.objid
	-- operators, casts and operator classes
	UNION ALL
	SELECT 'operator ' || o.oid::regoperator::text || ' code ' || o.oprcode::text
		|| ' result ' || o.oprresult::regtype::text
		|| ' commutator ' || o.oprcom::regoperator::text || ' negator ' || o.oprnegate::regoperator::text
		|| ' restrict ' || o.oprrest::text || ' join ' || o.oprjoin::text
		|| ' merges ' || o.oprcanmerge || ' hashes ' || o.oprcanhash
	FROM member AS m JOIN pg_catalog.pg_operator AS o ON m.classid = 'pg_catalog.pg_operator'::regclass AND o.oid = m.objid
	UNION ALL
	SELECT 'cast ' || c.castsource::regtype::text || ' -> ' || c.casttarget::regtype::text
		|| ' func ' || c.castfunc::regprocedure::text || ' context ' || c.castcontext::text || ' method ' || c.castmethod::text
	FROM member AS m JOIN pg_catalog.pg_cast AS c ON m.classid = 'pg_catalog.pg_cast'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT 'opfamily member ' || pg_catalog.pg_describe_object('pg_catalog.pg_amop'::regclass, ao.oid, 0)
	FROM pg_catalog.pg_amop AS ao
	WHERE ao.amopfamily IN (SELECT objid FROM member WHERE classid = 'pg_catalog.pg_opfamily'::regclass)
	UNION ALL
	SELECT 'opfamily member ' || pg_catalog.pg_describe_object('pg_catalog.pg_amproc'::regclass, ap.oid, 0)
	FROM pg_catalog.pg_amproc AS ap
	WHERE ap.amprocfamily IN (SELECT objid FROM member WHERE classid = 'pg_catalog.pg_opfamily'::regclass)
	-- schemas the extension owns, and the privileges the scripts granted
	UNION ALL
	SELECT 'schema ' || n.nspname || ' acl ' || coalesce(n.nspacl::text, '(default)')
	FROM pg_catalog.pg_namespace AS n
	WHERE n.nspname LIKE 'surestart%'
	UNION ALL
	SELECT 'initial privileges ' || pg_catalog.pg_describe_object(ip.classoid, ip.objoid, ip.objsubid)
		|| ' ' || ip.privtype::text || ' ' || ip.initprivs::text
	FROM pg_catalog.pg_init_privs AS ip
	JOIN member AS m ON m.classid = ip.classoid AND m.objid = ip.objoid
)
SELECT line FROM fact ORDER BY line;
