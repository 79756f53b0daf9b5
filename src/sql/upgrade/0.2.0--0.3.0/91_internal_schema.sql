
/* ---------------------------------------------------------------- the building blocks' schema */

-- 0.3.0 keeps the building blocks in schema surestart_internal (made in
-- 45_access.sql by a fresh install, which this update does not replay).
-- The visibility views of 45_access.sql move there as they are: the
-- row-level security policies hold them by reference, so they are moved,
-- not dropped and made again; their grant to PUBLIC goes (create_roles()
-- grants them to the analyst and partner roles), so that no role is shown
-- a building block it cannot name.
CREATE SCHEMA surestart_internal;
COMMENT ON SCHEMA surestart_internal IS 'Building blocks of the surestart extension: the stored figures and the views that only serve other views (no privileges for the reporting roles)';
ALTER VIEW @extschema@.partner_lead_partner SET SCHEMA surestart_internal;
ALTER VIEW @extschema@.visible_lead_partner SET SCHEMA surestart_internal;
ALTER VIEW @extschema@.visible_centre SET SCHEMA surestart_internal;
ALTER VIEW @extschema@.partner_centre SET SCHEMA surestart_internal;
ALTER VIEW @extschema@.partner_lsoa SET SCHEMA surestart_internal;
ALTER VIEW @extschema@.partner_child SET SCHEMA surestart_internal;
ALTER VIEW @extschema@.partner_family SET SCHEMA surestart_internal;
ALTER VIEW @extschema@.partner_inspection SET SCHEMA surestart_internal;
REVOKE SELECT ON surestart_internal.partner_lead_partner, surestart_internal.partner_centre, surestart_internal.partner_lsoa,
	surestart_internal.partner_child, surestart_internal.partner_family, surestart_internal.partner_inspection FROM PUBLIC;
