-- pgTAP: 2021 geography and IoD2025 on the real Norfolk files (issue 19).
-- The ONS LSOA11-LSOA21 lookup, the LSOA21 ward lookup and the IoD2025
-- extract load through their import helpers with no reject; the carry
-- rules then place IoD2025's most deprived LSOA21s on the demo's 2011
-- reach areas; the Best Start views read the stored figures.
BEGIN;
SELECT plan(16);
SET LOCAL search_path = surestart, public;
\set QUIET on
\i data/load_norfolk.sql
\copy surestart_staging.ons_lsoa11_lsoa21 FROM 'data/ons/norfolk_lsoa11_to_lsoa21_lookup.csv' WITH (FORMAT csv, HEADER)
\copy surestart_staging.ons_lsoa21_ward FROM 'data/ons/norfolk_lsoa21_ward24_lad24_lookup.csv' WITH (FORMAT csv, HEADER)
\copy surestart_staging.iod2025_lsoa FROM 'data/ons/norfolk_iod2025_imd_domains_lsoa21.csv' WITH (FORMAT csv, HEADER)
\set QUIET off

SELECT results_eq($$ SELECT * FROM import_lsoa_lookup() WHERE loaded + rejected > 0 $$,
	$$ VALUES ('ons_lsoa11_lsoa21', 555::bigint, 0::bigint), ('lsoa', 33::bigint, 0::bigint), ('lsoa11_lsoa21', 555::bigint, 0::bigint) $$,
	'the ONS lookup loads whole: 555 pairs, and the 33 new LSOA21 codes');
SELECT results_eq($$ SELECT change_code, count(*) FROM lsoa11_lsoa21 GROUP BY 1 ORDER BY 1 $$,
	$$ VALUES ('M', 6::bigint), ('S', 30::bigint), ('U', 519::bigint) $$,
	'519 unchanged, 30 split, 6 merged pairs (SOURCES.md entry 9)');
SELECT results_eq($$ SELECT * FROM import_lsoa21_wards() WHERE loaded + rejected > 0 $$,
	$$ VALUES ('ons_lsoa21_ward', 552::bigint, 0::bigint), ('lsoa_ward', 552::bigint, 0::bigint) $$,
	'the ward lookup loads whole: 552 LSOA21s');
SELECT results_eq($$ SELECT * FROM import_iod2025() WHERE loaded + rejected > 0 $$,
	$$ VALUES ('iod2025_lsoa', 552::bigint, 0::bigint), ('lsoa_deprivation', 1104::bigint, 0::bigint) $$,
	'IoD2025 loads whole: 552 LSOA21s, IMD and income domain');
SELECT is((SELECT count(*) FROM load_reject), 0::bigint, 'no reject');
SELECT results_eq($$ SELECT vintage, count(*) FROM lsoa GROUP BY 1 ORDER BY 1 $$,
	$$ VALUES (2011, 538::bigint), (2021, 33::bigint) $$,
	'538 LSOA11s from IoD2019, and the 33 new LSOA21 codes (unchanged codes keep their 2011 row)');
SELECT is((SELECT count(*) FROM lsoa WHERE vintage = 2021 AND (name IS NULL OR district_code IS NULL)), 0::bigint,
	'every new LSOA21 has its name and district');
SELECT results_eq($$ SELECT edition, measure, count(*) FROM lsoa_deprivation GROUP BY 1, 2 ORDER BY 1, 2 $$,
	$$ VALUES ('iod2019', 'idaci', 538::bigint), ('iod2019', 'imd', 538::bigint),
			  ('iod2025', 'imd', 552::bigint), ('iod2025', 'income', 552::bigint) $$,
	'IoD2019 (mirrored from lsoa) and IoD2025 side by side');
SELECT is((SELECT count(*) FROM lsoa_deprivation WHERE edition = 'iod2025' AND lsoa_code NOT IN (SELECT lsoa21_code FROM lsoa11_lsoa21)),
	0::bigint, 'every IoD2025 LSOA is in the lookup');
SELECT is((SELECT count(*) FROM deprived_lsoa_by_index WHERE index_used = 'iod2025_imd' AND via = 'ranked'),
	(SELECT count(*) FROM lsoa_deprivation WHERE edition = 'iod2025' AND measure = 'imd' AND decile <= 3),
	'IoD2025 IMD 30%: the LSOA21s in deciles 1-3');
SELECT is((SELECT count(*) FROM deprived_lsoa_by_index AS m
		   WHERE m.index_used = 'iod2025_imd' AND m.via = 'S' AND NOT EXISTS (
			SELECT 1 FROM lsoa11_lsoa21 AS k JOIN lsoa_deprivation AS d ON d.lsoa_code = k.lsoa21_code
			WHERE k.lsoa11_code = m.lsoa_code AND d.edition = 'iod2025' AND d.measure = 'imd' AND d.decile <= 3)),
	0::bigint, 'a split LSOA11 is most deprived only through a most deprived part');
SELECT is((SELECT count(*) FROM propose_reach_areas_2021('2014-03-31') WHERE centre_id IS NULL OR NOT comparable),
	0::bigint, 'Norfolk''s reach areas all carry to 2021 (no X, every LSOA11 in the lookup)');
SELECT is((SELECT count(*) FROM propose_reach_areas_2021('2014-03-31')), 552::bigint,
	'one proposed 2021 reach area row per Norfolk LSOA21');
UPDATE setting SET value = 'iod2025_imd' WHERE name = 'deprived_index';
SELECT is((SELECT DISTINCT index_used FROM deprived_lsoa), 'iod2025_imd', 'deprived_lsoa says which index it used');
SELECT is((SELECT count(*) FROM deprived_lsoa AS d JOIN lsoa AS l USING (lsoa_code) WHERE l.vintage = 2011),
	(SELECT count(*) FROM most_deprived_change('iod2019_imd', 'iod2025_imd') WHERE vintage = 2011 AND in_to),
	'most_deprived_change reads the same most deprived LSOAs');
SELECT throws_ok($$ SELECT * FROM most_deprived_change('iod2019_imd', 'imd2025') $$, '22023',
	'invalid index "imd2025"', 'an unknown index is a class 22 error naming it');

SELECT * FROM finish();
ROLLBACK;
