/* src/sql/36_percent_of.sql: percentages of counts that need not be parts of their whole */

/*
 * percent_of(part, whole): 100 * part / whole, rounded half away from zero
 * to one decimal place (or digits), null when the whole is 0 or either is
 * null.  The reach rates use it: registered children can outnumber an ONS
 * estimate of under-fives, and seen families can outnumber registered
 * ones, so these are not proportions (percent(proportion) refuses a part
 * above its whole).  One definition, so every view rounds alike; in C
 * (proportion.c), because a SQL function with a pinned search_path is not
 * inlined and the views call it for every row.
 */
CREATE FUNCTION @extschema@.percent_of(part numeric, whole numeric, digits integer DEFAULT 1) RETURNS numeric
	AS 'MODULE_PATHNAME', 'numeric_percent_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.percent_of(numeric, numeric, integer) IS
	'100 * part / whole rounded half away from zero to digits (default 1) decimal places; null when whole is 0; the part may exceed the whole';
