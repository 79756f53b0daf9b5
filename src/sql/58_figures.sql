/* src/sql/58_figures.sql: the stored figures, counted once per period (SPEC "Stored figures and freshness") */

/*
 * Every reach and coverage figure is counted once per period, at LSOA
 * grain, and kept: a centre, group, district, lead-partner or county figure
 * is then an exact sum of kept rows, so two views can never disagree, and a
 * view reads a few thousand kept rows instead of recounting every contact.
 *
 *   contact, registration, child, family, ... (person-level tables)
 *        |  count_periods(): the counting rules, one read per financial year (count_people, in C)
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

/* (Schema surestart_internal is made in 45_access.sql, whose visibility views are its first objects.) */

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
	vulnerable_families bigint NOT NULL,
	vulnerable_seen bigint NOT NULL,
	vulnerable_sustained bigint NOT NULL,
	PRIMARY KEY (period, lsoa_code),
	CONSTRAINT counts_must_not_be_negative
		CHECK (under_fives >= 0 AND registered >= 0 AND seen >= 0 AND sustained >= 0
			   AND families_registered >= 0 AND families_seen >= 0 AND families_sustained >= 0
			   AND contacts >= 0 AND family_contacts >= 0
			   AND vulnerable_families >= 0 AND vulnerable_seen >= 0 AND vulnerable_sustained >= 0)
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
COMMENT ON COLUMN surestart_internal.lsoa_figure.vulnerable_families IS 'registered families in at least one target group classed as vulnerable (target_group.vulnerable) on the reference date, each family once';
COMMENT ON COLUMN surestart_internal.lsoa_figure.vulnerable_seen IS 'of them, families with at least one family contact in the period';
COMMENT ON COLUMN surestart_internal.lsoa_figure.vulnerable_sustained IS 'of them, families with at least sustained_contacts family contacts in the period';

/*
 * The LSOA rows summed to every level and scope, stored beside them by
 * refresh(): the sums, their percentages, Ofsted's words, the 95% Wilson
 * intervals of the three children's rates and the unit's name (roll_up(),
 * 60_reach_views.sql).  They are what reach_figures serves while the
 * period is current and nothing they were summed by has changed since
 * (roll_up_change), so a view reads a period's 49,000 England rows instead
 * of summing 33,000 LSOA rows to five levels and two scopes on every read.
 */
CREATE TABLE surestart_internal.unit_figure (
	period text NOT NULL REFERENCES surestart_internal.figure_period ON DELETE CASCADE,
	level text NOT NULL
		CONSTRAINT level_must_be_lsoa_centre_group_district_or_county
		CHECK (level IN ('lsoa', 'centre', 'group', 'district', 'county')),
	unit_id text NOT NULL,
	scope text NOT NULL
		CONSTRAINT scope_must_be_all_or_deprived CHECK (scope IN ('all', 'deprived')),
	unit_name text,
	centre_id text,
	under_fives bigint NOT NULL,
	registered bigint NOT NULL,
	registered_pct numeric,
	seen bigint NOT NULL,
	seen_pct numeric,
	sustained bigint NOT NULL,
	sustained_pct numeric,
	families_registered bigint NOT NULL,
	families_seen bigint NOT NULL,
	families_seen_pct numeric,
	families_sustained bigint NOT NULL,
	families_sustained_pct numeric,
	registered_words text,
	seen_words text,
	contacts bigint NOT NULL,
	family_contacts bigint NOT NULL,
	registered_low double precision,
	registered_high double precision,
	seen_low double precision,
	seen_high double precision,
	sustained_low double precision,
	sustained_high double precision,
	registered_low_95 numeric,
	registered_high_95 numeric,
	seen_low_95 numeric,
	seen_high_95 numeric,
	sustained_low_95 numeric,
	sustained_high_95 numeric,
	most_deprived boolean,
	PRIMARY KEY (period, level, unit_id, scope)
);
COMMENT ON TABLE surestart_internal.unit_figure IS 'The stored LSOA figures summed to every level (lsoa, centre, group, district, county) and scope (all, deprived), with percentages, words, intervals and names (refresh(), roll_up()): what reach_figures shows for a current period';
COMMENT ON COLUMN surestart_internal.unit_figure.period IS 'period label';
COMMENT ON COLUMN surestart_internal.unit_figure.level IS 'lsoa, centre, group, district or county';
COMMENT ON COLUMN surestart_internal.unit_figure.unit_id IS 'LSOA code, centre id, group id, district code, or county';
COMMENT ON COLUMN surestart_internal.unit_figure.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs (deprived_lsoa when summed)';
COMMENT ON COLUMN surestart_internal.unit_figure.unit_name IS 'LSOA, centre or district name, group id, or County, when summed';
COMMENT ON COLUMN surestart_internal.unit_figure.centre_id IS 'for an LSOA, the centre whose reach area holds it; for a centre, the centre; else null';
COMMENT ON COLUMN surestart_internal.unit_figure.under_fives IS 'sum of lsoa_figure.under_fives';
COMMENT ON COLUMN surestart_internal.unit_figure.registered IS 'sum of lsoa_figure.registered';
COMMENT ON COLUMN surestart_internal.unit_figure.registered_pct IS 'registered as a percentage of under_fives (percent_of)';
COMMENT ON COLUMN surestart_internal.unit_figure.seen IS 'sum of lsoa_figure.seen';
COMMENT ON COLUMN surestart_internal.unit_figure.seen_pct IS 'seen as a percentage of under_fives';
COMMENT ON COLUMN surestart_internal.unit_figure.sustained IS 'sum of lsoa_figure.sustained';
COMMENT ON COLUMN surestart_internal.unit_figure.sustained_pct IS 'sustained as a percentage of under_fives';
COMMENT ON COLUMN surestart_internal.unit_figure.families_registered IS 'sum of lsoa_figure.families_registered';
COMMENT ON COLUMN surestart_internal.unit_figure.families_seen IS 'sum of lsoa_figure.families_seen';
COMMENT ON COLUMN surestart_internal.unit_figure.families_seen_pct IS 'families_seen as a percentage of families_registered';
COMMENT ON COLUMN surestart_internal.unit_figure.families_sustained IS 'sum of lsoa_figure.families_sustained';
COMMENT ON COLUMN surestart_internal.unit_figure.families_sustained_pct IS 'families_sustained as a percentage of families_registered';
COMMENT ON COLUMN surestart_internal.unit_figure.registered_words IS 'Ofsted''s words for registered_pct (null above 100%)';
COMMENT ON COLUMN surestart_internal.unit_figure.seen_words IS 'Ofsted''s words for seen_pct (null above 100%)';
COMMENT ON COLUMN surestart_internal.unit_figure.contacts IS 'sum of lsoa_figure.contacts';
COMMENT ON COLUMN surestart_internal.unit_figure.family_contacts IS 'sum of lsoa_figure.family_contacts';
COMMENT ON COLUMN surestart_internal.unit_figure.registered_low IS 'lower end of the 95% Wilson score interval of registered / under_fives (a proportion; null when registered passes under_fives or under_fives is 0)';
COMMENT ON COLUMN surestart_internal.unit_figure.registered_high IS 'upper end of that interval';
COMMENT ON COLUMN surestart_internal.unit_figure.seen_low IS 'lower end of the 95% Wilson score interval of seen / under_fives';
COMMENT ON COLUMN surestart_internal.unit_figure.seen_high IS 'upper end of that interval';
COMMENT ON COLUMN surestart_internal.unit_figure.sustained_low IS 'lower end of the 95% Wilson score interval of sustained / under_fives';
COMMENT ON COLUMN surestart_internal.unit_figure.sustained_high IS 'upper end of that interval';
COMMENT ON COLUMN surestart_internal.unit_figure.registered_low_95 IS 'registered_low as a percentage, one decimal place (what the data pack shows)';
COMMENT ON COLUMN surestart_internal.unit_figure.registered_high_95 IS 'registered_high as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.unit_figure.seen_low_95 IS 'seen_low as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.unit_figure.seen_high_95 IS 'seen_high as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.unit_figure.sustained_low_95 IS 'sustained_low as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.unit_figure.sustained_high_95 IS 'sustained_high as a percentage, one decimal place';
COMMENT ON COLUMN surestart_internal.unit_figure.most_deprived IS 'for an LSOA, whether it was among the most deprived (deprived_lsoa) when summed; else null';

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

/*
 * Notes that what the LSOA rows are summed by changed: a centre's group,
 * district or name, the LSOAs (names, districts, which exist) or which are
 * the most deprived (the deprived settings, lsoa_deprivation, the LSOA
 * lookup), or Ofsted's words for the stored percentages (ofsted_word).
 * The LSOA counts stay current; until refresh() sums them again,
 * reach_figures sums them when read.  Not per period: every stored period
 * is summed by the same centres and LSOAs.  Not dumped, like figure_change.
 */
CREATE TABLE surestart_internal.roll_up_change (
	table_name text NOT NULL,
	changed_at timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp(),
	changed_in pg_catalog.xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()
);
COMMENT ON TABLE surestart_internal.roll_up_change IS 'Changes to what the stored LSOA figures are summed and shown by (centres, LSOAs, the most deprived LSOAs, Ofsted''s words) since refresh() last summed them: written by statement triggers, cleared by refresh()';
COMMENT ON COLUMN surestart_internal.roll_up_change.table_name IS 'the table the statement changed';
COMMENT ON COLUMN surestart_internal.roll_up_change.changed_at IS 'when (start of the statement)';
COMMENT ON COLUMN surestart_internal.roll_up_change.changed_in IS 'the transaction (one note per transaction is enough)';

SELECT pg_catalog.pg_extension_config_dump('surestart_internal.figure_period', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_internal.unit_figure', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_internal.lsoa_figure', '');

/* ---------------------------------------------------------------- counting */

/*
 * The counting rules of SPEC, for the wanted periods (labels of quarters,
 * years to date and years; the reference date of a period is its last
 * day), the periods of one financial year counted together:
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
 * same rules period by period; the tests compare the two.  The people are
 * counted by count_people (src/figures.c), which reads each person-level
 * table once into hash tables of children and families (about 0.5 GB at
 * England scale, freed when it returns) and counts every period of the
 * year from one read of its contacts (issue 12: in SQL the per-child and
 * per-family-day aggregations of a year's contacts cost six times a plain
 * GROUP BY).  What is left here is the small part: which LSOAs each
 * period's reach areas hold, and their populations.  JIT is off: the
 * planner's estimates of count_people's reads would otherwise spend
 * seconds compiling plans that run in less.
 *
 * SECURITY DEFINER (reviewed): the views that count live call it for the
 * reporting roles, who may not read the person-level tables; it returns
 * only counts per LSOA, takes dates, period labels and a number, runs no
 * dynamic SQL and pins search_path.  EXECUTE stays with PUBLIC because a
 * view's functions run with its reader's rights, but nobody is granted
 * USAGE on surestart_internal, so no role can name it: only the
 * extension's views and functions call it (test/pgtap/roles.sql checks both).
 * count_people, which it calls as the owner, is revoked from PUBLIC.
 */
CREATE FUNCTION surestart_internal.count_people(tables_schema name, year_start date, wanted integer, threshold integer,
		vulnerable @extschema@.target_groups)
RETURNS TABLE (i integer, lsoa_code text, registered bigint, seen bigint, sustained bigint,
			   families_registered bigint, families_seen bigint, families_sustained bigint,
			   contacts bigint, family_contacts bigint, coverage @extschema@.coverage,
			   vulnerable_families bigint, vulnerable_seen bigint, vulnerable_sustained bigint)
	AS 'MODULE_PATHNAME', 'count_people' LANGUAGE C STABLE STRICT
	SET search_path = pg_catalog, pg_temp;
REVOKE EXECUTE ON FUNCTION surestart_internal.count_people(name, date, integer, integer, @extschema@.target_groups) FROM PUBLIC;
COMMENT ON FUNCTION surestart_internal.count_people(name, date, integer, integer, @extschema@.target_groups) IS
	'the people figures of the wanted periods (bit i-1 for period i: Q1, Q2, Q3, Q4, Q1-Q2, Q1-Q3, the year) of the financial year starting year_start, counted from the person-level tables of tables_schema, with the families in at least one of the vulnerable groups: one row per period and LSOA with a counted child (src/figures.c)';

CREATE FUNCTION surestart_internal.count_periods(wanted text[], threshold integer)
RETURNS TABLE (period text, lsoa_code text, centre_id text, under_fives bigint, registered bigint, seen bigint, sustained bigint,
			   families_registered bigint, families_seen bigint, families_sustained bigint,
			   contacts bigint, family_contacts bigint, coverage @extschema@.coverage,
			   vulnerable_families bigint, vulnerable_seen bigint, vulnerable_sustained bigint)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
	WITH period_def AS (
		-- the wanted periods, any number of financial years: i numbers a
		-- period within its year as count_people does, qb is the quarter
		-- whose end is the reference date
		SELECT DISTINCT w.label, y.year_start, x.i,
			   (y.year_start + make_interval(months => 3 * x.qb) - interval '1 day')::date AS ref
		FROM unnest(wanted) AS w(label)
		CROSS JOIN LATERAL (SELECT (@extschema@.financial_period_bounds(@extschema@.financial_year(
					(@extschema@.financial_period_bounds(w.label)).period_start))).period_start AS year_start) AS y
		JOIN (VALUES (' Q1', 1, 1), (' Q2', 2, 2), (' Q3', 3, 3), (' Q4', 4, 4),
					 (' Q1-Q2', 2, 5), (' Q1-Q3', 3, 6), ('', 4, 7)) AS x(suffix, qb, i)
		  ON @extschema@.financial_year(y.year_start) || x.suffix = w.label
	), area AS (
		SELECT DISTINCT ON (d.label, r.lsoa_code) d.label, d.year_start, d.i, d.ref, r.lsoa_code, r.centre_id
		FROM period_def AS d
		JOIN @extschema@.reach_area AS r ON r.valid_from <= d.ref AND (r.valid_to IS NULL OR r.valid_to >= d.ref)
		ORDER BY d.label, r.lsoa_code, r.valid_from DESC
	), persons AS (
		-- per LSOA and reference date: the latest estimate dated (30 June)
		-- on or before it, else the earliest
		SELECT DISTINCT ON (y.lsoa_code, d.ref) y.lsoa_code, d.ref, y.persons
		FROM (SELECT p.lsoa_code, p.mid_year, sum(p.persons)::bigint AS persons
			  FROM @extschema@.population AS p
			  GROUP BY p.lsoa_code, p.mid_year) AS y
		CROSS JOIN (SELECT DISTINCT ref FROM period_def) AS d
		ORDER BY y.lsoa_code, d.ref, make_date(y.mid_year, 6, 30) <= d.ref DESC,
				 CASE WHEN make_date(y.mid_year, 6, 30) <= d.ref THEN -y.mid_year ELSE y.mid_year END
	), people AS MATERIALIZED (
		-- one count per financial year, of the periods wanted in it
		SELECT y.year_start, n.*
		FROM (SELECT d.year_start, sum(1 << (d.i - 1))::integer AS periods
			  FROM period_def AS d GROUP BY d.year_start) AS y
		CROSS JOIN LATERAL surestart_internal.count_people('@extschema@', y.year_start, y.periods, threshold,
			@extschema@.target_groups(ARRAY(SELECT g.code FROM @extschema@.target_group AS g WHERE g.vulnerable))) AS n
	)
	SELECT a.label, a.lsoa_code, a.centre_id, coalesce(pop.persons, 0),
		   coalesce(n.registered, 0), coalesce(n.seen, 0), coalesce(n.sustained, 0),
		   coalesce(n.families_registered, 0), coalesce(n.families_seen, 0), coalesce(n.families_sustained, 0),
		   coalesce(n.contacts, 0), coalesce(n.family_contacts, 0), n.coverage,
		   coalesce(n.vulnerable_families, 0), coalesce(n.vulnerable_seen, 0), coalesce(n.vulnerable_sustained, 0)
	FROM area AS a
	LEFT JOIN persons AS pop ON pop.lsoa_code = a.lsoa_code AND pop.ref = a.ref
	LEFT JOIN people AS n ON n.year_start = a.year_start AND n.i = a.i AND n.lsoa_code = a.lsoa_code
$$;
COMMENT ON FUNCTION surestart_internal.count_periods(text[], integer) IS
	'the counting rules for the wanted periods (labels of quarters, years to date and years, of any financial years; each year counted once), with a sustained threshold: reach and target-group coverage, one row per period and LSOA of a reach area';

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
 *                               populations, contact rules, the target
 *                               groups classed as vulnerable), as TRUNCATE.
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
		['contact_rule', 'all', '', ''],
		['target_group', 'all', '', '']]
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
 * Statement-level triggers on what the LSOA rows are summed by note that
 * the stored sums are stale (roll_up_change), once a transaction, and only
 * while some period is stored: a restore loads these tables before the
 * store.  The setting's trigger is a row trigger limited to the deprived
 * settings, as the disclosure settings' are.  SECURITY DEFINER (reviewed),
 * as note_changed_periods: no arguments, no dynamic SQL, pinned
 * search_path; it writes only the note.  lsoa_deprivation and
 * lsoa11_lsoa21 get theirs in 59_geography.sql, which makes them.
 */
CREATE FUNCTION surestart_internal.note_roll_up_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	INSERT INTO surestart_internal.roll_up_change (table_name)
	SELECT TG_TABLE_NAME
	WHERE EXISTS (SELECT 1 FROM surestart_internal.figure_period)
	  AND NOT EXISTS (SELECT 1 FROM surestart_internal.roll_up_change AS c WHERE c.changed_in = pg_current_xact_id());
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION surestart_internal.note_roll_up_changed() IS
	'trigger on the centres, the LSOAs, the deprivation tables, the deprived settings and Ofsted''s words: notes in roll_up_change that the stored LSOA figures must be summed again';
CREATE TRIGGER note_roll_up_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.centre
	FOR EACH STATEMENT EXECUTE FUNCTION surestart_internal.note_roll_up_changed();
CREATE TRIGGER note_roll_up_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.lsoa
	FOR EACH STATEMENT EXECUTE FUNCTION surestart_internal.note_roll_up_changed();
CREATE TRIGGER note_roll_up_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.ofsted_word
	FOR EACH STATEMENT EXECUTE FUNCTION surestart_internal.note_roll_up_changed();
CREATE TRIGGER note_roll_up_changed_inserted AFTER INSERT OR UPDATE ON @extschema@.setting
	FOR EACH ROW WHEN (NEW.name IN ('deprived_index', 'deprived_percent'))
	EXECUTE FUNCTION surestart_internal.note_roll_up_changed();
CREATE TRIGGER note_roll_up_changed_deleted AFTER DELETE ON @extschema@.setting
	FOR EACH ROW WHEN (OLD.name IN ('deprived_index', 'deprived_percent'))
	EXECUTE FUNCTION surestart_internal.note_roll_up_changed();

/*
 * refresh(): count again every reporting period whose stored figures are
 * missing, noted as changed, or counted with another sustained threshold,
 * and sum them to every level (unit_figure); sum every stored period again
 * when what they are summed by changed (roll_up_change); forget stored
 * periods that are no longer reported; return the periods counted or
 * summed and their LSOA rows.  Atomic (the caller's transaction).
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
	todo text[];
	regroup boolean;
BEGIN
	PERFORM pg_catalog.pg_advisory_xact_lock(6013838656940171633);
	SELECT s.value::integer INTO threshold FROM @extschema@.setting AS s WHERE s.name = 'sustained_contacts';

	DELETE FROM surestart_internal.figure_period AS f
	WHERE NOT EXISTS (SELECT 1 FROM @extschema@.reporting_periods() AS r WHERE r.period = f.period);
	DELETE FROM surestart_internal.figure_change AS c
	WHERE NOT EXISTS (SELECT 1 FROM surestart_internal.figure_period AS f WHERE f.period = c.period);

	-- the periods to count (count_periods counts each financial year once)
	SELECT array_agg(r.period) INTO todo
	FROM @extschema@.reporting_periods() AS r
	LEFT JOIN surestart_internal.figure_period AS f ON f.period = r.period
	WHERE f.period IS NULL OR f.sustained_contacts <> threshold
	   OR EXISTS (SELECT 1 FROM surestart_internal.figure_change AS c WHERE c.period = r.period);
	regroup := EXISTS (SELECT 1 FROM surestart_internal.roll_up_change);
	IF todo IS NULL AND NOT regroup THEN
		RETURN;
	END IF;
	-- the notes first, the count in later statements (see figure_change)
	DELETE FROM surestart_internal.roll_up_change;
	IF todo IS NOT NULL THEN
		DELETE FROM surestart_internal.figure_change AS c WHERE c.period = ANY (todo);
		DELETE FROM surestart_internal.lsoa_figure AS l WHERE l.period = ANY (todo);
		INSERT INTO surestart_internal.figure_period AS f (period, kind, period_start, period_end, sustained_contacts, computed_at)
		SELECT r.period, r.kind, r.period_start, r.period_end, threshold, pg_catalog.clock_timestamp()
		FROM @extschema@.reporting_periods() AS r
		WHERE r.period = ANY (todo)
		ON CONFLICT ON CONSTRAINT figure_period_pkey DO UPDATE
			SET kind = excluded.kind, period_start = excluded.period_start, period_end = excluded.period_end,
				sustained_contacts = excluded.sustained_contacts, computed_at = excluded.computed_at;
		INSERT INTO surestart_internal.lsoa_figure
		SELECT c.* FROM surestart_internal.count_periods(todo, threshold) AS c;
	END IF;
	-- the sums of what was counted, or of every stored period
	IF regroup THEN
		todo := ARRAY(SELECT f.period FROM surestart_internal.figure_period AS f);
	END IF;
	DELETE FROM surestart_internal.unit_figure AS u WHERE u.period = ANY (todo);
	INSERT INTO surestart_internal.unit_figure
	SELECT u.* FROM surestart_internal.roll_up(todo) AS u;
	RETURN QUERY
		SELECT r.period, count(l.lsoa_code)
		FROM @extschema@.reporting_periods() AS r
		LEFT JOIN surestart_internal.lsoa_figure AS l ON l.period = r.period
		WHERE r.period = ANY (todo)
		GROUP BY r.period, r.period_start, r.period_end
		ORDER BY r.period_start, r.period_end;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.refresh() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.refresh() IS
	'brings the stored figures up to date: counts again every period that is not stored, was changed since, or was counted with another sustained_contacts, and sums them to every level; sums every stored period again when the centres, LSOAs or most deprived LSOAs changed; returns the periods counted or summed and their LSOA rows';

/*
 * No reporting role is granted USAGE on surestart_internal, so only the
 * extension's own views and functions read the store.  Row-level security
 * as on the other centre-level tables (90_security.sql) guards it all the
 * same, should a council grant a partner more than create_roles() does.
 */
ALTER TABLE surestart_internal.lsoa_figure ENABLE ROW LEVEL SECURITY;
CREATE POLICY not_partner ON surestart_internal.lsoa_figure USING (NOT (SELECT @extschema@.partner_restricted()));
CREATE POLICY partner_scope ON surestart_internal.lsoa_figure FOR SELECT
	USING (centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s));
ALTER TABLE surestart_internal.unit_figure ENABLE ROW LEVEL SECURITY;
CREATE POLICY not_partner ON surestart_internal.unit_figure USING (NOT (SELECT @extschema@.partner_restricted()));
CREATE POLICY partner_scope ON surestart_internal.unit_figure FOR SELECT
	USING (centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s));
