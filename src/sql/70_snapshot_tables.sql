/* src/sql/70_snapshot_tables.sql: the stored quarterly snapshots (take_snapshot() writes them: 72_snapshot_views.sql) */

/*
 * take_snapshot() copies what centre_reach and centre_coverage show for a
 * period into these two tables, so that the history survives later changes
 * to the data (corrected records, purged person-level rows, moved reach
 * areas, a new sustained threshold) and BI tools read it without
 * recomputing.  One row per centre and period; a period is a financial
 * quarter or year, told apart by its label ('2013-14 Q4' or '2013-14').
 *
 * centre_id does not reference centre: a snapshot is history and outlives
 * the centre's row, so it keeps the centre's name as it was then.  Partners
 * read only their own centres' rows: 90_security.sql puts both tables
 * under row-level security with the other centre-level tables.
 */
/* The checks both snapshot tables make of a stored period. */
CREATE FUNCTION @extschema@.snapshot_period_fits_kind(period text, kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN kind = 'quarter' THEN period ~ '^[0-9]{4}-[0-9]{2} Q[1-4]$'
			ELSE period ~ '^[0-9]{4}-[0-9]{2}$' END
$$;
COMMENT ON FUNCTION @extschema@.snapshot_period_fits_kind(text, text) IS
	'true when a snapshot period label has the form of its kind: 2013-14 Q4 for a quarter, 2013-14 for a year';

CREATE FUNCTION @extschema@.snapshot_period_has_bounds(period text, period_start date, period_end date) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN period ~ '^[0-9]{4}-[0-9]{2}( Q[1-4])?$'
				 AND (substr(period, 1, 4)::integer + 1) % 100 = substr(period, 6, 2)::integer
			THEN (SELECT b.period_start = snapshot_period_has_bounds.period_start
						 AND b.period_end = snapshot_period_has_bounds.period_end
				  FROM @extschema@.financial_period_bounds(period) AS b)
			ELSE false END
$$;
COMMENT ON FUNCTION @extschema@.snapshot_period_has_bounds(text, date, date) IS
	'true when period_start and period_end are the first and last days of a valid financial period label';

CREATE TABLE @extschema@.reach_snapshot (
	centre_id text NOT NULL
		CONSTRAINT centre_id_must_not_be_empty CHECK (btrim(centre_id) <> ''),
	centre text,
	period text NOT NULL,
	kind text NOT NULL
		CONSTRAINT kind_must_be_quarter_or_year CHECK (kind IN ('quarter', 'year')),
	period_start date NOT NULL,
	period_end date NOT NULL,
	under_fives bigint NOT NULL,
	registered bigint NOT NULL,
	registered_pct numeric,
	seen bigint NOT NULL,
	seen_pct numeric,
	sustained bigint NOT NULL,
	sustained_pct numeric,
	families_seen bigint NOT NULL,
	families_sustained bigint NOT NULL,
	registered_words text,
	seen_words text,
	sustained_contacts integer
		CONSTRAINT sustained_contacts_must_be_positive CHECK (sustained_contacts >= 1),
	taken_at timestamptz NOT NULL,
	taken_by text NOT NULL
		CONSTRAINT taken_by_must_not_be_empty CHECK (btrim(taken_by) <> ''),
	CONSTRAINT one_reach_snapshot_row_per_centre_and_period PRIMARY KEY (centre_id, period),
	CONSTRAINT "period_must_be_like_2013-14_Q4_or_2013-14_as_its_kind_says"
		CHECK (@extschema@.snapshot_period_fits_kind(period, kind)),
	CONSTRAINT period_start_and_end_must_be_the_bounds_of_the_period
		CHECK (@extschema@.snapshot_period_has_bounds(period, period_start, period_end)),
	CONSTRAINT counts_must_not_be_negative
		CHECK (under_fives >= 0 AND registered >= 0 AND seen >= 0 AND sustained >= 0
			   AND families_seen >= 0 AND families_sustained >= 0)
);
COMMENT ON TABLE @extschema@.reach_snapshot IS 'Stored centre_reach figures, one row per centre and period, written by take_snapshot(); read them through reach_trend';
COMMENT ON COLUMN @extschema@.reach_snapshot.centre_id IS 'centre (not a foreign key: the history outlives the centre''s row)';
COMMENT ON COLUMN @extschema@.reach_snapshot.centre IS 'centre name when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.period IS 'period label: 2013-14 Q4 for a financial quarter, 2013-14 for a financial year';
COMMENT ON COLUMN @extschema@.reach_snapshot.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.reach_snapshot.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.reach_snapshot.period_end IS 'last day of the period, the reference date of its counts';
COMMENT ON COLUMN @extschema@.reach_snapshot.under_fives IS 'centre_reach.under_fives when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.registered IS 'centre_reach.registered when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.registered_pct IS 'centre_reach.registered_pct when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.seen IS 'centre_reach.seen when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.seen_pct IS 'centre_reach.seen_pct when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.sustained IS 'centre_reach.sustained when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.sustained_pct IS 'centre_reach.sustained_pct when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.families_seen IS 'centre_reach.families_seen when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.families_sustained IS 'centre_reach.families_sustained when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.registered_words IS 'centre_reach.registered_words when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.seen_words IS 'centre_reach.seen_words when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.sustained_contacts IS 'the sustained_contacts setting the figures were counted with';
COMMENT ON COLUMN @extschema@.reach_snapshot.taken_at IS 'when the snapshot was taken (start of its transaction)';
COMMENT ON COLUMN @extschema@.reach_snapshot.taken_by IS 'session user that took it (the scheduling role for a pg_cron job)';

CREATE TABLE @extschema@.coverage_snapshot (
	centre_id text NOT NULL
		CONSTRAINT centre_id_must_not_be_empty CHECK (btrim(centre_id) <> ''),
	centre text,
	period text NOT NULL,
	kind text NOT NULL
		CONSTRAINT kind_must_be_quarter_or_year CHECK (kind IN ('quarter', 'year')),
	period_start date NOT NULL,
	period_end date NOT NULL,
	coverage @extschema@.coverage NOT NULL,
	taken_at timestamptz NOT NULL,
	taken_by text NOT NULL
		CONSTRAINT taken_by_must_not_be_empty CHECK (btrim(taken_by) <> ''),
	CONSTRAINT one_coverage_snapshot_row_per_centre_and_period PRIMARY KEY (centre_id, period),
	CONSTRAINT "period_must_be_like_2013-14_Q4_or_2013-14_as_its_kind_says"
		CHECK (@extschema@.snapshot_period_fits_kind(period, kind)),
	CONSTRAINT period_start_and_end_must_be_the_bounds_of_the_period
		CHECK (@extschema@.snapshot_period_has_bounds(period, period_start, period_end))
);
COMMENT ON TABLE @extschema@.coverage_snapshot IS 'Stored centre_coverage values, one row per centre (with registered families) and period, written by take_snapshot(); read them through coverage_trend';
COMMENT ON COLUMN @extschema@.coverage_snapshot.centre_id IS 'centre (not a foreign key: the history outlives the centre''s row)';
COMMENT ON COLUMN @extschema@.coverage_snapshot.centre IS 'centre name when the snapshot was taken';
COMMENT ON COLUMN @extschema@.coverage_snapshot.period IS 'period label: 2013-14 Q4 for a financial quarter, 2013-14 for a financial year';
COMMENT ON COLUMN @extschema@.coverage_snapshot.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.coverage_snapshot.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.coverage_snapshot.period_end IS 'last day of the period, the reference date of its counts';
COMMENT ON COLUMN @extschema@.coverage_snapshot.coverage IS 'centre_coverage.coverage when the snapshot was taken (it remembers its sustained threshold)';
COMMENT ON COLUMN @extschema@.coverage_snapshot.taken_at IS 'when the snapshot was taken (start of its transaction)';
COMMENT ON COLUMN @extschema@.coverage_snapshot.taken_by IS 'session user that took it (the scheduling role for a pg_cron job)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.reach_snapshot', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.coverage_snapshot', '');
