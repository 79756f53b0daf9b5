/* src/sql/72_snapshot_views.sql: take_snapshot() and the trend views over the stored snapshots */

/*
 * The scheduled-job entry point.  From the date given (by default today) it
 * picks the latest financial quarter that ended on or before it, and also
 * the financial year when that quarter is Q4, i.e. when a year ended on the
 * same day: 2014-03-31 and 2014-04-01 store 2013-14 Q4 and 2013-14;
 * 2014-06-30 stores 2014-15 Q1 only.  It first brings the stored figures
 * up to date (refresh()), then for each period replaces the snapshot rows
 * with what centre_reach and centre_coverage show now, which is a copy of
 * the kept figures, not a recount, and stores beside them what the
 * published views withhold of the period that day (snapshot_cell, which
 * published_reach_trend reads: doc/disclosure.md); it returns one row per
 * period stored.
 *
 * Atomic: it runs in its caller's transaction, so everything or nothing is
 * stored.  Concurrent calls serialise on a transaction-level advisory lock
 * with the fixed key 6013838656940171632 (the bytes of 'SureSnap' read as a
 * big-endian bigint), taken before anything is read; in READ COMMITTED the
 * second caller then sees and replaces the first one's rows.  (A caller in
 * REPEATABLE READ or SERIALIZABLE whose snapshot predates the other's commit
 * gets a unique violation to retry instead; the keys never allow duplicates.)
 *
 * SECURITY DEFINER, owned by the extension's owner: the scheduling role
 * needs no rights on the snapshot tables or the data tables, and the figures
 * are the whole county's, never cut down by the row-level security a
 * partner or reader role may be under.  So EXECUTE is revoked from PUBLIC:
 * grant it to the role that schedules the job.  taken_by records the
 * session user, who asked, not the owner.
 */
CREATE FUNCTION @extschema@.take_snapshot(period_end date DEFAULT CURRENT_DATE)
RETURNS TABLE (period text, kind text, first_day date, last_day date,
			   centres integer, coverage_centres integer, taken_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	asked date := take_snapshot.period_end;
	first_allowed constant date := date '1999-06-30';
	quarter_end date;
	wanted record;
	threshold integer;
	now_at timestamptz := pg_catalog.now();
	asked_by text := SESSION_USER;
BEGIN
	IF asked IS NULL THEN
		RAISE EXCEPTION 'snapshot date must not be null'
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'Call take_snapshot() without an argument for today, or pass the last day of the quarter to store.';
	END IF;
	IF NOT pg_catalog.isfinite(asked) THEN
		RAISE EXCEPTION 'snapshot date "%" is not a finite date', asked
			USING ERRCODE = 'datetime_field_overflow',
				  DETAIL = pg_catalog.format('Expected a date from %s to today.', first_allowed);
	END IF;
	IF asked < first_allowed THEN
		RAISE EXCEPTION 'snapshot date "%" is before the first Sure Start quarter', asked
			USING ERRCODE = 'datetime_field_overflow',
				  DETAIL = pg_catalog.format('Expected a date from %s (the end of 1999-00 Q1) to today.', first_allowed);
	END IF;
	IF asked > CURRENT_DATE THEN
		RAISE EXCEPTION 'snapshot date "%" is in the future', asked
			USING ERRCODE = 'datetime_field_overflow',
				  DETAIL = pg_catalog.format('Expected a date from %s to today: a quarter is stored once it has ended.', first_allowed);
	END IF;

	PERFORM pg_catalog.pg_advisory_xact_lock(6013838656940171632);
	PERFORM @extschema@.refresh();

	/* Quarters end on the last day of March, June, September and December. */
	quarter_end := (pg_catalog.date_trunc('quarter', (asked + 1)::timestamp) - interval '1 day')::date;
	SELECT s.value::integer INTO threshold FROM @extschema@.setting AS s WHERE s.name = 'sustained_contacts';

	FOR wanted IN
		SELECT p.label, p.kind, b.period_start, b.period_end
		FROM (VALUES (@extschema@.financial_quarter(quarter_end), 'quarter'::text, 1),
					 (CASE WHEN pg_catalog.date_part('month', quarter_end) = 3
						   THEN @extschema@.financial_year(quarter_end) END, 'year', 2)) AS p(label, kind, ord)
		CROSS JOIN LATERAL @extschema@.financial_period_bounds(p.label) AS b
		WHERE p.label IS NOT NULL
		ORDER BY p.ord
	LOOP
		DELETE FROM @extschema@.reach_snapshot AS s WHERE s.period = wanted.label;
		INSERT INTO @extschema@.reach_snapshot
			(centre_id, centre, period, kind, period_start, period_end,
			 under_fives, registered, registered_pct, seen, seen_pct, sustained, sustained_pct,
			 families_seen, families_sustained, registered_words, seen_words,
			 sustained_contacts, taken_at, taken_by)
		SELECT r.centre_id, r.centre, r.period, r.kind, r.period_start, r.period_end,
			   r.under_fives, r.registered, r.registered_pct, r.seen, r.seen_pct, r.sustained, r.sustained_pct,
			   r.families_seen, r.families_sustained, r.registered_words, r.seen_words,
			   threshold, now_at, asked_by
		FROM @extschema@.centre_reach AS r
		WHERE r.period = wanted.label;
		GET DIAGNOSTICS centres = ROW_COUNT;

		-- what the published views withhold of the period today (doc/disclosure.md):
		-- published_reach_trend withholds at least that of the snapshot
		IF EXISTS (SELECT 1 FROM surestart_internal.figure_period AS fp WHERE fp.period = wanted.label)
		   AND NOT EXISTS (SELECT 1 FROM surestart_internal.published_period AS pp
						   JOIN surestart_internal.figure_period AS fp ON fp.period = pp.period
						   WHERE pp.period = wanted.label AND pp.figures_computed_at = fp.computed_at
							 AND pp.fingerprint = surestart_internal.disclosure_fingerprint()) THEN
			PERFORM surestart_internal.protect_period(wanted.label);
		END IF;
		DELETE FROM surestart_internal.snapshot_cell AS s WHERE s.period = wanted.label;
		INSERT INTO surestart_internal.snapshot_cell (period, level, unit_id, measure, taken_at, value, status)
		SELECT c.period, c.level, c.unit_id, c.measure, now_at, c.value, c.status
		FROM surestart_internal.published_status AS c
		WHERE c.period = wanted.label AND c.scope = 'all' AND c.target_group = ''
		  AND c.level IN ('centre', 'group', 'district', 'lot', 'county')
		  AND c.measure IN ('registered', 'seen', 'sustained', 'families_seen', 'families_sustained');

		DELETE FROM @extschema@.coverage_snapshot AS s WHERE s.period = wanted.label;
		INSERT INTO @extschema@.coverage_snapshot
			(centre_id, centre, period, kind, period_start, period_end, coverage, taken_at, taken_by)
		SELECT cc.centre_id, c.name, cc.period, wanted.kind, wanted.period_start, wanted.period_end,
			   cc.coverage, now_at, asked_by
		FROM surestart_internal.centre_coverage AS cc
		LEFT JOIN @extschema@.centre AS c ON c.centre_id = cc.centre_id
		WHERE cc.period = wanted.label;
		GET DIAGNOSTICS coverage_centres = ROW_COUNT;

		period := wanted.label;
		kind := wanted.kind;
		first_day := wanted.period_start;
		last_day := wanted.period_end;
		taken_at := now_at;
		RETURN NEXT;
	END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.take_snapshot(date) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.take_snapshot(date) IS
	'scheduled-job entry point: stores the centre_reach figures and centre_coverage values of the latest financial quarter that ended on or before the date (default today), and of the financial year when that quarter is Q4; replaces that period''s rows (idempotent), atomic, serialised by advisory lock 6013838656940171632; returns one row per period stored. SECURITY DEFINER (county-wide figures whatever the caller''s row-level security): EXECUTE is granted to no one by default';

/*
 * The trend views read only the snapshot tables, and show a partner
 * (45_access.sql) only its own centres' rows; other users see every stored
 * row, a centre since deleted included.  The changes compare each
 * row with the centre's previous stored period of the same kind (by end
 * date), named in previous_period, so a missing quarter shows as a longer
 * step rather than silently.
 */
CREATE VIEW @extschema@.reach_trend AS
SELECT s.centre_id, s.centre, s.period, s.period_end, s.taken_at,
	   s.under_fives, s.registered, s.registered_pct, s.seen, s.seen_pct, s.sustained, s.sustained_pct,
	   s.kind, s.period_start, s.families_seen, s.families_sustained, s.sustained_contacts, s.taken_by,
	   lag(s.period) OVER w AS previous_period,
	   s.registered - lag(s.registered) OVER w AS registered_change,
	   s.seen - lag(s.seen) OVER w AS seen_change,
	   s.sustained - lag(s.sustained) OVER w AS sustained_change
FROM @extschema@.reach_snapshot AS s
WHERE NOT (SELECT @extschema@.partner_restricted())
   OR s.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v)
WINDOW w AS (PARTITION BY s.centre_id, s.kind ORDER BY s.period_end);
COMMENT ON VIEW @extschema@.reach_trend IS 'Reach of each centre per stored snapshot period (take_snapshot), with the change since the centre''s previous stored period of the same kind';
COMMENT ON COLUMN @extschema@.reach_trend.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.reach_trend.centre IS 'centre name when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_trend.period IS 'period label: 2013-14 Q4 or 2013-14';
COMMENT ON COLUMN @extschema@.reach_trend.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.reach_trend.taken_at IS 'when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_trend.under_fives IS 'persons aged 0-4 in the reach area (ONS estimate)';
COMMENT ON COLUMN @extschema@.reach_trend.registered IS 'under-fives living in the area registered at any centre on the reference date';
COMMENT ON COLUMN @extschema@.reach_trend.registered_pct IS 'registered as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_trend.seen IS 'under-fives living in the area with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.reach_trend.seen_pct IS 'seen as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_trend.sustained IS 'under-fives with at least sustained_contacts meaningful contacts in the period';
COMMENT ON COLUMN @extschema@.reach_trend.sustained_pct IS 'sustained as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_trend.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.reach_trend.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.reach_trend.families_seen IS 'families whose counted children had at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.reach_trend.families_sustained IS 'families whose counted children''s meaningful contacts add up to at least sustained_contacts';
COMMENT ON COLUMN @extschema@.reach_trend.sustained_contacts IS 'the sustained_contacts setting the figures were counted with';
COMMENT ON COLUMN @extschema@.reach_trend.taken_by IS 'session user that took the snapshot';
COMMENT ON COLUMN @extschema@.reach_trend.previous_period IS 'the centre''s previous stored period of the same kind, which the changes compare with (null for its first)';
COMMENT ON COLUMN @extschema@.reach_trend.registered_change IS 'registered minus registered in previous_period';
COMMENT ON COLUMN @extschema@.reach_trend.seen_change IS 'seen minus seen in previous_period';
COMMENT ON COLUMN @extschema@.reach_trend.sustained_change IS 'sustained minus sustained in previous_period';

CREATE VIEW @extschema@.coverage_trend AS
SELECT s.centre_id, s.centre, s.period, s.period_end, s.taken_at,
	   r.target_group, g.label,
	   r.in_group AS families,
	   @extschema@.part(r.any_contact) AS any_contact,
	   @extschema@.percent(r.any_contact) AS any_contact_pct,
	   @extschema@.part(r.sustained) AS sustained,
	   @extschema@.percent(r.sustained) AS sustained_pct,
	   @extschema@.ofsted_words(r.any_contact) AS any_contact_words,
	   s.kind, s.period_start,
	   @extschema@.coverage_threshold(s.coverage) AS sustained_contacts,
	   g.national, g.display_order::integer AS display_order
FROM @extschema@.coverage_snapshot AS s
CROSS JOIN LATERAL @extschema@.coverage_rows(s.coverage) AS r
LEFT JOIN @extschema@.target_group AS g ON g.code = r.target_group
WHERE NOT (SELECT @extschema@.partner_restricted())
   OR s.centre_id IN (SELECT v.centre_id FROM surestart_internal.visible_centre AS v);
COMMENT ON VIEW @extschema@.coverage_trend IS 'Target-group coverage of each centre per stored snapshot period (take_snapshot): registered families in each group, and how many had any and sustained contact';
COMMENT ON COLUMN @extschema@.coverage_trend.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.coverage_trend.centre IS 'centre name when the snapshot was taken';
COMMENT ON COLUMN @extschema@.coverage_trend.period IS 'period label: 2013-14 Q4 or 2013-14';
COMMENT ON COLUMN @extschema@.coverage_trend.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.coverage_trend.taken_at IS 'when the snapshot was taken';
COMMENT ON COLUMN @extschema@.coverage_trend.target_group IS 'target group code';
COMMENT ON COLUMN @extschema@.coverage_trend.label IS 'target group label (table target_group)';
COMMENT ON COLUMN @extschema@.coverage_trend.families IS 'registered families in the group (at least one counted child registered on the reference date)';
COMMENT ON COLUMN @extschema@.coverage_trend.any_contact IS 'of them, families with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.coverage_trend.any_contact_pct IS 'any_contact as a percentage of families, one decimal place';
COMMENT ON COLUMN @extschema@.coverage_trend.sustained IS 'of them, families whose meaningful contacts add up to at least sustained_contacts';
COMMENT ON COLUMN @extschema@.coverage_trend.sustained_pct IS 'sustained as a percentage of families, one decimal place';
COMMENT ON COLUMN @extschema@.coverage_trend.any_contact_words IS 'Ofsted''s words for any_contact_pct';
COMMENT ON COLUMN @extschema@.coverage_trend.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.coverage_trend.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.coverage_trend.sustained_contacts IS 'the sustained threshold the stored coverage was counted with';
COMMENT ON COLUMN @extschema@.coverage_trend.national IS 'a national target group (false for local_1 ... local_16)';
COMMENT ON COLUMN @extschema@.coverage_trend.display_order IS 'report order of the group';
