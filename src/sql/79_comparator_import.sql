/* src/sql/79_comparator_import.sql: staging for comparator, and the import of DfE's EYFS Profile headline file */

CREATE TABLE surestart_staging.comparator (
	measure text,
	period text,
	scope text,
	value text,
	source text
);
COMMENT ON TABLE surestart_staging.comparator IS 'staged rows for surestart.comparator, every column as text (see load_staged)';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.comparator', '');

CREATE TABLE surestart_staging.eyfs_headline (
	time_identifier text,
	time_period text,
	geographic_level text,
	country_code text,
	country_name text,
	region_code text,
	region_name text,
	old_la_code text,
	new_la_code text,
	la_name text,
	gender text,
	number_of_children text,
	point_score text,
	average_point_score text,
	elg_number text,
	elg_percent text,
	gld_number text,
	gld_percent text,
	comm_lang_lit_number text,
	comm_lang_lit_percent text
);
COMMENT ON TABLE surestart_staging.eyfs_headline IS
	'DfE EYFS Profile headline measures by National, Regional and Local Authority level (APS_GLD_ELG_EXP_2013_2019.csv, the file''s own columns): see import_eyfs_headline';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.eyfs_headline', '');

/*
 * Turn the staged headline rows into comparator rows for one council and
 * load everything staged.  For each academic year (time_period 201213 ->
 * 2012/13) and measure (gld_pct: gld_number of number_of_children; elg_pct:
 * elg_number of it), from the rows of all children (gender Total):
 *   - national: the National row;
 *   - region: the Regional row of the council's region (the region_code of
 *     its own Local Authority rows);
 *   - statistical_neighbours: the neighbours' Local Authority rows pooled
 *     (children and counts added, never an average of percentages), for the
 *     years in which every neighbour has a row.
 * Percentages are worked out from the counts, one decimal place, as the
 * views work out theirs.  Councils are named by new_la_code (E10000020) or
 * old_la_code (926).  A row the import needs whose counts cannot be read is
 * rejected to load_reject with the reason; rows of other councils and of
 * girls or boys are read and not needed.  An unknown council is an error
 * naming it.
 */
CREATE FUNCTION @extschema@.import_eyfs_headline(la_code text, neighbours text[] DEFAULT NULL)
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	region text;
	missing text;
	src CONSTANT text := 'DfE, Early years foundation stage profile results (APS_GLD_ELG_EXP_2013_2019), OGL v3';
BEGIN
	IF la_code IS NULL OR pg_catalog.btrim(la_code) = '' THEN
		RAISE EXCEPTION 'no council given to import_eyfs_headline'
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'Give the council''s new_la_code (E10000020) or old_la_code (926).';
	END IF;
	LOCK TABLE surestart_staging.eyfs_headline IN EXCLUSIVE MODE;
	CREATE TEMP TABLE surestart_import_rows AS
	WITH moved AS (DELETE FROM surestart_staging.eyfs_headline RETURNING *)
	SELECT pg_catalog.row_number() OVER () AS n, pg_catalog.to_jsonb(moved) AS r,
		   pg_catalog.lower(pg_catalog.btrim(moved.geographic_level, E' \t\r\n')) AS level,
		   pg_catalog.btrim(moved.time_period, E' \t\r\n') AS time_period,
		   nullif(pg_catalog.btrim(moved.region_code, E' \t\r\n'), '') AS region_code,
		   nullif(pg_catalog.btrim(moved.old_la_code, E' \t\r\n'), '') AS old_la,
		   nullif(pg_catalog.btrim(moved.new_la_code, E' \t\r\n'), '') AS new_la,
		   pg_catalog.lower(pg_catalog.btrim(moved.gender, E' \t\r\n')) AS gender,
		   pg_catalog.btrim(moved.number_of_children, E' \t\r\n') AS children,
		   pg_catalog.btrim(moved.gld_number, E' \t\r\n') AS gld,
		   pg_catalog.btrim(moved.elg_number, E' \t\r\n') AS elg
	FROM moved;

	SELECT max(i.region_code) INTO region
	FROM pg_temp.surestart_import_rows AS i
	WHERE i.level = 'local authority' AND pg_catalog.btrim(la_code) IN (i.new_la, i.old_la);
	IF region IS NULL THEN
		RAISE EXCEPTION 'council "%" has no Local Authority row in the staged EYFS headline file', la_code
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give the new_la_code (E10000020) or old_la_code (926) of a council in the file, and stage the whole file.';
	END IF;
	SELECT pg_catalog.string_agg(pg_catalog.format('"%s"', x.code), ', ') INTO missing
	FROM pg_catalog.unnest(neighbours) AS x(code)
	WHERE NOT EXISTS (SELECT 1 FROM pg_temp.surestart_import_rows AS i
					  WHERE i.level = 'local authority' AND pg_catalog.btrim(x.code) IN (i.new_la, i.old_la));
	IF missing IS NOT NULL THEN
		RAISE EXCEPTION 'statistical neighbour % has no Local Authority row in the staged EYFS headline file', missing
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Give neighbours by new_la_code or old_la_code, as in the file.';
	END IF;

	-- the rows needed, and why one cannot be used
	CREATE TEMP TABLE surestart_import_used AS
	SELECT i.*,
		   CASE WHEN i.level = 'national' THEN 'national'
				WHEN i.level = 'regional' THEN 'region'
				ELSE 'statistical_neighbours' END AS scope,
		   nullif(pg_catalog.concat_ws('; ',
			   CASE WHEN CASE WHEN i.time_period ~ '^[0-9]{6}$'
							  THEN (substr(i.time_period, 1, 4)::integer + 1) % 100 <> substr(i.time_period, 5, 2)::integer
							  ELSE true END
					THEN pg_catalog.format('time_period %L is not an academic year like 201213', i.time_period) END,
			   CASE WHEN CASE WHEN i.children ~ '^[0-9]{1,9}$' THEN i.children::integer = 0 ELSE true END
					THEN pg_catalog.format('number_of_children %L is not a count of children', i.children) END,
			   CASE WHEN i.gld IS NULL OR i.gld !~ '^[0-9]{1,9}$'
					THEN pg_catalog.format('gld_number %L is not a count of children', i.gld) END,
			   CASE WHEN i.elg IS NULL OR i.elg !~ '^[0-9]{1,9}$'
					THEN pg_catalog.format('elg_number %L is not a count of children', i.elg) END), '') AS reason
	FROM pg_temp.surestart_import_rows AS i
	WHERE i.gender = 'total'
	  AND (i.level = 'national'
		   OR (i.level = 'regional' AND i.region_code = region)
		   OR (i.level = 'local authority'
			   AND EXISTS (SELECT 1 FROM pg_catalog.unnest(neighbours) AS x(code)
						   WHERE pg_catalog.btrim(x.code) IN (i.new_la, i.old_la))));

	INSERT INTO surestart_staging.comparator (measure, period, scope, value, source)
	SELECT m.measure, y.period, g.scope, @extschema@.percent_of(m.part, g.children)::text,
		   src || CASE g.scope WHEN 'national' THEN ': England'
							   WHEN 'region' THEN ': region ' || region
							   ELSE ': ' || (SELECT pg_catalog.string_agg(pg_catalog.btrim(x.code), ', ')
											 FROM pg_catalog.unnest(neighbours) AS x(code)) || ' pooled' END
	FROM (SELECT u.scope, u.time_period, sum(u.children::bigint) AS children,
				 sum(u.gld::bigint) AS gld, sum(u.elg::bigint) AS elg, count(*) AS areas
		  FROM pg_temp.surestart_import_used AS u
		  WHERE u.reason IS NULL
		  GROUP BY u.scope, u.time_period) AS g
	CROSS JOIN LATERAL (SELECT substr(g.time_period, 1, 4) || '/' || substr(g.time_period, 5, 2) AS period) AS y
	CROSS JOIN LATERAL (VALUES ('gld_pct', g.gld), ('elg_pct', g.elg)) AS m(measure, part)
	WHERE g.scope <> 'statistical_neighbours' OR g.areas = pg_catalog.cardinality(neighbours)
	ORDER BY 1, 2, 3;

	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'eyfs_headline', u.r, u.reason FROM pg_temp.surestart_import_used AS u
	WHERE u.reason IS NOT NULL ORDER BY u.n;
	RETURN QUERY
	SELECT 'eyfs_headline'::text, pg_catalog.count(*) FILTER (WHERE u.reason IS NULL), pg_catalog.count(*) FILTER (WHERE u.reason IS NOT NULL)
	FROM pg_temp.surestart_import_used AS u;
	DROP TABLE pg_temp.surestart_import_rows, pg_temp.surestart_import_used;

	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_eyfs_headline(text, text[]) IS
	'turns the staged DfE EYFS Profile headline file into comparator rows (gld_pct, elg_pct per academic year: national, the council''s region, its statistical neighbours pooled) for the council la_code, and loads everything staged';
REVOKE EXECUTE ON FUNCTION @extschema@.import_eyfs_headline(text, text[]) FROM PUBLIC;
