/* src/sql/50_reach.sql: the reach engine aggregates (contact_reach, rank_correlation) */

/* ---------------------------------------------------------------- contact_reach */

CREATE TYPE @extschema@.reach_counts AS (
	seen bigint,
	sustained bigint,
	contacts bigint
);
COMMENT ON TYPE @extschema@.reach_counts IS
	'result of contact_reach: ids seen (at least one contact), ids with sustained contact (at least sustained_contacts contacts), contacts counted';
COMMENT ON COLUMN @extschema@.reach_counts.seen IS 'ids (children or families) with at least one contact';
COMMENT ON COLUMN @extschema@.reach_counts.sustained IS 'ids with at least the sustained_contacts setting''s number of contacts';
COMMENT ON COLUMN @extschema@.reach_counts.contacts IS 'contacts counted: rows with a non-null id, or the sum of the contacts argument';

CREATE FUNCTION @extschema@.contact_reach_trans(internal, bigint) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.contact_reach_weighted_trans(internal, bigint, bigint) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.contact_reach_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.contact_reach_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.contact_reach_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.contact_reach_final(internal) RETURNS @extschema@.reach_counts
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.contact_reach_trans(internal, bigint) IS
	'contact_reach(child_id) transition: one contact of the id (reads sustained_contacts once per query)';
COMMENT ON FUNCTION @extschema@.contact_reach_weighted_trans(internal, bigint, bigint) IS
	'contact_reach(id, contacts) transition: adds a count of contacts to the id (reads sustained_contacts once per query)';
COMMENT ON FUNCTION @extschema@.contact_reach_combine(internal, internal) IS
	'contact_reach combine: merges two partial states; refuses states with different sustained thresholds';
COMMENT ON FUNCTION @extschema@.contact_reach_serialize(internal) IS
	'contact_reach serialise (format 2): version byte, then threshold, contacts and id count in network byte order, then each id as a varint distance from the previous one and its count as a varint, in id order';
COMMENT ON FUNCTION @extschema@.contact_reach_deserialize(bytea, internal) IS
	'contact_reach deserialise: checks version, length, counts, id order and totals before use';
COMMENT ON FUNCTION @extschema@.contact_reach_final(internal) IS
	'contact_reach final: (seen, sustained, contacts)';

CREATE AGGREGATE @extschema@.contact_reach(bigint) (
	SFUNC = @extschema@.contact_reach_trans,
	STYPE = internal,
	SSPACE = 16384,
	FINALFUNC = @extschema@.contact_reach_final,
	COMBINEFUNC = @extschema@.contact_reach_combine,
	SERIALFUNC = @extschema@.contact_reach_serialize,
	DESERIALFUNC = @extschema@.contact_reach_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.contact_reach(bigint) IS
	'over contact rows: distinct children seen, children with at least sustained_contacts contacts, contacts counted (NULL ids ignored)';

CREATE AGGREGATE @extschema@.contact_reach(bigint, bigint) (
	SFUNC = @extschema@.contact_reach_weighted_trans,
	STYPE = internal,
	SSPACE = 16384,
	FINALFUNC = @extschema@.contact_reach_final,
	COMBINEFUNC = @extschema@.contact_reach_combine,
	SERIALFUNC = @extschema@.contact_reach_serialize,
	DESERIALFUNC = @extschema@.contact_reach_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.contact_reach(bigint, bigint) IS
	'contact_reach(id, contacts): each row adds contacts (>= 0) to the id, e.g. per-child counts rolled up to families; seen = ids with at least 1, sustained = ids with at least sustained_contacts, contacts = the sum';

/* ---------------------------------------------------------------- rank_correlation */

CREATE FUNCTION @extschema@.rank_correlation_trans(internal, double precision, double precision) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.rank_correlation_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.rank_correlation_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rank_correlation_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rank_correlation_final(internal) RETURNS double precision
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rank_correlation_trans(internal, double precision, double precision) IS
	'rank_correlation transition: keeps the pair unless either value is NULL; NaN and infinities are errors';
COMMENT ON FUNCTION @extschema@.rank_correlation_combine(internal, internal) IS
	'rank_correlation combine: appends the pairs of two partial states';
COMMENT ON FUNCTION @extschema@.rank_correlation_serialize(internal) IS
	'rank_correlation serialise: version byte, pair count, then (x, y) float8 pairs, network byte order';
COMMENT ON FUNCTION @extschema@.rank_correlation_deserialize(bytea, internal) IS
	'rank_correlation deserialise: checks version, length and that every value is finite';
COMMENT ON FUNCTION @extschema@.rank_correlation_final(internal) IS
	'rank_correlation final: Pearson correlation of the average ranks; NULL for fewer than two pairs or a constant column';

CREATE AGGREGATE @extschema@.rank_correlation(double precision, double precision) (
	SFUNC = @extschema@.rank_correlation_trans,
	STYPE = internal,
	SSPACE = 1024,
	FINALFUNC = @extschema@.rank_correlation_final,
	COMBINEFUNC = @extschema@.rank_correlation_combine,
	SERIALFUNC = @extschema@.rank_correlation_serialize,
	DESERIALFUNC = @extschema@.rank_correlation_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rank_correlation(double precision, double precision) IS
	'Spearman''s rank correlation rho of x and y, ties given their average rank; pairs with a NULL skipped; NULL for fewer than two pairs or a constant column';
