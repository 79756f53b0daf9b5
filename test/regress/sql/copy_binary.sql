-- Binary COPY round trip of every data table and of ofsted_grade, and
-- refusal of malformed binary ofsted_grade values.
-- Everything below is rolled back, so later tests start from an empty model.
\set ON_ERROR_ROLLBACK on
BEGIN;
SET search_path = surestart, public;
-- ofsted_grade through binary COPY
CREATE TEMP TABLE g_in (g ofsted_grade);
INSERT INTO g_in VALUES ('Outstanding'), ('Good'), ('RI'), ('Inadequate'), (NULL);
\copy g_in TO 'build/regress/results/grades.bin' WITH (FORMAT binary)
CREATE TEMP TABLE g_out (g ofsted_grade);
\copy g_out FROM 'build/regress/results/grades.bin' WITH (FORMAT binary)
SELECT g FROM g_out ORDER BY g NULLS LAST;
-- hand-made files: signature, flags, header extension, one 1-field tuple, trailer
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\002\001\004\377\377' > build/regress/results/grade_ok.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\002\002\004\377\377' > build/regress/results/grade_version.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\002\001\011\377\377' > build/regress/results/grade_value.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\001\001\377\377' > build/regress/results/grade_short.bin
\! printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\003\001\002\003\377\377' > build/regress/results/grade_long.bin
TRUNCATE g_out;
\copy g_out FROM 'build/regress/results/grade_ok.bin' WITH (FORMAT binary)
SELECT g FROM g_out;
\copy g_out FROM 'build/regress/results/grade_version.bin' WITH (FORMAT binary)
\copy g_out FROM 'build/regress/results/grade_value.bin' WITH (FORMAT binary)
\copy g_out FROM 'build/regress/results/grade_short.bin' WITH (FORMAT binary)
\copy g_out FROM 'build/regress/results/grade_long.bin' WITH (FORMAT binary)
-- every data table: binary out, binary in, and nothing changed
\set ECHO none
\i test/fixtures/synthetic.sql
\set ECHO all
-- and the snapshot tables, coverage values included
SELECT period, centres, coverage_centres FROM take_snapshot('2014-03-31');
CREATE FUNCTION pg_temp.binary_round_trip(tbl regclass) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	f text := '/tmp/surestart_copy_binary_' || pg_backend_pid() || '.bin';
	n bigint;
	differ bigint;
BEGIN
	EXECUTE format('COPY %s TO %L WITH (FORMAT binary)', tbl, f);
	EXECUTE format('CREATE TEMP TABLE round_trip (LIKE %s)', tbl);
	EXECUTE format('COPY round_trip FROM %L WITH (FORMAT binary)', f);
	EXECUTE format('SELECT count(*) FROM %s', tbl) INTO n;
	-- rows compare by their text form: coverage (in coverage_snapshot) has = but no opclass
	EXECUTE format('SELECT count(*) FROM ((SELECT t::text FROM %s AS t EXCEPT ALL SELECT r::text FROM round_trip AS r) UNION ALL (SELECT r::text FROM round_trip AS r EXCEPT ALL SELECT t::text FROM %s AS t)) AS d', tbl, tbl) INTO differ;
	DROP TABLE round_trip;
	RETURN format('%s rows, %s differ', n, differ);
END
$$;
SELECT c.relname, pg_temp.binary_round_trip(c.oid) AS result
FROM pg_class AS c
WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'r'
ORDER BY c.relname;
ROLLBACK;
