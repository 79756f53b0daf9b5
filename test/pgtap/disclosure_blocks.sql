-- pgTAP: the disclosure layer of the views protected when they are read
-- (doc/disclosure.md): suppress_block(), the take-up views on small cases
-- whose right answer is worked out below by hand, and the snapshots'
-- statuses (published_reach_trend).  The attack on them is
-- test/checks/disclosure_attack.py; the regional roll-up's is run by
-- test/checks/regional-check.
BEGIN;
SET LOCAL jit = off;
SELECT plan(27);

/* ---------------------------------------------------------------- suppress_block */

SELECT throws_ok($$ SELECT * FROM surestart_internal.suppress_block('{a,b}', '{1}', '{t,t}', '{}', '{}', '{}') $$, '2202E',
	'cell_key, cell_value and cell_shown have 2, 1 and 2 elements; term_relation, term_cell and term_coefficient 0, 0 and 0',
	'suppress_block: one value and one flag per cell');
SELECT throws_ok($$ SELECT * FROM surestart_internal.suppress_block('{a,a}', '{1,2}', '{t,t}', '{}', '{}', '{}') $$, '22023',
	'cell "a" is named twice', 'suppress_block: a key names one cell');
SELECT throws_ok($$ SELECT * FROM surestart_internal.suppress_block('{a,b}', '{1,2}', '{t,t}', '{r,r}', '{a,c}', '{1,-1}') $$, '22023',
	'a relation names cell "c", which is not in the block', 'suppress_block: a relation names cells of the block');
SELECT throws_ok($$ SELECT * FROM surestart_internal.suppress_block('{a,b}', ARRAY[1, NULL]::bigint[], '{t,t}', '{}', '{}', '{}') $$, '22004',
	NULL, 'suppress_block: no null value');

-- a total of three parts, one small: the smallest other part is its partner, the total stays
SELECT results_eq($$ SELECT cell, status, published FROM surestart_internal.suppress_block(
		'{total,a,b,c}', '{30,3,12,15}', '{t,t,t,t}', '{r,r,r,r}', '{total,a,b,c}', '{-1,1,1,1}') ORDER BY cell $$,
	$$ VALUES ('a', 'primary', NULL::bigint), ('b', 'secondary', NULL), ('c', NULL, 15), ('total', NULL, 30) $$,
	'suppress_block: a small part and its smallest partner are withheld, the total and the rest published');
-- the same block in another order, under other keys' order: the choice follows the keys, not the input
SELECT results_eq($$ SELECT cell, status FROM surestart_internal.suppress_block(
		'{c,b,total,a}', '{15,12,30,3}', '{t,t,t,t}', '{r,r,r,r}', '{b,c,a,total}', '{1,1,1,-1}') ORDER BY cell $$,
	$$ VALUES ('a', 'primary'), ('b', 'secondary'), ('c', NULL), ('total', NULL) $$,
	'suppress_block: the same cells and relations given in another order give the same statuses');
-- two parts of 12: the tie goes to the first key in "C" order
SELECT results_eq($$ SELECT cell, status FROM surestart_internal.suppress_block(
		'{t,x,Y,z}', '{27,3,12,12}', '{t,t,t,t}', '{r,r,r,r}', '{t,x,Y,z}', '{-1,1,1,1}') ORDER BY cell COLLATE "C" $$,
	$$ VALUES ('Y', 'secondary'), ('t', NULL), ('x', 'primary'), ('z', NULL) $$,
	'suppress_block: between equal candidates the first key in "C" order is withheld (Y before z)');
-- a hidden complement: seen 7, sustained 5, so 2 seen but not sustained
SELECT results_eq($$ SELECT cell, status, published FROM surestart_internal.suppress_block(
		'{seen,sustained,rest}', '{7,5,2}', '{t,t,f}', '{r,r,r}', '{seen,sustained,rest}', '{1,-1,-1}') ORDER BY cell $$,
	$$ VALUES ('rest', 'primary', NULL::bigint), ('seen', NULL, 7), ('sustained', 'secondary', NULL) $$,
	'suppress_block: a small hidden cell withholds the smaller count it is worked out from, and is never published');
-- a hidden cell below zero is no count: left out with its relation (else it would withhold sustained)
SELECT results_eq($$ SELECT cell, status, published FROM surestart_internal.suppress_block(
		'{seen,sustained,rest,odd}', '{7,5,2,-1}', '{t,t,f,f}', '{r,r,r,q,q}', '{seen,sustained,rest,sustained,odd}', '{1,-1,-1,1,-1}')
		WHERE cell <> 'rest' ORDER BY cell $$,
	$$ VALUES ('seen', NULL, 7::bigint), ('sustained', 'secondary', NULL) $$,
	'suppress_block: a negative hidden cell is left out with its relation, the others kept');
UPDATE surestart.setting SET value = 'round' WHERE name = 'disclosure_rule';
SELECT results_eq($$ SELECT cell, status, published FROM surestart_internal.suppress_block(
		'{total,a,b,c}', '{30,3,12,18}', '{t,t,t,t}', '{r,r,r,r}', '{total,a,b,c}', '{-1,1,1,1}') ORDER BY cell $$,
	$$ VALUES ('a', 'primary', NULL::bigint), ('b', NULL, 10), ('c', NULL, 20), ('total', NULL, 30) $$,
	'suppress_block under round: a small count withheld, the others rounded to 5 (12 to 10, 18 to 20), no secondary cell');
UPDATE surestart.setting SET value = 'suppress' WHERE name = 'disclosure_rule';

/* ---------------------------------------------------------------- two-year take-up */

\i test/fixtures/synthetic.sql
SELECT count(*) AS periods FROM surestart.refresh() \gset
-- Autumn 2014: lot 1 (Riverside and Meadow) has 12 children on the DWP list,
-- 10 of them taking a place (September 2013 criteria), so 2 listed children
-- take none; lot 2a (Hilltop) 8 listed, all taking a place.  The total: 20
-- listed, 18 taking.  The 2 children (lot 1 and total: dwp_eligible -
-- taken_up_listed) must not show: in the order of the relations' keys, lot
-- 1's listed-not-taking relation withholds the smaller of its counts,
-- taken_up_listed (10 of 12), and the total's its taken_up_listed (18 of
-- 20); the total less lot 1 then gives only lot 2a's 8, which is published:
-- the two withheld counts differ by 8 and neither comes out.
INSERT INTO surestart.child (child_id, family_id, dob)
	SELECT 8000 + i, CASE WHEN i <= 12 THEN 2 ELSE 3 END, date '2012-06-01' + i FROM generate_series(1, 20) AS i;
INSERT INTO surestart.two_year_place (child_id, term_start, dwp_eligible, criteria, taken_up)
	SELECT 8000 + i, date '2014-09-01', true, 'dwp', i NOT IN (11, 12) FROM generate_series(1, 20) AS i;
SELECT results_eq($$
	SELECT level, lot_id, dwp_eligible, taken_up_sept_2013, taken_up_sept_2014, taken_up_local, taken_up_total,
		   taken_up_listed, take_up_pct, listed_take_up_pct, suppressed
	FROM surestart.published_two_year_take_up WHERE term_start = '2014-09-01' ORDER BY level, lot_id $$,
	$$ VALUES ('lot', '1', 12, 10, 0, 0, 10, NULL::integer, 83.3, NULL::numeric, 'secondary'),
			  ('lot', '2a', 8, 8, 0, 0, 8, 8, 100.0, 100.0, NULL),
			  ('total', NULL, 20, 18, 0, 0, 18, NULL, 90.0, NULL, 'secondary') $$,
	'published_two_year_take_up: 2 listed children not taking a place are protected by withholding lot 1''s and the total''s taken_up_listed');
SELECT results_eq($$
	SELECT level, taken_up_listed FROM surestart.two_year_take_up WHERE term_start = '2014-09-01' ORDER BY level, lot_id $$,
	$$ VALUES ('lot', 10), ('lot', 8), ('total', 18) $$,
	'two_year_take_up, which analysts read, shows them');
-- the same under the round rule: no secondary cell, counts to the nearest 5
UPDATE surestart.setting SET value = 'round' WHERE name = 'disclosure_rule';
SELECT results_eq($$
	SELECT level, dwp_eligible, taken_up_total, taken_up_listed, listed_take_up_pct, suppressed
	FROM surestart.published_two_year_take_up WHERE term_start = '2014-09-01' ORDER BY level, lot_id $$,
	$$ VALUES ('lot', 10, 10, 10, 100.0, NULL), ('lot', 10, 10, 10, 100.0, NULL), ('total', 20, 20, 20, 100.0, NULL) $$,
	'published_two_year_take_up under round: every count rounded to 5, percentages of the rounded counts');
UPDATE surestart.setting SET value = 'suppress' WHERE name = 'disclosure_rule';
-- a lot group of the two lots: the group is the total, withheld alike
UPDATE surestart.lot SET lot_group = 'Priority' WHERE lot_id IN ('1', '2a');
SELECT results_eq($$
	SELECT level, taken_up_listed, suppressed FROM surestart.published_two_year_take_up
	WHERE term_start = '2014-09-01' ORDER BY level, lot_id $$,
	$$ VALUES ('lot', NULL::integer, 'secondary'), ('lot', 8, NULL), ('lot_group', NULL, 'secondary'), ('total', NULL, 'secondary') $$,
	'published_two_year_take_up: a lot group holding both lots withholds as the total does');
UPDATE surestart.lot SET lot_group = NULL;
-- a partner reads its own lot and the total, withheld as for everybody
SELECT surestart.create_roles();
CREATE ROLE t_blocks_partner LOGIN IN ROLE surestart_partner;
INSERT INTO surestart.partner_member (role_name, lead_partner_id) VALUES ('t_blocks_partner', 'LP2');
SET ROLE t_blocks_partner;
SELECT results_eq($$
	SELECT level, lot_id, taken_up_listed, suppressed FROM surestart.published_two_year_take_up
	WHERE term_start = '2014-09-01' ORDER BY level, lot_id $$,
	$$ VALUES ('lot', '2a', 8, NULL), ('total', NULL, NULL::integer, 'secondary') $$,
	'a partner (lot 2a) reads its lot and the total, with the statuses every reader gets (the cells of lot 1 it cannot see count too)');
RESET ROLE;

/* ---------------------------------------------------------------- three- and four-year-olds */

-- Hilltop, spring 2014: 20 children of the cohorts (the fixture's 301, born
-- March 2009, and 19 more): 4 funded and in a reception class, 13 funded
-- elsewhere, 1 at school unfunded, 2 neither (301 and one more).  So
-- eligible 20, in_receipt 17, taken_up 18, in_school 5.  Small groups the
-- four counts give back: funded and at school (4 = in_receipt + in_school -
-- taken_up), at school unfunded (1 = taken_up - in_receipt), neither
-- (2 = eligible - taken_up), not funded (3 = eligible - in_receipt).  In
-- the order of the groups' names: at_school_unfunded withholds the smaller
-- of taken_up and in_receipt (in_receipt, 17), not_taking_up the smaller
-- of eligible and taken_up (taken_up, 18); every small group then needs
-- one of those two.  eligible and in_school stay.
INSERT INTO surestart.child (child_id, family_id, dob)
	SELECT 8100 + i, 3, date '2008-10-01' + i * 30 FROM generate_series(1, 19) AS i;
INSERT INTO surestart.three_four_funding (child_id, term_start, in_receipt, setting_kind)
	SELECT 8100 + i, date '2014-01-01', i <= 17,
		   CASE WHEN i <= 4 OR i = 18 THEN 'school' WHEN i <= 17 THEN 'early_years' END
	FROM generate_series(1, 19) AS i;
SELECT results_eq($$
	SELECT eligible, in_receipt, taken_up, in_school, in_receipt_younger, in_receipt_not_eligible FROM surestart.three_four_take_up
	WHERE centre_id = 'hilltop' AND term_start = '2014-01-01' $$,
	$$ VALUES (20, 17, 18, 5, 0, 0) $$, 'three_four_take_up: the case as built');
SELECT results_eq($$
	SELECT eligible, in_receipt, taken_up, in_school, in_receipt_younger, in_receipt_not_eligible, take_up_pct, take_up_words,
		   ons_take_up_pct, suppressed
	FROM surestart.published_three_four_take_up WHERE centre_id = 'hilltop' AND term_start = '2014-01-01' $$,
	$$ VALUES (20, NULL::integer, NULL::integer, 5, 0, 0, NULL::numeric, NULL::text, NULL::numeric, 'secondary') $$,
	'published_three_four_take_up: in_receipt and taken_up withheld as secondary, so that no small group of the cohort shows');
-- with in_receipt published (a reader is told it), every small group would come back: the check is not vacuous
SELECT is((SELECT count(*) FROM surestart_internal.three_four_group AS g
		   WHERE g.e * 20 + g.r * 17 + g.u * 18 + g.s * 5 BETWEEN 1 AND 4),
	4::bigint, 'four groups of that row are small (1 to 4 children) and given back by eligible, in_receipt, taken_up and in_school');

/* ---------------------------------------------------------------- snapshots */

-- The day of the snapshot: the statuses of the day are stored with it, and
-- the trend shows what published_centre_reach shows.
SELECT count(*) AS stored FROM surestart.take_snapshot('2014-03-31') \gset
SELECT set_eq($$ SELECT period, level, unit_id, measure, value, status FROM surestart_internal.snapshot_cell $$,
	$$ SELECT period, level, unit_id, measure, value, status FROM surestart_internal.published_status
	   WHERE period IN ('2013-14 Q4', '2013-14') AND scope = 'all' AND target_group = ''
		 AND level IN ('centre', 'group', 'district', 'lot', 'county')
		 AND measure IN ('registered', 'seen', 'sustained', 'families_seen', 'families_sustained') $$,
	'take_snapshot stores the statuses of the day of every count of the periods stored, centres and totals');
SELECT ok((SELECT count(DISTINCT taken_at) = 1 AND min(taken_at) = (SELECT max(taken_at) FROM surestart.reach_snapshot)
		   FROM surestart_internal.snapshot_cell), 'with the snapshot''s taken_at');
SELECT results_eq($$ SELECT centre_id, period, registered, seen, sustained, families_seen, families_sustained, suppressed
					 FROM surestart.published_reach_trend ORDER BY 1, 2 $$,
	$$ SELECT centre_id, period, registered, seen, sustained, families_seen, families_sustained, suppressed
	   FROM surestart.published_centre_reach WHERE period IN ('2013-14 Q4', '2013-14') ORDER BY 1, 2 $$,
	'published_reach_trend, the day of the snapshot, shows what published_centre_reach shows');
-- Late records: Meadow's registered children grow from 1 to 8, and the
-- current publication shows them; the snapshot keeps its own figures, and
-- what the day withheld stays withheld.
INSERT INTO surestart.registration (child_id, centre_id, registered_on)
	SELECT 8000 + i, 'meadow', date '2014-01-10' FROM generate_series(1, 6) AS i;
UPDATE surestart.family SET lsoa_code = 'E01026419' WHERE family_id = 2;
SELECT count(*) AS recounted FROM surestart.refresh() \gset
SELECT isnt((SELECT registered FROM surestart.centre_reach WHERE centre_id = 'meadow' AND period = '2013-14 Q4'),
	(SELECT registered FROM surestart.reach_trend WHERE centre_id = 'meadow' AND period = '2013-14 Q4'),
	'the late records changed Meadow''s count of the period (the snapshot keeps the old one)');
SELECT is_empty($$
	SELECT 1 FROM surestart_internal.snapshot_cell AS c
	JOIN surestart.published_reach_trend AS t ON t.centre_id = c.unit_id AND t.period = c.period
	WHERE c.level = 'centre' AND c.status IS NOT NULL
	  AND CASE c.measure WHEN 'registered' THEN t.registered WHEN 'seen' THEN t.seen WHEN 'sustained' THEN t.sustained
						 WHEN 'families_seen' THEN t.families_seen ELSE t.families_sustained END IS NOT NULL $$,
	'published_reach_trend withholds every count the published views withheld the day the snapshot was taken');
SELECT is_empty($$
	SELECT 1 FROM surestart.published_reach_trend AS p JOIN surestart.reach_trend AS r USING (centre_id, period)
	WHERE p.registered <> r.registered OR p.seen <> r.seen OR p.sustained <> r.sustained
	   OR p.families_seen <> r.families_seen OR p.families_sustained <> r.families_sustained
	   OR (p.suppressed IS NULL) <> (num_nulls(p.registered, p.seen, p.sustained, p.families_seen, p.families_sustained) = 0) $$,
	'published_reach_trend shows the snapshot''s own counts, and says why when one is withheld');
-- a stricter rule later: the snapshot is protected again under it
UPDATE surestart.setting SET value = '10' WHERE name = 'suppress_below';
SELECT is_empty($$ SELECT 1 FROM surestart.published_reach_trend
				   WHERE registered BETWEEN 1 AND 9 OR seen BETWEEN 1 AND 9 OR sustained BETWEEN 1 AND 9
					  OR families_seen BETWEEN 1 AND 9 OR families_sustained BETWEEN 1 AND 9 $$,
	'published_reach_trend follows the current suppress_below (10) for old snapshots too');
UPDATE surestart.setting SET value = '5' WHERE name = 'suppress_below';
-- a snapshot without stored statuses (taken before 0.3.0): its own block, and the current statuses where the counts agree
DELETE FROM surestart_internal.snapshot_cell;
SELECT is_empty($$ SELECT 1 FROM surestart.published_reach_trend
				   WHERE registered BETWEEN 1 AND 4 OR seen BETWEEN 1 AND 4 OR sustained BETWEEN 1 AND 4
					  OR families_seen BETWEEN 1 AND 4 OR families_sustained BETWEEN 1 AND 4 $$,
	'a snapshot without stored statuses still shows no count from 1 to 4');
SELECT ok((SELECT bool_and(p.registered IS NULL) FROM surestart.published_reach_trend AS p
		   JOIN surestart.reach_trend AS r USING (centre_id, period) WHERE r.registered BETWEEN 1 AND 4),
	'and withholds its small counts as primary');

SELECT * FROM finish();
ROLLBACK;
