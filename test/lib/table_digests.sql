-- test/lib/table_digests.sql: one line per table of the surestart extension
-- (every schema it owns): name, row count and a digest of the sorted rows.
-- test/checks/dump-restore-check and test/checks/upgrade-check compare these lines
-- between two databases.
CREATE FUNCTION pg_temp.digest(tbl regclass) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE format('SELECT count(*) || '' '' || md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) FROM %s AS t', tbl)
		INTO result;
	RETURN result;
END
$$;
SELECT c.oid::regclass::text || ' ' || pg_temp.digest(c.oid)
FROM pg_depend AS d
JOIN pg_class AS c ON c.oid = d.objid AND d.classid = 'pg_class'::regclass
WHERE d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'surestart')
  AND c.relkind = 'r'
ORDER BY 1;
