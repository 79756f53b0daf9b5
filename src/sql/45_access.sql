/* src/sql/45_access.sql: who may see which centres (partner_member and the visibility views) */

/*
 * The reporting views (60_ and later) filter their rows through the views
 * below, so these come before them; the roles, grants, row-level security
 * policies and published views are in 90_security.sql.
 *
 * The model, in short (doc/security.md has it in full):
 *   - a user is *restricted* when it is a member (directly or through
 *     other roles, inherited or not) of surestart_partner and is neither a
 *     superuser nor BYPASSRLS;
 *   - a restricted user sees the lead partners mapped in partner_member to
 *     itself or to any role it is a member of, and the lots, centres and
 *     person rows of those lead partners; with no mapping it sees none;
 *   - every other user is not restricted by these views (its table
 *     privileges decide what it may read).
 * "The user" is CURRENT_USER: the role whose privileges the query runs
 * with.  It is the invoker inside the views (a view changes only whose
 * privileges are checked on the relations it names, not CURRENT_USER),
 * the role set by SET ROLE, and the owner inside SECURITY DEFINER
 * functions (so take_snapshot-style jobs see every centre).
 */

CREATE TABLE @extschema@.partner_member (
	role_name text NOT NULL
		CONSTRAINT role_name_must_not_be_empty CHECK (pg_catalog.btrim(role_name) <> ''),
	lead_partner_id text NOT NULL REFERENCES @extschema@.lead_partner,
	PRIMARY KEY (role_name, lead_partner_id)
);
COMMENT ON TABLE @extschema@.partner_member IS 'Which lead partners each database role may see as a member of surestart_partner; only the extension owner can read or change it';
COMMENT ON COLUMN @extschema@.partner_member.role_name IS 'database role (a login role, or a group role whose members it covers); a role that does not exist matches nobody';
COMMENT ON COLUMN @extschema@.partner_member.lead_partner_id IS 'lead partner whose centres the role may see';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.partner_member', '');

/*
 * True when the current user is restricted to its lead partners: a member
 * of surestart_partner that is not a superuser and not BYPASSRLS (both of
 * which bypass row-level security, and pg_has_role counts a superuser as a
 * member of every role).  False while surestart_partner does not exist.
 * Reads only pg_roles, which every user may read, so it needs no special
 * rights.  Views call it inside a scalar subquery so that it runs once per
 * query.
 */
CREATE FUNCTION @extschema@.partner_restricted() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT EXISTS (
	SELECT 1
	FROM pg_catalog.pg_roles AS u, pg_catalog.pg_roles AS p
	WHERE u.rolname OPERATOR(pg_catalog.=) CURRENT_USER
	  AND NOT u.rolsuper AND NOT u.rolbypassrls
	  AND p.rolname OPERATOR(pg_catalog.=) 'surestart_partner'::pg_catalog.name
	  AND pg_catalog.pg_has_role(u.oid, p.oid, 'MEMBER'))
$$;
COMMENT ON FUNCTION @extschema@.partner_restricted() IS 'true when the current user is a member of surestart_partner (and not a superuser or BYPASSRLS): its reads are limited to the lead partners partner_member maps to it';

/*
 * The lead partners mapped to the current user, when it is restricted;
 * empty otherwise.  An owner-rights view, so partners need no privilege on
 * partner_member itself.
 */
CREATE VIEW @extschema@.partner_lead_partner AS
SELECT DISTINCT m.lead_partner_id
FROM @extschema@.partner_member AS m
JOIN pg_catalog.pg_roles AS r ON r.rolname = m.role_name
WHERE pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'MEMBER')
  AND (SELECT @extschema@.partner_restricted());
COMMENT ON VIEW @extschema@.partner_lead_partner IS 'Lead partners the current user may see as a partner (partner_member); empty for users who are not partners';
COMMENT ON COLUMN @extschema@.partner_lead_partner.lead_partner_id IS 'lead partner mapped to the current user or to a role it is a member of';

/* The visible sets: everything for users who are not restricted. */
CREATE VIEW @extschema@.visible_lead_partner AS
SELECT lp.lead_partner_id
FROM @extschema@.lead_partner AS lp
WHERE NOT (SELECT @extschema@.partner_restricted())
   OR lp.lead_partner_id IN (SELECT p.lead_partner_id FROM @extschema@.partner_lead_partner AS p);
COMMENT ON VIEW @extschema@.visible_lead_partner IS 'Lead partners the current user may see: all of them, or a partner''s own (partner_member)';
COMMENT ON COLUMN @extschema@.visible_lead_partner.lead_partner_id IS 'visible lead partner';

CREATE VIEW @extschema@.visible_centre AS
SELECT c.centre_id, c.lot_id, l.lead_partner_id, c.group_id
FROM @extschema@.centre AS c
LEFT JOIN @extschema@.lot AS l ON l.lot_id = c.lot_id
WHERE NOT (SELECT @extschema@.partner_restricted())
   OR l.lead_partner_id IN (SELECT p.lead_partner_id FROM @extschema@.partner_lead_partner AS p);
COMMENT ON VIEW @extschema@.visible_centre IS 'Centres the current user may see: all of them, or the centres of a partner''s lead partners (through the centre''s lot); reporting views filter centre-keyed rows with it';
COMMENT ON COLUMN @extschema@.visible_centre.centre_id IS 'visible centre';
COMMENT ON COLUMN @extschema@.visible_centre.lot_id IS 'its lot';
COMMENT ON COLUMN @extschema@.visible_centre.lead_partner_id IS 'the lot''s lead partner';
COMMENT ON COLUMN @extschema@.visible_centre.group_id IS 'its inspection group or cluster, if any (a group is visible when one of its centres is)';

/*
 * A partner's person-level scope, used by the row-level security policies
 * of 90_security.sql.  Empty for users who are not restricted (the policies
 * let those through on their own), so granting them to everybody reveals
 * nothing: a partner sees in them only the ids it may read anyway.
 *
 * "Lives in their reach areas": the family's LSOA is in a reach-area period
 * of one of the partner's centres that has not ended (valid_to null or today
 * or later).  "Registered at them": a registration, open or ended, at one
 * of the partner's centres.
 */
CREATE VIEW @extschema@.partner_centre AS
SELECT c.centre_id
FROM @extschema@.centre AS c
JOIN @extschema@.lot AS l ON l.lot_id = c.lot_id
WHERE l.lead_partner_id IN (SELECT p.lead_partner_id FROM @extschema@.partner_lead_partner AS p);
COMMENT ON VIEW @extschema@.partner_centre IS 'The centres of the current user''s lead partners when it is a partner; empty otherwise';
COMMENT ON COLUMN @extschema@.partner_centre.centre_id IS 'centre of one of the partner''s lead partners';

CREATE VIEW @extschema@.partner_lsoa AS
SELECT DISTINCT a.lsoa_code
FROM @extschema@.reach_area AS a
WHERE a.centre_id IN (SELECT pc.centre_id FROM @extschema@.partner_centre AS pc)
  AND (a.valid_to IS NULL OR a.valid_to >= CURRENT_DATE);
COMMENT ON VIEW @extschema@.partner_lsoa IS 'LSOAs in the current reach areas (periods not ended) of the partner''s centres; empty for users who are not partners';
COMMENT ON COLUMN @extschema@.partner_lsoa.lsoa_code IS 'LSOA in a current reach area of one of the partner''s centres';

CREATE VIEW @extschema@.partner_child AS
SELECT c.child_id
FROM @extschema@.child AS c
JOIN @extschema@.family AS f ON f.family_id = c.family_id
WHERE f.lsoa_code IN (SELECT pl.lsoa_code FROM @extschema@.partner_lsoa AS pl)
UNION
SELECT g.child_id
FROM @extschema@.registration AS g
WHERE g.centre_id IN (SELECT pc.centre_id FROM @extschema@.partner_centre AS pc);
COMMENT ON VIEW @extschema@.partner_child IS 'Children a partner may see: whose family lives in a current reach area of its centres, or registered (now or before) at one of them; empty for users who are not partners';
COMMENT ON COLUMN @extschema@.partner_child.child_id IS 'child the partner may see';

CREATE VIEW @extschema@.partner_family AS
SELECT f.family_id
FROM @extschema@.family AS f
WHERE f.lsoa_code IN (SELECT pl.lsoa_code FROM @extschema@.partner_lsoa AS pl)
UNION
SELECT c.family_id
FROM @extschema@.registration AS g
JOIN @extschema@.child AS c ON c.child_id = g.child_id
WHERE g.centre_id IN (SELECT pc.centre_id FROM @extschema@.partner_centre AS pc);
COMMENT ON VIEW @extschema@.partner_family IS 'Families a partner may see (and so their carers): living in a current reach area of its centres, or with a child registered (now or before) at one of them; empty for users who are not partners';
COMMENT ON COLUMN @extschema@.partner_family.family_id IS 'family the partner may see';

/* Inspections of the partner's centres, for the ofsted_inspection policy. */
CREATE VIEW @extschema@.partner_inspection AS
SELECT DISTINCT ic.inspection_id
FROM @extschema@.inspected_centre AS ic
WHERE ic.centre_id IN (SELECT pc.centre_id FROM @extschema@.partner_centre AS pc);
COMMENT ON VIEW @extschema@.partner_inspection IS 'Inspections of the partner''s centres; empty for users who are not partners';
COMMENT ON COLUMN @extschema@.partner_inspection.inspection_id IS 'inspection of one of the partner''s centres';

/*
 * The row-level security policies (90_security.sql) read these as the
 * querying user; they show a partner only its own scope.
 */
GRANT SELECT ON @extschema@.partner_lead_partner, @extschema@.partner_centre, @extschema@.partner_lsoa,
	@extschema@.partner_child, @extschema@.partner_family, @extschema@.partner_inspection TO PUBLIC;
