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
