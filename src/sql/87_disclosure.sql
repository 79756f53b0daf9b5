/* src/sql/87_disclosure.sql: the disclosure layer behind the published views (doc/disclosure.md) */

/*
 * One disclosure layer produces every published reach and coverage figure
 * from the stored figures (lsoa_figures), by the rule in setting
 * disclosure_rule:
 *
 *   suppress (default): a count from 1 to suppress_below - 1 is withheld
 *     (primary), and so are enough other counts (secondary) that none of
 *     the withheld ones can be worked out from what is published by adding
 *     and subtracting: across levels (LSOA, centre, group, district, lot,
 *     lead partner, county), across all areas and the most deprived ones,
 *     and across a row's own complements (seen - sustained, families - any
 *     contact, any contact - sustained), which are hidden cells protected
 *     like the others;
 *   round: a count from 1 to suppress_below - 1 is withheld, every other
 *     count is rounded to the nearest round_to (halves up), and the
 *     percentages are worked out from the rounded counts.
 *
 * Zero is shown: it says that no child or family was counted, which is no
 * one's personal data.  under_fives is ONS's published estimate, so it is
 * never withheld (it is rounded under round).
 *
 * Periods: the counts taken on a reference date (registered children, and
 * registered families of a target group) are the same in every period that
 * ends on that date (a year and its fourth quarter, a year to date and its
 * last quarter), so they are one cell, protected once, whatever period a
 * reader reads them under.  The counts of a period's contacts (seen,
 * sustained, any contact) are counts of distinct children or families, so
 * a year is not the sum of its quarters and no period can be worked out
 * from the others.  Percentages are shown only beside their published
 * counts, so a percentage times a published denominator gives nothing new.
 *
 * Blocks: the cells linked by relations are protected together, one block
 * at a time: the registered children of a reference date; the seen and
 * sustained children of a period; the seen and sustained families of a
 * period; each target group's families of a reference date with its any
 * contact and sustained of every period that ends then.  The choice is
 * secondary_suppression()'s (src/disclosure.c): deterministic, smallest
 * cells first, checked exactly.
 */

CREATE FUNCTION surestart_internal.secondary_suppression(value bigint[], shown boolean[], protect boolean[],
		relation integer[], cell integer[], coefficient integer[])
	RETURNS text[]
	AS 'MODULE_PATHNAME', 'secondary_suppression' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION surestart_internal.secondary_suppression(bigint[], boolean[], boolean[], integer[], integer[], integer[]) IS
	'secondary suppression of one block of linked tables: cells (value, shown, protect) and relations given term by term (relation number, 1-based cell, coefficient; each relation sums to 0); returns per cell primary, secondary or null (published), so that no withheld cell and no protected hidden cell can be worked out by adding and subtracting published cells';

/*
 * Every cell of every block, with its status.  SECURITY DEFINER (reviewed):
 * the protection must be the same for every reader, so it is worked out
 * from every centre's figures whoever asks (a partner's row-level security
 * would otherwise give it a protection of its own centres only, and a
 * different one from the public's); it returns counts per area, never a
 * person's row, and the published views show only the cells it publishes,
 * filtered to the centres the reader may see.  It takes no argument, runs
 * no dynamic SQL and pins search_path.
 */
CREATE FUNCTION surestart_internal.disclosure_cells()
RETURNS TABLE (period text, block text, measure text, level text, unit_id text, scope text,
			   value bigint, shown boolean, status text, published bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
	k integer := coalesce((SELECT s.value::integer FROM @extschema@.setting AS s WHERE s.name = 'suppress_below'), 5);
	how text := coalesce((SELECT s.value FROM @extschema@.setting AS s WHERE s.name = 'disclosure_rule'), 'suppress');
	base_to integer := coalesce((SELECT s.value::integer FROM @extschema@.setting AS s WHERE s.name = 'round_to'), 5);
BEGIN
	RETURN QUERY
	WITH base AS MATERIALIZED (
		SELECT f.period, f.kind, f.period_end, f.lsoa_code, f.centre_id,
			   f.lsoa_code IN (SELECT d.lsoa_code FROM @extschema@.deprived_lsoa AS d) AS deprived,
			   c.group_id, c.district_code, c.lot_id, l.lead_partner_id,
			   f.registered, f.seen, f.sustained, f.families_seen, f.families_sustained, f.coverage
		FROM surestart_internal.lsoa_figures AS f
		JOIN @extschema@.centre AS c ON c.centre_id = f.centre_id
		LEFT JOIN @extschema@.lot AS l ON l.lot_id = c.lot_id
	), run AS (
		SELECT b.period_end, min(b.period) AS first_period, bool_or(b.kind = 'year') AS has_year
		FROM base AS b GROUP BY b.period_end
	), run_period AS (
		SELECT DISTINCT b.period_end, b.period, b.kind FROM base AS b
	),
	/* reach: one row per LSOA and measure of a block */
	leaf AS (
		SELECT b.period_end, 'registered'::text AS block, ''::text AS pkey, 'registered'::text AS measure, true AS shown,
			   b.lsoa_code, b.centre_id, b.deprived, b.group_id, b.district_code, b.lot_id, r.has_year AS with_lot,
			   b.registered AS value
		FROM base AS b JOIN run AS r ON r.period_end = b.period_end AND r.first_period = b.period
		UNION ALL
		SELECT b.period_end, m.family || ' ' || b.period, b.period, m.measure, m.shown,
			   b.lsoa_code, b.centre_id, b.deprived, b.group_id, b.district_code, b.lot_id, b.kind = 'year',
			   m.value
		FROM base AS b
		CROSS JOIN LATERAL (VALUES ('children', 'seen', true, b.seen),
								   ('children', 'sustained', true, b.sustained),
								   ('children', 'seen_not_sustained', false, b.seen - b.sustained),
								   ('families', 'families_seen', true, b.families_seen),
								   ('families', 'families_sustained', true, b.families_sustained),
								   ('families', 'families_seen_not_sustained', false, b.families_seen - b.families_sustained))
			AS m(family, measure, shown, value)
	), membership AS (
		SELECT l.*, x.level, x.unit_id, x.scope
		FROM leaf AS l
		CROSS JOIN LATERAL (VALUES ('lsoa'::text, l.lsoa_code, 'all'::text, true),
								   ('centre', l.centre_id, 'all', true), ('centre', l.centre_id, 'deprived', l.deprived),
								   ('group', l.group_id, 'all', true), ('group', l.group_id, 'deprived', l.deprived),
								   ('district', l.district_code, 'all', true), ('district', l.district_code, 'deprived', l.deprived),
								   ('county', 'county', 'all', true), ('county', 'county', 'deprived', l.deprived),
								   ('lot', l.lot_id, 'all', l.with_lot)) AS x(level, unit_id, scope, member)
		WHERE x.member AND x.unit_id IS NOT NULL
	), reach_cell AS (
		SELECT m.period_end, m.block, m.pkey, m.measure, m.level, m.unit_id, m.scope,
			   bool_and(m.shown) AS shown, sum(m.value)::bigint AS value
		FROM membership AS m
		GROUP BY m.period_end, m.block, m.pkey, m.measure, m.level, m.unit_id, m.scope
	), reach_term AS (
		-- relation key (rel), the cell (measure, pkey, level, unit_id, scope) and its coefficient:
		-- a centre minus its LSOAs ...
		SELECT DISTINCT l.period_end, l.block, concat_ws('/', l.measure, 'centre', l.centre_id, s.scope) AS rel,
			   l.measure, l.pkey, 'lsoa'::text AS level, l.lsoa_code AS unit_id, 'all'::text AS scope, 1 AS coefficient
		FROM leaf AS l
		CROSS JOIN LATERAL (VALUES ('all'::text, true), ('deprived', l.deprived)) AS s(scope, member)
		WHERE l.shown AND s.member
		UNION ALL
		-- ... a group, district, county or lot minus its centres ...
		SELECT DISTINCT m.period_end, m.block, concat_ws('/', m.measure, m.level, m.unit_id, m.scope),
			   m.measure, m.pkey, 'centre', m.centre_id, m.scope, 1
		FROM membership AS m
		WHERE m.shown AND m.level IN ('group', 'district', 'county', 'lot')
		UNION ALL
		-- ... with the total itself
		SELECT c.period_end, c.block, concat_ws('/', c.measure, c.level, c.unit_id, c.scope),
			   c.measure, c.pkey, c.level, c.unit_id, c.scope, -1
		FROM reach_cell AS c
		WHERE c.shown AND c.level <> 'lsoa'
		UNION ALL
		-- a row's complement: seen = sustained + seen but not sustained
		SELECT c.period_end, c.block, concat_ws('/', 'complement', c.level, c.unit_id, c.scope),
			   c.measure, c.pkey, c.level, c.unit_id, c.scope,
			   CASE WHEN c.measure IN ('seen', 'families_seen') THEN 1 ELSE -1 END
		FROM reach_cell AS c
		WHERE c.block <> 'registered'
	),
	/* target-group coverage: one row per centre, group and measure of a block */
	centre_coverage AS (
		SELECT b.period_end, b.period, b.centre_id, min(b.lead_partner_id) AS lead_partner_id,
			   @extschema@.sum(b.coverage) AS coverage
		FROM base AS b
		WHERE b.coverage IS NOT NULL
		GROUP BY b.period_end, b.period, b.centre_id
	), group_leaf AS (
		SELECT c.period_end, 'group ' || g.target_group AS block, m.pkey, m.measure, m.shown,
			   c.centre_id, c.lead_partner_id, m.value
		FROM centre_coverage AS c
		JOIN run AS r ON r.period_end = c.period_end
		CROSS JOIN LATERAL @extschema@.coverage_rows(c.coverage) AS g
		CROSS JOIN LATERAL (SELECT g.in_group AS families, @extschema@.part(g.any_contact) AS any_contact,
								   @extschema@.part(g.sustained) AS sustained) AS v
		CROSS JOIN LATERAL (SELECT ''::text, 'families'::text, true, v.families WHERE c.period = r.first_period
							UNION ALL
							SELECT c.period, 'any_contact', true, v.any_contact
							UNION ALL
							SELECT c.period, 'sustained', true, v.sustained
							UNION ALL
							SELECT c.period, 'not_contacted', false, v.families - v.any_contact
							UNION ALL
							SELECT c.period, 'contacted_not_sustained', false, v.any_contact - v.sustained)
			AS m(pkey, measure, shown, value)
	), group_membership AS (
		SELECT l.*, x.level, x.unit_id
		FROM group_leaf AS l
		CROSS JOIN LATERAL (VALUES ('centre'::text, l.centre_id), ('lead_partner', l.lead_partner_id),
								   ('county', 'county')) AS x(level, unit_id)
		WHERE x.unit_id IS NOT NULL
	), group_cell AS (
		SELECT m.period_end, m.block, m.pkey, m.measure, m.level, m.unit_id, 'all'::text AS scope,
			   bool_and(m.shown) AS shown, sum(m.value)::bigint AS value
		FROM group_membership AS m
		GROUP BY m.period_end, m.block, m.pkey, m.measure, m.level, m.unit_id
	), group_term AS (
		SELECT m.period_end, m.block, concat_ws('/', m.measure, m.pkey, m.level, m.unit_id) AS rel,
			   m.measure, m.pkey, 'centre'::text AS level, m.centre_id AS unit_id, 'all'::text AS scope, 1 AS coefficient
		FROM group_membership AS m
		WHERE m.shown AND m.level <> 'centre'
		UNION ALL
		SELECT c.period_end, c.block, concat_ws('/', c.measure, c.pkey, c.level, c.unit_id),
			   c.measure, c.pkey, c.level, c.unit_id, c.scope, -1
		FROM group_cell AS c
		WHERE c.shown AND c.level <> 'centre'
		UNION ALL
		-- families = any contact + not contacted; any contact = sustained + the rest (per period)
		SELECT c.period_end, c.block, concat_ws('/', 'complement', x.rel, p.period, c.level, c.unit_id),
			   c.measure, c.pkey, c.level, c.unit_id, c.scope, x.coefficient
		FROM group_cell AS c
		JOIN run_period AS p ON p.period_end = c.period_end AND (c.pkey = '' OR c.pkey = p.period)
		CROSS JOIN LATERAL (VALUES ('families', 'families', 1), ('families', 'any_contact', -1),
								   ('families', 'not_contacted', -1), ('contacted', 'any_contact', 1),
								   ('contacted', 'sustained', -1), ('contacted', 'contacted_not_sustained', -1))
			AS x(rel, measure, coefficient)
		WHERE x.measure = c.measure
	),
	/* every block, numbered */
	cell AS (
		SELECT c.*, (c.value BETWEEN 1 AND k - 1) AS protect,
			   row_number() OVER (PARTITION BY c.period_end, c.block
								  ORDER BY c.measure, c.pkey, c.level, c.unit_id, c.scope)::integer AS n
		FROM (SELECT * FROM reach_cell UNION ALL SELECT * FROM group_cell) AS c
	), term AS (
		SELECT t.period_end, t.block, c.n AS cell, t.coefficient,
			   dense_rank() OVER (PARTITION BY t.period_end, t.block ORDER BY t.rel)::integer AS relation
		FROM (SELECT * FROM reach_term UNION ALL SELECT * FROM group_term) AS t
		JOIN cell AS c ON c.period_end = t.period_end AND c.block = t.block AND c.measure = t.measure
					  AND c.pkey = t.pkey AND c.level = t.level AND c.unit_id = t.unit_id AND c.scope = t.scope
	), block_cells AS (
		SELECT c.period_end, c.block, array_agg(c.value ORDER BY c.n) AS value,
			   array_agg(c.shown ORDER BY c.n) AS shown, array_agg(c.protect ORDER BY c.n) AS protect
		FROM cell AS c
		GROUP BY c.period_end, c.block
	), block_terms AS (
		SELECT t.period_end, t.block, array_agg(t.relation ORDER BY t.relation, t.cell) AS relation,
			   array_agg(t.cell ORDER BY t.relation, t.cell) AS cell,
			   array_agg(t.coefficient ORDER BY t.relation, t.cell) AS coefficient
		FROM term AS t
		GROUP BY t.period_end, t.block
	), block_status AS (
		SELECT c.period_end, c.block,
			   CASE WHEN how = 'suppress' AND c.block !~ '^group' THEN
					surestart_internal.secondary_suppression(c.value, c.shown, c.protect,
						coalesce(t.relation, '{}'), coalesce(t.cell, '{}'), coalesce(t.coefficient, '{}'))
			   END AS status
		FROM block_cells AS c
		LEFT JOIN block_terms AS t ON t.period_end = c.period_end AND t.block = c.block
	)
	SELECT p.period, c.block, c.measure, c.level, c.unit_id, c.scope, c.value, c.shown,
		   coalesce(s.status[c.n], CASE WHEN c.protect THEN 'primary' END) AS status,
		   CASE WHEN coalesce(s.status[c.n], CASE WHEN c.protect THEN 'primary' END) IS NOT NULL THEN NULL
				WHEN how = 'round' THEN ((c.value * 2 + base_to) / (2 * base_to)) * base_to
				ELSE c.value END AS published
	FROM cell AS c
	JOIN block_status AS s ON s.period_end = c.period_end AND s.block = c.block
	JOIN run_period AS p ON p.period_end = c.period_end AND (c.pkey = p.period OR c.pkey = '');
END
$$;
COMMENT ON FUNCTION surestart_internal.disclosure_cells() IS
	'every reach and target-group cell of every period, level and scope, with its status under the disclosure rule (primary, secondary or null) and the value published (null when withheld; rounded under the round rule); shown is false for the hidden complements';
