/* src/sql/58_figures.sql: the stored figures, counted once per period (SPEC "Stored figures and freshness") */

/*
 * Every reach and coverage figure is counted once per period, at LSOA
 * grain, and kept: a centre, group, district, lead-partner or county figure
 * is then an exact sum of kept rows, so two views can never disagree, and a
 * view reads a few thousand kept rows instead of recounting every contact.
 *
 *   contact, registration, child, family, ... (person-level tables)
 *        |  count_period(): the counting rules, one query per period
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
 * The counting rules of SPEC for one period [first_day, last_day], the
 * reference date being last_day:
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
 * same rules for every period at once; the tests compare the two.  This
 * function is the fast form: one query per period with the bounds as
 * parameters, so that the planner sees the date range it scans, and the
 * counted children and their contacts worked out once for reach and
 * coverage alike.  Whole-table steps are written as joins, not as
 * per-row lookups: at England scale (3.2M children) a registration probe per
 * child, or a carer probe per registered family, costs minutes of random
 * reads where one scan and a hash join cost seconds.  JIT is off for this one query, whatever the session's
 * setting: the row counts of its CTEs are unknown to the planner, whose
 * inflated estimates would otherwise spend seconds compiling a plan that
 * runs in less (users and BI tools keep their default settings).
 *
 * SECURITY DEFINER (reviewed): the views that count live call it for the
 * reporting roles, who may not read the person-level tables; it returns
 * only counts per LSOA, takes dates and a number, runs no dynamic SQL and
 * pins search_path.  EXECUTE stays with PUBLIC because a view's functions
 * run with its reader's rights, but nobody is granted USAGE on
 * surestart_internal, so no role can name it: only the extension's views
 * and functions call it (test/pgtap/roles.sql checks both).
 */
CREATE FUNCTION surestart_internal.count_period(first_day date, last_day date, threshold integer)
RETURNS TABLE (lsoa_code text, centre_id text, under_fives bigint, registered bigint, seen bigint, sustained bigint,
			   families_registered bigint, families_seen bigint, families_sustained bigint,
			   contacts bigint, family_contacts bigint, coverage @extschema@.coverage)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
BEGIN
	RETURN QUERY
	WITH area AS (
		SELECT DISTINCT ON (r.lsoa_code) r.lsoa_code, r.centre_id
		FROM @extschema@.reach_area AS r
		WHERE r.valid_from <= last_day AND (r.valid_to IS NULL OR r.valid_to >= last_day)
		ORDER BY r.lsoa_code, r.valid_from DESC
	), open_registration AS (
		SELECT DISTINCT g.child_id
		FROM @extschema@.registration AS g
		WHERE g.registered_on <= last_day AND (g.ended_on IS NULL OR g.ended_on >= last_day)
	), counted AS MATERIALIZED (
		SELECT c.child_id, c.family_id, f.lsoa_code, c.disabled, o.child_id IS NOT NULL AS registered
		FROM area AS a
		JOIN @extschema@.family AS f ON f.lsoa_code = a.lsoa_code
		JOIN @extschema@.child AS c ON c.family_id = f.family_id
		LEFT JOIN open_registration AS o ON o.child_id = c.child_id
		WHERE c.dob > last_day - interval '6 years' AND c.dob <= last_day
		  AND @extschema@.age_on(c.dob, last_day) < 5
	), meaningful AS (
		SELECT k.child_id, k.contact_on
		FROM @extschema@.contact AS k
		WHERE k.contact_on BETWEEN first_day AND last_day
		  AND NOT EXISTS (SELECT 1 FROM @extschema@.contact_rule AS r
						  WHERE r.mode = k.mode AND r.counts IN ('never', 'once_per_term'))
		UNION ALL
		SELECT t.child_id, t.contact_on
		FROM (SELECT k.child_id, k.contact_on, s.open AS in_care,
					 row_number() OVER (PARTITION BY k.child_id, k.mode, @extschema@.term_start(k.contact_on), s.open
										ORDER BY k.contact_on, k.contact_id) AS nth
			  FROM @extschema@.contact AS k
			  JOIN @extschema@.contact_rule AS r ON r.mode = k.mode AND r.counts = 'once_per_term'
			  CROSS JOIN LATERAL (
				  SELECT EXISTS (SELECT 1 FROM @extschema@.social_care AS sc
								 WHERE sc.child_id = k.child_id AND sc.starts_on <= k.contact_on
								   AND (sc.ends_on IS NULL OR sc.ends_on >= k.contact_on)) AS open) AS s
			  WHERE k.contact_on BETWEEN first_day AND last_day) AS t
		WHERE t.in_care OR t.nth = 1
	), touched AS MATERIALIZED (
		SELECT c.lsoa_code, c.family_id, c.child_id, m.contact_on
		FROM meaningful AS m
		JOIN counted AS c USING (child_id)
	), children AS (
		SELECT x.lsoa_code, count(*) AS seen, count(*) FILTER (WHERE x.n >= threshold) AS sustained,
			   sum(x.n)::bigint AS contacts
		FROM (SELECT t.lsoa_code, t.child_id, count(*) AS n FROM touched AS t GROUP BY t.lsoa_code, t.child_id) AS x
		GROUP BY x.lsoa_code
	), family_days AS MATERIALIZED (
		SELECT d.lsoa_code, d.family_id, count(*) AS n
		FROM (SELECT DISTINCT t.lsoa_code, t.family_id, t.contact_on FROM touched AS t) AS d
		GROUP BY d.lsoa_code, d.family_id
	), families AS (
		SELECT x.lsoa_code, count(*) AS seen, count(*) FILTER (WHERE x.n >= threshold) AS sustained,
			   sum(x.n)::bigint AS contacts
		FROM family_days AS x
		GROUP BY x.lsoa_code
	), registered_family AS MATERIALIZED (
		SELECT c.family_id, c.lsoa_code, count(*) FILTER (WHERE c.registered) AS registered_children,
			   bool_or(c.disabled) AS disabled_under_five
		FROM counted AS c
		GROUP BY c.family_id, c.lsoa_code
		HAVING bool_or(c.registered)
	), carers AS (
		SELECT cr.family_id,
			   max(cr.dob) AS youngest_dob,
			   max(cr.dob) FILTER (WHERE cr.pregnant) AS youngest_pregnant_dob,
			   bool_or(cr.sex = 'M') AS any_male,
			   bool_and(cr.sex IS NOT DISTINCT FROM 'M') AS all_male,
			   bool_or(cr.disabled) AS any_disabled
		FROM @extschema@.carer AS cr
		GROUP BY cr.family_id
	), any_age AS (
		SELECT ch.family_id, bool_or(ch.disabled) AS any_disabled
		FROM @extschema@.child AS ch
		GROUP BY ch.family_id
	), social AS (
		SELECT ch.family_id,
			   bool_or(s.kind = 'child_in_need') AS child_in_need,
			   bool_or(s.kind = 'child_protection') AS child_protection,
			   bool_or(s.kind = 'looked_after') AS looked_after
		FROM @extschema@.social_care AS s
		JOIN @extschema@.child AS ch USING (child_id)
		WHERE s.starts_on <= last_day AND (s.ends_on IS NULL OR s.ends_on >= last_day)
		GROUP BY ch.family_id
	), two_year AS (
		SELECT DISTINCT ch.family_id
		FROM @extschema@.two_year_place AS t
		JOIN @extschema@.child AS ch USING (child_id)
		WHERE t.dwp_eligible AND t.term_start <= last_day AND t.term_start > last_day - interval '1 year'
	), registered AS (
		SELECT rf.lsoa_code, sum(rf.registered_children)::bigint AS children, count(*) AS families,
			   @extschema@.coverage(@extschema@.target_groups(array_remove(ARRAY[
				   CASE WHEN cr.youngest_dob <= last_day AND @extschema@.age_on(cr.youngest_dob, last_day) < 20 THEN 'teenage_parent' END,
				   CASE WHEN cr.youngest_dob <= last_day AND @extschema@.age_on(cr.youngest_dob, last_day) < 25 THEN 'young_parent' END,
				   CASE WHEN cr.youngest_pregnant_dob <= last_day AND @extschema@.age_on(cr.youngest_pregnant_dob, last_day) < 20 THEN 'pregnant_teenager' END,
				   CASE WHEN f.lone_parent THEN 'lone_parent' END,
				   CASE WHEN cr.any_male THEN 'father' END,
				   CASE WHEN cr.all_male THEN 'only_male_carer' END,
				   CASE WHEN cr.any_disabled THEN 'disabled_parent' END,
				   CASE WHEN rf.disabled_under_five THEN 'disabled_child' END,
				   CASE WHEN aa.any_disabled THEN 'disabled_child_any_age' END,
				   CASE WHEN f.workless_household THEN 'workless_household' END,
				   CASE WHEN f.workless_by_status THEN 'workless_by_status' END,
				   CASE WHEN f.additional_language THEN 'additional_language' END,
				   CASE WHEN f.minority_ethnic THEN 'minority_ethnic' END,
				   CASE WHEN f.smoking_parent THEN 'smoking_parent' END,
				   CASE WHEN f.priority_family THEN 'priority_family' END,
				   CASE WHEN sc.child_in_need THEN 'child_in_need' END,
				   CASE WHEN sc.child_protection THEN 'child_protection' END,
				   CASE WHEN sc.looked_after THEN 'looked_after' END,
				   CASE WHEN tw.family_id IS NOT NULL THEN 'two_year_funding' END]::text[], NULL)
				   || ARRAY(SELECT 'local_' || n FROM unnest(f.local_groups) AS n WHERE n IS NOT NULL)),
				   coalesce(fd.n, 0), threshold) AS coverage
		FROM registered_family AS rf
		JOIN @extschema@.family AS f ON f.family_id = rf.family_id
		LEFT JOIN carers AS cr ON cr.family_id = rf.family_id
		LEFT JOIN any_age AS aa ON aa.family_id = rf.family_id
		LEFT JOIN social AS sc ON sc.family_id = rf.family_id
		LEFT JOIN two_year AS tw ON tw.family_id = rf.family_id
		LEFT JOIN family_days AS fd ON fd.family_id = rf.family_id
		GROUP BY rf.lsoa_code
	)
	SELECT a.lsoa_code, a.centre_id, coalesce(pop.persons, 0),
		   coalesce(g.children, 0), coalesce(ch.seen, 0), coalesce(ch.sustained, 0),
		   coalesce(g.families, 0), coalesce(fa.seen, 0), coalesce(fa.sustained, 0),
		   coalesce(ch.contacts, 0), coalesce(fa.contacts, 0), g.coverage
	FROM area AS a
	LEFT JOIN LATERAL (
		SELECT sum(p.persons)::bigint AS persons
		FROM @extschema@.population AS p
		WHERE p.lsoa_code = a.lsoa_code
		  AND p.mid_year = coalesce(
				(SELECT max(q.mid_year) FROM @extschema@.population AS q
				 WHERE q.lsoa_code = a.lsoa_code AND make_date(q.mid_year, 6, 30) <= last_day),
				(SELECT min(q.mid_year) FROM @extschema@.population AS q WHERE q.lsoa_code = a.lsoa_code))
	) AS pop ON true
	LEFT JOIN registered AS g ON g.lsoa_code = a.lsoa_code
	LEFT JOIN children AS ch ON ch.lsoa_code = a.lsoa_code
	LEFT JOIN families AS fa ON fa.lsoa_code = a.lsoa_code;
END
$$;
COMMENT ON FUNCTION surestart_internal.count_period(date, date, integer) IS
	'the counting rules for one period (reference date last_day) and sustained threshold: reach and target-group coverage, one row per LSOA of a reach area';

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
	p record;
	n bigint;
BEGIN
	PERFORM pg_catalog.pg_advisory_xact_lock(6013838656940171633);
	SELECT s.value::integer INTO threshold FROM @extschema@.setting AS s WHERE s.name = 'sustained_contacts';

	DELETE FROM surestart_internal.figure_period AS f
	WHERE NOT EXISTS (SELECT 1 FROM @extschema@.reporting_periods() AS r WHERE r.period = f.period);
	DELETE FROM surestart_internal.figure_change AS c
	WHERE NOT EXISTS (SELECT 1 FROM surestart_internal.figure_period AS f WHERE f.period = c.period);

	FOR p IN
		SELECT r.period, r.kind, r.period_start, r.period_end
		FROM @extschema@.reporting_periods() AS r
		LEFT JOIN surestart_internal.figure_period AS f ON f.period = r.period
		WHERE f.period IS NULL OR f.sustained_contacts <> threshold
		   OR EXISTS (SELECT 1 FROM surestart_internal.figure_change AS c WHERE c.period = r.period)
		ORDER BY r.period_start, r.period_end
	LOOP
		-- the notes first, the count in later statements (see figure_change)
		DELETE FROM surestart_internal.figure_change AS c WHERE c.period = p.period;
		DELETE FROM surestart_internal.lsoa_figure AS l WHERE l.period = p.period;
		INSERT INTO surestart_internal.figure_period AS f (period, kind, period_start, period_end, sustained_contacts, computed_at)
		VALUES (p.period, p.kind, p.period_start, p.period_end, threshold, pg_catalog.clock_timestamp())
		ON CONFLICT ON CONSTRAINT figure_period_pkey DO UPDATE
			SET kind = excluded.kind, period_start = excluded.period_start, period_end = excluded.period_end,
				sustained_contacts = excluded.sustained_contacts, computed_at = excluded.computed_at;
		INSERT INTO surestart_internal.lsoa_figure
		SELECT p.period, c.*
		FROM surestart_internal.count_period(p.period_start, p.period_end, threshold) AS c;
		GET DIAGNOSTICS n = ROW_COUNT;
		period := p.period;
		rows := n;
		RETURN NEXT;
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
