/* src/sql/28_setting_check.sql: the check of setting values (trigger function) */

/*
 * Check a setting's value when it is written, so that a typo fails at once
 * with the expected form rather than later inside a report.  In a part of
 * its own, before 30_reference.sql creates the setting table and its
 * trigger, so that an upgrade that adds settings replaces it whole.
 */
CREATE FUNCTION @extschema@.check_setting() RETURNS trigger
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
			 'risk_deprived_registration_below', 'risk_group_any_contact_below',
			 'best_start_deprived_target', 'gld_ambition' THEN
			IF v !~ '^[0-9]{1,3}(\.[0-9]+)?$' OR v::numeric <= 0 OR v::numeric > 100 THEN
				expected := 'a percentage above 0 and at most 100';
			END IF;
		WHEN 'deprived_index' THEN
			-- an edition and a measure (iod2025_imd); 0.2's idaci and imd are IoD2019's
			v := pg_catalog.regexp_replace(pg_catalog.lower(v), '[ :/-]+', '_', 'g');
			IF v !~ '^(idaci|imd|iod20(19|25)_(idaci|imd|income))$' THEN
				expected := 'an index edition and measure: iod2019_idaci, iod2019_imd, iod2019_income, iod2025_idaci, iod2025_imd or iod2025_income (idaci and imd mean the IoD2019 ones)';
			END IF;
		WHEN 'reference_date' THEN
			v := pg_catalog.lower(v);
			IF v <> 'today' THEN
				expected := 'today, or a date written 2014-03-31';
				IF v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
					BEGIN
						PERFORM pg_catalog.make_date(pg_catalog.substr(v, 1, 4)::integer,
													 pg_catalog.substr(v, 6, 2)::integer,
													 pg_catalog.substr(v, 9, 2)::integer);
						expected := NULL;
					EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
						expected := 'today, or a date written 2014-03-31 that exists';
					END;
				END IF;
			END IF;
		WHEN 'regional_export' THEN
			v := pg_catalog.lower(v);
			IF v NOT IN ('published', 'exact') THEN
				expected := 'published or exact';
			END IF;
		WHEN 'regional_unreachable' THEN
			v := pg_catalog.lower(v);
			IF v NOT IN ('error', 'report') THEN
				expected := 'error or report';
			END IF;
		WHEN 'disclosure_rule' THEN
			v := pg_catalog.lower(v);
			IF v NOT IN ('suppress', 'round') THEN
				expected := 'suppress or round';
			END IF;
		WHEN 'round_to' THEN
			IF v !~ '^[0-9]{1,4}$' OR v::integer NOT BETWEEN 2 AND 1000 THEN
				expected := 'a whole number from 2 to 1000';
			END IF;
		ELSE
			RAISE EXCEPTION 'unknown setting "%"', NEW.name
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Known settings: sustained_contacts, deprived_index, deprived_percent, suppress_below, disclosure_rule, round_to, reinspect_ri_years, reinspect_years, ofsted_good_benchmark, risk_registration_below, risk_deprived_registration_below, risk_group_min_families, risk_group_any_contact_below, risk_weight_registration, risk_weight_deprived_registration, risk_weight_low_contact, risk_weight_target_group, risk_weight_fsp_quadrant, risk_weight_rag_amber, risk_weight_rag_red, risk_weight_grade_ri, risk_weight_grade_inadequate, risk_weight_overdue, risk_band_medium_from, risk_band_high_from, governance_board_meetings, best_start_deprived_target, gld_ambition, reference_date, regional_export, regional_unreachable.';
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
COMMENT ON FUNCTION @extschema@.check_setting() IS 'trigger: rejects unknown settings and values of the wrong form';
