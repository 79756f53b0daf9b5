-- pgTAP: the data model (SPEC "Data model"), its seeded reference rows, the
-- ofsted_grade type's interface, and the SQLSTATEs of rejected rows.
BEGIN;
SELECT plan(301);
SET LOCAL search_path = surestart, public;

-- every table, column, column type, key and foreign key
SELECT tables_are('surestart', ARRAY['board_meeting', 'building_fund', 'carer', 'centre', 'centre_rag', 'centre_site', 'centre_target', 'child', 'comparator', 'contact', 'contact_rule', 'contract', 'coverage_snapshot', 'eyfs_result', 'family', 'inspected_centre', 'lead_partner', 'load_reject', 'lot', 'lsoa', 'lsoa11_lsoa21', 'lsoa_deprivation', 'lsoa_ward', 'ofsted_inspection', 'ofsted_word', 'partner_member', 'population', 'reach_area', 'reach_snapshot', 'registration', 'scorecard_measure', 'setting', 'social_care', 'target_group', 'three_four_funding', 'two_year_criteria', 'two_year_place'], 'surestart has exactly the tables of the data model and the snapshots');
SELECT columns_are('surestart', 'lead_partner', ARRAY['lead_partner_id', 'name', 'sector']);
SELECT col_type_is('surestart', 'lead_partner', 'lead_partner_id', 'text', 'lead_partner.lead_partner_id is text');
SELECT col_type_is('surestart', 'lead_partner', 'name', 'text', 'lead_partner.name is text');
SELECT col_type_is('surestart', 'lead_partner', 'sector', 'text', 'lead_partner.sector is text');
SELECT col_is_pk('surestart', 'lead_partner', ARRAY['lead_partner_id'], 'lead_partner key is (lead_partner_id)');
SELECT is(obj_description('surestart.lead_partner'::regclass, 'pg_class') IS NOT NULL, true, 'lead_partner has a comment');
SELECT columns_are('surestart', 'contract', ARRAY['contract_ref', 'lead_partner_id', 'starts_on', 'ends_on', 'total_value']);
SELECT col_type_is('surestart', 'contract', 'contract_ref', 'text', 'contract.contract_ref is text');
SELECT col_type_is('surestart', 'contract', 'lead_partner_id', 'text', 'contract.lead_partner_id is text');
SELECT col_type_is('surestart', 'contract', 'starts_on', 'date', 'contract.starts_on is date');
SELECT col_type_is('surestart', 'contract', 'ends_on', 'date', 'contract.ends_on is date');
SELECT col_type_is('surestart', 'contract', 'total_value', 'numeric', 'contract.total_value is numeric');
SELECT col_is_pk('surestart', 'contract', ARRAY['contract_ref'], 'contract key is (contract_ref)');
SELECT fk_ok('surestart', 'contract', ARRAY['lead_partner_id'], 'surestart', 'lead_partner', ARRAY['lead_partner_id']);
SELECT is(obj_description('surestart.contract'::regclass, 'pg_class') IS NOT NULL, true, 'contract has a comment');
SELECT columns_are('surestart', 'lot', ARRAY['lot_id', 'name', 'lead_partner_id', 'contract_ref', 'annual_value', 'lot_group']);
SELECT col_type_is('surestart', 'lot', 'lot_group', 'text', 'lot.lot_group is text');
SELECT col_type_is('surestart', 'lot', 'lot_id', 'text', 'lot.lot_id is text');
SELECT col_type_is('surestart', 'lot', 'name', 'text', 'lot.name is text');
SELECT col_type_is('surestart', 'lot', 'lead_partner_id', 'text', 'lot.lead_partner_id is text');
SELECT col_type_is('surestart', 'lot', 'contract_ref', 'text', 'lot.contract_ref is text');
SELECT col_type_is('surestart', 'lot', 'annual_value', 'numeric', 'lot.annual_value is numeric');
SELECT col_is_pk('surestart', 'lot', ARRAY['lot_id'], 'lot key is (lot_id)');
SELECT fk_ok('surestart', 'lot', ARRAY['lead_partner_id'], 'surestart', 'lead_partner', ARRAY['lead_partner_id']);
SELECT fk_ok('surestart', 'lot', ARRAY['contract_ref'], 'surestart', 'contract', ARRAY['contract_ref']);
SELECT is(obj_description('surestart.lot'::regclass, 'pg_class') IS NOT NULL, true, 'lot has a comment');
SELECT columns_are('surestart', 'centre', ARRAY['centre_id', 'name', 'short_name', 'lot_id', 'group_id', 'district_code', 'opened_on', 'closed_on']);
SELECT col_type_is('surestart', 'centre', 'centre_id', 'text', 'centre.centre_id is text');
SELECT col_type_is('surestart', 'centre', 'name', 'text', 'centre.name is text');
SELECT col_type_is('surestart', 'centre', 'short_name', 'text', 'centre.short_name is text');
SELECT col_type_is('surestart', 'centre', 'lot_id', 'text', 'centre.lot_id is text');
SELECT col_type_is('surestart', 'centre', 'group_id', 'text', 'centre.group_id is text');
SELECT col_type_is('surestart', 'centre', 'district_code', 'text', 'centre.district_code is text');
SELECT col_type_is('surestart', 'centre', 'opened_on', 'date', 'centre.opened_on is date');
SELECT col_type_is('surestart', 'centre', 'closed_on', 'date', 'centre.closed_on is date');
SELECT col_is_pk('surestart', 'centre', ARRAY['centre_id'], 'centre key is (centre_id)');
SELECT fk_ok('surestart', 'centre', ARRAY['lot_id'], 'surestart', 'lot', ARRAY['lot_id']);
SELECT is(obj_description('surestart.centre'::regclass, 'pg_class') IS NOT NULL, true, 'centre has a comment');
SELECT columns_are('surestart', 'lsoa', ARRAY['lsoa_code', 'name', 'district_code', 'district_name', 'idaci_rank', 'idaci_decile', 'imd_rank', 'imd_decile', 'vintage']);
SELECT col_type_is('surestart', 'lsoa', 'lsoa_code', 'text', 'lsoa.lsoa_code is text');
SELECT col_type_is('surestart', 'lsoa', 'name', 'text', 'lsoa.name is text');
SELECT col_type_is('surestart', 'lsoa', 'district_code', 'text', 'lsoa.district_code is text');
SELECT col_type_is('surestart', 'lsoa', 'district_name', 'text', 'lsoa.district_name is text');
SELECT col_type_is('surestart', 'lsoa', 'idaci_rank', 'integer', 'lsoa.idaci_rank is integer');
SELECT col_type_is('surestart', 'lsoa', 'idaci_decile', 'integer', 'lsoa.idaci_decile is integer');
SELECT col_type_is('surestart', 'lsoa', 'imd_rank', 'integer', 'lsoa.imd_rank is integer');
SELECT col_type_is('surestart', 'lsoa', 'imd_decile', 'integer', 'lsoa.imd_decile is integer');
SELECT col_type_is('surestart', 'lsoa', 'vintage', 'integer', 'lsoa.vintage is integer');
SELECT col_is_pk('surestart', 'lsoa', ARRAY['lsoa_code'], 'lsoa key is (lsoa_code)');
SELECT is(obj_description('surestart.lsoa'::regclass, 'pg_class') IS NOT NULL, true, 'lsoa has a comment');
SELECT columns_are('surestart', 'reach_area', ARRAY['lsoa_code', 'valid_from', 'centre_id', 'valid_to']);
SELECT col_type_is('surestart', 'reach_area', 'lsoa_code', 'text', 'reach_area.lsoa_code is text');
SELECT col_type_is('surestart', 'reach_area', 'valid_from', 'date', 'reach_area.valid_from is date');
SELECT col_type_is('surestart', 'reach_area', 'centre_id', 'text', 'reach_area.centre_id is text');
SELECT col_type_is('surestart', 'reach_area', 'valid_to', 'date', 'reach_area.valid_to is date');
SELECT col_is_pk('surestart', 'reach_area', ARRAY['lsoa_code', 'valid_from'], 'reach_area key is (lsoa_code, valid_from)');
SELECT fk_ok('surestart', 'reach_area', ARRAY['lsoa_code'], 'surestart', 'lsoa', ARRAY['lsoa_code']);
SELECT fk_ok('surestart', 'reach_area', ARRAY['centre_id'], 'surestart', 'centre', ARRAY['centre_id']);
SELECT is(obj_description('surestart.reach_area'::regclass, 'pg_class') IS NOT NULL, true, 'reach_area has a comment');
SELECT columns_are('surestart', 'population', ARRAY['lsoa_code', 'mid_year', 'age', 'persons']);
SELECT col_type_is('surestart', 'population', 'lsoa_code', 'text', 'population.lsoa_code is text');
SELECT col_type_is('surestart', 'population', 'mid_year', 'integer', 'population.mid_year is integer');
SELECT col_type_is('surestart', 'population', 'age', 'integer', 'population.age is integer');
SELECT col_type_is('surestart', 'population', 'persons', 'integer', 'population.persons is integer');
SELECT col_is_pk('surestart', 'population', ARRAY['lsoa_code', 'mid_year', 'age'], 'population key is (lsoa_code, mid_year, age)');
SELECT fk_ok('surestart', 'population', ARRAY['lsoa_code'], 'surestart', 'lsoa', ARRAY['lsoa_code']);
SELECT is(obj_description('surestart.population'::regclass, 'pg_class') IS NOT NULL, true, 'population has a comment');
SELECT columns_are('surestart', 'family', ARRAY['family_id', 'lsoa_code', 'lone_parent', 'workless_household', 'workless_by_status', 'additional_language', 'minority_ethnic', 'priority_family', 'smoking_parent', 'local_groups']);
SELECT col_type_is('surestart', 'family', 'family_id', 'bigint', 'family.family_id is bigint');
SELECT col_type_is('surestart', 'family', 'lsoa_code', 'text', 'family.lsoa_code is text');
SELECT col_type_is('surestart', 'family', 'lone_parent', 'boolean', 'family.lone_parent is boolean');
SELECT col_type_is('surestart', 'family', 'workless_household', 'boolean', 'family.workless_household is boolean');
SELECT col_type_is('surestart', 'family', 'workless_by_status', 'boolean', 'family.workless_by_status is boolean');
SELECT col_type_is('surestart', 'family', 'additional_language', 'boolean', 'family.additional_language is boolean');
SELECT col_type_is('surestart', 'family', 'minority_ethnic', 'boolean', 'family.minority_ethnic is boolean');
SELECT col_type_is('surestart', 'family', 'priority_family', 'boolean', 'family.priority_family is boolean');
SELECT col_type_is('surestart', 'family', 'smoking_parent', 'boolean', 'family.smoking_parent is boolean');
SELECT col_type_is('surestart', 'family', 'local_groups', 'integer[]', 'family.local_groups is integer[]');
SELECT col_is_pk('surestart', 'family', ARRAY['family_id'], 'family key is (family_id)');
SELECT fk_ok('surestart', 'family', ARRAY['lsoa_code'], 'surestart', 'lsoa', ARRAY['lsoa_code']);
SELECT is(obj_description('surestart.family'::regclass, 'pg_class') IS NOT NULL, true, 'family has a comment');
SELECT columns_are('surestart', 'carer', ARRAY['carer_id', 'family_id', 'dob', 'sex', 'disabled', 'pregnant']);
SELECT col_type_is('surestart', 'carer', 'carer_id', 'bigint', 'carer.carer_id is bigint');
SELECT col_type_is('surestart', 'carer', 'family_id', 'bigint', 'carer.family_id is bigint');
SELECT col_type_is('surestart', 'carer', 'dob', 'date', 'carer.dob is date');
SELECT col_type_is('surestart', 'carer', 'sex', 'text', 'carer.sex is text');
SELECT col_type_is('surestart', 'carer', 'disabled', 'boolean', 'carer.disabled is boolean');
SELECT col_type_is('surestart', 'carer', 'pregnant', 'boolean', 'carer.pregnant is boolean');
SELECT col_is_pk('surestart', 'carer', ARRAY['carer_id'], 'carer key is (carer_id)');
SELECT fk_ok('surestart', 'carer', ARRAY['family_id'], 'surestart', 'family', ARRAY['family_id']);
SELECT is(obj_description('surestart.carer'::regclass, 'pg_class') IS NOT NULL, true, 'carer has a comment');
SELECT columns_are('surestart', 'child', ARRAY['child_id', 'family_id', 'dob', 'sex', 'disabled']);
SELECT col_type_is('surestart', 'child', 'child_id', 'bigint', 'child.child_id is bigint');
SELECT col_type_is('surestart', 'child', 'family_id', 'bigint', 'child.family_id is bigint');
SELECT col_type_is('surestart', 'child', 'dob', 'date', 'child.dob is date');
SELECT col_type_is('surestart', 'child', 'sex', 'text', 'child.sex is text');
SELECT col_type_is('surestart', 'child', 'disabled', 'boolean', 'child.disabled is boolean');
SELECT col_is_pk('surestart', 'child', ARRAY['child_id'], 'child key is (child_id)');
SELECT fk_ok('surestart', 'child', ARRAY['family_id'], 'surestart', 'family', ARRAY['family_id']);
SELECT is(obj_description('surestart.child'::regclass, 'pg_class') IS NOT NULL, true, 'child has a comment');
SELECT columns_are('surestart', 'registration', ARRAY['child_id', 'centre_id', 'registered_on', 'ended_on']);
SELECT col_type_is('surestart', 'registration', 'child_id', 'bigint', 'registration.child_id is bigint');
SELECT col_type_is('surestart', 'registration', 'centre_id', 'text', 'registration.centre_id is text');
SELECT col_type_is('surestart', 'registration', 'registered_on', 'date', 'registration.registered_on is date');
SELECT col_type_is('surestart', 'registration', 'ended_on', 'date', 'registration.ended_on is date');
SELECT col_is_pk('surestart', 'registration', ARRAY['child_id', 'centre_id', 'registered_on'], 'registration key is (child_id, centre_id, registered_on)');
SELECT fk_ok('surestart', 'registration', ARRAY['child_id'], 'surestart', 'child', ARRAY['child_id']);
SELECT fk_ok('surestart', 'registration', ARRAY['centre_id'], 'surestart', 'centre', ARRAY['centre_id']);
SELECT is(obj_description('surestart.registration'::regclass, 'pg_class') IS NOT NULL, true, 'registration has a comment');
SELECT columns_are('surestart', 'contact', ARRAY['contact_id', 'child_id', 'centre_id', 'contact_on', 'mode', 'activity']);
SELECT col_type_is('surestart', 'contact', 'contact_id', 'bigint', 'contact.contact_id is bigint');
SELECT col_type_is('surestart', 'contact', 'child_id', 'bigint', 'contact.child_id is bigint');
SELECT col_type_is('surestart', 'contact', 'centre_id', 'text', 'contact.centre_id is text');
SELECT col_type_is('surestart', 'contact', 'contact_on', 'date', 'contact.contact_on is date');
SELECT col_type_is('surestart', 'contact', 'mode', 'text', 'contact.mode is text');
SELECT col_type_is('surestart', 'contact', 'activity', 'text', 'contact.activity is text');
SELECT col_is_pk('surestart', 'contact', ARRAY['contact_id'], 'contact key is (contact_id)');
SELECT fk_ok('surestart', 'contact', ARRAY['child_id'], 'surestart', 'child', ARRAY['child_id']);
SELECT fk_ok('surestart', 'contact', ARRAY['centre_id'], 'surestart', 'centre', ARRAY['centre_id']);
SELECT is(obj_description('surestart.contact'::regclass, 'pg_class') IS NOT NULL, true, 'contact has a comment');
SELECT columns_are('surestart', 'contact_rule', ARRAY['mode', 'counts', 'seeded']);
SELECT col_type_is('surestart', 'contact_rule', 'mode', 'text', 'contact_rule.mode is text');
SELECT col_type_is('surestart', 'contact_rule', 'counts', 'text', 'contact_rule.counts is text');
SELECT col_type_is('surestart', 'contact_rule', 'seeded', 'boolean', 'contact_rule.seeded is boolean');
SELECT col_is_pk('surestart', 'contact_rule', ARRAY['mode'], 'contact_rule key is (mode)');
SELECT is(obj_description('surestart.contact_rule'::regclass, 'pg_class') IS NOT NULL, true, 'contact_rule has a comment');
SELECT columns_are('surestart', 'social_care', ARRAY['child_id', 'kind', 'starts_on', 'ends_on']);
SELECT col_type_is('surestart', 'social_care', 'child_id', 'bigint', 'social_care.child_id is bigint');
SELECT col_type_is('surestart', 'social_care', 'kind', 'text', 'social_care.kind is text');
SELECT col_type_is('surestart', 'social_care', 'starts_on', 'date', 'social_care.starts_on is date');
SELECT col_type_is('surestart', 'social_care', 'ends_on', 'date', 'social_care.ends_on is date');
SELECT col_is_pk('surestart', 'social_care', ARRAY['child_id', 'kind', 'starts_on'], 'social_care key is (child_id, kind, starts_on)');
SELECT fk_ok('surestart', 'social_care', ARRAY['child_id'], 'surestart', 'child', ARRAY['child_id']);
SELECT is(obj_description('surestart.social_care'::regclass, 'pg_class') IS NOT NULL, true, 'social_care has a comment');
SELECT columns_are('surestart', 'eyfs_result', ARRAY['pupil_id', 'child_id', 'lsoa_code', 'academic_year', 'regime', 'gld', 'fsm']);
SELECT col_type_is('surestart', 'eyfs_result', 'pupil_id', 'bigint', 'eyfs_result.pupil_id is bigint');
SELECT col_type_is('surestart', 'eyfs_result', 'child_id', 'bigint', 'eyfs_result.child_id is bigint');
SELECT col_type_is('surestart', 'eyfs_result', 'lsoa_code', 'text', 'eyfs_result.lsoa_code is text');
SELECT col_type_is('surestart', 'eyfs_result', 'academic_year', 'text', 'eyfs_result.academic_year is text');
SELECT col_type_is('surestart', 'eyfs_result', 'regime', 'text', 'eyfs_result.regime is text');
SELECT col_type_is('surestart', 'eyfs_result', 'gld', 'boolean', 'eyfs_result.gld is boolean');
SELECT col_type_is('surestart', 'eyfs_result', 'fsm', 'boolean', 'eyfs_result.fsm is boolean');
SELECT col_is_pk('surestart', 'eyfs_result', ARRAY['pupil_id'], 'eyfs_result key is (pupil_id)');
SELECT fk_ok('surestart', 'eyfs_result', ARRAY['child_id'], 'surestart', 'child', ARRAY['child_id']);
SELECT fk_ok('surestart', 'eyfs_result', ARRAY['lsoa_code'], 'surestart', 'lsoa', ARRAY['lsoa_code']);
SELECT is(obj_description('surestart.eyfs_result'::regclass, 'pg_class') IS NOT NULL, true, 'eyfs_result has a comment');
SELECT columns_are('surestart', 'ofsted_inspection', ARRAY['inspection_id', 'inspected_on', 'published_on', 'framework', 'status', 'overall', 'access', 'quality', 'leadership']);
SELECT col_type_is('surestart', 'ofsted_inspection', 'inspection_id', 'bigint', 'ofsted_inspection.inspection_id is bigint');
SELECT col_type_is('surestart', 'ofsted_inspection', 'inspected_on', 'date', 'ofsted_inspection.inspected_on is date');
SELECT col_type_is('surestart', 'ofsted_inspection', 'published_on', 'date', 'ofsted_inspection.published_on is date');
SELECT col_type_is('surestart', 'ofsted_inspection', 'framework', 'text', 'ofsted_inspection.framework is text');
SELECT col_type_is('surestart', 'ofsted_inspection', 'status', 'text', 'ofsted_inspection.status is text');
SELECT col_type_is('surestart', 'ofsted_inspection', 'overall', 'surestart', 'ofsted_grade', 'ofsted_inspection.overall is surestart.ofsted_grade');
SELECT col_type_is('surestart', 'ofsted_inspection', 'access', 'surestart', 'ofsted_grade', 'ofsted_inspection.access is surestart.ofsted_grade');
SELECT col_type_is('surestart', 'ofsted_inspection', 'quality', 'surestart', 'ofsted_grade', 'ofsted_inspection.quality is surestart.ofsted_grade');
SELECT col_type_is('surestart', 'ofsted_inspection', 'leadership', 'surestart', 'ofsted_grade', 'ofsted_inspection.leadership is surestart.ofsted_grade');
SELECT col_is_pk('surestart', 'ofsted_inspection', ARRAY['inspection_id'], 'ofsted_inspection key is (inspection_id)');
SELECT is(obj_description('surestart.ofsted_inspection'::regclass, 'pg_class') IS NOT NULL, true, 'ofsted_inspection has a comment');
SELECT columns_are('surestart', 'inspected_centre', ARRAY['inspection_id', 'centre_id']);
SELECT col_type_is('surestart', 'inspected_centre', 'inspection_id', 'bigint', 'inspected_centre.inspection_id is bigint');
SELECT col_type_is('surestart', 'inspected_centre', 'centre_id', 'text', 'inspected_centre.centre_id is text');
SELECT col_is_pk('surestart', 'inspected_centre', ARRAY['inspection_id', 'centre_id'], 'inspected_centre key is (inspection_id, centre_id)');
SELECT fk_ok('surestart', 'inspected_centre', ARRAY['inspection_id'], 'surestart', 'ofsted_inspection', ARRAY['inspection_id']);
SELECT fk_ok('surestart', 'inspected_centre', ARRAY['centre_id'], 'surestart', 'centre', ARRAY['centre_id']);
SELECT is(obj_description('surestart.inspected_centre'::regclass, 'pg_class') IS NOT NULL, true, 'inspected_centre has a comment');
SELECT columns_are('surestart', 'centre_rag', ARRAY['centre_id', 'assessed_on', 'quality_rag', 'leadership_rag']);
SELECT col_type_is('surestart', 'centre_rag', 'centre_id', 'text', 'centre_rag.centre_id is text');
SELECT col_type_is('surestart', 'centre_rag', 'assessed_on', 'date', 'centre_rag.assessed_on is date');
SELECT col_type_is('surestart', 'centre_rag', 'quality_rag', 'text', 'centre_rag.quality_rag is text');
SELECT col_type_is('surestart', 'centre_rag', 'leadership_rag', 'text', 'centre_rag.leadership_rag is text');
SELECT col_is_pk('surestart', 'centre_rag', ARRAY['centre_id', 'assessed_on'], 'centre_rag key is (centre_id, assessed_on)');
SELECT fk_ok('surestart', 'centre_rag', ARRAY['centre_id'], 'surestart', 'centre', ARRAY['centre_id']);
SELECT is(obj_description('surestart.centre_rag'::regclass, 'pg_class') IS NOT NULL, true, 'centre_rag has a comment');
SELECT columns_are('surestart', 'two_year_place', ARRAY['child_id', 'term_start', 'dwp_eligible', 'criteria', 'taken_up']);
SELECT col_type_is('surestart', 'two_year_place', 'child_id', 'bigint', 'two_year_place.child_id is bigint');
SELECT col_type_is('surestart', 'two_year_place', 'term_start', 'date', 'two_year_place.term_start is date');
SELECT col_type_is('surestart', 'two_year_place', 'dwp_eligible', 'boolean', 'two_year_place.dwp_eligible is boolean');
SELECT col_type_is('surestart', 'two_year_place', 'criteria', 'text', 'two_year_place.criteria is text');
SELECT col_type_is('surestart', 'two_year_place', 'taken_up', 'boolean', 'two_year_place.taken_up is boolean');
SELECT col_is_pk('surestart', 'two_year_place', ARRAY['child_id', 'term_start'], 'two_year_place key is (child_id, term_start)');
SELECT fk_ok('surestart', 'two_year_place', ARRAY['child_id'], 'surestart', 'child', ARRAY['child_id']);
SELECT is(obj_description('surestart.two_year_place'::regclass, 'pg_class') IS NOT NULL, true, 'two_year_place has a comment');
SELECT columns_are('surestart', 'three_four_funding', ARRAY['child_id', 'term_start', 'in_receipt', 'setting_kind']);
SELECT col_type_is('surestart', 'three_four_funding', 'setting_kind', 'text', 'three_four_funding.setting_kind is text');
SELECT col_type_is('surestart', 'three_four_funding', 'child_id', 'bigint', 'three_four_funding.child_id is bigint');
SELECT col_type_is('surestart', 'three_four_funding', 'term_start', 'date', 'three_four_funding.term_start is date');
SELECT col_type_is('surestart', 'three_four_funding', 'in_receipt', 'boolean', 'three_four_funding.in_receipt is boolean');
SELECT col_is_pk('surestart', 'three_four_funding', ARRAY['child_id', 'term_start'], 'three_four_funding key is (child_id, term_start)');
SELECT fk_ok('surestart', 'three_four_funding', ARRAY['child_id'], 'surestart', 'child', ARRAY['child_id']);
SELECT is(obj_description('surestart.three_four_funding'::regclass, 'pg_class') IS NOT NULL, true, 'three_four_funding has a comment');
SELECT columns_are('surestart', 'building_fund', ARRAY['site_code', 'site_name', 'centre_id', 'fund', 'area_m2', 'rate_per_m2', 'contribution', 'expenditure', 'financial_year']);
SELECT col_type_is('surestart', 'building_fund', 'site_code', 'text', 'building_fund.site_code is text');
SELECT col_type_is('surestart', 'building_fund', 'site_name', 'text', 'building_fund.site_name is text');
SELECT col_type_is('surestart', 'building_fund', 'centre_id', 'text', 'building_fund.centre_id is text');
SELECT col_type_is('surestart', 'building_fund', 'fund', 'text', 'building_fund.fund is text');
SELECT col_type_is('surestart', 'building_fund', 'area_m2', 'numeric', 'building_fund.area_m2 is numeric');
SELECT col_type_is('surestart', 'building_fund', 'rate_per_m2', 'numeric', 'building_fund.rate_per_m2 is numeric');
SELECT col_type_is('surestart', 'building_fund', 'contribution', 'numeric', 'building_fund.contribution is numeric');
SELECT col_type_is('surestart', 'building_fund', 'expenditure', 'numeric', 'building_fund.expenditure is numeric');
SELECT col_type_is('surestart', 'building_fund', 'financial_year', 'text', 'building_fund.financial_year is text');
SELECT col_is_unique('surestart', 'building_fund', ARRAY['financial_year', 'site_code', 'site_name', 'centre_id'], 'building_fund rows are unique per year, site code, site name and centre');
SELECT fk_ok('surestart', 'building_fund', ARRAY['centre_id'], 'surestart', 'centre', ARRAY['centre_id']);
SELECT is(obj_description('surestart.building_fund'::regclass, 'pg_class') IS NOT NULL, true, 'building_fund has a comment');
SELECT columns_are('surestart', 'centre_target', ARRAY['centre_id', 'measure', 'financial_year', 'target', 'amber_within', 'due_on']);
SELECT col_type_is('surestart', 'centre_target', 'centre_id', 'text', 'centre_target.centre_id is text');
SELECT col_type_is('surestart', 'centre_target', 'measure', 'text', 'centre_target.measure is text');
SELECT col_type_is('surestart', 'centre_target', 'financial_year', 'text', 'centre_target.financial_year is text');
SELECT col_type_is('surestart', 'centre_target', 'target', 'numeric', 'centre_target.target is numeric');
SELECT col_type_is('surestart', 'centre_target', 'amber_within', 'numeric', 'centre_target.amber_within is numeric');
SELECT hasnt_pk('surestart', 'centre_target', 'centre_target has no primary key (its centre may be null)');
SELECT fk_ok('surestart', 'centre_target', ARRAY['centre_id'], 'surestart', 'centre', ARRAY['centre_id']);
SELECT is(obj_description('surestart.centre_target'::regclass, 'pg_class') IS NOT NULL, true, 'centre_target has a comment');
SELECT columns_are('surestart', 'board_meeting', ARRAY['centre_id', 'met_on', 'kind', 'attendance']);
SELECT col_type_is('surestart', 'board_meeting', 'centre_id', 'text', 'board_meeting.centre_id is text');
SELECT col_type_is('surestart', 'board_meeting', 'met_on', 'date', 'board_meeting.met_on is date');
SELECT col_type_is('surestart', 'board_meeting', 'kind', 'text', 'board_meeting.kind is text');
SELECT col_type_is('surestart', 'board_meeting', 'attendance', 'integer', 'board_meeting.attendance is integer');
SELECT col_is_pk('surestart', 'board_meeting', ARRAY['centre_id', 'met_on', 'kind'], 'board_meeting key is (centre_id, met_on, kind)');
SELECT fk_ok('surestart', 'board_meeting', ARRAY['centre_id'], 'surestart', 'centre', ARRAY['centre_id']);
SELECT is(obj_description('surestart.board_meeting'::regclass, 'pg_class') IS NOT NULL, true, 'board_meeting has a comment');
SELECT columns_are('surestart', 'setting', ARRAY['name', 'value', 'seeded']);
SELECT col_type_is('surestart', 'setting', 'name', 'text', 'setting.name is text');
SELECT col_type_is('surestart', 'setting', 'value', 'text', 'setting.value is text');
SELECT col_type_is('surestart', 'setting', 'seeded', 'boolean', 'setting.seeded is boolean');
SELECT col_is_pk('surestart', 'setting', ARRAY['name'], 'setting key is (name)');
SELECT is(obj_description('surestart.setting'::regclass, 'pg_class') IS NOT NULL, true, 'setting has a comment');
SELECT columns_are('surestart', 'ofsted_word', ARRAY['from_percent', 'words', 'seeded']);
SELECT col_type_is('surestart', 'ofsted_word', 'from_percent', 'numeric', 'ofsted_word.from_percent is numeric');
SELECT col_type_is('surestart', 'ofsted_word', 'words', 'text', 'ofsted_word.words is text');
SELECT col_type_is('surestart', 'ofsted_word', 'seeded', 'boolean', 'ofsted_word.seeded is boolean');
SELECT col_is_pk('surestart', 'ofsted_word', ARRAY['from_percent'], 'ofsted_word key is (from_percent)');
SELECT is(obj_description('surestart.ofsted_word'::regclass, 'pg_class') IS NOT NULL, true, 'ofsted_word has a comment');
SELECT columns_are('surestart', 'target_group', ARRAY['code', 'label', 'national', 'display_order', 'seeded', 'vulnerable']);
SELECT results_eq('SELECT code FROM target_group WHERE vulnerable ORDER BY display_order',
	$$ VALUES ('teenage_parent'), ('pregnant_teenager'), ('lone_parent'), ('disabled_parent'), ('disabled_child'),
			  ('workless_household'), ('priority_family'), ('child_in_need'), ('child_protection'),
			  ('looked_after'), ('two_year_funding') $$,
	'the vulnerable target groups, seeded');
SELECT col_type_is('surestart', 'target_group', 'code', 'text', 'target_group.code is text');
SELECT col_type_is('surestart', 'target_group', 'label', 'text', 'target_group.label is text');
SELECT col_type_is('surestart', 'target_group', 'national', 'boolean', 'target_group.national is boolean');
SELECT col_type_is('surestart', 'target_group', 'display_order', 'smallint', 'target_group.display_order is smallint');
SELECT col_type_is('surestart', 'target_group', 'seeded', 'boolean', 'target_group.seeded is boolean');
SELECT col_is_pk('surestart', 'target_group', ARRAY['code'], 'target_group key is (code)');
SELECT is(obj_description('surestart.target_group'::regclass, 'pg_class') IS NOT NULL, true, 'target_group has a comment');

-- every column of every table has a comment
SELECT is_empty($$
	SELECT c.relname || '.' || a.attname
	FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
	WHERE c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'r'
	  AND a.attnum > 0 AND NOT a.attisdropped
	  AND col_description(c.oid, a.attnum) IS NULL $$,
	'every column of every table has a comment');
-- every table is saved by pg_dump, reference tables without their shipped rows
SELECT set_eq($$
	SELECT c.relname::text, coalesce(x.cond, '')
	FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(oid, cond)
	JOIN pg_class c ON c.oid = x.oid WHERE e.extname = 'surestart'
	  AND c.relnamespace = 'surestart'::regnamespace AND c.relkind = 'r' $$,
	$$ SELECT t, CASE WHEN t IN ('setting', 'ofsted_word', 'target_group', 'contact_rule', 'scorecard_measure', 'two_year_criteria')
		THEN 'WHERE NOT seeded' WHEN t = 'lsoa_deprivation' THEN 'WHERE source = ''import''' ELSE '' END
	   FROM pg_tables, LATERAL (SELECT tablename::text) AS x(t) WHERE schemaname = 'surestart' $$,
	'every table is marked for pg_dump, seeded tables with WHERE NOT seeded');
-- the geography tables (0.3, doc/geography.md)
SELECT columns_are('surestart', 'lsoa_deprivation', ARRAY['lsoa_code', 'edition', 'measure', 'rank', 'decile', 'source']);
SELECT col_is_pk('surestart', 'lsoa_deprivation', ARRAY['lsoa_code', 'edition', 'measure', 'source'], 'lsoa_deprivation key is (lsoa_code, edition, measure, source)');
SELECT columns_are('surestart', 'lsoa11_lsoa21', ARRAY['lsoa11_code', 'lsoa21_code', 'change_code', 'lsoa11_name', 'lsoa21_name', 'district_code', 'district_name']);
SELECT col_is_pk('surestart', 'lsoa11_lsoa21', ARRAY['lsoa11_code', 'lsoa21_code'], 'lsoa11_lsoa21 key is (lsoa11_code, lsoa21_code)');
SELECT columns_are('surestart', 'lsoa_ward', ARRAY['lsoa_code', 'ward_code', 'ward_name', 'ward_year']);
SELECT col_is_pk('surestart', 'lsoa_ward', ARRAY['lsoa_code'], 'lsoa_ward key is (lsoa_code)');
SELECT columns_are('surestart', 'centre_site', ARRAY['centre_id', 'lsoa_code', 'postcode']);
SELECT col_is_pk('surestart', 'centre_site', ARRAY['centre_id'], 'centre_site key is (centre_id)');
-- not-null where the data requires it
SELECT col_not_null('surestart', 'child', 'dob', 'a child has a date of birth');
SELECT col_not_null('surestart', 'contact', 'contact_on', 'a contact has a day');
SELECT col_is_null('surestart', 'contact', 'mode', 'a contact may lack a mode (it counts as an unknown mode)');
SELECT col_not_null('surestart', 'registration', 'registered_on', 'a registration has a start');
SELECT col_not_null('surestart', 'reach_area', 'centre_id', 'a reach-area period names its centre');
SELECT col_not_null('surestart', 'eyfs_result', 'gld', 'an EYFS result says whether GLD was reached');
SELECT col_is_null('surestart', 'registration', 'ended_on', 'an open registration has no end');
SELECT col_is_null('surestart', 'family', 'lsoa_code', 'a family may live outside the known LSOAs');
SELECT col_is_unique('surestart', 'centre', 'name', 'centre names are unique');

-- seeded reference rows
SELECT set_eq('SELECT name, value FROM setting',
	$$ VALUES ('sustained_contacts', '3'), ('deprived_index', 'idaci'), ('deprived_percent', '30'),
			  ('suppress_below', '5'), ('reinspect_ri_years', '2'), ('reinspect_years', '5'),
			  ('ofsted_good_benchmark', '69'), ('risk_registration_below', '65'),
			  ('risk_deprived_registration_below', '80'), ('risk_group_min_families', '10'),
			  ('risk_group_any_contact_below', '65'), ('risk_weight_registration', '1'),
			  ('risk_weight_deprived_registration', '1'), ('risk_weight_low_contact', '1'),
			  ('risk_weight_target_group', '1'), ('risk_weight_fsp_quadrant', '1'), ('risk_weight_rag_amber', '1'),
			  ('risk_weight_rag_red', '2'), ('risk_weight_grade_ri', '1'), ('risk_weight_grade_inadequate', '2'),
			  ('risk_weight_overdue', '1'), ('risk_band_medium_from', '2'), ('risk_band_high_from', '4'),
			  ('governance_board_meetings', '3'), ('best_start_deprived_target', '70'), ('gld_ambition', '75'), ('reference_date', 'today'), ('disclosure_rule', 'suppress'), ('round_to', '5') $$,
	'the settings with their defaults');
SELECT set_eq('SELECT from_percent, words FROM ofsted_word',
	$$ VALUES (100::numeric, 'All'), (97.0, 'Almost all'), (80.0, 'Very large majority'),
			  (65.0, 'Large majority'), (50.0, 'Majority'), (20.0, 'Minority'), (0.1, 'Few'), (0, 'None') $$,
	'the Ofsted word bands');
SELECT results_eq('SELECT code FROM target_group WHERE national ORDER BY display_order',
	$$ VALUES ('teenage_parent'), ('young_parent'), ('pregnant_teenager'), ('lone_parent'), ('father'),
			  ('only_male_carer'), ('disabled_parent'), ('disabled_child'), ('disabled_child_any_age'),
			  ('workless_household'), ('workless_by_status'), ('additional_language'), ('minority_ethnic'),
			  ('smoking_parent'), ('priority_family'), ('child_in_need'), ('child_protection'),
			  ('looked_after'), ('two_year_funding') $$,
	'the 19 national target groups in report order');
SELECT results_eq('SELECT code FROM target_group WHERE NOT national ORDER BY display_order',
	'SELECT ''local_'' || n FROM generate_series(1, 16) AS n',
	'local_1 ... local_16 follow them');
SELECT is_empty('SELECT code FROM target_group WHERE btrim(label) = ''''', 'every target group has a label');
SELECT set_eq('SELECT mode, counts FROM contact_rule',
	$$ VALUES ('face_to_face', 'always'), ('phone', 'always'), ('letter', 'never'), ('leaflet', 'never'),
			  ('text_message', 'never'), ('email', 'never'), ('nursery_session', 'once_per_term') $$,
	'the default contact rules');
SELECT set_eq('SELECT criteria, basis FROM two_year_criteria',
	$$ VALUES ('dwp', 'sept_2013'), ('looked_after', 'sept_2013'), ('low_income_working', 'sept_2014'),
			  ('disability_living_allowance', 'sept_2014'), ('ehc_plan', 'sept_2014'), ('left_care', 'sept_2014') $$,
	'the national two-year criteria and their basis');
SELECT columns_are('surestart', 'two_year_criteria', ARRAY['criteria', 'basis', 'label', 'seeded']);
SELECT col_is_pk('surestart', 'two_year_criteria', ARRAY['criteria'], 'two_year_criteria key is (criteria)');
SELECT is((SELECT bool_and(seeded) FROM (SELECT seeded FROM setting UNION ALL SELECT seeded FROM ofsted_word
	UNION ALL SELECT seeded FROM target_group UNION ALL SELECT seeded FROM contact_rule
	UNION ALL SELECT seeded FROM two_year_criteria) AS s), true,
	'shipped rows are marked seeded');

-- ofsted_grade's interface
SELECT has_type('surestart', 'ofsted_grade', 'type ofsted_grade exists');
SELECT has_function('surestart', 'ofsted_grade_in', ARRAY['cstring'], 'ofsted_grade_in(cstring)');
SELECT has_function('surestart', 'ofsted_grade_out', ARRAY['surestart.ofsted_grade'], 'ofsted_grade_out(ofsted_grade)');
SELECT has_function('surestart', 'ofsted_grade_recv', ARRAY['internal'], 'ofsted_grade_recv(internal)');
SELECT has_function('surestart', 'ofsted_grade_send', ARRAY['surestart.ofsted_grade'], 'ofsted_grade_send(ofsted_grade)');
SELECT function_returns('surestart', 'ofsted_grade_send', ARRAY['ofsted_grade'], 'bytea');
SELECT function_returns('surestart', 'ofsted_grade_cmp', ARRAY['ofsted_grade', 'ofsted_grade'], 'integer');
SELECT volatility_is('surestart', 'ofsted_grade_in', ARRAY['cstring'], 'immutable');
SELECT is_strict('surestart', 'ofsted_grade_in', ARRAY['cstring']);
SELECT has_cast('ofsted_grade', 'integer', 'ofsted_grade casts to integer');
SELECT has_cast('integer', 'ofsted_grade', 'integer casts to ofsted_grade');
SELECT has_opclass('surestart', 'ofsted_grade_ops', 'btree operator class');
SELECT has_opclass('surestart', 'ofsted_grade_hash_ops', 'hash operator class');
SELECT has_operator('ofsted_grade', 'surestart', '<', 'ofsted_grade', 'boolean', 'ofsted_grade < ofsted_grade');
SELECT is('Satisfactory'::ofsted_grade::integer, 3, 'Satisfactory is grade 3');
SELECT is(' ri '::ofsted_grade::text, 'Requires improvement', 'RI prints in full');
SELECT throws_ok($$ SELECT 'Excellent'::surestart.ofsted_grade $$, '22P02',
	'invalid input syntax for type ofsted_grade: "Excellent"', 'an unknown grade is 22P02');
SELECT throws_ok($$ SELECT 7::surestart.ofsted_grade $$, '22003',
	'Ofsted grade 7 is out of range', 'grade 7 is 22003');

-- rejected rows carry class-23 SQLSTATEs (class 22 for bad values)
INSERT INTO lead_partner VALUES ('P', 'Partner', 'voluntary');
INSERT INTO lot VALUES ('L', 'Lot', 'P', NULL, 1);
INSERT INTO centre (centre_id, name, lot_id) VALUES ('C', 'Centre', 'L');
INSERT INTO lsoa (lsoa_code) VALUES ('E01000001');
INSERT INTO reach_area VALUES ('E01000001', '2013-04-01', 'C', NULL);
SELECT throws_ok($$ INSERT INTO surestart.lead_partner VALUES ('Q', 'Q', 'charity') $$, '23514',
	NULL, 'an unknown sector is a check violation');
SELECT throws_ok($$ INSERT INTO surestart.lsoa (lsoa_code) VALUES ('E0100001') $$, '23514',
	NULL, 'a malformed LSOA code is a check violation');
SELECT throws_ok($$ INSERT INTO surestart.centre (centre_id, name, lot_id) VALUES ('D', 'D', 'none') $$, '23503',
	NULL, 'an unknown lot is a foreign-key violation');
SELECT throws_ok($$ INSERT INTO surestart.centre (centre_id, name) VALUES ('D', 'Centre') $$, '23505',
	NULL, 'a duplicate centre name is a unique violation');
SELECT throws_ok($$ INSERT INTO surestart.child (child_id, family_id, dob) VALUES (1, 1, NULL) $$, '23502',
	NULL, 'a child without a date of birth is a not-null violation');
SELECT throws_ok($$ INSERT INTO surestart.child (child_id, family_id, dob) VALUES (1, 1, '-infinity') $$, '23514',
	'new row for relation "child" violates check constraint "dob_must_be_a_finite_date"',
	'a child born on -infinity is a check violation (every age is worked out from dob)');
SELECT throws_ok($$ INSERT INTO surestart.carer (carer_id, family_id, dob) VALUES (1, 1, 'infinity') $$, '23514',
	'new row for relation "carer" violates check constraint "dob_must_be_a_finite_date"',
	'and so is a carer born on infinity');
SELECT throws_ok($$ INSERT INTO surestart.reach_area VALUES ('E01000001', '2014-01-01', 'C', NULL) $$, '23P01',
	'reach-area period 2014-01-01 to open of LSOA E01000001 overlaps its period 2013-04-01 to open (centre C)',
	'overlapping reach-area periods are an exclusion violation');
SELECT throws_ok($$ INSERT INTO surestart.centre_target VALUES (NULL, 'seen_pct', '2013-14', 1, 5), (NULL, 'seen_pct', '2013-14', 2, 5) $$,
	'23505', NULL, 'two county-wide targets for one measure and year are a unique violation');
SELECT throws_ok($$ DELETE FROM surestart.setting WHERE name = 'suppress_below' $$, '23001',
	'cannot delete the shipped setting row "suppress_below"', 'deleting a shipped row is a restrict violation');
SELECT throws_ok($$ UPDATE surestart.setting SET value = 'x' WHERE name = 'sustained_contacts' $$, '22023',
	'invalid value "x" for setting sustained_contacts', 'a bad setting value is 22023');
SELECT throws_ok($$ INSERT INTO surestart.setting VALUES ('nonsense', '1') $$, '22023',
	'unknown setting "nonsense"', 'an unknown setting is 22023');

SELECT * FROM finish();
ROLLBACK;
