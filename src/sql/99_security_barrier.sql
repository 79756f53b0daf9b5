/* src/sql/99_security_barrier.sql: every reporting view is a security barrier */

/*
 * Every view of the reporting schemas (surestart, surestart_geography,
 * surestart_coordinator) is a security barrier, the published
 * and partner-filtered views above all: without it, the planner may run a
 * cheap function of the reader's own WHERE clause on rows before the
 * view's visibility filter (visible_centre, visible_lead_partner) has
 * dropped them, and such a function can raise a notice or write what it
 * sees.  Quals built from leakproof operators (text and date equality,
 * say) are still pushed down, so a filter on period keeps its plan.
 * test/pgtap/leaky.sql checks it with a leaky function.  This part is the
 * last of the install script, after every view, and the upgrade runs it
 * after every view part too.
 */
DO $$
DECLARE
	v record;
BEGIN
	FOR v IN
		SELECT n.nspname, c.relname
		FROM pg_catalog.pg_class AS c
		JOIN pg_catalog.pg_namespace AS n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
		WHERE n.nspname OPERATOR(pg_catalog.=) ANY (ARRAY['@extschema@', 'surestart_geography', 'surestart_coordinator']::pg_catalog.name[])
		  AND c.relkind OPERATOR(pg_catalog.=) 'v'
		ORDER BY n.nspname, c.relname
	LOOP
		EXECUTE pg_catalog.format('ALTER VIEW %I.%I SET (security_barrier = true)', v.nspname, v.relname);
	END LOOP;
END
$$;
