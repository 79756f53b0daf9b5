-- The demo report: printed, and written as CSV under demo-report/.
\pset footer off
\echo
\echo 'surestart demo: Norfolk County Council childrens centres, 2014'
\echo 'Centres, lots, lead partners, contracts and Ofsted inspections are the published'
\echo 'figures of the council''s March 2014 annual report; LSOAs, deprivation and'
\echo 'under-five populations are ONS and MHCLG statistics (see data/README.md).'
\echo

CREATE TEMP VIEW centre_overview AS
SELECT c.centre_id,
	   c.name AS centre,
	   lp.name AS lead_partner,
	   c.lot_id AS lot,
	   l.annual_value AS lot_annual_value,
	   latest.inspected_on AS last_inspected,
	   CASE WHEN latest.inspection_id IS NULL THEN 'not yet inspected'
			WHEN latest.overall IS NULL THEN 'grade not recorded'
			ELSE latest.overall::text END AS latest_grade
FROM surestart.centre AS c
JOIN surestart.lot AS l USING (lot_id)
JOIN surestart.lead_partner AS lp ON lp.lead_partner_id = l.lead_partner_id
LEFT JOIN LATERAL (
	SELECT i.inspection_id, i.inspected_on, i.overall
	FROM surestart.inspected_centre AS ic
	JOIN surestart.ofsted_inspection AS i USING (inspection_id)
	WHERE ic.centre_id = c.centre_id AND i.status = 'inspected'
	ORDER BY i.inspected_on DESC
	LIMIT 1) AS latest ON true
ORDER BY c.name;

\echo 'Centres, their lead partner, lot value and latest Ofsted grade'
SELECT centre, lead_partner, lot, to_char(lot_annual_value, 'FM999,999,990') AS "annual value (£)",
	   last_inspected, latest_grade
FROM centre_overview;
\copy (SELECT * FROM centre_overview) TO 'demo-report/centres.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Lead partners'
CREATE TEMP VIEW partner_overview AS
SELECT lp.name AS lead_partner, lp.sector,
	   count(DISTINCT l.lot_id) AS lots,
	   count(c.centre_id) AS centres,
	   (SELECT sum(annual_value) FROM surestart.lot WHERE lead_partner_id = lp.lead_partner_id) AS annual_value
FROM surestart.lead_partner AS lp
JOIN surestart.lot AS l USING (lead_partner_id)
JOIN surestart.centre AS c USING (lot_id)
GROUP BY lp.lead_partner_id, lp.name, lp.sector
ORDER BY annual_value DESC, lead_partner;
SELECT lead_partner, sector, lots, centres, to_char(annual_value, 'FM999,999,990') AS "annual value (£)"
FROM partner_overview;
\copy (SELECT * FROM partner_overview) TO 'demo-report/lead_partners.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Latest Ofsted grades'
SELECT latest_grade, count(*) AS centres
FROM centre_overview
GROUP BY latest_grade
ORDER BY CASE latest_grade WHEN 'not yet inspected' THEN 6 WHEN 'grade not recorded' THEN 5
		 ELSE latest_grade::surestart.ofsted_grade::integer END;
SELECT (SELECT count(*) FROM surestart.centre) AS centres,
	   count(*) AS lots,
	   to_char(sum(annual_value), 'FM999,999,990.00') AS "total annual value (£)"
FROM surestart.lot;

\echo
\echo 'SYNTHETIC PEOPLE. The families, children, registrations and contacts below are'
\echo 'made up by data/synthetic_norfolk.sql (deterministic), calibrated to the ONS'
\echo 'under-five populations and the reach areas; they are not Norfolk''s real families.'
\echo 'Under-fives on 31 March 2014: ONS mid-2017 estimate against synthetic children aged'
\echo '0-4 living in the district; registered = open registration that day; 2013-14 contacts.'
CREATE TEMP VIEW synthetic_by_district AS
WITH kid AS (
	SELECT ch.child_id, l.district_code,
		   EXISTS (SELECT 1 FROM surestart.registration AS r
				   WHERE r.child_id = ch.child_id AND r.registered_on <= date '2014-03-31'
					 AND (r.ended_on IS NULL OR r.ended_on >= date '2014-03-31')) AS registered
	FROM surestart.child AS ch
	JOIN surestart.family AS f USING (family_id)
	JOIN surestart.lsoa AS l USING (lsoa_code)
	WHERE surestart.age_on(ch.dob, date '2014-03-31') < 5),
contacts AS (
	SELECT k.district_code, count(DISTINCT c.child_id) AS seen, count(*) AS contacts
	FROM kid AS k JOIN surestart.contact AS c USING (child_id)
	WHERE c.contact_on BETWEEN date '2013-04-01' AND date '2014-03-31'
	GROUP BY k.district_code),
ons AS (
	SELECT l.district_code, l.district_name, sum(p.persons) AS ons_under_fives
	FROM surestart.population AS p JOIN surestart.lsoa AS l USING (lsoa_code)
	WHERE p.mid_year = 2017
	GROUP BY l.district_code, l.district_name)
SELECT o.district_name AS district, o.ons_under_fives,
	   count(k.child_id) AS synthetic_under_fives,
	   count(*) FILTER (WHERE k.registered) AS registered,
	   round(100.0 * count(*) FILTER (WHERE k.registered) / o.ons_under_fives, 1) AS registered_pct,
	   c.seen, c.contacts
FROM ons AS o
LEFT JOIN kid AS k USING (district_code)
LEFT JOIN contacts AS c USING (district_code)
GROUP BY o.district_code, o.district_name, o.ons_under_fives, c.seen, c.contacts
ORDER BY o.district_name;
SELECT district, ons_under_fives AS "ONS 0-4", synthetic_under_fives AS "synthetic 0-4",
	   registered, registered_pct AS "registered %", seen AS "seen 2013-14", contacts AS "contacts 2013-14"
FROM synthetic_by_district
UNION ALL
SELECT 'Norfolk', sum(ons_under_fives), sum(synthetic_under_fives), sum(registered),
	   round(100.0 * sum(registered) / sum(ons_under_fives), 1), sum(seen), sum(contacts)
FROM synthetic_by_district;
\copy (SELECT * FROM synthetic_by_district) TO 'demo-report/synthetic_by_district.csv' WITH (FORMAT csv, HEADER)
SELECT (SELECT count(*) FROM surestart.family) AS families,
	   (SELECT count(*) FROM surestart.carer) AS carers,
	   (SELECT count(*) FROM surestart.child) AS children,
	   (SELECT count(*) FROM surestart.registration) AS registrations,
	   (SELECT count(*) FROM surestart.contact) AS contacts,
	   (SELECT count(*) FROM surestart.eyfs_result) AS "EYFS pupils";
\echo
\echo '===================================================================================='
\echo 'REPORTS FOR 2013-14 from the extension''s views (synthetic people, real places)'
\echo '===================================================================================='
\echo
\echo 'Reach by centre, 2013-14 (percentages of the under-fives of each reach area)'
SELECT centre, under_fives, registered, registered_pct AS "reg %", registered_words,
	   seen, seen_pct AS "seen %", seen_words, sustained, sustained_pct AS "sust %", families_seen
FROM surestart.centre_reach WHERE period = '2013-14' ORDER BY centre;
\copy (SELECT * FROM surestart.centre_reach WHERE period = '2013-14' ORDER BY centre) TO 'demo-report/centre_reach.csv' WITH (FORMAT csv, HEADER)
\copy (SELECT * FROM surestart.centre_reach_deprived WHERE period = '2013-14' ORDER BY centre) TO 'demo-report/centre_reach_deprived.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'County by quarter: all areas and the 30% most deprived (IDACI)'
SELECT scope, period, under_fives, registered_pct AS "reg %", seen_pct AS "seen %", sustained_pct AS "sust %", seen_words
FROM surestart_internal.reach_figures WHERE level = 'county' ORDER BY scope, period_start, kind DESC;

\echo
\echo 'Target-group coverage, county, 2013-14 (registered families in each group)'
SELECT label, families, any_contact, any_contact_pct AS "any %", sustained, sustained_pct AS "sust %", any_contact_words
FROM surestart.target_group_coverage WHERE level = 'county' AND period = '2013-14' ORDER BY display_order;
\echo 'Target-group coverage by lead partner, 2013-14: any-contact % of three national groups'
SELECT unit_name AS lead_partner,
	   max(any_contact_pct) FILTER (WHERE target_group = 'teenage_parent') AS "teenage parents %",
	   max(any_contact_pct) FILTER (WHERE target_group = 'lone_parent') AS "lone parents %",
	   max(any_contact_pct) FILTER (WHERE target_group = 'workless_household') AS "workless %",
	   max(families) FILTER (WHERE target_group = 'lone_parent') AS "lone-parent families"
FROM surestart.target_group_coverage WHERE level = 'lead_partner' AND period = '2013-14'
GROUP BY unit_name ORDER BY unit_name;
\copy (SELECT * FROM surestart.target_group_coverage WHERE period = '2013-14' ORDER BY level, unit_id, display_order) TO 'demo-report/target_group_coverage.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'FSP (GLD) against contact: the 2012/13 results, published in the autumn of 2013, against 2013-14'
\echo 'contact (Norfolk 4.2.2; 1 = best; 95% intervals; "vs county" = differs from the county at 95%)'
SELECT centre, pupils, gld_pct AS "GLD %", gld_low_95 || '-' || gld_high_95 AS "95%", gld_vs_county AS "vs county",
	   fsp_rank, seen_pct AS "seen %", seen_vs_county AS "vs county", contact_rank, fsp_quartile_name,
	   CASE WHEN fsp_quartile_uncertain THEN 'yes' ELSE '' END AS "quartile uncertain", low_outcome_high_contact
FROM surestart.fsp_contact_ranking WHERE academic_year = '2012/13' ORDER BY fsp_rank, centre;
\echo 'FSP quartile against contact quartile, 2012/13 results against 2013-14 contact: low outcomes with high contact'
SELECT fsp_quartile_name AS "FSP quartile", contact_quartile AS "contact quartile", centres, centre_names
FROM surestart.fsp_contact_grid WHERE academic_year = '2012/13' AND (fsp_quartile = 4 OR contact_quartile = 1)
ORDER BY fsp_quartile, contact_quartile;
SELECT centre AS "low outcomes, high contact"
FROM surestart.fsp_contact_ranking WHERE academic_year = '2012/13' AND low_outcome_high_contact ORDER BY centre;
\copy (SELECT * FROM surestart.fsp_contact_grid ORDER BY academic_year, fsp_quartile, contact_quartile) TO 'demo-report/fsp_contact_grid.csv' WITH (FORMAT csv, HEADER)
\echo 'The county''s GLD beside the published comparators (DfE, data/dfe/SOURCES.md)'
SELECT academic_year, max(county_gld_pct) AS "county (ranked centres) %", max(comparator_gld_region) AS "East of England %",
	   max(comparator_gld_national) AS "England %"
FROM surestart.fsp_contact_ranking GROUP BY academic_year ORDER BY academic_year;
SELECT academic_year, centres, round(rho, 3) AS "Spearman's rho" FROM surestart.fsp_contact_correlation WHERE centres > 1;
\copy (SELECT * FROM surestart.fsp_contact_ranking ORDER BY academic_year, fsp_rank, centre) TO 'demo-report/fsp_contact_ranking.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Ofsted: latest inspection, when the next is due, and whether it is overdue on 31 March 2014 (setting reference_date)'
SELECT centre, inspected_on, framework, overall, next_due, overdue FROM surestart.ofsted_latest ORDER BY next_due NULLS LAST, centre;
\copy (SELECT * FROM surestart.ofsted_latest ORDER BY centre) TO 'demo-report/ofsted_latest.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Ofsted mix: share of graded centres Good or Outstanding, against the national benchmark'
SELECT unit_name, centres, graded, good_or_outstanding AS "good+", good_or_outstanding_pct AS "good+ %",
	   benchmark_pct AS "benchmark %", requires_improvement AS ri, inadequate, grade_not_recorded AS "not recorded", not_inspected
FROM surestart.ofsted_summary ORDER BY level DESC, centres DESC, unit_name;
\copy (SELECT * FROM surestart.ofsted_summary ORDER BY level, unit_id) TO 'demo-report/ofsted_summary.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Support and intervention levels (Ofsted grades newest first, latest quality and leadership ratings)'
SELECT centre, latest_grades, quality_rag, leadership_rag, level, level_name
FROM surestart.support_levels WHERE level > 1 ORDER BY level DESC, centre;
SELECT level_name, count(*) AS centres FROM surestart.support_levels GROUP BY level, level_name ORDER BY level;
\copy (SELECT * FROM surestart.support_levels ORDER BY centre) TO 'demo-report/support_levels.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Vulnerable families reached, 2013-14 (target_group.vulnerable): share of registered families seen, against every national group (fathers included)'
SELECT centre, families_seen, vulnerable_seen, vulnerable_seen_pct AS "vulnerable %", any_national_seen_pct AS "any national group %"
FROM surestart.vulnerable_reach WHERE period = '2013-14' ORDER BY level = 'county', vulnerable_seen_pct DESC, centre LIMIT 6;
SELECT centre, families_seen, vulnerable_seen, vulnerable_seen_pct AS "vulnerable %", any_national_seen_pct AS "any national group %"
FROM surestart.vulnerable_reach WHERE period = '2013-14' AND level = 'county';
\copy (SELECT * FROM surestart.vulnerable_reach WHERE period = '2013-14' ORDER BY level, centre_id) TO 'demo-report/vulnerable_reach.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Funded places: 2-year-olds (county, per term) and 3- and 4-year-olds (county, per term)'
SELECT term, dwp_eligible, taken_up_sept_2013, taken_up_sept_2014, taken_up_local, taken_up_total,
	   take_up_pct AS "take-up %", total_take_up_pct AS "total %"
FROM surestart.two_year_take_up WHERE level = 'total' ORDER BY term_start;
\echo
\echo 'Appendix 5: 2-year-old take-up by lot, Spring 2014 (synthetic), September 2013 places over the DWP list'
SELECT coalesce(lot_group, '') AS "group", CASE level WHEN 'lot' THEN lot_id || ' ' || lot_name
			WHEN 'lot_group' THEN lot_group || ' lots' ELSE 'Norfolk' END AS lot,
	   dwp_eligible AS "DWP list", taken_up_sept_2013 AS "Sept 2013", taken_up_sept_2014 AS "Sept 2014",
	   taken_up_local AS "local", taken_up_total AS total, take_up_pct AS "take-up %", total_take_up_pct AS "total %"
FROM surestart.two_year_take_up
WHERE term_start = '2014-01-01'
ORDER BY level = 'total', lot_group DESC NULLS LAST, level = 'lot_group', lot_name;
\echo
\echo 'Appendix 6: 3- and 4-year-olds by cohort (aged 3 or 4 on the 31 August before the school year), taking up when funded or in a reception class, over the children known and over the ONS population'
SELECT term, sum(three_year_olds) AS "3-year-olds", sum(three_taken_up) AS "taken up",
	   surestart.percent_of(sum(three_taken_up), sum(three_year_olds)) AS "%",
	   sum(four_year_olds) AS "4-year-olds", sum(four_taken_up) AS "taken up ",
	   surestart.percent_of(sum(four_taken_up), sum(four_year_olds)) AS "% ",
	   sum(in_school) AS "in school", surestart.percent_of(sum(taken_up), sum(eligible)) AS "of known %",
	   sum(ons_population) AS "ONS 3-4", surestart.percent_of(sum(taken_up), sum(ons_population)) AS "of ONS %"
FROM surestart.three_four_take_up GROUP BY term_start, term ORDER BY term_start;
\echo
\echo 'Appendix 9: building maintenance fund 2013-14, totals per fund, and sites whose contribution is not area x rate'
SELECT coalesce(fund, 'all') AS fund, sites, area_m2, contribution, expenditure, balance, mismatched_sites
FROM surestart.building_fund_balance WHERE level <> 'site' ORDER BY level, fund;
SELECT site_code, site_name, fund, area_m2, rate_per_m2, contribution, expected_contribution, contribution_difference
FROM surestart.building_fund_balance WHERE NOT contribution_matches ORDER BY site_code;
\copy (SELECT * FROM surestart.building_fund_balance ORDER BY financial_year, level, fund, site_code, site_name) TO 'demo-report/building_fund_balance.csv' WITH (FORMAT csv, HEADER)
\copy (SELECT * FROM surestart.two_year_take_up ORDER BY term_start, level, lot_group, lot_id) TO 'demo-report/two_year_take_up.csv' WITH (FORMAT csv, HEADER)
\copy (SELECT * FROM surestart.three_four_take_up ORDER BY centre_id, term_start) TO 'demo-report/three_four_take_up.csv' WITH (FORMAT csv, HEADER)
\copy (SELECT * FROM surestart.data_pack WHERE period = '2013-14' ORDER BY level, unit_id, measure) TO 'demo-report/data_pack.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Contract value, 2013-14: annual value per child registered, seen and in sustained contact (£)'
SELECT lot_id AS lot, lead_partner_id AS partner, to_char(annual_value, 'FM999,999,990') AS "annual value",
	   registered, seen, sustained, cost_per_registered, cost_per_seen, cost_per_sustained
FROM surestart.contract_value WHERE financial_year = '2013-14'
ORDER BY cost_per_seen DESC NULLS LAST;
\copy (SELECT * FROM surestart.contract_value ORDER BY financial_year, lot_id) TO 'demo-report/contract_value.csv' WITH (FORMAT csv, HEADER)

\echo
\echo '===================================================================================='
\echo 'PERFORMANCE MANAGEMENT, 2013-14 (targets: data/norfolk_targets.sql; RAGs and board'
\echo 'meetings synthetic)'
\echo '===================================================================================='
\echo
\echo 'Scorecard summary, 2013-14: measures against target per centre (worst colour first)'
SELECT overall_rag, count(*) AS centres, sum(greens) AS greens, sum(ambers) AS ambers, sum(reds) AS reds, sum(unrated) AS unrated
FROM surestart.scorecard_summary WHERE period = '2013-14'
GROUP BY overall_rag ORDER BY CASE overall_rag WHEN 'red' THEN 1 WHEN 'amber' THEN 2 WHEN 'green' THEN 3 ELSE 4 END;
SELECT centre, measures, greens, ambers, reds, unrated, overall_rag
FROM surestart.scorecard_summary WHERE period = '2013-14'
ORDER BY reds DESC, ambers DESC, centre LIMIT 15;
\copy (SELECT * FROM surestart.scorecard_summary ORDER BY period_start, kind DESC, centre) TO 'demo-report/scorecard_summary.csv' WITH (FORMAT csv, HEADER)
\echo 'Scorecard extract, 2013-14: registration measures and the red ones of the five centres with most reds'
SELECT s.centre, s.measure, s.actual, s.target, s.gap, s.rag, s.target_scope
FROM surestart.scorecard AS s
WHERE s.period = '2013-14'
  AND (s.measure IN ('registered_pct', 'deprived_registered_pct') AND s.centre_id IN ('village_green')
	   OR s.rag = 'red' AND s.centre_id IN (SELECT centre_id FROM surestart.scorecard_summary WHERE period = '2013-14'
											ORDER BY reds DESC, centre LIMIT 5))
ORDER BY s.centre, s.display_order;
\echo 'Year-to-date scorecard: the county at each quarter end, the year to date against the year''s targets'
\echo '(registration is due by 30 September: not rated at 30 June, rated from 30 September on)'
SELECT s.period, s.measure, count(*) AS centres,
	   count(*) FILTER (WHERE s.rag = 'green') AS green, count(*) FILTER (WHERE s.rag = 'amber') AS amber,
	   count(*) FILTER (WHERE s.rag = 'red') AS red, count(*) FILTER (WHERE s.rag IS NULL) AS unrated
FROM surestart.scorecard AS s
WHERE s.measure IN ('registered_pct', 'seen_pct', 'sustained_pct')
GROUP BY s.period, s.period_end, s.measure, s.display_order
ORDER BY s.display_order, s.period_end;
\copy (SELECT * FROM surestart.scorecard WHERE period = '2013-14' ORDER BY centre, display_order) TO 'demo-report/scorecard.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Inspection risk, 2013-14 Q4 (DOMAIN rules, weights in setting): medium and high'
SELECT centre, score, band, not_yet_inspected AS "not inspected", due_within_year AS "due < 1 yr", reasons
FROM surestart.inspection_risk WHERE period = '2013-14 Q4' AND band <> 'low'
ORDER BY score DESC, centre;
SELECT band, count(*) AS centres FROM surestart.inspection_risk WHERE period = '2013-14 Q4'
GROUP BY band ORDER BY CASE band WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END;
\copy (SELECT * FROM surestart.inspection_risk WHERE period = '2013-14 Q4' ORDER BY score DESC, centre) TO 'demo-report/inspection_risk.csv' WITH (FORMAT csv, HEADER)
\echo 'Support level beside the risk (latest quarter ended)'
SELECT level_name, risk_band, count(*) AS centres FROM surestart.support_levels
GROUP BY level, level_name, risk_band ORDER BY level, CASE risk_band WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END;

\echo
\echo 'Governance, 2013-14: advisory boards (3 required), annual conversation, parent forums'
SELECT compliant, count(*) AS centres, round(avg(advisory_board_meetings), 1) AS "avg boards",
	   count(*) FILTER (WHERE annual_conversation_held) AS conversations, sum(parent_forum_meetings) AS forums
FROM surestart.governance WHERE financial_year = '2013-14' GROUP BY compliant ORDER BY compliant;
SELECT reasons, count(*) AS centres FROM surestart.governance WHERE financial_year = '2013-14' AND NOT compliant
GROUP BY reasons ORDER BY centres DESC, reasons;
\copy (SELECT * FROM surestart.governance WHERE financial_year = '2013-14' ORDER BY centre) TO 'demo-report/governance.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Contact profile, 2013-14, county: children seen and contacts by age on 31 March 2014'
SELECT sum(children_seen) AS seen, sum(contacts) AS contacts,
	   sum(contacts_under_1) AS "contacts <1", sum(contacts_age_1) AS "age 1", sum(contacts_age_2) AS "age 2",
	   sum(contacts_age_3) AS "age 3", sum(contacts_age_4) AS "age 4",
	   round(100.0 * (sum(contacts_under_1) + sum(contacts_age_1)) / nullif(sum(contacts), 0), 1) AS "under-twos %",
	   sum(home_visits) AS "home visits", sum(antenatal_contacts) AS antenatal,
	   sum(seen_under_plan) AS "seen under a plan", sum(first_seen) AS "first seen", sum(new_registered) AS "new registrations"
FROM surestart.contact_profile WHERE period = '2013-14';
\copy (SELECT * FROM surestart.contact_profile WHERE period = '2013-14' ORDER BY centre) TO 'demo-report/contact_profile.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'Quarterly snapshots: take_snapshot() for each quarter of 2013-14, as the scheduled job would take them'
SELECT s.period, s.kind, s.centres, s.coverage_centres AS "centres with coverage"
FROM (VALUES (date '2013-06-30'), (date '2013-09-30'), (date '2013-12-31'), (date '2014-04-01')) AS d(day)
CROSS JOIN LATERAL surestart.take_snapshot(d.day) AS s;
\echo 'Reach trend from the stored snapshots: seen % by quarter, ten largest reach areas'
SELECT centre,
	   max(seen_pct) FILTER (WHERE period = '2013-14 Q1') AS "Q1 seen %",
	   max(seen_pct) FILTER (WHERE period = '2013-14 Q2') AS "Q2 seen %",
	   max(seen_pct) FILTER (WHERE period = '2013-14 Q3') AS "Q3 seen %",
	   max(seen_pct) FILTER (WHERE period = '2013-14 Q4') AS "Q4 seen %",
	   max(seen_change) FILTER (WHERE period = '2013-14 Q4') AS "Q4 seen change",
	   max(seen_pct) FILTER (WHERE period = '2013-14') AS "year seen %"
FROM surestart.reach_trend
GROUP BY centre_id, centre
ORDER BY max(under_fives) DESC, centre
LIMIT 10;
\copy (SELECT * FROM surestart.reach_trend ORDER BY centre_id, kind, period_end) TO 'demo-report/reach_trend.csv' WITH (FORMAT csv, HEADER)
\copy (SELECT * FROM surestart.coverage_trend ORDER BY centre_id, kind, period_end, display_order) TO 'demo-report/coverage_trend.csv' WITH (FORMAT csv, HEADER)

\echo
\echo 'CSV copies of these tables are in demo-report/. The people in them are synthetic.'

-- ---------------------------------------------------------------- funnel plots (issue 15)
-- Centres outside the 99.8% funnel limits around the county's pooled rate
-- (reach_funnel; doc/funnel.md explains how to read it).
\echo
\echo 'Funnel plot, 2013-14: centres outside the 99.8% limits around the county rate, registration and sustained contact'
\echo '(Wilson score limits for each centre''s under-fives; "adjusted" widens them for the spread between centres, Spiegelhalter 2005)'
SELECT measure, centre, numerator, denominator, rate AS "rate %", round(100 * p0::numeric, 1) AS "county %",
	   round(100 * low_998::numeric, 1) AS "99.8% low", round(100 * high_998::numeric, 1) AS "99.8% high",
	   position, position_adjusted AS adjusted
FROM surestart.reach_funnel
WHERE period = '2013-14' AND measure IN ('registered', 'sustained') AND position IN ('above 99.8%', 'below 99.8%')
ORDER BY measure, position, rate DESC, centre;
\echo 'Overdispersion: phi well above 1 means centres differ by more than chance; outside 99.8% before and after adjusting'
SELECT measure, count(*) AS centres, round(max(phi)::numeric, 1) AS phi, round(max(tau2)::numeric, 5) AS tau2,
	   count(*) FILTER (WHERE position IN ('above 99.8%', 'below 99.8%')) AS "outside 99.8%",
	   count(*) FILTER (WHERE position_adjusted IN ('above 99.8%', 'below 99.8%')) AS "outside 99.8% adjusted",
	   count(*) FILTER (WHERE position_adjusted IN ('above 95%', 'below 95%')) AS "outside 95% only, adjusted"
FROM surestart.reach_funnel
WHERE period = '2013-14' AND measure IN ('registered', 'sustained')
GROUP BY measure ORDER BY measure;
\copy (SELECT * FROM surestart.reach_funnel WHERE period = '2013-14' ORDER BY measure, centre_id) TO 'demo-report/reach_funnel.csv' WITH (FORMAT csv, HEADER)
-- ---------------------------------------------------------------- end of funnel plots

-- ---------------------------------------------------------------- IoD2019 and IoD2025 (issue 19)
-- The 2021 LSOAs, the ONS LSOA11-LSOA21 lookup and IoD2025 are loaded by
-- data/load_geography.sql.  Norfolk's IoD2025 extract has no IDACI, so the
-- editions are compared on the IMD (doc/geography.md); IoD2025 is carried
-- to the 2011 reach areas by the lookup (split: any part; merged: the 2021 LSOA).
\echo
\echo 'Deprivation editions: reach-area LSOAs (2011) in the most deprived 30% by IMD 2019 and by IMD 2025'
SELECT change, count(*) AS lsoas
FROM surestart.most_deprived_change('iod2019_imd', 'iod2025_imd')
WHERE vintage = 2011 AND centre_id IS NOT NULL
GROUP BY change ORDER BY change;
\echo 'What that does to deprived-only reach, 2013-14: centres whose most deprived LSOAs change (IMD 2019 -> IMD 2025)'
SELECT coalesce(a.centre, b.centre) AS centre,
	   coalesce(a.lsoas, 0) AS "LSOAs 2019", coalesce(b.lsoas, 0) AS "LSOAs 2025",
	   coalesce(a.under_fives, 0) AS "under-5s 2019", coalesce(b.under_fives, 0) AS "under-5s 2025",
	   a.seen_pct AS "seen % 2019", b.seen_pct AS "seen % 2025"
FROM (SELECT * FROM surestart.deprived_reach_by_index WHERE period = '2013-14' AND index_used = 'iod2019_imd') AS a
FULL JOIN (SELECT * FROM surestart.deprived_reach_by_index WHERE period = '2013-14' AND index_used = 'iod2025_imd') AS b
  USING (centre_id)
WHERE coalesce(a.lsoas, 0) <> coalesce(b.lsoas, 0) OR coalesce(a.under_fives, 0) <> coalesce(b.under_fives, 0)
ORDER BY abs(coalesce(b.under_fives, 0) - coalesce(a.under_fives, 0)) DESC, 1;
\copy (SELECT * FROM surestart.deprived_reach_by_index WHERE kind = 'year' ORDER BY centre_id, period, index_used) TO 'demo-report/deprived_reach_by_index.csv' WITH (FORMAT csv, HEADER)
-- ---------------------------------------------------------------- end of IoD2019 and IoD2025
