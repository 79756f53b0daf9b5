/* src/sql/88_published.sql: published views for BI readers, small numbers suppressed */

/*
 * The published views read every count of reach and target-group coverage
 * from the disclosure layer (87_disclosure.sql, doc/disclosure.md): the
 * cells protect_period() stored, current for the stored figures and the
 * settings (published_status).  Under disclosure_rule = suppress a count
 * is withheld (null) when it is from 1 to suppress_below - 1 (primary) or
 * when it was chosen so that no such count can be worked out from the
 * published ones (secondary); under round a small count is withheld and
 * every other count is rounded to round_to, and under_fives with it.
 * Zero is shown.  Percentages and Ofsted's words are worked out from the
 * published counts, so they are null beside a withheld count.  A count
 * with no current stored status (the period not protected yet, or the
 * settings, the hierarchy or the most deprived LSOAs changed since) is
 * withheld too, as pending, until refresh() stores it again.
 *
 * Each row's suppressed column gives the strongest reason one of its
 * counts is missing: primary, then secondary, then pending; null when
 * every count of the row is shown.  These views read the filtered views,
 * so a partner reading them sees its own centres, like everything else.
 */
CREATE FUNCTION surestart_internal.withheld_reason(reasons text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE WHEN 'primary' = ANY (reasons) THEN 'primary'
				WHEN 'secondary' = ANY (reasons) THEN 'secondary'
				WHEN 'pending' = ANY (reasons) THEN 'pending' END
$$;
COMMENT ON FUNCTION surestart_internal.withheld_reason(text[]) IS
	'the strongest reason among a row''s withheld counts: primary, then secondary, then pending; null when there is none';

/*
 * The current stored cells, one row per unit (period, level, unit, scope,
 * target group) with each measure's published value and status (empty
 * when published), pivoted in one GROUP BY so that a filter on period
 * reaches published_cell and the fingerprint is worked out once a query.
 */
CREATE VIEW surestart_internal.published_unit AS
SELECT c.period, c.level, c.unit_id, c.scope, c.target_group,
	   max(c.published) FILTER (WHERE c.measure = 'registered') AS registered,
	   max(c.published) FILTER (WHERE c.measure = 'seen') AS seen,
	   max(c.published) FILTER (WHERE c.measure = 'sustained') AS sustained,
	   max(c.published) FILTER (WHERE c.measure = 'families_seen') AS families_seen,
	   max(c.published) FILTER (WHERE c.measure = 'families_sustained') AS families_sustained,
	   max(c.published) FILTER (WHERE c.measure = 'families') AS families,
	   max(c.published) FILTER (WHERE c.measure = 'any_contact') AS any_contact,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'registered') AS why_registered,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'seen') AS why_seen,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'sustained') AS why_sustained,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'families_seen') AS why_families_seen,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'families_sustained') AS why_families_sustained,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'families') AS why_families,
	   max(coalesce(c.status, '')) FILTER (WHERE c.measure = 'any_contact') AS why_any_contact
FROM surestart_internal.published_status AS c
GROUP BY c.period, c.level, c.unit_id, c.scope, c.target_group;
COMMENT ON VIEW surestart_internal.published_unit IS 'published_status pivoted: one row per period, level, unit, scope and target group, with each measure''s published value and status (empty when published)';

/*
 * The published counts of one reach unit (period, level, unit, scope):
 * each measure's published value and why it is missing.  A count that is
 * 0 and has no stored cell (a unit without figures) is shown as 0.
 */
CREATE VIEW surestart_internal.published_reach AS
SELECT f.period, f.level, f.unit_id, f.scope,
	   CASE WHEN k.rounding THEN ((f.under_fives * 2 + k.base) / (2 * k.base)) * k.base
			ELSE f.under_fives END AS under_fives,
	   p.registered, p.seen, p.sustained, p.families_seen, p.families_sustained,
	   p.why_registered, p.why_seen, p.why_sustained, p.why_families_seen, p.why_families_sustained,
	   f.visible
FROM surestart_internal.reach_figures AS f
CROSS JOIN (SELECT coalesce((SELECT value FROM @extschema@.setting WHERE name = 'disclosure_rule'), 'suppress') = 'round' AS rounding,
				   coalesce((SELECT value::bigint FROM @extschema@.setting WHERE name = 'round_to'), 5) AS base) AS k
LEFT JOIN surestart_internal.published_unit AS s
  ON s.period = f.period AND s.level = f.level AND s.unit_id = f.unit_id
 AND s.scope = CASE WHEN f.level = 'lsoa' THEN 'all' ELSE f.scope END AND s.target_group = ''
CROSS JOIN LATERAL (
	SELECT CASE WHEN s.why_registered IS NULL AND f.registered = 0 THEN 0 ELSE s.registered END AS registered,
		   CASE WHEN s.why_seen IS NULL AND f.seen = 0 THEN 0 ELSE s.seen END AS seen,
		   CASE WHEN s.why_sustained IS NULL AND f.sustained = 0 THEN 0 ELSE s.sustained END AS sustained,
		   CASE WHEN s.why_families_seen IS NULL AND f.families_seen = 0 THEN 0 ELSE s.families_seen END AS families_seen,
		   CASE WHEN s.why_families_sustained IS NULL AND f.families_sustained = 0 THEN 0 ELSE s.families_sustained END AS families_sustained,
		   CASE WHEN s.why_registered IS NULL THEN CASE WHEN f.registered = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_registered, '') END AS why_registered,
		   CASE WHEN s.why_seen IS NULL THEN CASE WHEN f.seen = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_seen, '') END AS why_seen,
		   CASE WHEN s.why_sustained IS NULL THEN CASE WHEN f.sustained = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_sustained, '') END AS why_sustained,
		   CASE WHEN s.why_families_seen IS NULL THEN CASE WHEN f.families_seen = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_families_seen, '') END AS why_families_seen,
		   CASE WHEN s.why_families_sustained IS NULL THEN CASE WHEN f.families_sustained = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_families_sustained, '') END AS why_families_sustained
) AS p;
COMMENT ON VIEW surestart_internal.published_reach IS 'reach_figures as published: each count from published_status (null when withheld) with why it is missing (primary, secondary, pending), under_fives rounded under disclosure_rule round';

/* Column comments of the two building blocks above. */
DO $$
DECLARE
	col record;
BEGIN
	FOR col IN
		SELECT c.relname, a.attname
		FROM pg_catalog.pg_attribute AS a
		JOIN pg_catalog.pg_class AS c ON c.oid OPERATOR(pg_catalog.=) a.attrelid
		WHERE c.relnamespace OPERATOR(pg_catalog.=) 'surestart_internal'::pg_catalog.regnamespace
		  AND c.relname OPERATOR(pg_catalog.=) ANY (ARRAY['published_unit', 'published_reach'])
		  AND a.attnum OPERATOR(pg_catalog.>) 0
	LOOP
		EXECUTE pg_catalog.format('COMMENT ON COLUMN surestart_internal.%I.%I IS %L', col.relname, col.attname,
			CASE WHEN col.attname OPERATOR(pg_catalog.=) ANY (ARRAY['period', 'level', 'unit_id', 'scope', 'target_group'])
					THEN 'the unit: ' OPERATOR(pg_catalog.||) col.attname::text
				 WHEN col.attname OPERATOR(pg_catalog.=) 'under_fives'
					THEN 'ONS estimate of the under-fives, rounded under disclosure_rule round'
				 WHEN col.attname OPERATOR(pg_catalog.=) 'visible'
					THEN 'the reader may see the unit (reach_figures.visible)'
				 WHEN col.attname::text LIKE 'why\_%'
					THEN 'why ' OPERATOR(pg_catalog.||) pg_catalog.substr(col.attname::text, 5)
						 OPERATOR(pg_catalog.||) ' is withheld: primary, secondary or pending (published_unit: empty when published)'
				 ELSE 'the published ' OPERATOR(pg_catalog.||) col.attname::text OPERATOR(pg_catalog.||) ', null when withheld' END);
	END LOOP;
END
$$;

/*
 * centre_reach and centre_reach_deprived are both centre_reach_scoped, so
 * their published forms share one base.
 */
CREATE VIEW @extschema@.published_centre_reach_scoped AS
SELECT r.scope, r.centre_id, r.centre, r.period, r.period_start, r.period_end,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.under_fives END AS under_fives,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.registered END AS registered,
	   @extschema@.percent_of(CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.registered END, CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.under_fives END) AS registered_pct,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.seen END AS seen,
	   @extschema@.percent_of(CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.seen END, CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.under_fives END) AS seen_pct,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.sustained END AS sustained,
	   @extschema@.percent_of(CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.sustained END, CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.under_fives END) AS sustained_pct,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.families_seen END AS families_seen,
	   CASE WHEN p.unit_id IS NULL THEN 0 ELSE p.families_sustained END AS families_sustained,
	   CASE WHEN p.under_fives > 0 AND p.registered <= p.under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(p.registered, p.under_fives)) END AS registered_words,
	   CASE WHEN p.under_fives > 0 AND p.seen <= p.under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(p.seen, p.under_fives)) END AS seen_words,
	   r.kind,
	   surestart_internal.withheld_reason(ARRAY[p.why_registered, p.why_seen, p.why_sustained,
												p.why_families_seen, p.why_families_sustained]) AS suppressed
FROM surestart_internal.centre_reach_scoped AS r
LEFT JOIN surestart_internal.published_reach AS p
  ON p.level = 'centre' AND p.unit_id = r.centre_id AND p.scope = r.scope AND p.period = r.period
WHERE r.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
COMMENT ON VIEW @extschema@.published_centre_reach_scoped IS 'centre_reach_scoped for publication (scope all or deprived): the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why';

CREATE VIEW @extschema@.published_centre_reach AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind, suppressed
FROM @extschema@.published_centre_reach_scoped
WHERE scope = 'all';
COMMENT ON VIEW @extschema@.published_centre_reach IS 'centre_reach for publication: the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why';

CREATE VIEW @extschema@.published_centre_reach_deprived AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind, suppressed
FROM @extschema@.published_centre_reach_scoped
WHERE scope = 'deprived';
COMMENT ON VIEW @extschema@.published_centre_reach_deprived IS 'centre_reach_deprived for publication: the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why';

/*
 * The stored history (reach_trend without its change columns, whose small
 * differences are not counts of people).  A snapshot is protected as its
 * own set of figures, one reference date at a time (the periods of the
 * snapshots ending that day, which share the registered count): its
 * centres' counts, the totals a reader adds them up to (each group,
 * district and the county, and for a year each lot, as the live views
 * publish them), and each row's complements (seen - sustained, families
 * seen - families sustained) as hidden cells.  Withheld whatever else the block
 * decides, as hidden cells (never published, protected when small):
 *   - what the published views withheld of the period when the snapshot
 *     was taken (snapshot_cell, stored by take_snapshot()), so that the
 *     snapshot and the day's publication together show no more than the
 *     day's publication;
 *   - what the published views withhold now of the same figures (the
 *     current cell of the same unit, period and measure, where its count
 *     is the snapshot's), so that a snapshot of the current figures shows
 *     what published_centre_reach shows.
 * Then suppress_block() withholds the small counts under the current rule
 * and whatever more keeps them from being worked out.  Under round, a
 * small count is withheld and the others rounded.
 */
CREATE VIEW @extschema@.published_reach_trend AS
WITH k AS (
	SELECT coalesce((SELECT value FROM @extschema@.setting WHERE name = 'disclosure_rule'), 'suppress') = 'suppress' AS suppress,
		   coalesce((SELECT value FROM @extschema@.setting WHERE name = 'disclosure_rule'), 'suppress') = 'round' AS rounding,
		   coalesce((SELECT value::bigint FROM @extschema@.setting WHERE name = 'round_to'), 5) AS base
), snap AS MATERIALIZED (
	SELECT s.centre_id, s.period, s.period_end, s.taken_at, s.registered, s.seen, s.sustained,
		   s.families_seen, s.families_sustained, c.group_id, c.district_code,
		   CASE WHEN s.kind = 'year' THEN c.lot_id END AS lot_id
	FROM @extschema@.reach_snapshot AS s
	LEFT JOIN @extschema@.centre AS c ON c.centre_id = s.centre_id
), period_taken AS (
	SELECT s.period, CASE WHEN min(s.taken_at) = max(s.taken_at) THEN min(s.taken_at) END AS taken_at
	FROM snap AS s
	GROUP BY s.period
), unit_row AS (
	-- every unit of a snapshot period: its centres, and the totals they add up to
	SELECT s.period_end, s.period, x.level, x.unit_id,
		   sum(s.registered)::bigint AS registered, sum(s.seen)::bigint AS seen, sum(s.sustained)::bigint AS sustained,
		   sum(s.families_seen)::bigint AS families_seen, sum(s.families_sustained)::bigint AS families_sustained
	FROM snap AS s
	CROSS JOIN LATERAL (VALUES ('centre'::text, s.centre_id), ('group', s.group_id), ('district', s.district_code),
							   ('lot', s.lot_id), ('county', 'county')) AS x(level, unit_id)
	WHERE x.unit_id IS NOT NULL
	GROUP BY s.period_end, s.period, x.level, x.unit_id
), unit_value AS (
	SELECT u.period_end, u.period, u.level, u.unit_id, m.measure, m.value, m.shown
	FROM unit_row AS u
	CROSS JOIN LATERAL (VALUES ('registered', u.registered, true), ('seen', u.seen, true), ('sustained', u.sustained, true),
							   ('families_seen', u.families_seen, true), ('families_sustained', u.families_sustained, true),
							   ('seen_not_sustained', u.seen - u.sustained, false),
							   ('families_seen_not_sustained', u.families_seen - u.families_sustained, false))
		AS m(measure, value, shown)
), forced AS (
	SELECT u.period, u.level, u.unit_id, u.measure
	FROM unit_value AS u
	JOIN period_taken AS p ON p.period = u.period
	JOIN surestart_internal.snapshot_cell AS c
	  ON c.period = u.period AND c.level = u.level AND c.unit_id = u.unit_id AND c.measure = u.measure
	 AND c.taken_at = p.taken_at AND c.value = u.value
	WHERE c.status IS NOT NULL
	UNION
	SELECT u.period, u.level, u.unit_id, u.measure
	FROM unit_value AS u
	JOIN surestart_internal.published_status AS c
	  ON c.period = u.period AND c.level = u.level AND c.unit_id = u.unit_id AND c.measure = u.measure
	 AND c.scope = 'all' AND c.target_group = '' AND c.value = u.value
	WHERE c.status IS NOT NULL
), cell AS (
	SELECT u.period_end, u.period, u.level, u.unit_id, u.measure, concat_ws('|', u.period, u.measure, u.level, u.unit_id) AS cell,
		   u.value, u.shown AND f.period IS NULL AS shown, f.period IS NOT NULL AS forced
	FROM unit_value AS u
	CROSS JOIN k
	LEFT JOIN forced AS f
	  ON k.suppress AND f.period = u.period AND f.level = u.level AND f.unit_id = u.unit_id AND f.measure = u.measure
), term AS (
	-- a group, district, lot or the county minus its centres
	SELECT s.period_end, concat_ws('|', 'sum', s.period, m.measure, x.level, x.unit_id) AS relation,
		   concat_ws('|', s.period, m.measure, 'centre', s.centre_id) AS cell, 1 AS coefficient
	FROM snap AS s
	CROSS JOIN LATERAL (VALUES ('group'::text, s.group_id), ('district', s.district_code), ('lot', s.lot_id),
							   ('county', 'county')) AS x(level, unit_id)
	CROSS JOIN (VALUES ('registered'), ('seen'), ('sustained'), ('families_seen'), ('families_sustained')) AS m(measure)
	WHERE x.unit_id IS NOT NULL
	UNION ALL
	SELECT u.period_end, concat_ws('|', 'sum', u.period, u.measure, u.level, u.unit_id), u.cell, -1
	FROM cell AS u
	WHERE u.level <> 'centre' AND u.measure IN ('registered', 'seen', 'sustained', 'families_seen', 'families_sustained')
	UNION ALL
	-- a row's complements: seen = sustained + seen but not sustained, and the families' alike
	SELECT u.period_end, concat_ws('|', 'complement', u.period, c.family, u.level, u.unit_id),
		   concat_ws('|', u.period, c.measure, u.level, u.unit_id), c.coefficient
	FROM unit_row AS u
	CROSS JOIN (VALUES ('children', 'seen', 1), ('children', 'sustained', -1), ('children', 'seen_not_sustained', -1),
					   ('families', 'families_seen', 1), ('families', 'families_sustained', -1),
					   ('families', 'families_seen_not_sustained', -1)) AS c(family, measure, coefficient)
	UNION ALL
	-- registered is counted on the reference date: one count for every period ending that day
	SELECT u.period_end, concat_ws('|', 'same', u.period, u.next_period, u.level, u.unit_id),
		   concat_ws('|', x.period, 'registered', u.level, u.unit_id), x.coefficient
	FROM (SELECT r.*, lead(r.period) OVER w AS next_period, lead(r.registered) OVER w AS next_registered
		  FROM unit_row AS r
		  WINDOW w AS (PARTITION BY r.period_end, r.level, r.unit_id ORDER BY r.period COLLATE "C")) AS u
	CROSS JOIN LATERAL (VALUES (u.period, 1), (u.next_period, -1)) AS x(period, coefficient)
	WHERE u.next_period IS NOT NULL AND u.registered = u.next_registered
), computed AS MATERIALIZED (
	SELECT s.block AS period_end, s.cell, s.status, s.published
	FROM surestart_internal.suppress_blocks(
		ARRAY(SELECT (c.period_end, c.cell, c.value, c.shown)::surestart_internal.block_cell FROM cell AS c),
		ARRAY(SELECT (t.period_end, t.relation, t.cell, t.coefficient)::surestart_internal.block_term FROM term AS t)) AS s
), status AS (
	SELECT c.period, c.unit_id AS centre_id,
		   max(s.published) FILTER (WHERE c.measure = 'registered') AS registered,
		   max(s.published) FILTER (WHERE c.measure = 'seen') AS seen,
		   max(s.published) FILTER (WHERE c.measure = 'sustained') AS sustained,
		   max(s.published) FILTER (WHERE c.measure = 'families_seen') AS families_seen,
		   max(s.published) FILTER (WHERE c.measure = 'families_sustained') AS families_sustained,
		   array_agg(CASE WHEN c.forced THEN coalesce(s.status, 'secondary') ELSE s.status END)
			   FILTER (WHERE c.measure IN ('registered', 'seen', 'sustained', 'families_seen', 'families_sustained')) AS why
	FROM computed AS s
	JOIN cell AS c ON c.period_end = s.period_end AND c.cell = s.cell
	WHERE c.level = 'centre'
	GROUP BY c.period, c.unit_id
)
SELECT r.centre_id, r.centre, r.period, r.period_end, r.taken_at,
	   w.under_fives, w.registered, @extschema@.percent_of(w.registered, w.under_fives) AS registered_pct,
	   w.seen, @extschema@.percent_of(w.seen, w.under_fives) AS seen_pct,
	   w.sustained, @extschema@.percent_of(w.sustained, w.under_fives) AS sustained_pct,
	   r.kind, r.period_start, w.families_seen, w.families_sustained,
	   surestart_internal.withheld_reason(s.why) AS suppressed
FROM @extschema@.reach_trend AS r
CROSS JOIN k
LEFT JOIN status AS s ON s.period = r.period AND s.centre_id = r.centre_id
CROSS JOIN LATERAL (
	SELECT CASE WHEN k.rounding THEN ((r.under_fives * 2 + k.base) / (2 * k.base)) * k.base ELSE r.under_fives END AS under_fives,
		   s.registered, s.seen, s.sustained, s.families_seen, s.families_sustained
) AS w;
COMMENT ON VIEW @extschema@.published_reach_trend IS 'reach_trend for publication (without the change columns): each snapshot protected as its own set of figures (its centres, the totals they add up to, their complements), withholding at least what the published views withheld of the period when it was taken and what they withhold now of the same figures (suppressed says why), with the percentages worked out from the counts shown';

CREATE VIEW @extschema@.published_lsoa_reach AS
SELECT r.lsoa_code, r.lsoa, r.centre_id, r.period, r.period_start, r.period_end,
	   p.under_fives, p.registered,
	   @extschema@.percent_of(p.registered, p.under_fives) AS registered_pct,
	   p.seen, @extschema@.percent_of(p.seen, p.under_fives) AS seen_pct,
	   p.sustained, @extschema@.percent_of(p.sustained, p.under_fives) AS sustained_pct,
	   p.families_seen, p.families_sustained,
	   CASE WHEN p.under_fives > 0 AND p.registered <= p.under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(p.registered, p.under_fives)) END AS registered_words,
	   CASE WHEN p.under_fives > 0 AND p.seen <= p.under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(p.seen, p.under_fives)) END AS seen_words,
	   r.kind, r.most_deprived,
	   surestart_internal.withheld_reason(ARRAY[p.why_registered, p.why_seen, p.why_sustained,
												p.why_families_seen, p.why_families_sustained]) AS suppressed
FROM @extschema@.lsoa_reach AS r
JOIN surestart_internal.published_reach AS p
  ON p.level = 'lsoa' AND p.unit_id = r.lsoa_code AND p.scope = 'all' AND p.period = r.period;
COMMENT ON VIEW @extschema@.published_lsoa_reach IS 'lsoa_reach for publication: the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why (deciles are left out: read them from lsoa)';

CREATE VIEW @extschema@.published_target_group_coverage AS
SELECT t.level, t.unit_id, t.unit_name, t.period, t.target_group, t.label,
	   w.families, w.any_contact,
	   @extschema@.percent_of(w.any_contact, w.families) AS any_contact_pct,
	   w.sustained,
	   @extschema@.percent_of(w.sustained, w.families) AS sustained_pct,
	   CASE WHEN w.families > 0 AND w.any_contact <= w.families
			THEN @extschema@.ofsted_words(@extschema@.proportion(w.any_contact, w.families)) END AS any_contact_words,
	   t.national,
	   surestart_internal.withheld_reason(ARRAY[w.why_families, w.why_any_contact, w.why_sustained]) AS suppressed
FROM @extschema@.target_group_coverage AS t
LEFT JOIN surestart_internal.published_unit AS s
  ON s.period = t.period AND s.level = t.level AND s.unit_id = t.unit_id AND s.scope = 'all'
 AND s.target_group = t.target_group
CROSS JOIN LATERAL (
	SELECT CASE WHEN s.why_families IS NULL AND t.families = 0 THEN 0 ELSE s.families END AS families,
		   CASE WHEN s.why_any_contact IS NULL AND t.any_contact = 0 THEN 0 ELSE s.any_contact END AS any_contact,
		   CASE WHEN s.why_sustained IS NULL AND t.sustained = 0 THEN 0 ELSE s.sustained END AS sustained,
		   CASE WHEN s.why_families IS NULL THEN CASE WHEN t.families = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_families, '') END AS why_families,
		   CASE WHEN s.why_any_contact IS NULL THEN CASE WHEN t.any_contact = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_any_contact, '') END AS why_any_contact,
		   CASE WHEN s.why_sustained IS NULL THEN CASE WHEN t.sustained = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_sustained, '') END AS why_sustained
) AS w;
COMMENT ON VIEW @extschema@.published_target_group_coverage IS 'target_group_coverage for publication: the counts of the disclosure layer (withheld ones null, with the percentages and words worked out from them), and suppressed naming why';

/*
 * The data pack's values are percentages of under_fives, from which the
 * count is easily worked back, so a value is withheld with its count (its
 * suppressed says why); the county's value and range are taken over the
 * values shown.
 */
CREATE VIEW @extschema@.published_data_pack AS
WITH figures AS (
	SELECT p.level, p.unit_id, p.period,
		   CASE WHEN p.scope = 'deprived' THEN 'deprived_' ELSE '' END || m.measure AS measure,
		   @extschema@.percent_of(m.value, p.under_fives) AS value,
		   m.why AS suppressed,
		   p.visible
	FROM surestart_internal.published_reach AS p
	CROSS JOIN LATERAL (VALUES ('registered_pct', p.registered, p.why_registered),
							   ('seen_pct', p.seen, p.why_seen),
							   ('sustained_pct', p.sustained, p.why_sustained))
		AS m(measure, value, why)
)
SELECT f.level, f.unit_id,
	   CASE f.level WHEN 'lsoa' THEN (SELECT name FROM @extschema@.lsoa WHERE lsoa_code = f.unit_id)
					WHEN 'centre' THEN (SELECT name FROM @extschema@.centre WHERE centre_id = f.unit_id)
					WHEN 'district' THEN (SELECT min(district_name) FROM @extschema@.lsoa WHERE district_code = f.unit_id)
					WHEN 'county' THEN 'County'
					ELSE f.unit_id END AS unit_name,
	   f.period, f.measure, f.value, f.county_value, f.county_min, f.county_max, f.suppressed
FROM (
	SELECT f.*,
		   max(f.value) FILTER (WHERE f.level = 'county') OVER w_period AS county_value,
		   min(f.value) OVER w_level AS county_min,
		   max(f.value) OVER w_level AS county_max
	FROM figures AS f
	WINDOW w_period AS (PARTITION BY f.period, f.measure),
		   w_level AS (PARTITION BY f.period, f.measure, f.level)
) AS f
WHERE f.visible;
COMMENT ON VIEW @extschema@.published_data_pack IS 'data_pack for publication: each value worked out from the published counts (null when its count is withheld; suppressed says why), and the county''s range over the values shown';

CREATE VIEW @extschema@.published_contract_value AS
SELECT c.lot_id, c.lead_partner_id, c.financial_year, c.annual_value,
	   w.registered, w.seen, w.sustained,
	   round(c.annual_value / nullif(w.registered, 0), 2) AS cost_per_registered,
	   round(c.annual_value / nullif(w.seen, 0), 2) AS cost_per_seen,
	   round(c.annual_value / nullif(w.sustained, 0), 2) AS cost_per_sustained,
	   surestart_internal.withheld_reason(ARRAY[w.why_registered, w.why_seen, w.why_sustained]) AS suppressed
FROM @extschema@.contract_value AS c
LEFT JOIN surestart_internal.published_unit AS s
  ON s.period = c.financial_year AND s.level = 'lot' AND s.unit_id = c.lot_id AND s.scope = 'all' AND s.target_group = ''
CROSS JOIN LATERAL (
	SELECT CASE WHEN s.why_registered IS NULL AND c.registered = 0 THEN 0 ELSE s.registered END AS registered,
		   CASE WHEN s.why_seen IS NULL AND c.seen = 0 THEN 0 ELSE s.seen END AS seen,
		   CASE WHEN s.why_sustained IS NULL AND c.sustained = 0 THEN 0 ELSE s.sustained END AS sustained,
		   CASE WHEN s.why_registered IS NULL THEN CASE WHEN c.registered = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_registered, '') END AS why_registered,
		   CASE WHEN s.why_seen IS NULL THEN CASE WHEN c.seen = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_seen, '') END AS why_seen,
		   CASE WHEN s.why_sustained IS NULL THEN CASE WHEN c.sustained = 0 THEN NULL ELSE 'pending' END
				ELSE nullif(s.why_sustained, '') END AS why_sustained
) AS w;
COMMENT ON VIEW @extschema@.published_contract_value IS 'contract_value for publication: the lot''s counts of the disclosure layer (withheld ones null, with the costs per child worked out from them), and suppressed naming why';

/*
 * Two-year take-up, protected a term at a time (suppress_block()) over
 * every lot, lot group and the county, whoever reads it (the counts come
 * from two_year_counts, not the reader's rows), so a partner's lots are
 * withheld as everybody else's.  The relations a reader knows:
 *   - a lot group is the sum of its lots, and the total the sum of every
 *     lot, for each count;
 *   - a row's taken_up_total is the sum of its three bases;
 *   - a row's complements are counts of children too, hidden cells
 *     protected like the others: listed but not taking a place
 *     (dwp_eligible - taken_up_listed), taking a place but not listed
 *     (taken_up_total - taken_up_listed), and the two together, and every
 *     child on the list or taking a place (dwp_eligible + taken_up_total -
 *     taken_up_listed).
 * Terms are counts of different children, so they are separate blocks.
 * A percentage is shown only beside its published counts.
 */
CREATE VIEW @extschema@.published_two_year_take_up AS
WITH counts AS MATERIALIZED (
	SELECT t.*,
		   CASE t.level WHEN 'lot' THEN 'lot/' || coalesce(t.lot_id, '')
						WHEN 'lot_group' THEN 'lot_group/' || t.lot_group
						ELSE 'total' END AS unit
	FROM surestart_internal.two_year_counts AS t
), cell AS (
	SELECT c.term_start, c.unit, m.measure, c.unit || '/' || m.measure AS cell, m.value::bigint AS value, m.shown
	FROM counts AS c
	CROSS JOIN LATERAL (VALUES
		('dwp_eligible', c.dwp_eligible, true),
		('taken_up_sept_2013', c.taken_up_sept_2013, true),
		('taken_up_sept_2014', c.taken_up_sept_2014, true),
		('taken_up_local', c.taken_up_local, true),
		('taken_up_total', c.taken_up_total, true),
		('taken_up_listed', c.taken_up_listed, true),
		('listed_not_taking', c.dwp_eligible - c.taken_up_listed, false),
		('taking_not_listed', c.taken_up_total - c.taken_up_listed, false),
		('listed_or_taking_not_both', c.dwp_eligible + c.taken_up_total - 2 * c.taken_up_listed, false),
		('listed_or_taking', c.dwp_eligible + c.taken_up_total - c.taken_up_listed, false)) AS m(measure, value, shown)
), shown_measure (measure) AS (
	VALUES ('dwp_eligible'), ('taken_up_sept_2013'), ('taken_up_sept_2014'), ('taken_up_local'), ('taken_up_total'),
		   ('taken_up_listed')
), term AS (
	-- a lot group or the total minus its lots
	SELECT l.term_start, 'sum/' || x.unit || '/' || m.measure AS relation, l.unit || '/' || m.measure AS cell, 1 AS coefficient
	FROM counts AS l
	CROSS JOIN LATERAL (VALUES ('total'), ('lot_group/' || l.lot_group)) AS x(unit)
	CROSS JOIN shown_measure AS m
	WHERE l.level = 'lot' AND x.unit IS NOT NULL
	UNION ALL
	SELECT g.term_start, 'sum/' || g.unit || '/' || m.measure, g.unit || '/' || m.measure, -1
	FROM counts AS g
	CROSS JOIN shown_measure AS m
	WHERE g.level <> 'lot'
	UNION ALL
	-- a row's own identities: the bases add up to the total, and the complements
	SELECT c.term_start, 'row/' || c.unit || '/' || r.relation, c.unit || '/' || r.measure, r.coefficient
	FROM counts AS c
	CROSS JOIN (VALUES
		('bases', 'taken_up_total', 1), ('bases', 'taken_up_sept_2013', -1), ('bases', 'taken_up_sept_2014', -1),
		('bases', 'taken_up_local', -1),
		('a', 'dwp_eligible', 1), ('a', 'taken_up_listed', -1), ('a', 'listed_not_taking', -1),
		('b', 'taken_up_total', 1), ('b', 'taken_up_listed', -1), ('b', 'taking_not_listed', -1),
		('c', 'dwp_eligible', 1), ('c', 'taken_up_total', 1), ('c', 'taken_up_listed', -2), ('c', 'listed_or_taking_not_both', -1),
		('d', 'dwp_eligible', 1), ('d', 'taken_up_total', 1), ('d', 'taken_up_listed', -1), ('d', 'listed_or_taking', -1))
		AS r(relation, measure, coefficient)
), computed AS MATERIALIZED (
	SELECT s.block AS term_start, s.cell, s.status, s.published
	FROM surestart_internal.suppress_blocks(
		ARRAY(SELECT (c.term_start, c.cell, c.value, c.shown)::surestart_internal.block_cell FROM cell AS c),
		ARRAY(SELECT (t.term_start, t.relation, t.cell, t.coefficient)::surestart_internal.block_term FROM term AS t)) AS s
), status AS (
	SELECT c.term_start, c.unit,
		   max(s.published) FILTER (WHERE c.measure = 'dwp_eligible') AS dwp_eligible,
		   max(s.published) FILTER (WHERE c.measure = 'taken_up_sept_2013') AS taken_up_sept_2013,
		   max(s.published) FILTER (WHERE c.measure = 'taken_up_sept_2014') AS taken_up_sept_2014,
		   max(s.published) FILTER (WHERE c.measure = 'taken_up_local') AS taken_up_local,
		   max(s.published) FILTER (WHERE c.measure = 'taken_up_total') AS taken_up_total,
		   max(s.published) FILTER (WHERE c.measure = 'taken_up_listed') AS taken_up_listed,
		   array_agg(s.status) FILTER (WHERE c.shown) AS why
	FROM computed AS s
	JOIN cell AS c ON c.term_start = s.term_start AND c.cell = s.cell
	GROUP BY c.term_start, c.unit
)
SELECT c.lot_id, c.term_start, @extschema@.term_name(c.term_start) AS term,
	   s.dwp_eligible::integer AS dwp_eligible, s.taken_up_sept_2013::integer AS taken_up_sept_2013,
	   s.taken_up_sept_2014::integer AS taken_up_sept_2014, s.taken_up_local::integer AS taken_up_local,
	   s.taken_up_total::integer AS taken_up_total,
	   @extschema@.percent_of(s.taken_up_sept_2013, s.dwp_eligible) AS take_up_pct,
	   @extschema@.percent_of(s.taken_up_total, s.dwp_eligible) AS total_take_up_pct,
	   c.level, c.lot_group, c.lot_name,
	   s.taken_up_listed::integer AS taken_up_listed,
	   @extschema@.percent_of(s.taken_up_listed, s.dwp_eligible) AS listed_take_up_pct,
	   surestart_internal.withheld_reason(s.why) AS suppressed
FROM counts AS c
JOIN status AS s ON s.term_start = c.term_start AND s.unit = c.unit
WHERE c.level <> 'lot' OR c.visible;
COMMENT ON VIEW @extschema@.published_two_year_take_up IS 'two_year_take_up for publication: its counts protected a term at a time across lots, lot groups and the total, the three bases and their total, and each row''s complements (primary and secondary suppression, or rounding, as disclosure_rule says; suppressed says why a count is null), with the percentages worked out from the published counts';

/*
 * Three- and four-year-olds: no row adds up to another (there is no total
 * row, and a centre is not the sum of anything published), but each row's
 * counts of the cohorts overlap: a child of the cohorts is funded or not,
 * and in a school reception class or not, and takes up when either, so
 * eligible, in_receipt, taken_up and in_school are sums of four disjoint
 * groups (funded and at school, funded elsewhere, at school unfunded,
 * neither) that the four counts give back exactly.  Every such group, and
 * every union of them that is not a published count (eligible - in_receipt,
 * the children not funded, say), is a hidden cell protected like the
 * others.  in_receipt_younger and in_receipt_not_eligible are children
 * outside the cohorts: no relation holds them, so primary suppression is
 * all they need.  Protected a term at a time over every centre, whoever
 * reads it.
 */
CREATE VIEW surestart_internal.three_four_group AS
SELECT g.name, g.e, g.r, g.u, g.s
FROM (VALUES
	-- the four disjoint groups of the cohorts
	('funded_at_school', 0, 1, -1, 1), ('funded_not_at_school', 0, 0, 1, -1),
	('at_school_unfunded', 0, -1, 1, 0), ('not_taking_up', 1, 0, -1, 0),
	-- the unions of two or three of them that are not published counts
	('funded_at_school_or_neither', 1, 1, -2, 1), ('funded_or_at_school_not_both', 0, -1, 2, -1),
	('not_at_school', 1, 0, 0, -1), ('not_funded', 1, -1, 0, 0),
	('funded_or_neither', 1, 1, -1, 0), ('at_school_or_neither', 1, 0, -1, 1),
	('not_both_funded_and_at_school', 1, -1, 1, -1)) AS g(name, e, r, u, s);
COMMENT ON VIEW surestart_internal.three_four_group IS 'the groups of a three_four_take_up row''s cohort children that its four counts give back, each as a combination of the counts: name = e * eligible + r * in_receipt + u * taken_up + s * in_school';
COMMENT ON COLUMN surestart_internal.three_four_group.name IS 'the group (a hidden cell of published_three_four_take_up)';
COMMENT ON COLUMN surestart_internal.three_four_group.e IS 'coefficient of eligible';
COMMENT ON COLUMN surestart_internal.three_four_group.r IS 'coefficient of in_receipt';
COMMENT ON COLUMN surestart_internal.three_four_group.u IS 'coefficient of taken_up';
COMMENT ON COLUMN surestart_internal.three_four_group.s IS 'coefficient of in_school';

CREATE VIEW @extschema@.published_three_four_take_up AS
WITH counts AS MATERIALIZED (
	SELECT t.* FROM surestart_internal.three_four_counts AS t
), cell AS (
	SELECT c.term_start, c.centre_id, m.measure, c.centre_id || '/' || m.measure AS cell, m.value::bigint AS value, m.shown
	FROM counts AS c
	CROSS JOIN LATERAL (VALUES ('eligible', c.eligible, true), ('in_receipt', c.in_receipt, true),
							   ('taken_up', c.taken_up, true), ('in_school', c.in_school, true),
							   ('in_receipt_younger', c.in_receipt_younger, true),
							   ('in_receipt_not_eligible', c.in_receipt_not_eligible, true)) AS m(measure, value, shown)
	UNION ALL
	SELECT c.term_start, c.centre_id, h.name, c.centre_id || '/' || h.name,
		   (h.e * c.eligible + h.r * c.in_receipt + h.u * c.taken_up + h.s * c.in_school)::bigint, false
	FROM counts AS c
	CROSS JOIN surestart_internal.three_four_group AS h
), term AS (
	SELECT c.term_start, c.centre_id || '/' || h.name AS relation, c.centre_id || '/' || x.measure AS cell, x.coefficient
	FROM counts AS c
	CROSS JOIN surestart_internal.three_four_group AS h
	CROSS JOIN LATERAL (VALUES ('eligible', h.e), ('in_receipt', h.r), ('taken_up', h.u), ('in_school', h.s), (h.name, -1))
		AS x(measure, coefficient)
	WHERE x.coefficient <> 0
), computed AS MATERIALIZED (
	SELECT s.block AS term_start, s.cell, s.status, s.published
	FROM surestart_internal.suppress_blocks(
		ARRAY(SELECT (c.term_start, c.cell, c.value, c.shown)::surestart_internal.block_cell FROM cell AS c),
		ARRAY(SELECT (t.term_start, t.relation, t.cell, t.coefficient)::surestart_internal.block_term FROM term AS t)) AS s
), status AS (
	SELECT c.term_start, c.centre_id,
		   max(s.published) FILTER (WHERE c.measure = 'eligible') AS eligible,
		   max(s.published) FILTER (WHERE c.measure = 'in_receipt') AS in_receipt,
		   max(s.published) FILTER (WHERE c.measure = 'taken_up') AS taken_up,
		   max(s.published) FILTER (WHERE c.measure = 'in_school') AS in_school,
		   max(s.published) FILTER (WHERE c.measure = 'in_receipt_younger') AS in_receipt_younger,
		   max(s.published) FILTER (WHERE c.measure = 'in_receipt_not_eligible') AS in_receipt_not_eligible,
		   array_agg(s.status) FILTER (WHERE c.shown) AS why
	FROM computed AS s
	JOIN cell AS c ON c.term_start = s.term_start AND c.cell = s.cell
	GROUP BY c.term_start, c.centre_id
)
SELECT c.centre_id, c.centre, c.term_start, c.term,
	   s.eligible::integer AS eligible, s.in_receipt::integer AS in_receipt,
	   @extschema@.percent_of(s.taken_up, s.eligible) AS take_up_pct,
	   @extschema@.ofsted_words(@extschema@.proportion(s.taken_up, s.eligible)) AS take_up_words,
	   surestart_internal.withheld_reason(s.why) AS suppressed,
	   s.in_receipt_not_eligible::integer AS in_receipt_not_eligible,
	   s.taken_up::integer AS taken_up, s.in_school::integer AS in_school,
	   s.in_receipt_younger::integer AS in_receipt_younger,
	   o.ons_population,
	   @extschema@.percent_of(s.taken_up, o.ons_population) AS ons_take_up_pct
FROM counts AS c
JOIN status AS s ON s.term_start = c.term_start AND s.centre_id = c.centre_id
CROSS JOIN (SELECT coalesce((SELECT value FROM @extschema@.setting WHERE name = 'disclosure_rule'), 'suppress') = 'round' AS rounding,
				   coalesce((SELECT value::bigint FROM @extschema@.setting WHERE name = 'round_to'), 5) AS base) AS k
CROSS JOIN LATERAL (
	-- ONS's estimate is not withheld; under round it is rounded like the counts
	SELECT CASE WHEN k.rounding THEN ((c.ons_population * 2 + k.base) / (2 * k.base)) * k.base
				ELSE c.ons_population END AS ons_population
) AS o
WHERE c.visible;
COMMENT ON VIEW @extschema@.published_three_four_take_up IS 'three_four_take_up for publication (both cohorts together): its counts protected with every group of the cohorts they give back (primary and secondary suppression, or rounding, as disclosure_rule says; suppressed says why a count is null), with the take-up percentages and words worked out from the published counts';

/*
 * Column comments: each published column says what its source column says,
 * and whether it can be suppressed.
 */
DO $$
DECLARE
	pair text[];
	col record;
BEGIN
	FOREACH pair SLICE 1 IN ARRAY ARRAY[
		['published_centre_reach_scoped', 'centre_reach'],
		['published_centre_reach', 'centre_reach'], ['published_centre_reach_deprived', 'centre_reach_deprived'],
		['published_reach_trend', 'reach_trend'],
		['published_lsoa_reach', 'lsoa_reach'], ['published_target_group_coverage', 'target_group_coverage'],
		['published_data_pack', 'data_pack'], ['published_contract_value', 'contract_value'],
		['published_two_year_take_up', 'two_year_take_up'], ['published_three_four_take_up', 'three_four_take_up']]
	LOOP
		FOR col IN
			SELECT a.attname, pg_catalog.col_description(f.attrelid, f.attnum) AS text,
				   a.attname IN ('centre_id', 'centre', 'lsoa_code', 'lsoa', 'period', 'period_start', 'period_end',
								 'kind', 'most_deprived', 'level', 'unit_id', 'unit_name', 'target_group', 'label',
								 'national', 'lot_id', 'lead_partner_id', 'financial_year', 'annual_value',
								 'term_start', 'term', 'measure', 'scope', 'taken_at', 'lot_group', 'lot_name', 'ons_population') AS never_suppressed
			FROM pg_catalog.pg_attribute AS a
			JOIN pg_catalog.pg_attribute AS f
			  ON f.attrelid = pg_catalog.format('@extschema@.%I', pair[2])::pg_catalog.regclass AND f.attname = a.attname
			WHERE a.attrelid = pg_catalog.format('@extschema@.%I', pair[1])::pg_catalog.regclass
			  AND a.attnum > 0
		LOOP
			EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', pair[1], col.attname,
				col.text || CASE WHEN col.never_suppressed THEN ''
							ELSE '; null when withheld by the disclosure rule, or worked out from a withheld count' END);
		END LOOP;
		EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.suppressed IS %L', pair[1],
			'why a count of the row is null: primary (from 1 to suppress_below - 1), secondary (withheld so that no primary count can be worked out), pending (not protected yet for the current figures and settings); the strongest reason when several; null when every count is shown');
	END LOOP;
END
$$;
COMMENT ON COLUMN @extschema@.published_centre_reach_scoped.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs';
COMMENT ON COLUMN @extschema@.published_data_pack.county_min IS 'lowest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_max IS 'highest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_value IS 'the county''s value of the measure; null when suppressed';

