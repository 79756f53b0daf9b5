
/* ---------------------------------------------------------------- calendar */

-- financial_period_bounds() reads year-to-date labels too (C, 25_rules.sql).
COMMENT ON FUNCTION @extschema@.financial_period_bounds(text) IS
	'first and last day of a financial year ''2013-14'', quarter ''2013-14 Q3'' or year to date ''2013-14 Q1-Q2'' / ''2013-14 Q1-Q3'' (exactly those forms)';
