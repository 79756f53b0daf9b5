/* src/sql/69_best_start_views.sql: Best Start Family Hubs measures and the index editions compared (issue 19) */

/*
 * The Best Start Family Hubs programme (2025-28) asks for hubs and reach
 * to be concentrated in the 30% most disadvantaged communities (setting
 * best_start_deprived_target, 70 per cent) and for 75% of children to
 * reach a good level of development by 2028 (setting gld_ambition).  The
 * most deprived LSOAs are deprived_lsoa's (settings deprived_index and
 * deprived_percent); every view names the index it used.  Reach is read
 * from the stored figures (reach_figures), never recounted.
 */

CREATE VIEW @extschema@.best_start_hubs AS
SELECT p.period, p.kind, p.period_start, p.period_end,
	   count(*) AS centres,
	   count(s.lsoa_code) AS centres_sited,
	   count(*) FILTER (WHERE s.lsoa_code IN (SELECT d.lsoa_code FROM @extschema@.deprived_lsoa AS d)) AS sited_most_deprived,
	   @extschema@.percent_of(count(*) FILTER (WHERE s.lsoa_code IN (SELECT d.lsoa_code FROM @extschema@.deprived_lsoa AS d)),
							  count(s.lsoa_code)) AS sited_most_deprived_pct,
	   t.target AS target_pct,
	   @extschema@.percent_of(count(*) FILTER (WHERE s.lsoa_code IN (SELECT d.lsoa_code FROM @extschema@.deprived_lsoa AS d)),
							  count(s.lsoa_code)) >= t.target AS meets_target,
	   u.index_used
FROM @extschema@.reporting_period AS p
JOIN @extschema@.centre AS c
  ON (c.opened_on IS NULL OR c.opened_on <= p.period_end) AND (c.closed_on IS NULL OR c.closed_on >= p.period_start)
LEFT JOIN @extschema@.centre_site AS s ON s.centre_id = c.centre_id
CROSS JOIN (SELECT value::numeric AS target FROM @extschema@.setting WHERE name = 'best_start_deprived_target') AS t
CROSS JOIN @extschema@.deprived_index_used AS u
GROUP BY p.period, p.kind, p.period_start, p.period_end, t.target, u.index_used;
COMMENT ON VIEW @extschema@.best_start_hubs IS 'Best Start: the share of the county''s open centres (hubs) sited in the most deprived LSOAs (centre_site, deprived_lsoa) per period, against the best_start_deprived_target setting';
COMMENT ON COLUMN @extschema@.best_start_hubs.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.best_start_hubs.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN @extschema@.best_start_hubs.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.best_start_hubs.period_end IS 'last day of the period';
COMMENT ON COLUMN @extschema@.best_start_hubs.centres IS 'centres open at some time in the period';
COMMENT ON COLUMN @extschema@.best_start_hubs.centres_sited IS 'of them, centres whose site LSOA is recorded (centre_site)';
COMMENT ON COLUMN @extschema@.best_start_hubs.sited_most_deprived IS 'of those, centres sited in a most deprived LSOA';
COMMENT ON COLUMN @extschema@.best_start_hubs.sited_most_deprived_pct IS 'sited_most_deprived as a percentage of centres_sited, one decimal place';
COMMENT ON COLUMN @extschema@.best_start_hubs.target_pct IS 'the best_start_deprived_target setting (default 70)';
COMMENT ON COLUMN @extschema@.best_start_hubs.meets_target IS 'sited_most_deprived_pct is at least the target (null when no site is recorded)';
COMMENT ON COLUMN @extschema@.best_start_hubs.index_used IS 'the index edition and measure that chose the most deprived LSOAs (deprived_index_used)';

/*
 * The share of each measure of reach drawn from the most deprived LSOAs:
 * the deprived scope's figure over the whole figure, for each centre and
 * the county.
 */
CREATE VIEW @extschema@.best_start_reach AS
SELECT a.level, a.unit_id, a.period, a.kind, a.period_start, a.period_end, m.measure,
	   m.deprived AS from_most_deprived, m.total,
	   @extschema@.percent_of(m.deprived, m.total) AS from_most_deprived_pct,
	   t.target AS target_pct,
	   @extschema@.percent_of(m.deprived, m.total) >= t.target AS meets_target,
	   u.index_used
FROM surestart_internal.reach_figures AS a
LEFT JOIN surestart_internal.reach_figures AS d
  ON d.level = a.level AND d.unit_id = a.unit_id AND d.period = a.period AND d.kind = a.kind AND d.scope = 'deprived'
CROSS JOIN LATERAL (VALUES ('under_fives', coalesce(d.under_fives, 0), a.under_fives),
						   ('registered', coalesce(d.registered, 0), a.registered),
						   ('seen', coalesce(d.seen, 0), a.seen),
						   ('sustained', coalesce(d.sustained, 0), a.sustained),
						   ('families_registered', coalesce(d.families_registered, 0), a.families_registered),
						   ('families_seen', coalesce(d.families_seen, 0), a.families_seen),
						   ('families_sustained', coalesce(d.families_sustained, 0), a.families_sustained))
	AS m(measure, deprived, total)
CROSS JOIN (SELECT value::numeric AS target FROM @extschema@.setting WHERE name = 'best_start_deprived_target') AS t
CROSS JOIN @extschema@.deprived_index_used AS u
WHERE a.scope = 'all' AND a.level IN ('centre', 'county') AND a.visible;
COMMENT ON VIEW @extschema@.best_start_reach IS 'Best Start: the share of each centre''s and the county''s reach (children and families registered, seen, sustained) drawn from the most deprived LSOAs, from the stored figures, against the best_start_deprived_target setting';
COMMENT ON COLUMN @extschema@.best_start_reach.level IS 'centre or county';
COMMENT ON COLUMN @extschema@.best_start_reach.unit_id IS 'centre id, or county';
COMMENT ON COLUMN @extschema@.best_start_reach.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.best_start_reach.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN @extschema@.best_start_reach.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.best_start_reach.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.best_start_reach.measure IS 'under_fives (the population, for comparison), registered, seen, sustained, families_registered, families_seen or families_sustained, as in centre_reach';
COMMENT ON COLUMN @extschema@.best_start_reach.from_most_deprived IS 'the measure counting only the most deprived LSOAs (as in centre_reach_deprived)';
COMMENT ON COLUMN @extschema@.best_start_reach.total IS 'the measure over every LSOA (as in centre_reach)';
COMMENT ON COLUMN @extschema@.best_start_reach.from_most_deprived_pct IS 'from_most_deprived as a percentage of total, one decimal place (null when total is 0)';
COMMENT ON COLUMN @extschema@.best_start_reach.target_pct IS 'the best_start_deprived_target setting (default 70)';
COMMENT ON COLUMN @extschema@.best_start_reach.meets_target IS 'from_most_deprived_pct is at least the target';
COMMENT ON COLUMN @extschema@.best_start_reach.index_used IS 'the index edition and measure that chose the most deprived LSOAs (deprived_index_used)';

/*
 * Good level of development against the ambition, by centre (pupils placed
 * as in fsp_contact_ranking: the reach area holding their LSOA on 31 March
 * of the academic year) and for the county, for pupils living in the most
 * deprived LSOAs, the others, and all.
 */
CREATE VIEW @extschema@.best_start_gld AS
WITH pupil AS (
	SELECT DISTINCT ON (e.pupil_id)
		   e.pupil_id, e.academic_year, e.gld, a.centre_id,
		   CASE WHEN e.lsoa_code IN (SELECT d.lsoa_code FROM @extschema@.deprived_lsoa AS d)
				THEN 'most_deprived' ELSE 'other' END AS deprivation
	FROM @extschema@.eyfs_result AS e
	LEFT JOIN @extschema@.reach_area AS a
	  ON a.lsoa_code = e.lsoa_code
	 AND a.valid_from <= make_date(substr(e.academic_year, 1, 4)::integer + 1, 3, 31)
	 AND (a.valid_to IS NULL OR a.valid_to >= make_date(substr(e.academic_year, 1, 4)::integer + 1, 3, 31))
	WHERE e.gld IS NOT NULL
	ORDER BY e.pupil_id, a.valid_from DESC
), grouped AS (
	SELECT CASE WHEN grouping(p.centre_id) = 1 THEN 'county' ELSE 'centre' END AS level,
		   CASE WHEN grouping(p.centre_id) = 1 THEN 'county' ELSE p.centre_id END AS unit_id,
		   p.academic_year,
		   CASE WHEN grouping(p.deprivation) = 1 THEN 'all' ELSE p.deprivation END AS deprivation,
		   count(*) AS pupils, count(*) FILTER (WHERE p.gld) AS gld
	FROM pupil AS p
	GROUP BY GROUPING SETS ((p.centre_id, p.academic_year, p.deprivation), (p.centre_id, p.academic_year),
							(p.academic_year, p.deprivation), (p.academic_year))
)
SELECT g.level, g.unit_id, c.name AS centre, g.academic_year, g.deprivation, g.pupils, g.gld,
	   @extschema@.percent_of(g.gld, g.pupils) AS gld_pct,
	   a.ambition AS ambition_pct,
	   @extschema@.percent_of(g.gld, g.pupils) - a.ambition AS gap,
	   g.academic_year >= '2021/22' AS comparable_with_2021_22_on,
	   CASE WHEN g.academic_year < '2021/22'
			THEN 'EYFS profile before its 2021 reform: not comparable with 2021/22 and later' END AS note,
	   u.index_used
FROM grouped AS g
LEFT JOIN @extschema@.centre AS c ON g.level = 'centre' AND c.centre_id = g.unit_id
CROSS JOIN (SELECT value::numeric AS ambition FROM @extschema@.setting WHERE name = 'gld_ambition') AS a
CROSS JOIN @extschema@.deprived_index_used AS u
WHERE g.unit_id IS NOT NULL
  AND (g.level = 'county' OR g.unit_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v));
COMMENT ON VIEW @extschema@.best_start_gld IS 'Best Start: children reaching a good level of development (EYFS profile) by centre and for the county, for the most deprived LSOAs, the others and all, against the gld_ambition setting (75% by 2028); results before 2021/22 are not comparable with later years';
COMMENT ON COLUMN @extschema@.best_start_gld.level IS 'centre or county';
COMMENT ON COLUMN @extschema@.best_start_gld.unit_id IS 'centre id (the reach area holding the pupil''s LSOA on 31 March of the academic year), or county (every pupil, placed or not)';
COMMENT ON COLUMN @extschema@.best_start_gld.centre IS 'centre name (null for the county)';
COMMENT ON COLUMN @extschema@.best_start_gld.academic_year IS 'academic year of the assessment, 2012/13';
COMMENT ON COLUMN @extschema@.best_start_gld.deprivation IS 'most_deprived (pupils living in a deprived_lsoa LSOA), other, or all';
COMMENT ON COLUMN @extschema@.best_start_gld.pupils IS 'pupils assessed (with a GLD result)';
COMMENT ON COLUMN @extschema@.best_start_gld.gld IS 'of them, pupils reaching a good level of development';
COMMENT ON COLUMN @extschema@.best_start_gld.gld_pct IS 'gld as a percentage of pupils, one decimal place';
COMMENT ON COLUMN @extschema@.best_start_gld.ambition_pct IS 'the gld_ambition setting (default 75: the Best Start ambition for 2028)';
COMMENT ON COLUMN @extschema@.best_start_gld.gap IS 'gld_pct minus the ambition, percentage points (negative: below it)';
COMMENT ON COLUMN @extschema@.best_start_gld.comparable_with_2021_22_on IS 'false for results before 2021/22: the EYFS profile was reformed in 2021, so earlier GLD rates are not comparable with 2021/22 and later (compare them only among themselves)';
COMMENT ON COLUMN @extschema@.best_start_gld.note IS 'the comparability warning, for results before 2021/22';
COMMENT ON COLUMN @extschema@.best_start_gld.index_used IS 'the index edition and measure that chose the most deprived LSOAs (deprived_index_used)';

/* ---------------------------------------------------------------- the editions compared */

/*
 * Each index edition and measure held: the centres' reach in the most
 * deprived LSOAs by that index (deprived_percent per cent), so that a
 * change of index (IoD2019 to IoD2025) can be seen before it is made.
 */
CREATE VIEW @extschema@.deprived_reach_by_index AS
WITH dep AS (
	SELECT d.index_used AS index_name, d.lsoa_code FROM @extschema@.deprived_lsoa_by_index AS d
), sums AS (
	SELECT f.centre_id, f.period, f.kind, f.period_start, f.period_end, x.index_name,
		   count(DISTINCT f.lsoa_code) AS lsoas,
		   sum(f.under_fives)::bigint AS under_fives, sum(f.registered)::bigint AS registered,
		   sum(f.seen)::bigint AS seen, sum(f.sustained)::bigint AS sustained
	FROM surestart_internal.lsoa_figures AS f
	JOIN dep AS x ON x.lsoa_code = f.lsoa_code
	GROUP BY f.centre_id, f.period, f.kind, f.period_start, f.period_end, x.index_name
)
SELECT s.centre_id, c.name AS centre, s.period, s.kind, s.period_start, s.period_end, s.index_name AS index_used,
	   s.lsoas, s.under_fives, s.registered, @extschema@.percent_of(s.registered, s.under_fives) AS registered_pct,
	   s.seen, @extschema@.percent_of(s.seen, s.under_fives) AS seen_pct,
	   s.sustained, @extschema@.percent_of(s.sustained, s.under_fives) AS sustained_pct
FROM sums AS s
JOIN @extschema@.centre AS c ON c.centre_id = s.centre_id
WHERE s.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.deprived_reach_by_index IS 'Each centre''s reach in the most deprived LSOAs by every index edition and measure held (deprived_percent), from the stored figures: what a change of deprived_index would do (centre_reach_deprived shows the one in use); a centre without such LSOAs has no row';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.index_used IS 'index edition and measure, e.g. iod2019_idaci or iod2025_imd';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.lsoas IS 'LSOAs of the reach area in the most deprived by this index (directly or carried across the LSOA 2011-2021 lookup)';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.under_fives IS 'persons aged 0-4 in those LSOAs (ONS estimate)';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.registered IS 'their under-fives registered on the reference date';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.registered_pct IS 'registered as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.seen IS 'their under-fives with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.seen_pct IS 'seen as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.sustained IS 'their under-fives with at least sustained_contacts meaningful contacts';
COMMENT ON COLUMN @extschema@.deprived_reach_by_index.sustained_pct IS 'sustained as a percentage of under_fives, one decimal place';

/*
 * Each LSOA and whether it is among the most deprived by two indices
 * (edition_measure names, e.g. iod2019_imd and iod2025_imd), at
 * deprived_percent: entered, left, stayed in or stayed out.
 */
CREATE FUNCTION @extschema@.most_deprived_change(from_index text, to_index text)
RETURNS TABLE (lsoa_code text, name text, vintage integer, centre_id text, in_from boolean, in_to boolean, change text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF from_index IS NULL OR from_index !~ '^iod20(19|25)_(idaci|imd|income)$'
	   OR to_index IS NULL OR to_index !~ '^iod20(19|25)_(idaci|imd|income)$' THEN
		RAISE EXCEPTION 'invalid index "%"',
			CASE WHEN from_index IS NULL OR from_index !~ '^iod20(19|25)_(idaci|imd|income)$'
				 THEN coalesce(from_index, 'null') ELSE coalesce(to_index, 'null') END
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected an edition and measure: iod2019_idaci, iod2019_imd, iod2019_income, iod2025_idaci, iod2025_imd or iod2025_income.';
	END IF;
	RETURN QUERY
	WITH f AS (SELECT m.lsoa_code FROM @extschema@.deprived_lsoa_by_index AS m WHERE m.index_used = from_index),
		 t AS (SELECT m.lsoa_code FROM @extschema@.deprived_lsoa_by_index AS m WHERE m.index_used = to_index)
	SELECT l.lsoa_code, l.name, l.vintage,
		   (SELECT a.centre_id FROM @extschema@.reach_area AS a
			WHERE a.lsoa_code = l.lsoa_code AND a.valid_from <= CURRENT_DATE AND (a.valid_to IS NULL OR a.valid_to >= CURRENT_DATE)),
		   l.lsoa_code IN (SELECT f.lsoa_code FROM f), l.lsoa_code IN (SELECT t.lsoa_code FROM t),
		   CASE WHEN l.lsoa_code IN (SELECT f.lsoa_code FROM f)
				THEN CASE WHEN l.lsoa_code IN (SELECT t.lsoa_code FROM t) THEN 'stayed in' ELSE 'left' END
				ELSE CASE WHEN l.lsoa_code IN (SELECT t.lsoa_code FROM t) THEN 'entered' ELSE 'stayed out' END END
	FROM @extschema@.lsoa AS l
	ORDER BY l.lsoa_code;
END
$$;
COMMENT ON FUNCTION @extschema@.most_deprived_change(text, text) IS
	'each LSOA, its current centre, and whether it is among the most deprived (deprived_percent) by two indices, e.g. iod2019_imd and iod2025_imd: entered, left, stayed in or stayed out (across vintages by the LSOA11-LSOA21 lookup)';
