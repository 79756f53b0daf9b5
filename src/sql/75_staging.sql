/* src/sql/75_staging.sql: staged loading (SPEC "Loading") */

/*
 * Analysts \copy extracts into the all-text tables of surestart_staging
 * (one per data table, same column names in the same order, so a CSV with
 * the data table's columns loads with HEADER) and call load_staged().
 * Nothing is typed or checked on the way in, so a bad value never stops a
 * \copy half way; load_staged() checks every row and either loads it or
 * writes it to load_reject with the reason.
 */
CREATE SCHEMA surestart_staging;
COMMENT ON SCHEMA surestart_staging IS 'Staging tables for surestart.load_staged(): one all-text table per data table, same column names';

CREATE TABLE surestart_staging.lead_partner (
	lead_partner_id text,
	name text,
	sector text
);
COMMENT ON TABLE surestart_staging.lead_partner IS 'staged rows for surestart.lead_partner, every column as text (see load_staged)';
CREATE TABLE surestart_staging.contract (
	contract_ref text,
	lead_partner_id text,
	starts_on text,
	ends_on text,
	total_value text
);
COMMENT ON TABLE surestart_staging.contract IS 'staged rows for surestart.contract, every column as text (see load_staged)';
CREATE TABLE surestart_staging.lot (
	lot_id text,
	name text,
	lead_partner_id text,
	contract_ref text,
	annual_value text,
	lot_group text
);
COMMENT ON TABLE surestart_staging.lot IS 'staged rows for surestart.lot, every column as text (see load_staged)';
CREATE TABLE surestart_staging.centre (
	centre_id text,
	name text,
	short_name text,
	lot_id text,
	group_id text,
	district_code text,
	opened_on text,
	closed_on text
);
COMMENT ON TABLE surestart_staging.centre IS 'staged rows for surestart.centre, every column as text (see load_staged)';
CREATE TABLE surestart_staging.lsoa (
	lsoa_code text,
	name text,
	district_code text,
	district_name text,
	idaci_rank text,
	idaci_decile text,
	imd_rank text,
	imd_decile text,
	vintage text
);
COMMENT ON TABLE surestart_staging.lsoa IS 'staged rows for surestart.lsoa, every column as text (see load_staged)';
CREATE TABLE surestart_staging.reach_area (
	lsoa_code text,
	valid_from text,
	centre_id text,
	valid_to text
);
COMMENT ON TABLE surestart_staging.reach_area IS 'staged rows for surestart.reach_area, every column as text (see load_staged)';
CREATE TABLE surestart_staging.population (
	lsoa_code text,
	mid_year text,
	age text,
	persons text
);
COMMENT ON TABLE surestart_staging.population IS 'staged rows for surestart.population, every column as text (see load_staged)';
CREATE TABLE surestart_staging.family (
	family_id text,
	lsoa_code text,
	lone_parent text,
	workless_household text,
	workless_by_status text,
	additional_language text,
	minority_ethnic text,
	priority_family text,
	smoking_parent text,
	local_groups text
);
COMMENT ON TABLE surestart_staging.family IS 'staged rows for surestart.family, every column as text (see load_staged)';
CREATE TABLE surestart_staging.carer (
	carer_id text,
	family_id text,
	dob text,
	sex text,
	disabled text,
	pregnant text
);
COMMENT ON TABLE surestart_staging.carer IS 'staged rows for surestart.carer, every column as text (see load_staged)';
CREATE TABLE surestart_staging.child (
	child_id text,
	family_id text,
	dob text,
	sex text,
	disabled text
);
COMMENT ON TABLE surestart_staging.child IS 'staged rows for surestart.child, every column as text (see load_staged)';
CREATE TABLE surestart_staging.registration (
	child_id text,
	centre_id text,
	registered_on text,
	ended_on text
);
COMMENT ON TABLE surestart_staging.registration IS 'staged rows for surestart.registration, every column as text (see load_staged)';
CREATE TABLE surestart_staging.contact (
	contact_id text,
	child_id text,
	centre_id text,
	contact_on text,
	mode text,
	activity text
);
COMMENT ON TABLE surestart_staging.contact IS 'staged rows for surestart.contact, every column as text (see load_staged)';
CREATE TABLE surestart_staging.social_care (
	child_id text,
	kind text,
	starts_on text,
	ends_on text
);
COMMENT ON TABLE surestart_staging.social_care IS 'staged rows for surestart.social_care, every column as text (see load_staged)';
CREATE TABLE surestart_staging.eyfs_result (
	pupil_id text,
	child_id text,
	lsoa_code text,
	academic_year text,
	regime text,
	gld text,
	fsm text
);
COMMENT ON TABLE surestart_staging.eyfs_result IS 'staged rows for surestart.eyfs_result, every column as text (see load_staged)';
CREATE TABLE surestart_staging.ofsted_inspection (
	inspection_id text,
	inspected_on text,
	published_on text,
	framework text,
	status text,
	overall text,
	access text,
	quality text,
	leadership text
);
COMMENT ON TABLE surestart_staging.ofsted_inspection IS 'staged rows for surestart.ofsted_inspection, every column as text (see load_staged)';
CREATE TABLE surestart_staging.inspected_centre (
	inspection_id text,
	centre_id text
);
COMMENT ON TABLE surestart_staging.inspected_centre IS 'staged rows for surestart.inspected_centre, every column as text (see load_staged)';
CREATE TABLE surestart_staging.centre_rag (
	centre_id text,
	assessed_on text,
	quality_rag text,
	leadership_rag text
);
COMMENT ON TABLE surestart_staging.centre_rag IS 'staged rows for surestart.centre_rag, every column as text (see load_staged)';
CREATE TABLE surestart_staging.two_year_place (
	child_id text,
	term_start text,
	dwp_eligible text,
	criteria text,
	taken_up text
);
COMMENT ON TABLE surestart_staging.two_year_place IS 'staged rows for surestart.two_year_place, every column as text (see load_staged)';
CREATE TABLE surestart_staging.three_four_funding (
	child_id text,
	term_start text,
	in_receipt text,
	setting_kind text
);
COMMENT ON TABLE surestart_staging.three_four_funding IS 'staged rows for surestart.three_four_funding, every column as text (see load_staged)';
CREATE TABLE surestart_staging.building_fund (
	site_code text,
	site_name text,
	centre_id text,
	fund text,
	area_m2 text,
	rate_per_m2 text,
	contribution text,
	expenditure text,
	financial_year text
);
COMMENT ON TABLE surestart_staging.building_fund IS 'staged rows for surestart.building_fund, every column as text (see load_staged)';
CREATE TABLE surestart_staging.centre_target (
	centre_id text,
	measure text,
	financial_year text,
	target text,
	amber_within text,
	due_on text
);
COMMENT ON TABLE surestart_staging.centre_target IS 'staged rows for surestart.centre_target, every column as text (see load_staged)';
CREATE TABLE surestart_staging.board_meeting (
	centre_id text,
	met_on text,
	kind text,
	attendance text
);
COMMENT ON TABLE surestart_staging.board_meeting IS 'staged rows for surestart.board_meeting, every column as text (see load_staged)';

/*
 * Staged rows are data: a dump taken between a \copy and load_staged() must
 * keep them, so every staging table is marked like the data tables.
 */
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lead_partner', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.contract', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lot', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.centre', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lsoa', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.reach_area', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.population', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.family', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.carer', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.child', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.registration', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.contact', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.social_care', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.eyfs_result', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.ofsted_inspection', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.inspected_centre', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.centre_rag', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.two_year_place', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.three_four_funding', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.building_fund', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.centre_target', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.board_meeting', '');

/* ---------------------------------------------------------------- load_reject */

CREATE SEQUENCE @extschema@.load_reject_id_seq;
CREATE TABLE @extschema@.load_reject (
	id bigint PRIMARY KEY DEFAULT pg_catalog.nextval('@extschema@.load_reject_id_seq'::pg_catalog.regclass),
	table_name text NOT NULL,
	row_data jsonb NOT NULL,
	reason text NOT NULL,
	rejected_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
ALTER SEQUENCE @extschema@.load_reject_id_seq OWNED BY @extschema@.load_reject.id;
CREATE INDEX ON @extschema@.load_reject (table_name, rejected_at);
COMMENT ON TABLE @extschema@.load_reject IS 'Staged rows that load_staged() (or an import helper) did not load, each with the whole staged row and why';
COMMENT ON COLUMN @extschema@.load_reject.id IS 'reject number, in the order rows were rejected';
COMMENT ON COLUMN @extschema@.load_reject.table_name IS 'staging table the row was staged in (surestart_staging.<table_name>)';
COMMENT ON COLUMN @extschema@.load_reject.row_data IS 'the staged row as it was, every column as text (null for an empty field)';
COMMENT ON COLUMN @extschema@.load_reject.reason IS 'every reason the row was refused, separated by "; "';
COMMENT ON COLUMN @extschema@.load_reject.rejected_at IS 'start of the transaction that rejected the row (one value per load)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.load_reject', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.load_reject_id_seq', '');
