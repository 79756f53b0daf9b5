/* src/sql/79_import_geography.sql: import helpers for 2021 geography and IoD2025 (issue 19) */

/*
 * As in 77_import.sql, each file has an all-text staging table whose
 * columns follow the published file, so `\copy ... CSV HEADER` reads it as
 * it comes, and a function that checks every staged row, loads the good
 * ones and writes the others to load_reject with every reason.  These
 * load straight into their tables (lsoa_deprivation, lsoa11_lsoa21,
 * lsoa_ward, and lsoa for 2021 LSOAs it does not hold yet) and return one
 * row: (staging table, loaded, rejected).  Every staged row is loaded or
 * rejected.  doc/geography.md shows the \copy lines for the ONS files.
 */

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
 * Add the 2021 LSOAs lsoa does not hold yet (vintage 2021), and fill a
 * name or district it lacks; a row it holds keeps its values and vintage
 * (an unchanged LSOA keeps its 2011 row: the code is the same).
 */
CREATE FUNCTION surestart_internal.add_lsoa21(codes text[], names text[], districts text[], district_names text[])
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
	INSERT INTO @extschema@.lsoa AS l (lsoa_code, name, district_code, district_name, vintage)
	SELECT DISTINCT ON (u.code) u.code, u.name, u.district, u.district_name, 2021
	FROM unnest($1, $2, $3, $4) AS u(code, name, district, district_name)
	ORDER BY u.code
	ON CONFLICT (lsoa_code) DO UPDATE
	SET name = coalesce(l.name, excluded.name),
		district_code = coalesce(l.district_code, excluded.district_code),
		district_name = coalesce(l.district_name, excluded.district_name)
	WHERE l.name IS NULL OR l.district_code IS NULL OR l.district_name IS NULL
$$;
COMMENT ON FUNCTION surestart_internal.add_lsoa21(text[], text[], text[], text[]) IS
	'adds 2021 LSOAs lsoa lacks (vintage 2021) and fills missing names and districts of those it holds';

/* ---------------------------------------------------------------- deprivation, any edition */

CREATE TABLE surestart_staging.lsoa_deprivation (
	lsoa_code text,
	edition text,
	measure text,
	rank text,
	decile text
);
COMMENT ON TABLE surestart_staging.lsoa_deprivation IS
	'deprivation ranks in long form (lsoa_code, edition iod2019 or iod2025, measure idaci, imd or income, rank, decile), e.g. IDACI 2025 from IoD2025 File 3: see import_deprivation';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lsoa_deprivation', '');

/*
 * Load staged deprivation rows into lsoa_deprivation (source import),
 * replacing an earlier import of the same LSOA, edition and measure.  An
 * LSOA lsoa does not hold yet is added (vintage 2021 for IoD2025, else
 * 2011).  A row given twice in one load is rejected the second time.
 */
CREATE FUNCTION @extschema@.import_deprivation()
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.lsoa_deprivation IN EXCLUSIVE MODE;
	CREATE TEMP TABLE surestart_import_rows AS
	WITH moved AS (DELETE FROM surestart_staging.lsoa_deprivation RETURNING *),
	trimmed AS (
		SELECT pg_catalog.row_number() OVER () AS n, pg_catalog.to_jsonb(m) AS r,
			   surestart_internal.staged_text(m.lsoa_code) AS lsoa_code,
			   pg_catalog.lower(surestart_internal.staged_text(m.edition)) AS edition,
			   pg_catalog.lower(surestart_internal.staged_text(m.measure)) AS measure,
			   surestart_internal.staged_text(m.rank) AS rank,
			   surestart_internal.staged_text(m.decile) AS decile
		FROM moved AS m
	)
	SELECT t.*,
		   nullif(pg_catalog.concat_ws('; ',
			   surestart_internal.geography_reason('lsoa', 'lsoa_code', t.lsoa_code),
			   CASE WHEN t.edition IS NULL THEN 'edition is missing (iod2019 or iod2025)'
					WHEN t.edition NOT IN ('iod2019', 'iod2025') THEN pg_catalog.format('edition %L is not iod2019 or iod2025', t.edition) END,
			   CASE WHEN t.measure IS NULL THEN 'measure is missing (idaci, imd or income)'
					WHEN t.measure NOT IN ('idaci', 'imd', 'income') THEN pg_catalog.format('measure %L is not idaci, imd or income', t.measure) END,
			   CASE WHEN t.rank IS NULL AND t.decile IS NULL THEN 'rank and decile are both missing (give at least one)' END,
			   CASE WHEN t.rank IS NOT NULL THEN surestart_internal.geography_reason('rank', 'rank', t.rank, t.edition) END,
			   CASE WHEN t.decile IS NOT NULL THEN surestart_internal.geography_reason('decile', 'decile', t.decile) END,
			   CASE WHEN pg_catalog.count(*) OVER (PARTITION BY t.lsoa_code, t.edition, t.measure ORDER BY t.n) > 1
					THEN pg_catalog.format('%s %s of %s is given more than once in this load', t.edition, t.measure, t.lsoa_code) END
		   ), '') AS reason
	FROM trimmed AS t;

	INSERT INTO @extschema@.lsoa (lsoa_code, vintage)
	SELECT DISTINCT i.lsoa_code, CASE WHEN bool_or(i.edition = 'iod2025') THEN 2021 ELSE 2011 END
	FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NULL
	GROUP BY i.lsoa_code
	ON CONFLICT (lsoa_code) DO NOTHING;
	INSERT INTO @extschema@.lsoa_deprivation AS d (lsoa_code, edition, measure, rank, decile, source)
	SELECT i.lsoa_code, i.edition, i.measure, i.rank::integer, i.decile::integer, 'import'
	FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NULL
	ORDER BY i.n
	ON CONFLICT (lsoa_code, edition, measure, source) DO UPDATE SET rank = excluded.rank, decile = excluded.decile;
	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'lsoa_deprivation', i.r, i.reason FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NOT NULL ORDER BY i.n;
	RETURN QUERY
	SELECT 'lsoa_deprivation'::text, pg_catalog.count(*) FILTER (WHERE i.reason IS NULL),
		   pg_catalog.count(*) FILTER (WHERE i.reason IS NOT NULL)
	FROM pg_temp.surestart_import_rows AS i;
	DROP TABLE pg_temp.surestart_import_rows;
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_deprivation() IS
	'loads staged deprivation rows (lsoa_code, edition, measure, rank, decile) into lsoa_deprivation, rejecting bad rows with the reason';
REVOKE EXECUTE ON FUNCTION @extschema@.import_deprivation() FROM PUBLIC;

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
 * not kept) and load them.  A row is loaded whole or not at all.  The file
 * has no IDACI: stage IDACI 2025 in surestart_staging.lsoa_deprivation.
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

	INSERT INTO surestart_staging.lsoa_deprivation (lsoa_code, edition, measure, rank, decile)
	SELECT i.lsoa_code, 'iod2025', m.measure, m.rank, m.decile
	FROM pg_temp.surestart_import_rows AS i
	CROSS JOIN LATERAL (VALUES ('imd', i.imd_rank, i.imd_decile),
							   ('income', i.income_rank, i.income_decile)) AS m(measure, rank, decile)
	WHERE i.reason IS NULL
	ORDER BY i.n, m.measure;
	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'iod2025_lsoa', i.r, i.reason FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NOT NULL ORDER BY i.n;
	RETURN QUERY
	SELECT 'iod2025_lsoa'::text, pg_catalog.count(*) FILTER (WHERE i.reason IS NULL),
		   pg_catalog.count(*) FILTER (WHERE i.reason IS NOT NULL)
	FROM pg_temp.surestart_import_rows AS i;
	DROP TABLE pg_temp.surestart_import_rows;
	RETURN QUERY SELECT * FROM @extschema@.import_deprivation();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_iod2025() IS
	'turns staged IoD2025 LSOA rows into IMD and income-domain rows of lsoa_deprivation (edition iod2025) and loads them';
REVOKE EXECUTE ON FUNCTION @extschema@.import_iod2025() FROM PUBLIC;

/* ---------------------------------------------------------------- LSOA 2011 to 2021 lookup */

CREATE TABLE surestart_staging.lsoa11_lsoa21 (
	lsoa11_name text,
	lsoa11_code text,
	change_code text,
	lsoa21_name text,
	lsoa21_code text,
	ltla22_name text,
	ltla22_code text
);
COMMENT ON TABLE surestart_staging.lsoa11_lsoa21 IS
	'ONS LSOA (2011) to LSOA (2021) to LAD (2022) lookup as CSV: lsoa11_name, lsoa11_code, change_code (U, S, M, X), lsoa21_name, lsoa21_code, ltla22_name, ltla22_code; see import_lsoa_lookup';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lsoa11_lsoa21', '');

/*
 * Load the staged lookup into lsoa11_lsoa21 (a pair loaded again is
 * replaced) and add its 2021 LSOAs to lsoa (add_lsoa21).  The change code
 * is read in any case; an unchanged (U) pair must keep its code.
 */
CREATE FUNCTION @extschema@.import_lsoa_lookup()
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.lsoa11_lsoa21 IN EXCLUSIVE MODE;
	CREATE TEMP TABLE surestart_import_rows AS
	WITH moved AS (DELETE FROM surestart_staging.lsoa11_lsoa21 RETURNING *),
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

	INSERT INTO @extschema@.lsoa11_lsoa21 AS k (lsoa11_code, lsoa21_code, change_code, lsoa11_name, lsoa21_name,
												 district_code, district_name)
	SELECT i.lsoa11_code, i.lsoa21_code, i.change_code, i.lsoa11_name, i.lsoa21_name, i.district_code, i.district_name
	FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NULL
	ORDER BY i.n
	ON CONFLICT (lsoa11_code, lsoa21_code) DO UPDATE
	SET change_code = excluded.change_code, lsoa11_name = excluded.lsoa11_name, lsoa21_name = excluded.lsoa21_name,
		district_code = excluded.district_code, district_name = excluded.district_name;
	PERFORM surestart_internal.add_lsoa21(pg_catalog.array_agg(i.lsoa21_code), pg_catalog.array_agg(i.lsoa21_name),
										  pg_catalog.array_agg(i.district_code), pg_catalog.array_agg(i.district_name))
	FROM pg_temp.surestart_import_rows AS i WHERE i.reason IS NULL;
	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'lsoa11_lsoa21', i.r, i.reason FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NOT NULL ORDER BY i.n;
	RETURN QUERY
	SELECT 'lsoa11_lsoa21'::text, pg_catalog.count(*) FILTER (WHERE i.reason IS NULL),
		   pg_catalog.count(*) FILTER (WHERE i.reason IS NOT NULL)
	FROM pg_temp.surestart_import_rows AS i;
	DROP TABLE pg_temp.surestart_import_rows;
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_lsoa_lookup() IS
	'loads the staged ONS LSOA11-LSOA21 lookup into lsoa11_lsoa21 and adds its 2021 LSOAs to lsoa, rejecting bad rows with the reason';
REVOKE EXECUTE ON FUNCTION @extschema@.import_lsoa_lookup() FROM PUBLIC;

/* ---------------------------------------------------------------- LSOA 2021 to ward and district */

CREATE TABLE surestart_staging.lsoa21_ward (
	lsoa21_name text,
	lsoa21_code text,
	ward_name text,
	ward_code text,
	ltla_name text,
	ltla_code text
);
COMMENT ON TABLE surestart_staging.lsoa21_ward IS
	'ONS LSOA (2021) to ward to LAD lookup as CSV: lsoa21_name, lsoa21_code, ward name and code, LAD name and code; see import_lsoa21_wards';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lsoa21_ward', '');

/*
 * Load the staged LSOA21-ward-district lookup: each LSOA's ward into
 * lsoa_ward (ward_year: the year of the ward boundaries, 2024 for the
 * May 2024 wards), and 2021 LSOAs lsoa lacks into lsoa with their name
 * and district (add_lsoa21).
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
	LOCK TABLE surestart_staging.lsoa21_ward IN EXCLUSIVE MODE;
	CREATE TEMP TABLE surestart_import_rows AS
	WITH moved AS (DELETE FROM surestart_staging.lsoa21_ward RETURNING *),
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

	PERFORM surestart_internal.add_lsoa21(pg_catalog.array_agg(i.lsoa_code), pg_catalog.array_agg(i.lsoa_name),
										  pg_catalog.array_agg(i.district_code), pg_catalog.array_agg(i.district_name))
	FROM pg_temp.surestart_import_rows AS i WHERE i.reason IS NULL;
	INSERT INTO @extschema@.lsoa_ward AS w (lsoa_code, ward_code, ward_name, ward_year)
	SELECT i.lsoa_code, i.ward_code, i.ward_name, import_lsoa21_wards.ward_year
	FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NULL
	ORDER BY i.n
	ON CONFLICT (lsoa_code) DO UPDATE
	SET ward_code = excluded.ward_code, ward_name = excluded.ward_name, ward_year = excluded.ward_year;
	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'lsoa21_ward', i.r, i.reason FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NOT NULL ORDER BY i.n;
	RETURN QUERY
	SELECT 'lsoa21_ward'::text, pg_catalog.count(*) FILTER (WHERE i.reason IS NULL),
		   pg_catalog.count(*) FILTER (WHERE i.reason IS NOT NULL)
	FROM pg_temp.surestart_import_rows AS i;
	DROP TABLE pg_temp.surestart_import_rows;
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_lsoa21_wards(integer) IS
	'loads the staged ONS LSOA21-ward-district lookup into lsoa_ward and adds its 2021 LSOAs (name, district) to lsoa, rejecting bad rows with the reason';
REVOKE EXECUTE ON FUNCTION @extschema@.import_lsoa21_wards(integer) FROM PUBLIC;
