/* ---------------------------------------------------------------- council rules (issue 13, part A) */

-- New setting reference_date, seeded as a shipped row (the guard would mark
-- a row inserted now as the council's own).  The check of 0.2.0 does not
-- know it yet: 28_setting_check.sql, replayed below, does.
ALTER TABLE @extschema@.setting DISABLE TRIGGER check_setting;
ALTER TABLE @extschema@.setting DISABLE TRIGGER guard_seeded_row;
INSERT INTO @extschema@.setting (name, value, seeded) VALUES
	('reference_date', 'today', true);
ALTER TABLE @extschema@.setting ENABLE TRIGGER guard_seeded_row;
ALTER TABLE @extschema@.setting ENABLE TRIGGER check_setting;
