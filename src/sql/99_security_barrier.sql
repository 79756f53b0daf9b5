/* src/sql/99_security_barrier.sql: every reporting view is a security barrier */

/*
 * Every view of the reporting schema is a security barrier, the published
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
		SELECT c.relname
		FROM pg_catalog.pg_class AS c
		WHERE c.relnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace
		  AND c.relkind OPERATOR(pg_catalog.=) 'v'
		ORDER BY c.relname
	LOOP
		EXECUTE pg_catalog.format('ALTER VIEW @extschema@.%I SET (security_barrier = true)', v.relname);
	END LOOP;
END
$$;
