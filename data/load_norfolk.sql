-- Load the Norfolk 2014 demo data into the surestart tables.
-- Run with psql from the repository's top directory, in a database where
-- CREATE EXTENSION surestart has been run, as one transaction:
--     psql -v ON_ERROR_STOP=1 --single-transaction -f data/load_norfolk.sql
-- The CSV files are read as published (see data/norfolk/SOURCE.md and
-- data/ons/SOURCES.md) into temporary tables, then inserted through the
-- extension's tables so that every constraint applies. Choices made here
-- are listed in data/README.md.
\set ON_ERROR_STOP on

CREATE TEMP TABLE src_lead_partner (code text, name text, sector text, annual_value_reported text, note text);
\copy src_lead_partner FROM 'data/norfolk/lead_partners.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE src_lot (lot text, lot_name text, lead_partner text, contract_ref text, contract_ref_as_printed text,
	contract_start date, contract_end date, total_value numeric, annual_value numeric, tendered text, note text);
\copy src_lot FROM 'data/norfolk/lots.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE src_centre (centre text, short_name text, lot text, lead_partner text, lot_basis text, aliases text);
\copy src_centre FROM 'data/norfolk/centres.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE src_centre_id (centre text, centre_id text, district_code text);
\copy src_centre_id FROM 'data/norfolk/centre_ids.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE src_inspection (group_id text, inspection_date date, centre text, centre_as_printed text, framework text,
	overall_grade text, status text, date_as_printed text, source text, note text);
\copy src_inspection FROM 'data/norfolk/ofsted_inspections.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE src_building (code text, site text, area_m2 numeric, fund text, rate_per_m2 numeric, contribution numeric,
	expenditure numeric, balance numeric, centre text, note text);
\copy src_building FROM 'data/norfolk/building_maintenance.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE src_iod (lsoa_code text, lsoa_name text, district_code text, district_name text,
	imd_rank integer, imd_decile integer, idaci_rank integer, idaci_decile integer, idaopi_rank integer, idaopi_decile integer);
\copy src_iod FROM 'data/ons/norfolk_iod2019_imd_idaci_lsoa11.csv' WITH (FORMAT csv, HEADER)
CREATE TEMP TABLE src_population (mid_year integer, lsoa_code text, lsoa_name text, total integer,
	age_0 integer, age_1 integer, age_2 integer, age_3 integer, age_4 integer);
\copy src_population FROM 'data/ons/norfolk_pop_mid2017_2019_2020_lsoa11_age0to4.csv' WITH (FORMAT csv, HEADER)

-- The demo reports as at 31 March 2014, the end of the year the papers
-- cover: an inspection is overdue or not as it was then (ofsted_latest).
UPDATE surestart.setting SET value = '2014-03-31' WHERE name = 'reference_date';

INSERT INTO surestart.lead_partner (lead_partner_id, name, sector)
	SELECT code, name, sector FROM src_lead_partner;

-- A contract covers the lots that share its reference: its period spans
-- theirs and its value is the sum of their totals as printed.
INSERT INTO surestart.contract (contract_ref, lead_partner_id, starts_on, ends_on, total_value)
	SELECT contract_ref, min(lead_partner), min(contract_start), max(contract_end), sum(total_value)
	FROM src_lot WHERE contract_ref IS NOT NULL
	GROUP BY contract_ref;

-- Lots 30a and 30b share one printed annual value; Appendix 1 splits it
-- (Emneth 224,794, West Walton 164,495), as lead_partners.csv records.
INSERT INTO surestart.lot (lot_id, name, lead_partner_id, contract_ref, annual_value)
	SELECT l.lot, l.lot_name, l.lead_partner, l.contract_ref,
		   CASE WHEN l.lot IN ('30a', '30b') THEN p.annual_value_reported::numeric ELSE l.annual_value END
	FROM src_lot AS l JOIN src_lead_partner AS p ON p.code = l.lead_partner;

-- A centre's group is its 2013-framework group inspection, where it had one.
INSERT INTO surestart.centre (centre_id, name, short_name, lot_id, group_id, district_code)
	SELECT i.centre_id, c.centre, c.short_name, c.lot, g.group_id, i.district_code
	FROM src_centre AS c
	JOIN src_centre_id AS i USING (centre)
	LEFT JOIN (SELECT centre, min(group_id) AS group_id FROM src_inspection
			   WHERE framework = '2013'
				 AND group_id IN (SELECT group_id FROM src_inspection GROUP BY group_id HAVING count(*) > 1)
			   GROUP BY centre) AS g USING (centre);

-- One inspection per group_id (G01 = 1, ...), listing every centre in it.
INSERT INTO surestart.ofsted_inspection (inspection_id, inspected_on, framework, status, overall)
	SELECT DISTINCT substr(group_id, 2)::bigint, inspection_date, framework, status,
		   overall_grade::surestart.ofsted_grade
	FROM src_inspection;
INSERT INTO surestart.inspected_centre (inspection_id, centre_id)
	SELECT substr(s.group_id, 2)::bigint, i.centre_id
	FROM src_inspection AS s JOIN src_centre_id AS i USING (centre);

INSERT INTO surestart.building_fund (site_code, site_name, centre_id, fund, area_m2, rate_per_m2,
		contribution, expenditure, financial_year)
	SELECT b.code, b.site, i.centre_id, b.fund, b.area_m2, b.rate_per_m2, b.contribution, b.expenditure, '2013-14'
	FROM src_building AS b LEFT JOIN src_centre_id AS i USING (centre);

INSERT INTO surestart.lsoa (lsoa_code, name, district_code, district_name, idaci_rank, idaci_decile,
		imd_rank, imd_decile, vintage)
	SELECT lsoa_code, lsoa_name, district_code, district_name, idaci_rank, idaci_decile, imd_rank, imd_decile, 2011
	FROM src_iod;

INSERT INTO surestart.population (lsoa_code, mid_year, age, persons)
	SELECT p.lsoa_code, p.mid_year, a.age, a.persons
	FROM src_population AS p,
		 LATERAL (VALUES (0, p.age_0), (1, p.age_1), (2, p.age_2), (3, p.age_3), (4, p.age_4)) AS a(age, persons);

-- Reach areas: data/norfolk/reach_areas.csv, written by scripts/make-reach-areas
-- from the ONS LSOA-to-ward lookup (rule in data/README.md). Each LSOA goes to
-- one centre of its own district from 1 April 2012, with no end date.
CREATE TEMP TABLE src_reach_area (lsoa_code text, lsoa_name text, district_code text, ward_code text, ward_name text,
	centre_id text, basis text, valid_from date);
\copy src_reach_area FROM 'data/norfolk/reach_areas.csv' WITH (FORMAT csv, HEADER)
INSERT INTO surestart.reach_area (lsoa_code, valid_from, centre_id, valid_to)
	SELECT lsoa_code, valid_from, centre_id, NULL FROM src_reach_area;
