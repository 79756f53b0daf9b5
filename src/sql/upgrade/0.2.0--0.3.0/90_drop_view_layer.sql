
/* ---------------------------------------------------------------- the view layer */

-- The reporting views change shape in 0.3.0 (new columns in the middle,
-- new building blocks, some moved out of the reporting schema), which
-- CREATE OR REPLACE VIEW cannot do; they hold no data, so every view of the
-- extension is dropped here and made again by the replayed parts that
-- follow.  The partner_* and visible_* views of 45_access.sql stay: the
-- row-level security policies read them.  The views are dropped in one
-- statement without CASCADE, so a council's own view built on one of them
-- stops the update with an error naming it instead of being dropped
-- silently: drop it, update, and create it again.  Privileges granted on
-- the views go with them: run surestart.create_roles() after the update,
-- as the README says.
DO $$
DECLARE
	views text;
BEGIN
	SELECT pg_catalog.string_agg(pg_catalog.format('%I.%I', n.nspname, c.relname), ', ' ORDER BY c.oid)
	INTO views
	FROM pg_catalog.pg_depend AS d
	JOIN pg_catalog.pg_class AS c ON c.oid OPERATOR(pg_catalog.=) d.objid
	JOIN pg_catalog.pg_namespace AS n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
	WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
	  AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
	  AND d.refobjid OPERATOR(pg_catalog.=) (SELECT e.oid FROM pg_catalog.pg_extension AS e
											  WHERE e.extname OPERATOR(pg_catalog.=) 'surestart')
	  AND d.deptype OPERATOR(pg_catalog.=) 'e'
	  AND c.relkind OPERATOR(pg_catalog.=) 'v'
	  AND c.relname OPERATOR(pg_catalog.!~) '^(partner|visible)_';
	IF views IS NOT NULL THEN
		EXECUTE 'DROP VIEW ' OPERATOR(pg_catalog.||) views;
	END IF;
END
$$;
