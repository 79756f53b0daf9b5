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
 *     contact, any contact - sustained, families - sustained, and the
 *     groups across the two scopes: reach_scope_group), which are hidden
 *     cells protected like the others;
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

/*
 * A unit counted in both scopes (all areas, the most deprived only) gives
 * back, from its seen and sustained counts in each, the groups of its seen
 * children (or families) by deprived or not and sustained or not, and the
 * unions of them: beside the complement in each scope (seen - sustained),
 * nine more hidden counts, each a combination of the four counts.
 */
CREATE VIEW surestart_internal.reach_scope_group AS
SELECT g.name, g.sd, g.gd, g.sa, g.ga
FROM (VALUES
	-- ds: deprived and sustained, dn: deprived, seen, not sustained;
	-- os, on: the same outside the most deprived areas
	('os', -1, 0, 1, 0), ('on', 1, -1, -1, 1), ('ds+on', 2, -1, -1, 1), ('dn+os', -2, 1, 1, 0),
	('os+on', 0, -1, 0, 1), ('ds+dn+os', -1, 1, 1, 0), ('ds+dn+on', 1, 0, -1, 1), ('ds+os+on', 1, -1, 0, 1),
	('dn+os+on', -1, 0, 0, 1)) AS g(name, sd, gd, sa, ga);
COMMENT ON VIEW surestart_internal.reach_scope_group IS 'the groups of a unit''s seen children (or families) that its four counts give back, beyond the complement in each scope: name = sd * sustained (deprived) + gd * seen (deprived) + sa * sustained (all) + ga * seen (all); ds, dn, os, on are deprived and sustained, deprived and not sustained, and the same outside the most deprived areas';
COMMENT ON COLUMN surestart_internal.reach_scope_group.name IS 'the group: the atoms it joins (ds, dn, os, on)';
COMMENT ON COLUMN surestart_internal.reach_scope_group.sd IS 'coefficient of sustained, most deprived areas';
COMMENT ON COLUMN surestart_internal.reach_scope_group.gd IS 'coefficient of seen, most deprived areas';
COMMENT ON COLUMN surestart_internal.reach_scope_group.sa IS 'coefficient of sustained, all areas';
COMMENT ON COLUMN surestart_internal.reach_scope_group.ga IS 'coefficient of seen, all areas';

CREATE FUNCTION surestart_internal.secondary_suppression(value bigint[], shown boolean[], protect boolean[],
		relation integer[], cell integer[], coefficient integer[])
	RETURNS text[]
	AS 'MODULE_PATHNAME', 'secondary_suppression' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION surestart_internal.secondary_suppression(bigint[], boolean[], boolean[], integer[], integer[], integer[]) IS
	'secondary suppression of one block of linked tables: cells (value, shown, protect) and relations given term by term (relation number, 1-based cell, coefficient; each relation sums to 0); returns per cell primary, secondary or null (published), so that no withheld cell and no protected hidden cell can be worked out by adding and subtracting published cells';

CREATE FUNCTION surestart_internal.disclosure_max_cells() RETURNS integer
	AS 'MODULE_PATHNAME', 'disclosure_max_cells' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION surestart_internal.disclosure_max_cells() IS
	'the most cells of a block secondary_suppression works out (a council''s blocks have a few thousand); a larger block is withheld as pending';

/*
 * Every cell of every block of the stored periods that end on one day
 * (they share the counts taken on that day), with its status.  It reads
 * the stored figures (lsoa_figure) of every centre: protect_period() runs
 * it as the extension's owner, so the protection is the same whoever
 * refreshes, and nobody else can call it (no USAGE on surestart_internal).
 */
CREATE FUNCTION surestart_internal.disclosure_cells(run_end date)
RETURNS TABLE (period text, block text, target_group text, measure text, level text, unit_id text, scope text,
			   value bigint, shown boolean, status text, published bigint)
LANGUAGE plpgsql STABLE
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
			   f.lsoa_code IN (SELECT d.lsoa_code FROM surestart_geography.deprived_lsoa AS d) AS deprived,
			   c.group_id, c.district_code, c.lot_id, l.lead_partner_id,
			   f.registered, f.seen, f.sustained, f.families_seen, f.families_sustained, f.coverage
		FROM (SELECT lf.*, fp.kind, fp.period_end
			  FROM surestart_internal.lsoa_figure AS lf
			  JOIN surestart_internal.figure_period AS fp ON fp.period = lf.period
			  WHERE fp.period_end = run_end) AS f
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
	), scope_pair AS (
		-- a unit's counts in both scopes side by side (the four counts of each block)
		SELECT a.period_end, a.block, a.pkey, a.level, a.unit_id,
			   CASE WHEN a.block = 'registered' THEN 'registered'
					WHEN a.block LIKE 'children %' THEN 'children' ELSE 'families' END AS family,
			   max(a.value) FILTER (WHERE a.measure IN ('registered', 'sustained', 'families_sustained') AND a.scope = 'deprived') AS sd,
			   max(a.value) FILTER (WHERE a.measure IN ('seen', 'families_seen') AND a.scope = 'deprived') AS gd,
			   max(a.value) FILTER (WHERE a.measure IN ('registered', 'sustained', 'families_sustained') AND a.scope = 'all') AS sa,
			   max(a.value) FILTER (WHERE a.measure IN ('seen', 'families_seen') AND a.scope = 'all') AS ga
		FROM reach_cell AS a
		WHERE a.shown AND a.level IN ('centre', 'group', 'district', 'county')
		GROUP BY a.period_end, a.block, a.pkey, a.level, a.unit_id
		HAVING count(*) FILTER (WHERE a.scope = 'deprived') > 0
	), scope_group AS (
		-- each group a hidden cell; of the registered, those outside the most
		-- deprived areas (all - deprived)
		SELECT p.period_end, p.block, p.pkey, p.level, p.unit_id, p.family,
			   CASE WHEN p.family = 'registered' THEN 'registered not_deprived' ELSE p.family || ' ' || g.name END AS measure,
			   g.sd, g.gd, g.sa, g.ga,
			   CASE WHEN p.family = 'registered' THEN p.sa - p.sd
					ELSE g.sd * p.sd + g.gd * p.gd + g.sa * p.sa + g.ga * p.ga END AS value
		FROM scope_pair AS p
		CROSS JOIN LATERAL (SELECT x.* FROM surestart_internal.reach_scope_group AS x WHERE p.family <> 'registered'
							UNION ALL SELECT 'not_deprived', -1, 0, 1, 0 WHERE p.family = 'registered') AS g
	), scope_cell AS (
		SELECT g.period_end, g.block, g.pkey, g.measure, g.level, g.unit_id, 'both'::text AS scope, false AS shown, g.value
		FROM scope_group AS g
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
		UNION ALL
		-- a group of a unit's people across the two scopes, as a combination of its four counts
		SELECT g.period_end, g.block, concat_ws('/', 'scopes', g.measure, g.level, g.unit_id),
			   x.measure, g.pkey, g.level, g.unit_id, x.scope, x.coefficient
		FROM scope_group AS g
		CROSS JOIN LATERAL (VALUES (CASE g.family WHEN 'registered' THEN 'registered' WHEN 'children' THEN 'sustained'
											 ELSE 'families_sustained' END, 'deprived'::text, g.sd),
								   (CASE g.family WHEN 'children' THEN 'seen' ELSE 'families_seen' END, 'deprived', g.gd),
								   (CASE g.family WHEN 'registered' THEN 'registered' WHEN 'children' THEN 'sustained'
											 ELSE 'families_sustained' END, 'all', g.sa),
								   (CASE g.family WHEN 'children' THEN 'seen' ELSE 'families_seen' END, 'all', g.ga),
								   (g.measure, 'both', -1)) AS x(measure, scope, coefficient)
		WHERE x.coefficient <> 0
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
							SELECT c.period, 'contacted_not_sustained', false, v.any_contact - v.sustained
							UNION ALL
							SELECT c.period, 'not_sustained', false, v.families - v.sustained)
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
		-- families = any contact + not contacted; any contact = sustained + the rest;
		-- families = sustained + not sustained (per period)
		SELECT c.period_end, c.block, concat_ws('/', 'complement', x.rel, p.period, c.level, c.unit_id),
			   c.measure, c.pkey, c.level, c.unit_id, c.scope, x.coefficient
		FROM group_cell AS c
		JOIN run_period AS p ON p.period_end = c.period_end AND (c.pkey = '' OR c.pkey = p.period)
		CROSS JOIN LATERAL (VALUES ('families', 'families', 1), ('families', 'any_contact', -1),
								   ('families', 'not_contacted', -1), ('contacted', 'any_contact', 1),
								   ('contacted', 'sustained', -1), ('contacted', 'contacted_not_sustained', -1),
								   ('sustained', 'families', 1), ('sustained', 'sustained', -1),
								   ('sustained', 'not_sustained', -1))
			AS x(rel, measure, coefficient)
		WHERE x.measure = c.measure
	),
	/* every block, numbered */
	cell AS MATERIALIZED (
		SELECT c.*, (c.value BETWEEN 1 AND k - 1) AS protect,
			   concat_ws('|', c.block, c.measure, c.pkey, c.level, c.unit_id, c.scope) AS cell_key,
			   row_number() OVER (PARTITION BY c.period_end, c.block COLLATE "C"
								  ORDER BY concat_ws('|', c.measure, c.pkey, c.level, c.unit_id, c.scope) COLLATE "C")::integer AS n
		FROM (SELECT * FROM reach_cell UNION ALL SELECT * FROM scope_cell UNION ALL SELECT * FROM group_cell) AS c
	), term AS (
		SELECT t.period_end, t.block, c.n AS cell, t.coefficient,
			   dense_rank() OVER (PARTITION BY t.period_end, t.block COLLATE "C" ORDER BY t.rel COLLATE "C")::integer AS relation
		FROM (SELECT * FROM reach_term UNION ALL SELECT * FROM group_term) AS t
		JOIN cell AS c ON c.period_end = t.period_end
					  AND c.cell_key = concat_ws('|', t.block, t.measure, t.pkey, t.level, t.unit_id, t.scope)
	), block_cells AS (
		SELECT c.period_end, c.block COLLATE "C" AS block, array_agg(c.value ORDER BY c.n) AS value,
			   array_agg(c.shown ORDER BY c.n) AS shown, array_agg(c.protect ORDER BY c.n) AS protect
		FROM cell AS c
		GROUP BY 1, 2
	), block_terms AS (
		SELECT t.period_end, t.block COLLATE "C" AS block, array_agg(t.relation ORDER BY t.relation, t.cell) AS relation,
			   array_agg(t.cell ORDER BY t.relation, t.cell) AS cell,
			   array_agg(t.coefficient ORDER BY t.relation, t.cell) AS coefficient
		FROM term AS t
		GROUP BY 1, 2
	), block_status AS MATERIALIZED (
		SELECT c.period_end, c.block, u.status, u.n::integer AS n
		FROM block_cells AS c
		LEFT JOIN block_terms AS t ON t.period_end = c.period_end AND t.block = c.block
		CROSS JOIN LATERAL unnest(CASE WHEN how = 'suppress' THEN
					surestart_internal.secondary_suppression(c.value, c.shown, c.protect,
						coalesce(t.relation, '{}'), coalesce(t.cell, '{}'), coalesce(t.coefficient, '{}'))
				ELSE array_fill(NULL::text, ARRAY[cardinality(c.value)]) END) WITH ORDINALITY AS u(status, n)
	)
	SELECT p.period, c.block, coalesce(substring(c.block FROM '^group (.*)$'), ''), c.measure, c.level, c.unit_id, c.scope, c.value, c.shown,
		   coalesce(s.status, CASE WHEN c.protect THEN 'primary' END) AS status,
		   CASE WHEN coalesce(s.status, CASE WHEN c.protect THEN 'primary' END) IS NOT NULL THEN NULL
				WHEN how = 'round' THEN ((c.value * 2 + base_to) / (2 * base_to)) * base_to
				ELSE c.value END AS published
	FROM cell AS c
	JOIN block_status AS s ON s.period_end = c.period_end AND s.block = c.block AND s.n = c.n
	JOIN run_period AS p ON p.period_end = c.period_end AND (c.pkey = p.period OR c.pkey = '');
END
$$;
COMMENT ON FUNCTION surestart_internal.disclosure_cells(date) IS
	'every reach and target-group cell of the stored periods ending on run_end, of every level and scope, with its status under the disclosure rule (primary, secondary or null) and the value published (null when withheld; rounded under the round rule); shown is false for the hidden complements';

/* ---------------------------------------------------------------- the stored statuses */

/*
 * What the protection depends on besides the stored counts: the rule and
 * its numbers, the centres' places in the hierarchy (group, district, lot,
 * lead partner) and which LSOAs are the most deprived.  Stored beside the
 * statuses, it tells the published views whether they are still current.
 * SECURITY DEFINER (reviewed): the published views call it as the reader,
 * who may not read the centres' or the deprivation tables, and it must
 * give every reader the same digest; it returns only an md5 digest, takes
 * no argument, runs no dynamic SQL and pins search_path.
 */
CREATE FUNCTION surestart_internal.disclosure_fingerprint() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT md5(concat_ws('|',
		(SELECT string_agg(s.name || '=' || s.value, ',' ORDER BY s.name) FROM @extschema@.setting AS s
		 WHERE s.name IN ('disclosure_rule', 'suppress_below', 'round_to')),
		(SELECT string_agg(concat_ws(':', c.centre_id, c.group_id, c.district_code, c.lot_id, l.lead_partner_id), ','
						   ORDER BY c.centre_id)
		 FROM @extschema@.centre AS c LEFT JOIN @extschema@.lot AS l ON l.lot_id = c.lot_id),
		(SELECT string_agg(d.lsoa_code, ',' ORDER BY d.lsoa_code) FROM surestart_geography.deprived_lsoa AS d)))
$$;
COMMENT ON FUNCTION surestart_internal.disclosure_fingerprint() IS
	'a digest of what the disclosure statuses depend on besides the counts: the settings disclosure_rule, suppress_below and round_to, each centre''s group, district, lot and lead partner, and the most deprived LSOAs';

CREATE TABLE surestart_internal.published_period (
	period text PRIMARY KEY REFERENCES surestart_internal.figure_period ON DELETE CASCADE,
	figures_computed_at timestamp with time zone NOT NULL,
	fingerprint text NOT NULL
);
COMMENT ON TABLE surestart_internal.published_period IS 'Periods whose published cells are stored (protect_period()), with what they were worked out from: current while figures_computed_at is the period''s figure_period.computed_at and fingerprint is disclosure_fingerprint()';
COMMENT ON COLUMN surestart_internal.published_period.period IS 'period label';
COMMENT ON COLUMN surestart_internal.published_period.figures_computed_at IS 'computed_at of the stored figures the statuses were worked out from';
COMMENT ON COLUMN surestart_internal.published_period.fingerprint IS 'disclosure_fingerprint() when the statuses were worked out';

CREATE TABLE surestart_internal.published_cell (
	period text NOT NULL REFERENCES surestart_internal.published_period ON DELETE CASCADE,
	target_group text NOT NULL,
	measure text NOT NULL,
	level text NOT NULL,
	unit_id text NOT NULL,
	scope text NOT NULL,
	value bigint NOT NULL,
	status text,
	published bigint,
	PRIMARY KEY (period, level, unit_id, scope, target_group, measure),
	CONSTRAINT status_must_be_primary_secondary_or_pending CHECK (status IN ('primary', 'secondary', 'pending')),
	CONSTRAINT a_withheld_cell_publishes_nothing CHECK ((status IS NULL) = (published IS NOT NULL))
);
COMMENT ON TABLE surestart_internal.published_cell IS 'Every count the published views show, per period, level, unit, scope, target group and measure, with its disclosure status and the value published (protect_period())';
COMMENT ON COLUMN surestart_internal.published_cell.period IS 'period label';
COMMENT ON COLUMN surestart_internal.published_cell.target_group IS 'target group code for target-group coverage cells; empty for reach cells';
COMMENT ON COLUMN surestart_internal.published_cell.measure IS 'registered, seen, sustained, families_seen, families_sustained; families, any_contact, sustained for a target group';
COMMENT ON COLUMN surestart_internal.published_cell.level IS 'lsoa, centre, group, district, lot, lead_partner or county';
COMMENT ON COLUMN surestart_internal.published_cell.unit_id IS 'LSOA code, centre id, group id, district code, lot id, lead partner id, or county';
COMMENT ON COLUMN surestart_internal.published_cell.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs';
COMMENT ON COLUMN surestart_internal.published_cell.value IS 'the stored count';
COMMENT ON COLUMN surestart_internal.published_cell.status IS 'primary (a count from 1 to suppress_below - 1), secondary (withheld so that no primary cell can be worked out), or null (published)';
COMMENT ON COLUMN surestart_internal.published_cell.published IS 'the value shown: the count, or under disclosure_rule round the count rounded to round_to; null when withheld';
/*
 * The two status tables are not dumped: they are worked out again from
 * the figures when a dump is restored (the trigger on lsoa_figure below;
 * pg_restore loads the tables of schema surestart, the centres and the
 * settings, before those of surestart_internal), and the choice is
 * deterministic, so the restored statuses are the dumped ones.
 */

/*
 * Work out and store the published cells of a stored period, and of every
 * other stored period ending on the same day (they share the counts taken
 * that day: a year and its fourth quarter show one registered figure).
 * refresh() (SECURITY DEFINER) calls it after storing a period's figures,
 * so it runs as the extension's owner and reads every centre's figures:
 * the statuses are the same for every reader and whoever refreshes.
 * EXECUTE is revoked from PUBLIC.
 */
CREATE FUNCTION surestart_internal.protect_period(period text) RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	run_end date;
	withheld integer;
	too_large boolean;
	pending boolean;
BEGIN
	SELECT fp.period_end INTO run_end FROM surestart_internal.figure_period AS fp WHERE fp.period = protect_period.period;
	IF run_end IS NULL THEN
		RAISE EXCEPTION 'period "%" has no stored figures', protect_period.period
			USING ERRCODE = 'invalid_parameter_value',
				  HINT = 'Expected a period that refresh() has stored (surestart_internal.figure_period).';
	END IF;
	DELETE FROM surestart_internal.published_period AS pp
	USING surestart_internal.figure_period AS fp
	WHERE fp.period = pp.period AND fp.period_end = run_end;
	INSERT INTO surestart_internal.published_period (period, figures_computed_at, fingerprint)
	SELECT fp.period, fp.computed_at, surestart_internal.disclosure_fingerprint()
	FROM surestart_internal.figure_period AS fp
	WHERE fp.period_end = run_end;
	-- A children's block holds three cells per LSOA: past the largest block
	-- secondary_suppression works out, the counts of these periods are
	-- withheld as pending (no cell stored) without working out the rest.
	too_large := 3 * (SELECT count(*) FROM surestart_internal.lsoa_figure AS lf WHERE lf.period = protect_period.period)
				 > surestart_internal.disclosure_max_cells();
	IF NOT too_large THEN
		INSERT INTO surestart_internal.published_cell
			(period, target_group, measure, level, unit_id, scope, value, status, published)
		SELECT d.period, d.target_group, d.measure, d.level, d.unit_id, d.scope, d.value, d.status, d.published
		FROM surestart_internal.disclosure_cells(run_end) AS d
		WHERE d.shown;
	END IF;
	SELECT count(*) FILTER (WHERE c.status IS NOT NULL), coalesce(bool_or(c.status = 'pending'), false)
	INTO withheld, pending
	FROM surestart_internal.published_cell AS c
	JOIN surestart_internal.figure_period AS fp ON fp.period = c.period
	WHERE fp.period_end = run_end;
	IF too_large OR pending THEN
		RAISE NOTICE 'counts of the periods ending on % are too many to protect in one database: they are withheld as pending', run_end
			USING DETAIL = pg_catalog.format('Secondary suppression works out blocks of up to %s cells, a council''s size.',
											  surestart_internal.disclosure_max_cells()),
				  HINT = 'Publish from each council''s own database, or from the regional roll-up (published_regional_reach).';
	END IF;
	RETURN withheld;
END
$$;
COMMENT ON FUNCTION surestart_internal.protect_period(text) IS
	'work out and store the published cells (published_cell) of a stored period and of the other stored periods ending on the same day, under the current disclosure settings; returns how many of their cells are withheld (0 when they are too many to protect, and all withheld as pending)';

/*
 * Every stored period, one day at a time.  A change of the hierarchy or
 * of the most deprived LSOAs is caught by the fingerprint: the published
 * views withhold the periods concerned ('pending') until refresh() stores
 * them again or protect_all() runs.
 */
CREATE FUNCTION surestart_internal.protect_all() RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	p text;
	withheld integer := 0;
BEGIN
	FOR p IN
		SELECT min(fp.period) FROM surestart_internal.figure_period AS fp GROUP BY fp.period_end ORDER BY fp.period_end
	LOOP
		withheld := withheld + surestart_internal.protect_period(p);
	END LOOP;
	RETURN withheld;
END
$$;
COMMENT ON FUNCTION surestart_internal.protect_all() IS
	'protect_period() for every stored period; returns how many cells are withheld in all';
REVOKE EXECUTE ON FUNCTION surestart_internal.protect_period(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION surestart_internal.protect_all() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION surestart_internal.disclosure_cells(date) FROM PUBLIC;

/*
 * The statuses follow the figures and the settings by themselves:
 *   - when refresh() stores LSOA rows (an INSERT or UPDATE of lsoa_figure,
 *     of one period or many), the periods ending on the same days are
 *     protected again after the statement, in the same transaction;
 *   - a change of disclosure_rule, suppress_below or round_to works out
 *     every stored period again, in the same transaction (seconds).
 * SECURITY DEFINER (reviewed), like note_changed_periods: whoever changes
 * a setting or stores figures, the statuses are worked out as the owner,
 * from every centre's figures, the same for every reader.  No arguments,
 * no dynamic SQL, pinned search_path; it writes only the two status tables
 * (through protect_period, EXECUTE revoked from PUBLIC).
 */
CREATE FUNCTION surestart_internal.disclosure_stale() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	p text;
BEGIN
	IF TG_TABLE_NAME = 'setting' THEN
		PERFORM surestart_internal.protect_all();
	ELSE
		FOR p IN
			SELECT min(fp.period)
			FROM surestart_internal.figure_period AS fp
			WHERE fp.period IN (SELECT DISTINCT s.period FROM stored AS s)
			GROUP BY fp.period_end
			ORDER BY fp.period_end
		LOOP
			PERFORM surestart_internal.protect_period(p);
		END LOOP;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION surestart_internal.disclosure_stale() IS
	'trigger: protect the periods whose LSOA figures were just stored, or every stored period when disclosure_rule, suppress_below or round_to change';
CREATE TRIGGER protect_stored_figures AFTER INSERT ON surestart_internal.lsoa_figure
	REFERENCING NEW TABLE AS stored
	FOR EACH STATEMENT EXECUTE FUNCTION surestart_internal.disclosure_stale();
CREATE TRIGGER protect_updated_figures AFTER UPDATE ON surestart_internal.lsoa_figure
	REFERENCING NEW TABLE AS stored
	FOR EACH STATEMENT EXECUTE FUNCTION surestart_internal.disclosure_stale();
CREATE TRIGGER disclosure_settings_changed AFTER INSERT OR UPDATE ON @extschema@.setting
	FOR EACH ROW WHEN (NEW.name IN ('disclosure_rule', 'suppress_below', 'round_to'))
	EXECUTE FUNCTION surestart_internal.disclosure_stale();
CREATE TRIGGER disclosure_settings_removed AFTER DELETE ON @extschema@.setting
	FOR EACH ROW WHEN (OLD.name IN ('disclosure_rule', 'suppress_below', 'round_to'))
	EXECUTE FUNCTION surestart_internal.disclosure_stale();

/*
 * The current status of every published cell: stored ones whose period's
 * figures and fingerprint are still those they were worked out from.  A
 * published view that finds no current cell for a count withholds it
 * (suppressed = 'pending').
 */
CREATE VIEW surestart_internal.published_status AS
SELECT c.period, c.target_group, c.measure, c.level, c.unit_id, c.scope, c.status, c.published, c.value
FROM surestart_internal.published_cell AS c
JOIN surestart_internal.published_period AS pp ON pp.period = c.period
JOIN surestart_internal.figure_period AS fp ON fp.period = c.period
WHERE pp.figures_computed_at = fp.computed_at
  AND pp.fingerprint = (SELECT surestart_internal.disclosure_fingerprint());
COMMENT ON VIEW surestart_internal.published_status IS 'the stored published cells that are current (their period''s figures and disclosure_fingerprint() unchanged since protect_period())';
COMMENT ON COLUMN surestart_internal.published_status.period IS 'period label';
COMMENT ON COLUMN surestart_internal.published_status.target_group IS 'target group code, or empty for reach';
COMMENT ON COLUMN surestart_internal.published_status.measure IS 'the count''s measure';
COMMENT ON COLUMN surestart_internal.published_status.level IS 'lsoa, centre, group, district, lot, lead_partner or county';
COMMENT ON COLUMN surestart_internal.published_status.unit_id IS 'the unit''s id';
COMMENT ON COLUMN surestart_internal.published_status.scope IS 'all or deprived';
COMMENT ON COLUMN surestart_internal.published_status.status IS 'primary, secondary or null (published)';
COMMENT ON COLUMN surestart_internal.published_status.published IS 'the value shown, null when withheld';
COMMENT ON COLUMN surestart_internal.published_status.value IS 'the stored count the status was worked out for';

/* ---------------------------------------------------------------- one block, worked out when read */

/*
 * The views whose figures are not in lsoa_figure (the take-up views, the
 * stored snapshots, the regional roll-up) protect their cells when they
 * are read, one block at a time (a term, a reference date): a block is
 * small (tens to hundreds of cells), and secondary_suppression() takes
 * milliseconds over it.  The caller names each cell by a key, unique in
 * the block, and gives the relations term by term (relation key, cell key,
 * coefficient; each relation sums to 0).  This function numbers the cells
 * and the relations in the "C" order of their keys, so that the choice
 * depends only on the data and the keys, never on the order the rows came
 * in or on the reader, and applies the rule in the settings:
 *   suppress: status primary for a cell from 1 to suppress_below - 1,
 *     secondary for a shown cell withheld to protect one, null when
 *     published; a hidden cell (shown false) is never published, and is
 *     protected like the others when it is small;
 *   round: primary for a small shown cell, every other shown cell
 *     published rounded to round_to (halves up), no secondary cells.
 * published is the value shown (null when withheld or hidden).  A hidden
 * cell whose value is negative is not a count of anybody (a difference of
 * sums of published figures, say): it is left out with the relations that
 * hold it.  A duplicate or null key, a null value or a relation naming an
 * unknown cell is an error (a caller's mistake).  Invoker's rights: it
 * reads only the settings and the arrays it is given.
 */
CREATE FUNCTION surestart_internal.suppress_block_check(cell_key text[], cell_value bigint[], cell_shown boolean[],
		term_relation text[], term_cell text[], term_coefficient integer[])
RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	bad text;
BEGIN
	IF cardinality(cell_key) <> cardinality(cell_value) OR cardinality(cell_key) <> cardinality(cell_shown)
	   OR cardinality(term_relation) <> cardinality(term_cell) OR cardinality(term_relation) <> cardinality(term_coefficient) THEN
		RAISE EXCEPTION 'cell_key, cell_value and cell_shown have %, % and % elements; term_relation, term_cell and term_coefficient %, % and %',
			cardinality(cell_key), cardinality(cell_value), cardinality(cell_shown),
			cardinality(term_relation), cardinality(term_cell), cardinality(term_coefficient)
			USING ERRCODE = 'array_subscript_error',
				  DETAIL = 'Expected one element per cell in each of the first three, and one per term in each of the others.';
	END IF;
	IF EXISTS (SELECT 1 FROM unnest(cell_key, cell_value, cell_shown) AS u(k, v, s)
			   WHERE u.k IS NULL OR u.v IS NULL OR u.s IS NULL)
	   OR EXISTS (SELECT 1 FROM unnest(term_relation, term_coefficient) AS t(r, c) WHERE t.r IS NULL OR t.c IS NULL) THEN
		RAISE EXCEPTION 'a cell or a term of the block has a null key, value, flag or coefficient'
			USING ERRCODE = 'null_value_not_allowed', DETAIL = 'Expected no null element.';
	END IF;
	SELECT min(u.k) INTO bad
	FROM (SELECT u.k FROM unnest(cell_key) AS u(k) GROUP BY u.k HAVING count(*) > 1) AS u;
	IF bad IS NOT NULL THEN
		RAISE EXCEPTION 'cell "%" is named twice', bad
			USING ERRCODE = 'invalid_parameter_value', DETAIL = 'Expected every cell key once in a block.';
	END IF;
	SELECT min(t.k) INTO bad
	FROM unnest(term_cell) AS t(k)
	WHERE t.k IS NULL OR NOT EXISTS (SELECT 1 FROM unnest(cell_key) AS c(k) WHERE c.k = t.k);
	IF bad IS NOT NULL OR EXISTS (SELECT 1 FROM unnest(term_cell) AS t(k) WHERE t.k IS NULL) THEN
		RAISE EXCEPTION 'a relation names cell "%", which is not in the block', coalesce(bad, '')
			USING ERRCODE = 'invalid_parameter_value', DETAIL = 'Expected every term to name one of the cells.';
	END IF;
	RETURN true;
END
$$;
COMMENT ON FUNCTION surestart_internal.suppress_block_check(text[], bigint[], boolean[], text[], text[], integer[]) IS
	'suppress_block()''s arguments checked: as many values and flags as keys, as many cells and coefficients as relation keys, no null, no key twice, no term naming a cell not in the block; true, or an error naming what is wrong';

/*
 * suppress_block has a standard SQL body: the names in it are looked up
 * when it is created, so that it runs as the reader (who has no USAGE on
 * surestart_internal) without looking up secondary_suppression by name.
 */
CREATE FUNCTION surestart_internal.suppress_block(cell_key text[], cell_value bigint[], cell_shown boolean[],
		term_relation text[], term_cell text[], term_coefficient integer[])
RETURNS TABLE (cell text, status text, published bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH k AS (
		SELECT coalesce((SELECT s.value::integer FROM @extschema@.setting AS s WHERE s.name = 'suppress_below'), 5) AS below,
			   coalesce((SELECT s.value FROM @extschema@.setting AS s WHERE s.name = 'disclosure_rule'), 'suppress') AS how,
			   coalesce((SELECT s.value::bigint FROM @extschema@.setting AS s WHERE s.name = 'round_to'), 5) AS base
	), checked AS (
		SELECT surestart_internal.suppress_block_check(cell_key, cell_value, cell_shown,
													   term_relation, term_cell, term_coefficient) AS ok
	), c AS (
		-- the cells kept (a negative hidden cell is left out), in the "C" order of their keys
		SELECT u.k, u.v, u.s, (row_number() OVER (ORDER BY u.k COLLATE "C"))::integer AS n
		FROM unnest(cell_key, cell_value, cell_shown) AS u(k, v, s)
		CROSS JOIN checked
		WHERE checked.ok AND (u.s OR u.v >= 0)
	), t AS (
		SELECT t.r, t.c, c.n
		FROM unnest(term_relation, term_cell, term_coefficient) AS t(r, k, c)
		LEFT JOIN c ON c.k = t.k
	), kept AS (
		-- the relations that hold only kept cells, numbered in the "C" order of their keys
		SELECT t.r, t.c, t.n, (dense_rank() OVER (ORDER BY t.r COLLATE "C"))::integer AS rn
		FROM t
		WHERE t.r NOT IN (SELECT x.r FROM t AS x WHERE x.n IS NULL)
	), statuses AS MATERIALIZED (
		-- one call a block (not inlined into every row below)
		SELECT CASE WHEN k.how = 'suppress' THEN
					surestart_internal.secondary_suppression(
						ARRAY(SELECT c.v FROM c ORDER BY c.n), ARRAY(SELECT c.s FROM c ORDER BY c.n),
						ARRAY(SELECT c.v BETWEEN 1 AND k.below - 1 FROM c ORDER BY c.n),
						ARRAY(SELECT kept.rn FROM kept ORDER BY kept.rn, kept.n),
						ARRAY(SELECT kept.n FROM kept ORDER BY kept.rn, kept.n),
						ARRAY(SELECT kept.c FROM kept ORDER BY kept.rn, kept.n)) END AS status
		FROM k
	)
	SELECT c.k,
		   CASE WHEN k.how = 'suppress' THEN statuses.status[c.n]
				WHEN c.s AND c.v BETWEEN 1 AND k.below - 1 THEN 'primary' END,
		   CASE WHEN NOT c.s THEN NULL
				WHEN k.how = 'suppress' THEN CASE WHEN statuses.status[c.n] IS NULL THEN c.v END
				WHEN c.v BETWEEN 1 AND k.below - 1 THEN NULL
				ELSE ((c.v * 2 + k.base) / (2 * k.base)) * k.base END
	FROM c CROSS JOIN k CROSS JOIN statuses
	ORDER BY c.n;
END;
COMMENT ON FUNCTION surestart_internal.suppress_block(text[], bigint[], boolean[], text[], text[], integer[]) IS
	'the disclosure rule applied to one block of cells named by key (value, shown) and relations given term by term (relation key, cell key, coefficient): per cell its status (primary, secondary or null) and the value published (null when withheld or hidden; rounded under disclosure_rule round); cells and relations numbered in the "C" order of their keys';

/*
 * suppress_block() for every block of a view at once: the cells and the
 * relations' terms, each with the date that names its block (a reference
 * date or a term's start).  The published views that protect at read time
 * (the take-up views, the trend, the regional roll-up) hand over their
 * cells and terms as two arrays and get every status back.  A standard
 * SQL body, as suppress_block's, for the same reason.
 */
CREATE TYPE surestart_internal.block_cell AS (block date, cell text, value bigint, shown boolean);
COMMENT ON TYPE surestart_internal.block_cell IS
	'a cell handed to suppress_blocks(): the date naming its block, its key, its count, and whether it is shown (false: a hidden complement)';
CREATE TYPE surestart_internal.block_term AS (block date, relation text, cell text, coefficient integer);
COMMENT ON TYPE surestart_internal.block_term IS
	'a term of a relation handed to suppress_blocks(): the date naming its block, the relation''s key, the cell''s key and its coefficient';
CREATE FUNCTION surestart_internal.suppress_blocks(cells surestart_internal.block_cell[], terms surestart_internal.block_term[])
RETURNS TABLE (block date, cell text, status text, published bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
	WITH b AS (
		SELECT c.block, array_agg(c.cell) AS cells, array_agg(c.value) AS vals, array_agg(c.shown) AS shown,
			   (SELECT array_agg(t.relation) FROM unnest(terms) AS t WHERE t.block = c.block) AS relations,
			   (SELECT array_agg(t.cell) FROM unnest(terms) AS t WHERE t.block = c.block) AS term_cells,
			   (SELECT array_agg(t.coefficient) FROM unnest(terms) AS t WHERE t.block = c.block) AS coefficients
		FROM unnest(cells) AS c
		GROUP BY c.block
	)
	SELECT b.block, s.cell, s.status, s.published
	FROM b
	CROSS JOIN LATERAL surestart_internal.suppress_block(b.cells, b.vals, b.shown, coalesce(b.relations, '{}'),
														 coalesce(b.term_cells, '{}'), coalesce(b.coefficients, '{}')) AS s;
END;
COMMENT ON FUNCTION surestart_internal.suppress_blocks(surestart_internal.block_cell[], surestart_internal.block_term[]) IS
	'suppress_block() for many blocks at once: the cells (block date, key, value, shown) and the relations'' terms (block date, relation key, cell key, coefficient); per cell its block, status and value published';

/* ---------------------------------------------------------------- the statuses of a snapshot */

/*
 * What the published views withheld of a period when take_snapshot()
 * stored it: the status of every reach count of every centre, group,
 * district, lot and the county (all areas) that day.  published_reach_trend
 * withholds at least these from the snapshot, so that the snapshot never
 * shows a count the day's publication withheld (the two together could
 * then be differenced).  History, like the snapshots: dumped with them.
 */
CREATE TABLE surestart_internal.snapshot_cell (
	period text NOT NULL,
	level text NOT NULL,
	unit_id text NOT NULL,
	measure text NOT NULL,
	taken_at timestamptz NOT NULL,
	value bigint NOT NULL,
	status text,
	PRIMARY KEY (period, level, unit_id, measure),
	CONSTRAINT status_must_be_primary_secondary_or_pending CHECK (status IN ('primary', 'secondary', 'pending'))
);
COMMENT ON TABLE surestart_internal.snapshot_cell IS 'The disclosure status of each reach count of a stored snapshot period (centres, groups, districts, lots, county; all areas) on the day take_snapshot() stored it';
COMMENT ON COLUMN surestart_internal.snapshot_cell.period IS 'period label of the snapshot';
COMMENT ON COLUMN surestart_internal.snapshot_cell.level IS 'centre, group, district, lot or county';
COMMENT ON COLUMN surestart_internal.snapshot_cell.unit_id IS 'centre id, group id, district code, lot id or county';
COMMENT ON COLUMN surestart_internal.snapshot_cell.measure IS 'registered, seen, sustained, families_seen or families_sustained';
COMMENT ON COLUMN surestart_internal.snapshot_cell.taken_at IS 'the snapshot''s taken_at: the statuses belong to the snapshot rows taken then';
COMMENT ON COLUMN surestart_internal.snapshot_cell.value IS 'the count the status was worked out for (a total''s, under the hierarchy of that day)';
COMMENT ON COLUMN surestart_internal.snapshot_cell.status IS 'primary, secondary or pending (withheld that day), or null (published)';
SELECT pg_catalog.pg_extension_config_dump('surestart_internal.snapshot_cell', '');
