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

-- New columns, at the end as in the install script (40_data_model.sql,
-- 75_staging.sql): lots grouped for reporting (two_year_take_up), and
-- whether a 3- or 4-year-old was in a school reception class.
ALTER TABLE @extschema@.lot ADD COLUMN lot_group text
	CONSTRAINT lot_group_must_not_be_empty CHECK (pg_catalog.btrim(lot_group) OPERATOR(pg_catalog.<>) '');
COMMENT ON COLUMN @extschema@.lot.lot_group IS 'group the lot is reported in, e.g. Priority or Other (Norfolk''s Appendix 5 splits two-year take-up so); null when lots are not grouped';
ALTER TABLE @extschema@.three_four_funding ADD COLUMN setting_kind text
	CONSTRAINT setting_kind_must_be_early_years_or_school CHECK (setting_kind IN ('early_years', 'school'));
COMMENT ON COLUMN @extschema@.three_four_funding.setting_kind IS 'where the child was that term: early_years (a nursery, pre-school or childminder: funded when in_receipt) or school (a school reception class, which counts as taking up whether or not in_receipt); null when not recorded, read as early_years';
ALTER TABLE surestart_staging.lot ADD COLUMN lot_group text;
ALTER TABLE surestart_staging.three_four_funding ADD COLUMN setting_kind text;

-- Vulnerable target groups (vulnerable_reach), a flag councils may change: the
-- shipped groups are marked as the install script marks them, whether or
-- not the council has changed the row (the column is new), and stay seeded
-- or not as they were.
ALTER TABLE @extschema@.target_group ADD COLUMN vulnerable boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN @extschema@.target_group.vulnerable IS 'members are classed as vulnerable (vulnerable_reach): seeded true for teenage_parent, pregnant_teenager, lone_parent, disabled_parent, disabled_child, workless_household, priority_family, child_in_need, child_protection, looked_after and two_year_funding; not for groups such as father that are no vulnerability; councils change it';
ALTER TABLE @extschema@.target_group DISABLE TRIGGER guard_seeded_row;
UPDATE @extschema@.target_group SET vulnerable = true
WHERE code IN ('teenage_parent', 'pregnant_teenager', 'lone_parent', 'disabled_parent', 'disabled_child',
			   'workless_household', 'priority_family', 'child_in_need', 'child_protection', 'looked_after',
			   'two_year_funding');
ALTER TABLE @extschema@.target_group ENABLE TRIGGER guard_seeded_row;
