/* src/sql/30_reference.sql: settings and reference tables the script seeds */

/*
 * Seeded rows.  Each reference table has a `seeded` column: true for a row as
 * the extension shipped it.  pg_dump saves only the rows that are not seeded
 * (CREATE EXTENSION recreates the others), so a council's own rows and its
 * changes to shipped rows survive a dump and restore without duplicates:
 *   - changing a seeded row marks it not seeded, so it is dumped;
 *   - inserting a row whose key holds an untouched shipped default replaces
 *     the default (this is what happens when a dump is restored);
 *   - a shipped row cannot be deleted or re-keyed, since the restore would
 *     bring it back; the error says what to do instead.
 */
CREATE FUNCTION @extschema@.guard_seeded_row() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	key_column text := TG_ARGV[0];
BEGIN
	IF TG_OP = 'INSERT' THEN
		NEW.seeded := false;
		EXECUTE format('DELETE FROM %I.%I AS t WHERE t.seeded AND pg_catalog.to_jsonb(t) OPERATOR(pg_catalog.->) %L OPERATOR(pg_catalog.=) $1',
					   TG_TABLE_SCHEMA, TG_TABLE_NAME, key_column)
			USING pg_catalog.to_jsonb(NEW) OPERATOR(pg_catalog.->) key_column;
		RETURN NEW;
	END IF;

	IF NOT OLD.seeded THEN
		IF TG_OP = 'DELETE' THEN
			RETURN OLD;
		END IF;
		RETURN NEW;
	END IF;

	IF TG_OP = 'DELETE' THEN
		-- Deleted by the INSERT branch above: a default being replaced.
		IF pg_catalog.pg_trigger_depth() > 1 THEN
			RETURN OLD;
		END IF;
		RAISE EXCEPTION 'cannot delete the shipped % row "%"', TG_TABLE_NAME,
			pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.->>) key_column
			USING ERRCODE = 'restrict_violation',
				  HINT = 'Shipped rows can be changed but not deleted; update its values instead.';
	END IF;

	IF (pg_catalog.to_jsonb(NEW) OPERATOR(pg_catalog.->) key_column)
		IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.->) key_column) THEN
		RAISE EXCEPTION 'cannot change the key of the shipped % row "%"', TG_TABLE_NAME,
			pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.->>) key_column
			USING ERRCODE = 'restrict_violation',
				  HINT = 'Insert a row with the new key and update this one instead.';
	END IF;
	NEW.seeded := false;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.guard_seeded_row() IS
	'trigger: keeps shipped reference rows restorable (changes unmark them, inserts replace untouched defaults, deletes refused)';

/* ---------------------------------------------------------------- setting */

CREATE TABLE @extschema@.setting (
	name text PRIMARY KEY,
	value text NOT NULL,
	seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.setting IS 'Council-wide settings used by the counting rules and reports; values are checked when written';
COMMENT ON COLUMN @extschema@.setting.name IS 'setting name (see the README for the list)';
COMMENT ON COLUMN @extschema@.setting.value IS 'setting value as text, checked against what the setting expects';
COMMENT ON COLUMN @extschema@.setting.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.setting (name, value, seeded) VALUES
	('sustained_contacts', '3', true),
	('deprived_index', 'idaci', true),
	('deprived_percent', '30', true),
	('suppress_below', '5', true),
	('reinspect_ri_years', '2', true),
	('reinspect_years', '5', true),
	('ofsted_good_benchmark', '69', true),
	('risk_registration_below', '65', true),
	('risk_deprived_registration_below', '80', true),
	('risk_group_min_families', '10', true),
	('risk_group_any_contact_below', '65', true),
	('risk_weight_registration', '1', true),
	('risk_weight_deprived_registration', '1', true),
	('risk_weight_low_contact', '1', true),
	('risk_weight_target_group', '1', true),
	('risk_weight_fsp_quadrant', '1', true),
	('risk_weight_rag_amber', '1', true),
	('risk_weight_rag_red', '2', true),
	('risk_weight_grade_ri', '1', true),
	('risk_weight_grade_inadequate', '2', true),
	('risk_weight_overdue', '1', true),
	('risk_band_medium_from', '2', true),
	('risk_band_high_from', '4', true),
	('governance_board_meetings', '3', true),
	('disclosure_rule', 'suppress', true),
	('round_to', '5', true),
	('reference_date', 'today', true);

CREATE TRIGGER check_setting BEFORE INSERT OR UPDATE ON @extschema@.setting
	FOR EACH ROW EXECUTE FUNCTION @extschema@.check_setting();

/* ---------------------------------------------------------------- ofsted_word */

CREATE TABLE @extschema@.ofsted_word (
	from_percent numeric PRIMARY KEY
		CONSTRAINT from_percent_must_be_0_to_100 CHECK (from_percent BETWEEN 0 AND 100),
	words text NOT NULL
		CONSTRAINT words_must_not_be_empty CHECK (pg_catalog.btrim(words) <> ''),
	seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.ofsted_word IS 'Ofsted''s words for proportions: a percentage (to one decimal place) takes the words of the highest band starting at or below it';
COMMENT ON COLUMN @extschema@.ofsted_word.from_percent IS 'lowest percentage of the band, 0-100';
COMMENT ON COLUMN @extschema@.ofsted_word.words IS 'words used in reports for the band, e.g. Large majority';
COMMENT ON COLUMN @extschema@.ofsted_word.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.ofsted_word (from_percent, words, seeded) VALUES
	(100, 'All', true),
	(97.0, 'Almost all', true),
	(80.0, 'Very large majority', true),
	(65.0, 'Large majority', true),
	(50.0, 'Majority', true),
	(20.0, 'Minority', true),
	(0.1, 'Few', true),
	(0, 'None', true);

/* ---------------------------------------------------------------- target_group */

CREATE TABLE @extschema@.target_group (
	code text PRIMARY KEY
		CONSTRAINT code_must_be_a_national_group_or_local_1_to_16 CHECK (code IN (
			'teenage_parent', 'young_parent', 'pregnant_teenager', 'lone_parent',
			'father', 'only_male_carer', 'disabled_parent', 'disabled_child',
			'disabled_child_any_age', 'workless_household', 'workless_by_status',
			'additional_language', 'minority_ethnic', 'smoking_parent',
			'priority_family', 'child_in_need', 'child_protection', 'looked_after',
			'two_year_funding',
			'local_1', 'local_2', 'local_3', 'local_4', 'local_5', 'local_6',
			'local_7', 'local_8', 'local_9', 'local_10', 'local_11', 'local_12',
			'local_13', 'local_14', 'local_15', 'local_16')),
	label text NOT NULL
		CONSTRAINT label_must_not_be_empty CHECK (pg_catalog.btrim(label) <> ''),
	national boolean NOT NULL,
	display_order smallint NOT NULL UNIQUE,
	seeded boolean NOT NULL DEFAULT false,
	vulnerable boolean NOT NULL DEFAULT false,
	CONSTRAINT national_means_not_local CHECK (national = (code NOT LIKE 'local\_%'))
);
COMMENT ON TABLE @extschema@.target_group IS 'Target groups: the national groups every centre must reach and sixteen local ones, with the labels reports print';
COMMENT ON COLUMN @extschema@.target_group.code IS 'group code as used by the target_groups type';
COMMENT ON COLUMN @extschema@.target_group.label IS 'label printed in reports; councils relabel local groups here';
COMMENT ON COLUMN @extschema@.target_group.national IS 'true for the national groups, false for local_1 ... local_16';
COMMENT ON COLUMN @extschema@.target_group.display_order IS 'order in reports: the national groups as listed in guidance, then local_1 ... local_16';
COMMENT ON COLUMN @extschema@.target_group.seeded IS 'true while the row is the default shipped with the extension';
COMMENT ON COLUMN @extschema@.target_group.vulnerable IS 'members are classed as vulnerable (vulnerable_reach): seeded true for teenage_parent, pregnant_teenager, lone_parent, disabled_parent, disabled_child, workless_household, priority_family, child_in_need, child_protection, looked_after and two_year_funding; not for groups such as father that are no vulnerability; councils change it';

INSERT INTO @extschema@.target_group (code, label, national, display_order, seeded) VALUES
	('teenage_parent', 'Teenage parents (a parent or carer under 20)', true, 1, true),
	('young_parent', 'Young parents (a parent or carer under 25)', true, 2, true),
	('pregnant_teenager', 'Pregnant teenagers', true, 3, true),
	('lone_parent', 'Lone-parent families', true, 4, true),
	('father', 'Fathers and male carers', true, 5, true),
	('only_male_carer', 'Families whose only carer is male', true, 6, true),
	('disabled_parent', 'Families with a disabled parent or carer', true, 7, true),
	('disabled_child', 'Families with a disabled child aged 0-5', true, 8, true),
	('disabled_child_any_age', 'Families with a disabled child of any age', true, 9, true),
	('workless_household', 'Workless households', true, 10, true),
	('workless_by_status', 'Families whose carers are all not in employment', true, 11, true),
	('additional_language', 'Families with English as an additional language', true, 12, true),
	('minority_ethnic', 'Minority ethnic families', true, 13, true),
	('smoking_parent', 'Families with a smoking parent or carer', true, 14, true),
	('priority_family', 'Priority (troubled) families', true, 15, true),
	('child_in_need', 'Children in need', true, 16, true),
	('child_protection', 'Children subject to a child protection plan', true, 17, true),
	('looked_after', 'Looked-after children', true, 18, true),
	('two_year_funding', 'Children eligible for a funded 2-year-old place', true, 19, true);
INSERT INTO @extschema@.target_group (code, label, national, display_order, seeded)
	SELECT 'local_' || n, 'Local group ' || n, false, 19 + n, true
	FROM pg_catalog.generate_series(1, 16) AS n;
UPDATE @extschema@.target_group SET vulnerable = true
WHERE code IN ('teenage_parent', 'pregnant_teenager', 'lone_parent', 'disabled_parent', 'disabled_child',
			   'workless_household', 'priority_family', 'child_in_need', 'child_protection', 'looked_after',
			   'two_year_funding');

/* ---------------------------------------------------------------- contact_rule */

CREATE TABLE @extschema@.contact_rule (
	mode text PRIMARY KEY
		CONSTRAINT mode_must_not_be_empty CHECK (pg_catalog.btrim(mode) <> ''),
	counts text NOT NULL
		CONSTRAINT counts_must_be_always_never_or_once_per_term
		CHECK (counts IN ('always', 'never', 'once_per_term')),
	seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.contact_rule IS 'Which contact modes are meaningful contacts; modes not listed count as always';
COMMENT ON COLUMN @extschema@.contact_rule.mode IS 'contact mode as recorded in contact.mode';
COMMENT ON COLUMN @extschema@.contact_rule.counts IS 'always, never, or once_per_term (at most once per child per term; terms start 1 September, 1 January, 1 April)';
COMMENT ON COLUMN @extschema@.contact_rule.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.contact_rule (mode, counts, seeded) VALUES
	('face_to_face', 'always', true),
	('phone', 'always', true),
	('letter', 'never', true),
	('leaflet', 'never', true),
	('text_message', 'never', true),
	('email', 'never', true),
	('nursery_session', 'once_per_term', true);

/* Guards go on after the seed rows, which are the only seeded inserts. */
CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.setting
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('name');
CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.ofsted_word
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('from_percent');
CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.target_group
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('code');
CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.contact_rule
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('mode');

SELECT pg_catalog.pg_extension_config_dump('@extschema@.setting', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ofsted_word', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.target_group', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.contact_rule', 'WHERE NOT seeded');
