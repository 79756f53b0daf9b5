-- Seeded reference tables: their contents, setting validation, and the
-- rules that keep shipped rows restorable.
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;
SET search_path = surestart, public;
SELECT name, value, seeded FROM setting ORDER BY name;
SELECT from_percent, words FROM ofsted_word ORDER BY from_percent DESC;
SELECT code, label, national, display_order FROM target_group ORDER BY display_order;
SELECT mode, counts FROM contact_rule ORDER BY mode;
-- settings are checked when written
UPDATE setting SET value = ' 4 ' WHERE name = 'sustained_contacts';
SELECT name, value, seeded FROM setting WHERE name = 'sustained_contacts';
UPDATE setting SET value = '0' WHERE name = 'sustained_contacts';
UPDATE setting SET value = 'three' WHERE name = 'sustained_contacts';
UPDATE setting SET value = '2.5' WHERE name = 'suppress_below';
UPDATE setting SET value = 'IMD' WHERE name = 'deprived_index';
SELECT value FROM setting WHERE name = 'deprived_index';
UPDATE setting SET value = 'income' WHERE name = 'deprived_index';
UPDATE setting SET value = '12.5' WHERE name = 'deprived_percent';
UPDATE setting SET value = '0' WHERE name = 'deprived_percent';
UPDATE setting SET value = '101' WHERE name = 'deprived_percent';
UPDATE setting SET value = '30%' WHERE name = 'deprived_percent';
UPDATE setting SET value = '21' WHERE name = 'reinspect_years';
UPDATE setting SET value = '3' WHERE name = 'reinspect_ri_years';
INSERT INTO setting (name, value) VALUES ('sustained_contact', '4');
INSERT INTO setting (name, value) VALUES ('reinspect_years', NULL);
-- shipped rows cannot be deleted or re-keyed
DELETE FROM setting WHERE name = 'suppress_below';
DELETE FROM contact_rule WHERE mode = 'letter';
UPDATE contact_rule SET mode = 'post' WHERE mode = 'letter';
DELETE FROM target_group WHERE code = 'father';
UPDATE ofsted_word SET from_percent = 66 WHERE from_percent = 65;
-- a council's own rows can be deleted and re-keyed
INSERT INTO contact_rule (mode, counts) VALUES ('home_visit', 'always');
UPDATE contact_rule SET mode = 'home visit' WHERE mode = 'home_visit';
DELETE FROM contact_rule WHERE mode = 'home visit';
INSERT INTO contact_rule (mode, counts) VALUES ('letter ', 'sometimes');
INSERT INTO contact_rule (mode, counts) VALUES ('', 'always');
-- inserting a key that holds an untouched default replaces it (a restore does this)
INSERT INTO contact_rule (mode, counts) VALUES ('letter', 'once_per_term');
SELECT mode, counts, seeded FROM contact_rule WHERE mode = 'letter';
-- but a key already changed by the council is a duplicate, as usual
INSERT INTO contact_rule (mode, counts) VALUES ('letter', 'always');
-- changing a shipped row unmarks it, so pg_dump saves it
UPDATE target_group SET label = 'New to the area' WHERE code = 'local_1';
SELECT code, label, seeded FROM target_group WHERE code = 'local_1';
-- target groups are the fixed vocabulary of the target_groups type
INSERT INTO target_group (code, label, national, display_order) VALUES ('local_17', 'Seventeen', false, 99);
UPDATE target_group SET national = true WHERE code = 'local_2';
UPDATE target_group SET label = ' ' WHERE code = 'local_2';
-- Ofsted word bands
INSERT INTO ofsted_word (from_percent, words) VALUES (101, 'More than all');
INSERT INTO ofsted_word (from_percent, words) VALUES (-1, 'Less than none');
INSERT INTO ofsted_word (from_percent, words) VALUES (90, '');
-- the seeded filter pg_dump uses
SELECT x.oid::regclass AS config_table, x.cond
FROM pg_extension AS e,
	 unnest(e.extconfig, e.extcondition) AS x(oid, cond)
WHERE e.extname = 'surestart'
ORDER BY x.oid::regclass::text;
ROLLBACK;
