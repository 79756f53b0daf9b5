/* src/sql/10_ofsted_grade.sql: the ofsted_grade type */

CREATE TYPE @extschema@.ofsted_grade;

CREATE FUNCTION @extschema@.ofsted_grade_in(cstring) RETURNS @extschema@.ofsted_grade
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ofsted_grade_out(@extschema@.ofsted_grade) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ofsted_grade_recv(internal) RETURNS @extschema@.ofsted_grade
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ofsted_grade_send(@extschema@.ofsted_grade) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.ofsted_grade (
	INPUT = @extschema@.ofsted_grade_in,
	OUTPUT = @extschema@.ofsted_grade_out,
	RECEIVE = @extschema@.ofsted_grade_recv,
	SEND = @extschema@.ofsted_grade_send,
	INTERNALLENGTH = 1,
	PASSEDBYVALUE,
	ALIGNMENT = char,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.ofsted_grade IS
	'Ofsted grade: Outstanding (1), Good (2), Requires improvement (3), Inadequate (4); input also takes RI, Satisfactory and 1-4 in any case; orders best first';
COMMENT ON FUNCTION @extschema@.ofsted_grade_in(cstring) IS 'ofsted_grade text input';
COMMENT ON FUNCTION @extschema@.ofsted_grade_out(@extschema@.ofsted_grade) IS 'ofsted_grade text output (canonical word)';
COMMENT ON FUNCTION @extschema@.ofsted_grade_recv(internal) IS 'ofsted_grade binary input (version byte, grade byte)';
COMMENT ON FUNCTION @extschema@.ofsted_grade_send(@extschema@.ofsted_grade) IS 'ofsted_grade binary output (version byte, grade byte)';

CREATE FUNCTION @extschema@.ofsted_grade_to_int4(@extschema@.ofsted_grade) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int4_to_ofsted_grade(integer) RETURNS @extschema@.ofsted_grade
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ofsted_grade_to_int4(@extschema@.ofsted_grade) IS 'grade number, 1 (Outstanding) to 4 (Inadequate)';
COMMENT ON FUNCTION @extschema@.int4_to_ofsted_grade(integer) IS 'ofsted_grade from its number 1-4; other numbers are an error';
CREATE CAST (@extschema@.ofsted_grade AS integer)
	WITH FUNCTION @extschema@.ofsted_grade_to_int4(@extschema@.ofsted_grade) AS ASSIGNMENT;
CREATE CAST (integer AS @extschema@.ofsted_grade)
	WITH FUNCTION @extschema@.int4_to_ofsted_grade(integer);
COMMENT ON CAST (@extschema@.ofsted_grade AS integer) IS 'the grade number, 1 best';
COMMENT ON CAST (integer AS @extschema@.ofsted_grade) IS 'grade from its number 1-4';

CREATE FUNCTION @extschema@.ofsted_grade_eq(@extschema@.ofsted_grade, @extschema@.ofsted_grade) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ofsted_grade_ne(@extschema@.ofsted_grade, @extschema@.ofsted_grade) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ofsted_grade_lt(@extschema@.ofsted_grade, @extschema@.ofsted_grade) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ofsted_grade_le(@extschema@.ofsted_grade, @extschema@.ofsted_grade) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ofsted_grade_gt(@extschema@.ofsted_grade, @extschema@.ofsted_grade) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ofsted_grade_ge(@extschema@.ofsted_grade, @extschema@.ofsted_grade) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ofsted_grade_cmp(@extschema@.ofsted_grade, @extschema@.ofsted_grade) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ofsted_grade_hash(@extschema@.ofsted_grade) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ofsted_grade_hash_extended(@extschema@.ofsted_grade, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.ofsted_grade_eq(@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'implementation of = for ofsted_grade';
COMMENT ON FUNCTION @extschema@.ofsted_grade_ne(@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'implementation of <> for ofsted_grade';
COMMENT ON FUNCTION @extschema@.ofsted_grade_lt(@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'implementation of < for ofsted_grade (better than)';
COMMENT ON FUNCTION @extschema@.ofsted_grade_le(@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'implementation of <= for ofsted_grade';
COMMENT ON FUNCTION @extschema@.ofsted_grade_gt(@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'implementation of > for ofsted_grade (worse than)';
COMMENT ON FUNCTION @extschema@.ofsted_grade_ge(@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'implementation of >= for ofsted_grade';
COMMENT ON FUNCTION @extschema@.ofsted_grade_cmp(@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'btree comparison for ofsted_grade';
COMMENT ON FUNCTION @extschema@.ofsted_grade_hash(@extschema@.ofsted_grade) IS 'hash for ofsted_grade';
COMMENT ON FUNCTION @extschema@.ofsted_grade_hash_extended(@extschema@.ofsted_grade, bigint) IS 'seeded 64-bit hash for ofsted_grade';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.ofsted_grade, RIGHTARG = @extschema@.ofsted_grade,
	FUNCTION = @extschema@.ofsted_grade_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.ofsted_grade, RIGHTARG = @extschema@.ofsted_grade,
	FUNCTION = @extschema@.ofsted_grade_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.< (
	LEFTARG = @extschema@.ofsted_grade, RIGHTARG = @extschema@.ofsted_grade,
	FUNCTION = @extschema@.ofsted_grade_lt,
	COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
	LEFTARG = @extschema@.ofsted_grade, RIGHTARG = @extschema@.ofsted_grade,
	FUNCTION = @extschema@.ofsted_grade_le,
	COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
	LEFTARG = @extschema@.ofsted_grade, RIGHTARG = @extschema@.ofsted_grade,
	FUNCTION = @extschema@.ofsted_grade_gt,
	COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
	LEFTARG = @extschema@.ofsted_grade, RIGHTARG = @extschema@.ofsted_grade,
	FUNCTION = @extschema@.ofsted_grade_ge,
	COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'same grade';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'different grade';
COMMENT ON OPERATOR @extschema@.< (@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'better grade than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'same or better grade than';
COMMENT ON OPERATOR @extschema@.> (@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'worse grade than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.ofsted_grade, @extschema@.ofsted_grade) IS 'same or worse grade than';

CREATE OPERATOR CLASS @extschema@.ofsted_grade_ops
	DEFAULT FOR TYPE @extschema@.ofsted_grade USING btree AS
		OPERATOR 1 @extschema@.<,
		OPERATOR 2 @extschema@.<=,
		OPERATOR 3 @extschema@.=,
		OPERATOR 4 @extschema@.>=,
		OPERATOR 5 @extschema@.>,
		FUNCTION 1 @extschema@.ofsted_grade_cmp(@extschema@.ofsted_grade, @extschema@.ofsted_grade);
CREATE OPERATOR CLASS @extschema@.ofsted_grade_hash_ops
	DEFAULT FOR TYPE @extschema@.ofsted_grade USING hash AS
		OPERATOR 1 @extschema@.=,
		FUNCTION 1 @extschema@.ofsted_grade_hash(@extschema@.ofsted_grade),
		FUNCTION 2 @extschema@.ofsted_grade_hash_extended(@extschema@.ofsted_grade, bigint);
COMMENT ON OPERATOR CLASS @extschema@.ofsted_grade_ops USING btree IS 'orders ofsted_grade best first';
COMMENT ON OPERATOR CLASS @extschema@.ofsted_grade_hash_ops USING hash IS 'hashes ofsted_grade';
