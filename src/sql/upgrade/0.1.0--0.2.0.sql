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

-- New settings, seeded as shipped rows (the guard would mark rows inserted
-- now as the council's own).  The check of 0.1.0 does not know them yet:
-- 28_setting_check.sql, replaced below, does.
ALTER TABLE @extschema@.setting DISABLE TRIGGER check_setting;
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
ALTER TABLE @extschema@.setting ENABLE TRIGGER check_setting;

/* ---------------------------------------------------------------- contact_reach */

-- Partial states travel in a compact format (version 2, varint deltas).
COMMENT ON FUNCTION @extschema@.contact_reach_serialize(internal) IS
	'contact_reach serialise (format 2): version byte, then threshold, contacts and id count in network byte order, then each id as a varint distance from the previous one and its count as a varint, in id order';

/* ---------------------------------------------------------------- data model: constraint comments */

-- load_staged() takes the words of a refused CHECK from the constraint's
-- comment when its name cannot say them (40_data_model.sql).
COMMENT ON CONSTRAINT academic_year_must_be_like_2012_13 ON @extschema@.eyfs_result IS 'is not an academic year like 2012/13';
COMMENT ON CONSTRAINT term_start_must_be_1_january_1_april_or_1_september ON @extschema@.two_year_place IS 'is not a term start (1 January, 1 April or 1 September)';
COMMENT ON CONSTRAINT term_start_must_be_1_january_1_april_or_1_september ON @extschema@.three_four_funding IS 'is not a term start (1 January, 1 April or 1 September)';
COMMENT ON CONSTRAINT financial_year_must_be_like_2013_14 ON @extschema@.building_fund IS 'is not a financial year like 2013-14';
COMMENT ON CONSTRAINT financial_year_must_be_like_2013_14 ON @extschema@.centre_target IS 'is not a financial year like 2013-14';

/* ---------------------------------------------------------------- school terms */

-- New in 0.2.0 (25_rules.sql): the views replaced below key on them.
CREATE FUNCTION @extschema@.term_start(date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.term_start(date) IS
	'first day of the school term in progress on a date: 1 September (September-December), 1 January (January-March) or 1 April (April-August) of the same year';

CREATE FUNCTION @extschema@.term_name(date) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.term_name(date) IS
	'name of the school term in progress on a date, such as ''Autumn 2013'' (Autumn from 1 September, Spring from 1 January, Summer from 1 April)';
