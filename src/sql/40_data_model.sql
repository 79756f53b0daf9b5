/* src/sql/40_data_model.sql: the canonical data model (SPEC "Data model") */

/*
 * Constraint names say what is expected, because they are what a person sees
 * when a row is rejected ("violates check constraint
 * lsoa_code_must_be_E01_or_W01_and_6_digits", with the failing row).
 * End dates (valid_to, ended_on, ends_on, closed_on) are the last day
 * included; null means still open.  Columns that only describe (names,
 * flags, modes) may be null, so that a source system's gaps are kept and
 * counted as unknown rather than rejected; flags default to false.
 */

/* ---------------------------------------------------------------- organisations */

CREATE TABLE @extschema@.lead_partner (
	lead_partner_id text PRIMARY KEY
		CONSTRAINT lead_partner_id_must_not_be_empty CHECK (btrim(lead_partner_id) <> ''),
	name text NOT NULL
		CONSTRAINT name_must_not_be_empty CHECK (btrim(name) <> ''),
	sector text
		CONSTRAINT sector_must_be_local_authority_voluntary_health_school_private
		CHECK (sector IN ('local_authority', 'voluntary', 'health', 'school', 'private'))
);
COMMENT ON TABLE @extschema@.lead_partner IS 'Organisations that run childrens centres under contract (or the council itself)';
COMMENT ON COLUMN @extschema@.lead_partner.lead_partner_id IS 'short code for the lead partner, e.g. AfC';
COMMENT ON COLUMN @extschema@.lead_partner.name IS 'name of the organisation';
COMMENT ON COLUMN @extschema@.lead_partner.sector IS 'local_authority, voluntary, health, school or private';

CREATE TABLE @extschema@.contract (
	contract_ref text PRIMARY KEY
		CONSTRAINT contract_ref_must_not_be_empty CHECK (btrim(contract_ref) <> ''),
	lead_partner_id text NOT NULL REFERENCES @extschema@.lead_partner,
	starts_on date NOT NULL,
	ends_on date NOT NULL,
	total_value numeric
		CONSTRAINT total_value_must_not_be_negative CHECK (total_value >= 0),
	CONSTRAINT contract_must_end_on_or_after_its_start CHECK (ends_on >= starts_on)
);
CREATE INDEX ON @extschema@.contract (lead_partner_id);
COMMENT ON TABLE @extschema@.contract IS 'Contracts with lead partners; one contract covers one or more lots';
COMMENT ON COLUMN @extschema@.contract.contract_ref IS 'contract reference, e.g. CF0436';
COMMENT ON COLUMN @extschema@.contract.lead_partner_id IS 'lead partner holding the contract';
COMMENT ON COLUMN @extschema@.contract.starts_on IS 'first day of the contract';
COMMENT ON COLUMN @extschema@.contract.ends_on IS 'last day of the contract';
COMMENT ON COLUMN @extschema@.contract.total_value IS 'total value over the contract period, in pounds';

CREATE TABLE @extschema@.lot (
	lot_id text PRIMARY KEY
		CONSTRAINT lot_id_must_not_be_empty CHECK (btrim(lot_id) <> ''),
	name text
		CONSTRAINT name_must_not_be_empty CHECK (btrim(name) <> ''),
	lead_partner_id text NOT NULL REFERENCES @extschema@.lead_partner,
	contract_ref text REFERENCES @extschema@.contract,
	annual_value numeric
		CONSTRAINT annual_value_must_not_be_negative CHECK (annual_value >= 0),
	lot_group text
		CONSTRAINT lot_group_must_not_be_empty CHECK (btrim(lot_group) <> '')
);
CREATE INDEX ON @extschema@.lot (lead_partner_id);
CREATE INDEX ON @extschema@.lot (contract_ref);
COMMENT ON TABLE @extschema@.lot IS 'Lots: the commissioned units, each of one or more centres';
COMMENT ON COLUMN @extschema@.lot.lot_id IS 'lot number or code, e.g. 30a';
COMMENT ON COLUMN @extschema@.lot.name IS 'name of the lot (the areas it covers)';
COMMENT ON COLUMN @extschema@.lot.lead_partner_id IS 'lead partner running the lot';
COMMENT ON COLUMN @extschema@.lot.contract_ref IS 'contract the lot is let under; null for lots without a contract reference';
COMMENT ON COLUMN @extschema@.lot.annual_value IS 'annual value of the lot, in pounds';
COMMENT ON COLUMN @extschema@.lot.lot_group IS 'group the lot is reported in, e.g. Priority or Other (Norfolk''s Appendix 5 splits two-year take-up so); null when lots are not grouped';

CREATE TABLE @extschema@.centre (
	centre_id text PRIMARY KEY
		CONSTRAINT centre_id_must_not_be_empty CHECK (btrim(centre_id) <> ''),
	name text NOT NULL UNIQUE
		CONSTRAINT name_must_not_be_empty CHECK (btrim(name) <> ''),
	short_name text,
	lot_id text REFERENCES @extschema@.lot,
	group_id text,
	district_code text
		CONSTRAINT district_code_must_not_be_empty CHECK (btrim(district_code) <> ''),
	opened_on date,
	closed_on date,
	CONSTRAINT centre_must_close_on_or_after_opening CHECK (closed_on >= opened_on)
);
CREATE INDEX ON @extschema@.centre (lot_id);
COMMENT ON TABLE @extschema@.centre IS 'Sure Start childrens centres (Family Hubs)';
COMMENT ON COLUMN @extschema@.centre.centre_id IS 'centre identifier';
COMMENT ON COLUMN @extschema@.centre.name IS 'full name of the centre';
COMMENT ON COLUMN @extschema@.centre.short_name IS 'short name used in report tables';
COMMENT ON COLUMN @extschema@.centre.lot_id IS 'lot the centre belongs to';
COMMENT ON COLUMN @extschema@.centre.group_id IS 'inspection group or cluster of centres, if any';
COMMENT ON COLUMN @extschema@.centre.district_code IS 'GSS code of the district (lower-tier local authority) the centre is in';
COMMENT ON COLUMN @extschema@.centre.opened_on IS 'day the centre opened, if known';
COMMENT ON COLUMN @extschema@.centre.closed_on IS 'last day the centre was open; null while open';

/* ---------------------------------------------------------------- geography */

CREATE TABLE @extschema@.lsoa (
	lsoa_code text PRIMARY KEY
		CONSTRAINT "lsoa_code_must_be_E01_or_W01_and_6_digits"
		CHECK (lsoa_code ~ '^[EW]01[0-9]{6}$'),
	name text,
	district_code text
		CONSTRAINT district_code_must_not_be_empty CHECK (btrim(district_code) <> ''),
	district_name text,
	idaci_rank integer
		CONSTRAINT idaci_rank_must_be_positive CHECK (idaci_rank >= 1),
	idaci_decile integer
		CONSTRAINT idaci_decile_must_be_1_to_10 CHECK (idaci_decile BETWEEN 1 AND 10),
	imd_rank integer
		CONSTRAINT imd_rank_must_be_positive CHECK (imd_rank >= 1),
	imd_decile integer
		CONSTRAINT imd_decile_must_be_1_to_10 CHECK (imd_decile BETWEEN 1 AND 10),
	vintage integer NOT NULL DEFAULT 2011
		CONSTRAINT vintage_must_be_2011_or_2021 CHECK (vintage IN (2011, 2021))
);
CREATE INDEX ON @extschema@.lsoa (district_code);
COMMENT ON TABLE @extschema@.lsoa IS 'Lower-layer Super Output Areas with their deprivation ranks (rank 1 and decile 1 = most deprived)';
COMMENT ON COLUMN @extschema@.lsoa.lsoa_code IS 'ONS LSOA code, E01 or W01 and six digits';
COMMENT ON COLUMN @extschema@.lsoa.name IS 'ONS LSOA name, e.g. Norwich 001A';
COMMENT ON COLUMN @extschema@.lsoa.district_code IS 'GSS code of the district the LSOA is in';
COMMENT ON COLUMN @extschema@.lsoa.district_name IS 'name of the district';
COMMENT ON COLUMN @extschema@.lsoa.idaci_rank IS 'Income Deprivation Affecting Children Index rank in England (1 = most deprived)';
COMMENT ON COLUMN @extschema@.lsoa.idaci_decile IS 'IDACI decile in England (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa.imd_rank IS 'Index of Multiple Deprivation rank in England (1 = most deprived)';
COMMENT ON COLUMN @extschema@.lsoa.imd_decile IS 'IMD decile in England (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa.vintage IS 'LSOA boundary vintage the code belongs to: 2011 or 2021';

CREATE TABLE @extschema@.reach_area (
	lsoa_code text NOT NULL REFERENCES @extschema@.lsoa,
	valid_from date NOT NULL,
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	valid_to date,
	PRIMARY KEY (lsoa_code, valid_from),
	CONSTRAINT valid_to_must_be_on_or_after_valid_from CHECK (valid_to >= valid_from)
);
CREATE INDEX ON @extschema@.reach_area (centre_id);
COMMENT ON TABLE @extschema@.reach_area IS 'Which centre''s reach area each LSOA belongs to, over time; periods of one LSOA never overlap (a period starting on the day another ends holds that day)';
COMMENT ON COLUMN @extschema@.reach_area.lsoa_code IS 'LSOA in the reach area';
COMMENT ON COLUMN @extschema@.reach_area.valid_from IS 'first day the LSOA belongs to the centre';
COMMENT ON COLUMN @extschema@.reach_area.centre_id IS 'centre whose reach area holds the LSOA';
COMMENT ON COLUMN @extschema@.reach_area.valid_to IS 'last day the LSOA belongs to the centre; null while current';

/*
 * Refuse a reach-area period that overlaps another period of the same LSOA.
 * valid_to is the last day included, but a period may also start on the day
 * the previous one ends (the half-open convention some systems export); the
 * later period then holds that day.  Only a longer overlap is refused.
 * Locking the LSOA row serialises concurrent writers for that LSOA, so two
 * sessions cannot each add an overlapping period unseen by the other.
 */
CREATE FUNCTION @extschema@.check_reach_area_overlap() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	clash record;
BEGIN
	PERFORM 1 FROM @extschema@.lsoa WHERE lsoa_code = NEW.lsoa_code FOR UPDATE;
	SELECT r.valid_from, r.valid_to, r.centre_id INTO clash
	FROM @extschema@.reach_area AS r
	WHERE r.lsoa_code = NEW.lsoa_code
	  AND r.valid_from <> NEW.valid_from
	  AND r.valid_from < coalesce(NEW.valid_to, 'infinity'::date)
	  AND coalesce(r.valid_to, 'infinity'::date) > NEW.valid_from
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'reach-area period % to % of LSOA % overlaps its period % to % (centre %)',
			to_char(NEW.valid_from, 'YYYY-MM-DD'), coalesce(to_char(NEW.valid_to, 'YYYY-MM-DD'), 'open'),
			NEW.lsoa_code, to_char(clash.valid_from, 'YYYY-MM-DD'),
			coalesce(to_char(clash.valid_to, 'YYYY-MM-DD'), 'open'), clash.centre_id
			USING ERRCODE = 'exclusion_violation',
				  HINT = 'End the earlier period (valid_to) the day before the new one starts.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_reach_area_overlap() IS 'trigger: periods of one LSOA in reach_area must not overlap';
CREATE TRIGGER check_reach_area_overlap AFTER INSERT OR UPDATE ON @extschema@.reach_area
	FOR EACH ROW EXECUTE FUNCTION @extschema@.check_reach_area_overlap();

CREATE TABLE @extschema@.population (
	lsoa_code text NOT NULL REFERENCES @extschema@.lsoa,
	mid_year integer NOT NULL
		CONSTRAINT mid_year_must_be_1981_to_2100 CHECK (mid_year BETWEEN 1981 AND 2100),
	age integer NOT NULL
		CONSTRAINT age_must_be_0_to_4 CHECK (age BETWEEN 0 AND 4),
	persons integer NOT NULL
		CONSTRAINT persons_must_not_be_negative CHECK (persons >= 0),
	PRIMARY KEY (lsoa_code, mid_year, age)
);
COMMENT ON TABLE @extschema@.population IS 'ONS mid-year population estimates of under-fives by LSOA and single year of age';
COMMENT ON COLUMN @extschema@.population.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.population.mid_year IS 'year of the mid-year (30 June) estimate';
COMMENT ON COLUMN @extschema@.population.age IS 'age in completed years, 0-4';
COMMENT ON COLUMN @extschema@.population.persons IS 'estimated number of persons';

/* ---------------------------------------------------------------- people */

CREATE TABLE @extschema@.family (
	family_id bigint PRIMARY KEY,
	lsoa_code text REFERENCES @extschema@.lsoa,
	lone_parent boolean DEFAULT false,
	workless_household boolean DEFAULT false,
	workless_by_status boolean DEFAULT false,
	additional_language boolean DEFAULT false,
	minority_ethnic boolean DEFAULT false,
	priority_family boolean DEFAULT false,
	smoking_parent boolean DEFAULT false,
	local_groups integer[] DEFAULT '{}'
		CONSTRAINT local_groups_must_be_numbers_1_to_16
		CHECK (local_groups <@ '{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16}'::integer[])
);
CREATE INDEX ON @extschema@.family (lsoa_code);
COMMENT ON TABLE @extschema@.family IS 'Families known to the centres (person-level data)';
COMMENT ON COLUMN @extschema@.family.family_id IS 'family identifier from the source system';
COMMENT ON COLUMN @extschema@.family.lsoa_code IS 'LSOA where the family lives; null if unknown or outside the area';
COMMENT ON COLUMN @extschema@.family.lone_parent IS 'lone-parent family';
COMMENT ON COLUMN @extschema@.family.workless_household IS 'a carer answered No to "is anyone over 16 in your household in employment?"';
COMMENT ON COLUMN @extschema@.family.workless_by_status IS 'every carer has an employment status that is explicitly not employment';
COMMENT ON COLUMN @extschema@.family.additional_language IS 'English is an additional language';
COMMENT ON COLUMN @extschema@.family.minority_ethnic IS 'family in a minority ethnic group';
COMMENT ON COLUMN @extschema@.family.priority_family IS 'priority or excluded family (e.g. troubled families)';
COMMENT ON COLUMN @extschema@.family.smoking_parent IS 'a parent or carer smokes';
COMMENT ON COLUMN @extschema@.family.local_groups IS 'local target groups the family belongs to, numbers 1-16';

CREATE TABLE @extschema@.carer (
	carer_id bigint PRIMARY KEY,
	family_id bigint NOT NULL REFERENCES @extschema@.family,
	dob date
		CONSTRAINT dob_must_be_a_finite_date CHECK (isfinite(dob)),
	sex text
		CONSTRAINT "sex_must_be_F_or_M" CHECK (sex IN ('F', 'M')),
	disabled boolean DEFAULT false,
	pregnant boolean DEFAULT false
);
CREATE INDEX ON @extschema@.carer (family_id);
COMMENT ON TABLE @extschema@.carer IS 'Parents and carers registered with a family (person-level data)';
COMMENT ON COLUMN @extschema@.carer.carer_id IS 'carer identifier from the source system';
COMMENT ON COLUMN @extschema@.carer.family_id IS 'family the carer belongs to';
COMMENT ON COLUMN @extschema@.carer.dob IS 'date of birth; null if not recorded';
COMMENT ON COLUMN @extschema@.carer.sex IS 'F, M, or null if not recorded';
COMMENT ON COLUMN @extschema@.carer.disabled IS 'the carer is disabled';
COMMENT ON COLUMN @extschema@.carer.pregnant IS 'the carer is pregnant';
COMMENT ON CONSTRAINT dob_must_be_a_finite_date ON @extschema@.carer IS 'is not a real day (an age on it has no meaning)';

CREATE TABLE @extschema@.child (
	child_id bigint PRIMARY KEY,
	family_id bigint NOT NULL REFERENCES @extschema@.family,
	dob date NOT NULL
		CONSTRAINT dob_must_be_a_finite_date CHECK (isfinite(dob)),
	sex text
		CONSTRAINT "sex_must_be_F_or_M" CHECK (sex IN ('F', 'M')),
	disabled boolean DEFAULT false
);
CREATE INDEX ON @extschema@.child (family_id);
COMMENT ON TABLE @extschema@.child IS 'Children registered with a family (person-level data)';
COMMENT ON COLUMN @extschema@.child.child_id IS 'child identifier from the source system';
COMMENT ON COLUMN @extschema@.child.family_id IS 'family the child belongs to';
COMMENT ON COLUMN @extschema@.child.dob IS 'date of birth (expected date of birth for an unborn child)';
COMMENT ON CONSTRAINT dob_must_be_a_finite_date ON @extschema@.child IS 'is not a real day (an age on it has no meaning)';
COMMENT ON COLUMN @extschema@.child.sex IS 'F, M, or null if not recorded';
COMMENT ON COLUMN @extschema@.child.disabled IS 'the child is disabled';

CREATE TABLE @extschema@.registration (
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	registered_on date NOT NULL,
	ended_on date,
	PRIMARY KEY (child_id, centre_id, registered_on),
	CONSTRAINT ended_on_must_be_on_or_after_registered_on CHECK (ended_on >= registered_on)
);
CREATE INDEX ON @extschema@.registration (centre_id);
COMMENT ON TABLE @extschema@.registration IS 'Registrations of children at centres (person-level data)';
COMMENT ON COLUMN @extschema@.registration.child_id IS 'registered child';
COMMENT ON COLUMN @extschema@.registration.centre_id IS 'centre the child is registered at';
COMMENT ON COLUMN @extschema@.registration.registered_on IS 'first day of the registration';
COMMENT ON COLUMN @extschema@.registration.ended_on IS 'last day of the registration; null while still registered';

CREATE TABLE @extschema@.contact (
	contact_id bigint PRIMARY KEY,
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	contact_on date NOT NULL,
	mode text
		CONSTRAINT mode_must_not_be_empty CHECK (btrim(mode) <> ''),
	activity text
);
CREATE INDEX ON @extschema@.contact (child_id);
CREATE INDEX ON @extschema@.contact (centre_id, contact_on);
CREATE INDEX ON @extschema@.contact (contact_on);
COMMENT ON TABLE @extschema@.contact IS 'Contacts with children at centres (person-level data); contact_rule says which are meaningful';
COMMENT ON COLUMN @extschema@.contact.contact_id IS 'contact identifier from the source system';
COMMENT ON COLUMN @extschema@.contact.child_id IS 'child seen';
COMMENT ON COLUMN @extschema@.contact.centre_id IS 'centre that made the contact (not necessarily the child''s reach-area centre)';
COMMENT ON COLUMN @extschema@.contact.contact_on IS 'day of the contact';
COMMENT ON COLUMN @extschema@.contact.mode IS 'contact mode, looked up in contact_rule (e.g. face_to_face, phone, letter); a missing or unlisted mode counts as always';
COMMENT ON COLUMN @extschema@.contact.activity IS 'activity or service, e.g. stay and play, home visit, antenatal';

CREATE TABLE @extschema@.social_care (
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	kind text NOT NULL
		CONSTRAINT kind_must_be_family_support_child_in_need_protection_or_lac
		CHECK (kind IN ('family_support', 'child_in_need', 'child_protection', 'looked_after')),
	starts_on date NOT NULL,
	ends_on date,
	PRIMARY KEY (child_id, kind, starts_on),
	CONSTRAINT ends_on_must_be_on_or_after_starts_on CHECK (ends_on >= starts_on)
);
COMMENT ON TABLE @extschema@.social_care IS 'Early-help and social-care episodes of children, from the social-care feed (person-level data)';
COMMENT ON COLUMN @extschema@.social_care.child_id IS 'child';
COMMENT ON COLUMN @extschema@.social_care.kind IS 'family_support (early-help family support process), child_in_need, child_protection or looked_after';
COMMENT ON COLUMN @extschema@.social_care.starts_on IS 'first day of the episode';
COMMENT ON COLUMN @extschema@.social_care.ends_on IS 'last day of the episode; null while open';

CREATE TABLE @extschema@.eyfs_result (
	pupil_id bigint PRIMARY KEY,
	child_id bigint REFERENCES @extschema@.child,
	lsoa_code text REFERENCES @extschema@.lsoa,
	academic_year text NOT NULL
		CONSTRAINT academic_year_must_be_like_2012_13
		CHECK (academic_year ~ '^[0-9]{4}/[0-9]{2}$'
			   AND (substr(academic_year, 1, 4)::integer + 1) % 100 = substr(academic_year, 6, 2)::integer),
	regime text
		CONSTRAINT regime_must_not_be_empty CHECK (btrim(regime) <> ''),
	gld boolean NOT NULL,
	fsm boolean
);
CREATE INDEX ON @extschema@.eyfs_result (lsoa_code);
CREATE INDEX ON @extschema@.eyfs_result (child_id);
COMMENT ON TABLE @extschema@.eyfs_result IS 'Early Years Foundation Stage Profile results, one row per pupil (person-level data)';
COMMENT ON COLUMN @extschema@.eyfs_result.pupil_id IS 'pupil identifier from the source system';
COMMENT ON COLUMN @extschema@.eyfs_result.child_id IS 'the pupil as a child known to the centres, if matched';
COMMENT ON COLUMN @extschema@.eyfs_result.lsoa_code IS 'LSOA where the pupil lives';
COMMENT ON COLUMN @extschema@.eyfs_result.academic_year IS 'academic year of the assessment, e.g. 2012/13';
COMMENT ON COLUMN @extschema@.eyfs_result.regime IS 'assessment regime (results compare only within one), e.g. 2013 or 2021';
COMMENT ON COLUMN @extschema@.eyfs_result.gld IS 'reached a Good Level of Development';
COMMENT ON COLUMN @extschema@.eyfs_result.fsm IS 'eligible for free school meals; null if not known';
COMMENT ON CONSTRAINT academic_year_must_be_like_2012_13 ON @extschema@.eyfs_result IS 'is not an academic year like 2012/13';

/* ---------------------------------------------------------------- Ofsted and monitoring */

CREATE TABLE @extschema@.ofsted_inspection (
	inspection_id bigint PRIMARY KEY,
	inspected_on date NOT NULL,
	published_on date,
	framework text,
	status text NOT NULL DEFAULT 'inspected'
		CONSTRAINT status_must_not_be_empty CHECK (btrim(status) <> ''),
	overall @extschema@.ofsted_grade,
	access @extschema@.ofsted_grade,
	quality @extschema@.ofsted_grade,
	leadership @extschema@.ofsted_grade,
	CONSTRAINT published_on_must_be_on_or_after_inspected_on CHECK (published_on >= inspected_on),
	CONSTRAINT postponed_or_cancelled_inspections_have_no_grades
		CHECK (status NOT IN ('postponed', 'cancelled') OR num_nonnulls(overall, access, quality, leadership) = 0)
);
COMMENT ON TABLE @extschema@.ofsted_inspection IS 'Ofsted inspections, of one centre or of a group of centres (see inspected_centre)';
COMMENT ON COLUMN @extschema@.ofsted_inspection.inspection_id IS 'inspection identifier';
COMMENT ON COLUMN @extschema@.ofsted_inspection.inspected_on IS 'day the inspection took place (or was planned, if postponed)';
COMMENT ON COLUMN @extschema@.ofsted_inspection.published_on IS 'day the report was published';
COMMENT ON COLUMN @extschema@.ofsted_inspection.framework IS 'inspection framework, e.g. 2010 or 2013';
COMMENT ON COLUMN @extschema@.ofsted_inspection.status IS 'inspected (the default), postponed or cancelled; postponed and cancelled inspections carry no grades and do not count as inspections';
COMMENT ON COLUMN @extschema@.ofsted_inspection.overall IS 'overall effectiveness';
COMMENT ON COLUMN @extschema@.ofsted_inspection.access IS 'access to services by young children and families';
COMMENT ON COLUMN @extschema@.ofsted_inspection.quality IS 'quality and impact of practice and services';
COMMENT ON COLUMN @extschema@.ofsted_inspection.leadership IS 'effectiveness of leadership, governance and management';

CREATE TABLE @extschema@.inspected_centre (
	inspection_id bigint NOT NULL REFERENCES @extschema@.ofsted_inspection ON DELETE CASCADE,
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	PRIMARY KEY (inspection_id, centre_id)
);
CREATE INDEX ON @extschema@.inspected_centre (centre_id);
COMMENT ON TABLE @extschema@.inspected_centre IS 'Centres covered by each inspection; a group inspection lists every centre';
COMMENT ON COLUMN @extschema@.inspected_centre.inspection_id IS 'inspection';
COMMENT ON COLUMN @extschema@.inspected_centre.centre_id IS 'centre covered by the inspection';

CREATE TABLE @extschema@.centre_rag (
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	assessed_on date NOT NULL,
	quality_rag text
		CONSTRAINT quality_rag_must_be_green_amber_or_red CHECK (quality_rag IN ('green', 'amber', 'red')),
	leadership_rag text
		CONSTRAINT leadership_rag_must_be_green_amber_or_red CHECK (leadership_rag IN ('green', 'amber', 'red')),
	PRIMARY KEY (centre_id, assessed_on)
);
COMMENT ON TABLE @extschema@.centre_rag IS 'Quarterly monitoring ratings of each centre''s quality and leadership';
COMMENT ON COLUMN @extschema@.centre_rag.centre_id IS 'centre rated';
COMMENT ON COLUMN @extschema@.centre_rag.assessed_on IS 'day of the assessment';
COMMENT ON COLUMN @extschema@.centre_rag.quality_rag IS 'quality and impact: green, amber or red';
COMMENT ON COLUMN @extschema@.centre_rag.leadership_rag IS 'leadership and management: green, amber or red';

/* ---------------------------------------------------------------- funded early education */

CREATE TABLE @extschema@.two_year_place (
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	term_start date NOT NULL
		CONSTRAINT term_start_must_be_1_january_1_april_or_1_september
		CHECK (extract(day FROM term_start) = 1 AND extract(month FROM term_start) IN (1, 4, 9)),
	dwp_eligible boolean NOT NULL,
	criteria text,
	taken_up boolean NOT NULL,
	PRIMARY KEY (child_id, term_start)
);
COMMENT ON TABLE @extschema@.two_year_place IS 'Funded places for 2-year-olds: eligibility and take-up per child and term (person-level data)';
COMMENT ON COLUMN @extschema@.two_year_place.child_id IS 'child';
COMMENT ON COLUMN @extschema@.two_year_place.term_start IS 'first day of the term (1 September, 1 January or 1 April)';
COMMENT ON COLUMN @extschema@.two_year_place.dwp_eligible IS 'on the DWP list of eligible children';
COMMENT ON COLUMN @extschema@.two_year_place.criteria IS 'eligibility criteria the place was given under, e.g. dwp or a local criterion';
COMMENT ON COLUMN @extschema@.two_year_place.taken_up IS 'the child took a funded place that term';
COMMENT ON CONSTRAINT term_start_must_be_1_january_1_april_or_1_september ON @extschema@.two_year_place IS 'is not a term start (1 January, 1 April or 1 September)';

CREATE TABLE @extschema@.three_four_funding (
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	term_start date NOT NULL
		CONSTRAINT term_start_must_be_1_january_1_april_or_1_september
		CHECK (extract(day FROM term_start) = 1 AND extract(month FROM term_start) IN (1, 4, 9)),
	in_receipt boolean NOT NULL,
	setting_kind text
		CONSTRAINT setting_kind_must_be_early_years_or_school CHECK (setting_kind IN ('early_years', 'school')),
	PRIMARY KEY (child_id, term_start)
);
COMMENT ON TABLE @extschema@.three_four_funding IS 'Universal funded early education of 3- and 4-year-olds per child and term (person-level data)';
COMMENT ON COLUMN @extschema@.three_four_funding.child_id IS 'child';
COMMENT ON COLUMN @extschema@.three_four_funding.term_start IS 'first day of the term (1 September, 1 January or 1 April)';
COMMENT ON COLUMN @extschema@.three_four_funding.in_receipt IS 'the child received funded early education that term';
COMMENT ON COLUMN @extschema@.three_four_funding.setting_kind IS 'where the child was that term: early_years (a nursery, pre-school or childminder: funded when in_receipt) or school (a school reception class, which counts as taking up whether or not in_receipt); null when not recorded, read as early_years';
COMMENT ON CONSTRAINT term_start_must_be_1_january_1_april_or_1_september ON @extschema@.three_four_funding IS 'is not a term start (1 January, 1 April or 1 September)';

/* ---------------------------------------------------------------- money and management */

CREATE TABLE @extschema@.building_fund (
	site_code text NOT NULL
		CONSTRAINT site_code_must_not_be_empty CHECK (btrim(site_code) <> ''),
	site_name text
		CONSTRAINT site_name_must_not_be_empty CHECK (btrim(site_name) <> ''),
	centre_id text REFERENCES @extschema@.centre,
	fund text
		CONSTRAINT fund_must_not_be_empty CHECK (btrim(fund) <> ''),
	area_m2 numeric
		CONSTRAINT area_m2_must_be_positive CHECK (area_m2 > 0),
	rate_per_m2 numeric
		CONSTRAINT rate_per_m2_must_not_be_negative CHECK (rate_per_m2 >= 0),
	contribution numeric
		CONSTRAINT contribution_must_not_be_negative CHECK (contribution >= 0),
	expenditure numeric
		CONSTRAINT expenditure_must_not_be_negative CHECK (expenditure >= 0),
	financial_year text NOT NULL
		CONSTRAINT financial_year_must_be_like_2013_14
		CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'
			   AND (substr(financial_year, 1, 4)::integer + 1) % 100 = substr(financial_year, 6, 2)::integer),
	CONSTRAINT one_row_per_year_site_code_name_and_centre
		UNIQUE NULLS NOT DISTINCT (financial_year, site_code, site_name, centre_id)
);
CREATE INDEX ON @extschema@.building_fund (centre_id);
COMMENT ON TABLE @extschema@.building_fund IS 'Building maintenance fund: charge per square metre per site, contribution and expenditure per financial year';
COMMENT ON COLUMN @extschema@.building_fund.site_code IS 'property code (several sites may share one)';
COMMENT ON COLUMN @extschema@.building_fund.site_name IS 'site name, to tell apart sites that share a property code';
COMMENT ON COLUMN @extschema@.building_fund.centre_id IS 'centre the site serves, if it serves one';
COMMENT ON COLUMN @extschema@.building_fund.fund IS 'fund the site is charged to, e.g. BMPP or BMF';
COMMENT ON COLUMN @extschema@.building_fund.area_m2 IS 'floor area in square metres';
COMMENT ON COLUMN @extschema@.building_fund.rate_per_m2 IS 'charge per square metre, in pounds';
COMMENT ON COLUMN @extschema@.building_fund.contribution IS 'contribution for the year, in pounds';
COMMENT ON COLUMN @extschema@.building_fund.expenditure IS 'expenditure in the year so far, in pounds; null if not given separately';
COMMENT ON COLUMN @extschema@.building_fund.financial_year IS 'financial year, e.g. 2013-14';
COMMENT ON CONSTRAINT financial_year_must_be_like_2013_14 ON @extschema@.building_fund IS 'is not a financial year like 2013-14';

CREATE TABLE @extschema@.centre_target (
	centre_id text REFERENCES @extschema@.centre,
	measure text NOT NULL
		CONSTRAINT measure_must_not_be_empty CHECK (btrim(measure) <> ''),
	financial_year text NOT NULL
		CONSTRAINT financial_year_must_be_like_2013_14
		CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'
			   AND (substr(financial_year, 1, 4)::integer + 1) % 100 = substr(financial_year, 6, 2)::integer),
	target numeric NOT NULL
		CONSTRAINT target_must_not_be_negative CHECK (target >= 0),
	amber_within numeric NOT NULL DEFAULT 5
		CONSTRAINT amber_within_must_not_be_negative CHECK (amber_within >= 0),
	CONSTRAINT one_target_per_centre_measure_and_year
		UNIQUE NULLS NOT DISTINCT (centre_id, measure, financial_year),
	due_on date,
	CONSTRAINT due_on_must_be_a_quarter_end_of_the_financial_year
		CHECK (due_on IS NULL
			   OR (extract(day FROM due_on + 1) = 1 AND extract(month FROM due_on) IN (3, 6, 9, 12)
				   AND @extschema@.financial_year(due_on) = financial_year))
);
COMMENT ON TABLE @extschema@.centre_target IS 'Targets agreed at the annual conversation; a row without a centre is the county-wide default';
COMMENT ON COLUMN @extschema@.centre_target.centre_id IS 'centre the target is for; null for every centre without its own';
COMMENT ON COLUMN @extschema@.centre_target.measure IS 'measure the target applies to, e.g. registered_pct';
COMMENT ON COLUMN @extschema@.centre_target.financial_year IS 'financial year of the target, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.centre_target.target IS 'target value (percentage points for percentages)';
COMMENT ON COLUMN @extschema@.centre_target.amber_within IS 'points below target still rated amber';
COMMENT ON CONSTRAINT financial_year_must_be_like_2013_14 ON @extschema@.centre_target IS 'is not a financial year like 2013-14';
COMMENT ON COLUMN @extschema@.centre_target.due_on IS 'the date the target is for (Norfolk: 65% registered by 30 September 2013), a quarter end of its financial year: the scorecard shows it unrated at the quarter ends before that date and rates the year-to-date figure against it from that date on; null = the year''s end, and the scorecard rates the year-to-date figure against it at every quarter end';
COMMENT ON CONSTRAINT due_on_must_be_a_quarter_end_of_the_financial_year ON @extschema@.centre_target IS 'is not a quarter end (30 June, 30 September, 31 December or 31 March) of the target''s financial year';

CREATE TABLE @extschema@.board_meeting (
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	met_on date NOT NULL,
	kind text NOT NULL
		CONSTRAINT kind_must_be_advisory_board_parent_forum_or_annual_conversation
		CHECK (kind IN ('advisory_board', 'parent_forum', 'annual_conversation')),
	attendance integer
		CONSTRAINT attendance_must_not_be_negative CHECK (attendance >= 0),
	PRIMARY KEY (centre_id, met_on, kind)
);
COMMENT ON TABLE @extschema@.board_meeting IS 'Governance meetings; a board covering several centres records its meeting for each';
COMMENT ON COLUMN @extschema@.board_meeting.centre_id IS 'centre the meeting covered';
COMMENT ON COLUMN @extschema@.board_meeting.met_on IS 'day of the meeting';
COMMENT ON COLUMN @extschema@.board_meeting.kind IS 'advisory_board, parent_forum or annual_conversation';
COMMENT ON COLUMN @extschema@.board_meeting.attendance IS 'number of people attending, if recorded';

/* ---------------------------------------------------------------- pg_dump */

SELECT pg_catalog.pg_extension_config_dump('@extschema@.lead_partner', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.contract', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lot', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.centre', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lsoa', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.reach_area', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.population', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.family', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.carer', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.child', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.registration', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.contact', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.social_care', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eyfs_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ofsted_inspection', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.inspected_centre', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.centre_rag', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.two_year_place', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.three_four_funding', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.building_fund', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.centre_target', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.board_meeting', '');
