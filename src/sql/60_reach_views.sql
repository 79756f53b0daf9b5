/* src/sql/60_reach_views.sql: reach by period, the counting rules of SPEC */

/*
 * The counting rules, once, for every reach view:
 *   - a period's reference date is its last day;
 *   - a child counts for the centre whose reach area holds its family's
 *     LSOA on that day (the later period when two touch), if under five
 *     then;
 *   - under_fives come from the latest mid-year estimate not after the
 *     reference year, else the earliest, chosen per LSOA;
 *   - meaningful contacts follow contact_rule: 'never' modes are dropped,
 *     'once_per_term' modes count once per child, mode and term within the
 *     period, other modes (listed as 'always' or not listed) always count;
 *   - seen / sustained are counted by the contact_reach aggregate, over
 *     child ids and, for families, over family ids.
 */

/*
 * The periods are made by a PL/pgSQL function, which the planner cannot
 * inline, so that it plans them as the handful of rows they are (ROWS 12)
 * rather than the thousand it assumes for generate_series; the inflated
 * estimate otherwise pushes every reach view over jit_above_cost, and JIT
 * compilation then costs seconds.
 *
 * SECURITY DEFINER (reviewed): functions called from a view run with the
 * caller's rights, and analysts and BI readers, who may not read contact or
 * registration, must still be able to read the reporting views.  It returns
 * only the first and last dates' financial periods, reads two fixed tables
 * with schema-qualified names, takes no argument and runs no dynamic SQL;
 * search_path is pinned.  EXECUTE stays granted to PUBLIC on purpose.
 */
CREATE FUNCTION @extschema@.reporting_periods()
RETURNS TABLE (period text, kind text, period_start date, period_end date)
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 16 SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_day date;
	last_day date;
BEGIN
	SELECT min(k.contact_on), max(k.contact_on) INTO first_day, last_day FROM @extschema@.contact AS k;
	IF first_day IS NULL THEN
		SELECT min(g.registered_on), max(g.registered_on) INTO first_day, last_day FROM @extschema@.registration AS g;
	END IF;
	IF first_day IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY
		SELECT @extschema@.financial_quarter(q::date), 'quarter'::text, q::date,
			   (q + interval '3 months' - interval '1 day')::date
		FROM generate_series(date_trunc('quarter', first_day::timestamp), last_day::timestamp, interval '3 months') AS q
		UNION ALL
		SELECT @extschema@.financial_year(y::date), 'year'::text, y::date,
			   (y + interval '1 year' - interval '1 day')::date
		FROM generate_series(make_date(extract(year FROM first_day - interval '3 months')::integer, 4, 1)::timestamp,
							 last_day::timestamp, interval '1 year') AS y
		UNION ALL
		SELECT @extschema@.financial_year(q::date) || ' Q1-' || right(@extschema@.financial_quarter(q::date), 2),
			   'year_to_date'::text, b.period_start, b.period_end
		FROM generate_series(date_trunc('quarter', first_day::timestamp), last_day::timestamp, interval '3 months') AS q
		CROSS JOIN LATERAL @extschema@.financial_period_bounds(
			@extschema@.financial_year(q::date) || ' Q1-' || right(@extschema@.financial_quarter(q::date), 2)) AS b
		WHERE extract(month FROM q) IN (7, 10);
END
$$;
COMMENT ON FUNCTION @extschema@.reporting_periods() IS 'financial quarters, years and years to date (at the end of Q2 and Q3) from the first to the last contact (registrations when there are no contacts)';

CREATE VIEW @extschema@.reporting_period AS
SELECT period, kind, period_start, period_end FROM @extschema@.reporting_periods();
COMMENT ON VIEW @extschema@.reporting_period IS 'Financial quarters and years from the first to the last contact (registrations when there are no contacts): the periods every reach view reports';
COMMENT ON COLUMN @extschema@.reporting_period.period IS 'period label: 2013-14 Q3 for a quarter, 2013-14 for a financial year';
COMMENT ON COLUMN @extschema@.reporting_period.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.reporting_period.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.reporting_period.period_end IS 'last day of the period: the reference date of its counts';

/*
 * kind is among the DISTINCT ON keys although the period determines it: a
 * filter on kind can then reach reporting_periods() instead of being applied
 * above the DISTINCT ON, where the planner would guess one row and rescan the
 * per-LSOA counts in nested loops (a 25 s query on the demo against 0.13 s).
 * meaningful_contact does the same.
 */
CREATE VIEW @extschema@.period_reach_area AS
SELECT DISTINCT ON (p.period, p.kind, r.lsoa_code)
	   p.period, p.kind, p.period_start, p.period_end, r.lsoa_code, r.centre_id
FROM @extschema@.reporting_period AS p
JOIN @extschema@.reach_area AS r
  ON r.valid_from <= p.period_end AND (r.valid_to IS NULL OR r.valid_to >= p.period_end)
ORDER BY p.period, p.kind, r.lsoa_code, r.valid_from DESC;
COMMENT ON VIEW @extschema@.period_reach_area IS 'The centre whose reach area holds each LSOA on each period''s reference date';
COMMENT ON COLUMN @extschema@.period_reach_area.period IS 'period label';
COMMENT ON COLUMN @extschema@.period_reach_area.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.period_reach_area.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.period_reach_area.period_end IS 'reference date';
COMMENT ON COLUMN @extschema@.period_reach_area.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.period_reach_area.centre_id IS 'centre whose reach area holds the LSOA on the reference date';

CREATE VIEW @extschema@.counted_child AS
SELECT a.period, a.kind, a.period_start, a.period_end, a.lsoa_code, a.centre_id, c.child_id, c.family_id,
	   EXISTS (SELECT 1 FROM @extschema@.registration AS g
			   WHERE g.child_id = c.child_id AND g.registered_on <= a.period_end
				 AND (g.ended_on IS NULL OR g.ended_on >= a.period_end)) AS registered
FROM @extschema@.period_reach_area AS a
JOIN @extschema@.family AS f ON f.lsoa_code = a.lsoa_code
JOIN @extschema@.child AS c ON c.family_id = f.family_id
WHERE c.dob > a.period_end - interval '6 years'
  AND CASE WHEN c.dob <= a.period_end THEN @extschema@.age_on(c.dob, a.period_end) < 5 ELSE false END;
COMMENT ON VIEW @extschema@.counted_child IS 'Children counted in each period: under five on the reference date, living in a reach area then (person-level)';
COMMENT ON COLUMN @extschema@.counted_child.period IS 'period label';
COMMENT ON COLUMN @extschema@.counted_child.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.counted_child.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.counted_child.period_end IS 'reference date';
COMMENT ON COLUMN @extschema@.counted_child.lsoa_code IS 'LSOA where the child''s family lives';
COMMENT ON COLUMN @extschema@.counted_child.centre_id IS 'centre the child counts for';
COMMENT ON COLUMN @extschema@.counted_child.child_id IS 'child';
COMMENT ON COLUMN @extschema@.counted_child.family_id IS 'child''s family';
COMMENT ON COLUMN @extschema@.counted_child.registered IS 'registered at any centre on the reference date';

CREATE VIEW @extschema@.meaningful_contact AS
SELECT cc.period, cc.kind, cc.lsoa_code, cc.centre_id, cc.child_id, cc.family_id, k.contact_id
FROM @extschema@.counted_child AS cc
JOIN @extschema@.contact AS k
  ON k.child_id = cc.child_id AND k.contact_on BETWEEN cc.period_start AND cc.period_end
WHERE NOT EXISTS (SELECT 1 FROM @extschema@.contact_rule AS r
				  WHERE r.mode = k.mode AND r.counts IN ('never', 'once_per_term'))
UNION ALL
(SELECT DISTINCT ON (cc.period, cc.kind, cc.child_id, k.mode, @extschema@.term_start(k.contact_on))
	   cc.period, cc.kind, cc.lsoa_code, cc.centre_id, cc.child_id, cc.family_id, k.contact_id
FROM @extschema@.counted_child AS cc
JOIN @extschema@.contact AS k
  ON k.child_id = cc.child_id AND k.contact_on BETWEEN cc.period_start AND cc.period_end
JOIN @extschema@.contact_rule AS r ON r.mode = k.mode AND r.counts = 'once_per_term'
ORDER BY cc.period, cc.kind, cc.child_id, k.mode, @extschema@.term_start(k.contact_on), k.contact_on, k.contact_id);
COMMENT ON VIEW @extschema@.meaningful_contact IS 'Meaningful contacts of counted children in each period, at any centre, after contact_rule (person-level)';
COMMENT ON COLUMN @extschema@.meaningful_contact.period IS 'period label';
COMMENT ON COLUMN @extschema@.meaningful_contact.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.meaningful_contact.lsoa_code IS 'LSOA where the child''s family lives';
COMMENT ON COLUMN @extschema@.meaningful_contact.centre_id IS 'centre the child counts for (not necessarily the centre that made the contact)';
COMMENT ON COLUMN @extschema@.meaningful_contact.child_id IS 'child';
COMMENT ON COLUMN @extschema@.meaningful_contact.family_id IS 'child''s family';
COMMENT ON COLUMN @extschema@.meaningful_contact.contact_id IS 'contact';

/* Counts per LSOA and period; every other reach figure adds these up. */
CREATE VIEW @extschema@.lsoa_period_counts AS
SELECT a.period, a.kind, a.period_start, a.period_end, a.lsoa_code, a.centre_id,
	   coalesce(pop.persons, 0) AS under_fives,
	   coalesce(ch.registered, 0) AS registered,
	   coalesce((m.children).seen, 0) AS seen,
	   coalesce((m.children).sustained, 0) AS sustained,
	   coalesce((m.families).seen, 0) AS families_seen,
	   coalesce((m.families).sustained, 0) AS families_sustained
FROM @extschema@.period_reach_area AS a
LEFT JOIN LATERAL (
	SELECT sum(p.persons)::bigint AS persons
	FROM @extschema@.population AS p
	WHERE p.lsoa_code = a.lsoa_code
	  AND p.mid_year = coalesce(
			(SELECT max(q.mid_year) FROM @extschema@.population AS q
			 WHERE q.lsoa_code = a.lsoa_code AND q.mid_year <= extract(year FROM a.period_end)),
			(SELECT min(q.mid_year) FROM @extschema@.population AS q WHERE q.lsoa_code = a.lsoa_code))
) AS pop ON true
LEFT JOIN (
	SELECT period, kind, lsoa_code, count(*) FILTER (WHERE registered) AS registered
	FROM @extschema@.counted_child
	GROUP BY period, kind, lsoa_code
) AS ch ON ch.period = a.period AND ch.kind = a.kind AND ch.lsoa_code = a.lsoa_code
LEFT JOIN (
	SELECT period, kind, lsoa_code,
		   @extschema@.contact_reach(child_id) AS children,
		   @extschema@.contact_reach(family_id) AS families
	FROM @extschema@.meaningful_contact
	GROUP BY period, kind, lsoa_code
) AS m ON m.period = a.period AND m.kind = a.kind AND m.lsoa_code = a.lsoa_code;
COMMENT ON VIEW @extschema@.lsoa_period_counts IS 'Reach counts per LSOA and period, the base every reach view adds up';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.period IS 'period label';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.period_end IS 'reference date';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.centre_id IS 'centre whose reach area holds the LSOA on the reference date';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.under_fives IS 'ONS estimate of persons aged 0-4 (latest mid-year not after the reference year, else the earliest)';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.registered IS 'counted children registered at any centre on the reference date';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.seen IS 'counted children with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.sustained IS 'counted children with at least sustained_contacts meaningful contacts in the period';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.families_seen IS 'families whose counted children had at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.families_sustained IS 'families whose counted children''s meaningful contacts add up to at least sustained_contacts';

/*
 * The LSOAs counted as most deprived: the setting's index (idaci or imd) in
 * the most deprived deprived_percent per cent of LSOAs nationally, read from
 * deciles when the percentage is whole tens, else from ranks out of the
 * number of LSOAs in England of the LSOA's vintage.
 */
CREATE VIEW @extschema@.deprived_lsoa AS
WITH cut AS (
	SELECT (SELECT value FROM @extschema@.setting WHERE name = 'deprived_index') AS index_name,
		   (SELECT value::numeric FROM @extschema@.setting WHERE name = 'deprived_percent') AS percent
)
SELECT l.lsoa_code
FROM @extschema@.lsoa AS l, cut
WHERE CASE WHEN cut.percent % 10 = 0
		   THEN CASE cut.index_name WHEN 'imd' THEN l.imd_decile ELSE l.idaci_decile END <= cut.percent / 10
		   ELSE CASE cut.index_name WHEN 'imd' THEN l.imd_rank ELSE l.idaci_rank END
				<= floor(cut.percent / 100 * CASE l.vintage WHEN 2021 THEN 33755 ELSE 32844 END)
	  END;
COMMENT ON VIEW @extschema@.deprived_lsoa IS 'LSOAs in the most deprived areas: settings deprived_index (idaci or imd) and deprived_percent (30: deciles 1-3)';
COMMENT ON COLUMN @extschema@.deprived_lsoa.lsoa_code IS 'LSOA in the most deprived areas';

/*
 * Reach figures at every level (lsoa, centre, group, district, county) and
 * scope (all LSOAs, or the most deprived), with percentages of under-fives
 * (one decimal place, half away from zero) and Ofsted's words.
 */
/*
 * Each LSOA's counts are counted once for the LSOA, its centre, group,
 * district and the county, and summed per unit in one GROUP BY, so the base
 * is computed once whatever levels are asked for, and a filter on period
 * reaches it (PostgreSQL pushes no filter into GROUPING SETS or into a CTE
 * used twice).
 */
CREATE VIEW @extschema@.reach_figures AS
SELECT level, unit_id, scope, period, kind, period_start, period_end,
	   under_fives, registered,
	   CASE WHEN under_fives > 0 THEN round(100.0 * registered / under_fives, 1) END AS registered_pct,
	   seen,
	   CASE WHEN under_fives > 0 THEN round(100.0 * seen / under_fives, 1) END AS seen_pct,
	   sustained,
	   CASE WHEN under_fives > 0 THEN round(100.0 * sustained / under_fives, 1) END AS sustained_pct,
	   families_seen, families_sustained,
	   CASE WHEN under_fives > 0 AND registered <= under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(registered, under_fives)) END AS registered_words,
	   CASE WHEN under_fives > 0 AND seen <= under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(seen, under_fives)) END AS seen_words,
	   level IN ('district', 'county') OR any_visible AS visible
FROM (
	SELECT x.level, x.unit_id, s.scope, l.period, l.kind, l.period_start, l.period_end,
		   sum(l.under_fives)::bigint AS under_fives, sum(l.registered)::bigint AS registered,
		   sum(l.seen)::bigint AS seen, sum(l.sustained)::bigint AS sustained,
		   sum(l.families_seen)::bigint AS families_seen, sum(l.families_sustained)::bigint AS families_sustained,
		   bool_or(l.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)) AS any_visible
	FROM @extschema@.lsoa_period_counts AS l
	JOIN @extschema@.centre AS c USING (centre_id)
	CROSS JOIN LATERAL (SELECT 'all'::text UNION ALL
						SELECT 'deprived' WHERE l.lsoa_code IN (SELECT d.lsoa_code FROM @extschema@.deprived_lsoa AS d)) AS s(scope)
	CROSS JOIN LATERAL (VALUES ('lsoa'::text, l.lsoa_code), ('centre', l.centre_id), ('group', c.group_id),
							   ('district', c.district_code), ('county', 'county')) AS x(level, unit_id)
	WHERE x.unit_id IS NOT NULL
	GROUP BY x.level, x.unit_id, s.scope, l.period, l.kind, l.period_start, l.period_end
) AS g;
COMMENT ON VIEW @extschema@.reach_figures IS 'Reach figures at every level (lsoa, centre, group, district, county) and scope (all, deprived) per period';
COMMENT ON COLUMN @extschema@.reach_figures.level IS 'lsoa, centre, group, district or county';
COMMENT ON COLUMN @extschema@.reach_figures.unit_id IS 'LSOA code, centre id, group id, district code, or county';
COMMENT ON COLUMN @extschema@.reach_figures.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs (deprived_lsoa)';
COMMENT ON COLUMN @extschema@.reach_figures.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.reach_figures.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.reach_figures.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.reach_figures.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.reach_figures.under_fives IS 'persons aged 0-4 in the reach area (ONS estimate: latest mid-year not after the reference year, else the earliest)';
COMMENT ON COLUMN @extschema@.reach_figures.registered IS 'under-fives living in the area registered at any centre on the reference date';
COMMENT ON COLUMN @extschema@.reach_figures.registered_pct IS 'registered as a percentage of under_fives, one decimal place (may exceed 100 when the estimate is low)';
COMMENT ON COLUMN @extschema@.reach_figures.seen IS 'under-fives living in the area with at least one meaningful contact in the period, at any centre';
COMMENT ON COLUMN @extschema@.reach_figures.seen_pct IS 'seen as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_figures.sustained IS 'under-fives with at least sustained_contacts meaningful contacts in the period';
COMMENT ON COLUMN @extschema@.reach_figures.sustained_pct IS 'sustained as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_figures.families_seen IS 'families whose counted children had at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.reach_figures.families_sustained IS 'families whose counted children''s meaningful contacts add up to at least sustained_contacts';
COMMENT ON COLUMN @extschema@.reach_figures.registered_words IS 'Ofsted''s words for registered_pct (null above 100%)';
COMMENT ON COLUMN @extschema@.reach_figures.seen_words IS 'Ofsted''s words for seen_pct (null above 100%)';
COMMENT ON COLUMN @extschema@.reach_figures.visible IS 'the current user may see the row (visible_centre): an LSOA or centre of a visible centre, a group with one, every district and the county (comparators)';

/*
 * reach_figures itself is unfiltered (its group, district and county rows
 * add up every centre whoever asks), so it is an internal view that
 * partners are not granted; the views partners read filter on its visible
 * column or on visible_centre.
 *
 * Every centre open during a period has a row, with zeros when no LSOA of
 * its reach area holds children (the percentages are then null).
 */
CREATE VIEW @extschema@.centre_reach_scoped AS
SELECT s.scope, c.centre_id, c.name AS centre, p.period, p.period_start, p.period_end,
	   coalesce(r.under_fives, 0) AS under_fives, coalesce(r.registered, 0) AS registered, r.registered_pct,
	   coalesce(r.seen, 0) AS seen, r.seen_pct, coalesce(r.sustained, 0) AS sustained, r.sustained_pct,
	   coalesce(r.families_seen, 0) AS families_seen, coalesce(r.families_sustained, 0) AS families_sustained,
	   r.registered_words, r.seen_words, p.kind
FROM @extschema@.centre AS c
CROSS JOIN @extschema@.reporting_period AS p
CROSS JOIN (VALUES ('all'), ('deprived')) AS s(scope)
LEFT JOIN @extschema@.reach_figures AS r
  ON r.level = 'centre' AND r.unit_id = c.centre_id AND r.scope = s.scope
 AND r.kind = p.kind AND r.period = p.period
WHERE (c.opened_on IS NULL OR c.opened_on <= p.period_end)
  AND (c.closed_on IS NULL OR c.closed_on >= p.period_start);
COMMENT ON VIEW @extschema@.centre_reach_scoped IS 'centre_reach and centre_reach_deprived in one view, told apart by scope';
COMMENT ON COLUMN @extschema@.centre_reach_scoped.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs';

CREATE VIEW @extschema@.centre_reach AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind
FROM @extschema@.centre_reach_scoped
WHERE scope = 'all'
  AND centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.centre_reach IS 'Reach of each centre per financial quarter and year: under-fives of its reach area, registered, seen and sustained, children and families';

CREATE VIEW @extschema@.centre_reach_deprived AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind
FROM @extschema@.centre_reach_scoped
WHERE scope = 'deprived'
  AND centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.centre_reach_deprived IS 'centre_reach counting only the most deprived LSOAs of each reach area (settings deprived_index, deprived_percent)';

CREATE VIEW @extschema@.lsoa_reach AS
SELECT r.unit_id AS lsoa_code, l.name AS lsoa, a.centre_id, r.period, r.period_start, r.period_end,
	   r.under_fives, r.registered, r.registered_pct, r.seen, r.seen_pct, r.sustained, r.sustained_pct,
	   r.families_seen, r.families_sustained, r.registered_words, r.seen_words, r.kind,
	   l.idaci_decile, l.imd_decile,
	   r.unit_id IN (SELECT lsoa_code FROM @extschema@.deprived_lsoa) AS most_deprived
FROM @extschema@.reach_figures AS r
JOIN @extschema@.lsoa AS l ON l.lsoa_code = r.unit_id
JOIN @extschema@.period_reach_area AS a ON a.lsoa_code = r.unit_id AND a.period = r.period
WHERE r.level = 'lsoa' AND r.scope = 'all'
  AND a.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.lsoa_reach IS 'The reach figures of centre_reach for each LSOA of a reach area';
COMMENT ON COLUMN @extschema@.lsoa_reach.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.lsoa_reach.lsoa IS 'LSOA name';
COMMENT ON COLUMN @extschema@.lsoa_reach.idaci_decile IS 'IDACI decile (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa_reach.imd_decile IS 'IMD decile (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa_reach.most_deprived IS 'the LSOA is in the most deprived areas (deprived_lsoa)';

/* The shared columns of the three reach views carry reach_figures' comments. */
DO $$
DECLARE
	v text;
	col record;
BEGIN
	FOREACH v IN ARRAY ARRAY['centre_reach_scoped', 'centre_reach', 'centre_reach_deprived', 'lsoa_reach'] LOOP
		FOR col IN
			SELECT a.attname, pg_catalog.col_description('@extschema@.reach_figures'::pg_catalog.regclass, f.attnum) AS text
			FROM pg_catalog.pg_attribute AS a
			JOIN pg_catalog.pg_attribute AS f
			  ON f.attrelid = '@extschema@.reach_figures'::pg_catalog.regclass AND f.attname = a.attname
			WHERE a.attrelid = pg_catalog.format('@extschema@.%I', v)::pg_catalog.regclass
			  AND a.attnum > 0
			  AND pg_catalog.col_description(a.attrelid, a.attnum) IS NULL
		LOOP
			EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', v, col.attname, col.text);
		END LOOP;
	END LOOP;
END
$$;
COMMENT ON COLUMN @extschema@.centre_reach_scoped.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_reach_scoped.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.centre_reach.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_reach.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.centre_reach_deprived.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_reach_deprived.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.lsoa_reach.centre_id IS 'centre whose reach area holds the LSOA on the reference date';

CREATE VIEW @extschema@.unknown_contact_mode AS
SELECT k.mode, count(*) AS contacts, min(k.contact_on) AS first_on, max(k.contact_on) AS last_on
FROM @extschema@.contact AS k
WHERE k.mode IS NULL OR NOT EXISTS (SELECT 1 FROM @extschema@.contact_rule AS r WHERE r.mode = k.mode)
GROUP BY k.mode;
COMMENT ON VIEW @extschema@.unknown_contact_mode IS 'Contact modes not listed in contact_rule (counted as always meaningful): add a rule for each';
COMMENT ON COLUMN @extschema@.unknown_contact_mode.mode IS 'the unlisted mode (null when the contact has none)';
COMMENT ON COLUMN @extschema@.unknown_contact_mode.contacts IS 'contacts recorded with it';
COMMENT ON COLUMN @extschema@.unknown_contact_mode.first_on IS 'first day it was used';
COMMENT ON COLUMN @extschema@.unknown_contact_mode.last_on IS 'last day it was used';
