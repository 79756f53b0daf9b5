/* src/sql/90_security.sql: row-level security (the roles are in 91_roles.sql) */

/*
 * doc/security.md describes the model.  This part holds:
 *   - (protected_relations(), the one list of relations that hold a
 *     person's row or are private, which create_roles() reads,
 *     is in 89_protected_relations.sql, which the upgrade replays);
 *   - the row-level security policies of every person-level table and of
 *     the centre-level tables partners read (created here, in the script,
 *     because pg_dump does not dump policies on extension tables; they read
 *     the dumped configuration table partner_member through the partner_*
 *     views of 45_access.sql);
 *   - (the published_* views for BI readers are in 88_published.sql;
 *     create_roles() is in 91_roles.sql, which the upgrade replays).
 */

/* ---------------------------------------------------------------- row-level security */

/*
 * Users that are not partners (partner_restricted() false) pass the
 * not_partner policy, so row-level security changes nothing for them: what
 * they may read is what their table privileges say.  Partners pass only
 * partner_scope, for SELECT (they are granted nothing else).  The owner of
 * the tables (the extension owner, a superuser) and superusers bypass
 * row-level security altogether, and so do the views, which read the
 * tables with their owner's rights and filter through visible_centre.
 */

DO $$
DECLARE
	p text[];
BEGIN
	FOREACH p SLICE 1 IN ARRAY ARRAY[
		-- person-level tables
		['family', 'family_id IN (SELECT s.family_id FROM surestart_internal.partner_family AS s)'],
		['carer', 'family_id IN (SELECT s.family_id FROM surestart_internal.partner_family AS s)'],
		['child', 'child_id IN (SELECT s.child_id FROM surestart_internal.partner_child AS s)'],
		['registration', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['contact', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['social_care', 'child_id IN (SELECT s.child_id FROM surestart_internal.partner_child AS s)'],
		['eyfs_result', 'child_id IN (SELECT s.child_id FROM surestart_internal.partner_child AS s) OR lsoa_code IN (SELECT s.lsoa_code FROM surestart_internal.partner_lsoa AS s)'],
		['two_year_place', 'child_id IN (SELECT s.child_id FROM surestart_internal.partner_child AS s)'],
		['three_four_funding', 'child_id IN (SELECT s.child_id FROM surestart_internal.partner_child AS s)'],
		-- centre-level tables
		['lead_partner', 'lead_partner_id IN (SELECT s.lead_partner_id FROM surestart_internal.partner_lead_partner AS s)'],
		['contract', 'lead_partner_id IN (SELECT s.lead_partner_id FROM surestart_internal.partner_lead_partner AS s)'],
		['lot', 'lead_partner_id IN (SELECT s.lead_partner_id FROM surestart_internal.partner_lead_partner AS s)'],
		['centre', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['reach_area', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['inspected_centre', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['ofsted_inspection', 'inspection_id IN (SELECT s.inspection_id FROM surestart_internal.partner_inspection AS s)'],
		['centre_rag', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['centre_target', 'centre_id IS NULL OR centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['board_meeting', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['building_fund', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['reach_snapshot', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		['coverage_snapshot', 'centre_id IN (SELECT s.centre_id FROM surestart_internal.partner_centre AS s)'],
		-- rejected rows (whole staged rows, personal data): loaders only
		['load_reject', 'false']]
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', p[1]);
		EXECUTE pg_catalog.format('CREATE POLICY not_partner ON @extschema@.%I USING (NOT (SELECT @extschema@.partner_restricted()))', p[1]);
		EXECUTE pg_catalog.format('CREATE POLICY partner_scope ON @extschema@.%I FOR SELECT USING (%s)', p[1], p[2]);
	END LOOP;
END
$$;
