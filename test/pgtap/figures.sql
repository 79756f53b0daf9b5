-- pgTAP: the stored figures (58_figures.sql) on the Norfolk demo.  For every
-- period and LSOA the kept rows equal a recount from the raw rows, written
-- here independently of count_periods() over the person-level views; every
-- reach view built on them equals the same recount at its level; a
-- statement on a data table marks exactly the periods it touched, the views
-- follow at once (counted live), and refresh() stores those periods again.
BEGIN;
SELECT plan(40);
SET LOCAL search_path = surestart, public;
-- Without JIT: compiling the plans of these large queries over the whole
-- demo costs more than running them (the scorecard comparison takes ten
-- times as long with it).  The results are the same either way.
SET LOCAL jit = off;
\set QUIET on
\set synthetic_quiet 1
\i data/load_norfolk.sql
\i data/synthetic_norfolk.sql
\i data/norfolk_targets.sql

-- Edge cases of the counting rules, added to the demo so that every
-- comparison below covers them (ids from 990000000 up, contacts 980000000): a child under five
-- on the last day of the year and its sibling who turns five that day; a
-- child seen before it is born; a leap-day birth; once_per_term contacts
-- within and across terms and quarters, one on a day in care; siblings
-- seen on the same day (one family contact); a never mode; carers whose
-- sex is not recorded, a pregnant teenager turning twenty, only male
-- carers, a young parent turning 25; an episode open on one reference date
-- only; a funded place for one quarter; local groups; and a family
-- without an LSOA, which no area counts.
CREATE TEMP TABLE edge_place AS
SELECT min(r.lsoa_code) AS lsoa_code, (SELECT min(centre_id) FROM centre) AS centre_id
FROM reach_area AS r WHERE r.valid_to IS NULL;
INSERT INTO family (family_id, lsoa_code, lone_parent, local_groups)
SELECT 990000000 + n, (SELECT lsoa_code FROM edge_place), n = 1, CASE WHEN n = 2 THEN '{3,16}'::integer[] ELSE '{}' END
FROM generate_series(1, 4) AS n;
INSERT INTO family (family_id, lsoa_code) VALUES (990000009, NULL);
INSERT INTO carer (carer_id, family_id, dob, sex, disabled, pregnant) VALUES
	(990000001, 990000001, '1994-01-15', NULL, false, true),
	(990000002, 990000002, '1980-05-01', 'M', true, false),
	(990000003, 990000003, '1988-12-01', 'M', NULL, NULL),
	(990000004, 990000003, '1970-07-01', 'F', false, false);
INSERT INTO child (child_id, family_id, dob, sex, disabled) VALUES
	(990000001, 990000001, '2009-04-01', 'F', false),
	(990000002, 990000001, '2009-03-31', 'M', true),
	(990000003, 990000002, '2013-08-15', 'F', NULL),
	(990000004, 990000003, '2008-02-29', 'M', true),
	(990000005, 990000003, '2011-06-30', 'F', false),
	(990000006, 990000004, '2012-01-01', 'M', false),
	(990000007, 990000009, '2012-01-01', 'M', false);
INSERT INTO registration (child_id, centre_id, registered_on, ended_on)
SELECT k, (SELECT centre_id FROM edge_place), s::date, e::date
FROM (VALUES (990000001, '2012-05-01', NULL), (990000002, '2013-07-01', '2013-12-31'),
			 (990000003, '2013-09-30', NULL), (990000005, '2012-01-01', '2013-06-30'),
			 (990000006, '2013-10-01', NULL), (990000007, '2012-06-01', NULL)) AS r(k, s, e);
INSERT INTO contact (contact_id, child_id, centre_id, contact_on, mode, activity)
SELECT 980000000 + row_number() OVER (), k, (SELECT centre_id FROM edge_place), d::date, m, 'edge case'
FROM (VALUES (990000001, '2013-05-10', 'nursery_session'), (990000001, '2013-07-10', 'nursery_session'),
			 (990000001, '2013-08-20', 'nursery_session'), (990000001, '2013-09-05', 'nursery_session'),
			 (990000001, '2013-10-15', 'nursery_session'), (990000001, '2014-01-10', 'nursery_session'),
			 (990000001, '2014-01-10', 'face_to_face'), (990000001, '2014-03-31', 'letter'),
			 (990000002, '2013-05-10', 'face_to_face'), (990000002, '2014-01-10', 'phone'),
			 (990000003, '2013-06-20', 'antenatal group'), (990000003, '2013-09-01', 'antenatal group'),
			 (990000004, '2013-04-02', 'face_to_face'),
			 (990000005, '2013-10-01', 'face_to_face'), (990000005, '2013-10-08', 'face_to_face'),
			 (990000005, '2013-11-08', 'nursery_session'), (990000005, '2013-11-09', 'nursery_session'),
			 (990000005, '2013-12-20', 'face_to_face'),
			 (990000006, '2013-06-30', 'phone'), (990000006, '2014-03-31', 'phone'),
			 (990000007, '2013-06-01', 'face_to_face')) AS c(k, d, m);
INSERT INTO social_care (child_id, kind, starts_on, ends_on) VALUES
	(990000001, 'family_support', '2013-07-01', '2013-07-31'),
	(990000005, 'child_in_need', '2013-09-30', '2013-09-30'),
	(990000006, 'looked_after', '2013-01-01', NULL);
INSERT INTO two_year_place (child_id, term_start, dwp_eligible, criteria, taken_up) VALUES
	(990000006, '2012-09-01', true, 'income', true);
\set QUIET off

-- ---------------------------------------------------------------- the recount

-- Each period's LSOA figures from the person-level views: counted_child and
-- meaningful_contact state the counting rules for every period at once
-- (each read once per recount, though two parts of it use them).
CREATE TEMP VIEW recount AS
WITH counted AS MATERIALIZED (
	SELECT period, lsoa_code, child_id, family_id, registered FROM surestart_internal.counted_child
), meaningful AS MATERIALIZED (
	SELECT period, child_id, family_id, contact_on FROM surestart_internal.meaningful_contact
), threshold AS (
	SELECT value::integer AS t FROM setting WHERE name = 'sustained_contacts'
), per_child AS (
	SELECT period, child_id, count(*) AS n FROM meaningful GROUP BY 1, 2
), per_family AS (
	SELECT period, family_id, count(DISTINCT contact_on) AS n FROM meaningful GROUP BY 1, 2
), children AS (
	SELECT k.period, k.lsoa_code, count(*) FILTER (WHERE k.registered) AS registered, count(c.child_id) AS seen,
		   count(*) FILTER (WHERE c.n >= threshold.t) AS sustained, coalesce(sum(c.n), 0)::bigint AS contacts
	FROM counted AS k
	LEFT JOIN per_child AS c USING (period, child_id)
	CROSS JOIN threshold
	GROUP BY 1, 2
), families AS (
	SELECT f.period, f.lsoa_code, count(*) FILTER (WHERE f.registered) AS registered, count(p.family_id) AS seen,
		   count(*) FILTER (WHERE p.n >= threshold.t) AS sustained, coalesce(sum(p.n), 0)::bigint AS contacts
	FROM (SELECT period, lsoa_code, family_id, bool_or(registered) AS registered
		  FROM counted GROUP BY 1, 2, 3) AS f
	LEFT JOIN per_family AS p USING (period, family_id)
	CROSS JOIN threshold
	GROUP BY 1, 2
), estimate AS (
	-- the latest mid-year estimate dated on or before the reference date, else the earliest
	SELECT DISTINCT ON (a.period, a.lsoa_code) a.period, a.lsoa_code, p.mid_year
	FROM surestart_internal.period_reach_area AS a
	JOIN population AS p ON p.lsoa_code = a.lsoa_code
	ORDER BY a.period, a.lsoa_code, make_date(p.mid_year, 6, 30) <= a.period_end DESC,
			 CASE WHEN make_date(p.mid_year, 6, 30) <= a.period_end THEN -p.mid_year ELSE p.mid_year END
), under_fives AS (
	SELECT e.period, e.lsoa_code, sum(p.persons)::bigint AS persons
	FROM estimate AS e JOIN population AS p USING (lsoa_code, mid_year)
	GROUP BY 1, 2
)
SELECT a.period, a.lsoa_code, a.centre_id, coalesce(u.persons, 0) AS under_fives,
	   coalesce(c.registered, 0) AS registered, coalesce(c.seen, 0) AS seen, coalesce(c.sustained, 0) AS sustained,
	   coalesce(f.registered, 0) AS families_registered, coalesce(f.seen, 0) AS families_seen,
	   coalesce(f.sustained, 0) AS families_sustained, coalesce(c.contacts, 0) AS contacts,
	   coalesce(f.contacts, 0) AS family_contacts
FROM surestart_internal.period_reach_area AS a
LEFT JOIN under_fives AS u USING (period, lsoa_code)
LEFT JOIN children AS c USING (period, lsoa_code)
LEFT JOIN families AS f USING (period, lsoa_code);

CREATE TEMP VIEW stored AS
SELECT f.period, f.lsoa_code, f.centre_id, f.under_fives, f.registered, f.seen, f.sustained,
	   f.families_registered, f.families_seen, f.families_sustained, f.contacts, f.family_contacts
FROM surestart_internal.lsoa_figure AS f;

-- Coverage per centre from the person-level family_period_groups.
CREATE TEMP VIEW recount_coverage AS
SELECT period, centre_id, r.*
FROM (SELECT period, centre_id, coverage(groups, contacts) AS c FROM surestart_internal.family_period_groups GROUP BY 1, 2) AS g
CROSS JOIN LATERAL coverage_rows(g.c) AS r;

CREATE TEMP VIEW stored_coverage AS
SELECT period, centre_id, r.*
FROM surestart_internal.centre_coverage AS g
CROSS JOIN LATERAL coverage_rows(g.coverage) AS r;

-- ---------------------------------------------------------------- refresh and the kept rows

SELECT is((SELECT count(*) FROM reach_freshness WHERE state = 'not stored'), (SELECT count(*) FROM surestart_internal.reporting_period),
	'before refresh() no period is stored');
SELECT is((SELECT count(*) FROM refresh()), (SELECT count(*) FROM surestart_internal.reporting_period),
	'refresh() counts every reporting period once');
SELECT is((SELECT array_agg(DISTINCT state) FROM reach_freshness), ARRAY['current'], 'then every period is current');
SELECT is_empty('SELECT * FROM refresh()', 'a second refresh() has nothing to do');
SELECT cmp_ok((SELECT count(DISTINCT kind) FROM surestart_internal.figure_period), '=', 3::bigint,
	'quarters, years to date and years are stored');
-- refresh() counts a year's periods together; each counted alone gives the same rows
SELECT set_eq($$SELECT c.period, c.lsoa_code, c.centre_id, c.under_fives, c.registered, c.seen, c.sustained,
					   c.families_registered, c.families_seen, c.families_sustained, c.contacts, c.family_contacts,
					   c.coverage::text
				FROM surestart_internal.reporting_period AS p
				CROSS JOIN LATERAL surestart_internal.count_periods(ARRAY[p.period],
					(SELECT value::integer FROM setting WHERE name = 'sustained_contacts')) AS c$$,
	$$SELECT period, lsoa_code, centre_id, under_fives, registered, seen, sustained, families_registered,
			 families_seen, families_sustained, contacts, family_contacts, coverage::text
	  FROM surestart_internal.lsoa_figure$$,
	'each period counted on its own equals the rows refresh() kept for it (counted with the rest of its year)');

-- the data does not change until the DML tests below: count it once for the
-- comparisons that follow (the recount over the person-level views is slow)
\set QUIET on
CREATE TEMP TABLE recount_now AS SELECT * FROM recount;
CREATE TEMP TABLE recount_coverage_now AS SELECT * FROM recount_coverage;
\set QUIET off

SELECT set_eq('SELECT * FROM stored', 'SELECT * FROM recount_now',
	'every stored LSOA figure of every period equals the recount from the raw rows');
SELECT set_eq('SELECT * FROM stored_coverage', 'SELECT * FROM recount_coverage_now',
	'every centre''s stored coverage of every period equals the recount from family_period_groups');
-- vulnerable families (each family once, however many vulnerable groups
-- it is in), per centre and period, from family_period_groups
CREATE TEMP VIEW recount_vulnerable AS
WITH fam AS (
	SELECT f.period, f.centre_id, f.contacts,
		   f.groups && target_groups(ARRAY(SELECT code FROM target_group WHERE vulnerable)) AS vulnerable,
		   f.groups && target_groups(ARRAY(SELECT code FROM target_group WHERE national)) AS national
	FROM surestart_internal.family_period_groups AS f
), t AS (SELECT value::integer AS t FROM setting WHERE name = 'sustained_contacts')
SELECT x.level, x.centre_id, f.period, count(*) AS families, count(*) FILTER (WHERE f.contacts >= 1) AS families_seen,
	   count(*) FILTER (WHERE f.vulnerable) AS vulnerable_families,
	   count(*) FILTER (WHERE f.vulnerable AND f.contacts >= 1) AS vulnerable_seen,
	   count(*) FILTER (WHERE f.vulnerable AND f.contacts >= t.t) AS vulnerable_sustained,
	   count(*) FILTER (WHERE f.national AND f.contacts >= 1) AS any_national_seen
FROM fam AS f
CROSS JOIN t
CROSS JOIN LATERAL (VALUES ('centre', f.centre_id), ('county', NULL)) AS x(level, centre_id)
GROUP BY 1, 2, 3;
SELECT set_eq($$SELECT period, centre_id, sum(vulnerable_families) AS f, sum(vulnerable_seen) AS s, sum(vulnerable_sustained) AS u
				FROM surestart_internal.lsoa_figure GROUP BY 1, 2 HAVING sum(families_registered) > 0$$,
	$$SELECT period, centre_id, vulnerable_families::numeric, vulnerable_seen::numeric, vulnerable_sustained::numeric
	  FROM recount_vulnerable WHERE level = 'centre'$$,
	'every centre''s stored vulnerable families (each once) of every period equal the recount from family_period_groups');
SELECT set_eq($$SELECT level, centre_id, period, families, families_seen, vulnerable_families, vulnerable_seen,
					   vulnerable_sustained, percent_of(any_national_seen, families_seen) FROM recount_vulnerable$$,
	$$SELECT level, centre_id, period, families, families_seen, vulnerable_families, vulnerable_seen, vulnerable_sustained,
			 any_national_seen_pct FROM vulnerable_reach$$,
	'vulnerable_reach, every centre, the county and every period, equals the recount');
SELECT cmp_ok((SELECT sum(seen) FROM stored WHERE period = '2013-14'), '>', 10000::numeric,
	'the demo year has children seen (the comparison is not of empty sets)');
SELECT ok((SELECT bool_and(f.families_seen <= f.seen AND f.family_contacts <= f.contacts)
		   FROM surestart_internal.lsoa_figure AS f),
	'family contacts are days: never more families than children seen, nor family contacts than contacts');

-- ---------------------------------------------------------------- every view is a sum of the kept rows

SELECT set_eq($$SELECT centre_id, period, under_fives, registered, seen, sustained, families_registered, families_seen, families_sustained
				FROM centre_reach$$,
	$$SELECT c.centre_id, p.period, coalesce(sum(r.under_fives), 0)::bigint AS u, coalesce(sum(r.registered), 0)::bigint AS r,
			 coalesce(sum(r.seen), 0)::bigint AS s, coalesce(sum(r.sustained), 0)::bigint AS su,
			 coalesce(sum(r.families_registered), 0)::bigint AS fr, coalesce(sum(r.families_seen), 0)::bigint AS fs,
			 coalesce(sum(r.families_sustained), 0)::bigint AS fsu
	  FROM centre AS c CROSS JOIN surestart_internal.reporting_period AS p
	  LEFT JOIN recount_now AS r ON r.centre_id = c.centre_id AND r.period = p.period
	  WHERE (c.opened_on IS NULL OR c.opened_on <= p.period_end) AND (c.closed_on IS NULL OR c.closed_on >= p.period_start)
	  GROUP BY c.centre_id, p.period$$,
	'centre_reach, every centre and period, equals the recount');
SELECT set_eq($$SELECT centre_id, period, under_fives, registered, seen, sustained FROM centre_reach_deprived$$,
	$$SELECT c.centre_id, p.period, coalesce(sum(r.under_fives), 0)::bigint AS u, coalesce(sum(r.registered), 0)::bigint AS r,
			 coalesce(sum(r.seen), 0)::bigint AS s, coalesce(sum(r.sustained), 0)::bigint AS su
	  FROM centre AS c CROSS JOIN surestart_internal.reporting_period AS p
	  LEFT JOIN recount_now AS r ON r.centre_id = c.centre_id AND r.period = p.period
							AND r.lsoa_code IN (SELECT lsoa_code FROM surestart_geography.deprived_lsoa)
	  WHERE (c.opened_on IS NULL OR c.opened_on <= p.period_end) AND (c.closed_on IS NULL OR c.closed_on >= p.period_start)
	  GROUP BY c.centre_id, p.period$$,
	'centre_reach_deprived equals the recount over the most deprived LSOAs');
SELECT set_eq($$SELECT lsoa_code, centre_id, period, under_fives, registered, seen, sustained, families_seen FROM lsoa_reach$$,
	$$SELECT lsoa_code, centre_id, period, under_fives, registered, seen, sustained, families_seen FROM recount_now$$,
	'lsoa_reach equals the recount');
SELECT set_eq($$SELECT period, measure, value FROM data_pack WHERE level = 'county'$$,
	$$SELECT period, m.measure, m.value
	  FROM (SELECT period, scope, percent_of(sum(registered), sum(under_fives)) AS reg, percent_of(sum(seen), sum(under_fives)) AS seen,
				   percent_of(sum(sustained), sum(under_fives)) AS sus
			FROM (SELECT r.*, s.scope FROM recount_now AS r
				  CROSS JOIN LATERAL (SELECT 'all' UNION ALL SELECT 'deprived' WHERE r.lsoa_code IN (SELECT lsoa_code FROM surestart_geography.deprived_lsoa)) AS s(scope)) AS x
			GROUP BY period, scope) AS t
	  CROSS JOIN LATERAL (VALUES (CASE WHEN scope = 'deprived' THEN 'deprived_' ELSE '' END || 'registered_pct', reg),
								 (CASE WHEN scope = 'deprived' THEN 'deprived_' ELSE '' END || 'seen_pct', seen),
								 (CASE WHEN scope = 'deprived' THEN 'deprived_' ELSE '' END || 'sustained_pct', sus)) AS m(measure, value)$$,
	'the data pack''s county values, every period and measure, equal the recount''s pooled percentages');
SELECT set_eq($$SELECT lot_id, financial_year, registered, seen, sustained FROM contract_value$$,
	$$SELECT c.lot_id, r.period, sum(r.registered)::bigint AS r, sum(r.seen)::bigint AS s, sum(r.sustained)::bigint AS su
	  FROM recount_now AS r JOIN centre AS c USING (centre_id) JOIN lot AS l USING (lot_id)
	  WHERE r.period ~ '^[0-9]{4}-[0-9]{2}$'
	  GROUP BY c.lot_id, r.period$$,
	'contract_value''s counts equal the recount per lot and year');
SELECT set_eq($$SELECT lead_partner_id, financial_year, registered, seen, sustained FROM lead_partner_summary$$,
	$$SELECT l.lead_partner_id, r.period, sum(r.registered)::bigint AS r, sum(r.seen)::bigint AS s, sum(r.sustained)::bigint AS su
	  FROM recount_now AS r JOIN centre AS c USING (centre_id) JOIN lot AS l USING (lot_id)
	  WHERE r.period ~ '^[0-9]{4}-[0-9]{2}$'
	  GROUP BY l.lead_partner_id, r.period$$,
	'lead_partner_summary''s counts equal the recount per lead partner and year');
SELECT set_eq($$SELECT unit_id, period, target_group, families, any_contact, sustained FROM target_group_coverage WHERE level = 'centre'$$,
	$$SELECT centre_id, period, target_group, in_group, part(any_contact) AS a, part(sustained) AS s FROM recount_coverage_now$$,
	'target_group_coverage, every centre, period and group, equals the recount');
SELECT set_eq($$SELECT centre_id, period, measure, actual FROM scorecard WHERE measure IN ('registered_pct', 'seen_pct', 'sustained_pct')$$,
	$$SELECT s.centre_id, s.period, s.measure,
			 CASE s.measure WHEN 'registered_pct' THEN percent_of(r.registered, r.under_fives)
							WHEN 'seen_pct' THEN percent_of(r.seen, r.under_fives)
							ELSE percent_of(r.sustained, r.under_fives) END
	  FROM scorecard AS s
	  JOIN (SELECT centre_id, period, sum(registered) AS registered, sum(seen) AS seen, sum(sustained) AS sustained,
				   sum(under_fives) AS under_fives FROM recount_now GROUP BY 1, 2) AS r
		ON r.centre_id = s.centre_id AND r.period = s.period
	  WHERE s.measure IN ('registered_pct', 'seen_pct', 'sustained_pct')$$,
	'the scorecard''s reach actuals equal the recount of the year to date');

-- ---------------------------------------------------------------- freshness after a statement

-- the lowest-numbered child counted in Q3 without a meaningful contact then
CREATE TEMP TABLE quiet_child AS
SELECT k.child_id, k.centre_id
FROM surestart_internal.counted_child AS k
WHERE k.period = '2013-14 Q3'
  AND NOT EXISTS (SELECT 1 FROM surestart_internal.meaningful_contact AS m WHERE m.period = k.period AND m.child_id = k.child_id)
ORDER BY k.child_id LIMIT 1;
CREATE TEMP TABLE before AS SELECT centre_id, period, seen FROM centre_reach;

-- a contact on 10 December 2013 touches Q3, the year to date Q1-Q3 and the year
INSERT INTO contact (contact_id, child_id, centre_id, contact_on, mode)
SELECT 990000001, child_id, centre_id, '2013-12-10', 'stay and play' FROM quiet_child;
SELECT set_eq($$SELECT period FROM reach_freshness WHERE state = 'changed'$$,
	$$VALUES ('2013-14 Q3'), ('2013-14 Q1-Q3'), ('2013-14')$$,
	'an inserted contact marks exactly the periods holding its day as changed');
SELECT is((SELECT r.seen - b.seen FROM centre_reach AS r JOIN before AS b USING (centre_id, period)
		   WHERE r.period = '2013-14 Q3' AND r.centre_id = (SELECT centre_id FROM quiet_child)), 1::bigint,
	'centre_reach counts the new contact at once (the changed period is counted live)');
SELECT is((SELECT count(*) FROM centre_reach AS r JOIN before AS b USING (centre_id, period) WHERE r.seen <> b.seen), 3::bigint,
	'and only in the three periods it touched');
-- refresh() does not change the data: one recount for before and after it
\set QUIET on
CREATE TEMP TABLE recount_inserted AS SELECT * FROM recount;
\set QUIET off
SELECT set_eq('SELECT period, lsoa_code, centre_id, under_fives, registered, seen, sustained, families_registered, families_seen, families_sustained, contacts, family_contacts FROM surestart_internal.lsoa_figures',
	'SELECT * FROM recount_inserted', 'what the views read equals the recount after the insert');
SELECT set_eq('SELECT period FROM refresh()', $$VALUES ('2013-14 Q3'), ('2013-14 Q1-Q3'), ('2013-14')$$,
	'refresh() counts again only the changed periods');
SELECT set_eq('SELECT * FROM stored', 'SELECT * FROM recount_inserted', 'and stores the recount');

-- a registration ended in the past touches every reference date from its start
UPDATE registration SET ended_on = '2013-08-15'
WHERE child_id = (SELECT min(child_id) FROM registration WHERE ended_on IS NULL AND registered_on < '2013-04-01');
SELECT set_eq($$SELECT period FROM reach_freshness WHERE state = 'changed'$$,
	$$SELECT period FROM surestart_internal.reporting_period$$,
	'an updated registration open since before 2013-14 marks every period');
SELECT set_eq('SELECT period, lsoa_code, centre_id, under_fives, registered, seen, sustained, families_registered, families_seen, families_sustained, contacts, family_contacts FROM surestart_internal.lsoa_figures',
	'SELECT * FROM recount', 'what the views read equals the recount after the update');

-- an interrupted refresh leaves the figures and the marks as they were
SAVEPOINT before_refresh;
DO $$ BEGIN PERFORM surestart.refresh(); END $$;
ROLLBACK TO SAVEPOINT before_refresh;
SELECT is((SELECT count(*) FROM reach_freshness WHERE state = 'changed'), (SELECT count(*) FROM surestart_internal.reporting_period),
	'a refresh rolled back leaves every period marked changed');
SELECT ok((SELECT count(*) FROM refresh()) > 0, 'refresh() stores them');

-- moving an LSOA to another centre from 1 January 2014: the update ends the old row
-- (whose dates cover every period) and a new row begins, so every period is noted
UPDATE reach_area SET valid_to = '2013-12-31'
WHERE lsoa_code = (SELECT min(lsoa_code) FROM reach_area WHERE valid_to IS NULL) AND valid_to IS NULL;
INSERT INTO reach_area (lsoa_code, valid_from, centre_id)
SELECT lsoa_code, '2014-01-01', (SELECT min(centre_id) FROM centre WHERE centre_id <> r.centre_id)
FROM reach_area AS r WHERE valid_to = '2013-12-31'
  AND lsoa_code = (SELECT min(lsoa_code) FROM reach_area WHERE valid_to = '2013-12-31');
SELECT set_eq($$SELECT period FROM reach_freshness WHERE state = 'changed'$$,
	$$SELECT period FROM surestart_internal.reporting_period$$,
	'a reach-area change marks the periods whose reference dates its old and new rows cover');
SELECT set_eq('SELECT period, lsoa_code, centre_id, under_fives, registered, seen, sustained, families_registered, families_seen, families_sustained, contacts, family_contacts FROM surestart_internal.lsoa_figures',
	'SELECT * FROM recount', 'what the views read equals the recount after the move');

SELECT ok((SELECT count(*) FROM refresh()) > 0, 'refresh() after the move');
-- deleting contacts of one day touches its periods
DELETE FROM contact WHERE contact_on = '2013-05-14';
SELECT set_eq($$SELECT period FROM reach_freshness WHERE state <> 'current'$$,
	$$SELECT period FROM surestart_internal.reporting_period WHERE '2013-05-14' BETWEEN period_start AND period_end$$,
	'deleted contacts mark the periods holding their day');
SELECT ok((SELECT count(*) FROM refresh()) > 0, 'refresh() after the deletion');
SELECT set_eq('SELECT * FROM stored', 'SELECT * FROM recount', 'the stored figures equal the recount after every change');
SELECT set_eq('SELECT * FROM stored_coverage', 'SELECT * FROM recount_coverage', 'and so does the stored coverage');

-- a new sustained threshold: every period is counted live until refreshed
UPDATE setting SET value = '4' WHERE name = 'sustained_contacts';
SELECT is((SELECT array_agg(DISTINCT state) FROM reach_freshness), ARRAY['threshold changed'],
	'a new sustained_contacts makes every stored period out of date');
SELECT is((SELECT count(*) FROM refresh()), (SELECT count(*) FROM surestart_internal.reporting_period), 'refresh() counts them all again');
SELECT is((SELECT array_agg(DISTINCT sustained_contacts) FROM surestart_internal.figure_period), ARRAY[4],
	'and records the threshold they were counted with');

SELECT * FROM finish();
ROLLBACK;
