
/* ---------------------------------------------------------------- finite dates of birth */

-- child.dob and carer.dob (40_data_model.sql) must be real days: every age
-- is worked out from them, and an age on 'infinity' has no meaning (the
-- person-level views raised an error on one; the stored figures' counting
-- would leave the child out).  Rows that break it are named before the
-- constraint is added, so the update stops with what to fix.
DO $$
DECLARE
	bad_children bigint := (SELECT count(*) FROM @extschema@.child AS c WHERE NOT pg_catalog.isfinite(c.dob));
	bad_carers bigint := (SELECT count(*) FROM @extschema@.carer AS c WHERE NOT pg_catalog.isfinite(c.dob));
BEGIN
	IF bad_children + bad_carers > 0 THEN
		RAISE EXCEPTION '% children and % carers have an infinite date of birth', bad_children, bad_carers
			USING ERRCODE = 'check_violation',
				  HINT = 'Set their dob to the real day (or, for a carer, to null when it is not known), then update again.';
	END IF;
END
$$;
ALTER TABLE @extschema@.child ADD CONSTRAINT dob_must_be_a_finite_date CHECK (isfinite(dob));
ALTER TABLE @extschema@.carer ADD CONSTRAINT dob_must_be_a_finite_date CHECK (isfinite(dob));
COMMENT ON CONSTRAINT dob_must_be_a_finite_date ON @extschema@.child IS 'is not a real day (an age on it has no meaning)';
COMMENT ON CONSTRAINT dob_must_be_a_finite_date ON @extschema@.carer IS 'is not a real day (an age on it has no meaning)';
