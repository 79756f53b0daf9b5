/* src/sql/89_protected_relations.sql: the relations create_roles() withholds */

/* ---------------------------------------------------------------- classification */

/*
 * Relations create_roles() treats specially, by name, so that new tables
 * and views need one line here:
 *   person   - holds a person's row (tables).  Readers and analysts get
 *              no privilege on it; partners get SELECT, under row-level
 *              security.
 *   private  - nobody but the owner (partner_member).
 * Besides this list, create_roles() treats as person-level every view with
 * a column naming a person (child_id, family_id, carer_id, contact_id,
 * pupil_id), so a new person-level view is withheld even if not listed.
 * Names that do not exist (yet) are skipped.  The building blocks (the
 * unfiltered views other views build on, the person-level views of
 * counted children and contacts, the visibility views) are in schema
 * surestart_internal and need no line: no role is granted USAGE on it.
 */
CREATE FUNCTION @extschema@.protected_relations()
RETURNS TABLE (relation_name text, access_class text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
VALUES
	('family'::text, 'person'::text), ('carer', 'person'), ('child', 'person'),
	('registration', 'person'), ('contact', 'person'), ('social_care', 'person'),
	('eyfs_result', 'person'), ('two_year_place', 'person'), ('three_four_funding', 'person'),
	('load_reject', 'person'), ('partner_member', 'private')
$$;
COMMENT ON FUNCTION @extschema@.protected_relations() IS 'relations create_roles() withholds: person (a person''s rows: partners get the tables under row-level security), private (owner only)';

