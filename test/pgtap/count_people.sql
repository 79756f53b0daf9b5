-- pgTAP: count_people (src/figures.c), the C counting behind the stored
-- figures: its errors, class 22 naming the value, and one small family
-- counted by hand.  figures.sql compares it with the recount from the
-- person-level views on the whole demo.
BEGIN;
SELECT plan(11);

SELECT throws_ok($$ SELECT * FROM surestart_internal.count_people('surestart', '2013-04-01', 1, 0, '{lone_parent}') $$, '22023',
	'sustained threshold 0 is below 1', 'a threshold below 1 is refused, naming it');
SELECT throws_ok($$ SELECT * FROM surestart_internal.count_people('surestart', '2013-04-01', 0, 3, '{lone_parent}') $$, '22023',
	'wanted periods 0 are not a bit set of the seven periods of a year', 'no period wanted is an error');
SELECT throws_ok($$ SELECT * FROM surestart_internal.count_people('surestart', '2013-04-01', 128, 3, '{lone_parent}') $$, '22023',
	'wanted periods 128 are not a bit set of the seven periods of a year', 'nor is an eighth period');
SELECT throws_ok($$ SELECT * FROM surestart_internal.count_people('surestart', '2013-05-01', 1, 3, '{lone_parent}') $$, '22023',
	'a financial year starts on 1 April, not on 2013-05-01', 'a year starts on 1 April');
SELECT throws_ok($$ SELECT * FROM surestart_internal.count_people('surestart', 'infinity', 1, 3, '{lone_parent}') $$, '22008',
	'start of the financial year must be a finite date, not "infinity"', 'and on a real day');
SELECT is_empty($$ SELECT * FROM surestart_internal.count_people('surestart', '2013-04-01', 127, 3, '{lone_parent}') $$,
	'no people, no rows (and no crash with no contact read)');

-- one family: a lone parent of 17, pregnant; two children seen on the same
-- day (one family contact); a once_per_term mode twice in a term (once);
-- a never mode (not at all)
INSERT INTO surestart.lsoa (lsoa_code, name, district_code, district_name) VALUES ('E01000001', 'A', 'E07000001', 'D');
INSERT INTO surestart.centre (centre_id, name) VALUES ('C1', 'Centre one');
INSERT INTO surestart.family (family_id, lsoa_code, lone_parent) VALUES (1, 'E01000001', true);
INSERT INTO surestart.carer (carer_id, family_id, dob, sex, pregnant) VALUES (1, 1, '1996-01-01', 'F', true);
INSERT INTO surestart.child (child_id, family_id, dob) VALUES (1, 1, '2012-01-01'), (2, 1, '2013-02-01');
INSERT INTO surestart.registration (child_id, centre_id, registered_on) VALUES (1, 'C1', '2013-05-01');
INSERT INTO surestart.contact (contact_id, child_id, centre_id, contact_on, mode) VALUES
	(1, 1, 'C1', '2013-04-10', 'face_to_face'), (2, 1, 'C1', '2013-04-10', 'face_to_face'),
	(3, 1, 'C1', '2013-05-01', 'nursery_session'), (4, 1, 'C1', '2013-05-20', 'nursery_session'),
	(5, 1, 'C1', '2013-06-01', 'letter'), (6, 2, 'C1', '2013-04-10', 'phone');
SELECT results_eq(
	$$ SELECT i, lsoa_code, registered, seen, sustained, families_registered, families_seen, families_sustained,
			  contacts, family_contacts
	   FROM surestart_internal.count_people('surestart', '2013-04-01', 1, 3, '{lone_parent}') $$,
	$$ VALUES (1, 'E01000001'::text, 1::bigint, 2::bigint, 1::bigint, 1::bigint, 1::bigint, 0::bigint, 4::bigint, 2::bigint) $$,
	'Q1: one registered child, two seen, one sustained (3 contacts); one family, two days');
SELECT results_eq(
	$$ SELECT r.target_group, r.in_group, surestart.part(r.any_contact), surestart.part(r.sustained)
	   FROM surestart_internal.count_people('surestart', '2013-04-01', 1, 3, '{lone_parent}') AS c
	   CROSS JOIN LATERAL surestart.coverage_rows(c.coverage) AS r
	   WHERE r.in_group > 0 AND r.target_group IN ('lone_parent', 'teenage_parent', 'young_parent', 'pregnant_teenager', 'father')
	   ORDER BY 1 $$,
	$$ VALUES ('lone_parent'::text, 1::bigint, 1::bigint, 0::bigint), ('pregnant_teenager', 1, 1, 0),
			  ('teenage_parent', 1, 1, 0), ('young_parent', 1, 1, 0) $$,
	'its coverage: a lone, teenage, young and pregnant teenage parent, contacted, not sustained (2 days < 3)');
SELECT results_eq(
	$$ SELECT vulnerable_families, vulnerable_seen, vulnerable_sustained,
			  (surestart_internal.count_people('surestart', '2013-04-01', 1, 3, '{father,looked_after}')).vulnerable_families
	   FROM surestart_internal.count_people('surestart', '2013-04-01', 1, 3, '{lone_parent,teenage_parent}') $$,
	$$ VALUES (1::bigint, 1::bigint, 0::bigint, 0::bigint) $$,
	'in two vulnerable groups it is one vulnerable family, seen, not sustained; in none of the groups given, none');
SELECT results_eq(
	$$ SELECT i, sustained, families_sustained FROM surestart_internal.count_people('surestart', '2013-04-01', 1, 2, '{lone_parent}') $$,
	$$ VALUES (1, 1::bigint, 1::bigint) $$,
	'with a threshold of 2 the family is sustained too');
SELECT results_eq(
	$$ SELECT i, seen, contacts FROM surestart_internal.count_people('surestart', '2013-04-01', 2 | 64, 3, '{lone_parent}') ORDER BY i $$,
	$$ VALUES (2, 0::bigint, 0::bigint), (7, 2::bigint, 4::bigint) $$,
	'Q2 has no contact; the year counts Q1''s');

SELECT * FROM finish();
ROLLBACK;
