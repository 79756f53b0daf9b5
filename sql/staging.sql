-- Staged loading: surestart_staging tables, load_staged(), load_reject.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
SET client_min_messages = warning;

-- Every data table has a staging table with the same columns in the same
-- order, all text.
SELECT c.relname AS data_table
FROM pg_class AS c
WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'r'
  AND c.relname NOT IN ('load_reject', 'partner_member')
  -- snapshots are written by take_snapshot(), never loaded
  AND c.relname NOT IN ('reach_snapshot', 'coverage_snapshot')
  -- reference tables (seeded rows) are edited in place, not staged
  AND NOT EXISTS (SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = 'seeded')
  AND (SELECT array_agg(a.attname ORDER BY a.attnum) FROM pg_attribute AS a
	   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
	  IS DISTINCT FROM
	  (SELECT array_agg(a.attname ORDER BY a.attnum) FROM pg_attribute AS a
	   WHERE a.attrelid = to_regclass('surestart_staging.' || quote_ident(c.relname))
		 AND a.attnum > 0 AND NOT a.attisdropped);
SELECT count(*) AS staging_tables,
	   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM pg_attribute AS a
									  WHERE a.attrelid = c.oid AND a.attnum > 0
										AND a.atttypid <> 'text'::regtype)) AS with_non_text_columns
FROM pg_class AS c
WHERE c.relnamespace = 'surestart_staging'::regnamespace AND c.relkind = 'r';
-- Staging tables and load_reject are dumped with their rows.
SELECT count(*) FILTER (WHERE c.relnamespace = 'surestart_staging'::regnamespace) AS staging_marked,
	   bool_or(c.relname = 'load_reject') AS load_reject_marked
FROM pg_extension AS e, unnest(e.extconfig) AS t(oid)
JOIN pg_class AS c ON c.oid = t.oid
WHERE e.extname = 'surestart';
-- load_staged is SECURITY DEFINER with a pinned search_path, not for PUBLIC.
SELECT p.prosecdef, p.proconfig, has_function_privilege('public', p.oid, 'EXECUTE') AS public_may_execute
FROM pg_proc AS p WHERE p.oid = 'surestart.load_staged()'::regprocedure;

BEGIN;
-- Nothing staged: a row per data table, all zero, in load order.
SELECT * FROM surestart.load_staged();

-- Good rows and every kind of bad value, staged as an analyst would.
COPY surestart_staging.lead_partner FROM stdin (FORMAT csv, HEADER);
lead_partner_id,name,sector
LP1,Lead One,voluntary
LP2,Lead Two,charity
LP3,,health
\.
COPY surestart_staging.contract FROM stdin (FORMAT csv, HEADER);
contract_ref,lead_partner_id,starts_on,ends_on,total_value
C1,LP1,2013-04-01,2016-03-31,1000000
C2,LP1,2016-04-01,2015-03-31,-5
C3,LP2,2013-04-01,2016-03-31,
\.
COPY surestart_staging.lot FROM stdin (FORMAT csv, HEADER);
lot_id,name,lead_partner_id,contract_ref,annual_value,lot_group
L1,North,LP1,C1,250000.50,Priority
L2,South,LP1,C1,"12,000",
\.
COPY surestart_staging.centre FROM stdin (FORMAT csv, HEADER);
centre_id,name,short_name,lot_id,group_id,district_code,opened_on,closed_on
X1,Centre One,One,L1,,E07000148,2012-04-01,
X2,Centre Two,Two,L1,,E07000148,,
X4,Centre Four,Four,L9,,E07000148,2013-04-01,2012-04-01
\.
COPY surestart_staging.lsoa FROM stdin (FORMAT csv, HEADER);
lsoa_code,name,district_code,district_name,idaci_rank,idaci_decile,imd_rank,imd_decile,vintage
E01026419,Norwich 001A,E07000148,Norwich,1200,1,3000,1,
E01026420,Norwich 001B,E07000148,Norwich,20000,7,25000,8,2011
E0102642,Norwich 001C,E07000148,Norwich,,,,,
E01026421,Norwich 001D,E07000148,Norwich,500,11,600,0,
E01026422,Norwich 001E,E07000148,Norwich,abc,2,,,2015
\.
COPY surestart_staging.reach_area FROM stdin (FORMAT csv, HEADER);
lsoa_code,valid_from,centre_id,valid_to
E01026419,2012-04-01,X1,
E01026420,2012-04-01,X2,2014-03-31
E01026420,2014-01-01,X1,
\.
COPY surestart_staging.population FROM stdin (FORMAT csv, HEADER);
lsoa_code,mid_year,age,persons
E01026419,2013,0,25
E01026419,2013,5,3
E01026419,2013,1,-2
E01026419,2013,2,1.5
\.
COPY surestart_staging.family FROM stdin (FORMAT csv, HEADER);
family_id,lsoa_code,lone_parent,workless_household,workless_by_status,additional_language,minority_ethnic,priority_family,smoking_parent,local_groups
1,E01026419,yes,N,0,f,FALSE,,,"{1,3}"
2,E01026420,maybe,,,,,,,
3,E01026422,,,,,,,,
4,E01026419,,,,,,,,"{1,17}"
5,E01026419,,,,,,,,"1,2"
x6,E01026419,,,,,,,,
\.
COPY surestart_staging.carer FROM stdin (FORMAT csv, HEADER);
carer_id,family_id,dob,sex,disabled,pregnant
10,1,1995-05-01,F,,
11,1,1990-01-01,Q,,
12,2,1990-01-01,M,,
13,1,1990-13-01,M,,
\.
COPY surestart_staging.child FROM stdin (FORMAT csv, HEADER);
child_id,family_id,dob,sex,disabled
100,1,2012-06-01,F,
101,1,2014-02-30,M,
102,1,,M,
103,1, 2013-01-01 ,M,TRUE
104,1,2013-03-01,F,
104,1,2013-03-02,F,
99999999999999999999,1,2013-01-01,F,
\.
COPY surestart_staging.registration FROM stdin (FORMAT csv, HEADER);
child_id,centre_id,registered_on,ended_on
100,X1,2012-07-01,
103,X1,2013-02-01,2013-01-01
101,X1,2014-04-01,
\.
COPY surestart_staging.contact FROM stdin (FORMAT csv, HEADER);
contact_id,child_id,centre_id,contact_on,mode,activity
1000,100,X1,2013-05-01,face_to_face,stay and play
1001,100,X9,2013-05-02,face_to_face,
1002,555,X1,2013-05-03,phone,
1003,103,X1,2013-05-04,"",
\.
COPY surestart_staging.social_care FROM stdin (FORMAT csv, HEADER);
child_id,kind,starts_on,ends_on
100,child_in_need,2013-01-01,
100,cin,2013-01-01,
\.
COPY surestart_staging.eyfs_result FROM stdin (FORMAT csv, HEADER);
pupil_id,child_id,lsoa_code,academic_year,regime,gld,fsm
5000,100,E01026419,2012/13,2013,true,
5001,,,2012/14,2013,,
\.
COPY surestart_staging.ofsted_inspection FROM stdin (FORMAT csv, HEADER);
inspection_id,inspected_on,published_on,framework,status,overall,access,quality,leadership
1,2013-06-01,,2013,,Good,RI,2,outstanding
2,2013-06-01,,2013,,Excellent,,,
3,2013-07-01,,2013,cancelled,Good,,,
\.
COPY surestart_staging.inspected_centre FROM stdin (FORMAT csv, HEADER);
inspection_id,centre_id
1,X1
2,X1
\.
COPY surestart_staging.centre_rag FROM stdin (FORMAT csv, HEADER);
centre_id,assessed_on,quality_rag,leadership_rag
X1,2013-06-30,green,amber
X1,2013-09-30,blue,
\.
COPY surestart_staging.two_year_place FROM stdin (FORMAT csv, HEADER);
child_id,term_start,dwp_eligible,criteria,taken_up
100,2014-09-01,true,dwp,false
100,2014-09-02,true,dwp,false
\.
COPY surestart_staging.three_four_funding FROM stdin (FORMAT csv, HEADER);
child_id,term_start,in_receipt,setting_kind
100,2015-09-01,yes,school
100,2016-01-01,,
\.
COPY surestart_staging.building_fund FROM stdin (FORMAT csv, HEADER);
site_code,site_name,centre_id,fund,area_m2,rate_per_m2,contribution,expenditure,financial_year
P1,Site A,X1,BMF,120.5,10,1205,,2013-14
P1,Site A,X1,BMF,120.5,10,1205,,2013-15
P2,,,BMF,0,10,0,,2013-14
\.
COPY surestart_staging.centre_target FROM stdin (FORMAT csv, HEADER);
centre_id,measure,financial_year,target,amber_within,due_on
,registered_pct,2013-14,80,,2013-09-30
X1,seen_pct,2013-14,-1,,
\.
COPY surestart_staging.board_meeting FROM stdin (FORMAT csv, HEADER);
centre_id,met_on,kind,attendance
X1,2013-05-01,advisory_board,12
X1,2013-05-01,party,-3
\.

-- Rows staged per table, to check that none is lost.
CREATE FUNCTION pg_temp.staged_counts() RETURNS TABLE (table_name text, staged bigint)
LANGUAGE plpgsql AS $$
DECLARE
	t text;
BEGIN
	FOR t IN SELECT c.relname FROM pg_class AS c
			 WHERE c.relnamespace = 'surestart_staging'::regnamespace AND c.relkind = 'r' LOOP
		table_name := t;
		EXECUTE format('SELECT count(*) FROM surestart_staging.%I', t) INTO staged;
		RETURN NEXT;
	END LOOP;
END
$$;
CREATE TEMP TABLE staged_before AS SELECT * FROM pg_temp.staged_counts();

CREATE TEMP TABLE result AS SELECT * FROM surestart.load_staged();
SELECT * FROM result;
-- Never lose a row: staged = loaded + rejected for every table, and the
-- rejects are all in load_reject.
SELECT count(*) AS tables, sum(b.staged) AS staged, sum(r.loaded) AS loaded, sum(r.rejected) AS rejected,
	   bool_and(b.staged = r.loaded + r.rejected) AS every_row_accounted_for,
	   (SELECT count(*) FROM surestart.load_reject) AS rejects_written
FROM result AS r JOIN staged_before AS b USING (table_name);
-- Staging is empty afterwards.
SELECT sum(staged) AS still_staged FROM pg_temp.staged_counts();

-- The reasons, in load order and staged order within each table.
SELECT table_name, reason FROM surestart.load_reject ORDER BY id;
-- The whole staged row is kept.
SELECT row_data FROM surestart.load_reject WHERE table_name = 'child' ORDER BY id LIMIT 1;

-- The good rows are in, with typed values and defaults.
SELECT * FROM surestart.lead_partner ORDER BY 1;
SELECT * FROM surestart.lsoa ORDER BY 1;
SELECT * FROM surestart.reach_area ORDER BY 1, 2;
SELECT * FROM surestart.family ORDER BY 1;
SELECT * FROM surestart.child ORDER BY 1;
SELECT * FROM surestart.contact ORDER BY 1;
SELECT * FROM surestart.ofsted_inspection ORDER BY 1;
SELECT * FROM surestart.centre_target ORDER BY 1, 2;
SELECT * FROM surestart.building_fund ORDER BY 1, 2;

-- A second load: an existing key is updated, not duplicated; a name
-- another centre holds and a period overlapping a loaded one are refused.
INSERT INTO surestart_staging.lead_partner VALUES ('LP1', 'Lead One Renamed', 'health');
INSERT INTO surestart_staging.centre (centre_id, name, lot_id) VALUES ('X3', 'Centre One', 'L1');
INSERT INTO surestart_staging.reach_area VALUES ('E01026419', '2013-01-01', 'X2', NULL);
INSERT INTO surestart_staging.centre_target VALUES (NULL, 'registered_pct', '2013-14', '85', '3');
-- values padded by a fixed-width or CRLF extract are trimmed, keys included
INSERT INTO surestart_staging.lead_partner VALUES (' LP7 ', E'Padded Partner\r', ' voluntary');
INSERT INTO surestart_staging.lot (lot_id, name, lead_partner_id, annual_value) VALUES (E'L7\t', 'Lot Seven', 'LP7  ', ' 100 ');
SELECT * FROM surestart.load_staged() WHERE loaded + rejected > 0;
SELECT * FROM surestart.lead_partner ORDER BY 1;
SELECT lot_id, name, lead_partner_id, annual_value FROM surestart.lot WHERE lot_id = 'L7';
SELECT * FROM surestart.centre_target ORDER BY 1, 2;
SELECT table_name, reason FROM surestart.load_reject WHERE id > (SELECT max(id) - 2 FROM surestart.load_reject) ORDER BY id;

-- Re-running on empty staging changes nothing.
CREATE TEMP TABLE digest_before AS
SELECT (SELECT count(*) FROM surestart.load_reject) AS rejects,
	   (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM surestart.child AS t) AS children,
	   (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM surestart.lead_partner AS t) AS partners;
SELECT count(*) AS tables, sum(loaded) AS loaded, sum(rejected) AS rejected FROM surestart.load_staged();
SELECT (SELECT count(*) FROM surestart.load_reject) = d.rejects
	   AND (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM surestart.child AS t) = d.children
	   AND (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM surestart.lead_partner AS t) = d.partners AS unchanged
FROM digest_before AS d;
ROLLBACK;
