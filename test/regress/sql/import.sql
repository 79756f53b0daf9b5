-- Import helpers: ONS LSOA population, IoD2019 LSOA, weekly social-care feed.
-- The rows are real lines of the files in data/ons (and one of the England
-- population file in the project's raw data), plus a few made bad.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- Only roles granted them may import.
SELECT p.oid::regprocedure AS function, p.prosecdef, p.proconfig,
	   has_function_privilege('public', p.oid, 'EXECUTE') AS public_may_execute
FROM pg_proc AS p
WHERE p.pronamespace = 'surestart'::regnamespace AND p.proname LIKE 'import\_%'
ORDER BY 1;

BEGIN;
-- IoD2019 File 3 (data/ons/norfolk_iod2019_imd_idaci_lsoa11.csv), header as published.
COPY surestart_staging.iod2019_lsoa FROM stdin (FORMAT csv, HEADER);
LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived),Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs),Income Deprivation Affecting Older People (IDAOPI) Rank (where 1 is most deprived),Income Deprivation Affecting Older People (IDAOPI) Decile (where 1 is most deprived 10% of LSOAs)
E01026419,Breckland 010A,E07000143,Breckland,14335,5,23424,8,21035,7
E01026420,Breckland 010B,E07000143,Breckland,20706,7,23461,8,21928,7
E01026421,Breckland 013A,E07000143,Breckland,20164,7,23510,8,23444,8
E01026499,Breckland 099Z,E07000143,Breckland,20164,11,23510.5,8,23444,8
\.
SELECT * FROM surestart.import_iod2019() WHERE loaded + rejected > 0;
SELECT * FROM surestart.lsoa ORDER BY lsoa_code;

-- ONS mid-year estimates with a mid_year column
-- (data/ons/norfolk_pop_mid2017_2019_2020_lsoa11_age0to4.csv).
COPY surestart_staging.ons_population FROM stdin (FORMAT csv, HEADER);
"mid_year","lsoa11_code","lsoa11_name","total_population","age_0","age_1","age_2","age_3","age_4"
2017,"E01026419","Breckland 010A",1256,13,11,16,9,22
2017,"E01026420","Breckland 010B",1084,5,10,16,12,6
2017,"E01026421","Breckland 013A",1741,13,20,11,23,24
2017,"E01026421","Breckland 013A",1741,13,x,11,-23,24
,"E01026421","Breckland 013A",1741,13,20,11,23,24
\.
-- ... and the England file, which has none: the argument gives it.
COPY surestart_staging.ons_population (lsoa11_code, lsoa11_name, total_population, age_0, age_1, age_2, age_3, age_4) FROM stdin (FORMAT csv, HEADER);
"lsoa11_code","lsoa11_name","total_population","age_0","age_1","age_2","age_3","age_4"
"E01000001","City of London 001A",1749,12,8,21,21,16
\.
COPY surestart_staging.ons_population FROM stdin (FORMAT csv, HEADER);
"mid_year","lsoa11_code","lsoa11_name","total_population","age_0","age_1","age_2","age_3","age_4"
2020,"E01026419","Breckland 010A",1278,8,11,11,14,19
\.
SELECT * FROM surestart.import_ons_population(2020) WHERE loaded + rejected > 0;
SELECT mid_year, lsoa_code, array_agg(persons ORDER BY age) AS ages_0_to_4
FROM surestart.population GROUP BY 1, 2 ORDER BY 1, 2;
SELECT table_name, reason FROM surestart.load_reject ORDER BY id;

-- The weekly social-care feed, loaded in the same call as the families
-- and children it refers to (staged beside it), and a centre to count them.
INSERT INTO surestart_staging.centre (centre_id, name) VALUES ('B1', 'Breckland One');
INSERT INTO surestart_staging.reach_area VALUES ('E01026419', '2012-04-01', 'B1', NULL);
INSERT INTO surestart_staging.family (family_id, lsoa_code) VALUES ('1', 'E01026419');
INSERT INTO surestart_staging.child VALUES ('100', '1', '2012-06-01', 'F', NULL);
INSERT INTO surestart_staging.registration VALUES ('100', 'B1', '2012-07-01', NULL);
INSERT INTO surestart_staging.contact VALUES ('1', '100', 'B1', '2013-11-05', 'face_to_face', NULL),
	('2', '100', 'B1', '2014-02-10', 'face_to_face', NULL);
COPY surestart_staging.social_care_feed FROM stdin (FORMAT csv, HEADER);
child_id,kind,starts_on,ends_on
100,CIN,01/09/2013,
100,Child Protection,2013-10-01,2014-01-31
100,LAC,2014-02-01,
100,respite,2014-02-01,
555,CP,2014-02-01,
100,CP,31/02/2014,
\.
SELECT * FROM surestart.import_social_care_feed() WHERE loaded + rejected > 0;
SELECT * FROM surestart.social_care ORDER BY starts_on, kind;
SELECT table_name, reason FROM surestart.load_reject WHERE table_name = 'social_care' ORDER BY id;
-- The target groups come from the episodes open on each period's last day.
SELECT period, groups FROM surestart_internal.family_period_groups
WHERE period IN ('2013-14 Q3', '2013-14 Q4') ORDER BY period;

-- Next week's feed closes the child-in-need episode.
INSERT INTO surestart_staging.social_care_feed VALUES ('100', 'cin', '2013-09-01', '2014-03-15');
SELECT * FROM surestart.import_social_care_feed() WHERE loaded + rejected > 0;
SELECT * FROM surestart.social_care WHERE kind = 'child_in_need';
ROLLBACK;
