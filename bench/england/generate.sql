-- bench/england/generate.sql: England-sized data for the benchmark, 2013-14.
--
-- EVERY PERSON HERE IS MADE UP.  The geography is real: the 32,844 English
-- LSOAs (2011) with their IoD2019 IDACI and IMD ranks and deciles and their
-- districts, the ONS mid-2020 estimates of under-fives per LSOA and single
-- year of age, and the district-to-county lookup (data/ons/england_*.csv,
-- attribution in data/ons/SOURCES.md).  On it this script makes up:
--   - 2,882 centres (psql variable centres), shared out among the 317
--     districts in proportion to their LSOAs, each district's LSOAs dealt
--     out to its centres in name order (so neighbours share a centre); one
--     LSOA in a hundred moves to the next centre on 1 October 2013;
--   - lots of up to three centres of a district, run by the county's own
--     council or by one of 24 national organisations, with contracts;
--   - one child per person aged 0-4 that ONS counted in mid-2020 (3.24M),
--     aged so on 2014-03-31, in about 2.4M families (27 children to 20
--     families) with carers and family circumstances;
--   - registrations for about two thirds of the children, social-care
--     episodes, funded two-year-old places, and about 8.9M contacts in
--     2013-14 stored in date order, as a warehouse loading daily extracts
--     would hold them; modes face_to_face and phone (always), nursery_session
--     (once_per_term), text_message and letter (never).
--
-- Deterministic: every draw is pg_temp.u(key, salt), a keyed hash of a row's
-- own id mapped onto [0, 1), as in data/synthetic_norfolk.sql, so the same
-- rows, ids included, come out on every run whatever plan the server picks.
--
-- Variables (psql -v): centres (default 2882); districts=N for a quick
-- trial that makes centres and people only in the first N districts.
--
-- Run from the repository's top directory (the \copy paths are relative)
-- in a database where CREATE EXTENSION surestart has been run and that
-- holds no data yet:
--     psql -X -v ON_ERROR_STOP=1 -d DB -f bench/england/generate.sql
-- It loads in one transaction (everything or nothing), straight into the
-- extension's tables (INSERT ... SELECT, every constraint, foreign key and
-- trigger in force; the public files go through import_iod2019 and
-- import_ons_population), then VACUUMs and ANALYZEs the tables it filled,
-- and prints what it made and how long each step took.
\set ON_ERROR_STOP on
\pset pager off
\if :{?centres}
\else
\set centres 2882
\endif

SELECT clock_timestamp() AS generate_started \gset
BEGIN;

-- Refuse to add to existing data: ids would clash, and the benchmark's
-- figures would mean nothing.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM surestart.lsoa) OR EXISTS (SELECT 1 FROM surestart.centre)
	   OR EXISTS (SELECT 1 FROM surestart.child) OR EXISTS (SELECT 1 FROM surestart.contact) THEN
		RAISE EXCEPTION 'the database already holds surestart data'
			USING HINT = 'Generate into a fresh database, or DROP EXTENSION surestart CASCADE and CREATE EXTENSION surestart first.';
	END IF;
END
$$;

CREATE FUNCTION pg_temp.u(k bigint, salt integer) RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN (pg_catalog.hashint8extended(k, salt) & 9007199254740991)::double precision / 9007199254740992;

-- Step timings, printed at the end.
CREATE TEMP TABLE eng_step (step text, seconds numeric, n bigint, at timestamptz DEFAULT clock_timestamp());
INSERT INTO eng_step VALUES ('start', 0, NULL, :'generate_started');
CREATE FUNCTION pg_temp.step(label text, made bigint DEFAULT NULL) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO eng_step (step, seconds, n)
	SELECT label, round(extract(epoch FROM clock_timestamp() - max(e.at))::numeric, 1), made FROM eng_step AS e;
$$;

/* ---------------------------------------------------------------- public files */

\copy surestart_staging.iod2019_lsoa FROM 'data/ons/england_iod2019_imd_idaci_lsoa11.csv' WITH (FORMAT csv, HEADER)
SELECT table_name, loaded, rejected FROM surestart.import_iod2019(2011) WHERE loaded > 0 OR rejected > 0;
\copy surestart_staging.ons_population (lsoa11_code, lsoa11_name, total_population, age_0, age_1, age_2, age_3, age_4) FROM 'data/ons/england_pop_mid2020_lsoa11_age0to4.csv' WITH (FORMAT csv, HEADER)
SELECT table_name, loaded, rejected FROM surestart.import_ons_population(2020) WHERE loaded > 0 OR rejected > 0;
CREATE TEMP TABLE eng_utla (ltla21_name text, ltla21_code text, utla21_name text, utla21_code text);
\copy eng_utla FROM 'data/ons/england_wales_lookup_lad21_utla21.csv' WITH (FORMAT csv, HEADER)
DO $$
BEGIN
	IF (SELECT count(*) FROM surestart.lsoa) <> 32844
	   OR (SELECT count(*) FROM surestart.population WHERE mid_year = 2020) <> 5 * 32844 THEN
		RAISE EXCEPTION 'the public files did not load whole (see surestart.load_reject)';
	END IF;
END
$$;
-- Each table is analysed once filled, so that the statements below (and
-- the foreign-key checks of the rows that refer to it) get sensible plans.
ANALYZE surestart.lsoa, surestart.population;
SELECT pg_temp.step('public files: 32,844 LSOAs and their under-fives', (SELECT sum(persons) FROM surestart.population)) \g /dev/null

/* ---------------------------------------------------------------- centres, lots, lead partners */

-- Districts (LAD 2019) and their county or unitary authority (UTLA 2021).
-- The lookup is of 2021 districts: the four Buckinghamshire districts that
-- merged in 2020 and the seven Northamptonshire districts that merged in
-- 2021 go to their former counties.
CREATE TEMP TABLE eng_district AS
SELECT d.district_code, d.district_name, d.n_lsoa, d.district_no,
	   coalesce(u.utla21_code, CASE WHEN d.district_code BETWEEN 'E07000004' AND 'E07000007' THEN 'E10000002'
									WHEN d.district_code BETWEEN 'E07000150' AND 'E07000156' THEN 'E10000021' END) AS utla_code,
	   coalesce(u.utla21_name, CASE WHEN d.district_code BETWEEN 'E07000004' AND 'E07000007' THEN 'Buckinghamshire'
									WHEN d.district_code BETWEEN 'E07000150' AND 'E07000156' THEN 'Northamptonshire' END) AS utla_name
FROM (SELECT district_code, min(district_name) AS district_name, count(*) AS n_lsoa,
			 row_number() OVER (ORDER BY district_code) AS district_no
	  FROM surestart.lsoa GROUP BY district_code) AS d
LEFT JOIN eng_utla AS u ON u.ltla21_code = d.district_code;

-- Centres per district in proportion to its LSOAs (at least one), by
-- largest remainders so that they add up to :centres.
ALTER TABLE eng_district ADD n_centres integer;
UPDATE eng_district AS d SET n_centres = a.n
FROM (
	SELECT district_code, base + CASE WHEN rk <= spare THEN 1 ELSE 0 END AS n
	FROM (SELECT district_code, base, quota,
				 row_number() OVER (ORDER BY quota - floor(quota) DESC, district_code) AS rk,
				 :centres - sum(base) OVER () AS spare
		  FROM (SELECT district_code, quota, greatest(1, floor(quota))::integer AS base
				FROM (SELECT district_code, :centres * n_lsoa::numeric / sum(n_lsoa) OVER () AS quota
					  FROM eng_district) AS q) AS b) AS r
) AS a
WHERE a.district_code = d.district_code;

-- A quick trial (psql variable districts = N): only the first N districts,
-- by code, get centres and people; the rest of England stays empty.
\if :{?districts}
DELETE FROM eng_district WHERE district_no > :districts;
\endif

CREATE TEMP TABLE eng_centre AS
SELECT d.district_code || '-' || lpad((i.i + 1)::text, 2, '0') AS centre_id,
	   d.district_code, d.district_name, d.utla_code, d.utla_name, d.n_centres, i.i AS idx,
	   d.district_no * 100 + i.i AS centre_no,
	   d.district_code || '-L' || lpad((i.i / 3 + 1)::text, 2, '0') AS lot_id,
	   d.district_no * 100 + i.i / 3 AS lot_no
FROM eng_district AS d
CROSS JOIN LATERAL generate_series(0, d.n_centres - 1) AS i(i);
ALTER TABLE eng_centre ADD PRIMARY KEY (centre_id);
-- A registration rate and a contact intensity of each centre's own.
ALTER TABLE eng_centre ADD reg_rate double precision, ADD contact_factor double precision;
UPDATE eng_centre SET reg_rate = 0.48 + 0.28 * pg_temp.u(centre_no, 1),
					  contact_factor = 0.35 + 1.3 * pg_temp.u(centre_no, 2);

-- Lots: each run by the county's council (55%) or by one of 24 national
-- organisations, under a three-year contract.
CREATE TEMP TABLE eng_lot AS
SELECT lot_id, lot_no, min(district_name) AS district_name, min(utla_code) AS utla_code, min(utla_name) AS utla_name,
	   count(*) AS n_centres,
	   CASE WHEN pg_temp.u(lot_no, 3) < 0.55 THEN 'LA-' || min(utla_code)
			ELSE 'ORG' || lpad((1 + floor(pg_temp.u(lot_no, 4) * 24))::integer::text, 2, '0') END AS lead_partner_id,
	   round(((120000 + 180000 * pg_temp.u(lot_no, 5)) * count(*))::numeric, -3) AS annual_value
FROM eng_centre GROUP BY lot_id, lot_no;

INSERT INTO surestart.lead_partner (lead_partner_id, name, sector)
SELECT DISTINCT 'LA-' || utla_code, utla_name || ' County Council', 'local_authority'
FROM eng_lot WHERE lead_partner_id LIKE 'LA-%'
UNION ALL
SELECT 'ORG' || lpad(n::text, 2, '0'),
	   'National ' || (ARRAY['childrens charity', 'family trust', 'community health trust', 'schools partnership',
							 'nursery group'])[s] || ' ' || n,
	   (ARRAY['voluntary', 'voluntary', 'health', 'school', 'private'])[s]
FROM generate_series(1, 24) AS n
CROSS JOIN LATERAL (SELECT CASE WHEN n <= 12 THEN 1 WHEN n <= 15 THEN 2 WHEN n <= 18 THEN 3 WHEN n <= 21 THEN 4 ELSE 5 END) AS x(s)
ORDER BY 1;

INSERT INTO surestart.contract (contract_ref, lead_partner_id, starts_on, ends_on, total_value)
SELECT 'EC' || lpad(lot_no::text, 6, '0'), lead_partner_id, date '2012-04-01', date '2015-03-31', annual_value * 3
FROM eng_lot WHERE lead_partner_id LIKE 'ORG%'
ORDER BY 1;

INSERT INTO surestart.lot (lot_id, name, lead_partner_id, contract_ref, annual_value)
SELECT lot_id, district_name || ' lot ' || right(lot_id, 2), lead_partner_id,
	   CASE WHEN lead_partner_id LIKE 'ORG%' THEN 'EC' || lpad(lot_no::text, 6, '0') END, annual_value
FROM eng_lot ORDER BY 1;

-- A third of the lots of two or more centres are inspected as a group.
INSERT INTO surestart.centre (centre_id, name, short_name, lot_id, group_id, district_code, opened_on)
SELECT c.centre_id, c.district_name || ' Childrens Centre ' || (c.idx + 1), left(c.district_name, 12) || ' ' || (c.idx + 1),
	   c.lot_id, CASE WHEN l.n_centres > 1 AND pg_temp.u(l.lot_no, 6) < 0.33 THEN c.lot_id END,
	   c.district_code, date '2004-04-01' + floor(pg_temp.u(c.centre_no, 7) * 2200)::integer
FROM eng_centre AS c JOIN eng_lot AS l USING (lot_id)
ORDER BY 1;

/* ---------------------------------------------------------------- reach areas */

-- Each district's LSOAs in name order ("Norwich 001A", ...: the number is the
-- MSOA, so neighbours are consecutive), dealt to its centres in even runs.
CREATE TEMP TABLE eng_lsoa AS
SELECT l.lsoa_code, row_number() OVER (ORDER BY l.lsoa_code) AS lsoa_no, l.district_code, l.idaci_decile,
	   (11 - l.idaci_decile) / 10.0::double precision AS dep,
	   l.district_code || '-' || lpad((floor((row_number() OVER w - 1) * d.n_centres::numeric / d.n_lsoa) + 1)::text, 2, '0')
		   AS first_centre_id,
	   d.n_centres
FROM surestart.lsoa AS l
JOIN eng_district AS d USING (district_code)
WINDOW w AS (PARTITION BY l.district_code ORDER BY l.name, l.lsoa_code);
-- One LSOA in a hundred moves to the district's next centre on 2013-10-01.
ALTER TABLE eng_lsoa ADD centre_id text;
UPDATE eng_lsoa AS l SET centre_id = CASE
	WHEN l.n_centres > 1 AND pg_temp.u(l.lsoa_no, 8) < 0.01
	THEN l.district_code || '-' || lpad(((right(l.first_centre_id, 2)::integer % l.n_centres) + 1)::text, 2, '0')
	ELSE l.first_centre_id END;
ALTER TABLE eng_lsoa ADD PRIMARY KEY (lsoa_no);
ANALYZE eng_district, eng_centre, eng_lot, eng_lsoa;

INSERT INTO surestart.reach_area (lsoa_code, valid_from, centre_id, valid_to)
SELECT lsoa_code, date '2012-04-01', first_centre_id,
	   CASE WHEN centre_id <> first_centre_id THEN date '2013-09-30' END
FROM eng_lsoa
UNION ALL
SELECT lsoa_code, date '2013-10-01', centre_id, NULL FROM eng_lsoa WHERE centre_id <> first_centre_id
ORDER BY 1, 2;
ANALYZE surestart.lead_partner, surestart.contract, surestart.lot, surestart.centre, surestart.reach_area;
SELECT pg_temp.step('centres, lots, lead partners, reach areas', (SELECT count(*) FROM surestart.centre)) \g /dev/null

/* ---------------------------------------------------------------- families and children */

-- For every LSOA and age 0-4, as many children aged so on 2014-03-31 as ONS
-- counted in mid-2020.  Within an LSOA they are interleaved by age
-- (0, 2, 4, 1, 3, 0, ...) and dealt into families by a repeating pattern
-- of 27 children in 20 families (14 of one child, 5 of two, 1 of three), so
-- brothers and sisters are mostly two years apart.
CREATE TEMP TABLE eng_child AS
SELECT x.family_id, x.family_id * 10 + x.member AS child_id, x.lsoa_no, x.dep, x.centre_id, x.age,
	   (date '2014-03-31' - make_interval(years => x.age))::date
		   - floor(pg_temp.u(x.family_id * 10 + x.member, 9) * 365)::integer AS dob
FROM (
	SELECT s.lsoa_no * 10000 + (s.pos / 27) * 20 + fam.o[s.pos % 27 + 1] + 1 AS family_id,
		   fam.m[s.pos % 27 + 1] AS member, s.lsoa_no, s.dep, s.centre_id, s.age
	FROM (
		SELECT l.lsoa_no, l.dep, l.centre_id, p.age,
			   row_number() OVER (PARTITION BY l.lsoa_no ORDER BY g.k, p.age % 2, p.age) - 1 AS pos
		FROM eng_lsoa AS l
		JOIN surestart.population AS p ON p.lsoa_code = l.lsoa_code AND p.mid_year = 2020
		CROSS JOIN LATERAL generate_series(1, p.persons) AS g(k)
	) AS s,
	(SELECT '{0,1,1,2,3,4,5,5,6,7,7,7,8,9,10,10,11,12,13,14,14,15,16,17,17,18,19}'::integer[] AS o,
			'{1,1,2,1,1,1,1,2,1,1,2,3,1,1,1,2,1,1,1,1,2,1,1,1,2,1,1}'::integer[] AS m) AS fam
) AS x;
ANALYZE eng_child;

-- Circumstances, likelier in more deprived LSOAs (as in the Norfolk demo).
CREATE TEMP TABLE eng_family AS
SELECT f.*, c.lone_parent,
	   pg_temp.u(f.family_id, 11) < CASE WHEN c.lone_parent THEN 0.30 + 0.15 * f.dep ELSE 0.04 + 0.10 * f.dep END AS workless
FROM (SELECT family_id, min(lsoa_no) AS lsoa_no, min(dep) AS dep, max(age) AS eldest_age
	  FROM eng_child GROUP BY family_id) AS f
CROSS JOIN LATERAL (SELECT pg_temp.u(f.family_id, 10) < 0.08 + 0.21 * f.dep AS lone_parent) AS c;
ALTER TABLE eng_family ADD PRIMARY KEY (family_id);
ANALYZE eng_family;

INSERT INTO surestart.family (family_id, lsoa_code, lone_parent, workless_household, workless_by_status,
		additional_language, minority_ethnic, priority_family, smoking_parent, local_groups)
SELECT f.family_id, l.lsoa_code, f.lone_parent, f.workless,
	   CASE WHEN f.workless THEN pg_temp.u(f.family_id, 12) < 0.8 ELSE pg_temp.u(f.family_id, 12) < 0.01 END,
	   pg_temp.u(f.family_id, 13) < 0.06 + 0.14 * f.dep,
	   pg_temp.u(f.family_id, 14) < 0.08 + 0.16 * f.dep,
	   pg_temp.u(f.family_id, 15) < CASE WHEN f.workless THEN 0.10 ELSE 0.01 END,
	   pg_temp.u(f.family_id, 16) < 0.06 + 0.16 * f.dep,
	   CASE WHEN pg_temp.u(f.family_id, 17) < 0.05 THEN '{1}'::integer[] ELSE '{}' END
FROM eng_family AS f
JOIN eng_lsoa AS l USING (lsoa_no)
ORDER BY f.family_id;
ANALYZE surestart.family;
SELECT pg_temp.step('families', (SELECT count(*) FROM eng_family)) \g /dev/null

-- Carers: a lone parent is one carer (a tenth of them fathers); other
-- families record a mother and a father, a tenth only one of them.  A
-- mother is 19-38 years older than her eldest child, or a teenager (some
-- families whose children are all under three, more in deprived LSOAs).
INSERT INTO surestart.carer (carer_id, family_id, dob, sex, disabled, pregnant)
SELECT f.family_id * 10 + n.n, f.family_id,
	   (date '2014-03-31' - make_interval(years => a.age))::date - floor(pg_temp.u(f.family_id * 10 + n.n, 23) * 365)::integer,
	   s.sex,
	   pg_temp.u(f.family_id * 10 + n.n, 24) < 0.05,
	   s.sex = 'F' AND a.age < 45 AND pg_temp.u(f.family_id * 10 + n.n, 25) < 0.07
FROM eng_family AS f
CROSS JOIN LATERAL (SELECT CASE WHEN f.eldest_age <= 2 AND pg_temp.u(f.family_id, 21) < 0.06 + 0.12 * f.dep
								THEN greatest(16 + floor(pg_temp.u(f.family_id, 22) * 4)::integer, f.eldest_age + 16)
								ELSE f.eldest_age + 19 + floor(pg_temp.u(f.family_id, 22) * 20)::integer END AS first_age,
						   CASE WHEN f.lone_parent AND pg_temp.u(f.family_id, 20) < 0.10 THEN 'M'
								WHEN NOT f.lone_parent AND pg_temp.u(f.family_id, 20) < 0.02 THEN 'M'
								ELSE 'F' END AS first_sex,
						   NOT f.lone_parent AND pg_temp.u(f.family_id, 20) >= 0.10 AS second) AS c
CROSS JOIN LATERAL (VALUES (1), (2)) AS n(n)
CROSS JOIN LATERAL (SELECT CASE WHEN n.n = 1 THEN c.first_sex ELSE 'M' END AS sex) AS s
CROSS JOIN LATERAL (SELECT CASE WHEN n.n = 1 THEN c.first_age
								ELSE greatest(18, c.first_age - 2 + floor(pg_temp.u(f.family_id, 26) * 10)::integer) END AS age) AS a
WHERE n.n = 1 OR c.second
ORDER BY 1;
SELECT pg_temp.step('carers', (SELECT count(*) FROM surestart.carer)) \g /dev/null

INSERT INTO surestart.child (child_id, family_id, dob, sex, disabled)
SELECT child_id, family_id, dob,
	   CASE WHEN pg_temp.u(child_id, 30) < 0.512 THEN 'M' ELSE 'F' END,
	   pg_temp.u(child_id, 31) < 0.02 + 0.005 * age
FROM eng_child
ORDER BY child_id;
ANALYZE surestart.child;
SELECT pg_temp.step('children', (SELECT count(*) FROM eng_child)) \g /dev/null

/* ---------------------------------------------------------------- registrations */

-- A child is registered (open on 2014-03-31) with its reach-area centre's
-- rate, a little higher in deprived LSOAs, at that centre or (3%) at
-- another centre of the district; another 4% have a registration that
-- ended before 2014-03-31.  A fifth of the babies were registered before
-- birth; the others some time after, most soon after.
CREATE TEMP TABLE eng_reg AS
SELECT x.child_id, x.dob, x.age, x.dep, x.contact_factor, x.centre_id, x.registered_on,
	   CASE WHEN x.r >= x.rate
			THEN x.registered_on + floor(pg_temp.u(x.child_id, 45) * (date '2014-03-31' - x.registered_on))::integer
	   END AS ended_on
FROM (
	SELECT ch.child_id, ch.dob, ch.age, ch.dep, c.contact_factor,
		   CASE WHEN pg_temp.u(ch.child_id, 41) < 0.03 AND c.n_centres > 1
				THEN c.district_code || '-' || lpad((((c.idx + 1 + floor(pg_temp.u(ch.child_id, 42) * (c.n_centres - 1))::integer)
													 % c.n_centres) + 1)::text, 2, '0')
				ELSE c.centre_id END AS centre_id,
		   CASE WHEN ch.age = 0 AND pg_temp.u(ch.child_id, 43) < 0.2
				THEN ch.dob - 30 - floor(pg_temp.u(ch.child_id, 44) * 120)::integer
				ELSE ch.dob + floor(pg_temp.u(ch.child_id, 44) ^ 2 * (date '2014-03-31' - ch.dob))::integer END AS registered_on,
		   pg_temp.u(ch.child_id, 40) AS r,
		   least(0.95, greatest(0.40, c.reg_rate + 0.12 * (ch.dep - 0.55))) AS rate
	FROM eng_child AS ch
	JOIN eng_centre AS c ON c.centre_id = ch.centre_id
) AS x
WHERE x.r < x.rate + 0.04;
ANALYZE eng_reg;

INSERT INTO surestart.registration (child_id, centre_id, registered_on, ended_on)
SELECT child_id, centre_id, registered_on, ended_on FROM eng_reg ORDER BY child_id;
ANALYZE surestart.registration;
SELECT pg_temp.step('registrations', (SELECT count(*) FROM eng_reg)) \g /dev/null

/* ---------------------------------------------------------------- social care */

-- Episodes of the four kinds, likelier in deprived LSOAs; a family support
-- process covers every child of the family; about half are still open.
CREATE TEMP TABLE eng_care AS
SELECT ch.child_id, k.kind, ch.dob, CASE k.kind WHEN 'family_support' THEN ch.family_id ELSE ch.child_id END AS key
FROM eng_child AS ch
CROSS JOIN LATERAL (VALUES
	('child_in_need', 50, 0.008 + 0.035 * ch.dep),
	('child_protection', 51, 0.002 + 0.010 * ch.dep),
	('looked_after', 52, 0.002 + 0.008 * ch.dep),
	('family_support', 53, 0.015 + 0.06 * ch.dep)) AS k(kind, salt, p)
WHERE pg_temp.u(CASE k.kind WHEN 'family_support' THEN ch.family_id ELSE ch.child_id END, k.salt) < k.p;
ANALYZE eng_care;

INSERT INTO surestart.social_care (child_id, kind, starts_on, ends_on)
SELECT child_id, kind, s.starts_on,
	   CASE WHEN pg_temp.u(key, 55) < 0.5 AND s.starts_on + s.length <= date '2014-03-31' THEN s.starts_on + s.length END
FROM eng_care
CROSS JOIN LATERAL (SELECT greatest(dob, date '2011-04-01')
							+ floor(pg_temp.u(key, 54) * (date '2014-03-31' - greatest(dob, date '2011-04-01')))::integer AS starts_on,
						   60 + floor(pg_temp.u(key, 56) * 540)::integer AS length) AS s
ORDER BY 1, 2;
ANALYZE surestart.social_care;
SELECT pg_temp.step('social care episodes', (SELECT count(*) FROM eng_care)) \g /dev/null

/* ---------------------------------------------------------------- funded two-year-old places */

-- Terms of 2013-14 from the one after the second birthday until the
-- universal entitlement: DWP-eligible (workless families, a quarter of
-- lone parents, a few others) or on a local criterion; take-up 58% in the
-- autumn term, 68% from January.
INSERT INTO surestart.two_year_place (child_id, term_start, dwp_eligible, criteria, taken_up)
SELECT t.child_id, t.term_start, t.dwp, CASE WHEN t.dwp THEN 'dwp' ELSE 'health visitor referral' END,
	   pg_temp.u(t.child_id, 83) < CASE WHEN t.dwp THEN t.p_take ELSE t.p_take + 0.1 END
FROM (
	SELECT ch.child_id, y.term_start, y.p_take,
		   f.workless OR (f.lone_parent AND pg_temp.u(ch.child_id, 80) < 0.25) OR pg_temp.u(ch.child_id, 81) < 0.01 + 0.03 * f.dep AS dwp,
		   pg_temp.u(ch.child_id, 82) < 0.03 AS local_criterion
	FROM eng_child AS ch
	JOIN eng_family AS f USING (family_id)
	CROSS JOIN (VALUES (date '2013-09-01', 0.58), (date '2014-01-01', 0.68)) AS y(term_start, p_take)
	WHERE ch.age BETWEEN 1 AND 3
	  AND surestart.funded_from((ch.dob - interval '1 year')::date) <= y.term_start
	  AND y.term_start < surestart.funded_from(ch.dob)
) AS t
WHERE t.dwp OR t.local_criterion
ORDER BY 1, 2;
SELECT pg_temp.step('two-year-old places', (SELECT count(*) FROM surestart.two_year_place)) \g /dev/null

/* ---------------------------------------------------------------- contacts */

-- Contacts in 2013-14 while a child's registration was open.  How many: a
-- mix (a quarter of children none, a quarter once or twice, some weekly),
-- scaled by the home centre's intensity, by deprivation, by age (most with
-- the youngest), doubled for children with a social-care episode, and by
-- the part of the year the registration was open.  95% are at the
-- registration centre, the others at another centre of the district.
-- Contact ids follow the date, as a source system's would, and the rows
-- are stored in that order; draws are keyed on child and contact number.
CREATE TEMP TABLE eng_contact_plan AS
SELECT r.child_id, r.dob, r.centre_id, c.district_code, c.idx, c.n_centres, w.lo, w.hi,
	   least(200, round(
		   CASE WHEN v.x < 0.25 THEN 0
				WHEN v.x < 0.52 THEN 1 + floor(pg_temp.u(r.child_id, 61) * 2)
				WHEN v.x < 0.80 THEN 3 + floor(pg_temp.u(r.child_id, 61) * 7)
				WHEN v.x < 0.96 THEN 10 + floor(pg_temp.u(r.child_id, 61) * 16)
				ELSE 35 + floor(pg_temp.u(r.child_id, 61) * 16) END
		   * r.contact_factor * (0.75 + 0.6 * r.dep) * (1.35 - 0.14 * r.age)
		   * CASE WHEN s.child_id IS NULL THEN 1 ELSE 2 END
		   * (w.hi - w.lo + 1) / 365.0 * 0.65))::integer AS n
FROM eng_reg AS r
JOIN eng_centre AS c ON c.centre_id = r.centre_id
LEFT JOIN (SELECT DISTINCT child_id FROM eng_care) AS s ON s.child_id = r.child_id
CROSS JOIN LATERAL (SELECT greatest(date '2013-04-01', r.registered_on) AS lo,
						   least(date '2014-03-31', coalesce(r.ended_on, date '2014-03-31')) AS hi) AS w
CROSS JOIN LATERAL (SELECT pg_temp.u(r.child_id, 60) AS x) AS v
WHERE w.lo <= w.hi;
DELETE FROM eng_contact_plan WHERE n = 0;
ANALYZE eng_contact_plan;
SELECT pg_temp.step('contact plan', (SELECT sum(n) FROM eng_contact_plan)) \g /dev/null

INSERT INTO surestart.contact (contact_id, child_id, centre_id, contact_on, mode, activity)
SELECT row_number() OVER (ORDER BY d.contact_on, k.key), p.child_id,
	   CASE WHEN pg_temp.u(k.key, 62) < 0.05 AND p.n_centres > 1
			THEN p.district_code || '-' || lpad((((p.idx + 1 + floor(pg_temp.u(k.key, 63) * (p.n_centres - 1))::integer)
												 % p.n_centres) + 1)::text, 2, '0')
			ELSE p.centre_id END,
	   d.contact_on, m.mode,
	   CASE WHEN d.contact_on < p.dob THEN 'antenatal'
			WHEN m.mode = 'nursery_session' THEN 'nursery session'
			WHEN m.mode IN ('letter', 'text_message') THEN 'information'
			WHEN m.mode = 'phone' THEN 'follow-up call'
			ELSE (ARRAY['stay and play', 'stay and play', 'stay and play', 'home visit', 'home visit',
						'baby clinic', 'baby massage', 'parenting course', 'speech and language',
						'messy play', 'family support', 'breastfeeding support'])
				 [1 + floor(pg_temp.u(k.key, 65) * 12)::integer] END
FROM eng_contact_plan AS p
CROSS JOIN LATERAL generate_series(1, p.n) AS g(j)
CROSS JOIN LATERAL (SELECT p.child_id * 1000 + g.j AS key) AS k
CROSS JOIN LATERAL (SELECT p.lo + floor(pg_temp.u(k.key, 64) * (p.hi - p.lo + 1))::integer AS contact_on) AS d
CROSS JOIN LATERAL (SELECT CASE WHEN x < 0.79 THEN 'face_to_face'
								WHEN x < 0.86 THEN 'phone'
								WHEN x < 0.94 THEN 'nursery_session'
								WHEN x < 0.98 THEN 'text_message'
								ELSE 'letter' END AS mode
					FROM (SELECT pg_temp.u(k.key, 66) AS x) AS mx) AS m
ORDER BY d.contact_on, k.key;
SELECT pg_temp.step('contacts', (SELECT sum(n) FROM eng_contact_plan)) \g /dev/null

DROP TABLE eng_utla, eng_district, eng_centre, eng_lot, eng_lsoa, eng_child, eng_family, eng_reg, eng_care, eng_contact_plan;
COMMIT;

/* ---------------------------------------------------------------- vacuum, summary */

-- Visibility map, hint bits and statistics, as autovacuum would leave
-- them, so that the first query timed does not pay for them.
SELECT clock_timestamp() AS vacuum_started \gset
VACUUM (ANALYZE) surestart.lead_partner, surestart.contract, surestart.lot, surestart.centre, surestart.lsoa,
	surestart.reach_area, surestart.population, surestart.family, surestart.carer, surestart.child,
	surestart.registration, surestart.social_care, surestart.two_year_place, surestart.contact;
SELECT round(extract(epoch FROM clock_timestamp() - :'vacuum_started'::timestamptz)::numeric, 1) AS vacuum_seconds,
	   round(extract(epoch FROM :'vacuum_started'::timestamptz - :'generate_started'::timestamptz)::numeric, 1) AS generate_seconds
\gset
INSERT INTO eng_step (step, seconds) VALUES ('vacuum (analyze)', :vacuum_seconds);

\echo '== England data (made-up people on real LSOAs): steps'
SELECT step, seconds, n AS rows FROM eng_step WHERE step <> 'start' ORDER BY at;
\echo '== England data: totals'
SELECT (SELECT count(*) FROM surestart.lsoa) AS lsoas,
	   (SELECT count(*) FROM surestart.centre) AS centres,
	   (SELECT count(*) FROM surestart.lot) AS lots,
	   (SELECT count(*) FROM surestart.lead_partner) AS lead_partners,
	   (SELECT sum(persons) FROM surestart.population) AS under_fives,
	   (SELECT count(*) FROM surestart.family) AS families,
	   (SELECT count(*) FROM surestart.carer) AS carers,
	   (SELECT count(*) FROM surestart.child) AS children,
	   (SELECT count(*) FROM surestart.registration) AS registrations,
	   (SELECT count(*) FROM surestart.contact) AS contacts,
	   (SELECT count(*) FROM surestart.social_care) AS social_care,
	   (SELECT count(*) FROM surestart.two_year_place) AS two_year_places,
	   pg_size_pretty(pg_database_size(current_database())) AS database_size;
\echo '== England data: generated in' :generate_seconds 's, then vacuum (analyze)' :vacuum_seconds 's'
DROP TABLE eng_step;
