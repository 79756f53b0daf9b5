-- pgTAP: roles, grants and row-level security, role by role (SET ROLE).
-- Roles are cluster-wide, but CREATE ROLE is transactional: everything made
-- here goes at the ROLLBACK.
BEGIN;
SELECT plan(58);
\i test/fixtures/synthetic.sql

-- Reads a relation as the current role: 'ok', or the SQLSTATE it fails with.
CREATE FUNCTION pg_temp.try_read(rel regclass) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('SELECT count(*) FROM %s', rel);
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END
$$;
-- The rows of a relation as text, for comparing what two roles see.
CREATE FUNCTION pg_temp.rows_of(rel regclass, filter text DEFAULT 'true') RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format('SELECT t::text FROM %s AS t WHERE %s ORDER BY 1', rel, filter);
END
$$;

SELECT lives_ok('SELECT surestart.create_roles()', 'create_roles() runs');
SELECT lives_ok('SELECT surestart.create_roles()', 'create_roles() runs again (idempotent)');
SELECT results_eq(
	$$SELECT rolname::text COLLATE "default", rolcanlogin, rolsuper, rolbypassrls, rolcreaterole FROM pg_roles
	  WHERE rolname LIKE 'surestart\_%' ORDER BY 1$$,
	$$VALUES ('surestart_analyst', false, false, false, false), ('surestart_loader', false, false, false, false),
			 ('surestart_partner', false, false, false, false), ('surestart_reader', false, false, false, false)$$,
	'the four roles exist, NOLOGIN, without special attributes');
SELECT is(has_function_privilege('public', 'surestart.create_roles()', 'EXECUTE'), false,
	'create_roles() is not executable by PUBLIC');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc AS p
	WHERE p.pronamespace = 'surestart'::regnamespace AND p.prosecdef
	  AND p.oid NOT IN ('surestart.create_roles()'::regprocedure, 'surestart.reporting_periods()'::regprocedure,
						'surestart.create_regional_role()'::regprocedure, 'surestart.regional_attach(name,text)'::regprocedure,
						'surestart.regional_detach(text)'::regprocedure)
	  AND p.proname NOT IN ('take_snapshot', 'refresh', 'load_staged', 'import_iod2019', 'import_ons_population', 'import_social_care_feed',
		'import_eyfs_headline', 'import_iod2025', 'import_lsoa_lookup', 'import_lsoa21_wards') $$,
	'the only SECURITY DEFINER functions are the reviewed ones');
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc AS p
	WHERE p.pronamespace = 'surestart'::regnamespace AND p.prosecdef
	  AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false) $$,
	'every SECURITY DEFINER function pins search_path');

-- Login roles as a council would make them.
CREATE ROLE t_reader LOGIN IN ROLE surestart_reader;
CREATE ROLE t_analyst LOGIN IN ROLE surestart_analyst;
CREATE ROLE t_partner LOGIN IN ROLE surestart_partner;
CREATE ROLE t_nobody LOGIN IN ROLE surestart_partner;
CREATE ROLE t_hilltop_staff NOLOGIN;
CREATE ROLE t_hilltop_worker LOGIN IN ROLE surestart_partner, t_hilltop_staff;
CREATE ROLE t_loader LOGIN IN ROLE surestart_loader;
INSERT INTO surestart.partner_member (role_name, lead_partner_id) VALUES
	('t_partner', 'LP1'), ('t_hilltop_staff', 'LP2');

-- What each role would see of every table, by the rules of SPEC, computed
-- here as the superuser without the extension's helper views.
CREATE TEMP TABLE expected_rows (tbl text, row_text text);
CREATE TEMP TABLE lp1_centre AS SELECT unnest(ARRAY['riverside', 'meadow']) AS centre_id;
CREATE TEMP TABLE lp1_lsoa AS
	SELECT DISTINCT lsoa_code FROM surestart.reach_area
	WHERE centre_id IN (SELECT centre_id FROM lp1_centre) AND (valid_to IS NULL OR valid_to >= current_date);
CREATE TEMP TABLE lp1_child AS
	SELECT c.child_id FROM surestart.child AS c JOIN surestart.family AS f USING (family_id)
	WHERE f.lsoa_code IN (SELECT lsoa_code FROM lp1_lsoa)
	UNION SELECT child_id FROM surestart.registration WHERE centre_id IN (SELECT centre_id FROM lp1_centre);
CREATE TEMP TABLE lp1_family AS
	SELECT family_id FROM surestart.family WHERE lsoa_code IN (SELECT lsoa_code FROM lp1_lsoa)
	UNION SELECT c.family_id FROM surestart.registration AS g JOIN surestart.child AS c USING (child_id)
	WHERE g.centre_id IN (SELECT centre_id FROM lp1_centre);
INSERT INTO expected_rows
	SELECT v.tbl, r FROM (VALUES
		('family', 'family_id IN (SELECT family_id FROM lp1_family)'),
		('carer', 'family_id IN (SELECT family_id FROM lp1_family)'),
		('child', 'child_id IN (SELECT child_id FROM lp1_child)'),
		('registration', 'centre_id IN (SELECT centre_id FROM lp1_centre)'),
		('contact', 'centre_id IN (SELECT centre_id FROM lp1_centre)'),
		('social_care', 'child_id IN (SELECT child_id FROM lp1_child)'),
		('eyfs_result', 'child_id IN (SELECT child_id FROM lp1_child) OR lsoa_code IN (SELECT lsoa_code FROM lp1_lsoa)'),
		('two_year_place', 'child_id IN (SELECT child_id FROM lp1_child)'),
		('three_four_funding', 'child_id IN (SELECT child_id FROM lp1_child)'),
		('lead_partner', 'lead_partner_id = ''LP1'''),
		('contract', 'lead_partner_id = ''LP1'''),
		('lot', 'lead_partner_id = ''LP1'''),
		('centre', 'centre_id IN (SELECT centre_id FROM lp1_centre)'),
		('reach_area', 'centre_id IN (SELECT centre_id FROM lp1_centre)'),
		('inspected_centre', 'centre_id IN (SELECT centre_id FROM lp1_centre)'),
		('ofsted_inspection', 'inspection_id IN (SELECT inspection_id FROM surestart.inspected_centre WHERE centre_id IN (SELECT centre_id FROM lp1_centre))'),
		('centre_rag', 'centre_id IN (SELECT centre_id FROM lp1_centre)'),
		('centre_target', 'centre_id IS NULL OR centre_id IN (SELECT centre_id FROM lp1_centre)'),
		('board_meeting', 'centre_id IN (SELECT centre_id FROM lp1_centre)'),
		('building_fund', 'centre_id IN (SELECT centre_id FROM lp1_centre)')) AS v(tbl, filter)
	CROSS JOIN LATERAL pg_temp.rows_of(format('surestart.%I', v.tbl)::regclass, v.filter) AS r;
-- every view a partner may read, as the unrestricted superuser sees it, cut to LP1's units
CREATE TEMP TABLE expected_view_rows AS
	SELECT c.relname::text AS view, r AS row_text
	FROM pg_class AS c
	CROSS JOIN LATERAL pg_temp.rows_of(c.oid, concat_ws(' AND ', 'true',
		CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = c.oid AND attname = 'centre_id')
			 THEN '(centre_id IS NULL OR centre_id IN (''riverside'', ''meadow''))' END,
		CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = c.oid AND attname = 'lead_partner_id')
			 THEN 'lead_partner_id IS NOT DISTINCT FROM ''LP1''' END,
		CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = c.oid AND attname = 'lot_id')
			 THEN '(lot_id IS NULL OR lot_id = ''1'')' END,
		CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = c.oid AND attname = 'site_code')
			 THEN '(level <> ''site'' OR centre_id IN (''riverside'', ''meadow''))' END,
		CASE WHEN EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = c.oid AND attname = 'unit_id')
			 THEN $f$CASE level WHEN 'centre' THEN unit_id IN ('riverside', 'meadow')
								WHEN 'lead_partner' THEN unit_id = 'LP1'
								WHEN 'group' THEN unit_id = 'G1'
								WHEN 'lsoa' THEN unit_id IN ('E01026419', 'E01026420')
								ELSE true END$f$ END)) AS r
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v'
	  AND has_table_privilege('surestart_partner', c.oid, 'SELECT')
	  AND c.relname NOT LIKE 'partner\_%' AND c.relname NOT LIKE 'visible\_%';
CREATE TEMP TABLE child_total AS SELECT count(*) AS n FROM surestart.child;
GRANT SELECT ON expected_rows, expected_view_rows, child_total TO PUBLIC;
CREATE TEMP TABLE seen_as (who text, tbl text, row_text text);
GRANT ALL ON seen_as TO PUBLIC;

-- ---------------------------------------------------------------- reader
SET ROLE t_reader;
SELECT is_empty($$
	SELECT c.relname FROM pg_class AS c
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v' AND c.relname LIKE 'published\_%'
	  AND pg_temp.try_read(c.oid) <> 'ok' $$,
	'reader reads every published_* view');
SELECT cmp_ok((SELECT count(*) FROM surestart.published_centre_reach), '>', 0::bigint, 'reader sees published rows');
SELECT is_empty($$
	SELECT c.relname FROM pg_class AS c
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind IN ('r', 'v')
	  AND c.relname NOT LIKE 'published\_%' AND c.relname NOT LIKE 'partner\_%'
	  AND c.relname NOT IN ('setting', 'ofsted_word')
	  AND pg_temp.try_read(c.oid) <> '42501' $$,
	'reader reads nothing else (but setting and ofsted_word, which the C functions read, and its own empty partner scope)');
SELECT throws_ok('SELECT * FROM surestart.centre_reach', '42501', NULL, 'reader cannot read centre_reach');
SELECT throws_ok('SELECT * FROM surestart.contact', '42501', NULL, 'reader cannot read contact');
SELECT throws_ok('SELECT * FROM surestart_internal.partner_child', '42501', NULL, 'reader cannot name the building blocks, its partner scope among them');
RESET ROLE;

-- ---------------------------------------------------------------- analyst
SET ROLE t_analyst;
SELECT is_empty($$
	SELECT c.relname FROM pg_class AS c
	LEFT JOIN surestart.protected_relations() AS p ON p.relation_name = c.relname
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v'
	  AND p.access_class IS DISTINCT FROM 'person' AND c.relname NOT LIKE 'partner\_%'
	  AND pg_temp.try_read(c.oid) <> 'ok' $$,
	'analyst reads every view but the person-level ones');
SELECT is_empty($$
	SELECT c.relname FROM pg_class AS c
	WHERE c.relnamespace = 'surestart'::regnamespace
	  AND (c.relname IN (SELECT relation_name FROM surestart.protected_relations() WHERE access_class IN ('person', 'private'))
		   OR (c.relkind = 'v' AND c.relname NOT LIKE 'partner\_%' AND EXISTS (
				SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid
				  AND a.attname IN ('child_id', 'family_id', 'carer_id', 'contact_id', 'pupil_id'))))
	  AND pg_temp.try_read(c.oid) <> '42501' $$,
	'analyst reads no relation holding a person''s row');
SELECT throws_ok('SELECT * FROM surestart.family', '42501', NULL, 'analyst cannot read family');
SELECT throws_ok('SELECT * FROM surestart_internal.counted_child', '42501', NULL, 'analyst cannot read counted_child');
SELECT throws_ok('SELECT * FROM surestart_internal.lsoa_figure', '42501', NULL, 'analyst cannot read the stored figures directly');
SELECT throws_ok('SELECT * FROM surestart_internal.unit_figure', '42501', NULL, 'analyst cannot read the stored sums directly');
SELECT throws_ok('SELECT * FROM surestart.partner_member', '42501', NULL, 'analyst cannot read partner_member');
SELECT throws_ok($$INSERT INTO surestart.partner_member VALUES ('t_analyst', 'LP2')$$, '42501', NULL,
	'analyst cannot map itself to a lead partner');
SELECT throws_ok('SELECT surestart.create_roles()', '42501', NULL, 'analyst cannot run create_roles()');
SELECT is((SELECT count(*) FROM surestart.centre_reach WHERE period = '2013-14'), 4::bigint,
	'analyst sees every centre in centre_reach');
SELECT ok((SELECT percent IS NOT NULL FROM (SELECT surestart.percent(surestart.proportion(1, 3)) AS percent) AS p),
	'analyst runs the functions');
SELECT throws_ok('SELECT * FROM surestart_internal.reach_figures', '42501', NULL,
	'analyst cannot read the building blocks in surestart_internal');
SELECT throws_ok($$SELECT * FROM surestart_internal.count_periods('{2013-14}', 3)$$, '42501', NULL,
	'analyst cannot call the counting function');
RESET ROLE;

-- ---------------------------------------------------------------- partner
SET ROLE t_partner;
SELECT ok(surestart.partner_restricted(), 'a member of surestart_partner is restricted');
INSERT INTO seen_as
	SELECT 'partner', c.relname, r
	FROM pg_class AS c CROSS JOIN LATERAL pg_temp.rows_of(c.oid) AS r
	WHERE c.relnamespace = 'surestart'::regnamespace
	  AND c.relname IN (SELECT tbl FROM expected_rows);
SELECT is_empty($$
	(SELECT tbl, row_text FROM expected_rows EXCEPT SELECT tbl, row_text FROM seen_as WHERE who = 'partner')
	UNION ALL
	(SELECT tbl, row_text FROM seen_as WHERE who = 'partner' EXCEPT SELECT tbl, row_text FROM expected_rows) $$,
	'partner sees exactly its centres'' rows in every person-level and centre-level table');
SELECT cmp_ok((SELECT count(*) FROM seen_as WHERE tbl = 'child'), '>', 0::bigint, 'partner sees some children');
SELECT cmp_ok((SELECT count(*) FROM seen_as WHERE tbl = 'child'), '<', (SELECT n FROM child_total),
	'partner does not see every child');
INSERT INTO seen_as
	SELECT 'partner_view', v, r
	FROM (SELECT DISTINCT view AS v FROM expected_view_rows) AS views
	CROSS JOIN LATERAL pg_temp.rows_of(format('surestart.%I', v)::regclass) AS r;
SELECT is_empty($$
	(SELECT view, row_text FROM expected_view_rows EXCEPT SELECT tbl, row_text FROM seen_as WHERE who = 'partner_view')
	UNION ALL
	(SELECT tbl, row_text FROM seen_as WHERE who = 'partner_view' EXCEPT SELECT view, row_text FROM expected_view_rows) $$,
	'in every view it may read, a partner sees the unrestricted rows of its own centres, lots and lead partner, and the county comparators');
SELECT cmp_ok((SELECT count(DISTINCT tbl) FROM seen_as WHERE who = 'partner_view'), '>=', 15::bigint,
	'the view check covered the reporting views');
SELECT results_eq($$SELECT DISTINCT centre_id FROM surestart.centre_reach ORDER BY 1$$,
	$$VALUES ('meadow'), ('riverside')$$, 'partner sees its two centres in centre_reach');
SELECT results_eq($$SELECT DISTINCT level FROM surestart.target_group_coverage ORDER BY 1$$,
	$$VALUES ('centre'), ('county'), ('lead_partner')$$, 'partner keeps the county rows of target_group_coverage as comparator');
SELECT throws_ok('SELECT * FROM surestart_internal.reach_figures', '42501', NULL, 'partner cannot read the unfiltered reach_figures');
SELECT throws_ok('SELECT * FROM surestart_internal.lsoa_figure', '42501', NULL, 'partner cannot read the stored figures directly');
SELECT throws_ok('SELECT * FROM surestart_internal.unit_figure', '42501', NULL, 'partner cannot read the stored sums directly');
SELECT throws_ok('SELECT * FROM surestart_internal.counted_child', '42501', NULL, 'partner cannot read the unfiltered person-level views');
SELECT throws_ok('SELECT * FROM surestart.partner_member', '42501', NULL, 'partner cannot read partner_member');
SELECT throws_ok($$INSERT INTO surestart.partner_member VALUES ('t_partner', 'LP2')$$, '42501', NULL,
	'partner cannot map itself to another lead partner');
SELECT throws_ok($$UPDATE surestart.contact SET mode = 'phone'$$, '42501', NULL, 'partner cannot change person rows');
SET LOCAL search_path = public, pg_catalog;
SELECT is((SELECT count(*) FROM surestart.family), (SELECT count(*) FROM expected_rows WHERE tbl = 'family'),
	'partner''s view of family holds with another search_path');
RESET search_path;
RESET ROLE;

-- a partner mapped through a group role; a partner mapped to nothing
SET ROLE t_hilltop_worker;
SELECT results_eq($$SELECT centre_id FROM surestart.centre ORDER BY 1$$, $$VALUES ('hilltop')$$,
	'a partner mapped through a group role sees that lead partner''s centres');
SELECT results_eq($$SELECT DISTINCT centre_id FROM surestart.contact ORDER BY 1$$, $$VALUES ('hilltop')$$,
	'... and their contacts only');
RESET ROLE;
SET ROLE t_nobody;
SELECT is((SELECT count(*) FROM surestart.child) + (SELECT count(*) FROM surestart.centre)
		  + (SELECT count(*) FROM surestart.centre_reach) + (SELECT count(*) FROM surestart.lead_partner_summary), 0::bigint,
	'a partner with no partner_member row sees no person, centre or centre figure');
SELECT cmp_ok((SELECT count(*) FROM surestart.data_pack WHERE level = 'county'), '>', 0::bigint,
	'... but still the county comparators');
RESET ROLE;

-- ---------------------------------------------------------------- loader
SELECT is_empty($$
	SELECT p.oid::regprocedure::text FROM pg_proc AS p
	WHERE p.pronamespace = 'surestart'::regnamespace AND p.proname IN ('load_staged', 'import_iod2019',
		'import_ons_population', 'import_social_care_feed', 'import_eyfs_headline', 'import_iod2025',
		'import_lsoa_lookup', 'import_lsoa21_wards')
	  AND NOT has_function_privilege('surestart_loader', p.oid, 'EXECUTE') $$,
	'the loader may run load_staged() and every import helper');
SET ROLE t_loader;
SELECT throws_ok('SELECT * FROM surestart.child', '42501', NULL, 'loader cannot read child');
SELECT throws_ok('SELECT * FROM surestart.centre_reach', '42501', NULL, 'loader cannot read the views');
SELECT lives_ok($$INSERT INTO surestart_staging.lead_partner (lead_partner_id, name, sector)
	VALUES ('LPX', 'Staged by the loader', 'charity'), ('LPY', 'Staged by the loader', 'voluntary')$$,
	'loader stages rows');
SELECT results_eq($$SELECT loaded, rejected FROM surestart.load_staged() WHERE table_name = 'lead_partner'$$,
	$$VALUES (1::bigint, 1::bigint)$$, 'loader runs load_staged(): the good row loads, the bad one is rejected');
SELECT is((SELECT count(*) FROM surestart.load_reject WHERE row_data->>'lead_partner_id' = 'LPX'), 1::bigint,
	'loader reads the rejects');
RESET ROLE;
SET ROLE t_partner;
SELECT is((SELECT count(*) FROM surestart.load_reject), 0::bigint, 'a partner sees no rejected rows');
RESET ROLE;

-- ---------------------------------------------------------------- others
SELECT is(surestart.partner_restricted(), false, 'a superuser is not restricted');
SELECT is((SELECT count(*) FROM surestart.child), (SELECT count(*) FROM surestart.child WHERE true),
	'a superuser reads every child');
SELECT results_eq(
	$$SELECT c.relname::text COLLATE "default" FROM pg_class AS c
	  WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity ORDER BY 1$$,
	$$SELECT tbl FROM (VALUES ('family'), ('carer'), ('child'), ('registration'), ('contact'), ('social_care'),
		('eyfs_result'), ('two_year_place'), ('three_four_funding'), ('lead_partner'), ('contract'), ('lot'),
		('centre'), ('reach_area'), ('inspected_centre'), ('ofsted_inspection'), ('centre_rag'),
		('centre_target'), ('centre_site'), ('board_meeting'), ('building_fund'), ('load_reject'),
		('reach_snapshot'), ('coverage_snapshot')) AS v(tbl) ORDER BY 1$$,
	'row-level security is on for the person-level and centre-level tables');
SELECT is_empty($$
	SELECT relation_name FROM surestart.protected_relations() AS p
	JOIN pg_class AS c ON c.relname = p.relation_name AND c.relnamespace = 'surestart'::regnamespace
	WHERE p.access_class = 'person' AND c.relkind = 'r' AND NOT c.relrowsecurity $$,
	'every person-level table listed has row-level security');
SELECT is_empty($$
	SELECT c.relname FROM pg_class AS c
	WHERE c.relnamespace = 'surestart'::regnamespace AND NOT c.relrowsecurity
	  AND has_table_privilege('surestart_partner', c.oid, 'SELECT')
	  AND (c.relname IN (SELECT relation_name FROM surestart.protected_relations() WHERE access_class <> 'internal')
		   OR (c.relkind = 'v' AND c.relname NOT LIKE 'partner\_%' AND EXISTS (
				SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid
				  AND a.attname IN ('child_id', 'family_id', 'carer_id', 'contact_id', 'pupil_id')))) $$,
	'partners get no person-level relation that row-level security does not guard');
-- a role that is already a superuser is refused, not silently granted to
ALTER ROLE surestart_loader BYPASSRLS;
SELECT throws_ok('SELECT surestart.create_roles()', '55006', NULL, 'create_roles() refuses a BYPASSRLS role of its names');

SELECT * FROM finish();
ROLLBACK;
