-- pgTAP: the Norfolk demo data loads through the tables and keeps the
-- published figures (Norfolk County Council, March 2014; ONS; MHCLG).
BEGIN;
SELECT plan(23);
SET LOCAL search_path = surestart, public;
\set QUIET on
\i data/load_norfolk.sql
\set QUIET off

SELECT is((SELECT count(*) FROM centre), 53::bigint, '53 centres');
SELECT is((SELECT count(*) FROM lot), 37::bigint, '37 lot rows (lots 1-36, lot 30 split into 30a and 30b)');
SELECT is((SELECT count(*) FROM lead_partner), 16::bigint, '16 lead partners (the report''s 15 plus St Michael''s)');
SELECT is((SELECT count(*) FROM contract), 14::bigint, '14 distinct tendered contract references');
SELECT is((SELECT sum(annual_value) FROM lot), 12581251.25, 'annual contract values total the printed £12,581,251.25');
SELECT results_eq(
	$$ SELECT lead_partner_id, count(*)::integer FROM centre JOIN lot USING (lot_id)
	   WHERE lead_partner_id IN ('AfC', 'NCHC', 'GYCT', '4C') GROUP BY 1 ORDER BY 1 $$,
	$$ VALUES ('4C', 3), ('AfC', 25), ('GYCT', 4), ('NCHC', 7) $$,
	'centres per large lead partner: AfC 25, NCHC 7, GYCT 4, 4C 3');
SELECT is((SELECT sum(annual_value) FROM lot WHERE lead_partner_id = 'AfC'), 4800452::numeric,
	'Action for Children: £4,800,452 a year, as reported');
SELECT is((SELECT sum(annual_value) FROM lot WHERE lead_partner_id = 'GYCT'), 1223280::numeric,
	'Great Yarmouth Community Trust: £1,223,280 a year');
SELECT is((SELECT annual_value FROM lot WHERE lot_id = '30b'), 164495::numeric,
	'West Walton''s share of the joint 30a/30b figure comes from Appendix 1');
SELECT is((SELECT count(*) FROM ofsted_inspection), 29::bigint, '29 inspections (groups G01-G29)');
SELECT is((SELECT count(*) FROM inspected_centre), 41::bigint, '41 centre-inspections');
SELECT is((SELECT count(*) FROM centre c WHERE NOT EXISTS (
	SELECT 1 FROM inspected_centre ic JOIN ofsted_inspection i USING (inspection_id)
	WHERE ic.centre_id = c.centre_id AND i.status = 'inspected')), 15::bigint,
	'15 centres not yet inspected, as s2.15 lists');
SELECT results_eq(
	$$ SELECT overall::text, count(*)::integer FROM ofsted_inspection JOIN inspected_centre USING (inspection_id)
	   WHERE framework = '2013' AND status = 'inspected' GROUP BY 1 ORDER BY 1 $$,
	$$ VALUES ('Good', 8), ('Inadequate', 1), ('Requires improvement', 6) $$,
	'2013-framework results: 8 Good, 6 Requires improvement, 1 Inadequate');
SELECT is((SELECT array_agg(centre_id ORDER BY centre_id) FROM inspected_centre WHERE inspection_id = 25),
	ARRAY['gorleston_hopton', 'greenacre', 'priory', 'seagulls'], 'the Great Yarmouth group inspection lists its four centres');
SELECT is((SELECT count(*) FROM lsoa), 538::bigint, '538 Norfolk LSOAs (2011)');
SELECT results_eq('SELECT mid_year, sum(persons)::integer FROM population GROUP BY 1 ORDER BY 1',
	$$ VALUES (2017, 47149), (2019, 45540), (2020, 44201) $$,
	'Norfolk under-fives: 47,149 (2017), 45,540 (2019), 44,201 (2020)');
SELECT is((SELECT count(DISTINCT district_code) FROM lsoa), 7::bigint, 'seven districts');
SELECT is_empty('SELECT centre_id FROM centre WHERE district_code NOT IN (SELECT district_code FROM lsoa)',
	'every centre is in a Norfolk district');
SELECT results_eq('SELECT sum(contribution), sum(expenditure), sum(contribution) - sum(expenditure) FROM building_fund',
	$$ VALUES (178006::numeric, 133409::numeric, 44597::numeric) $$,
	'building fund: contribution £178,006, expenditure £133,409, balance £44,597');
SELECT results_eq($$SELECT coalesce(fund, 'all'), contribution, expenditure, balance FROM building_fund_balance
				   WHERE level <> 'site' ORDER BY level, fund$$,
	$$ VALUES ('BMF', 128952::numeric, 112266::numeric, 16686::numeric), ('BMPP', 49054, 21143, 27911),
			  ('all', 178006, 133409, 44597) $$,
	'building_fund_balance: Appendix 9''s totals per fund (BMF, BMPP) and for the county');
SELECT results_eq($$SELECT site_name, contribution_difference FROM building_fund_balance WHERE NOT contribution_matches$$,
	$$ VALUES ('Dereham', 1984.94) $$,
	'only Dereham''s contribution is not area times rate (794 m2 at the BMPP rate, listed under BMF)');
SELECT is((SELECT count(*) FROM building_fund_balance WHERE level = 'site' AND contribution_matches), 32::bigint,
	'the other 32 sites match within rounding (Mundesley, Thorpe Hamlet and Vancouver by under £2)');
SELECT is((SELECT count(*) FROM centre WHERE group_id IS NOT NULL), 17::bigint,
	'17 centres belong to a 2013 group inspection');

SELECT * FROM finish();
ROLLBACK;
