-- Synthetic people for the Norfolk demo, 2013-14.
--
-- EVERY PERSON HERE IS MADE UP.  Families, carers, children, registrations,
-- contacts, social-care episodes, EYFS results, funded places, monitoring
-- RAGs and board meetings are generated; only the geography, deprivation,
-- populations, centres and reach areas they are built on are real (loaded
-- first by data/load_norfolk.sql).  The rules and rates are in
-- data/README.md ("Synthetic people").
--
-- Run after load_norfolk.sql, in the same transaction or a new one:
--     psql -v ON_ERROR_STOP=1 --single-transaction -f data/synthetic_norfolk.sql
-- It has no BEGIN/COMMIT of its own, so a test can \i it inside its own
-- transaction; set the psql variable synthetic_quiet to drop the summary line.
--
-- Deterministic: every "random" draw is pg_temp.u(key, salt), a keyed hash
-- of a row's own id mapped onto [0, 1).  Unlike random() after setseed(), the
-- draws do not depend on the order in which the planner happens to visit
-- rows (join methods, parallel workers, work_mem), so the same inputs give
-- the same rows, ids included, on every run.
\set ON_ERROR_STOP on

CREATE FUNCTION pg_temp.u(k bigint, salt integer) RETURNS double precision
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN (pg_catalog.hashint8extended(k, salt) & 9007199254740991)::double precision / 9007199254740992;

/* ---------------------------------------------------------------- places */

-- Centres: a registration rate and a contact intensity of their own, so
-- that centres differ the way real ones do.
CREATE TEMP TABLE syn_centre AS
SELECT c.centre_id, c.district_code,
	   row_number() OVER (ORDER BY c.centre_id) AS centre_no,
	   row_number() OVER (PARTITION BY c.district_code ORDER BY c.centre_id) - 1 AS idx,
	   count(*) OVER (PARTITION BY c.district_code) AS n_in_district,
	   c.lot_id
FROM surestart.centre AS c;
ALTER TABLE syn_centre ADD reg_rate double precision, ADD contact_factor double precision;
UPDATE syn_centre SET reg_rate = 0.56 + 0.36 * pg_temp.u(centre_no, 1),
					  contact_factor = 0.35 + 1.6 * pg_temp.u(centre_no, 2);
-- Norfolk's March 2014 report (4.2.2) set the 2012/13 EYFS results against
-- 2013-14 contact and found two centres in the bottom quartile of outcomes
-- and the top quartile of contact: Signpost and East City.  The synthetic
-- county keeps that finding: both get a high registration rate and the top
-- contact intensity here, and a lower GLD rate in 2012/13 (EYFS below).
UPDATE syn_centre SET reg_rate = 0.90, contact_factor = 1.95 WHERE centre_id IN ('signpost', 'east_city');

-- LSOAs: deprivation as dep, 1.0 in IDACI decile 1 (most deprived) down to
-- 0.1 in decile 10, and the centre whose reach area holds the LSOA.
CREATE TEMP TABLE syn_lsoa AS
SELECT l.lsoa_code, row_number() OVER (ORDER BY l.lsoa_code) AS lsoa_no, l.district_code, l.idaci_decile,
	   (11 - l.idaci_decile) / 10.0::double precision AS dep, r.centre_id
FROM surestart.lsoa AS l
JOIN surestart.reach_area AS r ON r.lsoa_code = l.lsoa_code
	AND r.valid_from <= date '2014-03-31' AND (r.valid_to IS NULL OR r.valid_to >= date '2014-03-31');

/* ---------------------------------------------------------------- families and children */

-- The cohort: for every LSOA and age 0-4, as many children aged so on
-- 2014-03-31 as ONS counted in mid-2017 (the denominator the counting rule
-- uses for 2013-14), and as many aged 5 as it counted aged 4 (they were
-- under five earlier in the year).  Within an LSOA the children are
-- interleaved by age (0, 2, 4, 1, 3, 5, 0, ...) and dealt into families by
-- a repeating pattern of sizes 1,2,1,1,3,1,2,1,2,1 (15 children, 10 families),
-- so siblings are mostly two years apart.
CREATE TEMP TABLE syn_cohort AS
SELECT s.*,
	   (s.pos / 15) * 10 + (ARRAY[0, 1, 1, 2, 3, 4, 4, 4, 5, 6, 6, 7, 8, 8, 9])[s.pos % 15 + 1] AS fam_in_lsoa
FROM (
	SELECT l.lsoa_no, a.age, g.k,
		   row_number() OVER (PARTITION BY l.lsoa_no ORDER BY g.k, a.age % 2, a.age) - 1 AS pos
	FROM syn_lsoa AS l
	JOIN surestart.population AS p ON p.lsoa_code = l.lsoa_code AND p.mid_year = 2017
	CROSS JOIN LATERAL (VALUES (p.age), (CASE WHEN p.age = 4 THEN 5 END)) AS a(age)
	CROSS JOIN LATERAL generate_series(1, p.persons) AS g(k)
	WHERE a.age IS NOT NULL
) AS s;

CREATE TEMP TABLE syn_family AS
SELECT l.lsoa_no * 10000 + c.fam_in_lsoa + 1 AS family_id, l.lsoa_code, l.lsoa_no, l.district_code,
	   l.dep, l.centre_id, max(c.age) AS eldest_age, count(*) AS under_sixes
FROM syn_cohort AS c JOIN syn_lsoa AS l USING (lsoa_no)
GROUP BY l.lsoa_no, c.fam_in_lsoa, l.lsoa_code, l.district_code, l.dep, l.centre_id;

-- Older brothers and sisters (6-10 on 2014-03-31) in about a third of the
-- families with fewer than three younger children.
CREATE TEMP TABLE syn_child AS
SELECT f.family_id * 10 + row_number() OVER (PARTITION BY f.family_id ORDER BY c.pos) AS child_id,
	   f.family_id, c.age, true AS cohort,
	   ((date '2014-03-31' - make_interval(years => c.age))::date
		- floor(pg_temp.u(c.lsoa_no * 100000 + c.age * 10000 + c.k, 3) * 365)::integer) AS dob
FROM syn_cohort AS c
JOIN syn_family AS f ON f.family_id = c.lsoa_no * 10000 + c.fam_in_lsoa + 1;
INSERT INTO syn_child (child_id, family_id, age, cohort, dob)
SELECT f.family_id * 10 + 5, f.family_id, a.age, false,
	   (date '2014-03-31' - make_interval(years => a.age))::date - floor(pg_temp.u(f.family_id, 5) * 365)::integer
FROM syn_family AS f
CROSS JOIN LATERAL (SELECT 6 + floor(pg_temp.u(f.family_id, 6) * 5)::integer AS age) AS a
WHERE f.under_sixes < 3 AND pg_temp.u(f.family_id, 4) < 0.33;
ALTER TABLE syn_child ADD PRIMARY KEY (child_id);
ANALYZE syn_child;
UPDATE syn_family AS f SET eldest_age = a.age
FROM (SELECT family_id, max(age) AS age FROM syn_child GROUP BY family_id) AS a
WHERE a.family_id = f.family_id AND a.age > f.eldest_age;
ANALYZE syn_family;

-- Family circumstances, likelier in more deprived LSOAs; rates over Norfolk
-- come out near lone parents 20%, workless 15%, EAL 8%, minority ethnic 10%,
-- smoking 15%, priority families 2-3%.
ALTER TABLE syn_family ADD lone_parent boolean, ADD workless boolean;
UPDATE syn_family SET lone_parent = pg_temp.u(family_id, 10) < 0.08 + 0.21 * dep;
UPDATE syn_family SET workless = pg_temp.u(family_id, 11)
	< CASE WHEN lone_parent THEN 0.30 + 0.15 * dep ELSE 0.04 + 0.10 * dep END;

INSERT INTO surestart.family (family_id, lsoa_code, lone_parent, workless_household, workless_by_status,
		additional_language, minority_ethnic, priority_family, smoking_parent, local_groups)
SELECT f.family_id, f.lsoa_code, f.lone_parent, f.workless,
	   CASE WHEN f.workless THEN pg_temp.u(f.family_id, 12) < 0.8 ELSE pg_temp.u(f.family_id, 12) < 0.01 END,
	   pg_temp.u(f.family_id, 13) < 0.03 + 0.09 * f.dep,
	   pg_temp.u(f.family_id, 14) < 0.04 + 0.10 * f.dep,
	   pg_temp.u(f.family_id, 15) < CASE WHEN f.workless THEN 0.10 ELSE 0.01 END,
	   pg_temp.u(f.family_id, 16) < 0.06 + 0.16 * f.dep,
	   ARRAY(SELECT g FROM (VALUES
			(1, pg_temp.u(f.family_id, 17) < 0.05),
			(2, f.district_code IN ('E07000143', 'E07000146') AND pg_temp.u(f.family_id, 18) < 0.05),
			(3, pg_temp.u(f.family_id, 19) < 0.01)) AS v(g, member)
		 WHERE member ORDER BY g)
FROM syn_family AS f
ORDER BY f.family_id;

-- Carers: a lone parent is one carer (a tenth of them fathers); other
-- families record two (mother and father), some only one of them.  A
-- mother is 19-38 years older than her eldest child, or (in about 4% of
-- families, all with no child over two, more often in deprived LSOAs) a
-- teenager.
CREATE TEMP TABLE syn_carer AS
SELECT f.family_id, f.eldest_age,
	   CASE WHEN f.lone_parent THEN CASE WHEN pg_temp.u(f.family_id, 20) < 0.10 THEN 'M' ELSE 'F' END
			WHEN pg_temp.u(f.family_id, 20) < 0.02 THEN 'M'
			ELSE 'F' END AS first_sex,
	   NOT f.lone_parent AND pg_temp.u(f.family_id, 20) >= 0.10 AS second,
	   CASE WHEN f.eldest_age <= 2 AND pg_temp.u(f.family_id, 21) < 0.08 + 0.16 * f.dep
			THEN greatest(17 + floor(pg_temp.u(f.family_id, 22) * 3)::integer, f.eldest_age + 16)
			ELSE f.eldest_age + 19 + floor(pg_temp.u(f.family_id, 22) * 20)::integer END AS first_age
FROM syn_family AS f;

INSERT INTO surestart.carer (carer_id, family_id, dob, sex, disabled, pregnant)
SELECT c.family_id * 10 + n.n, c.family_id,
	   (date '2014-03-31' - make_interval(years => a.age))::date
		- floor(pg_temp.u(c.family_id * 10 + n.n, 23) * 365)::integer,
	   s.sex,
	   pg_temp.u(c.family_id * 10 + n.n, 24) < 0.05,
	   s.sex = 'F' AND a.age < 45 AND pg_temp.u(c.family_id * 10 + n.n, 25) < 0.07
FROM syn_carer AS c
CROSS JOIN LATERAL (VALUES (1), (2)) AS n(n)
CROSS JOIN LATERAL (SELECT CASE WHEN n.n = 1 THEN c.first_sex ELSE 'M' END AS sex) AS s
CROSS JOIN LATERAL (SELECT CASE WHEN n.n = 1 THEN c.first_age
								ELSE greatest(18, c.first_age - 2 + floor(pg_temp.u(c.family_id, 26) * 10)::integer)
						   END AS age) AS a
WHERE n.n = 1 OR c.second
ORDER BY 1;

INSERT INTO surestart.child (child_id, family_id, dob, sex, disabled)
SELECT child_id, family_id, dob,
	   CASE WHEN pg_temp.u(child_id, 30) < 0.512 THEN 'M' ELSE 'F' END,
	   pg_temp.u(child_id, 31) < 0.02 + 0.005 * age
FROM syn_child
ORDER BY child_id;

/* ---------------------------------------------------------------- registrations */

-- Each cohort child is registered (open on 2014-03-31) with probability
-- its reach-area centre's rate, a little higher in deprived LSOAs; most at
-- that centre, 3% at another centre of the district.  Another 4% have a
-- registration that ended before 2014-03-31 (moved away).  A fifth of this
-- year's babies were registered before birth (antenatal).  5% of the open
-- registrations follow an earlier one, ended, at another centre.  Older
-- brothers and sisters: 40% have a registration that ended at five.
CREATE TEMP TABLE syn_reg AS
SELECT ch.child_id, ch.dob, ch.age, l.dep, l.centre_id AS home_centre, c.centre_no AS home_no,
	   pg_temp.u(ch.child_id, 40) AS r,
	   least(0.97, greatest(0.45, c.reg_rate + 0.12 * (l.dep - 0.55))) AS rate,
	   CASE WHEN pg_temp.u(ch.child_id, 41) < 0.03
			THEN (SELECT o.centre_id FROM syn_centre AS o
				  WHERE o.district_code = c.district_code
					AND o.idx = (c.idx + 1 + floor(pg_temp.u(ch.child_id, 42) * (c.n_in_district - 1))::integer)
								% c.n_in_district)
			ELSE c.centre_id END AS centre_id,
	   CASE WHEN ch.age = 0 AND pg_temp.u(ch.child_id, 43) < 0.2
			THEN ch.dob - 30 - floor(pg_temp.u(ch.child_id, 44) * 120)::integer
			ELSE ch.dob + floor(pg_temp.u(ch.child_id, 44) ^ 2 * (date '2014-03-31' - ch.dob))::integer END AS registered_on
FROM syn_child AS ch
JOIN syn_family AS f USING (family_id)
JOIN syn_lsoa AS l USING (lsoa_no)
JOIN syn_centre AS c ON c.centre_id = l.centre_id
WHERE ch.cohort;
ALTER TABLE syn_reg ADD ended_on date, ADD main boolean;
UPDATE syn_reg SET main = r < rate + 0.04,
	ended_on = CASE WHEN r >= rate AND r < rate + 0.04
					THEN registered_on + floor(pg_temp.u(child_id, 45) * (date '2014-03-31' - registered_on))::integer
			   END;
DELETE FROM syn_reg WHERE NOT main;

INSERT INTO surestart.registration (child_id, centre_id, registered_on, ended_on)
SELECT child_id, centre_id, registered_on, ended_on FROM syn_reg
UNION ALL
-- an earlier registration elsewhere, ended the day before this one began
SELECT r.child_id, o.centre_id, r.dob, r.registered_on - 1
FROM syn_reg AS r
JOIN syn_centre AS c ON c.centre_id = r.centre_id
JOIN syn_centre AS o ON o.district_code = c.district_code AND o.idx = (c.idx + 1) % c.n_in_district
WHERE r.ended_on IS NULL AND r.registered_on > r.dob AND c.n_in_district > 1
  AND pg_temp.u(r.child_id, 46) < 0.05
UNION ALL
SELECT ch.child_id, l.centre_id, ch.dob + floor(pg_temp.u(ch.child_id, 44) * 700)::integer,
	   (ch.dob + interval '5 years')::date
FROM syn_child AS ch
JOIN syn_family AS f USING (family_id)
JOIN syn_lsoa AS l USING (lsoa_no)
WHERE NOT ch.cohort AND pg_temp.u(ch.child_id, 40) < 0.40
ORDER BY 1, 3;

/* ---------------------------------------------------------------- social care */

-- Episodes of the four kinds, likelier in deprived LSOAs; a family support
-- process covers every child of the family.  About half are still open.
CREATE TEMP TABLE syn_care AS
SELECT ch.child_id, k.kind, ch.dob,
	   CASE k.kind WHEN 'family_support' THEN f.family_id ELSE ch.child_id END AS key
FROM syn_child AS ch
JOIN syn_family AS f USING (family_id)
CROSS JOIN LATERAL (VALUES
	('child_in_need', 50, 0.008 + 0.035 * f.dep),
	('child_protection', 51, 0.002 + 0.010 * f.dep),
	('looked_after', 52, 0.002 + 0.008 * f.dep),
	('family_support', 53, 0.015 + 0.06 * f.dep)) AS k(kind, salt, p)
WHERE pg_temp.u(CASE k.kind WHEN 'family_support' THEN f.family_id ELSE ch.child_id END, k.salt) < k.p;
CREATE INDEX ON syn_care (child_id);
ANALYZE syn_care;

INSERT INTO surestart.social_care (child_id, kind, starts_on, ends_on)
SELECT child_id, kind, s.starts_on,
	   CASE WHEN pg_temp.u(key, 55) < 0.5 AND s.starts_on + s.length <= date '2014-03-31'
			THEN s.starts_on + s.length END
FROM syn_care
CROSS JOIN LATERAL (SELECT greatest(dob, date '2011-04-01')
							+ floor(pg_temp.u(key, 54) * (date '2014-03-31' - greatest(dob, date '2011-04-01')))::integer
							AS starts_on,
						   60 + floor(pg_temp.u(key, 56) * 540)::integer AS length) AS s
ORDER BY 1, 2;

/* ---------------------------------------------------------------- contacts */

-- Contacts in 2013-14 with children whose main registration was open for
-- part of the year, within that part.  How many: a mix (about a quarter of
-- children none, a quarter once or twice, some weekly), scaled by the
-- centre's intensity, by deprivation, by age (most with under-twos) and
-- doubled for children with a social-care episode.  Most contacts are at the
-- registration centre, 2.5% at another centre of the district.
CREATE TEMP TABLE syn_contact_plan AS
SELECT r.child_id, r.dob, r.age, r.centre_id, r.home_centre, c.district_code, c.idx, c.n_in_district,
	   w.lo, w.hi,
	   least(99, round(
		   CASE WHEN v.x < 0.25 THEN 0
				WHEN v.x < 0.52 THEN 1 + floor(pg_temp.u(r.child_id, 61) * 2)
				WHEN v.x < 0.80 THEN 3 + floor(pg_temp.u(r.child_id, 61) * 7)
				WHEN v.x < 0.96 THEN 10 + floor(pg_temp.u(r.child_id, 61) * 16)
				ELSE 35 + floor(pg_temp.u(r.child_id, 61) * 16) END
		   * hc.contact_factor * (0.75 + 0.6 * r.dep) * (1.35 - 0.14 * r.age)
		   * (CASE WHEN EXISTS (SELECT 1 FROM syn_care AS s WHERE s.child_id = r.child_id) THEN 2 ELSE 1 END)
		   * (w.hi - w.lo + 1) / 365.0))::integer AS n
FROM syn_reg AS r
JOIN syn_centre AS c ON c.centre_id = r.centre_id
JOIN syn_centre AS hc ON hc.centre_id = r.home_centre
CROSS JOIN LATERAL (SELECT greatest(date '2013-04-01', r.registered_on) AS lo,
						   least(date '2014-03-31', coalesce(r.ended_on, date '2014-03-31')) AS hi) AS w
CROSS JOIN LATERAL (SELECT pg_temp.u(r.child_id, 60) AS x) AS v
WHERE w.lo <= w.hi;

INSERT INTO surestart.contact (contact_id, child_id, centre_id, contact_on, mode, activity)
SELECT p.child_id * 100 + g.j, p.child_id,
	   CASE WHEN pg_temp.u(p.child_id * 100 + g.j, 62) < 0.025 AND p.n_in_district > 1
			THEN (SELECT o.centre_id FROM syn_centre AS o
				  WHERE o.district_code = p.district_code
					AND o.idx = (p.idx + 1 + floor(pg_temp.u(p.child_id * 100 + g.j, 63) * (p.n_in_district - 1))::integer)
								% p.n_in_district)
			ELSE p.centre_id END,
	   d.contact_on, m.mode,
	   CASE WHEN d.contact_on < p.dob THEN 'antenatal'
			WHEN m.mode = 'nursery_session' THEN 'nursery session'
			WHEN m.mode IN ('letter', 'email', 'text_message') THEN 'information'
			WHEN m.mode = 'phone' THEN 'follow-up call'
			ELSE (ARRAY['stay and play', 'stay and play', 'stay and play', 'home visit', 'home visit',
						'baby clinic', 'baby massage', 'parenting course', 'speech and language',
						'messy play', 'family support', 'breastfeeding support'])
				 [1 + floor(pg_temp.u(p.child_id * 100 + g.j, 65) * 12)::integer] END
FROM syn_contact_plan AS p
CROSS JOIN LATERAL generate_series(1, p.n) AS g(j)
CROSS JOIN LATERAL (SELECT p.lo + floor(pg_temp.u(p.child_id * 100 + g.j, 64) * (p.hi - p.lo + 1))::integer
						   AS contact_on) AS d
CROSS JOIN LATERAL (SELECT CASE
		WHEN x < 0.80 THEN 'face_to_face'
		WHEN x < 0.87 THEN 'phone'
		WHEN x < 0.90 THEN 'text_message'
		WHEN x < 0.92 THEN 'letter'
		WHEN x < 0.935 THEN 'email'
		WHEN x < 0.985 THEN 'nursery_session'
		WHEN x < 0.990 THEN 'video_call'
		WHEN x < 0.995 THEN 'outreach_bus'
		WHEN x < 0.998 THEN 'social_media'
		END AS mode
	FROM (SELECT pg_temp.u(p.child_id * 100 + g.j, 66) AS x) AS mx) AS m
ORDER BY 1;

/* ---------------------------------------------------------------- EYFS */

-- One year-group of pupils per LSOA and academic year (ONS mid-2017 age 4,
-- +-5%), regime 2013.  FSM about 15%, commoner in deprived LSOAs; GLD about
-- 50% in 2012/13 and 57% in 2013/14, lower by IDACI decile and 15 points
-- lower for FSM pupils (with the deprivation effect, an FSM gap of about
-- 18 points).  A quarter of 2013/14 pupils are matched to a synthetic
-- child of their LSOA born in the year group (child_id).
CREATE TEMP TABLE syn_pupil AS
SELECT y.year_no * 100000 + row_number() OVER (PARTITION BY y.year_no ORDER BY l.lsoa_no, g.k) AS pupil_id,
	   l.lsoa_no, l.lsoa_code, l.idaci_decile, l.dep, y.academic_year, y.year_no, y.base, g.k
FROM syn_lsoa AS l
JOIN surestart.population AS p ON p.lsoa_code = l.lsoa_code AND p.mid_year = 2017 AND p.age = 4
CROSS JOIN (VALUES ('2012/13', 2013, 0.505), ('2013/14', 2014, 0.572)) AS y(academic_year, year_no, base)
CROSS JOIN LATERAL generate_series(1, round(p.persons * (0.95 + 0.1 * pg_temp.u(l.lsoa_no * 10 + y.year_no, 70)))::integer) AS g(k);
ALTER TABLE syn_pupil ADD fsm boolean, ADD gld boolean, ADD link_rank bigint;
UPDATE syn_pupil SET fsm = pg_temp.u(pupil_id, 71) < 0.04 + 0.28 * dep ^ 2;
-- 2012/13 (Norfolk 4.2.2, see syn_centre): the reach areas with the most
-- planned contact (the top quarter by children with a contact per ONS
-- under-five) do better by 10 points, except Signpost and East City, which
-- do worse by 10.
CREATE TEMP TABLE syn_contact_top AS
SELECT l.centre_id,
	   ntile(4) OVER (ORDER BY (SELECT count(*) FROM syn_contact_plan AS cp WHERE cp.home_centre = l.centre_id AND cp.n > 0)::float8
							   / sum(pp.persons) DESC, l.centre_id) = 1 AS top
FROM syn_lsoa AS l
JOIN surestart.population AS pp ON pp.lsoa_code = l.lsoa_code AND pp.mid_year = 2017
GROUP BY l.centre_id;
UPDATE syn_pupil AS p SET gld = pg_temp.u(p.pupil_id, 72)
	< p.base + 0.10 * (p.idaci_decile - 5.5) / 4.5 + 0.025 - CASE WHEN p.fsm THEN 0.15 ELSE 0 END
	  + CASE WHEN p.academic_year <> '2012/13' THEN 0
			 WHEN t.centre_id IN ('signpost', 'east_city') THEN -0.10
			 WHEN t.top THEN 0.10 ELSE 0 END
FROM syn_lsoa AS l JOIN syn_contact_top AS t ON t.centre_id = l.centre_id
WHERE l.lsoa_no = p.lsoa_no;
UPDATE syn_pupil AS s SET link_rank = r.rn
FROM (SELECT pupil_id, row_number() OVER (PARTITION BY lsoa_no ORDER BY pupil_id) AS rn
	  FROM syn_pupil WHERE academic_year = '2013/14' AND pg_temp.u(pupil_id, 73) < 0.25) AS r
WHERE r.pupil_id = s.pupil_id;

INSERT INTO surestart.eyfs_result (pupil_id, child_id, lsoa_code, academic_year, regime, gld, fsm)
SELECT p.pupil_id, k.child_id, p.lsoa_code, p.academic_year, '2013', p.gld, p.fsm
FROM syn_pupil AS p
LEFT JOIN (SELECT f.lsoa_no, ch.child_id, row_number() OVER (PARTITION BY f.lsoa_no ORDER BY ch.child_id) AS rn
		   FROM syn_child AS ch JOIN syn_family AS f USING (family_id)
		   WHERE ch.dob BETWEEN date '2008-09-01' AND date '2009-08-31') AS k
	ON k.lsoa_no = p.lsoa_no AND k.rn = p.link_rank
ORDER BY p.pupil_id;

/* ---------------------------------------------------------------- funded early education */

-- Two-year-olds, terms from September 2013: eligible in the terms from the
-- one after the second birthday until the universal entitlement begins.
-- DWP-eligible: workless families, many lone parents and some others (about
-- 20% of two-year-olds).  Some families the list missed meet the September
-- 2013 criteria on the council's own check (criteria dwp, not listed); the
-- other criteria (two_year_criteria) are national (looked-after children;
-- Disability Living Allowance, one of September 2014's, funded early) or
-- local (child in need, health-visitor referral).  Take-up of DWP places
-- 58% in the autumn term, 68% from January.
CREATE TEMP TABLE syn_two AS
SELECT ch.child_id, t.term_start, t.p_take,
	   f.workless OR (f.lone_parent AND pg_temp.u(ch.child_id, 80) < 0.25)
		   OR pg_temp.u(ch.child_id, 81) < 0.01 + 0.03 * f.dep AS dwp,
	   CASE WHEN EXISTS (SELECT 1 FROM syn_care AS s WHERE s.child_id = ch.child_id AND s.kind = 'looked_after')
				THEN 'looked_after'
			WHEN pg_temp.u(ch.child_id, 84) < 0.02 + 0.04 * f.dep THEN 'dwp'
			WHEN pg_temp.u(ch.child_id, 31) < 0.02 + 0.005 * ch.age THEN 'disability_living_allowance'
			WHEN EXISTS (SELECT 1 FROM syn_care AS s WHERE s.child_id = ch.child_id AND s.kind = 'child_in_need')
				THEN 'child in need'
			WHEN pg_temp.u(ch.child_id, 82) < 0.03 THEN 'health visitor referral' END AS other_criterion
FROM syn_child AS ch
JOIN syn_family AS f USING (family_id)
CROSS JOIN (VALUES (date '2013-09-01', 0.58), (date '2014-01-01', 0.68)) AS t(term_start, p_take)
WHERE ch.cohort
  AND surestart.funded_from((ch.dob - interval '1 year')::date) <= t.term_start
  AND t.term_start < surestart.funded_from(ch.dob);

INSERT INTO surestart.two_year_place (child_id, term_start, dwp_eligible, criteria, taken_up)
SELECT child_id, term_start, dwp, CASE WHEN dwp THEN 'dwp' ELSE other_criterion END,
	   pg_temp.u(child_id, 83) < CASE WHEN dwp THEN p_take ELSE p_take + 0.1 END
FROM syn_two
WHERE dwp OR other_criterion IS NOT NULL
ORDER BY 1, 2;

-- Diss (lot 9) in the spring term as Norfolk's Appendix 5 printed it: 29
-- children on the DWP list and 36 places taken under the September 2013
-- criteria (124%): 25 of the listed children and 11 the council found
-- eligible; besides, 3 places on a September 2014 criterion and 2 local
-- ones.  The lot's two-year-olds that term are dealt these rows in a fixed
-- order; the others have none.
DELETE FROM surestart.two_year_place AS p
USING surestart.child_term_centre AS t, surestart.centre AS c
WHERE t.child_id = p.child_id AND t.term_start = p.term_start AND c.centre_id = t.centre_id
  AND c.lot_id = '9' AND p.term_start = date '2014-01-01';
INSERT INTO surestart.two_year_place (child_id, term_start, dwp_eligible, criteria, taken_up)
SELECT d.child_id, date '2014-01-01', d.n <= 29,
	   CASE WHEN d.n <= 40 THEN 'dwp' WHEN d.n <= 43 THEN 'disability_living_allowance'
			WHEN d.n <= 45 THEN 'health visitor referral' ELSE 'child in need' END,
	   d.n NOT BETWEEN 26 AND 29 AND d.n <= 45
FROM (SELECT s.child_id, row_number() OVER (ORDER BY pg_temp.u(s.child_id, 85), s.child_id) AS n
	  FROM syn_two AS s
	  JOIN syn_child AS ch USING (child_id)
	  JOIN surestart.family AS f USING (family_id)
	  JOIN surestart.reach_area AS a
		ON a.lsoa_code = f.lsoa_code AND a.valid_from <= s.term_start
	   AND (a.valid_to IS NULL OR a.valid_to >= s.term_start)
	  JOIN surestart.centre AS c ON c.centre_id = a.centre_id
	  WHERE s.term_start = date '2014-01-01' AND c.lot_id = '9') AS d
WHERE d.n <= 46
ORDER BY 1;

-- Lots grouped as Appendix 5 groups them: Priority where at least a quarter
-- of the lot's LSOAs are among the 30% most deprived (IDACI), Other else.
UPDATE surestart.lot AS l
SET lot_group = CASE WHEN g.deprived_share >= 0.25 THEN 'Priority' ELSE 'Other' END
FROM (SELECT c.lot_id, avg(CASE WHEN s.idaci_decile <= 3 THEN 1.0 ELSE 0.0 END) AS deprived_share
	  FROM surestart.centre AS c
	  JOIN surestart.reach_area AS a ON a.centre_id = c.centre_id AND a.valid_to IS NULL
	  JOIN surestart.lsoa AS s ON s.lsoa_code = a.lsoa_code
	  GROUP BY c.lot_id) AS g
WHERE g.lot_id = l.lot_id;

-- Three- and four-year-olds: every term of 2013-14 from funded_from(dob)
-- until the child starts school (the September after its fourth birthday),
-- in an early-years setting; about 93% in receipt, a little fewer in
-- deprived LSOAs.  In the school year from that September, 96% are in a
-- school reception class (not funded early education: in_receipt false,
-- setting_kind school), older brothers and sisters included.
INSERT INTO surestart.three_four_funding (child_id, term_start, in_receipt, setting_kind)
SELECT ch.child_id, t.term_start,
	   pg_temp.u(ch.child_id, 90) < t.p - 0.05 * (f.dep - 0.55), 'early_years'
FROM syn_child AS ch
JOIN syn_family AS f USING (family_id)
CROSS JOIN (VALUES (date '2013-04-01', 0.91), (date '2013-09-01', 0.93), (date '2014-01-01', 0.94)) AS t(term_start, p)
WHERE ch.cohort
  AND surestart.funded_from(ch.dob) <= t.term_start
  AND t.term_start < make_date(extract(year FROM ch.dob + interval '4 months')::integer + 4, 9, 1)
ORDER BY 1, 2;
INSERT INTO surestart.three_four_funding (child_id, term_start, in_receipt, setting_kind)
SELECT ch.child_id, t.term_start, false, 'school'
FROM syn_child AS ch
CROSS JOIN (VALUES (date '2013-04-01'), (date '2013-09-01'), (date '2014-01-01')) AS t(term_start)
WHERE t.term_start >= make_date(extract(year FROM ch.dob + interval '4 months')::integer + 4, 9, 1)
  AND t.term_start < make_date(extract(year FROM ch.dob + interval '4 months')::integer + 5, 9, 1)
  AND pg_temp.u(ch.child_id, 91) < 0.96
ORDER BY 1, 2;

/* ---------------------------------------------------------------- monitoring and governance */

-- Quarterly RAGs: mostly green, some amber, a few red.  Village Green, judged
-- Inadequate by Ofsted in October 2013 for its leadership, is red on
-- leadership all year and amber on quality.
INSERT INTO surestart.centre_rag (centre_id, assessed_on, quality_rag, leadership_rag)
SELECT c.centre_id, q.assessed_on,
	   CASE WHEN c.centre_id = 'village_green' THEN 'amber'
			WHEN pg_temp.u(c.centre_no * 10 + q.n, 100) < 0.80 THEN 'green'
			WHEN pg_temp.u(c.centre_no * 10 + q.n, 100) < 0.96 THEN 'amber' ELSE 'red' END,
	   CASE WHEN c.centre_id = 'village_green' THEN 'red'
			WHEN pg_temp.u(c.centre_no * 10 + q.n, 101) < 0.82 THEN 'green'
			WHEN pg_temp.u(c.centre_no * 10 + q.n, 101) < 0.97 THEN 'amber' ELSE 'red' END
FROM syn_centre AS c
CROSS JOIN (VALUES (1, date '2013-06-30'), (2, date '2013-09-30'), (3, date '2013-12-31'), (4, date '2014-03-31'))
	AS q(n, assessed_on)
ORDER BY 1, 2;

-- Governance in 2013-14: one advisory board per lot meeting 2-4 times
-- (recorded for each of its centres), an annual conversation per centre
-- (April-June 2013) and 2-6 parent forums per centre.
INSERT INTO surestart.board_meeting (centre_id, met_on, kind, attendance)
SELECT c.centre_id,
	   date '2013-04-01' + ((i.i - 0.5) * 365 / b.n)::integer - 20
		   + floor(pg_temp.u(l.lot_no * 10 + i.i, 110) * 40)::integer,
	   'advisory_board', 6 + floor(pg_temp.u(l.lot_no * 10 + i.i, 111) * 9)::integer
FROM (SELECT lot_id, row_number() OVER (ORDER BY lot_id) AS lot_no FROM surestart.lot) AS l
CROSS JOIN LATERAL (SELECT 2 + floor(pg_temp.u(l.lot_no, 112) * 3)::integer AS n) AS b
CROSS JOIN LATERAL generate_series(1, b.n) AS i(i)
JOIN syn_centre AS c ON c.lot_id = l.lot_id
UNION ALL
SELECT c.centre_id, date '2013-04-08' + floor(pg_temp.u(c.centre_no, 113) * 80)::integer,
	   'annual_conversation', 3 + floor(pg_temp.u(c.centre_no, 114) * 4)::integer
FROM syn_centre AS c
UNION ALL
SELECT c.centre_id,
	   date '2013-04-01' + ((i.i - 0.5) * 365 / b.n)::integer - 14
		   + floor(pg_temp.u(c.centre_no * 10 + i.i, 115) * 28)::integer,
	   'parent_forum', 4 + floor(pg_temp.u(c.centre_no * 10 + i.i, 116) * 17)::integer
FROM syn_centre AS c
CROSS JOIN LATERAL (SELECT 2 + floor(pg_temp.u(c.centre_no, 117) * 5)::integer AS n) AS b
CROSS JOIN LATERAL generate_series(1, b.n) AS i(i)
ORDER BY 1, 2, 3;

-- Labels for the local target groups the synthetic families use.
UPDATE surestart.target_group SET label = 'Families new to the area' WHERE code = 'local_1';
UPDATE surestart.target_group SET label = 'Armed forces families' WHERE code = 'local_2';
UPDATE surestart.target_group SET label = 'Gypsy, Roma and Traveller families' WHERE code = 'local_3';

/* ---------------------------------------------------------------- summary */

-- Fresh statistics, so that reports run straight after (in this transaction
-- too) get sensible plans.
ANALYZE surestart.family, surestart.carer, surestart.child, surestart.registration, surestart.contact,
	surestart.social_care, surestart.eyfs_result, surestart.two_year_place, surestart.three_four_funding,
	surestart.centre_rag, surestart.board_meeting, surestart.reach_area;

SELECT (SELECT count(*) FROM surestart.family) AS n_family,
	   (SELECT count(*) FROM surestart.child) AS n_child,
	   (SELECT count(*) FROM surestart.registration) AS n_registration,
	   (SELECT count(*) FROM surestart.contact) AS n_contact,
	   (SELECT count(*) FROM surestart.eyfs_result) AS n_pupil
\gset syn_
\if :{?synthetic_quiet}
\else
\echo 'synthetic Norfolk people (made up, deterministic):' :syn_n_family 'families,' :syn_n_child 'children,' :syn_n_registration 'registrations,' :syn_n_contact 'contacts 2013-14,' :syn_n_pupil 'EYFS pupils'
\endif
DROP TABLE syn_centre, syn_lsoa, syn_cohort, syn_family, syn_child, syn_carer, syn_reg, syn_care,
	syn_contact_plan, syn_contact_top, syn_pupil, syn_two;
