-- 2021 geography and deprivation by index edition (issue 19): the
-- deprived_index setting, the mirror of lsoa's ranks, the LSOA11-LSOA21
-- carry rules (U, S, M, X) on hand-built rows, and the import helpers'
-- rejects.  The real Norfolk files are loaded in test/pgtap/geography.sql.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
\set VERBOSITY terse
SET client_min_messages = warning;
-- One transaction, rolled back at the end: later tests start clean.
BEGIN;
SET LOCAL search_path = surestart, public;

-- deprived_index names an edition and a measure; 0.2's values still work.
SELECT name, value FROM setting WHERE name IN ('deprived_index', 'best_start_deprived_target', 'gld_ambition') ORDER BY name;
SELECT setting, edition, measure, index_used, percent, description FROM deprived_index_used;
UPDATE setting SET value = ' IoD2025 IMD ' WHERE name = 'deprived_index';
SELECT setting, index_used FROM deprived_index_used;
UPDATE setting SET value = 'iod2025-income' WHERE name = 'deprived_index';
SELECT setting, index_used FROM deprived_index_used;
UPDATE setting SET value = 'IMD' WHERE name = 'deprived_index';
SELECT setting, index_used FROM deprived_index_used;
\set VERBOSITY default
UPDATE setting SET value = 'iod2023_imd' WHERE name = 'deprived_index';
UPDATE setting SET value = 'iod2025_health' WHERE name = 'deprived_index';
UPDATE setting SET value = '120' WHERE name = 'gld_ambition';
UPDATE setting SET value = '0' WHERE name = 'best_start_deprived_target';
\set VERBOSITY terse
UPDATE setting SET value = 'idaci' WHERE name = 'deprived_index';

-- lsoa's rank columns are mirrored: 2011 LSOAs as iod2019, 2021 as iod2025.
INSERT INTO lsoa (lsoa_code, name, idaci_rank, idaci_decile, imd_rank, imd_decile, vintage) VALUES
	('E01000001', 'Old 001A (U)', 1000, 1, 2000, 1, 2011),
	('E01000002', 'Old 001B (S)', 5000, 2, 9000, 3, 2011),
	('E01000003', 'Old 002A (M)', 20000, 7, 20000, 7, 2011),
	('E01000004', 'Old 002B (M)', 9000, 3, 30000, 10, 2011),
	('E01000005', 'Old 003A (X)', 100, 1, 100, 1, 2011),
	('E01000006', 'Old 003B (X)', 31000, 10, 31000, 10, 2011),
	('E01000007', 'Old 004A (not in lookup)', NULL, 1, NULL, NULL, 2011),
	('E01100001', 'New 001C (S part)', NULL, NULL, NULL, NULL, 2021),
	('E01100002', 'New 001D (S part)', NULL, NULL, NULL, NULL, 2021),
	('E01100003', 'New 002C (M)', NULL, NULL, NULL, NULL, 2021),
	('E01100004', 'New 003C (X)', NULL, NULL, NULL, NULL, 2021),
	('E01100005', 'New 003D (X)', NULL, NULL, NULL, NULL, 2021);
SELECT * FROM lsoa_deprivation ORDER BY lsoa_code, edition, measure, source;
UPDATE lsoa SET idaci_rank = NULL, idaci_decile = NULL WHERE lsoa_code = 'E01000007';
UPDATE lsoa SET vintage = 2021, imd_decile = 2 WHERE lsoa_code = 'E01000006';
SELECT * FROM lsoa_deprivation WHERE lsoa_code IN ('E01000006', 'E01000007') ORDER BY 1, 2, 3, 6;
UPDATE lsoa SET vintage = 2011, imd_decile = 10 WHERE lsoa_code = 'E01000006';
-- the table's own checks
\set VERBOSITY default
INSERT INTO lsoa_deprivation (lsoa_code, edition, measure, rank, decile) VALUES ('E01000001', 'iod2015', 'imd', 1, 1);
INSERT INTO lsoa_deprivation (lsoa_code, edition, measure, rank, decile) VALUES ('E01000001', 'iod2025', 'health', 1, 1);
INSERT INTO lsoa_deprivation (lsoa_code, edition, measure, rank, decile) VALUES ('E01000001', 'iod2025', 'imd', NULL, NULL);
INSERT INTO lsoa_deprivation (lsoa_code, edition, measure, rank, decile) VALUES ('E01000001', 'iod2025', 'imd', 1, 11);
\set VERBOSITY terse

-- The lookup: U keeps its code; the change code is one of U, S, M, X.
\set VERBOSITY default
INSERT INTO lsoa11_lsoa21 (lsoa11_code, lsoa21_code, change_code) VALUES ('E01000001', 'E01100009', 'U');
INSERT INTO lsoa11_lsoa21 (lsoa11_code, lsoa21_code, change_code) VALUES ('E01000001', 'E01000001', 'Z');
\set VERBOSITY terse
INSERT INTO lsoa11_lsoa21 (lsoa11_code, lsoa21_code, change_code) VALUES
	('E01000001', 'E01000001', 'U'),
	('E01000002', 'E01100001', 'S'),
	('E01000002', 'E01100002', 'S'),
	('E01000003', 'E01100003', 'M'),
	('E01000004', 'E01100003', 'M'),
	('E01000005', 'E01100004', 'X'),
	('E01000005', 'E01100005', 'X'),
	('E01000006', 'E01100005', 'X');

-- IoD2025 ranks of the 2021 LSOAs (the unchanged one keeps its code).
INSERT INTO lsoa_deprivation (lsoa_code, edition, measure, rank, decile) VALUES
	('E01000001', 'iod2025', 'imd', 15000, 5),
	('E01100001', 'iod2025', 'imd', 9000, 3),
	('E01100002', 'iod2025', 'imd', 25000, 8),
	('E01100003', 'iod2025', 'imd', 100, 1),
	('E01100004', 'iod2025', 'imd', 100, 1),
	('E01100005', 'iod2025', 'imd', 30000, 9);
-- an imported row wins over the mirror of lsoa's columns
INSERT INTO lsoa_deprivation (lsoa_code, edition, measure, rank, decile) VALUES ('E01000003', 'iod2019', 'imd', 3000, 1);

-- IoD2019 IMD, 30%: ranked 2011 LSOAs, carried to their 2021 parts (S
-- parts take their parent's status; M: any merged parent); X carries nothing.
SELECT lsoa_code, via FROM deprived_lsoa_by_index WHERE index_used = 'iod2019_imd' ORDER BY 1;
-- IoD2025 IMD, 30%: carried back to 2011 (a split LSOA when any part is;
-- merged LSOAs each take the 2021 LSOA's status).
SELECT lsoa_code, via FROM deprived_lsoa_by_index WHERE index_used = 'iod2025_imd' ORDER BY 1;
-- by rank when the percentage is not whole tens (27%: ranks up to 8,867 of 32,844)
UPDATE setting SET value = '27' WHERE name = 'deprived_percent';
SELECT lsoa_code, via FROM deprived_lsoa_by_index WHERE index_used = 'iod2019_idaci' ORDER BY 1;
UPDATE setting SET value = '30' WHERE name = 'deprived_percent';
-- every index held, at once
SELECT index_used, count(*) FROM deprived_lsoa_by_index GROUP BY 1 ORDER BY 1;
-- deprived_lsoa follows the setting and says which index it used
SELECT * FROM deprived_lsoa ORDER BY 1;
UPDATE setting SET value = 'iod2025_imd' WHERE name = 'deprived_index';
SELECT * FROM deprived_lsoa ORDER BY 1;
UPDATE setting SET value = 'iod2025_idaci' WHERE name = 'deprived_index';
SELECT count(*) AS deprived, (SELECT lsoas_ranked FROM deprived_index_used) FROM deprived_lsoa;
UPDATE setting SET value = 'idaci' WHERE name = 'deprived_index';

-- Reach areas carried to 2021: U and S with their centre, M with the centre
-- holding most parents (here a tie, so the lowest id, and said), X flagged.
INSERT INTO lead_partner (lead_partner_id, name, sector) VALUES ('LP', 'Partner', 'voluntary');
INSERT INTO lot (lot_id, name, lead_partner_id) VALUES ('L1', 'Lot', 'LP');
INSERT INTO centre (centre_id, name, lot_id) VALUES ('a', 'Centre A', 'L1'), ('b', 'Centre B', 'L1');
INSERT INTO reach_area (lsoa_code, valid_from, centre_id, valid_to) VALUES
	('E01000001', '2010-04-01', 'a', NULL),
	('E01000002', '2010-04-01', 'a', NULL),
	('E01000003', '2010-04-01', 'a', NULL),
	('E01000004', '2010-04-01', 'b', '2019-03-31'),
	('E01000004', '2019-04-01', 'a', NULL),
	('E01000005', '2010-04-01', 'b', NULL),
	('E01000006', '2010-04-01', 'a', NULL),
	('E01000007', '2010-04-01', 'b', NULL);
SELECT * FROM propose_reach_areas_2021('2015-01-01');
SELECT lsoa21_code, centre_id, change_code, comparable FROM propose_reach_areas_2021('2020-01-01');

-- A family's LSOA carries when it is certain (U, M), not for S or X.
SELECT c AS lsoa11_code, lsoa21_of(c) FROM unnest(ARRAY['E01000001', 'E01000002', 'E01000003', 'E01000005', 'E01000009']) AS c;

-- Import helpers: bad rows go to load_reject with every reason.
DELETE FROM load_reject;
COPY surestart_staging.ons_lsoa11_lsoa21 FROM stdin (FORMAT csv, HEADER);
"lsoa11_name","lsoa11_code","change_code","lsoa21_name","lsoa21_code","ltla22_name","ltla22_code"
"Breckland 010A","E01026419","u","Breckland 010A","E01026419","Breckland","E07000143"
"Breckland 001A","E01026462","S","Breckland 001F","E01033054","Breckland","E07000143"
"Bad U","E01026463","U","Bad U","E01026464","Breckland","E07000143"
"Bad codes","E1026463","Q","","","Breckland","E10000020"
"Breckland 010A","E01026419","U","Breckland 010A","E01026419","Breckland","E07000143"
\.
SELECT * FROM import_lsoa_lookup() WHERE loaded + rejected > 0;
SELECT lsoa11_code, lsoa21_code, change_code, lsoa21_name, district_code FROM lsoa11_lsoa21 WHERE lsoa11_code LIKE 'E0102%' ORDER BY 1, 2;
SELECT lsoa_code, name, district_code, district_name, vintage FROM lsoa WHERE lsoa_code LIKE 'E0102%' OR lsoa_code LIKE 'E0103%' ORDER BY 1;

COPY surestart_staging.ons_lsoa21_ward FROM stdin (FORMAT csv, HEADER);
"lsoa21_name","lsoa21_code","ward24_name","ward24_code","ltla24_name","ltla24_code"
"Breckland 010A","E01026419","All Saints & Wayland","E05010237","Breckland","E07000143"
"Breckland 001F","E01033054","Harling & Heathlands","E05010250","Breckland","E07000143"
"No ward","E01026420","","","Breckland","E07000143"
\.
SELECT * FROM import_lsoa21_wards() WHERE loaded + rejected > 0;
SELECT * FROM import_lsoa21_wards(1066);
SELECT * FROM lsoa_ward ORDER BY 1;

COPY surestart_staging.iod2025_lsoa FROM stdin (FORMAT csv, HEADER);
"lsoa21_code","IMD_decile","Income_decile","Employment_decile","Education_decile","Health_decile","Crime_decile","Housing_and_Services_decile","Environment_decile","IMD_rank","Income_rank","Employment_rank","Education_rank","Health_rank","Crime_rank","Housing_and_Services_rank","Environment_rank","IMD_score","Income_score","Employment_score","Education_score","Health_score","Crime_score","Housing_and_Services_score","Environment_score"
"E01026419",6,8,6,7,8,10,1,2,18660,24968,19396,22093,26156,33124,2171,5814,15.606,0.108,0.097,10.634,-0.684,-1.652,39.81,37.657
"E01033054",7,7,8,5,8,10,2,5,21385,22955,23861,16091,25593,30742,4123,14846,13.063,0.124,0.077,17.587,-0.639,-1.127,34.478,20.644
"E01026421",11,7,8,5,8,10,2,5,33756,22955.5,23861,16091,25593,30742,4123,14846,13.063,0.124,0.077,17.587,-0.639,-1.127,34.478,20.644
"",6,8,6,7,8,10,1,2,18660,24968,19396,22093,26156,33124,2171,5814,15.606,0.108,0.097,10.634,-0.684,-1.652,39.81,37.657
\.
SELECT * FROM import_iod2025() WHERE loaded + rejected > 0;
SELECT lsoa_code, edition, measure, rank, decile, source FROM lsoa_deprivation WHERE lsoa_code LIKE 'E0102%' OR lsoa_code LIKE 'E0103%' ORDER BY 1, 2, 3, 6;

-- IDACI 2025 (not in the Norfolk extract) staged like any data table: an
-- LSOA lsoa does not hold is refused (load the lookup or the wards first).
COPY surestart_staging.lsoa_deprivation FROM stdin (FORMAT csv);
E01026419,iod2025,idaci,20000,,
E01026421,iod2025,idaci,20001,7,
E01099999,iod2025,idaci,,1,
E01026419,iod2021,wealth,0,,
E01026419,iod2019,imd,,,
E01026419,iod2019,income,12,11,
\.
SELECT * FROM load_staged() WHERE loaded + rejected > 0;
SELECT lsoa_code, edition, measure, rank, decile FROM lsoa_deprivation WHERE measure = 'idaci' AND edition = 'iod2025' ORDER BY 1;
SELECT table_name, row_data, reason FROM load_reject ORDER BY id;
ROLLBACK;
