-- take_snapshot, reach_trend and coverage_trend on the synthetic fixture:
-- which periods a date stores, stored = live, idempotency, history kept
-- when the data changes, bad dates, and who may call it.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
SET search_path = surestart, public;
SET datestyle = ISO;
\set ECHO none
\i test/fixtures/synthetic.sql
\set ECHO all
-- the fixture's periods: 2013-14 and its quarters
SELECT period, kind FROM surestart_internal.reporting_period ORDER BY period_start, kind;
-- the latest quarter that ended on or before the date, and the year when that quarter is Q4
SELECT period, kind, first_day, last_day, centres, coverage_centres FROM take_snapshot('2014-03-31');
SELECT period, kind, first_day, last_day, centres, coverage_centres FROM take_snapshot('2014-04-01');
SELECT period, kind, first_day, last_day, centres, coverage_centres FROM take_snapshot('2014-06-29');
SELECT period, kind, first_day, last_day, centres, coverage_centres FROM take_snapshot('2014-06-30');
SELECT period, kind, first_day, last_day, centres, coverage_centres FROM take_snapshot('2014-02-28');
SELECT period, kind, first_day, last_day, centres, coverage_centres FROM take_snapshot('2013-12-31');
SELECT period, kind, first_day, last_day, centres, coverage_centres FROM take_snapshot('2013-07-01');
-- today: a quarter beyond the fixture's data stores no rows
SELECT centres, coverage_centres, taken_at = now() AS taken_now FROM take_snapshot();
SELECT period, kind, count(*) AS centres, bool_and(taken_by = session_user) AS taken_by_session_user,
	   bool_and(sustained_contacts = 4) AS threshold_4
FROM reach_snapshot GROUP BY period, kind ORDER BY min(period_start), kind;
SELECT period, count(*) AS centres FROM coverage_snapshot GROUP BY period ORDER BY period;
-- the stored figures are the live view's, both ways, for every stored period
SELECT count(*) AS stored_not_live FROM (
	SELECT centre_id, centre, period, kind, period_start, period_end, under_fives, registered, registered_pct,
		   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained, registered_words, seen_words
	FROM reach_snapshot
	EXCEPT
	SELECT centre_id, centre, period, kind, period_start, period_end, under_fives, registered, registered_pct,
		   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained, registered_words, seen_words
	FROM centre_reach) AS d;
SELECT count(*) AS live_not_stored FROM (
	SELECT centre_id, centre, period, kind, period_start, period_end, under_fives, registered, registered_pct,
		   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained, registered_words, seen_words
	FROM centre_reach WHERE period IN (SELECT period FROM reach_snapshot)
	EXCEPT
	SELECT centre_id, centre, period, kind, period_start, period_end, under_fives, registered, registered_pct,
		   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained, registered_words, seen_words
	FROM reach_snapshot) AS d;
SELECT count(*) AS stored_not_live FROM (
	SELECT centre_id, period, coverage::text FROM coverage_snapshot
	EXCEPT
	SELECT centre_id, period, coverage::text FROM surestart_internal.centre_coverage) AS d;
SELECT count(*) AS live_not_stored FROM (
	SELECT centre_id, period, coverage::text FROM surestart_internal.centre_coverage WHERE period IN (SELECT period FROM reach_snapshot)
	EXCEPT
	SELECT centre_id, period, coverage::text FROM coverage_snapshot) AS d;
-- coverage_trend is target_group_coverage's centre level, from the stored values
SELECT count(*) AS differ FROM (
	(SELECT centre_id, period, target_group, label, families, any_contact, any_contact_pct, sustained, sustained_pct,
			any_contact_words, national, display_order FROM coverage_trend
	 EXCEPT
	 SELECT unit_id, period, target_group, label, families, any_contact, any_contact_pct, sustained, sustained_pct,
			any_contact_words, national, display_order FROM target_group_coverage
	 WHERE level = 'centre' AND period IN (SELECT period FROM coverage_snapshot))
	UNION ALL
	(SELECT unit_id, period, target_group, label, families, any_contact, any_contact_pct, sustained, sustained_pct,
			any_contact_words, national, display_order FROM target_group_coverage
	 WHERE level = 'centre' AND period IN (SELECT period FROM coverage_snapshot)
	 EXCEPT
	 SELECT centre_id, period, target_group, label, families, any_contact, any_contact_pct, sustained, sustained_pct,
			any_contact_words, national, display_order FROM coverage_trend)) AS d;
-- idempotent: a second call replaces the period's rows with the same ones
CREATE TEMP TABLE before AS SELECT * FROM reach_snapshot;
CREATE TEMP TABLE before_coverage AS SELECT centre_id, period, coverage::text AS coverage FROM coverage_snapshot;
SELECT period, centres, coverage_centres FROM take_snapshot('2014-03-31');
SELECT period, centres, coverage_centres FROM take_snapshot('2014-03-31');
SELECT (SELECT count(*) FROM reach_snapshot) AS rows_now, (SELECT count(*) FROM before) AS rows_before,
	   (SELECT count(*) FROM (TABLE reach_snapshot EXCEPT TABLE before) AS d) AS changed,
	   (SELECT count(*) FROM (SELECT centre_id, period, coverage::text FROM coverage_snapshot
							  EXCEPT TABLE before_coverage) AS d) AS coverage_changed;
-- the data changes: a new snapshot of 2013-14 Q4 replaces its rows, other periods keep their history
INSERT INTO contact VALUES (2001, 101, 'meadow', '2013-11-12', 'face_to_face', 'stay and play'),
						   (2002, 101, 'meadow', '2014-02-11', 'face_to_face', 'stay and play');
DELETE FROM registration WHERE child_id = 202;
SELECT period, centres, coverage_centres FROM take_snapshot('2014-03-31');
SELECT centre_id, period, registered, seen, families_seen FROM reach_snapshot
WHERE period IN ('2013-14 Q3', '2013-14 Q4') ORDER BY period, centre_id;
SELECT centre_id, period, registered, seen FROM centre_reach
WHERE period = '2013-14 Q3' ORDER BY centre_id;
-- a centre that no longer shows for a period loses its row there on the next snapshot
UPDATE centre SET closed_on = '2013-12-31' WHERE centre_id = 'riverside';
SELECT period, centres FROM take_snapshot('2014-03-31');
SELECT period, string_agg(centre_id, ', ' ORDER BY centre_id) AS centres FROM reach_snapshot GROUP BY period ORDER BY period;
-- reach_trend: SPEC's columns, then the changes since the centre's previous stored period of the same kind
SELECT centre_id, centre, period, period_end, under_fives, registered, registered_pct, seen, seen_pct,
	   sustained, sustained_pct, previous_period, registered_change, seen_change, sustained_change
FROM reach_trend ORDER BY centre_id, kind, period_end;
SELECT bool_and(taken_at = now()) AS taken_in_this_transaction, bool_and(taken_by = session_user) AS taken_by_me
FROM reach_trend;
SELECT centre_id, period, target_group, families, any_contact, any_contact_pct, sustained, sustained_pct, sustained_contacts
FROM coverage_trend WHERE period = '2013-14' ORDER BY centre_id, display_order;
-- bad dates
SELECT * FROM take_snapshot(NULL);
SELECT * FROM take_snapshot('infinity');
SELECT * FROM take_snapshot('-infinity');
SELECT * FROM take_snapshot('1999-06-29');
SELECT * FROM take_snapshot('2999-01-01');
SELECT period FROM take_snapshot('1999-06-30');
-- the tables refuse rows that break their rules
INSERT INTO reach_snapshot (centre_id, period, kind, period_start, period_end, under_fives, registered, seen, sustained,
							families_seen, families_sustained, taken_at, taken_by)
VALUES ('meadow', '2013-14 Q5', 'quarter', '2014-01-01', '2014-03-31', 0, 0, 0, 0, 0, 0, '2014-04-01 06:00+00', 'me');
INSERT INTO reach_snapshot (centre_id, period, kind, period_start, period_end, under_fives, registered, seen, sustained,
							families_seen, families_sustained, taken_at, taken_by)
VALUES ('meadow', '2012-14 Q4', 'quarter', '2014-01-01', '2014-03-31', 0, 0, 0, 0, 0, 0, '2014-04-01 06:00+00', 'me');
INSERT INTO reach_snapshot (centre_id, period, kind, period_start, period_end, under_fives, registered, seen, sustained,
							families_seen, families_sustained, taken_at, taken_by)
VALUES ('meadow', '2013-14 Q1', 'quarter', '2014-01-01', '2014-03-31', 0, 0, 0, 0, 0, 0, '2014-04-01 06:00+00', 'me');
INSERT INTO reach_snapshot (centre_id, period, kind, period_start, period_end, under_fives, registered, seen, sustained,
							families_seen, families_sustained, taken_at, taken_by)
VALUES ('meadow', '2013-14', 'quarter', '2013-04-01', '2014-03-31', 0, 0, 0, 0, 0, 0, '2014-04-01 06:00+00', 'me');
INSERT INTO reach_snapshot (centre_id, period, kind, period_start, period_end, under_fives, registered, seen, sustained,
							families_seen, families_sustained, taken_at, taken_by)
VALUES ('meadow', '2014-15 Q1', 'quarter', '2014-04-01', '2014-06-30', -1, 0, 0, 0, 0, 0, '2014-04-01 06:00+00', 'me');
INSERT INTO reach_snapshot (centre_id, period, kind, period_start, period_end, under_fives, registered, seen, sustained,
							families_seen, families_sustained, taken_at, taken_by)
VALUES ('meadow', '2013-14 Q4', 'quarter', '2014-01-01', '2014-03-31', 0, 0, 0, 0, 0, 0, '2014-04-01 06:00+00', 'me');
-- who may call it: nobody by default; a granted role may, with no rights on the tables,
-- and the row records the session user
CREATE ROLE regress_snapshot_nobody;
CREATE ROLE regress_snapshot_scheduler;
GRANT USAGE ON SCHEMA surestart TO regress_snapshot_nobody, regress_snapshot_scheduler;
GRANT EXECUTE ON FUNCTION take_snapshot(date) TO regress_snapshot_scheduler;
SELECT r.rolname, has_function_privilege(r.rolname, 'surestart.take_snapshot(date)', 'EXECUTE') AS may_call,
	   has_table_privilege(r.rolname, 'surestart.reach_snapshot', 'INSERT') AS may_insert
FROM pg_roles AS r WHERE r.rolname LIKE 'regress_snapshot_%' ORDER BY 1;
SELECT p.prosecdef AS security_definer, p.provolatile, p.proconfig
FROM pg_proc AS p WHERE p.oid = 'surestart.take_snapshot(date)'::regprocedure;
SET ROLE regress_snapshot_nobody;
SELECT * FROM take_snapshot('2014-03-31');
RESET ROLE;
SET ROLE regress_snapshot_scheduler;
SELECT period, centres FROM take_snapshot('2014-03-31');
SELECT * FROM reach_snapshot;
RESET ROLE;
SELECT DISTINCT taken_by = session_user AS session_user_recorded FROM reach_snapshot WHERE period = '2013-14 Q4';
-- a partner reads only its own centres' stored rows, but a snapshot it takes is county-wide
SELECT count(*) > 0 AS roles_created FROM (SELECT create_roles()) AS r;
CREATE ROLE regress_snapshot_partner IN ROLE surestart_partner;
INSERT INTO partner_member (role_name, lead_partner_id) VALUES ('regress_snapshot_partner', 'LP1');
GRANT EXECUTE ON FUNCTION take_snapshot(date) TO regress_snapshot_partner;
SET ROLE regress_snapshot_partner;
SELECT period, string_agg(DISTINCT centre_id, ', ') AS centres FROM reach_trend GROUP BY period ORDER BY period;
SELECT period, string_agg(DISTINCT centre_id, ', ') AS centres FROM coverage_trend GROUP BY period ORDER BY period;
SELECT period, string_agg(centre_id, ', ' ORDER BY centre_id) AS centres FROM reach_snapshot GROUP BY period ORDER BY period;
SELECT period, centres, coverage_centres FROM take_snapshot('2013-12-31');
RESET ROLE;
SELECT period, string_agg(centre_id, ', ' ORDER BY centre_id) AS centres, bool_and(taken_by = session_user) AS taken_by_session_user
FROM reach_snapshot WHERE period = '2013-14 Q3' GROUP BY period;
ROLLBACK;
