/* src/sql/78_performance_tables.sql: performance management tables (DOMAIN "Performance management") */

/*
 * Targets, the scorecard, the contact profile, governance and the
 * inspection-risk assessment.  Every figure comes from the reach, coverage
 * and funding views, so the counting rules are those of SPEC: a period's
 * reference date is its last day, children count for the centre whose reach
 * area holds their family's LSOA that day, contacts are meaningful contacts.
 */

/* ---------------------------------------------------------------- scorecard_measure */

/*
 * The measures a target can be set for.  The codes are fixed (the
 * scorecard knows how to compute each); councils may relabel them.
 */
CREATE TABLE @extschema@.scorecard_measure (
	code text PRIMARY KEY
		CONSTRAINT code_must_be_a_measure_the_scorecard_computes CHECK (code IN (
			'registered_pct', 'seen_pct', 'sustained_pct',
			'deprived_registered_pct', 'deprived_seen_pct', 'deprived_sustained_pct',
			'coverage_teenage_parent', 'coverage_young_parent', 'coverage_pregnant_teenager',
			'coverage_lone_parent', 'coverage_father', 'coverage_only_male_carer',
			'coverage_disabled_parent', 'coverage_disabled_child', 'coverage_disabled_child_any_age',
			'coverage_workless_household', 'coverage_workless_by_status', 'coverage_additional_language',
			'coverage_minority_ethnic', 'coverage_smoking_parent', 'coverage_priority_family',
			'coverage_child_in_need', 'coverage_child_protection', 'coverage_looked_after',
			'coverage_two_year_funding',
			'two_year_take_up', 'three_four_take_up')),
	label text NOT NULL
		CONSTRAINT label_must_not_be_empty CHECK (pg_catalog.btrim(label) <> ''),
	source text NOT NULL
		CONSTRAINT source_must_be_a_reporting_view CHECK (source IN (
			'centre_reach', 'centre_reach_deprived', 'target_group_coverage',
			'two_year_take_up', 'three_four_take_up')),
	display_order smallint NOT NULL UNIQUE,
	seeded boolean NOT NULL DEFAULT false,
	-- scorecard_actual computes a measure from the view its code names and
	-- skips a view no target needs (by source): the two must agree
	CONSTRAINT source_must_be_the_view_the_code_comes_from CHECK (source =
		CASE WHEN code LIKE 'coverage\_%' THEN 'target_group_coverage'
			 WHEN code LIKE 'deprived\_%' THEN 'centre_reach_deprived'
			 WHEN code LIKE '%\_pct' THEN 'centre_reach'
			 ELSE code END)
);
COMMENT ON TABLE @extschema@.scorecard_measure IS 'Measures a centre_target can name, with the view each comes from; councils may relabel them';
COMMENT ON COLUMN @extschema@.scorecard_measure.code IS 'measure code used in centre_target.measure and the scorecard, e.g. registered_pct';
COMMENT ON COLUMN @extschema@.scorecard_measure.label IS 'label printed in reports';
COMMENT ON COLUMN @extschema@.scorecard_measure.source IS 'view the actual value comes from: centre_reach, centre_reach_deprived, target_group_coverage (centre level, any contact), two_year_take_up or three_four_take_up (centre level)';
COMMENT ON COLUMN @extschema@.scorecard_measure.display_order IS 'order in reports';
COMMENT ON COLUMN @extschema@.scorecard_measure.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.scorecard_measure (code, label, source, display_order, seeded) VALUES
	('registered_pct', 'Under-fives registered (%)', 'centre_reach', 1, true),
	('seen_pct', 'Under-fives seen (%)', 'centre_reach', 2, true),
	('sustained_pct', 'Under-fives in sustained contact (%)', 'centre_reach', 3, true),
	('deprived_registered_pct', 'Under-fives registered, most deprived areas (%)', 'centre_reach_deprived', 4, true),
	('deprived_seen_pct', 'Under-fives seen, most deprived areas (%)', 'centre_reach_deprived', 5, true),
	('deprived_sustained_pct', 'Under-fives in sustained contact, most deprived areas (%)', 'centre_reach_deprived', 6, true),
	('two_year_take_up', 'Funded 2-year-old places taken up by DWP-eligible children (%)', 'two_year_take_up', 7, true),
	('three_four_take_up', 'Funded early education taken up by eligible 3- and 4-year-olds (%)', 'three_four_take_up', 8, true);
INSERT INTO @extschema@.scorecard_measure (code, label, source, display_order, seeded)
	SELECT 'coverage_' || g.code, g.label || ': any contact (%)', 'target_group_coverage', 10 + g.display_order, true
	FROM @extschema@.target_group AS g
	WHERE g.national;

CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.scorecard_measure
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('code');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scorecard_measure', 'WHERE NOT seeded');

/*
 * A target's measure must be one the scorecard computes.  The code is
 * trimmed and lower-cased, and 0.2's data_pack spelling of the
 * deprived-area measures (registered_pct_deprived) is still accepted for
 * deprived_registered_pct, the one spelling since 0.3.
 */
CREATE FUNCTION @extschema@.check_centre_target() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	m text := pg_catalog.lower(pg_catalog.btrim(NEW.measure));
	base text;
BEGIN
	/*
	 * Other spellings of the six reach measures: data_pack's
	 * registered_pct_deprived, and registered, deprived_seen,
	 * sustained_deprived and the like without _pct.
	 */
	base := pg_catalog.substring(m, '^(?:deprived_)?(registered|seen|sustained)(?:_pct)?(?:_deprived)?(?:_pct)?$');
	IF base IS NOT NULL THEN
		m := CASE WHEN m OPERATOR(pg_catalog.~) 'deprived' THEN 'deprived_' ELSE '' END
			 OPERATOR(pg_catalog.||) base OPERATOR(pg_catalog.||) '_pct';
	END IF;
	PERFORM FROM @extschema@.scorecard_measure AS s WHERE s.code OPERATOR(pg_catalog.=) m;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown scorecard measure "%"', NEW.measure
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected one of: ' OPERATOR(pg_catalog.||)
					  (SELECT pg_catalog.string_agg(s.code, ', ' ORDER BY s.display_order) FROM @extschema@.scorecard_measure AS s)
					  OPERATOR(pg_catalog.||) '.',
				  HINT = 'The measures are listed in table scorecard_measure.';
	END IF;
	NEW.measure := m;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_centre_target() IS 'trigger: a target''s measure must be a scorecard_measure code (trimmed, lower-cased; registered_pct_deprived is read as deprived_registered_pct)';
CREATE TRIGGER check_centre_target BEFORE INSERT OR UPDATE ON @extschema@.centre_target
	FOR EACH ROW EXECUTE FUNCTION @extschema@.check_centre_target();
