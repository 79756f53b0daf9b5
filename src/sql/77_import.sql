/* src/sql/77_import.sql: import helpers for the public formats the project ships */

/*
 * Each format has its own all-text staging table whose columns follow the
 * published file, so `\copy ... CSV HEADER` reads it as it comes.  The
 * import function turns the staged rows into rows of the standard staging
 * tables (rejecting, with the reason, a row it cannot turn into any), then
 * calls load_staged(), which checks and loads them like any staged row.
 * It returns a row for the format (loaded = rows passed on) followed by
 * load_staged()'s rows.  Every staged row is passed on or rejected.
 */

/* ---------------------------------------------------------------- ONS population */

CREATE TABLE surestart_staging.ons_population (
	mid_year text,
	lsoa11_code text,
	lsoa11_name text,
	total_population text,
	age_0 text,
	age_1 text,
	age_2 text,
	age_3 text,
	age_4 text
);
COMMENT ON TABLE surestart_staging.ons_population IS
	'ONS LSOA mid-year population estimates, ages 0-4 (header mid_year,lsoa11_code,lsoa11_name,total_population,age_0,...,age_4; mid_year may be absent): see import_ons_population';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.ons_population', '');

/*
 * Turn each staged ONS row into five population rows (ages 0-4).  A row is
 * passed on whole or not at all, so an LSOA never gets some ages loaded and
 * others not: one bad count rejects the row with every reason.  mid_year
 * fills rows staged without one (the single-year files have no such
 * column).
 */
CREATE FUNCTION @extschema@.import_ons_population(mid_year integer DEFAULT NULL)
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.ons_population IN EXCLUSIVE MODE;
	-- Trimmed like load_staged trims: spaces, tabs and line ends.
	CREATE TEMP TABLE surestart_import_rows AS
	WITH moved AS (DELETE FROM surestart_staging.ons_population RETURNING *),
	trimmed AS (
		SELECT pg_catalog.row_number() OVER () AS n, pg_catalog.to_jsonb(moved) AS r,
			   coalesce(nullif(pg_catalog.btrim(moved.mid_year, E' \t\r\n'), ''), import_ons_population.mid_year::text) AS year,
			   nullif(pg_catalog.btrim(moved.lsoa11_code, E' \t\r\n'), '') AS lsoa_code,
			   ARRAY[pg_catalog.btrim(moved.age_0, E' \t\r\n'), pg_catalog.btrim(moved.age_1, E' \t\r\n'),
					 pg_catalog.btrim(moved.age_2, E' \t\r\n'), pg_catalog.btrim(moved.age_3, E' \t\r\n'),
					 pg_catalog.btrim(moved.age_4, E' \t\r\n')] AS persons
		FROM moved
	)
	SELECT i.*,
		   nullif(pg_catalog.concat_ws('; ',
			   CASE WHEN i.year IS NULL THEN 'mid_year is missing (give it in the file or as import_ons_population(mid_year))'
					WHEN i.year !~ '^[0-9]{4}$' THEN pg_catalog.format('mid_year %L is not a year', i.year) END,
			   CASE WHEN i.lsoa_code IS NULL THEN 'lsoa11_code is missing (a value is required)' END,
			   (SELECT pg_catalog.string_agg(pg_catalog.format('age_%s %L is not a count of persons', a.age - 1, a.v), '; ' ORDER BY a.age)
				FROM pg_catalog.unnest(i.persons) WITH ORDINALITY AS a(v, age)
				WHERE a.v IS NULL OR a.v !~ '^[0-9]{1,9}$')), '') AS reason
	FROM trimmed AS i;

	INSERT INTO surestart_staging.population (lsoa_code, mid_year, age, persons)
	SELECT i.lsoa_code, i.year, (a.age - 1)::text, a.v
	FROM pg_temp.surestart_import_rows AS i, pg_catalog.unnest(i.persons) WITH ORDINALITY AS a(v, age)
	WHERE i.reason IS NULL
	ORDER BY i.n, a.age;
	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'ons_population', i.r, i.reason FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NOT NULL ORDER BY i.n;
	RETURN QUERY
	SELECT 'ons_population'::text, pg_catalog.count(*) FILTER (WHERE i.reason IS NULL), pg_catalog.count(*) FILTER (WHERE i.reason IS NOT NULL)
	FROM pg_temp.surestart_import_rows AS i;
	DROP TABLE pg_temp.surestart_import_rows;

	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_ons_population(integer) IS
	'turns staged ONS LSOA population rows (ages 0-4) into population rows and loads everything staged; mid_year fills rows without one';
REVOKE EXECUTE ON FUNCTION @extschema@.import_ons_population(integer) FROM PUBLIC;

/* ---------------------------------------------------------------- IoD2019 */

CREATE TABLE surestart_staging.iod2019_lsoa (
	lsoa_code text,
	lsoa_name text,
	district_code text,
	district_name text,
	imd_rank text,
	imd_decile text,
	idaci_rank text,
	idaci_decile text,
	idaopi_rank text,
	idaopi_decile text
);
COMMENT ON TABLE surestart_staging.iod2019_lsoa IS
	'English Indices of Deprivation 2019, File 3 (IDACI and IDAOPI) as CSV: LSOA code and name, district code and name, IMD rank and decile, IDACI rank and decile, IDAOPI rank and decile; see import_iod2019';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.iod2019_lsoa', '');

/*
 * Turn each staged IoD2019 row into an lsoa row (name, district, IDACI and
 * IMD ranks and deciles; IDAOPI is not kept) of the given boundary vintage,
 * and load everything staged.  Every value is checked by load_staged, so
 * the rejects of this format are lsoa rejects.
 */
CREATE FUNCTION @extschema@.import_iod2019(vintage integer DEFAULT 2011)
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.iod2019_lsoa IN EXCLUSIVE MODE;
	RETURN QUERY
	WITH moved AS (DELETE FROM surestart_staging.iod2019_lsoa RETURNING *),
	passed AS (
		INSERT INTO surestart_staging.lsoa (lsoa_code, name, district_code, district_name,
											idaci_rank, idaci_decile, imd_rank, imd_decile, vintage)
		SELECT m.lsoa_code, m.lsoa_name, m.district_code, m.district_name,
			   m.idaci_rank, m.idaci_decile, m.imd_rank, m.imd_decile, import_iod2019.vintage::text
		FROM moved AS m
		RETURNING 1
	)
	SELECT 'iod2019_lsoa'::text, pg_catalog.count(*), 0::bigint FROM passed;
	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_iod2019(integer) IS
	'turns staged IoD2019 LSOA rows into lsoa rows (IDACI and IMD ranks and deciles) and loads everything staged';
REVOKE EXECUTE ON FUNCTION @extschema@.import_iod2019(integer) FROM PUBLIC;

/* ---------------------------------------------------------------- social-care feed */

CREATE TABLE surestart_staging.social_care_feed (
	child_id text,
	kind text,
	starts_on text,
	ends_on text
);
COMMENT ON TABLE surestart_staging.social_care_feed IS
	'weekly social-care feed: child_id, kind (CIN, CP, LAC, early help or the social_care kinds), starts_on, ends_on (YYYY-MM-DD or DD/MM/YYYY); see import_social_care_feed';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.social_care_feed', '');

/*
 * Turn the weekly social-care feed into social_care rows and load
 * everything staged.  Kinds are read in the usual spellings (CIN, CP/CPP,
 * LAC/CLA, EH/early help, any case, spaces or hyphens for underscores),
 * and UK dates DD/MM/YYYY become YYYY-MM-DD; anything else is passed on as
 * it is, so load_staged rejects it with the reason.  An episode is keyed by
 * (child_id, kind, starts_on): a later feed that gives its end date closes
 * it.  The child_in_need, child_protection and looked_after target groups
 * come from these episodes (family_period_groups), so nothing else needs
 * filling.
 */
CREATE FUNCTION @extschema@.import_social_care_feed()
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.social_care_feed IN EXCLUSIVE MODE;
	RETURN QUERY
	WITH moved AS (DELETE FROM surestart_staging.social_care_feed RETURNING *),
	normal AS (
		SELECT m.child_id,
			   pg_catalog.regexp_replace(pg_catalog.lower(pg_catalog.btrim(m.kind)), '[ -]+', '_', 'g') AS kind,
			   m.kind AS kind_as_given,
			   m.starts_on, m.ends_on
		FROM moved AS m
	),
	passed AS (
		INSERT INTO surestart_staging.social_care (child_id, kind, starts_on, ends_on)
		SELECT n.child_id,
			   CASE WHEN n.kind = ANY ('{cin,child_in_need}'::text[]) THEN 'child_in_need'
					WHEN n.kind = ANY ('{cp,cpp,child_protection,child_protection_plan}'::text[]) THEN 'child_protection'
					WHEN n.kind = ANY ('{lac,cla,looked_after,looked_after_child,child_looked_after}'::text[]) THEN 'looked_after'
					WHEN n.kind = ANY ('{eh,early_help,family_support}'::text[]) THEN 'family_support'
					ELSE n.kind_as_given END,
			   pg_catalog.regexp_replace(n.starts_on, '^\s*([0-9]{2})/([0-9]{2})/([0-9]{4})\s*$', '\3-\2-\1'),
			   pg_catalog.regexp_replace(n.ends_on, '^\s*([0-9]{2})/([0-9]{2})/([0-9]{4})\s*$', '\3-\2-\1')
		FROM normal AS n
		RETURNING 1
	)
	SELECT 'social_care_feed'::text, pg_catalog.count(*), 0::bigint FROM passed;
	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_social_care_feed() IS
	'turns the staged weekly social-care feed into social_care rows (CIN/CP/LAC/EH spellings, DD/MM/YYYY dates) and loads everything staged';
REVOKE EXECUTE ON FUNCTION @extschema@.import_social_care_feed() FROM PUBLIC;
