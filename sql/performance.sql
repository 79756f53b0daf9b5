-- Performance management on a hand-built county of eleven centres (one
-- LSOA each, 100 under-fives in ten of them, 2013-14): targets and the
-- scorecard's RAG boundaries, county defaults and centre overrides, the
-- inspection-risk score sign by sign, governance across a financial-year
-- boundary, and the contact profile's age bands at birthdays.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
SET search_path = surestart, public;
SET datestyle = ISO;
\set ECHO none
-- centre  n  children registered seen contacts-each deprived
--   a     1     70       70       70      3
--   b     2     75       64       75      3
--   c     3     79       79       79      3       yes
--   d     4     70       70       20      1
--   e..g  5-7   70       70       70      3
--   h     8     80       70       70      3       (20 lone-parent families, 10 seen)
--   i     9     60       60       10      1       yes
--   j    10     72       70       72      3
--   k    11     age-band children, no population
CREATE TEMP TABLE spec (n integer, code text, children integer, registered integer, seen integer, contacts integer, decile integer);
INSERT INTO spec VALUES
	(1, 'a', 70, 70, 70, 3, 5), (2, 'b', 75, 64, 75, 3, 5), (3, 'c', 79, 79, 79, 3, 1),
	(4, 'd', 70, 70, 20, 1, 5), (5, 'e', 70, 70, 70, 3, 5), (6, 'f', 70, 70, 70, 3, 5),
	(7, 'g', 70, 70, 70, 3, 5), (8, 'h', 80, 70, 70, 3, 5), (9, 'i', 60, 60, 10, 1, 1),
	(10, 'j', 72, 70, 72, 3, 5), (11, 'k', 0, 0, 0, 0, 5);
INSERT INTO lead_partner VALUES ('LP', 'Partner', 'voluntary');
INSERT INTO lot (lot_id, name, lead_partner_id) VALUES ('1', 'Lot', 'LP');
INSERT INTO centre (centre_id, name, lot_id, opened_on)
	SELECT code, 'Centre ' || upper(code), '1', CASE code WHEN 'h' THEN date '2008-01-01' WHEN 'k' THEN NULL ELSE date '2006-01-01' END
	FROM spec;
INSERT INTO lsoa (lsoa_code, name, idaci_decile, imd_decile)
	SELECT 'E01' || lpad(n::text, 6, '0'), 'Area ' || code, decile, decile FROM spec;
INSERT INTO reach_area (lsoa_code, valid_from, centre_id)
	SELECT 'E01' || lpad(n::text, 6, '0'), '2000-01-01', code FROM spec;
INSERT INTO population (lsoa_code, mid_year, age, persons)
	SELECT 'E01' || lpad(n::text, 6, '0'), 2013, a, 20 FROM spec, generate_series(0, 4) AS a WHERE code <> 'k';
INSERT INTO family (family_id, lsoa_code, lone_parent)
	SELECT n * 1000 + m, 'E01' || lpad(n::text, 6, '0'), code = 'h' AND m > 60
	FROM spec, generate_series(1, children) AS m;
INSERT INTO child (child_id, family_id, dob) SELECT family_id, family_id, '2011-06-15' FROM family;
INSERT INTO registration (child_id, centre_id, registered_on)
	SELECT n * 1000 + m, code, '2012-01-01' FROM spec, generate_series(1, children) AS m
	WHERE CASE WHEN code = 'h' THEN m <= 50 OR m > 60 ELSE m <= registered END;
INSERT INTO contact (contact_id, child_id, centre_id, contact_on, mode)
	SELECT (n * 1000 + m) * 10 + x, n * 1000 + m, code, (ARRAY[date '2013-05-01', '2013-08-01', '2013-11-01'])[x], 'face_to_face'
	FROM spec, generate_series(1, seen) AS m, generate_series(1, contacts) AS x;
-- Ofsted: h and k never inspected (h opened 2008: due 2013-01-01, overdue)
INSERT INTO ofsted_inspection (inspection_id, inspected_on, overall) VALUES
	(1, '2012-06-01', 'Good'), (6, '2013-01-10', 'RI'), (7, '2011-06-01', 'Inadequate'), (9, '2013-01-10', 'Inadequate');
INSERT INTO inspected_centre VALUES (1, 'a'), (1, 'b'), (1, 'c'), (1, 'd'), (1, 'e'), (1, 'j'), (6, 'f'), (7, 'g'), (9, 'i');
INSERT INTO centre_rag (centre_id, assessed_on, quality_rag, leadership_rag)
	SELECT code, '2014-03-31', CASE code WHEN 'e' THEN 'amber' WHEN 'g' THEN 'amber' WHEN 'i' THEN 'red' ELSE 'green' END,
		   CASE code WHEN 'e' THEN 'red' WHEN 'i' THEN 'red' ELSE 'green' END
	FROM spec WHERE code <> 'k';
-- a later RAG (after the year) is not used for 2013-14
INSERT INTO centre_rag VALUES ('a', '2014-04-01', 'red', 'red');
-- FSP 2012/13 (published in the autumn of 2013: set against 2013-14 contact): j (seen 72%) all below GLD, c (seen 79%) all at GLD
INSERT INTO eyfs_result (pupil_id, lsoa_code, academic_year, regime, gld)
	SELECT p, 'E01' || lpad(n::text, 6, '0'), '2012/13', '2013', code = 'c'
	FROM spec, generate_series(n * 10, n * 10 + 4) AS p WHERE code IN ('c', 'j');
-- centre k: age bands at birthdays on the reference date 2014-03-31
INSERT INTO family (family_id, lsoa_code) SELECT f, 'E01000011' FROM generate_series(11001, 11005) AS f;
INSERT INTO child (child_id, family_id, dob) VALUES
	(11001, 11001, '2013-03-31'),	-- 1 on the reference date
	(11002, 11002, '2013-04-01'),	-- 1 the day after: under 1
	(11003, 11003, '2009-04-01'),	-- 4, five the day after
	(11004, 11004, '2009-03-31'),	-- five on the reference date: not counted
	(11005, 11005, '2013-06-01');	-- seen before birth
INSERT INTO registration VALUES (11001, 'k', '2013-03-31', NULL), (11002, 'k', '2013-04-01', NULL);
INSERT INTO contact (contact_id, child_id, centre_id, contact_on, mode, activity) VALUES
	(1, 11001, 'k', '2013-03-01', 'face_to_face', 'antenatal'),
	(2, 11001, 'k', '2013-10-01', 'face_to_face', 'stay and play'),
	(3, 11001, 'k', '2013-10-02', 'letter', NULL),
	(4, 11002, 'k', '2013-10-01', 'face_to_face', 'stay and play'),
	(5, 11003, 'k', '2013-10-01', 'face_to_face', 'stay and play'),
	(6, 11004, 'k', '2013-10-01', 'face_to_face', 'stay and play'),
	(7, 11005, 'k', '2013-05-01', 'face_to_face', 'antenatal class'),
	(8, 11005, 'k', '2013-07-01', 'home visit', NULL),
	(9, 11005, 'k', '2013-10-01', 'face_to_face', 'Home_Visit');
INSERT INTO social_care VALUES (11003, 'family_support', '2013-01-01', '2013-04-01'), (11002, 'child_in_need', '2014-03-31', NULL);
-- statistics of this data, not of what earlier tests rolled back; the views
-- read stored figures (a later change is counted live until the next refresh)
ANALYZE;
SELECT count(*) AS refreshed_periods FROM refresh() \gset
\set ECHO all

-- the measures a target can name
SELECT count(*) AS measures, count(*) FILTER (WHERE code LIKE 'coverage\_%') AS coverage_measures FROM scorecard_measure;
-- a measure's source is the view its code comes from
UPDATE scorecard_measure SET source = 'centre_reach' WHERE code = 'coverage_father';
-- targets: county defaults, centre overrides, other spellings of the reach measures accepted, unknown measures refused
INSERT INTO centre_target (centre_id, measure, financial_year, target, amber_within) VALUES
	(NULL, 'registered_pct', '2013-14', 65, 5),
	('a', 'registered_pct', '2013-14', 70, 5),
	('c', 'registered_pct', '2013-14', 84.1, 5),
	(NULL, ' Registered_pct_Deprived', '2013-14', 80, 5),
	('h', 'coverage_lone_parent', '2013-14', 65, 10),
	(NULL, 'registered_pct', '2014-15', 90, 5),
	(NULL, 'Seen', '2014-15', 60, 5),
	(NULL, 'sustained_deprived', '2014-15', 40, 5),
	(NULL, 'deprived_seen', '2014-15', 55, 5);
SELECT centre_id, measure, financial_year, target FROM centre_target ORDER BY measure, financial_year, centre_id NULLS FIRST;
INSERT INTO centre_target (measure, financial_year, target) VALUES ('reach_pct', '2013-14', 50);
INSERT INTO centre_target (measure, financial_year, target) VALUES ('coverage_local_1', '2013-14', 50);

-- RAG: a exactly at its own target is green; i exactly amber_within below is
-- amber; c 5.1 below its own target is red; b 1 below is amber; k has no
-- under-fives, so no actual and no RAG; seen_pct has no target and no rows;
-- the 2014-15 target does not apply to 2013-14
SELECT centre_id, measure, actual, target, gap, rag, target_scope, note
FROM scorecard WHERE period = '2013-14' ORDER BY display_order, centre_id;
SELECT count(*) FILTER (WHERE measure = 'seen_pct') AS seen_rows, count(*) FILTER (WHERE target = 90) AS rows_2014_15,
	   count(DISTINCT period) AS periods
FROM scorecard;
-- moving the boundary: just above amber_within below turns red, a wider margin amber
UPDATE centre_target SET target = 65.1 WHERE centre_id IS NULL AND measure = 'registered_pct' AND financial_year = '2013-14';
SELECT centre_id, actual, target, gap, rag FROM scorecard WHERE period = '2013-14' AND measure = 'registered_pct' AND centre_id IN ('b', 'i') ORDER BY 1;
UPDATE centre_target SET amber_within = 5.1 WHERE centre_id IS NULL AND measure = 'registered_pct' AND financial_year = '2013-14';
SELECT centre_id, actual, target, gap, rag FROM scorecard WHERE period = '2013-14' AND measure = 'registered_pct' AND centre_id IN ('b', 'i') ORDER BY 1;
UPDATE centre_target SET target = 65, amber_within = 5 WHERE centre_id IS NULL AND measure = 'registered_pct' AND financial_year = '2013-14';
-- removing a centre's override brings back the county default
DELETE FROM centre_target WHERE centre_id = 'a';
SELECT centre_id, target, rag, target_scope FROM scorecard WHERE period = '2013-14' AND measure = 'registered_pct' AND centre_id = 'a';
SELECT centre_id, measures, greens, ambers, reds, unrated, overall_rag FROM scorecard_summary WHERE period = '2013-14' ORDER BY centre_id;
SELECT centre_id, period, measures, greens, ambers, reds, overall_rag FROM scorecard_summary WHERE centre_id = 'b' ORDER BY period;

-- like with like: the scorecard's periods are the years to date at each
-- quarter end (Q1 is its own, Q4 is the year), never a later quarter alone
SELECT DISTINCT period, kind, period_start, period_end FROM scorecard ORDER BY period_end;
SAVEPOINT year_to_date;
-- a's 70 children each had a contact on 1 May, 1 August and 1 November:
-- sustained (3 contacts) only from the year to date at 31 December.  The
-- old rule compared the quarter 2013-14 Q3 alone (sustained 0%: red); the
-- year to date Q1-Q3 is 70%: green
INSERT INTO centre_target (centre_id, measure, financial_year, target, amber_within) VALUES ('a', 'sustained_pct', '2013-14', 60, 5);
SELECT period, kind, actual, target, gap, rag, due_on, note
FROM scorecard WHERE centre_id = 'a' AND measure = 'sustained_pct' ORDER BY period_end;
SELECT period, sustained_pct FROM centre_reach WHERE centre_id = 'a' AND period IN ('2013-14 Q3', '2013-14 Q1-Q3') ORDER BY period;
-- a dated target (Norfolk: "65% by 30 September"): seen_pct 60 by 30
-- September.  At Q1 d's 20% was red under the old rule; it is not due yet,
-- so it is shown and not rated; from 30 September on it is rated on the
-- year to date
INSERT INTO centre_target (centre_id, measure, financial_year, target, amber_within, due_on) VALUES (NULL, 'seen_pct', '2013-14', 60, 5, '2013-09-30');
SELECT centre_id, period, actual, target, rag, due_on, note
FROM scorecard WHERE centre_id IN ('a', 'd') AND measure = 'seen_pct' ORDER BY centre_id, period_end;
-- a target dated on the year end is judged then only (an undated one is
-- rated at every quarter end against the year to date so far)
UPDATE centre_target SET due_on = '2014-03-31' WHERE measure = 'seen_pct' AND financial_year = '2013-14';
SELECT period, rag, due_on, note FROM scorecard WHERE centre_id = 'd' AND measure = 'seen_pct' ORDER BY period_end;
SELECT centre_id, period, measures, greens, ambers, reds, unrated FROM scorecard_summary WHERE centre_id = 'a' ORDER BY period_end;
-- a target's date must be a quarter end of its financial year
UPDATE centre_target SET due_on = '2013-10-15' WHERE measure = 'seen_pct' AND financial_year = '2013-14';
UPDATE centre_target SET due_on = '2014-06-30' WHERE measure = 'seen_pct' AND financial_year = '2013-14';
UPDATE centre_target SET due_on = '2013-09-29' WHERE measure = 'seen_pct' AND financial_year = '2013-14';
-- and staged targets are checked the same way
INSERT INTO surestart_staging.centre_target (centre_id, measure, financial_year, target, due_on) VALUES
	('b', 'sustained_pct', '2013-14', '50', '2013-12-31'),
	('c', 'sustained_pct', '2013-14', '50', '2013-12-30'),
	('d', 'sustained_pct', '2013-14', '50', '31/12/2013');
SELECT table_name, loaded, rejected FROM load_staged() WHERE table_name = 'centre_target';
SELECT row_data->>'centre_id' AS centre_id, reason FROM load_reject WHERE table_name = 'centre_target' ORDER BY 1;
SELECT centre_id, due_on FROM centre_target WHERE measure = 'sustained_pct' ORDER BY 1;
ROLLBACK TO SAVEPOINT year_to_date;

-- inspection risk on 2013-14, sign by sign:
--   a none; b registration; c deprived-area registration; d bottom quartile
--   (seen and sustained); e quality amber + leadership red; f RI; g
--   Inadequate + overdue + quality amber (4: high); h lone parents 50% of 20
--   + overdue, never inspected (2: medium); i everything (high); j FSP low
--   outcomes, low contact; k nothing to judge
SELECT centre_id, score, band, registration_points AS reg, deprived_registration_points AS dep, low_contact_points AS low,
	   target_group_points AS grp, fsp_points AS fsp, quality_points AS q, leadership_points AS l, grade_points AS grade,
	   overdue_points AS overdue, not_yet_inspected, next_due, due_within_year
FROM inspection_risk WHERE period = '2013-14' ORDER BY centre_id;
SELECT centre_id, reasons FROM inspection_risk WHERE period = '2013-14' ORDER BY centre_id;
SELECT centre_id, seen_pct, seen_quartile, sustained_pct, sustained_quartile, quadrant FROM inspection_risk
WHERE period = '2013-14' ORDER BY centre_id;
-- the weights and bands are settings
UPDATE setting SET value = '0' WHERE name = 'risk_weight_rag_red';
UPDATE setting SET value = '3' WHERE name = 'risk_band_high_from';
SELECT centre_id, score, band, reasons FROM inspection_risk WHERE period = '2013-14' AND centre_id IN ('e', 'g', 'i') ORDER BY 1;
UPDATE setting SET value = '-1' WHERE name = 'risk_weight_rag_red';
UPDATE setting SET value = '100' WHERE name = 'risk_weight_overdue';
-- support levels beside the risk of the latest quarter that has ended
SELECT latest_ended_quarter(), (SELECT max(period_end) FROM reporting_period WHERE kind = 'quarter') AS last_quarter_end;
SELECT centre_id, level, level_name, risk_period, risk_score, risk_band, not_yet_inspected, due_within_year
FROM support_levels ORDER BY centre_id;

-- governance: a meeting on 31 March belongs to the year ending then, one on 1 April to the next
INSERT INTO board_meeting (centre_id, met_on, kind) VALUES
	('a', '2013-04-01', 'advisory_board'), ('a', '2013-09-01', 'advisory_board'), ('a', '2014-03-31', 'advisory_board'),
	('a', '2013-05-01', 'annual_conversation'), ('a', '2013-06-01', 'parent_forum'), ('a', '2013-07-01', 'parent_forum'),
	('b', '2013-06-01', 'advisory_board'), ('b', '2013-12-01', 'advisory_board'), ('b', '2014-04-01', 'advisory_board'),
	('b', '2014-04-01', 'annual_conversation');
SELECT centre_id, financial_year, advisory_board_meetings AS boards, advisory_board_required AS required,
	   annual_conversation_held AS conversation, annual_conversation_on, parent_forum_meetings AS forums, compliant, reasons
FROM governance WHERE centre_id IN ('a', 'b', 'c') ORDER BY centre_id, financial_year;
UPDATE setting SET value = '2' WHERE name = 'governance_board_meetings';
SELECT centre_id, financial_year, compliant, reasons FROM governance WHERE centre_id = 'b' ORDER BY financial_year;

-- contact profile of centre k: ages on the reference date (a birthday that
-- day counts), the fifth birthday on it excludes the child; home visits,
-- antenatal contacts, plans, first contacts and new registrations
SELECT period, children_seen, contacts, seen_under_1, seen_age_1, seen_age_2, seen_age_3, seen_age_4,
	   contacts_under_1, contacts_age_1, contacts_age_4, under_twos_contacts_pct
FROM contact_profile WHERE centre_id = 'k' ORDER BY period_start, kind DESC;
SELECT period, home_visits, seen_home_visit, antenatal_contacts, seen_antenatal, seen_family_support, seen_social_care,
	   seen_under_plan, first_seen, new_registered
FROM contact_profile WHERE centre_id = 'k' ORDER BY period_start, kind DESC;
SELECT period, child_id, age, contacts, home_visits, antenatal, family_support, social_care, first_seen
FROM child_contact_profile WHERE centre_id = 'k' AND period IN ('2013-14', '2013-14 Q1') ORDER BY period, child_id;
SELECT centre_id, mode, contacts, children FROM contact_mode_profile WHERE centre_id = 'k' AND period = '2013-14' ORDER BY mode;
-- the under-twos' share of contacts goes by the age on each contact's day:
-- a child born 15 October 2011 is 1 at a contact on 1 June 2013 and 2 at
-- one on 1 December 2013 and on the reference date.  The old rule (age on
-- the reference date) counted neither as an under-two's contact (0%); one
-- of the two is (50%)
SAVEPOINT age_at_contact;
INSERT INTO family (family_id, lsoa_code) VALUES (11006, 'E01000011');
INSERT INTO child (child_id, family_id, dob) VALUES (11006, 11006, '2011-10-15');
INSERT INTO contact (contact_id, child_id, centre_id, contact_on, mode) VALUES
	(10, 11006, 'k', '2013-06-01', 'face_to_face'), (11, 11006, 'k', '2013-12-01', 'face_to_face');
SELECT period, age, contacts, under_two_contacts FROM child_contact_profile WHERE child_id = 11006 ORDER BY period;
DELETE FROM contact WHERE child_id <> 11006 AND centre_id = 'k';
SELECT period, contacts, contacts_under_1, contacts_age_1, contacts_age_2, under_two_contacts, under_twos_contacts_pct
FROM contact_profile WHERE centre_id = 'k' AND period IN ('2013-14 Q1', '2013-14 Q3', '2013-14') ORDER BY period_end, period;
ROLLBACK TO SAVEPOINT age_at_contact;
-- the seen of centre_reach, for every centre
SELECT count(*) AS centre_periods FROM contact_profile AS p JOIN centre_reach AS r USING (centre_id, period)
WHERE p.children_seen <> r.seen;
ROLLBACK;
