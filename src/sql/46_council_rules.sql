/* src/sql/46_council_rules.sql: rules a council sets that are new in 0.3.0 (reference date, two-year criteria) */

/*
 * The day the reports call "today": the reference_date setting, which is
 * 'today' (the default: the current date) or a fixed date, so that a report
 * can be produced as it stood on a day (the 2014 demo sets 2014-03-31: its
 * inspections are overdue or not as they were then, not as they are now).
 * The setting's check (check_setting) makes sure the stored value is one of
 * those two forms.
 */
CREATE FUNCTION @extschema@.reference_date() RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT coalesce((SELECT CASE WHEN s.value OPERATOR(pg_catalog.=) 'today' THEN NULL
							 ELSE pg_catalog.make_date(pg_catalog.substr(s.value, 1, 4)::integer,
													   pg_catalog.substr(s.value, 6, 2)::integer,
													   pg_catalog.substr(s.value, 9, 2)::integer) END
				 FROM @extschema@.setting AS s
				 WHERE s.name OPERATOR(pg_catalog.=) 'reference_date'),
				CURRENT_DATE)
$$;
COMMENT ON FUNCTION @extschema@.reference_date() IS
	'the day reports treat as today: the reference_date setting (a date such as 2014-03-31), or the current date when it is ''today'' (the default) or missing';

/* ---------------------------------------------------------------- two_year_criteria */

/*
 * The criteria a funded place for a 2-year-old is given under
 * (two_year_place.criteria), each with its basis: the national criteria of
 * September 2013 (the DWP list: out-of-work benefits and the like; looked-
 * after children), those added in September 2014, or the council's own.
 * two_year_take_up counts places by basis; a criteria value not listed here
 * is local.  Matched without regard to case or surrounding spaces, so
 * criteria are unique that way too.
 */
CREATE TABLE @extschema@.two_year_criteria (
	criteria text PRIMARY KEY
		CONSTRAINT criteria_must_not_be_empty CHECK (pg_catalog.btrim(criteria) <> ''),
	basis text NOT NULL
		CONSTRAINT basis_must_be_sept_2013_sept_2014_or_local CHECK (basis IN ('sept_2013', 'sept_2014', 'local')),
	label text NOT NULL
		CONSTRAINT label_must_not_be_empty CHECK (pg_catalog.btrim(label) <> ''),
	seeded boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX two_year_criteria_matched ON @extschema@.two_year_criteria (pg_catalog.lower(pg_catalog.btrim(criteria)));
COMMENT ON TABLE @extschema@.two_year_criteria IS 'Eligibility criteria for funded 2-year-old places and their basis (national criteria of September 2013 or September 2014, or local); seeded with the national ones, councils add their own';
COMMENT ON COLUMN @extschema@.two_year_criteria.criteria IS 'criteria value as recorded in two_year_place.criteria (matched ignoring case and surrounding spaces)';
COMMENT ON COLUMN @extschema@.two_year_criteria.basis IS 'sept_2013 (the original national criteria), sept_2014 (added in September 2014) or local (the council''s own)';
COMMENT ON COLUMN @extschema@.two_year_criteria.label IS 'label printed in reports';
COMMENT ON COLUMN @extschema@.two_year_criteria.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.two_year_criteria (criteria, basis, label, seeded) VALUES
	('dwp', 'sept_2013', 'Families on out-of-work benefits or with a low income (the DWP list)', true),
	('looked_after', 'sept_2013', 'Looked-after children', true),
	('low_income_working', 'sept_2014', 'Working families on a low income', true),
	('disability_living_allowance', 'sept_2014', 'Children receiving Disability Living Allowance', true),
	('ehc_plan', 'sept_2014', 'Children with a statement of special educational needs or an education, health and care plan', true),
	('left_care', 'sept_2014', 'Children who have left care (adoption, special guardianship or a child arrangements order)', true);

CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.two_year_criteria
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('criteria');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.two_year_criteria', 'WHERE NOT seeded');
