/* src/sql/56_threshold_aggregates.sql: contact_reach and coverage with the sustained threshold as an argument */

/*
 * The signatures in 50_reach.sql and 55_coverage.sql read the
 * sustained_contacts setting (through SPI, once per query), so their
 * transition functions are STABLE.  These take the threshold as their last
 * argument, as hll and tdigest take their parameters: the threshold travels
 * with the rows, a figure can record the threshold it was counted with, and
 * the transition functions are IMMUTABLE.  The threshold must be the same on
 * every row of a group.  They share the C functions (the _given_ support
 * functions are the same C functions, which tell the signatures apart by
 * their number of arguments), the states and the combine, serialise and
 * deserialise functions of the setting-reading signatures.
 *
 * This part is new in 0.3.0: the upgrade from 0.2.0 appends it verbatim
 * (PARTS_NEW in the Makefile).
 */

/* ---------------------------------------------------------------- support functions */

CREATE FUNCTION @extschema@.contact_reach_given_trans(internal, bigint, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'contact_reach_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.contact_reach_weighted_given_trans(internal, bigint, bigint, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'contact_reach_weighted_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_given_trans(internal, @extschema@.target_groups, bigint, integer) RETURNS internal
	AS 'MODULE_PATHNAME', 'coverage_trans' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_given_final(internal) RETURNS @extschema@.coverage
	AS 'MODULE_PATHNAME', 'coverage_sum_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_reach_given_trans(internal, bigint, integer) IS
	'contact_reach(id, threshold) transition: one contact of the id; the threshold (at least 1, the same on every row of a group) is checked on every row, NULL ids included';
COMMENT ON FUNCTION @extschema@.contact_reach_weighted_given_trans(internal, bigint, bigint, integer) IS
	'contact_reach(id, contacts, threshold) transition: adds a count of contacts to the id; the threshold (at least 1, the same on every row of a group) is checked on every row';
COMMENT ON FUNCTION @extschema@.coverage_given_trans(internal, @extschema@.target_groups, bigint, integer) IS
	'coverage(target_groups, bigint, integer) transition: count one row; the threshold (at least 1, the same on every row of a group) is checked on every row';
COMMENT ON FUNCTION @extschema@.coverage_given_final(internal) IS
	'coverage(target_groups, bigint, integer) result: the summary, with the threshold of its rows; NULL for no rows, which give no threshold';

/* ---------------------------------------------------------------- aggregates */

CREATE AGGREGATE @extschema@.contact_reach(id bigint, threshold integer) (
	SFUNC = @extschema@.contact_reach_given_trans,
	STYPE = internal,
	SSPACE = 16384,
	FINALFUNC = @extschema@.contact_reach_final,
	COMBINEFUNC = @extschema@.contact_reach_combine,
	SERIALFUNC = @extschema@.contact_reach_serialize,
	DESERIALFUNC = @extschema@.contact_reach_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.contact_reach(bigint, integer) IS
	'contact_reach(id, threshold): over contact rows, ids seen, ids with at least threshold contacts, contacts counted (NULL ids ignored); threshold at least 1 and the same on every row of a group; an integer second argument means the threshold, a bigint one contacts';

CREATE AGGREGATE @extschema@.contact_reach(id bigint, contacts bigint, threshold integer) (
	SFUNC = @extschema@.contact_reach_weighted_given_trans,
	STYPE = internal,
	SSPACE = 16384,
	FINALFUNC = @extschema@.contact_reach_final,
	COMBINEFUNC = @extschema@.contact_reach_combine,
	SERIALFUNC = @extschema@.contact_reach_serialize,
	DESERIALFUNC = @extschema@.contact_reach_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.contact_reach(bigint, bigint, integer) IS
	'contact_reach(id, contacts, threshold): each row adds contacts (>= 0) to the id; seen = ids with at least 1, sustained = ids with at least threshold, contacts = the sum; threshold at least 1 and the same on every row of a group';

CREATE AGGREGATE @extschema@.coverage(groups @extschema@.target_groups, contacts bigint, threshold integer) (
	SFUNC = @extschema@.coverage_given_trans,
	STYPE = internal,
	SSPACE = 904,
	FINALFUNC = @extschema@.coverage_given_final,
	COMBINEFUNC = @extschema@.coverage_agg_combine,
	SERIALFUNC = @extschema@.coverage_agg_serialize,
	DESERIALFUNC = @extschema@.coverage_agg_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.coverage(@extschema@.target_groups, bigint, integer) IS
	'target-group coverage of rows (families or children) with their meaningful contacts in the period: any contact = at least 1, sustained = at least threshold; NULL groups = none, NULL contacts = 0; threshold at least 1 and the same on every row of a group; NULL for no rows';
