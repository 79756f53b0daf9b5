/* src/sql/25_rules.sql: calendar, Ofsted and quartile rules */

/* Calendar */

CREATE FUNCTION @extschema@.age_on(dob date, on_day date) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.age_on(date, date) IS
	'age in completed years on a day; a child born on 29 February is a year older from 1 March in non-leap years; a day before the birth is an error';

CREATE FUNCTION @extschema@.funded_from(dob date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funded_from(date) IS
	'first day of the term from which a child gets the universal 3-year-old entitlement: born January-March, 1 April; April-August, 1 September; September-December, 1 January, after the third birthday';

CREATE FUNCTION @extschema@.term_start(date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.term_start(date) IS
	'first day of the school term in progress on a date: 1 September (September-December), 1 January (January-March) or 1 April (April-August) of the same year';

CREATE FUNCTION @extschema@.term_name(date) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.term_name(date) IS
	'name of the school term in progress on a date, such as ''Autumn 2013'' (Autumn from 1 September, Spring from 1 January, Summer from 1 April)';

CREATE FUNCTION @extschema@.financial_year(date) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.financial_year(date) IS
	'local-government financial year (from 1 April) holding a date, such as ''2013-14''';

CREATE FUNCTION @extschema@.financial_quarter(date) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.financial_quarter(date) IS
	'financial quarter holding a date, such as ''2013-14 Q3'' (Q1 April-June ... Q4 January-March)';

CREATE FUNCTION @extschema@.financial_period_bounds(period text, OUT period_start date, OUT period_end date)
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.financial_period_bounds(text) IS
	'first and last day of a financial year ''2013-14'', quarter ''2013-14 Q3'' or year to date ''2013-14 Q1-Q2'' / ''2013-14 Q1-Q3'' (exactly those forms)';

/* Ofsted */

CREATE FUNCTION @extschema@.next_inspection_due(inspected date, overall @extschema@.ofsted_grade) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.next_inspection_due(date, @extschema@.ofsted_grade) IS
	'date a centre is next due for inspection: reinspect_ri_years (setting) after a Requires improvement or Inadequate overall grade, reinspect_years after any other or no grade; NULL when the inspection date is NULL';

CREATE FUNCTION @extschema@.support_level(overall_grades @extschema@.ofsted_grade[], quality_rag text, leadership_rag text) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.support_level(@extschema@.ofsted_grade[], text, text) IS
	'support and intervention level 1 (Normal) to 4 (Intensive): the highest that the overall grades (newest first; NULL or empty = not yet inspected) or the quality and leadership RAGs (green, amber, red; NULL = not rated) trigger';

CREATE FUNCTION @extschema@.support_level_name(integer) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.support_level_name(integer) IS
	'name of a support level: Normal, Raised, Supported, Intensive';

/* Rankings */

CREATE FUNCTION @extschema@.quartile_of(rank bigint, n bigint) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quartile_of(bigint, bigint) IS
	'quartile of a rank among n, ceil(4 * rank / n), 1 = top; for 53 units the quartiles hold 13, 13, 13, 14';

CREATE FUNCTION @extschema@.quartile_name(integer) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quartile_name(integer) IS
	'report wording of a quartile: Top, Upper middle, Lower middle, Bottom quartile';
