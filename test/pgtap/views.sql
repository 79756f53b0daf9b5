-- pgTAP: the reporting views' contract: SPEC's columns by name, standard
-- column types only (what BI tools read; float8 only where SPEC says, in the
-- funnel views' proportions and statistics), and a comment on every view and
-- column.
BEGIN;
SELECT plan(17);

SELECT is_empty($$
	SELECT c.relname::text FROM pg_class c
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v'
	  AND obj_description(c.oid, 'pg_class') IS NULL $$,
	'every view has a comment');
SELECT is_empty($$
	SELECT c.relname || '.' || a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v' AND a.attnum > 0
	  AND col_description(c.oid, a.attnum) IS NULL $$,
	'every view column has a comment');
SELECT is_empty($$
	SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
	FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'v' AND a.attnum > 0
	  AND NOT (c.relname IN ('reach_funnel', 'coverage_funnel') AND a.atttypid = 'double precision'::regtype)
	  AND a.atttypid NOT IN ('text'::regtype, 'integer'::regtype, 'bigint'::regtype, 'numeric'::regtype,
							 'date'::regtype, 'boolean'::regtype, 'timestamptz'::regtype) $$,
	'reporting views expose only standard column types');

-- SPEC's fixed columns, in SPEC's order, then the extra ones
SELECT columns_are('surestart', 'centre_reach', ARRAY['centre_id', 'centre', 'period', 'kind', 'period_start', 'period_end',
	'under_fives', 'registered', 'registered_pct', 'seen', 'seen_pct', 'sustained', 'sustained_pct',
	'families_registered', 'families_seen', 'families_seen_pct', 'families_sustained', 'families_sustained_pct',
	'registered_words', 'seen_words']);
SELECT columns_are('surestart', 'centre_reach_deprived', ARRAY['centre_id', 'centre', 'period', 'kind', 'period_start', 'period_end',
	'under_fives', 'registered', 'registered_pct', 'seen', 'seen_pct', 'sustained', 'sustained_pct',
	'families_registered', 'families_seen', 'families_seen_pct', 'families_sustained', 'families_sustained_pct',
	'registered_words', 'seen_words']);
SELECT columns_are('surestart', 'target_group_coverage', ARRAY['level', 'unit_id', 'unit_name', 'period',
	'target_group', 'label', 'families', 'any_contact', 'any_contact_pct', 'sustained', 'sustained_pct',
	'any_contact_words', 'national', 'display_order']);
SELECT columns_are('surestart', 'fsp_contact_ranking', ARRAY['centre_id', 'centre', 'academic_year', 'contact_period', 'pupils', 'gld',
	'gld_pct', 'fsp_rank', 'seen_pct', 'contact_rank', 'fsp_quartile', 'contact_quartile', 'fsp_quartile_name',
	'low_outcome_high_contact', 'fsm_pupils', 'fsm_gld', 'fsm_gld_pct', 'other_pupils', 'other_gld', 'other_gld_pct', 'fsm_gap',
	'gld_low_95', 'gld_high_95', 'seen_low_95', 'seen_high_95', 'seen', 'under_fives', 'county_gld_pct', 'county_seen_pct',
	'gld_vs_county', 'seen_vs_county', 'fsp_quartile_uncertain', 'contact_quartile_uncertain',
	'comparator_gld_national', 'comparator_gld_neighbours', 'comparator_gld_region']);
SELECT columns_are('surestart', 'fsp_contact_grid', ARRAY['academic_year', 'contact_period', 'fsp_quartile', 'fsp_quartile_name',
	'contact_quartile', 'centres', 'centre_names', 'low_outcome_high_contact']);
SELECT columns_are('surestart', 'ofsted_latest', ARRAY['centre_id', 'centre', 'inspection_id', 'inspected_on',
	'framework', 'overall', 'overall_grade', 'access', 'quality', 'leadership', 'next_due', 'overdue']);
SELECT columns_are('surestart', 'contract_value', ARRAY['lot_id', 'lead_partner_id', 'financial_year', 'annual_value',
	'registered', 'seen', 'sustained', 'cost_per_registered', 'cost_per_seen', 'cost_per_sustained', 'centres',
	'lot_annual_value', 'days_live', 'days_in_year']);
SELECT columns_are('surestart', 'reach_trend', ARRAY['centre_id', 'centre', 'period', 'period_end', 'taken_at',
	'under_fives', 'registered', 'registered_pct', 'seen', 'seen_pct', 'sustained', 'sustained_pct',
	'kind', 'period_start', 'families_seen', 'families_sustained', 'sustained_contacts', 'taken_by',
	'previous_period', 'registered_change', 'seen_change', 'sustained_change']);
SELECT columns_are('surestart', 'coverage_trend', ARRAY['centre_id', 'centre', 'period', 'period_end', 'taken_at',
	'target_group', 'label', 'families', 'any_contact', 'any_contact_pct', 'sustained', 'sustained_pct',
	'any_contact_words', 'kind', 'period_start', 'sustained_contacts', 'national', 'display_order']);
SELECT col_type_is('surestart', 'reach_trend', 'taken_at', 'timestamp with time zone', 'taken_at is a timestamptz, the one non-date time type a view exposes');
SELECT col_type_is('surestart', 'reach_trend', 'registered_change', 'bigint', 'changes in counts are bigint');
SELECT col_type_is('surestart', 'centre_reach', 'registered_pct', 'numeric', 'percentages are numeric');
SELECT col_type_is('surestart', 'ofsted_latest', 'overall_grade', 'integer', 'the grade number is an integer');
SELECT col_type_is('surestart', 'target_group_coverage', 'families', 'bigint', 'counts are bigint');

SELECT * FROM finish();
ROLLBACK;
