/* src/sql/35_proportion.sql: the proportion type, its functions, operators and aggregates */

CREATE TYPE @extschema@.proportion;

CREATE FUNCTION @extschema@.proportion_in(cstring) RETURNS @extschema@.proportion
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_out(@extschema@.proportion) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_recv(internal) RETURNS @extschema@.proportion
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_send(@extschema@.proportion) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.proportion (
	INPUT = @extschema@.proportion_in,
	OUTPUT = @extschema@.proportion_out,
	RECEIVE = @extschema@.proportion_recv,
	SEND = @extschema@.proportion_send,
	INTERNALLENGTH = 16,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.proportion IS
	'an exact part of a whole: two counts with 0 <= part <= whole, written ''part/whole''; 0/0 means no data; orders by value, 0/0 first';
COMMENT ON FUNCTION @extschema@.proportion_in(cstring) IS 'proportion text input (''part/whole'')';
COMMENT ON FUNCTION @extschema@.proportion_out(@extschema@.proportion) IS 'proportion text output (''part/whole'', as stored)';
COMMENT ON FUNCTION @extschema@.proportion_recv(internal) IS 'proportion binary input (version byte, part and whole as int8)';
COMMENT ON FUNCTION @extschema@.proportion_send(@extschema@.proportion) IS 'proportion binary output (version byte, part and whole as int8)';

/* ---------------------------------------------------------------- functions */

CREATE FUNCTION @extschema@.proportion(part bigint, whole bigint) RETURNS @extschema@.proportion
	AS 'MODULE_PATHNAME', 'proportion_construct' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.part(p @extschema@.proportion) RETURNS bigint
	AS 'MODULE_PATHNAME', 'proportion_part' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.whole(p @extschema@.proportion) RETURNS bigint
	AS 'MODULE_PATHNAME', 'proportion_whole' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.percent(p @extschema@.proportion, digits integer DEFAULT 1) RETURNS numeric
	AS 'MODULE_PATHNAME', 'proportion_percent' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ofsted_words(p @extschema@.proportion) RETURNS text
	AS 'MODULE_PATHNAME', 'proportion_ofsted_words' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ofsted_words(fraction numeric) RETURNS text
	AS 'MODULE_PATHNAME', 'numeric_ofsted_words' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.normal_quantile(p double precision) RETURNS double precision
	AS 'MODULE_PATHNAME', 'normal_quantile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.wilson_interval(p @extschema@.proportion, confidence double precision DEFAULT 0.95,
		OUT low double precision, OUT high double precision) RETURNS record
	AS 'MODULE_PATHNAME', 'proportion_wilson_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.proportion(bigint, bigint) IS
	'proportion from part and whole; counts must satisfy 0 <= part <= whole (0/0 means no data)';
COMMENT ON FUNCTION @extschema@.part(@extschema@.proportion) IS 'the part of a proportion';
COMMENT ON FUNCTION @extschema@.whole(@extschema@.proportion) IS 'the whole of a proportion';
COMMENT ON FUNCTION @extschema@.percent(@extschema@.proportion, integer) IS
	'100 * part / whole, exactly, rounded half away from zero to digits (0-12, default 1) decimal places; NULL for 0/0';
COMMENT ON FUNCTION @extschema@.ofsted_words(@extschema@.proportion) IS
	'Ofsted''s words for a proportion (table ofsted_word), chosen on its percentage to one decimal place; NULL for 0/0';
COMMENT ON FUNCTION @extschema@.ofsted_words(numeric) IS
	'Ofsted''s words for a fraction from 0 to 1 (table ofsted_word), chosen on its percentage to one decimal place; other values are an error';
COMMENT ON FUNCTION @extschema@.normal_quantile(double precision) IS
	'standard normal quantile: the z with P(Z <= z) = p, for 0 < p < 1';
COMMENT ON FUNCTION @extschema@.wilson_interval(@extschema@.proportion, double precision) IS
	'Wilson score interval (low, high) for the rate at the given two-sided confidence (default 0.95); NULLs for 0/0';

/* ---------------------------------------------------------------- casts */

CREATE FUNCTION @extschema@.proportion_to_numeric(@extschema@.proportion) RETURNS numeric
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_to_float8(@extschema@.proportion) RETURNS double precision
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.proportion_to_numeric(@extschema@.proportion) IS 'the fraction part / whole as numeric; NULL for 0/0';
COMMENT ON FUNCTION @extschema@.proportion_to_float8(@extschema@.proportion) IS 'the fraction part / whole as double precision; NULL for 0/0';
CREATE CAST (@extschema@.proportion AS numeric)
	WITH FUNCTION @extschema@.proportion_to_numeric(@extschema@.proportion);
CREATE CAST (@extschema@.proportion AS double precision)
	WITH FUNCTION @extschema@.proportion_to_float8(@extschema@.proportion);
COMMENT ON CAST (@extschema@.proportion AS numeric) IS 'the fraction part / whole (not a percentage); NULL for 0/0';
COMMENT ON CAST (@extschema@.proportion AS double precision) IS 'the fraction part / whole (not a percentage); NULL for 0/0';

/* ---------------------------------------------------------------- operators */

CREATE FUNCTION @extschema@.proportion_eq(@extschema@.proportion, @extschema@.proportion) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.proportion_ne(@extschema@.proportion, @extschema@.proportion) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.proportion_lt(@extschema@.proportion, @extschema@.proportion) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.proportion_le(@extschema@.proportion, @extschema@.proportion) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.proportion_gt(@extschema@.proportion, @extschema@.proportion) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.proportion_ge(@extschema@.proportion, @extschema@.proportion) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.proportion_cmp(@extschema@.proportion, @extschema@.proportion) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.proportion_hash(@extschema@.proportion) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.proportion_hash_extended(@extschema@.proportion, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.proportion_add(@extschema@.proportion, @extschema@.proportion) RETURNS @extschema@.proportion
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.proportion_eq(@extschema@.proportion, @extschema@.proportion) IS 'implementation of = for proportion';
COMMENT ON FUNCTION @extschema@.proportion_ne(@extschema@.proportion, @extschema@.proportion) IS 'implementation of <> for proportion';
COMMENT ON FUNCTION @extschema@.proportion_lt(@extschema@.proportion, @extschema@.proportion) IS 'implementation of < for proportion';
COMMENT ON FUNCTION @extschema@.proportion_le(@extschema@.proportion, @extschema@.proportion) IS 'implementation of <= for proportion';
COMMENT ON FUNCTION @extschema@.proportion_gt(@extschema@.proportion, @extschema@.proportion) IS 'implementation of > for proportion';
COMMENT ON FUNCTION @extschema@.proportion_ge(@extschema@.proportion, @extschema@.proportion) IS 'implementation of >= for proportion';
COMMENT ON FUNCTION @extschema@.proportion_cmp(@extschema@.proportion, @extschema@.proportion) IS 'btree comparison for proportion (by value, exactly; 0/0 first)';
COMMENT ON FUNCTION @extschema@.proportion_hash(@extschema@.proportion) IS 'hash for proportion (of the reduced fraction)';
COMMENT ON FUNCTION @extschema@.proportion_hash_extended(@extschema@.proportion, bigint) IS 'seeded 64-bit hash for proportion (of the reduced fraction)';
COMMENT ON FUNCTION @extschema@.proportion_add(@extschema@.proportion, @extschema@.proportion) IS 'implementation of + for proportion (pooling)';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.proportion, RIGHTARG = @extschema@.proportion,
	FUNCTION = @extschema@.proportion_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.proportion, RIGHTARG = @extschema@.proportion,
	FUNCTION = @extschema@.proportion_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.proportion, RIGHTARG = @extschema@.proportion,
	FUNCTION = @extschema@.proportion_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.proportion, RIGHTARG = @extschema@.proportion,
	FUNCTION = @extschema@.proportion_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.proportion, RIGHTARG = @extschema@.proportion,
	FUNCTION = @extschema@.proportion_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.proportion, RIGHTARG = @extschema@.proportion,
	FUNCTION = @extschema@.proportion_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR @extschema@.+ (
	LEFTARG = @extschema@.proportion, RIGHTARG = @extschema@.proportion,
	FUNCTION = @extschema@.proportion_add,
	COMMUTATOR = OPERATOR(@extschema@.+)
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.proportion, @extschema@.proportion) IS 'equal in value (1/2 = 2/4)';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.proportion, @extschema@.proportion) IS 'different in value';
COMMENT ON OPERATOR @extschema@.< (@extschema@.proportion, @extschema@.proportion) IS 'smaller in value (0/0 is smallest)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.proportion, @extschema@.proportion) IS 'smaller or equal in value';
COMMENT ON OPERATOR @extschema@.> (@extschema@.proportion, @extschema@.proportion) IS 'greater in value';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.proportion, @extschema@.proportion) IS 'greater or equal in value';
COMMENT ON OPERATOR @extschema@.+ (@extschema@.proportion, @extschema@.proportion) IS 'pool two proportions: parts add, wholes add';

CREATE OPERATOR CLASS @extschema@.proportion_ops
	DEFAULT FOR TYPE @extschema@.proportion USING btree AS
		OPERATOR 1 @extschema@.<,
		OPERATOR 2 @extschema@.<=,
		OPERATOR 3 @extschema@.=,
		OPERATOR 4 @extschema@.>=,
		OPERATOR 5 @extschema@.>,
		FUNCTION 1 @extschema@.proportion_cmp(@extschema@.proportion, @extschema@.proportion);
CREATE OPERATOR CLASS @extschema@.proportion_hash_ops
	DEFAULT FOR TYPE @extschema@.proportion USING hash AS
		OPERATOR 1 @extschema@.=,
		FUNCTION 1 @extschema@.proportion_hash(@extschema@.proportion),
		FUNCTION 2 @extschema@.proportion_hash_extended(@extschema@.proportion, bigint);
COMMENT ON OPERATOR CLASS @extschema@.proportion_ops USING btree IS 'orders proportion by value, exactly; 0/0 first';
COMMENT ON OPERATOR CLASS @extschema@.proportion_hash_ops USING hash IS 'hashes proportion by its reduced fraction, consistent with =';

/* ---------------------------------------------------------------- aggregates */

CREATE FUNCTION @extschema@.proportion_sum_trans(internal, @extschema@.proportion) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_of_trans(internal, boolean) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_agg_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_agg_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_agg_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_sum_final(internal) RETURNS @extschema@.proportion
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.proportion_of_final(internal) RETURNS @extschema@.proportion
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.proportion_sum_trans(internal, @extschema@.proportion) IS 'sum(proportion) transition: pool one proportion';
COMMENT ON FUNCTION @extschema@.proportion_of_trans(internal, boolean) IS 'proportion_of(boolean) transition: count one value';
COMMENT ON FUNCTION @extschema@.proportion_agg_combine(internal, internal) IS 'combine partial states of sum(proportion) or proportion_of(boolean)';
COMMENT ON FUNCTION @extschema@.proportion_agg_serialize(internal) IS 'serialise a proportion aggregate state (version byte, part, whole)';
COMMENT ON FUNCTION @extschema@.proportion_agg_deserialize(bytea, internal) IS 'deserialise and validate a proportion aggregate state';
COMMENT ON FUNCTION @extschema@.proportion_sum_final(internal) IS 'sum(proportion) result: the pooled proportion, NULL without input';
COMMENT ON FUNCTION @extschema@.proportion_of_final(internal) IS 'proportion_of(boolean) result: count(true)/count(non-null), 0/0 without input';

CREATE AGGREGATE @extschema@.sum(@extschema@.proportion) (
	SFUNC = @extschema@.proportion_sum_trans,
	STYPE = internal,
	SSPACE = 16,
	FINALFUNC = @extschema@.proportion_sum_final,
	COMBINEFUNC = @extschema@.proportion_agg_combine,
	SERIALFUNC = @extschema@.proportion_agg_serialize,
	DESERIALFUNC = @extschema@.proportion_agg_deserialize,
	PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.proportion_of(boolean) (
	SFUNC = @extschema@.proportion_of_trans,
	STYPE = internal,
	SSPACE = 16,
	FINALFUNC = @extschema@.proportion_of_final,
	COMBINEFUNC = @extschema@.proportion_agg_combine,
	SERIALFUNC = @extschema@.proportion_agg_serialize,
	DESERIALFUNC = @extschema@.proportion_agg_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.sum(@extschema@.proportion) IS
	'pool proportions: sum of parts over sum of wholes (never an average of percentages); NULL for no rows';
COMMENT ON AGGREGATE @extschema@.proportion_of(boolean) IS
	'count(true) / count(non-null) as a proportion; 0/0 (no data) for no rows';
