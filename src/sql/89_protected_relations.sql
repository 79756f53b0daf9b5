/* src/sql/89_protected_relations.sql: the relations create_roles() withholds */

/* ---------------------------------------------------------------- classification */

/*
 * Relations create_roles() treats specially, by name, so that new tables
 * and views need one line here:
 *   person   - holds a person's row (tables, and views of person rows).
 *              Readers and analysts get no privilege on it; partners get
 *              SELECT on the tables, under row-level security, and nothing
 *              on the views (which are unfiltered building blocks).
 *   internal - an unfiltered view of centre-keyed figures that other views
 *              build on (their county, group and ranking figures need every
 *              centre).  Analysts may read it; partners may not (they read
 *              the filtered views built on it).
 *   private  - nobody but the owner (partner_member).
 * Besides this list, create_roles() treats as person-level every view with
 * a column naming a person (child_id, family_id, carer_id, contact_id,
 * pupil_id), so a new person-level view is withheld even if not listed.
 * Names that do not exist (yet) are skipped.  The building blocks in
 * schema surestart_internal need no line: no role is granted USAGE on it.
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
	('load_reject', 'person'), ('child_contact_profile', 'person'), ('child_term_centre', 'person'),
	('ofsted_latest_all', 'internal'), ('fsp_contact_ranking_all', 'internal'), ('scorecard_actual', 'internal'),
	('partner_member', 'private')
$$;
COMMENT ON FUNCTION @extschema@.protected_relations() IS 'relations create_roles() withholds: person (a person''s rows: partners get the tables under row-level security), internal (unfiltered views other views build on: analysts only), private (owner only)';

