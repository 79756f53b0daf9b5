-- pgTAP: the Norfolk reach areas and the synthetic people of 2013-14
-- (data/load_norfolk.sql, then data/synthetic_norfolk.sql): complete,
-- deterministic, and calibrated as data/README.md says.
BEGIN;
SELECT plan(32);
SET LOCAL search_path = surestart, public;
\set QUIET on
\set synthetic_quiet 1
\i data/load_norfolk.sql
\i data/synthetic_norfolk.sql
\set QUIET off

-- Children counted on 31 March 2014, with where they live.
CREATE TEMP TABLE t_kid AS
SELECT ch.child_id, ch.dob, ch.disabled, f.family_id, f.lsoa_code, l.district_code, l.idaci_decile,
	   r.centre_id AS home_centre, age_on(ch.dob, date '2014-03-31') AS age,
	   EXISTS (SELECT 1 FROM registration AS g
			   WHERE g.child_id = ch.child_id AND g.registered_on <= date '2014-03-31'
				 AND (g.ended_on IS NULL OR g.ended_on >= date '2014-03-31')) AS registered
FROM child AS ch
JOIN family AS f USING (family_id)
JOIN lsoa AS l USING (lsoa_code)
JOIN reach_area AS r ON r.lsoa_code = f.lsoa_code AND r.valid_to IS NULL;
ANALYZE t_kid;
CREATE TEMP TABLE t_u5 AS
SELECT o.centre_id, o.ons, coalesce(k.registered, 0) AS registered
FROM (SELECT r.centre_id, sum(p.persons) AS ons
	  FROM reach_area AS r JOIN population AS p ON p.lsoa_code = r.lsoa_code AND p.mid_year = 2017
	  GROUP BY r.centre_id) AS o
LEFT JOIN (SELECT home_centre AS centre_id, count(*) AS registered FROM t_kid WHERE age < 5 AND registered
		   GROUP BY 1) AS k USING (centre_id);

/* ---------------------------------------------------------------- reach areas */

SELECT is((SELECT count(*) FROM lsoa AS l
		   WHERE (SELECT count(*) FROM reach_area AS r
				  WHERE r.lsoa_code = l.lsoa_code AND r.valid_from <= date '2014-03-31'
					AND (r.valid_to IS NULL OR r.valid_to >= date '2014-03-31')) <> 1),
	0::bigint, 'each of the 538 LSOAs has exactly one current reach area');
SELECT is_empty($$ SELECT r.lsoa_code FROM reach_area AS r JOIN lsoa AS l USING (lsoa_code)
				   JOIN centre AS c USING (centre_id) WHERE c.district_code <> l.district_code $$,
	'every LSOA is in the reach area of a centre of its own district');
SELECT is_empty($$ SELECT centre_id FROM centre WHERE centre_id NOT IN (SELECT centre_id FROM reach_area) $$,
	'every centre has at least one LSOA');
SELECT results_eq($$ SELECT valid_from, valid_to, count(*) FROM reach_area GROUP BY 1, 2 $$,
	$$ VALUES (date '2012-04-01', NULL::date, 538::bigint) $$,
	'reach areas run from 1 April 2012, open-ended');
SELECT ok((SELECT min(ons) >= 200 AND max(ons) <= 1700 FROM t_u5),
	'every reach area holds between 200 and 1,700 under-fives (ONS mid-2017)');

/* ---------------------------------------------------------------- determinism */

SELECT is((SELECT md5(string_agg(concat_ws('|', child_id, family_id, to_char(dob, 'YYYY-MM-DD'), sex, disabled),
								  ',' ORDER BY child_id)) FROM child),
	'c317f36a4971d6116cc1026568f8f9db', 'child rows are the recorded ones (same seed, same data)');
SELECT is((SELECT md5(string_agg(concat_ws('|', contact_id, child_id, centre_id, to_char(contact_on, 'YYYY-MM-DD'),
											mode, activity), ',' ORDER BY contact_id)) FROM contact),
	'f83470e7adc51d192dfa0c085259dd3e', 'contact rows are the recorded ones (same seed, same data)');

/* ---------------------------------------------------------------- population and registration */

SELECT is_empty($$ SELECT p.lsoa_code, p.persons, count(k.child_id)
				   FROM (SELECT lsoa_code, sum(persons) AS persons FROM population WHERE mid_year = 2017 GROUP BY 1) AS p
				   LEFT JOIN t_kid AS k ON k.lsoa_code = p.lsoa_code AND k.age < 5
				   GROUP BY p.lsoa_code, p.persons
				   HAVING abs(count(k.child_id) - p.persons) > greatest(2, 0.05 * p.persons) $$,
	'under-fives on 2014-03-31 in every LSOA within 5% (or 2 children) of ONS mid-2017');
SELECT is((SELECT count(*) FROM t_kid WHERE age < 5), 47149::bigint,
	'Norfolk: 47,149 synthetic under-fives on 2014-03-31, the ONS mid-2017 total');
SELECT ok((SELECT count(*) FILTER (WHERE registered) BETWEEN 0.70 * 47149 AND 0.80 * 47149 FROM t_kid WHERE age < 5),
	'70-80% of under-fives registered on 2014-03-31');
SELECT ok((SELECT min(registered::numeric / ons) < 0.65 AND max(registered::numeric / ons) > 0.85
				  AND min(registered::numeric / ons) > 0.45 FROM t_u5),
	'registration rates vary between centres (lowest under 65%, highest over 85%)');
SELECT ok((SELECT count(*) FROM registration WHERE ended_on IS NOT NULL) > 1000, 'some registrations have ended');
SELECT ok((SELECT count(*) FROM child WHERE age_on(dob, date '2014-03-31') BETWEEN 6 AND 10) > 1000,
	'older brothers and sisters (6-10) exist');
SELECT is_empty($$ SELECT family_id FROM child GROUP BY 1 HAVING count(*) > 3
				   UNION ALL SELECT family_id FROM carer GROUP BY 1 HAVING count(*) > 2
				   UNION ALL SELECT family_id FROM family WHERE family_id NOT IN (SELECT family_id FROM carer) $$,
	'families have 1-3 children and 1-2 carers');

/* ---------------------------------------------------------------- target groups */

SELECT is_empty($$
	SELECT g FROM (VALUES
		('teenage_parent', (SELECT count(*) FROM carer WHERE age_on(dob, date '2014-03-31') < 20)),
		('young_parent', (SELECT count(*) FROM carer WHERE age_on(dob, date '2014-03-31') < 25)),
		('pregnant_teenager', (SELECT count(*) FROM carer WHERE pregnant AND age_on(dob, date '2014-03-31') < 20)),
		('lone_parent', (SELECT count(*) FROM family WHERE lone_parent)),
		('father', (SELECT count(*) FROM carer WHERE sex = 'M')),
		('only_male_carer', (SELECT count(*) FROM family AS f WHERE NOT EXISTS
			(SELECT 1 FROM carer AS c WHERE c.family_id = f.family_id AND c.sex IS DISTINCT FROM 'M'))),
		('disabled_parent', (SELECT count(*) FROM carer WHERE disabled)),
		('disabled_child', (SELECT count(*) FROM t_kid WHERE disabled AND age < 5)),
		('disabled_child_any_age', (SELECT count(*) FROM t_kid WHERE disabled AND age >= 5)),
		('workless_household', (SELECT count(*) FROM family WHERE workless_household)),
		('workless_by_status', (SELECT count(*) FROM family WHERE workless_by_status)),
		('additional_language', (SELECT count(*) FROM family WHERE additional_language)),
		('minority_ethnic', (SELECT count(*) FROM family WHERE minority_ethnic)),
		('smoking_parent', (SELECT count(*) FROM family WHERE smoking_parent)),
		('priority_family', (SELECT count(*) FROM family WHERE priority_family)),
		('child_in_need', (SELECT count(*) FROM social_care WHERE kind = 'child_in_need')),
		('child_protection', (SELECT count(*) FROM social_care WHERE kind = 'child_protection')),
		('looked_after', (SELECT count(*) FROM social_care WHERE kind = 'looked_after')),
		('family_support', (SELECT count(*) FROM social_care WHERE kind = 'family_support')),
		('two_year_funding', (SELECT count(*) FROM two_year_place WHERE dwp_eligible
			AND term_start BETWEEN date '2013-04-01' AND date '2014-03-31')),
		('local_1', (SELECT count(*) FROM family WHERE 1 = ANY (local_groups))),
		('local_2', (SELECT count(*) FROM family WHERE 2 = ANY (local_groups))),
		('local_3', (SELECT count(*) FROM family WHERE 3 = ANY (local_groups)))
	) AS v(g, n) WHERE n < 10 $$,
	'every national target group (and local groups 1-3) has at least 10 members');
SELECT ok((SELECT avg(lone_parent::integer) BETWEEN 0.17 AND 0.23 AND avg(workless_household::integer) BETWEEN 0.12 AND 0.18
		   FROM family), 'about 20% lone-parent and 15% workless families');
SELECT ok((SELECT count(DISTINCT family_id)::numeric / (SELECT count(*) FROM family) BETWEEN 0.03 AND 0.05
		   FROM carer WHERE age_on(dob, date '2014-03-31') < 20), 'about 4% of families have a carer under 20');
SELECT is_empty($$ SELECT 1 FROM carer AS c JOIN child AS ch USING (family_id)
				   WHERE age_on(c.dob, ch.dob) < 14 $$,
	'no carer was under 14 when a child of the family was born');

/* ---------------------------------------------------------------- contacts */

SELECT ok((SELECT count(*) BETWEEN 250000 AND 400000 FROM contact
		   WHERE contact_on BETWEEN date '2013-04-01' AND date '2014-03-31'),
	'250,000-400,000 contacts in 2013-14');
SELECT is((SELECT count(*) FROM contact WHERE contact_on NOT BETWEEN date '2013-04-01' AND date '2014-03-31'),
	0::bigint, 'every contact is in 2013-14');
SELECT ok((SELECT avg((c.centre_id <> k.home_centre)::integer) BETWEEN 0.03 AND 0.08
		   FROM contact AS c JOIN t_kid AS k USING (child_id)),
	'3-8% of contacts are at a centre other than the child''s reach-area centre');
SELECT ok((SELECT count(*) FILTER (WHERE mode = 'face_to_face')::numeric / count(*) BETWEEN 0.7 AND 0.9
				  AND count(DISTINCT mode) FILTER (WHERE mode NOT IN (SELECT mode FROM contact_rule)) >= 2
				  AND count(*) FILTER (WHERE activity = 'home visit') > 0
				  AND count(*) FILTER (WHERE activity = 'antenatal') > 0
		   FROM contact),
	'contacts: mostly face to face, some unlisted modes, home visits and antenatal contacts');
SELECT ok((WITH n AS (SELECT child_id, count(*) AS n FROM contact GROUP BY 1)
		   SELECT count(*) FILTER (WHERE n <= 2) > 5000 AND count(*) FILTER (WHERE n >= 40) > 100 FROM n),
	'many children seen once or twice, some weekly');

/* ---------------------------------------------------------------- EYFS */

SELECT ok((SELECT avg(gld::integer) BETWEEN 0.47 AND 0.53 FROM eyfs_result WHERE academic_year = '2012/13')
		  AND (SELECT avg(gld::integer) BETWEEN 0.54 AND 0.60 FROM eyfs_result WHERE academic_year = '2013/14'),
	'GLD about 50% in 2012/13 and 57% in 2013/14');
SELECT is_empty($$ SELECT academic_year FROM eyfs_result JOIN lsoa USING (lsoa_code) GROUP BY 1
				   HAVING avg(gld::integer) FILTER (WHERE idaci_decile <= 3)
					   >= avg(gld::integer) FILTER (WHERE idaci_decile >= 8) $$,
	'GLD lower in IDACI deciles 1-3 than in 8-10, both years');
SELECT ok((SELECT avg(fsm::integer) BETWEEN 0.12 AND 0.18
				  AND avg(gld::integer) FILTER (WHERE NOT fsm) - avg(gld::integer) FILTER (WHERE fsm) BETWEEN 0.14 AND 0.22
				  AND count(child_id) < count(*) / 2
		   FROM eyfs_result),
	'FSM about 15%, FSM gap 14-22 points, most pupils not matched to a child');

/* ---------------------------------------------------------------- funded education */

SELECT ok((SELECT count(DISTINCT t.child_id)::numeric
				  / (SELECT count(*) FROM child WHERE funded_from((dob - interval '1 year')::date) <= date '2013-09-01'
						AND date '2013-09-01' < funded_from(dob)) BETWEEN 0.15 AND 0.25
		   FROM two_year_place AS t WHERE t.dwp_eligible AND t.term_start = date '2013-09-01'),
	'about 20% of two-year-olds DWP-eligible in September 2013');
SELECT ok((SELECT avg(taken_up::integer) BETWEEN 0.55 AND 0.75 FROM two_year_place WHERE dwp_eligible)
		  AND (SELECT avg(in_receipt::integer) BETWEEN 0.90 AND 0.95 FROM three_four_funding WHERE setting_kind = 'early_years')
		  AND (SELECT avg(in_receipt::integer) = 0 FROM three_four_funding WHERE setting_kind = 'school'),
	'two-year take-up 55-75% of DWP-eligible; three- and four-year-olds 90-95% in receipt in early years, none in school');
SELECT is_empty($$ SELECT child_id FROM three_four_funding JOIN child USING (child_id)
				   WHERE term_start < funded_from(dob) $$,
	'no three-and-four funding before funded_from(dob)');

/* ---------------------------------------------------------------- monitoring and governance */

SELECT results_eq($$ SELECT leadership_rag FROM centre_rag WHERE centre_id = 'village_green' ORDER BY assessed_on $$,
	$$ VALUES ('red'), ('red'), ('red'), ('red') $$, 'Village Green is red on leadership every quarter');
SELECT ok((SELECT count(*) = 53 * 4 AND avg((quality_rag = 'green')::integer) > 0.6
				  AND count(*) FILTER (WHERE 'amber' IN (quality_rag, leadership_rag)) > 0 FROM centre_rag),
	'quarterly RAGs for every centre, mostly green');
SELECT is_empty($$ SELECT centre_id FROM centre AS c WHERE
				   (SELECT count(*) FROM board_meeting AS b WHERE b.centre_id = c.centre_id AND kind = 'advisory_board') NOT BETWEEN 2 AND 4
				   OR (SELECT count(*) FROM board_meeting AS b WHERE b.centre_id = c.centre_id AND kind = 'annual_conversation') <> 1
				   OR NOT EXISTS (SELECT 1 FROM board_meeting AS b WHERE b.centre_id = c.centre_id AND kind = 'parent_forum') $$,
	'every centre: 2-4 advisory boards, one annual conversation, parent forums');

SELECT * FROM finish();
ROLLBACK;
