/* src/sql/59_geography.sql: LSOA vintages and deprivation by index edition (issue 19) */

/*
 * Deprivation is kept per index edition and measure, so that IoD2019 and
 * IoD2025 sit side by side instead of one overwriting the other.  The
 * rank and decile columns of lsoa stay, as they were in 0.2: a trigger
 * mirrors them into this table (source 'lsoa', edition by the LSOA's
 * vintage: 2011 = iod2019, 2021 = iod2025), and the import helpers write
 * rows of their own (source 'import'), which win over the mirror where
 * both exist.  Only the imported rows are dumped: the mirror is made again
 * when lsoa is restored.  doc/geography.md has the rules.
 */
CREATE TABLE @extschema@.lsoa_deprivation (
	lsoa_code text NOT NULL REFERENCES @extschema@.lsoa ON UPDATE CASCADE ON DELETE CASCADE,
	edition text NOT NULL
		CONSTRAINT edition_must_be_iod2019_or_iod2025 CHECK (edition IN ('iod2019', 'iod2025')),
	measure text NOT NULL
		CONSTRAINT measure_must_be_idaci_imd_or_income CHECK (measure IN ('idaci', 'imd', 'income')),
	rank integer
		CONSTRAINT rank_must_be_positive CHECK (rank >= 1),
	decile integer
		CONSTRAINT decile_must_be_1_to_10 CHECK (decile BETWEEN 1 AND 10),
	source text NOT NULL DEFAULT 'import'
		CONSTRAINT source_must_be_import_or_lsoa CHECK (source IN ('import', 'lsoa')),
	CONSTRAINT rank_or_decile_is_required CHECK (rank IS NOT NULL OR decile IS NOT NULL),
	PRIMARY KEY (lsoa_code, edition, measure, source)
);
CREATE INDEX ON @extschema@.lsoa_deprivation (edition, measure);
COMMENT ON TABLE @extschema@.lsoa_deprivation IS 'Deprivation rank and decile of each LSOA per index edition and measure (rank 1 and decile 1 = most deprived in England); source lsoa rows mirror lsoa''s rank columns, source import rows come from the import helpers and win';
COMMENT ON COLUMN @extschema@.lsoa_deprivation.lsoa_code IS 'LSOA (of the edition''s vintage: 2011 for IoD2019, 2021 for IoD2025)';
COMMENT ON COLUMN @extschema@.lsoa_deprivation.edition IS 'index edition: iod2019 (32,844 LSOA 2011s) or iod2025 (33,755 LSOA 2021s)';
COMMENT ON COLUMN @extschema@.lsoa_deprivation.measure IS 'idaci (Income Deprivation Affecting Children Index), imd (Index of Multiple Deprivation) or income (the income domain)';
COMMENT ON COLUMN @extschema@.lsoa_deprivation.rank IS 'rank in England, 1 = most deprived';
COMMENT ON COLUMN @extschema@.lsoa_deprivation.decile IS 'decile in England, 1 = most deprived 10%';
COMMENT ON COLUMN @extschema@.lsoa_deprivation.source IS 'import (an import helper or a direct insert) or lsoa (mirrored from lsoa''s rank columns by a trigger; do not write these)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lsoa_deprivation', 'WHERE source = ''import''');

/*
 * Mirror lsoa's rank columns into lsoa_deprivation.  Rows are replaced
 * whole for the LSOA, so a rank set to null goes and a changed vintage
 * moves the ranks to the other edition.
 */
CREATE FUNCTION @extschema@.mirror_lsoa_deprivation() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	DELETE FROM @extschema@.lsoa_deprivation AS d
	WHERE d.lsoa_code = NEW.lsoa_code AND d.source = 'lsoa';
	INSERT INTO @extschema@.lsoa_deprivation (lsoa_code, edition, measure, rank, decile, source)
	SELECT NEW.lsoa_code, CASE NEW.vintage WHEN 2021 THEN 'iod2025' ELSE 'iod2019' END,
		   m.measure, m.rank, m.decile, 'lsoa'
	FROM (VALUES ('idaci', NEW.idaci_rank, NEW.idaci_decile),
				 ('imd', NEW.imd_rank, NEW.imd_decile)) AS m(measure, rank, decile)
	WHERE m.rank IS NOT NULL OR m.decile IS NOT NULL;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.mirror_lsoa_deprivation() IS 'trigger: mirrors lsoa''s IDACI and IMD ranks and deciles into lsoa_deprivation (source lsoa; vintage 2011 as iod2019, 2021 as iod2025)';
CREATE TRIGGER mirror_deprivation
	AFTER INSERT OR UPDATE OF idaci_rank, idaci_decile, imd_rank, imd_decile, vintage ON @extschema@.lsoa
	FOR EACH ROW EXECUTE FUNCTION @extschema@.mirror_lsoa_deprivation();

-- The ranks lsoa already holds (an update from 0.2.0; nothing on a fresh install).
INSERT INTO @extschema@.lsoa_deprivation (lsoa_code, edition, measure, rank, decile, source)
SELECT l.lsoa_code, CASE l.vintage WHEN 2021 THEN 'iod2025' ELSE 'iod2019' END, m.measure, m.rank, m.decile, 'lsoa'
FROM @extschema@.lsoa AS l
CROSS JOIN LATERAL (VALUES ('idaci', l.idaci_rank, l.idaci_decile),
						   ('imd', l.imd_rank, l.imd_decile)) AS m(measure, rank, decile)
WHERE m.rank IS NOT NULL OR m.decile IS NOT NULL;

/* ---------------------------------------------------------------- LSOA 2011 to 2021 */

CREATE TABLE @extschema@.lsoa11_lsoa21 (
	lsoa11_code text NOT NULL
		CONSTRAINT "lsoa11_code_must_be_E01_or_W01_and_6_digits" CHECK (lsoa11_code ~ '^[EW]01[0-9]{6}$'),
	lsoa21_code text NOT NULL
		CONSTRAINT "lsoa21_code_must_be_E01_or_W01_and_6_digits" CHECK (lsoa21_code ~ '^[EW]01[0-9]{6}$'),
	change_code text NOT NULL
		CONSTRAINT change_code_must_be_U_S_M_or_X CHECK (change_code IN ('U', 'S', 'M', 'X')),
	lsoa11_name text,
	lsoa21_name text,
	district_code text,
	district_name text,
	PRIMARY KEY (lsoa11_code, lsoa21_code),
	CONSTRAINT unchanged_lsoa_keeps_its_code CHECK (change_code <> 'U' OR lsoa11_code = lsoa21_code)
);
CREATE INDEX ON @extschema@.lsoa11_lsoa21 (lsoa21_code);
COMMENT ON TABLE @extschema@.lsoa11_lsoa21 IS 'ONS lookup from 2011 to 2021 LSOAs: one row per pair, with the change indicator';
COMMENT ON COLUMN @extschema@.lsoa11_lsoa21.lsoa11_code IS '2011 LSOA';
COMMENT ON COLUMN @extschema@.lsoa11_lsoa21.lsoa21_code IS '2021 LSOA';
COMMENT ON COLUMN @extschema@.lsoa11_lsoa21.change_code IS 'U unchanged (same code), S the 2011 LSOA was split (one row per part), M 2011 LSOAs were merged (one row per merged LSOA), X irregular (not comparable)';
COMMENT ON COLUMN @extschema@.lsoa11_lsoa21.lsoa11_name IS 'name of the 2011 LSOA';
COMMENT ON COLUMN @extschema@.lsoa11_lsoa21.lsoa21_name IS 'name of the 2021 LSOA';
COMMENT ON COLUMN @extschema@.lsoa11_lsoa21.district_code IS 'GSS code of the district of the 2021 LSOA';
COMMENT ON COLUMN @extschema@.lsoa11_lsoa21.district_name IS 'name of that district';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lsoa11_lsoa21', '');

/* Which LSOAs are the most deprived follows both tables: the stored sums of the deprived scope are stale when they change (58_figures.sql). */
CREATE TRIGGER note_roll_up_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.lsoa_deprivation
	FOR EACH STATEMENT EXECUTE FUNCTION surestart_internal.note_roll_up_changed();
CREATE TRIGGER note_roll_up_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.lsoa11_lsoa21
	FOR EACH STATEMENT EXECUTE FUNCTION surestart_internal.note_roll_up_changed();

CREATE TABLE @extschema@.lsoa_ward (
	lsoa_code text PRIMARY KEY REFERENCES @extschema@.lsoa ON UPDATE CASCADE ON DELETE CASCADE,
	ward_code text NOT NULL
		CONSTRAINT "ward_code_must_be_E05_or_W05_and_6_digits" CHECK (ward_code ~ '^[EW]05[0-9]{6}$'),
	ward_name text,
	ward_year integer NOT NULL
		CONSTRAINT ward_year_must_be_2000_to_2100 CHECK (ward_year BETWEEN 2000 AND 2100)
);
CREATE INDEX ON @extschema@.lsoa_ward (ward_code);
COMMENT ON TABLE @extschema@.lsoa_ward IS 'The electoral ward each LSOA lies in (ONS best-fit lookup)';
COMMENT ON COLUMN @extschema@.lsoa_ward.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.lsoa_ward.ward_code IS 'GSS ward code';
COMMENT ON COLUMN @extschema@.lsoa_ward.ward_name IS 'ward name';
COMMENT ON COLUMN @extschema@.lsoa_ward.ward_year IS 'year of the ward boundaries (May 2024: 2024)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lsoa_ward', '');

/*
 * Where each centre (hub) is sited, for the Best Start share of hubs in
 * the most deprived areas.  A centre without a row is not counted there.
 */
CREATE TABLE @extschema@.centre_site (
	centre_id text PRIMARY KEY REFERENCES @extschema@.centre ON UPDATE CASCADE ON DELETE CASCADE,
	lsoa_code text NOT NULL REFERENCES @extschema@.lsoa ON UPDATE CASCADE,
	postcode text
);
COMMENT ON TABLE @extschema@.centre_site IS 'The LSOA each centre (family hub) is sited in';
COMMENT ON COLUMN @extschema@.centre_site.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_site.lsoa_code IS 'LSOA of the centre''s main site';
COMMENT ON COLUMN @extschema@.centre_site.postcode IS 'postcode of the site (optional)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.centre_site', '');
-- Partners read their own centres' sites, as with the other centre-level
-- tables (90_security.sql); the views read every site with their owner's rights.
ALTER TABLE @extschema@.centre_site ENABLE ROW LEVEL SECURITY;
CREATE POLICY not_partner ON @extschema@.centre_site USING (NOT (SELECT @extschema@.partner_restricted()));
CREATE POLICY partner_scope ON @extschema@.centre_site FOR SELECT
	USING (centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s));

/*
 * Two Best Start settings (checked by check_setting), shipped like the
 * others: seeded, so the guard that unmarks inserted rows is off for them.
 */
ALTER TABLE @extschema@.setting DISABLE TRIGGER guard_seeded_row;
INSERT INTO @extschema@.setting (name, value, seeded) VALUES
	('best_start_deprived_target', '70', true),
	('gld_ambition', '75', true);
ALTER TABLE @extschema@.setting ENABLE TRIGGER guard_seeded_row;

/* ---------------------------------------------------------------- the most deprived LSOAs */

/*
 * The views of this part and of 69_best_start_views.sql (the most deprived
 * LSOAs by each index edition, the editions compared, the Best Start
 * measures) are in schema surestart_geography, which analysts and partners
 * read beside surestart (create_roles()), so that schema surestart holds
 * the reports SPEC names and keeps to at most 40 views.
 */
CREATE SCHEMA surestart_geography;
COMMENT ON SCHEMA surestart_geography IS 'Geography views of the surestart extension: the most deprived LSOAs by each index edition and measure, the editions compared, and the Best Start Family Hubs measures (analysts and partners)';

/*
 * The deprived_index setting, read: idaci and imd (0.2's values) are the
 * IoD2019 ones; otherwise edition_measure, e.g. iod2025_imd.
 */
CREATE VIEW surestart_geography.deprived_index_used AS
WITH s AS (
	SELECT (SELECT value FROM @extschema@.setting WHERE name = 'deprived_index') AS value,
		   (SELECT value::numeric FROM @extschema@.setting WHERE name = 'deprived_percent') AS percent
), p AS (
	SELECT s.value, s.percent,
		   CASE WHEN s.value IN ('idaci', 'imd') THEN 'iod2019' ELSE split_part(s.value, '_', 1) END AS edition,
		   CASE WHEN s.value IN ('idaci', 'imd') THEN s.value ELSE split_part(s.value, '_', 2) END AS measure
	FROM s
)
SELECT p.value AS setting, p.edition, p.measure, p.edition || '_' || p.measure AS index_used, p.percent,
	   CASE p.edition WHEN 'iod2025' THEN 'IoD2025' ELSE 'IoD2019' END || ' '
	   || CASE p.measure WHEN 'idaci' THEN 'IDACI' WHEN 'imd' THEN 'IMD' ELSE 'income domain' END
	   || ', most deprived ' || p.percent || '% of LSOAs in England' AS description,
	   (SELECT count(DISTINCT d.lsoa_code) FROM @extschema@.lsoa_deprivation AS d
		WHERE d.edition = p.edition AND d.measure = p.measure) AS lsoas_ranked
FROM p;
COMMENT ON VIEW surestart_geography.deprived_index_used IS 'The index the deprived-only figures use: settings deprived_index (idaci and imd mean the IoD2019 ones) and deprived_percent';
COMMENT ON COLUMN surestart_geography.deprived_index_used.setting IS 'the deprived_index setting as written';
COMMENT ON COLUMN surestart_geography.deprived_index_used.edition IS 'iod2019 or iod2025';
COMMENT ON COLUMN surestart_geography.deprived_index_used.measure IS 'idaci, imd or income';
COMMENT ON COLUMN surestart_geography.deprived_index_used.index_used IS 'edition and measure, e.g. iod2025_imd: the value of the index_used columns';
COMMENT ON COLUMN surestart_geography.deprived_index_used.percent IS 'the deprived_percent setting: the most deprived this per cent of LSOAs in England';
COMMENT ON COLUMN surestart_geography.deprived_index_used.description IS 'the index in words, for report footnotes';
COMMENT ON COLUMN surestart_geography.deprived_index_used.lsoas_ranked IS 'LSOAs holding a rank or decile of this edition and measure (0: none loaded, so no LSOA counts as most deprived)';

/*
 * The most deprived deprived_percent per cent of LSOAs in England by every
 * edition and measure held: by decile when the percentage is whole tens,
 * else by rank out of the edition's LSOAs (32,844 for IoD2019, 33,755 for
 * IoD2025); an imported rank wins over the mirror of lsoa's columns
 * ('import' sorts before 'lsoa', so the key's index gives the order).
 * Ranked LSOAs come first (via 'ranked'); then LSOAs of the other vintage
 * that the ONS lookup carries the status to: from a split 2011 LSOA (S)
 * each 2021 part takes its parent's status, and a split 2011 LSOA is most
 * deprived when any of its parts is; a merged 2021 LSOA (M) gives its
 * status to each 2011 LSOA merged into it, and is most deprived when any
 * of them is.  An irregular change (X) carries nothing: such LSOAs are not
 * comparable across vintages.  Unchanged LSOAs keep their code, so they
 * need no carrying.  Only LSOAs in the lsoa table are carried to.
 *
 * A view (read with its owner's rights), not a function, so that the
 * published views built on deprived_lsoa work for readers, who may not
 * read lsoa.
 */
CREATE VIEW surestart_geography.deprived_lsoa_by_index AS
WITH s AS (
	SELECT value::numeric AS percent FROM @extschema@.setting WHERE name = 'deprived_percent'
), ranked AS (
	SELECT DISTINCT ON (d.lsoa_code, d.edition, d.measure) d.lsoa_code, d.edition, d.measure, d.rank, d.decile
	FROM @extschema@.lsoa_deprivation AS d
	ORDER BY d.lsoa_code, d.edition, d.measure, d.source
), own AS (
	SELECT r.edition, r.measure, r.lsoa_code
	FROM ranked AS r, s
	WHERE CASE WHEN s.percent % 10 = 0 THEN r.decile <= s.percent / 10
			   ELSE r.rank <= floor(s.percent / 100 * CASE r.edition WHEN 'iod2025' THEN 33755 ELSE 32844 END) END
), carried AS (
	SELECT DISTINCT ON (o.edition, o.measure, c.lsoa_code) o.edition, o.measure, c.lsoa_code, k.change_code AS via
	FROM own AS o
	JOIN @extschema@.lsoa11_lsoa21 AS k
	  ON o.lsoa_code = CASE o.edition WHEN 'iod2025' THEN k.lsoa21_code ELSE k.lsoa11_code END
	CROSS JOIN LATERAL (SELECT CASE o.edition WHEN 'iod2025' THEN k.lsoa11_code ELSE k.lsoa21_code END) AS c(lsoa_code)
	WHERE k.change_code IN ('S', 'M')
	  AND NOT EXISTS (SELECT 1 FROM own AS x
					  WHERE x.edition = o.edition AND x.measure = o.measure AND x.lsoa_code = c.lsoa_code)
	  AND EXISTS (SELECT 1 FROM @extschema@.lsoa AS l WHERE l.lsoa_code = c.lsoa_code)
	ORDER BY o.edition, o.measure, c.lsoa_code, k.change_code
)
SELECT o.edition, o.measure, o.edition || '_' || o.measure AS index_used, o.lsoa_code, 'ranked'::text AS via
FROM own AS o
UNION ALL
SELECT c.edition, c.measure, c.edition || '_' || c.measure, c.lsoa_code, c.via
FROM carried AS c;
COMMENT ON VIEW surestart_geography.deprived_lsoa_by_index IS 'The most deprived LSOAs (setting deprived_percent) by every index edition and measure held, with those of the other LSOA vintage the LSOA11-LSOA21 lookup carries the status to (S, M; X carries nothing): deprived_lsoa is the rows of the deprived_index setting';
COMMENT ON COLUMN surestart_geography.deprived_lsoa_by_index.edition IS 'iod2019 or iod2025';
COMMENT ON COLUMN surestart_geography.deprived_lsoa_by_index.measure IS 'idaci, imd or income';
COMMENT ON COLUMN surestart_geography.deprived_lsoa_by_index.index_used IS 'edition and measure, e.g. iod2025_imd';
COMMENT ON COLUMN surestart_geography.deprived_lsoa_by_index.lsoa_code IS 'LSOA among the most deprived by this index';
COMMENT ON COLUMN surestart_geography.deprived_lsoa_by_index.via IS 'ranked (the index ranks this LSOA), or S or M: carried across the lookup from the other vintage (split, merged)';

/* ---------------------------------------------------------------- carrying reach areas to 2021 */

/*
 * Propose 2021 reach areas from the 2011 ones valid on on_day.  Each 2021
 * LSOA goes with the centre of its 2011 parent(s): unchanged (U) and split
 * (S: every part with its parent's centre) are certain; merged (M) takes
 * the centre holding most of its parents (the lowest centre_id on a tie),
 * and says so when the parents were in different reach areas; irregular
 * (X) is left without a centre, flagged not comparable, for a person to
 * decide.  A 2011 LSOA of a reach area missing from the lookup is listed
 * with no 2021 LSOA.
 */
CREATE FUNCTION @extschema@.propose_reach_areas_2021(on_day date DEFAULT CURRENT_DATE)
RETURNS TABLE (lsoa21_code text, centre_id text, change_code text, lsoa11_codes text[], comparable boolean, note text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	WITH area AS (
		SELECT a.lsoa_code, a.centre_id
		FROM @extschema@.reach_area AS a
		WHERE a.valid_from <= $1 AND (a.valid_to IS NULL OR a.valid_to >= $1)
	), pair AS (
		SELECT k.lsoa21_code, k.lsoa11_code, k.change_code, a.centre_id
		FROM @extschema@.lsoa11_lsoa21 AS k
		JOIN area AS a ON a.lsoa_code = k.lsoa11_code
	), per21 AS (
		SELECT p.lsoa21_code,
			   CASE WHEN bool_or(p.change_code = 'X') THEN 'X' WHEN bool_or(p.change_code = 'M') THEN 'M'
					WHEN bool_or(p.change_code = 'S') THEN 'S' ELSE 'U' END AS change_code,
			   array_agg(p.lsoa11_code ORDER BY p.lsoa11_code) AS lsoa11_codes,
			   array_agg(DISTINCT p.centre_id ORDER BY p.centre_id) AS centres,
			   (SELECT q.centre_id FROM pair AS q WHERE q.lsoa21_code = p.lsoa21_code
				GROUP BY q.centre_id ORDER BY count(*) DESC, q.centre_id LIMIT 1) AS most
		FROM pair AS p
		GROUP BY p.lsoa21_code
	)
	SELECT r.lsoa21_code,
		   CASE WHEN r.change_code = 'X' THEN NULL ELSE r.most END,
		   r.change_code, r.lsoa11_codes, r.change_code <> 'X',
		   CASE r.change_code
				WHEN 'U' THEN 'unchanged'
				WHEN 'S' THEN 'part of split ' || r.lsoa11_codes[1] || ': with its parent''s centre'
				WHEN 'M' THEN 'merged from ' || array_to_string(r.lsoa11_codes, ', ')
					 || CASE WHEN cardinality(r.centres) > 1
							 THEN ': parents in the reach areas of ' || array_to_string(r.centres, ', ')
								  || '; proposed the centre holding most of them'
							 ELSE '' END
				ELSE 'irregular change from ' || array_to_string(r.lsoa11_codes, ', ')
					 || ' (reach areas of ' || array_to_string(r.centres, ', ')
					 || '): not comparable, choose the centre by hand' END
	FROM per21 AS r
	UNION ALL
	SELECT NULL, a.centre_id, NULL, ARRAY[a.lsoa_code], false, 'not in the LSOA 2011 to 2021 lookup'
	FROM area AS a
	WHERE NOT EXISTS (SELECT 1 FROM @extschema@.lsoa11_lsoa21 AS k WHERE k.lsoa11_code = a.lsoa_code)
	ORDER BY 1, 2
$$;
COMMENT ON FUNCTION @extschema@.propose_reach_areas_2021(date) IS
	'2021 reach areas proposed from the 2011 ones valid on on_day: U and S follow their parent''s centre, M the centre holding most parents, X is flagged not comparable with no centre';

/*
 * The 2021 LSOA a family's 2011 LSOA becomes, where that is certain:
 * unchanged (U) or merged (M).  A split (S) needs the family's address to
 * place it in one part, and an irregular change (X) is not comparable:
 * both give null.
 */
CREATE FUNCTION @extschema@.lsoa21_of(lsoa11_code text) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT min(k.lsoa21_code)
	FROM @extschema@.lsoa11_lsoa21 AS k
	WHERE k.lsoa11_code = $1
	HAVING count(*) = 1 AND bool_and(k.change_code IN ('U', 'M'))
$$;
COMMENT ON FUNCTION @extschema@.lsoa21_of(text) IS
	'the 2021 LSOA a 2011 LSOA becomes when that is certain (unchanged or merged); null when it was split (place by address) or changed irregularly (not comparable), or is not in the lookup';
