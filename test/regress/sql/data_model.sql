-- The data model rejects bad rows with a constraint that says what was
-- expected, and accepts the edge cases that are valid.
-- Everything below is rolled back, so later tests start from an empty model.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
SET search_path = surestart, public;
SET datestyle = ISO;
\set ECHO none
\i test/fixtures/synthetic.sql
\set ECHO all
\set VERBOSITY default
-- organisations
INSERT INTO lead_partner VALUES ('LPX', 'Somebody', 'charity');
INSERT INTO lead_partner VALUES ('', 'Nobody', 'school');
INSERT INTO lead_partner VALUES ('LPY', NULL, 'school');
INSERT INTO contract VALUES ('C9', 'LP1', '2014-04-01', '2014-03-31', 10);
INSERT INTO contract VALUES ('C9', 'LP1', '2014-04-01', '2015-03-31', -1);
INSERT INTO contract VALUES ('C9', 'NOPE', '2014-04-01', '2015-03-31', 1);
INSERT INTO lot VALUES ('9', 'Nine', 'LP1', 'C404', 1);
INSERT INTO lot VALUES ('9', 'Nine', 'LP1', NULL, -0.01);
INSERT INTO centre (centre_id, name, district_code) VALUES ('dup', 'Riverside', 'E07000148');
INSERT INTO centre (centre_id, name, district_code) VALUES ('x', 'X', ' ');
INSERT INTO centre (centre_id, name, opened_on, closed_on) VALUES ('x', 'X', '2010-01-01', '2009-12-31');
INSERT INTO centre (centre_id, name, lot_id) VALUES ('x', 'X', 'no such lot');
-- geography
INSERT INTO lsoa (lsoa_code) VALUES ('E0102641');
INSERT INTO lsoa (lsoa_code) VALUES ('E02026419');
INSERT INTO lsoa (lsoa_code) VALUES ('e01026419');
INSERT INTO lsoa (lsoa_code) VALUES ('E01026419 ');
INSERT INTO lsoa (lsoa_code, idaci_decile) VALUES ('E01000001', 11);
INSERT INTO lsoa (lsoa_code, imd_rank) VALUES ('E01000001', 0);
INSERT INTO lsoa (lsoa_code, vintage) VALUES ('E01000001', 2001);
INSERT INTO population VALUES ('E01026419', 2017, 5, 10);
INSERT INTO population VALUES ('E01026419', 2018, -1, 10);
INSERT INTO population VALUES ('E01026419', 2018, 0, -3);
INSERT INTO population VALUES ('E01026419', 1900, 0, 3);
INSERT INTO population VALUES ('E99999999', 2018, 0, 3);
-- reach-area periods of one LSOA never overlap
INSERT INTO reach_area VALUES ('E01026420', '2013-01-01', 'meadow', NULL);
INSERT INTO reach_area VALUES ('E01026419', '2013-03-31', 'hilltop', '2013-03-31');
INSERT INTO reach_area VALUES ('E01026419', '2012-01-01', 'hilltop', '2012-12-31');
UPDATE reach_area SET valid_to = '2013-04-01' WHERE lsoa_code = 'E01026419' AND valid_from = '2010-04-01';
INSERT INTO reach_area VALUES ('E01026421', '2009-01-01', 'hilltop', '2008-12-31');
INSERT INTO reach_area VALUES ('E01026420', '2009-01-01', 'meadow', '2010-04-02');
-- adjacent periods are fine: end one period, start the next the day after,
-- or (half-open style) on the day it ends, when the new period holds that day
UPDATE reach_area SET valid_to = '2014-03-31' WHERE lsoa_code = 'E01026421';
INSERT INTO reach_area VALUES ('E01026421', '2014-04-01', 'riverside', '2015-04-01');
INSERT INTO reach_area VALUES ('E01026421', '2015-04-01', 'meadow', NULL);
SELECT * FROM reach_area WHERE lsoa_code = 'E01026421' ORDER BY valid_from;
-- people
INSERT INTO family (family_id, local_groups) VALUES (99, '{0}');
INSERT INTO family (family_id, local_groups) VALUES (99, '{17}');
INSERT INTO family (family_id, local_groups) VALUES (99, '{1,NULL}');
INSERT INTO family (family_id, lsoa_code) VALUES (99, 'E01000000');
INSERT INTO family (family_id, local_groups) VALUES (99, '{16,1,1}');
INSERT INTO carer (carer_id, family_id, sex) VALUES (991, 99, 'f');
INSERT INTO carer (carer_id, family_id, sex) VALUES (991, 99, 'X');
INSERT INTO carer (carer_id, family_id) VALUES (992, 12345);
INSERT INTO child (child_id, family_id, dob) VALUES (991, 99, NULL);
INSERT INTO child (child_id, family_id, dob, sex) VALUES (991, 99, '2013-01-01', 'U');
INSERT INTO registration VALUES (101, 'meadow', '2014-01-01', '2013-12-31');
INSERT INTO registration VALUES (101, 'nowhere', '2014-01-01', NULL);
INSERT INTO registration VALUES (101, 'meadow', '2012-03-10', NULL);
INSERT INTO contact VALUES (1001, 101, 'meadow', '2013-04-02', 'phone', NULL);
INSERT INTO contact VALUES (1999, 101, 'meadow', '2013-04-02', ' ', NULL);
INSERT INTO contact VALUES (1999, 101, 'meadow', NULL, 'phone', NULL);
-- a contact without a mode is kept (it counts as an unknown mode)
INSERT INTO contact (contact_id, child_id, centre_id, contact_on) VALUES (1999, 101, 'meadow', '2013-04-03');
-- flags may be unknown
INSERT INTO family (family_id, lone_parent, local_groups) VALUES (98, NULL, NULL);
INSERT INTO child (child_id, family_id, dob, disabled) VALUES (981, 98, '2013-01-01', NULL);
INSERT INTO social_care VALUES (101, 'early_help', '2013-01-01', NULL);
INSERT INTO social_care VALUES (101, 'child_in_need', '2013-01-01', '2012-01-01');
INSERT INTO eyfs_result VALUES (9999, NULL, NULL, '2012/14', '2013', true, false);
INSERT INTO eyfs_result VALUES (9999, NULL, NULL, '2012-13', '2013', true, false);
INSERT INTO eyfs_result VALUES (9999, NULL, NULL, '2012/13', '', true, false);
INSERT INTO eyfs_result VALUES (9999, NULL, NULL, '2012/13', '2013', NULL, false);
INSERT INTO eyfs_result VALUES (9999, NULL, NULL, '1999/00', '2008', true, NULL);
-- Ofsted and monitoring
INSERT INTO ofsted_inspection (inspection_id, inspected_on, overall) VALUES (99, '2014-01-01', 'Excellent');
INSERT INTO ofsted_inspection (inspection_id, inspected_on, overall) VALUES (99, '2014-01-01', 5);
INSERT INTO ofsted_inspection (inspection_id, inspected_on, published_on) VALUES (99, '2014-01-01', '2013-12-01');
INSERT INTO ofsted_inspection (inspection_id, inspected_on, status) VALUES (99, '2014-01-01', '');
INSERT INTO ofsted_inspection (inspection_id, inspected_on, status, overall) VALUES (99, '2014-01-01', 'postponed', 'Good');
INSERT INTO ofsted_inspection (inspection_id, inspected_on, overall) VALUES (99, '2014-01-01', 'Good ');
INSERT INTO inspected_centre VALUES (99, 'nowhere');
INSERT INTO inspected_centre VALUES (98, 'meadow');
INSERT INTO centre_rag VALUES ('meadow', '2014-03-31', 'Green', 'red');
INSERT INTO centre_rag VALUES ('meadow', '2014-03-31', 'green', 'blue');
-- funded places
INSERT INTO two_year_place VALUES (101, '2014-04-02', true, 'dwp', true);
INSERT INTO two_year_place VALUES (101, '2014-06-01', true, 'dwp', true);
INSERT INTO two_year_place VALUES (101, '2014-09-01', NULL, 'dwp', true);
INSERT INTO three_four_funding VALUES (101, '2015-02-01', true);
-- money and management
INSERT INTO building_fund VALUES ('EK1', 'Site', NULL, 'BMF', 0, 1, 1, 1, '2013-14');
INSERT INTO building_fund VALUES ('EK1', 'Site', NULL, 'BMF', 1, 1, -1, 1, '2013-14');
INSERT INTO building_fund VALUES ('EK1', 'Site', NULL, 'BMF', 1, 1, 1, 1, '2013-15');
INSERT INTO building_fund VALUES ('EK1', 'Site', NULL, 'BMF', 1, 1, 1, 1, '2013/14');
-- sites sharing a property code are told apart by name or centre
INSERT INTO building_fund (site_code, centre_id, financial_year) VALUES ('EK0002', 'meadow', '2013-14');
INSERT INTO building_fund (site_code, centre_id, financial_year) VALUES ('EK0002', 'meadow', '2013-14');
INSERT INTO centre_target VALUES (NULL, 'registered_pct', '2013-14', 70, 5);
INSERT INTO centre_target VALUES ('meadow', 'registered_pct', '2013-14', 70, 5);
INSERT INTO centre_target VALUES ('riverside', 'seen_pct', '2013-14', -1, 5);
INSERT INTO centre_target VALUES ('riverside', 'seen_pct', '2013-14', 60, -5);
INSERT INTO centre_target VALUES ('riverside', 'seen_pct', '2099-00', 60, 5);
INSERT INTO board_meeting VALUES ('meadow', '2014-01-01', 'board', 3);
INSERT INTO board_meeting VALUES ('meadow', '2014-01-01', 'parent_forum', -3);
-- deleting a referenced row is refused
DELETE FROM centre WHERE centre_id = 'meadow';
DELETE FROM lead_partner WHERE lead_partner_id = 'LP1';
-- deleting an inspection removes its centre list with it
DELETE FROM ofsted_inspection WHERE inspection_id = 1;
SELECT count(*) FROM inspected_centre WHERE inspection_id = 1;
ROLLBACK;
