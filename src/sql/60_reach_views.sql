/* src/sql/60_reach_views.sql: reach by period, the counting rules of SPEC */

/*
 * The reach views read the stored figures (58_figures.sql): each period's
 * figures are counted once per LSOA, and every figure here is a sum of
 * those rows.  The counting rules are written in count_periods(); the
 * person-level views counted_child and meaningful_contact below state them
 * again for every period at once, for the contact profile and for the
 * tests that recount the stored figures from the raw rows.
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

CREATE VIEW surestart_internal.reporting_period AS
SELECT period, kind, period_start, period_end FROM @extschema@.reporting_periods();
COMMENT ON VIEW surestart_internal.reporting_period IS 'Financial quarters, years and years to date from the first to the last contact (registrations when there are no contacts): the periods every reach view reports';
COMMENT ON COLUMN surestart_internal.reporting_period.period IS 'period label: 2013-14 Q3 for a quarter, 2013-14 Q1-Q3 for a year to date, 2013-14 for a financial year';
COMMENT ON COLUMN surestart_internal.reporting_period.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_internal.reporting_period.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_internal.reporting_period.period_end IS 'last day of the period: the reference date of its counts';

/* ---------------------------------------------------------------- freshness */

/*
 * Each reporting period, and whether its stored figures are current: stored,
 * not changed since (no note in figure_change) and counted with today's
 * sustained_contacts.  The views read a current period's stored rows and
 * count any other period live.  Its stored sums (unit_figure) are current
 * too while nothing they were summed by changed (no note in roll_up_change);
 * else reach_figures sums the LSOA rows when read.
 */
CREATE VIEW surestart_internal.period_state AS
SELECT p.period, p.kind, p.period_start, p.period_end, s.threshold,
	   f.computed_at, f.sustained_contacts AS counted_with, c.changed_since,
	   f.period IS NOT NULL AND c.changed_since IS NULL AND f.sustained_contacts = s.threshold AS current,
	   g.regrouped_since,
	   f.period IS NOT NULL AND c.changed_since IS NULL AND f.sustained_contacts = s.threshold
	   AND g.regrouped_since IS NULL AS sums_current
FROM surestart_internal.reporting_period AS p
CROSS JOIN (SELECT value::integer AS threshold FROM @extschema@.setting WHERE name = 'sustained_contacts') AS s
CROSS JOIN (SELECT min(n.changed_at) AS regrouped_since FROM surestart_internal.roll_up_change AS n) AS g
LEFT JOIN surestart_internal.figure_period AS f ON f.period = p.period
LEFT JOIN LATERAL (SELECT min(n.changed_at) AS changed_since
				   FROM surestart_internal.figure_change AS n WHERE n.period = p.period) AS c ON true;
COMMENT ON VIEW surestart_internal.period_state IS 'Each reporting period and whether its stored figures are current (stored, unchanged since, counted with today''s sustained_contacts)';
COMMENT ON COLUMN surestart_internal.period_state.period IS 'period label';
COMMENT ON COLUMN surestart_internal.period_state.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_internal.period_state.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_internal.period_state.period_end IS 'reference date';
COMMENT ON COLUMN surestart_internal.period_state.threshold IS 'today''s sustained_contacts setting';
COMMENT ON COLUMN surestart_internal.period_state.computed_at IS 'when refresh() last counted the period (null: never)';
COMMENT ON COLUMN surestart_internal.period_state.counted_with IS 'the sustained_contacts the stored figures were counted with';
COMMENT ON COLUMN surestart_internal.period_state.changed_since IS 'the first change to its data since it was counted (null: none)';
COMMENT ON COLUMN surestart_internal.period_state.current IS 'the stored figures are current';
COMMENT ON COLUMN surestart_internal.period_state.regrouped_since IS 'the first change since the last refresh() to what the LSOA figures are summed and shown by: centres, LSOAs, the most deprived LSOAs, Ofsted''s words (null: none)';
COMMENT ON COLUMN surestart_internal.period_state.sums_current IS 'the stored figures and their stored sums (unit_figure) are current';

CREATE VIEW @extschema@.reach_freshness AS
SELECT period, kind, period_start, period_end, computed_at, coalesce(changed_since, regrouped_since) AS changed_since,
	   CASE WHEN computed_at IS NULL THEN 'not stored'
			WHEN changed_since IS NOT NULL THEN 'changed'
			WHEN NOT current THEN 'threshold changed'
			WHEN NOT sums_current THEN 'regrouped'
			ELSE 'current' END AS state,
	   counted_with AS sustained_contacts
FROM surestart_internal.period_state;
COMMENT ON VIEW @extschema@.reach_freshness IS 'Whether each period''s stored figures are current; the views count a period that is not current live until refresh() stores it again';
COMMENT ON COLUMN @extschema@.reach_freshness.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.reach_freshness.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN @extschema@.reach_freshness.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.reach_freshness.period_end IS 'last day of the period, the reference date of its counts';
COMMENT ON COLUMN @extschema@.reach_freshness.computed_at IS 'when refresh() last counted the period (null: never, so the views count it live)';
COMMENT ON COLUMN @extschema@.reach_freshness.changed_since IS 'the first change to the period''s data, or to what its LSOA figures are summed by, since it was counted (null: none); the views count or sum it live until the next refresh()';
COMMENT ON COLUMN @extschema@.reach_freshness.state IS 'current (stored figures shown), regrouped (a centre, an LSOA, the most deprived LSOAs or Ofsted''s words changed: the stored LSOA figures are summed when read), changed, threshold changed (sustained_contacts differs from the one counted with) or not stored: the last three are counted live';
COMMENT ON COLUMN @extschema@.reach_freshness.sustained_contacts IS 'the sustained_contacts setting the stored figures were counted with';

/*
 * Every figure per period and LSOA: the stored rows of current periods and
 * a live count of the others (count_periods counts the periods of a year
 * that are not current together).  The live counts are a materialized CTE, so a
 * query counts each period that is not current once, however often the
 * planner rescans this view (as the inner side of a nested loop), and not
 * at all while every period is current; a filter on period still reaches
 * the stored rows.
 */
CREATE VIEW surestart_internal.lsoa_figures AS
WITH live AS MATERIALIZED (
	SELECT s.period, s.kind, s.period_start, s.period_end, c.lsoa_code, c.centre_id,
		   c.under_fives, c.registered, c.seen, c.sustained,
		   c.families_registered, c.families_seen, c.families_sustained, c.contacts, c.family_contacts, c.coverage,
		   c.vulnerable_families, c.vulnerable_seen, c.vulnerable_sustained
	FROM (SELECT array_agg(p.period) AS periods, min(p.threshold) AS threshold
		  FROM surestart_internal.period_state AS p
		  WHERE NOT p.current
		  HAVING count(*) > 0) AS y
	CROSS JOIN LATERAL surestart_internal.count_periods(y.periods, y.threshold) AS c
	JOIN surestart_internal.period_state AS s ON s.period = c.period
)
SELECT s.period, s.kind, s.period_start, s.period_end, f.lsoa_code, f.centre_id,
	   f.under_fives, f.registered, f.seen, f.sustained,
	   f.families_registered, f.families_seen, f.families_sustained, f.contacts, f.family_contacts, f.coverage,
	   f.vulnerable_families, f.vulnerable_seen, f.vulnerable_sustained
FROM surestart_internal.period_state AS s
JOIN surestart_internal.lsoa_figure AS f ON f.period = s.period
WHERE s.current
UNION ALL
SELECT * FROM live;
COMMENT ON VIEW surestart_internal.lsoa_figures IS 'Reach and coverage per period and LSOA of a reach area: stored rows of current periods, live counts of the others; every figure above the LSOA adds these up';

/* ---------------------------------------------------------------- person-level building blocks */

/*
 * kind is among the DISTINCT ON keys although the period determines it: a
 * filter on kind can then reach reporting_periods() instead of being applied
 * above the DISTINCT ON.  meaningful_contact does the same.
 */
CREATE VIEW surestart_internal.period_reach_area AS
SELECT DISTINCT ON (p.period, p.kind, r.lsoa_code)
	   p.period, p.kind, p.period_start, p.period_end, r.lsoa_code, r.centre_id
FROM surestart_internal.reporting_period AS p
JOIN @extschema@.reach_area AS r
  ON r.valid_from <= p.period_end AND (r.valid_to IS NULL OR r.valid_to >= p.period_end)
ORDER BY p.period, p.kind, r.lsoa_code, r.valid_from DESC;
COMMENT ON VIEW surestart_internal.period_reach_area IS 'The centre whose reach area holds each LSOA on each period''s reference date';
COMMENT ON COLUMN surestart_internal.period_reach_area.period IS 'period label';
COMMENT ON COLUMN surestart_internal.period_reach_area.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_internal.period_reach_area.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_internal.period_reach_area.period_end IS 'reference date';
COMMENT ON COLUMN surestart_internal.period_reach_area.lsoa_code IS 'LSOA';
COMMENT ON COLUMN surestart_internal.period_reach_area.centre_id IS 'centre whose reach area holds the LSOA on the reference date';

CREATE VIEW surestart_internal.counted_child AS
SELECT a.period, a.kind, a.period_start, a.period_end, a.lsoa_code, a.centre_id, c.child_id, c.family_id,
	   EXISTS (SELECT 1 FROM @extschema@.registration AS g
			   WHERE g.child_id = c.child_id AND g.registered_on <= a.period_end
				 AND (g.ended_on IS NULL OR g.ended_on >= a.period_end)) AS registered
FROM surestart_internal.period_reach_area AS a
JOIN @extschema@.family AS f ON f.lsoa_code = a.lsoa_code
JOIN @extschema@.child AS c ON c.family_id = f.family_id
WHERE c.dob > a.period_end - interval '6 years'
  AND CASE WHEN c.dob <= a.period_end THEN @extschema@.age_on(c.dob, a.period_end) < 5 ELSE false END;
COMMENT ON VIEW surestart_internal.counted_child IS 'Children counted in each period: under five on the reference date, living in a reach area then (person-level)';
COMMENT ON COLUMN surestart_internal.counted_child.period IS 'period label';
COMMENT ON COLUMN surestart_internal.counted_child.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_internal.counted_child.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_internal.counted_child.period_end IS 'reference date';
COMMENT ON COLUMN surestart_internal.counted_child.lsoa_code IS 'LSOA where the child''s family lives';
COMMENT ON COLUMN surestart_internal.counted_child.centre_id IS 'centre the child counts for';
COMMENT ON COLUMN surestart_internal.counted_child.child_id IS 'child';
COMMENT ON COLUMN surestart_internal.counted_child.family_id IS 'child''s family';
COMMENT ON COLUMN surestart_internal.counted_child.registered IS 'registered at any centre on the reference date';

/*
 * 'once_per_term' contacts count once per child, mode and term within the
 * period, except on days the child has a social-care episode open, when
 * each counts (in_care is among the row_number keys, so the first contact
 * outside care in a term still counts once).
 */
CREATE VIEW surestart_internal.meaningful_contact AS
SELECT cc.period, cc.kind, cc.lsoa_code, cc.centre_id, cc.child_id, cc.family_id, k.contact_id, k.contact_on
FROM surestart_internal.counted_child AS cc
JOIN @extschema@.contact AS k
  ON k.child_id = cc.child_id AND k.contact_on BETWEEN cc.period_start AND cc.period_end
WHERE NOT EXISTS (SELECT 1 FROM @extschema@.contact_rule AS r
				  WHERE r.mode = k.mode AND r.counts IN ('never', 'once_per_term'))
UNION ALL
SELECT t.period, t.kind, t.lsoa_code, t.centre_id, t.child_id, t.family_id, t.contact_id, t.contact_on
FROM (SELECT cc.period, cc.kind, cc.lsoa_code, cc.centre_id, cc.child_id, cc.family_id, k.contact_id, k.contact_on,
			 s.in_care,
			 row_number() OVER (PARTITION BY cc.period, cc.kind, cc.child_id, k.mode, @extschema@.term_start(k.contact_on), s.in_care
								ORDER BY k.contact_on, k.contact_id) AS nth
	  FROM surestart_internal.counted_child AS cc
	  JOIN @extschema@.contact AS k
		ON k.child_id = cc.child_id AND k.contact_on BETWEEN cc.period_start AND cc.period_end
	  JOIN @extschema@.contact_rule AS r ON r.mode = k.mode AND r.counts = 'once_per_term'
	  CROSS JOIN LATERAL (
		  SELECT EXISTS (SELECT 1 FROM @extschema@.social_care AS sc
						 WHERE sc.child_id = k.child_id AND sc.starts_on <= k.contact_on
						   AND (sc.ends_on IS NULL OR sc.ends_on >= k.contact_on)) AS in_care) AS s) AS t
WHERE t.in_care OR t.nth = 1;
COMMENT ON VIEW surestart_internal.meaningful_contact IS 'Meaningful contacts of counted children in each period, at any centre, after contact_rule and the social-care rule (person-level)';
COMMENT ON COLUMN surestart_internal.meaningful_contact.period IS 'period label';
COMMENT ON COLUMN surestart_internal.meaningful_contact.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_internal.meaningful_contact.lsoa_code IS 'LSOA where the child''s family lives';
COMMENT ON COLUMN surestart_internal.meaningful_contact.centre_id IS 'centre the child counts for (not necessarily the centre that made the contact)';
COMMENT ON COLUMN surestart_internal.meaningful_contact.child_id IS 'child';
COMMENT ON COLUMN surestart_internal.meaningful_contact.family_id IS 'child''s family';
COMMENT ON COLUMN surestart_internal.meaningful_contact.contact_id IS 'contact';
COMMENT ON COLUMN surestart_internal.meaningful_contact.contact_on IS 'day of the contact';

/* ---------------------------------------------------------------- reach figures */

/*
 * The LSOAs counted as most deprived: the setting's index edition and
 * measure (deprived_index_used) in the most deprived deprived_percent per
 * cent of LSOAs nationally, with those of the other LSOA vintage the
 * lookup carries it to (deprived_lsoa_by_index, 59_geography.sql).
 */
CREATE VIEW surestart_geography.deprived_lsoa AS
SELECT d.lsoa_code, d.index_used
FROM surestart_geography.deprived_lsoa_by_index AS d
JOIN surestart_geography.deprived_index_used AS u ON u.edition = d.edition AND u.measure = d.measure;
COMMENT ON VIEW surestart_geography.deprived_lsoa IS 'LSOAs in the most deprived areas: settings deprived_index (an edition and measure, e.g. iod2025_imd; idaci or imd mean IoD2019''s) and deprived_percent (30: deciles 1-3), carried across the LSOA 2011-2021 lookup';
COMMENT ON COLUMN surestart_geography.deprived_lsoa.lsoa_code IS 'LSOA in the most deprived areas';
COMMENT ON COLUMN surestart_geography.deprived_lsoa.index_used IS 'the index edition and measure it was chosen by, e.g. iod2019_idaci or iod2025_imd (deprived_index_used)';

/*
 * The LSOA figures of the given periods summed to every level (lsoa,
 * centre, group, district, county) and scope (all LSOAs, or the most
 * deprived), with percentages (one decimal place, half away from zero:
 * percent_of()) of under-fives for children and of registered families
 * for families, Ofsted's words, the 95% Wilson intervals of the children's
 * rates and the unit's name.  Each LSOA's row is the LSOA's figure and
 * counts once for its centre; the centres' sums count once for their
 * group, district and the county.  refresh() stores what it returns
 * (unit_figure); reach_figures calls it for the periods whose stored sums
 * are not current.
 *
 * SECURITY DEFINER (reviewed), as count_periods: reach_figures calls it
 * for the reporting roles, who may not read the store; the group,
 * district and county sums add up every centre whoever asks (the views
 * filter what a reader sees).  It takes period labels, runs no dynamic
 * SQL and pins search_path; nobody is granted USAGE on surestart_internal.
 */
CREATE FUNCTION surestart_internal.roll_up(periods text[])
RETURNS SETOF surestart_internal.unit_figure
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
	WITH lsoa_row AS MATERIALIZED (
		-- each LSOA row of the periods once in scope all, and again in
		-- scope deprived when it is among the most deprived
		SELECT l.period, l.lsoa_code, l.centre_id, c.group_id, c.district_code,
			   sc.scope, dl.lsoa_code IS NOT NULL AS most_deprived, l.under_fives, l.registered, l.seen, l.sustained,
			   l.families_registered, l.families_seen, l.families_sustained, l.contacts, l.family_contacts
		FROM surestart_internal.lsoa_figures AS l
		JOIN @extschema@.centre AS c USING (centre_id)
		LEFT JOIN (SELECT DISTINCT d.lsoa_code FROM surestart_geography.deprived_lsoa AS d) AS dl ON dl.lsoa_code = l.lsoa_code
		CROSS JOIN LATERAL (SELECT 'all'::text UNION ALL SELECT 'deprived' WHERE dl.lsoa_code IS NOT NULL) AS sc(scope)
		WHERE l.period = ANY (periods)
	)
	SELECT g.period, g.level, g.unit_id, g.scope,
		   CASE g.level WHEN 'lsoa' THEN ln.name WHEN 'centre' THEN cn.name WHEN 'district' THEN dn.district_name
						WHEN 'county' THEN 'County' ELSE g.unit_id END,
		   g.centre_id, g.under_fives,
		   g.registered, @extschema@.percent_of(g.registered, g.under_fives),
		   g.seen, @extschema@.percent_of(g.seen, g.under_fives),
		   g.sustained, @extschema@.percent_of(g.sustained, g.under_fives),
		   g.families_registered,
		   g.families_seen, @extschema@.percent_of(g.families_seen, g.families_registered),
		   g.families_sustained, @extschema@.percent_of(g.families_sustained, g.families_registered),
		   @extschema@.ofsted_words(rp.p), @extschema@.ofsted_words(sp.p),
		   g.contacts, g.family_contacts,
		   r.low, r.high, s.low, s.high, t.low, t.high,
		   round((100 * r.low)::numeric, 1), round((100 * r.high)::numeric, 1),
		   round((100 * s.low)::numeric, 1), round((100 * s.high)::numeric, 1),
		   round((100 * t.low)::numeric, 1), round((100 * t.high)::numeric, 1),
		   g.most_deprived
	FROM (
		-- the LSOA level is the LSOA rows themselves (one per period and
		-- LSOA); every other level sums the centres' sums, so only 2 rows
		-- an LSOA are grouped, not 10
		SELECT 'lsoa'::text AS level, l.lsoa_code AS unit_id, l.scope, l.period,
			   l.under_fives, l.registered, l.seen, l.sustained, l.families_registered, l.families_seen,
			   l.families_sustained, l.contacts, l.family_contacts, l.centre_id, l.most_deprived
		FROM lsoa_row AS l
		UNION ALL
		SELECT x.level, x.unit_id, c.scope, c.period,
			   sum(c.under_fives)::bigint, sum(c.registered)::bigint, sum(c.seen)::bigint, sum(c.sustained)::bigint,
			   sum(c.families_registered)::bigint, sum(c.families_seen)::bigint, sum(c.families_sustained)::bigint,
			   sum(c.contacts)::bigint, sum(c.family_contacts)::bigint,
			   CASE WHEN x.level = 'centre' THEN min(c.centre_id) END, NULL::boolean
		FROM (SELECT l.period, l.centre_id, l.group_id, l.district_code, l.scope,
					 sum(l.under_fives) AS under_fives, sum(l.registered) AS registered, sum(l.seen) AS seen,
					 sum(l.sustained) AS sustained, sum(l.families_registered) AS families_registered,
					 sum(l.families_seen) AS families_seen, sum(l.families_sustained) AS families_sustained,
					 sum(l.contacts) AS contacts, sum(l.family_contacts) AS family_contacts
			  FROM lsoa_row AS l
			  GROUP BY l.period, l.centre_id, l.group_id, l.district_code, l.scope) AS c
		CROSS JOIN LATERAL (VALUES ('centre'::text, c.centre_id), ('group', c.group_id),
								   ('district', c.district_code), ('county', 'county')) AS x(level, unit_id)
		WHERE x.unit_id IS NOT NULL
		GROUP BY x.level, x.unit_id, c.scope, c.period
	) AS g
	-- a rate is a proportion only when its count is within the estimate
	CROSS JOIN LATERAL (SELECT CASE WHEN g.under_fives > 0 AND g.registered <= g.under_fives
									THEN @extschema@.proportion(g.registered, g.under_fives) END) AS rp(p)
	CROSS JOIN LATERAL (SELECT CASE WHEN g.under_fives > 0 AND g.seen <= g.under_fives
									THEN @extschema@.proportion(g.seen, g.under_fives) END) AS sp(p)
	CROSS JOIN LATERAL (SELECT CASE WHEN g.under_fives > 0 AND g.sustained <= g.under_fives
									THEN @extschema@.proportion(g.sustained, g.under_fives) END) AS tp(p)
	LEFT JOIN LATERAL @extschema@.wilson_interval(rp.p) AS r ON true
	LEFT JOIN LATERAL @extschema@.wilson_interval(sp.p) AS s ON true
	LEFT JOIN LATERAL @extschema@.wilson_interval(tp.p) AS t ON true
	LEFT JOIN @extschema@.lsoa AS ln ON g.level = 'lsoa' AND ln.lsoa_code = g.unit_id
	LEFT JOIN @extschema@.centre AS cn ON g.level = 'centre' AND cn.centre_id = g.unit_id
	LEFT JOIN (SELECT l.district_code, min(l.district_name) AS district_name
			   FROM @extschema@.lsoa AS l GROUP BY l.district_code) AS dn
	  ON g.level = 'district' AND dn.district_code = g.unit_id
$$;
COMMENT ON FUNCTION surestart_internal.roll_up(text[]) IS
	'the LSOA figures of the given periods summed to every level and scope, with percentages, Ofsted''s words, 95% Wilson intervals of the children''s rates and the unit''s name: what refresh() stores in unit_figure';

/*
 * Reach figures at every level (lsoa, centre, group, district, county) and
 * scope (all LSOAs, or the most deprived): the stored sums (unit_figure) of
 * periods whose sums are current, else roll_up() of the LSOA figures when
 * read (stored LSOA rows, or live counts of periods not current).  A filter
 * on period or level reaches the stored rows' key.  Which rows a reader
 * may see is worked out here, for every reader: the LSOAs and centres of
 * visible_centre, the groups holding one, every district and the county.
 */
CREATE VIEW surestart_internal.reach_figures AS
SELECT f.level, f.unit_id, f.scope, f.period, f.kind, f.period_start, f.period_end,
	   f.under_fives, f.registered, f.registered_pct, f.seen, f.seen_pct, f.sustained, f.sustained_pct,
	   f.families_registered, f.families_seen, f.families_seen_pct, f.families_sustained, f.families_sustained_pct,
	   f.registered_words, f.seen_words, f.contacts, f.family_contacts, f.centre_id,
	   CASE f.level WHEN 'district' THEN true WHEN 'county' THEN true
					WHEN 'group' THEN f.unit_id IN (SELECT c.group_id FROM @extschema@.centre AS c
													WHERE c.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v))
					ELSE f.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v) END AS visible,
	   f.unit_name, f.registered_low, f.registered_high, f.seen_low, f.seen_high, f.sustained_low, f.sustained_high,
	   f.registered_low_95, f.registered_high_95, f.seen_low_95, f.seen_high_95, f.sustained_low_95, f.sustained_high_95,
	   f.most_deprived
FROM (
	SELECT p.kind, p.period_start, p.period_end, u.*
	FROM surestart_internal.period_state AS p
	JOIN surestart_internal.unit_figure AS u ON u.period = p.period
	WHERE p.sums_current
	UNION ALL
	SELECT p.kind, p.period_start, p.period_end, r.*
	FROM (SELECT array_agg(p.period) AS periods FROM surestart_internal.period_state AS p
		  WHERE NOT p.sums_current HAVING count(*) > 0) AS y
	CROSS JOIN LATERAL surestart_internal.roll_up(y.periods) AS r
	JOIN surestart_internal.period_state AS p ON p.period = r.period
) AS f;
COMMENT ON VIEW surestart_internal.reach_figures IS 'Reach figures at every level (lsoa, centre, group, district, county) and scope (all, deprived) per period: sums of the LSOA figures';
COMMENT ON COLUMN surestart_internal.reach_figures.level IS 'lsoa, centre, group, district or county';
COMMENT ON COLUMN surestart_internal.reach_figures.unit_id IS 'LSOA code, centre id, group id, district code, or county';
COMMENT ON COLUMN surestart_internal.reach_figures.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs (deprived_lsoa)';
COMMENT ON COLUMN surestart_internal.reach_figures.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN surestart_internal.reach_figures.kind IS 'quarter, year_to_date or year';
COMMENT ON COLUMN surestart_internal.reach_figures.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_internal.reach_figures.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN surestart_internal.reach_figures.under_fives IS 'persons aged 0-4 in the area (ONS: the latest mid-year estimate dated 30 June on or before the reference date, else the earliest)';
COMMENT ON COLUMN surestart_internal.reach_figures.registered IS 'under-fives living in the area registered at any centre on the reference date';
COMMENT ON COLUMN surestart_internal.reach_figures.registered_pct IS 'registered as a percentage of under_fives, one decimal place (may exceed 100 when the estimate is low)';
COMMENT ON COLUMN surestart_internal.reach_figures.seen IS 'under-fives living in the area with at least one meaningful contact in the period, at any centre';
COMMENT ON COLUMN surestart_internal.reach_figures.seen_pct IS 'seen as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN surestart_internal.reach_figures.sustained IS 'under-fives with at least sustained_contacts meaningful contacts in the period';
COMMENT ON COLUMN surestart_internal.reach_figures.sustained_pct IS 'sustained as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN surestart_internal.reach_figures.families_registered IS 'families living in the area with at least one under-five registered on the reference date';
COMMENT ON COLUMN surestart_internal.reach_figures.families_seen IS 'families with at least one family contact in the period (a day on which one of its under-fives had a meaningful contact; three children at one session are one family contact)';
COMMENT ON COLUMN surestart_internal.reach_figures.families_seen_pct IS 'families_seen as a percentage of families_registered, one decimal place (may exceed 100: unregistered families are seen too)';
COMMENT ON COLUMN surestart_internal.reach_figures.families_sustained IS 'families with at least sustained_contacts family contacts (distinct days) in the period';
COMMENT ON COLUMN surestart_internal.reach_figures.families_sustained_pct IS 'families_sustained as a percentage of families_registered, one decimal place';
COMMENT ON COLUMN surestart_internal.reach_figures.registered_words IS 'Ofsted''s words for registered_pct (null above 100%)';
COMMENT ON COLUMN surestart_internal.reach_figures.seen_words IS 'Ofsted''s words for seen_pct (null above 100%)';
COMMENT ON COLUMN surestart_internal.reach_figures.contacts IS 'meaningful contacts of the area''s under-fives in the period';
COMMENT ON COLUMN surestart_internal.reach_figures.family_contacts IS 'family contacts (distinct family and day) of the area''s families in the period';
COMMENT ON COLUMN surestart_internal.reach_figures.centre_id IS 'for an LSOA, the centre whose reach area holds it on the reference date; for a centre, the centre';
COMMENT ON COLUMN surestart_internal.reach_figures.visible IS 'the current user may see the row (visible_centre): an LSOA or centre of a visible centre, a group with one, every district and the county (comparators)';
COMMENT ON COLUMN surestart_internal.reach_figures.unit_name IS 'LSOA, centre or district name, group id, or County';
COMMENT ON COLUMN surestart_internal.reach_figures.registered_low IS 'lower end of the 95% Wilson score interval of registered / under_fives (a proportion; null when registered passes under_fives or under_fives is 0)';
COMMENT ON COLUMN surestart_internal.reach_figures.registered_high IS 'upper end of that interval';
COMMENT ON COLUMN surestart_internal.reach_figures.seen_low IS 'lower end of the 95% Wilson score interval of seen / under_fives';
COMMENT ON COLUMN surestart_internal.reach_figures.seen_high IS 'upper end of that interval';
COMMENT ON COLUMN surestart_internal.reach_figures.sustained_low IS 'lower end of the 95% Wilson score interval of sustained / under_fives';
COMMENT ON COLUMN surestart_internal.reach_figures.sustained_high IS 'upper end of that interval';
COMMENT ON COLUMN surestart_internal.reach_figures.registered_low_95 IS 'registered_low as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.reach_figures.registered_high_95 IS 'registered_high as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.reach_figures.seen_low_95 IS 'seen_low as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.reach_figures.seen_high_95 IS 'seen_high as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.reach_figures.sustained_low_95 IS 'sustained_low as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.reach_figures.sustained_high_95 IS 'sustained_high as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.reach_figures.most_deprived IS 'for an LSOA, whether it is among the most deprived (deprived_lsoa), as its deprived scope counts it; else null';

/*
 * reach_figures itself is unfiltered (its group, district and county rows
 * add up every centre whoever asks); the views partners read filter on its
 * visible column or on visible_centre.
 *
 * Every centre open during a period has a row, with zeros when no LSOA of
 * its reach area holds children (the percentages are then null).
 */
CREATE VIEW surestart_internal.centre_reach_scoped AS
SELECT s.scope, c.centre_id, c.name AS centre, p.period, p.kind, p.period_start, p.period_end,
	   coalesce(r.under_fives, 0) AS under_fives, coalesce(r.registered, 0) AS registered, r.registered_pct,
	   coalesce(r.seen, 0) AS seen, r.seen_pct, coalesce(r.sustained, 0) AS sustained, r.sustained_pct,
	   coalesce(r.families_registered, 0) AS families_registered,
	   coalesce(r.families_seen, 0) AS families_seen, r.families_seen_pct,
	   coalesce(r.families_sustained, 0) AS families_sustained, r.families_sustained_pct,
	   r.registered_words, r.seen_words
FROM @extschema@.centre AS c
CROSS JOIN surestart_internal.reporting_period AS p
CROSS JOIN (VALUES ('all'), ('deprived')) AS s(scope)
LEFT JOIN surestart_internal.reach_figures AS r
  ON r.level = 'centre' AND r.unit_id = c.centre_id AND r.scope = s.scope
 AND r.kind = p.kind AND r.period = p.period
WHERE (c.opened_on IS NULL OR c.opened_on <= p.period_end)
  AND (c.closed_on IS NULL OR c.closed_on >= p.period_start);
COMMENT ON VIEW surestart_internal.centre_reach_scoped IS 'centre_reach and centre_reach_deprived in one view, told apart by scope';
COMMENT ON COLUMN surestart_internal.centre_reach_scoped.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs';

CREATE VIEW @extschema@.centre_reach AS
SELECT centre_id, centre, period, kind, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_registered, families_seen, families_seen_pct,
	   families_sustained, families_sustained_pct, registered_words, seen_words
FROM surestart_internal.centre_reach_scoped
WHERE scope = 'all'
  AND centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
COMMENT ON VIEW @extschema@.centre_reach IS 'Reach of each centre per financial quarter, year to date and year: under-fives of its reach area, registered, seen and sustained, children and families';

CREATE VIEW @extschema@.centre_reach_deprived AS
SELECT centre_id, centre, period, kind, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_registered, families_seen, families_seen_pct,
	   families_sustained, families_sustained_pct, registered_words, seen_words
FROM surestart_internal.centre_reach_scoped
WHERE scope = 'deprived'
  AND centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
COMMENT ON VIEW @extschema@.centre_reach_deprived IS 'centre_reach counting only the most deprived LSOAs of each reach area (deprived_lsoa: settings deprived_index, deprived_percent; deprived_index_used names the index edition and measure)';

CREATE VIEW @extschema@.lsoa_reach AS
SELECT r.unit_id AS lsoa_code, l.name AS lsoa, r.centre_id, r.period, r.kind, r.period_start, r.period_end,
	   r.under_fives, r.registered, r.registered_pct, r.seen, r.seen_pct, r.sustained, r.sustained_pct,
	   r.families_registered, r.families_seen, r.families_seen_pct, r.families_sustained, r.families_sustained_pct,
	   r.registered_words, r.seen_words, l.idaci_decile, l.imd_decile,
	   r.most_deprived
FROM surestart_internal.reach_figures AS r
JOIN @extschema@.lsoa AS l ON l.lsoa_code = r.unit_id
WHERE r.level = 'lsoa' AND r.scope = 'all'
  AND r.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
COMMENT ON VIEW @extschema@.lsoa_reach IS 'The reach figures of centre_reach for each LSOA of a reach area';
COMMENT ON COLUMN @extschema@.lsoa_reach.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.lsoa_reach.lsoa IS 'LSOA name';
COMMENT ON COLUMN @extschema@.lsoa_reach.idaci_decile IS 'IDACI decile (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa_reach.imd_decile IS 'IMD decile (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa_reach.most_deprived IS 'the LSOA is in the most deprived areas (deprived_lsoa)';

/* The shared columns of the reach views carry reach_figures' comments. */
DO $$
DECLARE
	v text;
	col record;
BEGIN
	FOREACH v IN ARRAY ARRAY['surestart_internal.centre_reach_scoped', '@extschema@.centre_reach',
							 '@extschema@.centre_reach_deprived', '@extschema@.lsoa_reach'] LOOP
		FOR col IN
			SELECT a.attname, pg_catalog.col_description('surestart_internal.reach_figures'::pg_catalog.regclass, f.attnum) AS text
			FROM pg_catalog.pg_attribute AS a
			JOIN pg_catalog.pg_attribute AS f
			  ON f.attrelid = 'surestart_internal.reach_figures'::pg_catalog.regclass AND f.attname = a.attname
			WHERE a.attrelid = v::pg_catalog.regclass
			  AND a.attnum > 0
			  AND pg_catalog.col_description(a.attrelid, a.attnum) IS NULL
		LOOP
			EXECUTE pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', v, col.attname, col.text);
		END LOOP;
	END LOOP;
END
$$;
COMMENT ON COLUMN surestart_internal.centre_reach_scoped.centre_id IS 'centre';
COMMENT ON COLUMN surestart_internal.centre_reach_scoped.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.centre_reach.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_reach.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.centre_reach_deprived.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_reach_deprived.centre IS 'centre name';

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
