/* src/sql/58_figures.sql: the stored figures, counted once per period (SPEC "Stored figures and freshness") */

/*
 * Every reach and coverage figure is counted once per period, at LSOA
 * grain, and kept: a centre, group, district, lead-partner or county figure
 * is then an exact sum of kept rows, so two views can never disagree, and a
 * view reads a few thousand kept rows instead of recounting every contact.
 *
 *   contact, registration, child, family, ... (person-level tables)
 *        |  count_periods(): the counting rules, one pass per financial year
 *        v
 *   lsoa_figure (kept, per period and LSOA)                   <- refresh()
 *        |  lsoa_figures (kept rows of current periods, live counts of
 *        |  changed and new ones)
 *        v
 *   reach_figures -> centre_reach, lsoa_reach, data_pack, ... -> published_*
 *
 * Freshness: statement-level triggers on the data tables note which stored
 * periods a statement touched (figure_change); such a period, and one not
 * stored yet, is counted live by the views until refresh() stores it again,
 * so no view shows a changed period's old figures as if they were current.
 *
 * Why the change log is append-only: a writer only inserts notes, so it
 * never waits for a refresh and a refresh never waits for a writer.  refresh()
 * deletes a period's notes in one statement and counts the period in a
 * later one: a later statement's snapshot holds everything the deleted
 * notes stood for, and a note committed after the delete stays behind, so
 * the period stays marked changed (in READ COMMITTED; a REPEATABLE READ
 * refresh counts with its one snapshot, which holds what its delete saw).
 */

CREATE SCHEMA surestart_internal;
COMMENT ON SCHEMA surestart_internal IS 'Building blocks of the surestart extension: the stored figures and the views that only serve other views (no privileges for the reporting roles)';

/* ---------------------------------------------------------------- the stored figures */

CREATE TABLE surestart_internal.figure_period (
	period text PRIMARY KEY,
	kind text NOT NULL
		CONSTRAINT kind_must_be_quarter_year_or_year_to_date CHECK (kind IN ('quarter', 'year', 'year_to_date')),
	period_start date NOT NULL,
	period_end date NOT NULL,
	sustained_contacts integer NOT NULL
		CONSTRAINT sustained_contacts_must_be_positive CHECK (sustained_contacts >= 1),
	computed_at timestamptz NOT NULL,
	CONSTRAINT period_start_and_end_must_be_the_bounds_of_the_period
		CHECK (period_start = (@extschema@.financial_period_bounds(period)).period_start
			   AND period_end = (@extschema@.financial_period_bounds(period)).period_end)
);
COMMENT ON TABLE surestart_internal.figure_period IS 'Periods whose figures are stored, with the threshold they were counted with and when (written by refresh())';
COMMENT ON COLUMN surestart_internal.figure_period.period IS 'period label: 2013-14 Q3, 2013-14 Q1-Q3 or 2013-14';
COMMENT ON COLUMN surestart_internal.figure_period.kind IS 'quarter, year or year_to_date';
COMMENT ON COLUMN surestart_internal.figure_period.period_start IS 'first day of the period';
COMMENT ON COLUMN surestart_internal.figure_period.period_end IS 'last day of the period, the reference date of its counts';
COMMENT ON COLUMN surestart_internal.figure_period.sustained_contacts IS 'the sustained_contacts setting the figures were counted with';
COMMENT ON COLUMN surestart_internal.figure_period.computed_at IS 'when refresh() counted the period';

CREATE TABLE surestart_internal.lsoa_figure (
	period text NOT NULL REFERENCES surestart_internal.figure_period ON DELETE CASCADE,
	lsoa_code text NOT NULL,
	centre_id text NOT NULL,
	under_fives bigint NOT NULL,
	registered bigint NOT NULL,
	seen bigint NOT NULL,
	sustained bigint NOT NULL,
	families_registered bigint NOT NULL,
	families_seen bigint NOT NULL,
	families_sustained bigint NOT NULL,
	contacts bigint NOT NULL,
	family_contacts bigint NOT NULL,
	coverage @extschema@.coverage,
	PRIMARY KEY (period, lsoa_code),
	CONSTRAINT counts_must_not_be_negative
		CHECK (under_fives >= 0 AND registered >= 0 AND seen >= 0 AND sustained >= 0
			   AND families_registered >= 0 AND families_seen >= 0 AND families_sustained >= 0
			   AND contacts >= 0 AND family_contacts >= 0)
);
CREATE INDEX ON surestart_internal.lsoa_figure (centre_id);
COMMENT ON TABLE surestart_internal.lsoa_figure IS 'Reach and coverage counted once per period and LSOA of a reach area (refresh()); every figure above the LSOA is a sum of these rows';
COMMENT ON COLUMN surestart_internal.lsoa_figure.period IS 'period label';
COMMENT ON COLUMN surestart_internal.lsoa_figure.lsoa_code IS 'LSOA of a reach area on the reference date';
COMMENT ON COLUMN surestart_internal.lsoa_figure.centre_id IS 'centre whose reach area holds the LSOA on the reference date';
COMMENT ON COLUMN surestart_internal.lsoa_figure.under_fives IS 'persons aged 0-4 (ONS: the latest mid-year estimate dated on or before the reference date, else the earliest)';
COMMENT ON COLUMN surestart_internal.lsoa_figure.registered IS 'counted children registered at any centre on the reference date';
COMMENT ON COLUMN surestart_internal.lsoa_figure.seen IS 'counted children with at least one meaningful contact in the period';
COMMENT ON COLUMN surestart_internal.lsoa_figure.sustained IS 'counted children with at least sustained_contacts meaningful contacts in the period';
COMMENT ON COLUMN surestart_internal.lsoa_figure.families_registered IS 'families with at least one counted child registered on the reference date';
COMMENT ON COLUMN surestart_internal.lsoa_figure.families_seen IS 'families with at least one family contact (a day on which one of its counted children had a meaningful contact)';
COMMENT ON COLUMN surestart_internal.lsoa_figure.families_sustained IS 'families with at least sustained_contacts family contacts (distinct days)';
COMMENT ON COLUMN surestart_internal.lsoa_figure.contacts IS 'meaningful contacts of counted children in the period';
COMMENT ON COLUMN surestart_internal.lsoa_figure.family_contacts IS 'family contacts: distinct (family, day) pairs of those contacts';
COMMENT ON COLUMN surestart_internal.lsoa_figure.coverage IS 'target-group coverage of the LSOA''s registered families (null when it has none); it remembers its sustained threshold';

/*
 * Notes of changed periods: one row per statement (at most one per
 * transaction) and stored period it touched.  Not dumped: a restore
 * reloads the data tables, whose triggers write the notes again.
 */
CREATE TABLE surestart_internal.figure_change (
	period text NOT NULL,
	table_name text NOT NULL,
	changed_at timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp(),
	changed_in pg_catalog.xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()
);
CREATE INDEX ON surestart_internal.figure_change (period);
COMMENT ON TABLE surestart_internal.figure_change IS 'Stored periods changed since they were counted: written by the data tables'' statement triggers, cleared by refresh()';
COMMENT ON COLUMN surestart_internal.figure_change.period IS 'the stored period a statement touched';
COMMENT ON COLUMN surestart_internal.figure_change.table_name IS 'the table the statement changed';
COMMENT ON COLUMN surestart_internal.figure_change.changed_at IS 'when (start of the statement)';
COMMENT ON COLUMN surestart_internal.figure_change.changed_in IS 'the transaction (one note per transaction and period is enough)';

SELECT pg_catalog.pg_extension_config_dump('surestart_internal.figure_period', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_internal.lsoa_figure', '');

/* ---------------------------------------------------------------- counting */

/*
 * The counting rules of SPEC, for the periods of one financial year at
 * once (wanted: the labels of its quarters, years to date and the year; the
 * reference date of a period is its last day):
 *   - a child counts for the centre whose reach area holds its family's
 *     LSOA on the reference date (the later area when two touch), if under
 *     five then;
 *   - under_fives: the latest ONS mid-year estimate dated (30 June) on or
 *     before the reference date, else the earliest, per LSOA;
 *   - registered: a registration at any centre open on the reference date;
 *   - meaningful contacts follow contact_rule: 'never' modes are dropped;
 *     'once_per_term' modes count once per child, mode and term within the
 *     period, except that every such contact on a day the child has a
 *     social_care episode open counts; other modes, listed or not, count;
 *   - seen / sustained: at least 1 / threshold meaningful contacts;
 *   - families: registered when a counted child is; a family contact is a
 *     day on which any of its counted children had a meaningful contact;
 *   - coverage: the registered families, their target groups on the
 *     reference date (a carer ages out of "under 20"; social-care episodes
 *     open that day; a DWP-eligible two-year place for a term that started
 *     in the year up to it) and their family contacts.
 *
 * The person-level views counted_child and meaningful_contact state the
 * same rules period by period; the tests compare the two.  This function
 * is the fast form, built so that a year costs about one pass over its
 * contacts instead of seven (issue 12):
 *   - every contact of the range is read once and classified by quarter; a
 *     once_per_term contact gets "fresh", the first quarter from which a
 *     period counts it (after the previous one of its child, mode and term),
 *     so a period of quarters qa..qb counts it when fresh <= qa and its
 *     quarter lies in qa..qb;
 *   - every child gets bit sets of the four reference dates on which it is
 *     under five and registered;
 *   - each meaningful contact of a counted child gets the bit set of the
 *     seven periods that count it, so one GROUP BY child gives each child's
 *     contacts in every period, and one GROUP BY family and day, OR-ing
 *     the bit sets, each family's contact days in every period;
 *   - a family's target groups are worked out once, with the few that
 *     depend on the date added per reference date;
 *   - the figures are then picked per period and LSOA of a reach area.
 * Whole-table steps are joins and hash aggregates, never per-row lookups.
 * It runs with work_mem = 64MB (hash tables of this query's size; PostgreSQL's
 * hash_mem_multiplier doubles it for hashes), whatever the session's
 * setting, so that its memory is bounded and known, and JIT off: the row
 * counts of its steps are unknown to the planner, whose inflated estimates
 * would otherwise spend seconds compiling a plan that runs in less.
 *
 * SECURITY DEFINER (reviewed): the views that count live call it for the
 * reporting roles, who may not read the person-level tables; it returns
 * only counts per LSOA, takes dates, period labels and a number, runs no
 * dynamic SQL and pins search_path.  EXECUTE stays with PUBLIC because a
 * view's functions run with its reader's rights, but nobody is granted
 * USAGE on surestart_internal, so no role can name it: only the
 * extension's views and functions call it (test/pgtap/roles.sql checks both).
 */
CREATE FUNCTION surestart_internal.count_periods(year_start date, wanted text[], threshold integer)
RETURNS TABLE (period text, lsoa_code text, centre_id text, under_fives bigint, registered bigint, seen bigint, sustained bigint,
			   families_registered bigint, families_seen bigint, families_sustained bigint,
			   contacts bigint, family_contacts bigint, coverage @extschema@.coverage)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
SET work_mem = '64MB'
AS $$
DECLARE
	fy text := @extschema@.financial_year(year_start);
	r1 date := (year_start + interval '3 months' - interval '1 day')::date;
	r2 date := (year_start + interval '6 months' - interval '1 day')::date;
	r3 date := (year_start + interval '9 months' - interval '1 day')::date;
	r4 date := (year_start + interval '12 months' - interval '1 day')::date;
	scan_first date;
	scan_last date;
BEGIN
	SELECT min(b.period_start), max(b.period_end) INTO scan_first, scan_last
	FROM unnest(wanted) AS w(label) CROSS JOIN LATERAL @extschema@.financial_period_bounds(w.label) AS b;
	RETURN QUERY
	WITH once AS (
		-- once_per_term contacts; fresh is the first quarter from which a
		-- period counts the contact (a period counts it when it starts in
		-- quarter fresh or later and holds it): every time on a day the
		-- child is in social care, else the first after the previous one of
		-- the same child, mode and term
		SELECT t.child_id, t.contact_on, t.q,
			   CASE WHEN t.in_care THEN 1
					ELSE coalesce(lag(t.q) OVER (PARTITION BY t.child_id, t.mode, t.term, t.in_care
												 ORDER BY t.contact_on, t.contact_id) + 1, 1) END AS fresh
		FROM (SELECT k.child_id, k.contact_on, k.contact_id, k.mode, @extschema@.term_start(k.contact_on) AS term,
					 CASE WHEN k.contact_on <= r1 THEN 1 WHEN k.contact_on <= r2 THEN 2 WHEN k.contact_on <= r3 THEN 3 ELSE 4 END AS q,
					 EXISTS (SELECT 1 FROM @extschema@.social_care AS sc
							 WHERE sc.child_id = k.child_id AND sc.starts_on <= k.contact_on
							   AND (sc.ends_on IS NULL OR sc.ends_on >= k.contact_on)) AS in_care
			  FROM @extschema@.contact AS k
			  JOIN @extschema@.contact_rule AS r ON r.mode = k.mode AND r.counts = 'once_per_term'
			  WHERE k.contact_on BETWEEN scan_first AND scan_last) AS t
	), meaningful AS (
		SELECT k.child_id, k.contact_on,
			   CASE WHEN k.contact_on <= r1 THEN 1 WHEN k.contact_on <= r2 THEN 2 WHEN k.contact_on <= r3 THEN 3 ELSE 4 END AS q,
			   1 AS fresh
		FROM @extschema@.contact AS k
		WHERE k.contact_on BETWEEN scan_first AND scan_last
		  AND NOT EXISTS (SELECT 1 FROM @extschema@.contact_rule AS r
						  WHERE r.mode = k.mode AND r.counts IN ('never', 'once_per_term'))
		UNION ALL
		SELECT o.child_id, o.contact_on, o.q, o.fresh FROM once AS o
	), kid AS MATERIALIZED (
		-- every child, with bit sets of the reference dates (bit q-1: the
		-- end of quarter q) on which it is under five (counted_on) and
		-- registered at a centre (registered_on)
		SELECT c.child_id, c.family_id, c.disabled,
			   CASE WHEN c.dob <= r1 AND @extschema@.age_on(c.dob, r1) < 5 THEN 1 ELSE 0 END
			   | CASE WHEN c.dob <= r2 AND @extschema@.age_on(c.dob, r2) < 5 THEN 2 ELSE 0 END
			   | CASE WHEN c.dob <= r3 AND @extschema@.age_on(c.dob, r3) < 5 THEN 4 ELSE 0 END
			   | CASE WHEN c.dob <= r4 AND @extschema@.age_on(c.dob, r4) < 5 THEN 8 ELSE 0 END AS counted_on,
			   coalesce(g.open_on, 0) AS registered_on
		FROM @extschema@.child AS c
		LEFT JOIN (SELECT g.child_id,
						  bit_or(CASE WHEN g.registered_on <= r1 AND (g.ended_on IS NULL OR g.ended_on >= r1) THEN 1 ELSE 0 END
								 | CASE WHEN g.registered_on <= r2 AND (g.ended_on IS NULL OR g.ended_on >= r2) THEN 2 ELSE 0 END
								 | CASE WHEN g.registered_on <= r3 AND (g.ended_on IS NULL OR g.ended_on >= r3) THEN 4 ELSE 0 END
								 | CASE WHEN g.registered_on <= r4 AND (g.ended_on IS NULL OR g.ended_on >= r4) THEN 8 ELSE 0 END) AS open_on
				   FROM @extschema@.registration AS g
				   WHERE g.registered_on <= r4 AND (g.ended_on IS NULL OR g.ended_on >= r1)
				   GROUP BY g.child_id) AS g ON g.child_id = c.child_id
	), counted_contact AS MATERIALIZED (
		-- the meaningful contacts of counted children, each with the bit set
		-- of the periods that count it (bit i-1 for period i: Q1..Q4, Q1-Q2,
		-- Q1-Q3, the year): in the period's range, counted from its first
		-- quarter (fresh), the child under five on its reference date
		SELECT m.child_id, k.family_id, m.contact_on,
			   CASE WHEN m.q = 1 AND m.fresh = 1 AND k.counted_on & 1 <> 0 THEN 1 ELSE 0 END
			   | CASE WHEN m.q = 2 AND m.fresh <= 2 AND k.counted_on & 2 <> 0 THEN 2 ELSE 0 END
			   | CASE WHEN m.q = 3 AND m.fresh <= 3 AND k.counted_on & 4 <> 0 THEN 4 ELSE 0 END
			   | CASE WHEN m.q = 4 AND m.fresh <= 4 AND k.counted_on & 8 <> 0 THEN 8 ELSE 0 END
			   | CASE WHEN m.q <= 2 AND m.fresh = 1 AND k.counted_on & 2 <> 0 THEN 16 ELSE 0 END
			   | CASE WHEN m.q <= 3 AND m.fresh = 1 AND k.counted_on & 4 <> 0 THEN 32 ELSE 0 END
			   | CASE WHEN m.fresh = 1 AND k.counted_on & 8 <> 0 THEN 64 ELSE 0 END AS periods
		FROM meaningful AS m
		JOIN kid AS k ON k.child_id = m.child_id
		WHERE k.counted_on <> 0
	), child_contacts AS (
		-- per child: meaningful contacts in each period
		SELECT t.child_id,
			   count(*) FILTER (WHERE t.periods & 1 <> 0) AS n1,
			   count(*) FILTER (WHERE t.periods & 2 <> 0) AS n2,
			   count(*) FILTER (WHERE t.periods & 4 <> 0) AS n3,
			   count(*) FILTER (WHERE t.periods & 8 <> 0) AS n4,
			   count(*) FILTER (WHERE t.periods & 16 <> 0) AS n5,
			   count(*) FILTER (WHERE t.periods & 32 <> 0) AS n6,
			   count(*) FILTER (WHERE t.periods & 64 <> 0) AS n7
		FROM counted_contact AS t
		GROUP BY t.child_id
	), family_contacts AS (
		-- per family: family contacts (days) in each period
		SELECT d.family_id,
			   count(*) FILTER (WHERE d.periods & 1 <> 0) AS days_1,
			   count(*) FILTER (WHERE d.periods & 2 <> 0) AS days_2,
			   count(*) FILTER (WHERE d.periods & 4 <> 0) AS days_3,
			   count(*) FILTER (WHERE d.periods & 8 <> 0) AS days_4,
			   count(*) FILTER (WHERE d.periods & 16 <> 0) AS days_5,
			   count(*) FILTER (WHERE d.periods & 32 <> 0) AS days_6,
			   count(*) FILTER (WHERE d.periods & 64 <> 0) AS days_7
		FROM (SELECT t.family_id, bit_or(t.periods) AS periods
			  FROM counted_contact AS t
			  GROUP BY t.family_id, t.contact_on) AS d
		GROUP BY d.family_id
	), lsoa_children AS (
		-- counted children per LSOA: registered on each reference date, and
		-- seen, sustained and their contacts in each period
		SELECT f.lsoa_code,
			   count(*) FILTER (WHERE k.counted_on & k.registered_on & 1 <> 0) AS registered_1,
			   count(*) FILTER (WHERE k.counted_on & k.registered_on & 2 <> 0) AS registered_2,
			   count(*) FILTER (WHERE k.counted_on & k.registered_on & 4 <> 0) AS registered_3,
			   count(*) FILTER (WHERE k.counted_on & k.registered_on & 8 <> 0) AS registered_4,
			   count(*) FILTER (WHERE n.n1 >= 1) AS seen_1,
			   count(*) FILTER (WHERE n.n2 >= 1) AS seen_2,
			   count(*) FILTER (WHERE n.n3 >= 1) AS seen_3,
			   count(*) FILTER (WHERE n.n4 >= 1) AS seen_4,
			   count(*) FILTER (WHERE n.n5 >= 1) AS seen_5,
			   count(*) FILTER (WHERE n.n6 >= 1) AS seen_6,
			   count(*) FILTER (WHERE n.n7 >= 1) AS seen_7,
			   count(*) FILTER (WHERE n.n1 >= threshold) AS sustained_1,
			   count(*) FILTER (WHERE n.n2 >= threshold) AS sustained_2,
			   count(*) FILTER (WHERE n.n3 >= threshold) AS sustained_3,
			   count(*) FILTER (WHERE n.n4 >= threshold) AS sustained_4,
			   count(*) FILTER (WHERE n.n5 >= threshold) AS sustained_5,
			   count(*) FILTER (WHERE n.n6 >= threshold) AS sustained_6,
			   count(*) FILTER (WHERE n.n7 >= threshold) AS sustained_7,
			   coalesce(sum(n.n1), 0)::bigint AS contacts_1,
			   coalesce(sum(n.n2), 0)::bigint AS contacts_2,
			   coalesce(sum(n.n3), 0)::bigint AS contacts_3,
			   coalesce(sum(n.n4), 0)::bigint AS contacts_4,
			   coalesce(sum(n.n5), 0)::bigint AS contacts_5,
			   coalesce(sum(n.n6), 0)::bigint AS contacts_6,
			   coalesce(sum(n.n7), 0)::bigint AS contacts_7
		FROM kid AS k
		JOIN @extschema@.family AS f ON f.family_id = k.family_id
		LEFT JOIN child_contacts AS n ON n.child_id = k.child_id
		WHERE k.counted_on <> 0
		GROUP BY f.lsoa_code
	), family_days AS (
		-- per family with a counted child: the reference dates on which it
		-- is registered (a child counted then is registered then) and has a
		-- disabled child counted, and its family contacts in each period
		SELECT x.family_id, x.registered_on, x.disabled_on, x.any_disabled,
			   coalesce(fc.days_1, 0) AS days_1, coalesce(fc.days_2, 0) AS days_2, coalesce(fc.days_3, 0) AS days_3,
			   coalesce(fc.days_4, 0) AS days_4, coalesce(fc.days_5, 0) AS days_5, coalesce(fc.days_6, 0) AS days_6,
			   coalesce(fc.days_7, 0) AS days_7
		FROM (SELECT k.family_id,
					 bit_or(k.counted_on & k.registered_on) AS registered_on,
					 coalesce(bit_or(k.counted_on) FILTER (WHERE k.disabled), 0) AS disabled_on,
					 bool_or(k.disabled) AS any_disabled
			  FROM kid AS k
			  GROUP BY k.family_id
			  HAVING bit_or(k.counted_on) <> 0) AS x
		LEFT JOIN family_contacts AS fc ON fc.family_id = x.family_id
	), carers AS (
		SELECT cr.family_id,
			   max(cr.dob) AS youngest_dob,
			   max(cr.dob) FILTER (WHERE cr.pregnant) AS youngest_pregnant_dob,
			   bool_or(cr.sex = 'M') AS any_male,
			   bool_and(cr.sex IS NOT DISTINCT FROM 'M') AS all_male,
			   bool_or(cr.disabled) AS any_disabled
		FROM @extschema@.carer AS cr
		GROUP BY cr.family_id
	), social AS (
		SELECT ch.family_id,
			   coalesce(bit_or(x.open_on) FILTER (WHERE s.kind = 'child_in_need'), 0) AS child_in_need,
			   coalesce(bit_or(x.open_on) FILTER (WHERE s.kind = 'child_protection'), 0) AS child_protection,
			   coalesce(bit_or(x.open_on) FILTER (WHERE s.kind = 'looked_after'), 0) AS looked_after
		FROM @extschema@.social_care AS s
		JOIN @extschema@.child AS ch USING (child_id)
		CROSS JOIN LATERAL (SELECT
				CASE WHEN s.starts_on <= r1 AND (s.ends_on IS NULL OR s.ends_on >= r1) THEN 1 ELSE 0 END
				| CASE WHEN s.starts_on <= r2 AND (s.ends_on IS NULL OR s.ends_on >= r2) THEN 2 ELSE 0 END
				| CASE WHEN s.starts_on <= r3 AND (s.ends_on IS NULL OR s.ends_on >= r3) THEN 4 ELSE 0 END
				| CASE WHEN s.starts_on <= r4 AND (s.ends_on IS NULL OR s.ends_on >= r4) THEN 8 ELSE 0 END AS open_on) AS x
		WHERE s.kind IN ('child_in_need', 'child_protection', 'looked_after')
		  AND s.starts_on <= r4 AND (s.ends_on IS NULL OR s.ends_on >= r1)
		GROUP BY ch.family_id
	), two_year AS (
		SELECT ch.family_id,
			   bit_or(CASE WHEN t.term_start <= r1 AND t.term_start > r1 - interval '1 year' THEN 1 ELSE 0 END
					  | CASE WHEN t.term_start <= r2 AND t.term_start > r2 - interval '1 year' THEN 2 ELSE 0 END
					  | CASE WHEN t.term_start <= r3 AND t.term_start > r3 - interval '1 year' THEN 4 ELSE 0 END
					  | CASE WHEN t.term_start <= r4 AND t.term_start > r4 - interval '1 year' THEN 8 ELSE 0 END) AS funded_on
		FROM @extschema@.two_year_place AS t
		JOIN @extschema@.child AS ch USING (child_id)
		WHERE t.dwp_eligible AND t.term_start <= r4 AND t.term_start > r1 - interval '1 year'
		GROUP BY ch.family_id
	), family_groups AS (
		-- the target groups of each registered family on each reference date
		-- it is registered: what does not change with the date once, and the
		-- groups that do (ages of carers, episodes open, funded places,
		-- disabled children under five) added per date
		SELECT fd.*, f.lsoa_code, r.qb,
			   CASE WHEN fd.registered_on & (1 << (r.qb - 1)) = 0 THEN NULL
					ELSE fixed.groups OPERATOR(@extschema@.|) @extschema@.target_groups(array_remove(ARRAY[
						CASE WHEN cr.youngest_dob <= r.ref AND @extschema@.age_on(cr.youngest_dob, r.ref) < 20 THEN 'teenage_parent' END,
						CASE WHEN cr.youngest_dob <= r.ref AND @extschema@.age_on(cr.youngest_dob, r.ref) < 25 THEN 'young_parent' END,
						CASE WHEN cr.youngest_pregnant_dob <= r.ref AND @extschema@.age_on(cr.youngest_pregnant_dob, r.ref) < 20 THEN 'pregnant_teenager' END,
						CASE WHEN fd.disabled_on & (1 << (r.qb - 1)) <> 0 THEN 'disabled_child' END,
						CASE WHEN sc.child_in_need & (1 << (r.qb - 1)) <> 0 THEN 'child_in_need' END,
						CASE WHEN sc.child_protection & (1 << (r.qb - 1)) <> 0 THEN 'child_protection' END,
						CASE WHEN sc.looked_after & (1 << (r.qb - 1)) <> 0 THEN 'looked_after' END,
						CASE WHEN tw.funded_on & (1 << (r.qb - 1)) <> 0 THEN 'two_year_funding' END]::text[], NULL)) END AS groups
		FROM family_days AS fd
		JOIN @extschema@.family AS f ON f.family_id = fd.family_id
		LEFT JOIN carers AS cr ON cr.family_id = fd.family_id
		LEFT JOIN social AS sc ON sc.family_id = fd.family_id
		LEFT JOIN two_year AS tw ON tw.family_id = fd.family_id
		CROSS JOIN LATERAL (SELECT @extschema@.target_groups(array_remove(ARRAY[
				CASE WHEN f.lone_parent THEN 'lone_parent' END,
				CASE WHEN cr.any_male THEN 'father' END,
				CASE WHEN cr.all_male THEN 'only_male_carer' END,
				CASE WHEN cr.any_disabled THEN 'disabled_parent' END,
				CASE WHEN fd.any_disabled THEN 'disabled_child_any_age' END,
				CASE WHEN f.workless_household THEN 'workless_household' END,
				CASE WHEN f.workless_by_status THEN 'workless_by_status' END,
				CASE WHEN f.additional_language THEN 'additional_language' END,
				CASE WHEN f.minority_ethnic THEN 'minority_ethnic' END,
				CASE WHEN f.smoking_parent THEN 'smoking_parent' END,
				CASE WHEN f.priority_family THEN 'priority_family' END]::text[], NULL)
				|| ARRAY(SELECT 'local_' || n FROM unnest(f.local_groups) AS n WHERE n IS NOT NULL)) AS groups) AS fixed
		CROSS JOIN LATERAL (VALUES (1, r1), (2, r2), (3, r3), (4, r4)) AS r(qb, ref)
	), lsoa_families AS (
		SELECT g.lsoa_code,
			   count(*) FILTER (WHERE g.qb = 1 AND g.groups IS NOT NULL) AS registered_1,
			   count(*) FILTER (WHERE g.qb = 2 AND g.groups IS NOT NULL) AS registered_2,
			   count(*) FILTER (WHERE g.qb = 3 AND g.groups IS NOT NULL) AS registered_3,
			   count(*) FILTER (WHERE g.qb = 4 AND g.groups IS NOT NULL) AS registered_4,
			   count(*) FILTER (WHERE g.qb = 1 AND g.days_1 >= 1) AS seen_1,
			   count(*) FILTER (WHERE g.qb = 2 AND g.days_2 >= 1) AS seen_2,
			   count(*) FILTER (WHERE g.qb = 3 AND g.days_3 >= 1) AS seen_3,
			   count(*) FILTER (WHERE g.qb = 4 AND g.days_4 >= 1) AS seen_4,
			   count(*) FILTER (WHERE g.qb = 2 AND g.days_5 >= 1) AS seen_5,
			   count(*) FILTER (WHERE g.qb = 3 AND g.days_6 >= 1) AS seen_6,
			   count(*) FILTER (WHERE g.qb = 4 AND g.days_7 >= 1) AS seen_7,
			   count(*) FILTER (WHERE g.qb = 1 AND g.days_1 >= threshold) AS sustained_1,
			   count(*) FILTER (WHERE g.qb = 2 AND g.days_2 >= threshold) AS sustained_2,
			   count(*) FILTER (WHERE g.qb = 3 AND g.days_3 >= threshold) AS sustained_3,
			   count(*) FILTER (WHERE g.qb = 4 AND g.days_4 >= threshold) AS sustained_4,
			   count(*) FILTER (WHERE g.qb = 2 AND g.days_5 >= threshold) AS sustained_5,
			   count(*) FILTER (WHERE g.qb = 3 AND g.days_6 >= threshold) AS sustained_6,
			   count(*) FILTER (WHERE g.qb = 4 AND g.days_7 >= threshold) AS sustained_7,
			   sum(g.days_1) FILTER (WHERE g.qb = 1)::bigint AS contacts_1,
			   sum(g.days_2) FILTER (WHERE g.qb = 2)::bigint AS contacts_2,
			   sum(g.days_3) FILTER (WHERE g.qb = 3)::bigint AS contacts_3,
			   sum(g.days_4) FILTER (WHERE g.qb = 4)::bigint AS contacts_4,
			   sum(g.days_5) FILTER (WHERE g.qb = 2)::bigint AS contacts_5,
			   sum(g.days_6) FILTER (WHERE g.qb = 3)::bigint AS contacts_6,
			   sum(g.days_7) FILTER (WHERE g.qb = 4)::bigint AS contacts_7,
			   @extschema@.coverage(g.groups, g.days_1, threshold) FILTER (WHERE g.qb = 1 AND g.groups IS NOT NULL) AS coverage_1,
			   @extschema@.coverage(g.groups, g.days_2, threshold) FILTER (WHERE g.qb = 2 AND g.groups IS NOT NULL) AS coverage_2,
			   @extschema@.coverage(g.groups, g.days_3, threshold) FILTER (WHERE g.qb = 3 AND g.groups IS NOT NULL) AS coverage_3,
			   @extschema@.coverage(g.groups, g.days_4, threshold) FILTER (WHERE g.qb = 4 AND g.groups IS NOT NULL) AS coverage_4,
			   @extschema@.coverage(g.groups, g.days_5, threshold) FILTER (WHERE g.qb = 2 AND g.groups IS NOT NULL) AS coverage_5,
			   @extschema@.coverage(g.groups, g.days_6, threshold) FILTER (WHERE g.qb = 3 AND g.groups IS NOT NULL) AS coverage_6,
			   @extschema@.coverage(g.groups, g.days_7, threshold) FILTER (WHERE g.qb = 4 AND g.groups IS NOT NULL) AS coverage_7
		FROM family_groups AS g
		GROUP BY g.lsoa_code
	), period_def AS (
		-- the wanted periods: quarters qa..qb of the year, i numbering the
		-- figures above
		SELECT x.label, x.qb, x.i, (ARRAY[r1, r2, r3, r4])[x.qb] AS ref
		FROM (VALUES (fy || ' Q1', 1, 1), (fy || ' Q2', 2, 2), (fy || ' Q3', 3, 3), (fy || ' Q4', 4, 4),
					 (fy || ' Q1-Q2', 2, 5), (fy || ' Q1-Q3', 3, 6), (fy, 4, 7)) AS x(label, qb, i)
		WHERE x.label = ANY (wanted)
	), area AS (
		SELECT DISTINCT ON (d.label, r.lsoa_code) d.label, d.qb, d.i, d.ref, r.lsoa_code, r.centre_id
		FROM period_def AS d
		JOIN @extschema@.reach_area AS r ON r.valid_from <= d.ref AND (r.valid_to IS NULL OR r.valid_to >= d.ref)
		ORDER BY d.label, r.lsoa_code, r.valid_from DESC
	)
	SELECT a.label, a.lsoa_code, a.centre_id, coalesce(pop.persons, 0),
		   coalesce((ARRAY[ch.registered_1, ch.registered_2, ch.registered_3, ch.registered_4])[a.qb], 0),
		   coalesce((ARRAY[ch.seen_1, ch.seen_2, ch.seen_3, ch.seen_4, ch.seen_5, ch.seen_6, ch.seen_7])[a.i], 0),
		   coalesce((ARRAY[ch.sustained_1, ch.sustained_2, ch.sustained_3, ch.sustained_4, ch.sustained_5, ch.sustained_6, ch.sustained_7])[a.i], 0),
		   coalesce((ARRAY[fa.registered_1, fa.registered_2, fa.registered_3, fa.registered_4])[a.qb], 0),
		   coalesce((ARRAY[fa.seen_1, fa.seen_2, fa.seen_3, fa.seen_4, fa.seen_5, fa.seen_6, fa.seen_7])[a.i], 0),
		   coalesce((ARRAY[fa.sustained_1, fa.sustained_2, fa.sustained_3, fa.sustained_4, fa.sustained_5, fa.sustained_6, fa.sustained_7])[a.i], 0),
		   coalesce((ARRAY[ch.contacts_1, ch.contacts_2, ch.contacts_3, ch.contacts_4, ch.contacts_5, ch.contacts_6, ch.contacts_7])[a.i], 0),
		   coalesce((ARRAY[fa.contacts_1, fa.contacts_2, fa.contacts_3, fa.contacts_4, fa.contacts_5, fa.contacts_6, fa.contacts_7])[a.i], 0),
		   (ARRAY[fa.coverage_1, fa.coverage_2, fa.coverage_3, fa.coverage_4, fa.coverage_5, fa.coverage_6, fa.coverage_7])[a.i]
	FROM area AS a
	LEFT JOIN LATERAL (
		SELECT sum(p.persons)::bigint AS persons
		FROM @extschema@.population AS p
		WHERE p.lsoa_code = a.lsoa_code
		  AND p.mid_year = coalesce(
				(SELECT max(q.mid_year) FROM @extschema@.population AS q
				 WHERE q.lsoa_code = a.lsoa_code AND make_date(q.mid_year, 6, 30) <= a.ref),
				(SELECT min(q.mid_year) FROM @extschema@.population AS q WHERE q.lsoa_code = a.lsoa_code))
	) AS pop ON true
	LEFT JOIN lsoa_children AS ch ON ch.lsoa_code = a.lsoa_code
	LEFT JOIN lsoa_families AS fa ON fa.lsoa_code = a.lsoa_code;
END
$$;
COMMENT ON FUNCTION surestart_internal.count_periods(date, text[], integer) IS
	'the counting rules for the wanted periods of the financial year starting year_start, with a sustained threshold: reach and target-group coverage, one row per period and LSOA of a reach area';

/* ---------------------------------------------------------------- freshness */

/*
 * Statement-level triggers on the data tables note which stored periods a
 * statement touched, from the rows' dates in the transition tables (one
 * pass over the changed rows, no per-row work).  How a table's rows reach
 * periods is given by the trigger's arguments:
 *   'dates', first, last      - periods overlapping [min(first), max(last)]
 *                               (contacts, social-care episodes);
 *   'reference', first, last  - periods whose reference date lies in
 *                               [min(first), max(last)] (registrations,
 *                               reach areas, children's dates of birth);
 *   'all'                     - every stored period (families, carers,
 *                               populations, contact rules), as TRUNCATE.
 * first and last are column expressions fixed by this script.  Only
 * stored periods get a note: one not stored yet is counted live anyway.  A
 * transaction notes a period once.
 *
 * SECURITY DEFINER (reviewed): whoever changes a data table (a loader, a
 * partner's own system, the owner) must be able to write the note, and
 * nobody else writes figure_change.  The dynamic SQL reads only the
 * transition tables with the expressions of the CREATE TRIGGER statements
 * below; search_path is pinned.
 */
CREATE FUNCTION surestart_internal.note_changed_periods() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	reach text := TG_ARGV[0];
	first_day date;
	last_day date;
	old_first date;
	old_last date;
BEGIN
	IF reach = 'all' OR TG_OP = 'TRUNCATE' THEN
		first_day := '-infinity';
		last_day := 'infinity';
	ELSE
		IF TG_OP IN ('INSERT', 'UPDATE') THEN
			EXECUTE format('SELECT min(%s)::date, max(%s)::date FROM new_rows', TG_ARGV[1], TG_ARGV[2])
				INTO first_day, last_day;
		END IF;
		IF TG_OP IN ('DELETE', 'UPDATE') THEN
			EXECUTE format('SELECT min(%s)::date, max(%s)::date FROM old_rows', TG_ARGV[1], TG_ARGV[2])
				INTO old_first, old_last;
			first_day := least(first_day, old_first);
			last_day := greatest(last_day, old_last);
		END IF;
		IF first_day IS NULL THEN
			RETURN NULL;	-- no row changed, or none with a date
		END IF;
	END IF;
	INSERT INTO surestart_internal.figure_change (period, table_name)
	SELECT p.period, TG_TABLE_NAME
	FROM surestart_internal.figure_period AS p
	WHERE CASE WHEN reach = 'reference' THEN p.period_end BETWEEN first_day AND last_day
			   ELSE p.period_end >= first_day AND p.period_start <= last_day END
	  AND NOT EXISTS (SELECT 1 FROM surestart_internal.figure_change AS c
					  WHERE c.period = p.period AND c.changed_in = pg_current_xact_id());
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION surestart_internal.note_changed_periods() IS
	'statement trigger of the data tables: notes the stored periods a statement touched in figure_change (arguments: dates, reference or all, and the first and last date expressions)';

DO $$
DECLARE
	t text[];
	args text;
BEGIN
	FOREACH t SLICE 1 IN ARRAY ARRAY[
		['contact', 'dates', 'contact_on', 'contact_on'],
		['social_care', 'dates', 'starts_on', 'coalesce(ends_on, ''infinity'')'],
		['registration', 'reference', 'registered_on', 'coalesce(ended_on, ''infinity'')'],
		['reach_area', 'reference', 'valid_from', 'coalesce(valid_to, ''infinity'')'],
		['child', 'reference', 'dob', 'dob + interval ''6 years'''],
		['two_year_place', 'reference', 'term_start', 'term_start + interval ''1 year'''],
		['family', 'all', '', ''],
		['carer', 'all', '', ''],
		['population', 'all', '', ''],
		['contact_rule', 'all', '', '']]
	LOOP
		args := pg_catalog.format('%L, %L, %L', t[2], t[3], t[4]);
		EXECUTE pg_catalog.format('CREATE TRIGGER note_changed_periods_after_insert AFTER INSERT ON @extschema@.%I '
			'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
			'EXECUTE FUNCTION surestart_internal.note_changed_periods(%s)', t[1], args);
		EXECUTE pg_catalog.format('CREATE TRIGGER note_changed_periods_after_update AFTER UPDATE ON @extschema@.%I '
			'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT '
			'EXECUTE FUNCTION surestart_internal.note_changed_periods(%s)', t[1], args);
		EXECUTE pg_catalog.format('CREATE TRIGGER note_changed_periods_after_delete AFTER DELETE ON @extschema@.%I '
			'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
			'EXECUTE FUNCTION surestart_internal.note_changed_periods(%s)', t[1], args);
		EXECUTE pg_catalog.format('CREATE TRIGGER note_changed_periods_after_truncate AFTER TRUNCATE ON @extschema@.%I '
			'FOR EACH STATEMENT EXECUTE FUNCTION surestart_internal.note_changed_periods(''all'')', t[1]);
	END LOOP;
END
$$;

/*
 * refresh(): count again every reporting period whose stored figures are
 * missing, noted as changed, or counted with another sustained threshold;
 * forget stored periods that are no longer reported; return the periods
 * counted and their LSOA rows.  Atomic (the caller's transaction).
 * Concurrent calls serialise on a transaction-level advisory lock (key
 * 6013838656940171633, one more than take_snapshot's), taken before
 * anything is read; the second caller then finds the periods current and
 * returns no rows.  Writers never wait for it (see figure_change above).
 *
 * SECURITY DEFINER (reviewed): the scheduling or loading role needs no
 * rights on the person-level tables or the store; it takes no argument,
 * runs no dynamic SQL and pins search_path.  EXECUTE is revoked from
 * PUBLIC: grant it to the role that schedules it (load_staged calls it).
 */
CREATE FUNCTION @extschema@.refresh()
RETURNS TABLE (period text, rows bigint)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	threshold integer;
	y record;
BEGIN
	PERFORM pg_catalog.pg_advisory_xact_lock(6013838656940171633);
	SELECT s.value::integer INTO threshold FROM @extschema@.setting AS s WHERE s.name = 'sustained_contacts';

	DELETE FROM surestart_internal.figure_period AS f
	WHERE NOT EXISTS (SELECT 1 FROM @extschema@.reporting_periods() AS r WHERE r.period = f.period);
	DELETE FROM surestart_internal.figure_change AS c
	WHERE NOT EXISTS (SELECT 1 FROM surestart_internal.figure_period AS f WHERE f.period = c.period);

	-- the periods to count, a financial year at a time (one pass each)
	FOR y IN
		SELECT (@extschema@.financial_period_bounds(@extschema@.financial_year(r.period_start))).period_start AS year_start,
			   array_agg(r.period) AS periods
		FROM @extschema@.reporting_periods() AS r
		LEFT JOIN surestart_internal.figure_period AS f ON f.period = r.period
		WHERE f.period IS NULL OR f.sustained_contacts <> threshold
		   OR EXISTS (SELECT 1 FROM surestart_internal.figure_change AS c WHERE c.period = r.period)
		GROUP BY 1
		ORDER BY 1
	LOOP
		-- the notes first, the count in later statements (see figure_change)
		DELETE FROM surestart_internal.figure_change AS c WHERE c.period = ANY (y.periods);
		DELETE FROM surestart_internal.lsoa_figure AS l WHERE l.period = ANY (y.periods);
		INSERT INTO surestart_internal.figure_period AS f (period, kind, period_start, period_end, sustained_contacts, computed_at)
		SELECT r.period, r.kind, r.period_start, r.period_end, threshold, pg_catalog.clock_timestamp()
		FROM @extschema@.reporting_periods() AS r
		WHERE r.period = ANY (y.periods)
		ON CONFLICT ON CONSTRAINT figure_period_pkey DO UPDATE
			SET kind = excluded.kind, period_start = excluded.period_start, period_end = excluded.period_end,
				sustained_contacts = excluded.sustained_contacts, computed_at = excluded.computed_at;
		INSERT INTO surestart_internal.lsoa_figure
		SELECT c.* FROM surestart_internal.count_periods(y.year_start, y.periods, threshold) AS c;
		RETURN QUERY
			SELECT r.period, count(l.lsoa_code)
			FROM @extschema@.reporting_periods() AS r
			LEFT JOIN surestart_internal.lsoa_figure AS l ON l.period = r.period
			WHERE r.period = ANY (y.periods)
			GROUP BY r.period, r.period_start, r.period_end
			ORDER BY r.period_start, r.period_end;
	END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.refresh() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.refresh() IS
	'brings the stored figures up to date: counts again every period that is not stored, was changed since, or was counted with another sustained_contacts; returns the periods counted and their LSOA rows';

/*
 * No reporting role is granted USAGE on surestart_internal, so only the
 * extension's own views and functions read the store.  Row-level security
 * as on the other centre-level tables (90_security.sql) guards it all the
 * same, should a council grant a partner more than create_roles() does.
 */
ALTER TABLE surestart_internal.lsoa_figure ENABLE ROW LEVEL SECURITY;
CREATE POLICY not_partner ON surestart_internal.lsoa_figure USING (NOT (SELECT @extschema@.partner_restricted()));
CREATE POLICY partner_scope ON surestart_internal.lsoa_figure FOR SELECT
	USING (centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s));
