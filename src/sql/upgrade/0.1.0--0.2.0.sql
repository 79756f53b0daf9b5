/* surestart upgrade script: 0.1.0 to 0.2.0, assembled by the Makefile */

\echo Use "ALTER EXTENSION surestart UPDATE TO '0.2.0'" to load this file. \quit

-- This head holds the changes to objects 0.1.0 already has; the Makefile
-- appends the parts that are new in 0.2.0 (PARTS_NEW_IN_0_2_0) verbatim.
-- Rules (ENGINEERING.md 9.4): changed bodies of objects the extension owns
-- use CREATE OR REPLACE; tables are altered in place, never dropped, and a
-- new column goes at the end in the install script too.  scripts/upgrade-check
-- proves that an updated database matches a fresh install of 0.2.0 object
-- by object and keeps its data.

/* ---------------------------------------------------------------- performance management (issue 8) */

-- New settings: the check accepts them, and they are seeded as shipped rows
-- (the guard would mark rows inserted now as the council's own).
CREATE OR REPLACE FUNCTION @extschema@.check_setting() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v text := pg_catalog.btrim(NEW.value);
	expected text;
BEGIN
	CASE NEW.name
		WHEN 'sustained_contacts', 'suppress_below', 'risk_group_min_families',
			 'risk_band_medium_from', 'risk_band_high_from' THEN
			IF v !~ '^[0-9]{1,9}$' OR v::integer < 1 THEN
				expected := 'a whole number of at least 1';
			END IF;
		WHEN 'reinspect_ri_years', 'reinspect_years' THEN
			IF v !~ '^[0-9]{1,2}$' OR v::integer NOT BETWEEN 1 AND 20 THEN
				expected := 'a whole number of years from 1 to 20';
			END IF;
		WHEN 'risk_weight_registration', 'risk_weight_deprived_registration', 'risk_weight_low_contact',
			 'risk_weight_target_group', 'risk_weight_fsp_quadrant', 'risk_weight_rag_amber',
			 'risk_weight_rag_red', 'risk_weight_grade_ri', 'risk_weight_grade_inadequate',
			 'risk_weight_overdue', 'governance_board_meetings' THEN
			IF v !~ '^[0-9]{1,2}$' THEN
				expected := 'a whole number from 0 to 99';
			END IF;
		WHEN 'deprived_percent', 'ofsted_good_benchmark', 'risk_registration_below',
			 'risk_deprived_registration_below', 'risk_group_any_contact_below' THEN
			IF v !~ '^[0-9]{1,3}(\.[0-9]+)?$' OR v::numeric <= 0 OR v::numeric > 100 THEN
				expected := 'a percentage above 0 and at most 100';
			END IF;
		WHEN 'deprived_index' THEN
			v := pg_catalog.lower(v);
			IF v NOT IN ('idaci', 'imd') THEN
				expected := 'idaci or imd';
			END IF;
		ELSE
			RAISE EXCEPTION 'unknown setting "%"', NEW.name
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Known settings: sustained_contacts, deprived_index, deprived_percent, suppress_below, reinspect_ri_years, reinspect_years, ofsted_good_benchmark, risk_registration_below, risk_deprived_registration_below, risk_group_min_families, risk_group_any_contact_below, risk_weight_registration, risk_weight_deprived_registration, risk_weight_low_contact, risk_weight_target_group, risk_weight_fsp_quadrant, risk_weight_rag_amber, risk_weight_rag_red, risk_weight_grade_ri, risk_weight_grade_inadequate, risk_weight_overdue, risk_band_medium_from, risk_band_high_from, governance_board_meetings.';
	END CASE;
	IF expected IS NOT NULL THEN
		RAISE EXCEPTION 'invalid value "%" for setting %', NEW.value, NEW.name
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = pg_catalog.format('Expected %s.', expected);
	END IF;
	NEW.value := v;
	RETURN NEW;
END
$$;
ALTER TABLE @extschema@.setting DISABLE TRIGGER guard_seeded_row;
INSERT INTO @extschema@.setting (name, value, seeded) VALUES
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
	('governance_board_meetings', '3', true);
ALTER TABLE @extschema@.setting ENABLE TRIGGER guard_seeded_row;

/* ---------------------------------------------------------------- contact_reach */

-- Partial states travel in a compact format (version 2, varint deltas).
COMMENT ON FUNCTION @extschema@.contact_reach_serialize(internal) IS
	'contact_reach serialise (format 2): version byte, then threshold, contacts and id count in network byte order, then each id as a varint distance from the previous one and its count as a varint, in id order';
