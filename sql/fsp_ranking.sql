-- FSP against contact (Norfolk 4.2.2) on a hand-built county of eight
-- centres (one LSOA each, 100 under-fives): the 2012/13 results set against
-- 2013-14 contact, low_outcome_high_contact (bottom FSP quartile with top
-- contact quartile), the 4 x 4 grid, 95% Wilson intervals, the comparison
-- with the county and the quartile-boundary flags.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
SET search_path = surestart, public;
SET datestyle = ISO;
\set ECHO none
-- centre  pupils gld  gld%  seen 2013-14  seen 2012-13
--   a       50    40   80      80            10
--   b       50    35   70      60            10
--   c       50    30   60      70            10
--   d       50    27   54      50            10
--   e       50    25   50      65            10
--   f       50    22   44      45            10
--   g       50    18   36      40            95
--   h       20     5   25      90            10
CREATE TEMP TABLE spec (n integer, code text, pupils integer, gld integer, seen integer, seen_before integer);
INSERT INTO spec VALUES
	(1, 'a', 50, 40, 80, 10), (2, 'b', 50, 35, 60, 10), (3, 'c', 50, 30, 70, 10), (4, 'd', 50, 27, 50, 10),
	(5, 'e', 50, 25, 65, 10), (6, 'f', 50, 22, 45, 10), (7, 'g', 50, 18, 40, 95), (8, 'h', 20, 5, 90, 10);
INSERT INTO lead_partner VALUES ('LP', 'Partner', 'voluntary');
INSERT INTO lot (lot_id, name, lead_partner_id) VALUES ('1', 'Lot', 'LP');
INSERT INTO centre (centre_id, name, lot_id) SELECT code, 'Centre ' || upper(code), '1' FROM spec;
INSERT INTO lsoa (lsoa_code, name) SELECT 'E01' || lpad(n::text, 6, '0'), 'Area ' || code FROM spec;
INSERT INTO reach_area (lsoa_code, valid_from, centre_id) SELECT 'E01' || lpad(n::text, 6, '0'), '2000-01-01', code FROM spec;
INSERT INTO population (lsoa_code, mid_year, age, persons)
	SELECT 'E01' || lpad(n::text, 6, '0'), 2012, a, 20 FROM spec, generate_series(0, 4) AS a;
INSERT INTO family (family_id, lsoa_code) SELECT n * 1000 + m, 'E01' || lpad(n::text, 6, '0') FROM spec, generate_series(1, 100) AS m;
INSERT INTO child (child_id, family_id, dob) SELECT family_id, family_id, '2010-06-15' FROM family;
INSERT INTO contact (contact_id, child_id, centre_id, contact_on, mode)
	SELECT n * 1000 + m, n * 1000 + m, code, date '2013-06-01', 'face_to_face' FROM spec, generate_series(1, seen) AS m
	UNION ALL
	SELECT 100000 + n * 1000 + m, n * 1000 + m, code, date '2012-06-01', 'face_to_face' FROM spec, generate_series(1, seen_before) AS m;
INSERT INTO eyfs_result (pupil_id, lsoa_code, academic_year, regime, gld, fsm)
	SELECT n * 1000 + m, 'E01' || lpad(n::text, 6, '0'), '2012/13', '2013', m <= gld, m % 3 = 0
	FROM spec, generate_series(1, pupils) AS m;
ANALYZE;
SELECT count(*) AS refreshed_periods FROM refresh() \gset
\set ECHO all

-- The 2012/13 results, published in the autumn of 2013, are set against
-- 2013-14 contact.  Pairing same-numbered years (the old rule) would have
-- read 2012-13, when g had the most contact
SELECT centre_id, academic_year, contact_period, pupils, gld, gld_pct, fsp_rank, seen_pct, contact_rank,
	   fsp_quartile, contact_quartile, low_outcome_high_contact
FROM fsp_contact_ranking ORDER BY fsp_rank;
SELECT centre_id, period, seen_pct FROM centre_reach WHERE period IN ('2012-13', '2013-14') AND centre_id IN ('g', 'h') ORDER BY 1, 2;
-- low_outcome_high_contact is the bottom FSP quartile (g, h) with the top
-- contact quartile (h, a): h alone.  The old quadrant (halves) also called e
-- "low outcomes, high contact" (FSP quartile 3, contact quartile 2)
SELECT centre_id FROM fsp_contact_ranking WHERE low_outcome_high_contact;
SELECT centre_id, fsp_quartile, contact_quartile FROM fsp_contact_ranking
WHERE fsp_quartile >= 3 AND contact_quartile <= 2 ORDER BY 1;

-- 95% Wilson score intervals, against values computed independently in
-- Python (standard library), z = NormalDist().inv_cdf(0.975) = 1.959963984540054:
--   low, high = (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), x100
--   gld:  a 40/50 66.9629 88.7562   b 35/50 56.2496 80.8964   c 30/50 46.1814 72.3916
--         d 27/50 40.3989 67.0303   e 25/50 36.6445 63.3555   f 22/50 31.1622 57.6940
--         g 18/50 24.1387 49.8590   h  5/20 11.1862 46.8701
--   seen: a 80/100 71.1171 86.6633  b 60/100 50.2003 69.0599  c 70/100 60.4151 78.1051
--         d 50/100 40.3832 59.6168  e 65/100 55.2544 73.6358  f 45/100 35.6145 54.7554
--         g 40/100 30.9401 49.7997  h 90/100 82.5634 94.4771
SELECT r.centre_id, r.gld_low_95, r.gld_high_95, r.seen_low_95, r.seen_high_95,
	   (r.gld_low_95, r.gld_high_95, r.seen_low_95, r.seen_high_95) = (x.gl, x.gh, x.sl, x.sh) AS as_computed
FROM fsp_contact_ranking AS r
JOIN (VALUES ('a', 67.0, 88.8, 71.1, 86.7), ('b', 56.2, 80.9, 50.2, 69.1), ('c', 46.2, 72.4, 60.4, 78.1),
			 ('d', 40.4, 67.0, 40.4, 59.6), ('e', 36.6, 63.4, 55.3, 73.6), ('f', 31.2, 57.7, 35.6, 54.8),
			 ('g', 24.1, 49.9, 30.9, 49.8), ('h', 11.2, 46.9, 82.6, 94.5)) AS x(centre_id, gl, gh, sl, sh)
  ON x.centre_id = r.centre_id
ORDER BY r.fsp_rank;

-- Rankings that say when they mean nothing.  The county pools every ranked
-- centre: GLD 202/370 = 54.6%, seen 500/800 = 62.5%.  A centre differs from
-- the county at 95% when its interval lies wholly on one side (a's GLD
-- interval 67.0-88.8 is above 54.6: higher; d's 40.4-67.0 spans it:
-- similar, though d is ranked 4th of 8).  A quartile is uncertain when the
-- interval reaches a neighbouring quartile's rates: quartiles are a, b | c,
-- d | e, f | g, h; a's low end 67.0 is above c's 60 (the best of the
-- quartile below): certain; b's 56.2 reaches c's 60: uncertain
SELECT centre_id, gld_pct, county_gld_pct, gld_vs_county, seen_pct, county_seen_pct, seen_vs_county,
	   fsp_quartile_uncertain, contact_quartile_uncertain
FROM fsp_contact_ranking ORDER BY fsp_rank;

-- The 4 x 4 grid: sixteen cells, the eight centres each in one, named
SELECT fsp_quartile, contact_quartile, centres, centre_names, low_outcome_high_contact
FROM fsp_contact_grid WHERE academic_year = '2012/13' ORDER BY fsp_quartile, contact_quartile;
SELECT academic_year, contact_period, count(*) AS cells, sum(centres) AS centres FROM fsp_contact_grid GROUP BY 1, 2;

-- more children seen than the ONS estimate of under-fives: no interval (a
-- proportion cannot pass its whole), no error; the rank stands
SAVEPOINT small;
UPDATE population SET persons = 10 WHERE lsoa_code = 'E01000008';
SELECT centre_id, seen, under_fives, seen_pct, contact_rank, seen_low_95, seen_high_95, seen_vs_county, contact_quartile_uncertain
FROM fsp_contact_ranking WHERE centre_id = 'h';
SELECT unit_id, value, low_95, high_95, vs_county FROM data_pack WHERE period = '2013-14' AND measure = 'seen_pct' AND unit_id = 'h';
ROLLBACK TO SAVEPOINT small;

-- the data pack says the same beside each value: h's seen 90/100 (82.6-94.5)
-- is above the county's 62.5%, g's 40/100 (30.9-49.8) below, e's 65/100
-- (55.3-73.6) is not told apart
SELECT level, unit_id, value, county_value, low_95, high_95, vs_county
FROM data_pack WHERE period = '2013-14' AND measure = 'seen_pct' AND unit_id IN ('e', 'g', 'h', 'county')
ORDER BY level, unit_id;

-- bad input: an academic year must read like 2012/13, so that its contact
-- period can be worked out
INSERT INTO eyfs_result (pupil_id, lsoa_code, academic_year, regime, gld) VALUES (1, 'E01000001', '2012-13', '2013', true);
INSERT INTO eyfs_result (pupil_id, lsoa_code, academic_year, regime, gld) VALUES (1, 'E01000001', '2012/14', '2013', true);
ROLLBACK;
