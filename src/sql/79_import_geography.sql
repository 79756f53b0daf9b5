/* src/sql/79_import_geography.sql: geography staging and import helpers (issue 19) */

/*
 * The geography tables (59_geography.sql) load like every data table: a
 * staging table of the same name and columns, checked and upserted by
 * load_staged().  The ONS files have their own all-text staging tables
 * whose columns follow the published file, so `\copy ... CSV HEADER` reads
 * them as they come; as in 77_import.sql, each helper checks what the
 * standard staging row cannot say (a rank beyond the edition's LSOAs, a
 * U pair whose codes differ, a row given twice), rejects such rows into
 * load_reject with every reason, turns the others into rows of the
 * standard staging tables (and the 2021 LSOAs lsoa does not hold yet into
 * staged lsoa rows), then calls load_staged(), which checks and loads them
 * like any staged row.  It returns a row for the file (loaded = rows
 * passed on) followed by load_staged()'s rows.  doc/geography.md shows
 * the \copy lines for the ONS files.
 *
 * SECURITY DEFINER (reviewed), as the import helpers of 77_import.sql:
 * loaders may write the staging tables but not the data tables.  Each
 * helper takes no argument but a year, reads and empties one fixed staging
 * table, writes fixed tables with schema-qualified names, runs no dynamic
 * SQL, and pins search_path; EXECUTE is revoked from PUBLIC.
 */

CREATE TABLE surestart_staging.lsoa_deprivation (
	lsoa_code text,
	edition text,
	measure text,
	rank text,
	decile text,
	source text
);
COMMENT ON TABLE surestart_staging.lsoa_deprivation IS 'staged rows for surestart.lsoa_deprivation, every column as text (see load_staged); leave source empty (import), e.g. for IDACI 2025 from IoD2025 File 3';
CREATE TABLE surestart_staging.lsoa11_lsoa21 (
	lsoa11_code text,
	lsoa21_code text,
	change_code text,
	lsoa11_name text,
	lsoa21_name text,
	district_code text,
	district_name text
);
COMMENT ON TABLE surestart_staging.lsoa11_lsoa21 IS 'staged rows for surestart.lsoa11_lsoa21, every column as text (see load_staged; the ONS file itself: ons_lsoa11_lsoa21)';
CREATE TABLE surestart_staging.lsoa_ward (
	lsoa_code text,
	ward_code text,
	ward_name text,
	ward_year text
);
COMMENT ON TABLE surestart_staging.lsoa_ward IS 'staged rows for surestart.lsoa_ward, every column as text (see load_staged; the ONS file itself: ons_lsoa21_ward)';
CREATE TABLE surestart_staging.centre_site (
	centre_id text,
	lsoa_code text,
	postcode text
);
COMMENT ON TABLE surestart_staging.centre_site IS 'staged rows for surestart.centre_site, every column as text (see load_staged)';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lsoa_deprivation', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lsoa11_lsoa21', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lsoa_ward', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.centre_site', '');

/*
 * The checks every helper makes, in one place: the reasons a code, a rank
 * out of the edition's LSOAs, or a decile is wrong (null when it is right).
 */
CREATE FUNCTION surestart_internal.geography_reason(kind text, field text, v text, edition text DEFAULT NULL)
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE
		WHEN $3 IS NULL THEN format('%s is missing (a value is required)', $2)
		WHEN $1 = 'lsoa' AND $3 !~ '^[EW]01[0-9]{6}$' THEN format('%s %L is not an LSOA code (E01 or W01 and six digits)', $2, $3)
		WHEN $1 = 'ward' AND $3 !~ '^[EW]05[0-9]{6}$' THEN format('%s %L is not a ward code (E05 or W05 and six digits)', $2, $3)
		WHEN $1 = 'district' AND $3 !~ '^[EW]0[6-9][0-9]{6}$' THEN format('%s %L is not a district code (E06 to E09 or W06 and six digits)', $2, $3)
		WHEN $1 = 'rank' AND CASE WHEN $3 ~ '^[0-9]{1,6}$'
								  THEN $3::integer NOT BETWEEN 1 AND CASE $4 WHEN 'iod2025' THEN 33755 ELSE 32844 END
								  ELSE true END
			THEN format('%s %L is not a rank from 1 to %s%s', $2, $3,
						CASE $4 WHEN 'iod2025' THEN 33755 ELSE 32844 END,
						CASE WHEN $4 IN ('iod2019', 'iod2025') THEN ' (the LSOAs ranked by ' || $4 || ')' ELSE '' END)
		WHEN $1 = 'decile' AND $3 !~ '^([1-9]|10)$' THEN format('%s %L is not a decile from 1 to 10', $2, $3)
	END
$$;
COMMENT ON FUNCTION surestart_internal.geography_reason(text, text, text, text) IS
	'why a staged value is wrong (kind lsoa, ward, district, rank of an edition, decile), or null when it is right';

/* Trimmed as load_staged trims (spaces, tabs and line ends); empty is null. */
CREATE FUNCTION surestart_internal.staged_text(v text) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT nullif(btrim($1, E' \t\r\n'), '') $$;
COMMENT ON FUNCTION surestart_internal.staged_text(text) IS 'a staged value trimmed of spaces, tabs and line ends; empty is null';

/*
 * Stage the 2021 LSOAs of a load that lsoa does not hold yet (vintage
 * 2021, with the name and district the file gives), so that load_staged
 * adds them before the rows that refer to them.  An LSOA lsoa holds keeps
 * its row as it is (an unchanged LSOA keeps its 2011 row: the code is the
 * same), so staging never overwrites a name or a rank.
 */
CREATE FUNCTION surestart_internal.stage_new_lsoa21(codes text[], names text[], districts text[], district_names text[])
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	INSERT INTO surestart_staging.lsoa (lsoa_code, name, district_code, district_name, vintage)
	SELECT DISTINCT ON (u.code) u.code, u.name, u.district, u.district_name, '2021'
	FROM unnest($1, $2, $3, $4) AS u(code, name, district, district_name)
	WHERE NOT EXISTS (SELECT 1 FROM @extschema@.lsoa AS l WHERE l.lsoa_code = u.code)
	  AND NOT EXISTS (SELECT 1 FROM surestart_staging.lsoa AS s WHERE s.lsoa_code = u.code)
	ORDER BY u.code
$$;
COMMENT ON FUNCTION surestart_internal.stage_new_lsoa21(text[], text[], text[], text[]) IS
	'stages lsoa rows (vintage 2021) for the LSOAs of a load that lsoa and its staging table do not hold yet';

/* ---------------------------------------------------------------- IoD2025 */

CREATE TABLE surestart_staging.iod2025_lsoa (
	lsoa21_code text,
	imd_decile text,
	income_decile text,
	employment_decile text,
	education_decile text,
	health_decile text,
	crime_decile text,
	housing_and_services_decile text,
	environment_decile text,
	imd_rank text,
	income_rank text,
	employment_rank text,
	education_rank text,
	health_rank text,
	crime_rank text,
	housing_and_services_rank text,
	environment_rank text,
	imd_score text,
	income_score text,
	employment_score text,
	education_score text,
	health_score text,
	crime_score text,
	housing_and_services_score text,
	environment_score text
);
COMMENT ON TABLE surestart_staging.iod2025_lsoa IS
	'English Indices of Deprivation 2025 on 2021 LSOAs: IMD and its seven domains, deciles then ranks then scores (File 7 as cut in data/ons/norfolk_iod2025_imd_domains_lsoa21.csv); see import_iod2025';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.iod2025_lsoa', '');

/*
 * Turn each staged IoD2025 row into the IMD and income-domain rows of
 * lsoa_deprivation (edition iod2025; the other domains and the scores are
 * not kept), stage the LSOAs lsoa lacks, and load everything staged.  A row
 * is passed on whole or not at all.  The file has no IDACI: stage IDACI
 * 2025 in surestart_staging.lsoa_deprivation and call load_staged().
 */
CREATE FUNCTION @extschema@.import_iod2025()
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.iod2025_lsoa IN EXCLUSIVE MODE;
	CREATE TEMP TABLE surestart_import_rows AS
	WITH moved AS (DELETE FROM surestart_staging.iod2025_lsoa RETURNING *),
	trimmed AS (
		SELECT pg_catalog.row_number() OVER () AS n, pg_catalog.to_jsonb(m) AS r,
			   surestart_internal.staged_text(m.lsoa21_code) AS lsoa_code,
			   surestart_internal.staged_text(m.imd_rank) AS imd_rank,
			   surestart_internal.staged_text(m.imd_decile) AS imd_decile,
			   surestart_internal.staged_text(m.income_rank) AS income_rank,
			   surestart_internal.staged_text(m.income_decile) AS income_decile
		FROM moved AS m
	)
	SELECT t.*,
		   nullif(pg_catalog.concat_ws('; ',
			   surestart_internal.geography_reason('lsoa', 'lsoa21_code', t.lsoa_code),
			   surestart_internal.geography_reason('rank', 'IMD_rank', t.imd_rank, 'iod2025'),
			   surestart_internal.geography_reason('decile', 'IMD_decile', t.imd_decile),
			   surestart_internal.geography_reason('rank', 'Income_rank', t.income_rank, 'iod2025'),
			   surestart_internal.geography_reason('decile', 'Income_decile', t.income_decile),
			   CASE WHEN pg_catalog.count(*) OVER (PARTITION BY t.lsoa_code ORDER BY t.n) > 1
					THEN pg_catalog.format('lsoa21_code %s is given more than once in this load', t.lsoa_code) END
		   ), '') AS reason
	FROM trimmed AS t;

	PERFORM surestart_internal.stage_new_lsoa21(pg_catalog.array_agg(i.lsoa_code), NULL, NULL, NULL)
	FROM pg_temp.surestart_import_rows AS i WHERE i.reason IS NULL;
	INSERT INTO surestart_staging.lsoa_deprivation (lsoa_code, edition, measure, rank, decile)
	SELECT i.lsoa_code, 'iod2025', m.measure, m.rank, m.decile
	FROM pg_temp.surestart_import_rows AS i
	CROSS JOIN LATERAL (VALUES (1, 'imd', i.imd_rank, i.imd_decile),
							   (2, 'income', i.income_rank, i.income_decile)) AS m(k, measure, rank, decile)
	WHERE i.reason IS NULL
	ORDER BY i.n, m.k;
	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'iod2025_lsoa', i.r, i.reason FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NOT NULL ORDER BY i.n;
	RETURN QUERY
	SELECT 'iod2025_lsoa'::text, pg_catalog.count(*) FILTER (WHERE i.reason IS NULL),
		   pg_catalog.count(*) FILTER (WHERE i.reason IS NOT NULL)
	FROM pg_temp.surestart_import_rows AS i;
	DROP TABLE pg_temp.surestart_import_rows;
	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_iod2025() IS
	'turns staged IoD2025 LSOA rows into IMD and income-domain rows of lsoa_deprivation (edition iod2025), stages the 2021 LSOAs lsoa lacks, and loads everything staged';
REVOKE EXECUTE ON FUNCTION @extschema@.import_iod2025() FROM PUBLIC;

/* ---------------------------------------------------------------- LSOA 2011 to 2021 lookup */

CREATE TABLE surestart_staging.ons_lsoa11_lsoa21 (
	lsoa11_name text,
	lsoa11_code text,
	change_code text,
	lsoa21_name text,
	lsoa21_code text,
	ltla22_name text,
	ltla22_code text
);
COMMENT ON TABLE surestart_staging.ons_lsoa11_lsoa21 IS
	'ONS LSOA (2011) to LSOA (2021) to LAD (2022) lookup as CSV: lsoa11_name, lsoa11_code, change_code (U, S, M, X), lsoa21_name, lsoa21_code, ltla22_name, ltla22_code; see import_lsoa_lookup';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.ons_lsoa11_lsoa21', '');

/*
 * Turn the staged ONS lookup into lsoa11_lsoa21 rows (the change code read
 * in any case; an unchanged pair must keep its code), stage its 2021 LSOAs
 * that lsoa lacks, and load everything staged.
 */
CREATE FUNCTION @extschema@.import_lsoa_lookup()
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.ons_lsoa11_lsoa21 IN EXCLUSIVE MODE;
	CREATE TEMP TABLE surestart_import_rows AS
	WITH moved AS (DELETE FROM surestart_staging.ons_lsoa11_lsoa21 RETURNING *),
	trimmed AS (
		SELECT pg_catalog.row_number() OVER () AS n, pg_catalog.to_jsonb(m) AS r,
			   surestart_internal.staged_text(m.lsoa11_code) AS lsoa11_code,
			   surestart_internal.staged_text(m.lsoa11_name) AS lsoa11_name,
			   pg_catalog.upper(surestart_internal.staged_text(m.change_code)) AS change_code,
			   surestart_internal.staged_text(m.lsoa21_code) AS lsoa21_code,
			   surestart_internal.staged_text(m.lsoa21_name) AS lsoa21_name,
			   surestart_internal.staged_text(m.ltla22_code) AS district_code,
			   surestart_internal.staged_text(m.ltla22_name) AS district_name
		FROM moved AS m
	)
	SELECT t.*,
		   nullif(pg_catalog.concat_ws('; ',
			   surestart_internal.geography_reason('lsoa', 'lsoa11_code', t.lsoa11_code),
			   surestart_internal.geography_reason('lsoa', 'lsoa21_code', t.lsoa21_code),
			   CASE WHEN t.change_code IS NULL THEN 'change_code is missing (U, S, M or X)'
					WHEN t.change_code NOT IN ('U', 'S', 'M', 'X')
					THEN pg_catalog.format('change_code %L is not U (unchanged), S (split), M (merged) or X (irregular)', t.change_code)
					WHEN t.change_code = 'U' AND t.lsoa11_code <> t.lsoa21_code
					THEN pg_catalog.format('change_code U (unchanged) but the codes differ (%s, %s)', t.lsoa11_code, t.lsoa21_code) END,
			   CASE WHEN t.district_code IS NOT NULL THEN surestart_internal.geography_reason('district', 'ltla22_code', t.district_code) END,
			   CASE WHEN pg_catalog.count(*) OVER (PARTITION BY t.lsoa11_code, t.lsoa21_code ORDER BY t.n) > 1
					THEN pg_catalog.format('the pair %s, %s is given more than once in this load', t.lsoa11_code, t.lsoa21_code) END
		   ), '') AS reason
	FROM trimmed AS t;

	PERFORM surestart_internal.stage_new_lsoa21(pg_catalog.array_agg(i.lsoa21_code ORDER BY i.n), pg_catalog.array_agg(i.lsoa21_name ORDER BY i.n),
												pg_catalog.array_agg(i.district_code ORDER BY i.n), pg_catalog.array_agg(i.district_name ORDER BY i.n))
	FROM pg_temp.surestart_import_rows AS i WHERE i.reason IS NULL;
	INSERT INTO surestart_staging.lsoa11_lsoa21 (lsoa11_code, lsoa21_code, change_code, lsoa11_name, lsoa21_name,
												 district_code, district_name)
	SELECT i.lsoa11_code, i.lsoa21_code, i.change_code, i.lsoa11_name, i.lsoa21_name, i.district_code, i.district_name
	FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NULL
	ORDER BY i.n;
	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'ons_lsoa11_lsoa21', i.r, i.reason FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NOT NULL ORDER BY i.n;
	RETURN QUERY
	SELECT 'ons_lsoa11_lsoa21'::text, pg_catalog.count(*) FILTER (WHERE i.reason IS NULL),
		   pg_catalog.count(*) FILTER (WHERE i.reason IS NOT NULL)
	FROM pg_temp.surestart_import_rows AS i;
	DROP TABLE pg_temp.surestart_import_rows;
	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_lsoa_lookup() IS
	'turns the staged ONS LSOA11-LSOA21 lookup into lsoa11_lsoa21 rows, stages its 2021 LSOAs lsoa lacks, and loads everything staged';
REVOKE EXECUTE ON FUNCTION @extschema@.import_lsoa_lookup() FROM PUBLIC;

/* ---------------------------------------------------------------- LSOA 2021 to ward and district */

CREATE TABLE surestart_staging.ons_lsoa21_ward (
	lsoa21_name text,
	lsoa21_code text,
	ward_name text,
	ward_code text,
	ltla_name text,
	ltla_code text
);
COMMENT ON TABLE surestart_staging.ons_lsoa21_ward IS
	'ONS LSOA (2021) to ward to LAD lookup as CSV: lsoa21_name, lsoa21_code, ward name and code, LAD name and code; see import_lsoa21_wards';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.ons_lsoa21_ward', '');

/*
 * Turn the staged LSOA21-ward-district lookup into lsoa_ward rows
 * (ward_year: the year of the ward boundaries, 2024 for the May 2024
 * wards), stage the 2021 LSOAs lsoa lacks with their name and district,
 * and load everything staged.
 */
CREATE FUNCTION @extschema@.import_lsoa21_wards(ward_year integer DEFAULT 2024)
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	IF ward_year IS NULL OR ward_year NOT BETWEEN 2000 AND 2100 THEN
		RAISE EXCEPTION 'invalid ward_year %', coalesce(ward_year::text, 'null')
			USING ERRCODE = 'invalid_parameter_value', DETAIL = 'Expected the year of the ward boundaries, 2000 to 2100 (May 2024 wards: 2024).';
	END IF;
	LOCK TABLE surestart_staging.ons_lsoa21_ward IN EXCLUSIVE MODE;
	CREATE TEMP TABLE surestart_import_rows AS
	WITH moved AS (DELETE FROM surestart_staging.ons_lsoa21_ward RETURNING *),
	trimmed AS (
		SELECT pg_catalog.row_number() OVER () AS n, pg_catalog.to_jsonb(m) AS r,
			   surestart_internal.staged_text(m.lsoa21_code) AS lsoa_code,
			   surestart_internal.staged_text(m.lsoa21_name) AS lsoa_name,
			   surestart_internal.staged_text(m.ward_code) AS ward_code,
			   surestart_internal.staged_text(m.ward_name) AS ward_name,
			   surestart_internal.staged_text(m.ltla_code) AS district_code,
			   surestart_internal.staged_text(m.ltla_name) AS district_name
		FROM moved AS m
	)
	SELECT t.*,
		   nullif(pg_catalog.concat_ws('; ',
			   surestart_internal.geography_reason('lsoa', 'lsoa21_code', t.lsoa_code),
			   surestart_internal.geography_reason('ward', 'ward_code', t.ward_code),
			   CASE WHEN t.district_code IS NOT NULL THEN surestart_internal.geography_reason('district', 'ltla_code', t.district_code) END,
			   CASE WHEN pg_catalog.count(*) OVER (PARTITION BY t.lsoa_code ORDER BY t.n) > 1
					THEN pg_catalog.format('lsoa21_code %s is given more than once in this load', t.lsoa_code) END
		   ), '') AS reason
	FROM trimmed AS t;

	PERFORM surestart_internal.stage_new_lsoa21(pg_catalog.array_agg(i.lsoa_code ORDER BY i.n), pg_catalog.array_agg(i.lsoa_name ORDER BY i.n),
												pg_catalog.array_agg(i.district_code ORDER BY i.n), pg_catalog.array_agg(i.district_name ORDER BY i.n))
	FROM pg_temp.surestart_import_rows AS i WHERE i.reason IS NULL;
	INSERT INTO surestart_staging.lsoa_ward (lsoa_code, ward_code, ward_name, ward_year)
	SELECT i.lsoa_code, i.ward_code, i.ward_name, import_lsoa21_wards.ward_year::text
	FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NULL
	ORDER BY i.n;
	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'ons_lsoa21_ward', i.r, i.reason FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NOT NULL ORDER BY i.n;
	RETURN QUERY
	SELECT 'ons_lsoa21_ward'::text, pg_catalog.count(*) FILTER (WHERE i.reason IS NULL),
		   pg_catalog.count(*) FILTER (WHERE i.reason IS NOT NULL)
	FROM pg_temp.surestart_import_rows AS i;
	DROP TABLE pg_temp.surestart_import_rows;
	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_lsoa21_wards(integer) IS
	'turns the staged ONS LSOA21-ward-district lookup into lsoa_ward rows, stages its 2021 LSOAs lsoa lacks (name, district), and loads everything staged';
REVOKE EXECUTE ON FUNCTION @extschema@.import_lsoa21_wards(integer) FROM PUBLIC;
