-- Comparators: the comparator table, its staging, the import of DfE's EYFS
-- Profile headline file, and the comparator columns of data_pack, scorecard
-- and fsp_contact_ranking, on a hand-built file and a one-centre county.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
SET search_path = surestart, public;
SET datestyle = ISO;
SET client_min_messages = warning;

-- a headline file as DfE publish it: padded codes, CRLF, both spellings of
-- "Academic year"; council 926 (E10000020) in region E12000006 with two
-- neighbours; girls and boys rows and another region's rows are not needed
INSERT INTO surestart_staging.eyfs_headline VALUES
	('Academic Year', '201213', 'National', 'E92000001', 'England', ' ', ' ', ' ', ' ', ' ', 'Total', '643552', '0', '0', '314748', '48.9', '332542', '51.7', '0', '0'),
	('Academic year', '201213', 'National', 'E92000001', 'England', ' ', ' ', ' ', ' ', ' ', 'Girls', '300000', '0', '0', '160000', '53.3', '170000', '56.7', '0', '0'),
	('Academic Year', '201213', 'Regional', 'E92000001', 'England', 'E12000006', 'East of England', ' ', ' ', ' ', 'Total', '71440', '0', '0', '35303', '49.4', '37009', '51.8', '0', '0'),
	('Academic Year', '201213', 'Regional', 'E92000001', 'England', 'E12000001', 'North East', ' ', ' ', ' ', 'Total', '29024', '0', '0', '14000', '48.2', '15000', '51.7', '0', '0'),
	('Academic Year', '201213', 'Local Authority', 'E92000001', 'England', 'E12000006', 'East of England', '926', 'E10000020', 'Norfolk', 'Total', '9000', '0', '0', '4000', '44.4', '4500', '50.0', '0', '0'),
	('Academic Year', '201213', 'Local Authority', 'E92000001', 'England', 'E12000006', 'East of England', '935', 'E10000029', 'Suffolk', 'Total', '1000', '0', '0', '500', '50.0', '600', '60.0', '0', '0'),
	('Academic Year', '201213', 'Local Authority', 'E92000001', 'England', 'E12000004', 'East Midlands', '925', 'E10000019', 'Lincolnshire', 'Total', '3000', '0', '0', '1500', '50.0', '1500', E'50.0\r', '0', E'0\r'),
	('Academic year', '201314', 'National', 'E92000001', 'England', ' ', ' ', ' ', ' ', ' ', 'Total', '652268', '0', '0', '392574', '60.2', '395209', '60.6', '0', '0'),
	('Academic year', '201314', 'Regional', 'E92000001', 'England', 'E12000006', 'East of England', ' ', ' ', ' ', 'Total', '72000', '0', '0', '43000', '59.7', 'x', '', '0', '0'),
	('Academic year', '201314', 'Local Authority', 'E92000001', 'England', 'E12000006', 'East of England', '935', 'E10000029', 'Suffolk', 'Total', '1000', '0', '0', '600', '60.0', '650', '65.0', '0', '0');
-- the council and its neighbours must be in the file
SELECT * FROM import_eyfs_headline(NULL);
SELECT * FROM import_eyfs_headline('E10000099');
SELECT * FROM import_eyfs_headline('926', ARRAY['E10000029', '999']);
SELECT count(*) AS still_staged FROM surestart_staging.eyfs_headline;
-- gld_pct from the counts (the national 51.7% of DfE's file); the
-- neighbours pooled (600 + 1500 of 4000 = 52.5%, not the mean of 60.0 and
-- 50.0); 2013/14 has no neighbour figure (Lincolnshire has no row that
-- year) and no regional one (its gld_number "x" is rejected)
SELECT * FROM import_eyfs_headline('926', ARRAY['E10000029', ' 925 ']);
SELECT measure, period, scope, value, source FROM comparator ORDER BY measure, period, scope;
SELECT table_name, reason FROM load_reject WHERE table_name IN ('eyfs_headline', 'comparator') ORDER BY id;

-- comparators loaded like any staged table, checked like any
INSERT INTO surestart_staging.comparator VALUES
	('registered_pct', '2013-14', 'national', '64.5', 'illustrative'),
	('registered_pct', '2013-14 Q1-Q2', 'region', '60', 'illustrative'),
	('Registered %', '2013-14', 'national', '1', 'x'),
	('seen_pct', '2013-14 Q5', 'national', '1', 'x'),
	('seen_pct', '2013-14', 'county', '1', 'x'),
	('seen_pct', '2013-14', 'national', '-1', ''),
	('seen_pct', '2013-14', 'national', 'lots', 'x');
SELECT * FROM load_staged() WHERE loaded + rejected > 0;
SELECT row_data->>'measure' AS measure, row_data->>'period' AS period, reason FROM load_reject WHERE table_name = 'comparator' ORDER BY id;
-- and the table refuses the same directly
INSERT INTO comparator VALUES ('seen_pct', '2013/15', 'national', 1, 'x');
INSERT INTO comparator VALUES ('seen_pct', '2013-14', 'neighbours', 1, 'x');
INSERT INTO comparator VALUES ('seen_pct', '2013-14', 'national', 1, ' ');

-- beside the county's own figures: one centre, 100 under-fives, 60
-- registered; a registration target; 5 pupils of 2012/13
INSERT INTO lead_partner VALUES ('LP', 'Partner', 'voluntary');
INSERT INTO lot (lot_id, name, lead_partner_id) VALUES ('1', 'Lot', 'LP');
INSERT INTO centre (centre_id, name, lot_id) VALUES ('a', 'Centre A', '1');
INSERT INTO lsoa (lsoa_code, name) VALUES ('E01000001', 'Area A');
INSERT INTO reach_area (lsoa_code, valid_from, centre_id) VALUES ('E01000001', '2000-01-01', 'a');
INSERT INTO population SELECT 'E01000001', 2013, a, 20 FROM generate_series(0, 4) AS a;
INSERT INTO family (family_id, lsoa_code) SELECT f, 'E01000001' FROM generate_series(1, 60) AS f;
INSERT INTO child (child_id, family_id, dob) SELECT f, f, '2011-06-15' FROM generate_series(1, 60) AS f;
INSERT INTO registration (child_id, centre_id, registered_on) SELECT f, 'a', '2012-01-01' FROM generate_series(1, 60) AS f;
INSERT INTO contact (contact_id, child_id, centre_id, contact_on, mode)
	SELECT f, f, 'a', CASE WHEN f <= 30 THEN date '2013-05-01' ELSE date '2013-08-01' END, 'face_to_face' FROM generate_series(1, 40) AS f;
INSERT INTO eyfs_result (pupil_id, lsoa_code, academic_year, regime, gld) SELECT p, 'E01000001', '2012/13', '2013', p <= 2 FROM generate_series(1, 5) AS p;
INSERT INTO centre_target (centre_id, measure, financial_year, target, due_on) VALUES (NULL, 'registered_pct', '2013-14', 65, '2013-09-30');
SELECT level, unit_id, period, measure, value, comparator_national, comparator_neighbours, comparator_region
FROM data_pack WHERE measure = 'registered_pct' AND period IN ('2013-14', '2013-14 Q1-Q2') ORDER BY level, period;
-- the scorecard's comparators are of the same period label
SELECT period, actual, target, rag, comparator_national, comparator_region
FROM scorecard WHERE measure = 'registered_pct' ORDER BY period_end;
SELECT centre_id, academic_year, gld_pct, comparator_gld_national, comparator_gld_neighbours, comparator_gld_region
FROM fsp_contact_ranking;
ROLLBACK;
