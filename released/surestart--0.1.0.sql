/* surestart install script: assembled by the Makefile from src/sql/NN_*.sql */

\echo Use "CREATE EXTENSION surestart" to load this file. \quit

COMMENT ON SCHEMA surestart IS 'Sure Start childrens centre performance reporting (the surestart extension)';
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
/* src/sql/20_target_groups.sql: the target_groups type */

CREATE TYPE @extschema@.target_groups;

CREATE FUNCTION @extschema@.target_groups_in(cstring) RETURNS @extschema@.target_groups
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_groups_out(@extschema@.target_groups) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_groups_recv(internal) RETURNS @extschema@.target_groups
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_groups_send(@extschema@.target_groups) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.target_groups (
	INPUT = @extschema@.target_groups_in,
	OUTPUT = @extschema@.target_groups_out,
	RECEIVE = @extschema@.target_groups_recv,
	SEND = @extschema@.target_groups_send,
	INTERNALLENGTH = 8,
	PASSEDBYVALUE,
	ALIGNMENT = double,
	STORAGE = plain
);
COMMENT ON TYPE @extschema@.target_groups IS
	'Set of target groups (the 19 national groups and local_1 ... local_16), written ''{lone_parent,teenage_parent}''; names in any case, white space ignored, duplicates collapse, output in canonical order';
COMMENT ON FUNCTION @extschema@.target_groups_in(cstring) IS 'target_groups text input';
COMMENT ON FUNCTION @extschema@.target_groups_out(@extschema@.target_groups) IS 'target_groups text output (members in canonical order)';
COMMENT ON FUNCTION @extschema@.target_groups_recv(internal) IS 'target_groups binary input (version byte, int64 bit set)';
COMMENT ON FUNCTION @extschema@.target_groups_send(@extschema@.target_groups) IS 'target_groups binary output (version byte, int64 bit set)';

/* Building and reading sets */

CREATE FUNCTION @extschema@.target_groups(text[]) RETURNS @extschema@.target_groups
	AS 'MODULE_PATHNAME', 'target_groups_from_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.to_array(@extschema@.target_groups) RETURNS text[]
	AS 'MODULE_PATHNAME', 'target_groups_to_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cardinality(@extschema@.target_groups) RETURNS integer
	AS 'MODULE_PATHNAME', 'target_groups_cardinality' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.target_groups(text[]) IS
	'set of the named target groups; names as in text input, duplicates collapse, a NULL element or unknown name is an error';
COMMENT ON FUNCTION @extschema@.to_array(@extschema@.target_groups) IS
	'the groups of a set as text[] in canonical order';
COMMENT ON FUNCTION @extschema@.cardinality(@extschema@.target_groups) IS
	'number of groups in a set';

/* Set operators */

CREATE FUNCTION @extschema@.target_groups_contains(@extschema@.target_groups, @extschema@.target_groups) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_contained(@extschema@.target_groups, @extschema@.target_groups) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_overlaps(@extschema@.target_groups, @extschema@.target_groups) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_union(@extschema@.target_groups, @extschema@.target_groups) RETURNS @extschema@.target_groups
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_intersect(@extschema@.target_groups, @extschema@.target_groups) RETURNS @extschema@.target_groups
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_minus(@extschema@.target_groups, @extschema@.target_groups) RETURNS @extschema@.target_groups
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.target_groups_contains(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of @> for target_groups';
COMMENT ON FUNCTION @extschema@.target_groups_contained(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of <@ for target_groups';
COMMENT ON FUNCTION @extschema@.target_groups_overlaps(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of && for target_groups';
COMMENT ON FUNCTION @extschema@.target_groups_union(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of | for target_groups';
COMMENT ON FUNCTION @extschema@.target_groups_intersect(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of & for target_groups';
COMMENT ON FUNCTION @extschema@.target_groups_minus(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of - for target_groups';

CREATE OPERATOR @extschema@.@> (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_contains,
	COMMUTATOR = OPERATOR(@extschema@.<@),
	RESTRICT = matchingsel, JOIN = matchingjoinsel
);
CREATE OPERATOR @extschema@.<@ (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_contained,
	COMMUTATOR = OPERATOR(@extschema@.@>),
	RESTRICT = matchingsel, JOIN = matchingjoinsel
);
CREATE OPERATOR @extschema@.&& (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_overlaps,
	COMMUTATOR = OPERATOR(@extschema@.&&),
	RESTRICT = matchingsel, JOIN = matchingjoinsel
);
CREATE OPERATOR @extschema@.| (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_union,
	COMMUTATOR = OPERATOR(@extschema@.|)
);
CREATE OPERATOR @extschema@.& (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_intersect,
	COMMUTATOR = OPERATOR(@extschema@.&)
);
CREATE OPERATOR @extschema@.- (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_minus
);
COMMENT ON OPERATOR @extschema@.@> (@extschema@.target_groups, @extschema@.target_groups) IS 'contains: every group of the right set is in the left set';
COMMENT ON OPERATOR @extschema@.<@ (@extschema@.target_groups, @extschema@.target_groups) IS 'is contained by: every group of the left set is in the right set';
COMMENT ON OPERATOR @extschema@.&& (@extschema@.target_groups, @extschema@.target_groups) IS 'overlaps: the sets share a group';
COMMENT ON OPERATOR @extschema@.| (@extschema@.target_groups, @extschema@.target_groups) IS 'union of two sets of target groups';
COMMENT ON OPERATOR @extschema@.& (@extschema@.target_groups, @extschema@.target_groups) IS 'intersection of two sets of target groups';
COMMENT ON OPERATOR @extschema@.- (@extschema@.target_groups, @extschema@.target_groups) IS 'difference: groups of the left set not in the right set';

/* Equality, sort order, indexes */

CREATE FUNCTION @extschema@.target_groups_eq(@extschema@.target_groups, @extschema@.target_groups) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_ne(@extschema@.target_groups, @extschema@.target_groups) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_lt(@extschema@.target_groups, @extschema@.target_groups) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_le(@extschema@.target_groups, @extschema@.target_groups) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_gt(@extschema@.target_groups, @extschema@.target_groups) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_ge(@extschema@.target_groups, @extschema@.target_groups) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_cmp(@extschema@.target_groups, @extschema@.target_groups) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_hash(@extschema@.target_groups) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.target_groups_hash_extended(@extschema@.target_groups, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.target_groups_eq(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of = for target_groups';
COMMENT ON FUNCTION @extschema@.target_groups_ne(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of <> for target_groups';
COMMENT ON FUNCTION @extschema@.target_groups_lt(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of #<# for target_groups (sort order)';
COMMENT ON FUNCTION @extschema@.target_groups_le(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of #<=# for target_groups (sort order)';
COMMENT ON FUNCTION @extschema@.target_groups_gt(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of #># for target_groups (sort order)';
COMMENT ON FUNCTION @extschema@.target_groups_ge(@extschema@.target_groups, @extschema@.target_groups) IS 'implementation of #>=# for target_groups (sort order)';
COMMENT ON FUNCTION @extschema@.target_groups_cmp(@extschema@.target_groups, @extschema@.target_groups) IS 'btree comparison for target_groups: members compared as lists in canonical order';
COMMENT ON FUNCTION @extschema@.target_groups_hash(@extschema@.target_groups) IS 'hash for target_groups';
COMMENT ON FUNCTION @extschema@.target_groups_hash_extended(@extschema@.target_groups, bigint) IS 'seeded 64-bit hash for target_groups';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.#<# (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_lt,
	COMMUTATOR = OPERATOR(@extschema@.#>#), NEGATOR = OPERATOR(@extschema@.#>=#),
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.#<=# (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_le,
	COMMUTATOR = OPERATOR(@extschema@.#>=#), NEGATOR = OPERATOR(@extschema@.#>#),
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.#># (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_gt,
	COMMUTATOR = OPERATOR(@extschema@.#<#), NEGATOR = OPERATOR(@extschema@.#<=#),
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR @extschema@.#>=# (
	LEFTARG = @extschema@.target_groups, RIGHTARG = @extschema@.target_groups,
	FUNCTION = @extschema@.target_groups_ge,
	COMMUTATOR = OPERATOR(@extschema@.#<=#), NEGATOR = OPERATOR(@extschema@.#<#),
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.target_groups, @extschema@.target_groups) IS 'same set of groups';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.target_groups, @extschema@.target_groups) IS 'different sets of groups';
COMMENT ON OPERATOR @extschema@.#<# (@extschema@.target_groups, @extschema@.target_groups) IS 'sorts before (members compared in canonical order; not a subset test, see <@)';
COMMENT ON OPERATOR @extschema@.#<=# (@extschema@.target_groups, @extschema@.target_groups) IS 'sorts before or equal (not a subset test, see <@)';
COMMENT ON OPERATOR @extschema@.#># (@extschema@.target_groups, @extschema@.target_groups) IS 'sorts after (members compared in canonical order; not a superset test, see @>)';
COMMENT ON OPERATOR @extschema@.#>=# (@extschema@.target_groups, @extschema@.target_groups) IS 'sorts after or equal (not a superset test, see @>)';

CREATE OPERATOR CLASS @extschema@.target_groups_ops
	DEFAULT FOR TYPE @extschema@.target_groups USING btree AS
		OPERATOR 1 @extschema@.#<#,
		OPERATOR 2 @extschema@.#<=#,
		OPERATOR 3 @extschema@.=,
		OPERATOR 4 @extschema@.#>=#,
		OPERATOR 5 @extschema@.#>#,
		FUNCTION 1 @extschema@.target_groups_cmp(@extschema@.target_groups, @extschema@.target_groups);
CREATE OPERATOR CLASS @extschema@.target_groups_hash_ops
	DEFAULT FOR TYPE @extschema@.target_groups USING hash AS
		OPERATOR 1 @extschema@.=,
		FUNCTION 1 @extschema@.target_groups_hash(@extschema@.target_groups),
		FUNCTION 2 @extschema@.target_groups_hash_extended(@extschema@.target_groups, bigint);
COMMENT ON OPERATOR CLASS @extschema@.target_groups_ops USING btree IS 'sorts target_groups by their members in canonical order, ''{}'' first';
COMMENT ON OPERATOR CLASS @extschema@.target_groups_hash_ops USING hash IS 'hashes target_groups';
/* src/sql/25_rules.sql: calendar, Ofsted and quartile rules */

/* Calendar */

CREATE FUNCTION @extschema@.age_on(dob date, on_day date) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.age_on(date, date) IS
	'age in completed years on a day; a child born on 29 February is a year older from 1 March in non-leap years; a day before the birth is an error';

CREATE FUNCTION @extschema@.funded_from(dob date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.funded_from(date) IS
	'first day of the term from which a child gets the universal 3-year-old entitlement: born January-March, 1 April; April-August, 1 September; September-December, 1 January, after the third birthday';

CREATE FUNCTION @extschema@.financial_year(date) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.financial_year(date) IS
	'local-government financial year (from 1 April) holding a date, such as ''2013-14''';

CREATE FUNCTION @extschema@.financial_quarter(date) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.financial_quarter(date) IS
	'financial quarter holding a date, such as ''2013-14 Q3'' (Q1 April-June ... Q4 January-March)';

CREATE FUNCTION @extschema@.financial_period_bounds(period text, OUT period_start date, OUT period_end date)
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.financial_period_bounds(text) IS
	'first and last day of a financial year ''2013-14'' or quarter ''2013-14 Q3'' (exactly those forms)';

/* Ofsted */

CREATE FUNCTION @extschema@.next_inspection_due(inspected date, overall @extschema@.ofsted_grade) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.next_inspection_due(date, @extschema@.ofsted_grade) IS
	'date a centre is next due for inspection: reinspect_ri_years (setting) after a Requires improvement or Inadequate overall grade, reinspect_years after any other or no grade; NULL when the inspection date is NULL';

CREATE FUNCTION @extschema@.support_level(overall_grades @extschema@.ofsted_grade[], quality_rag text, leadership_rag text) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.support_level(@extschema@.ofsted_grade[], text, text) IS
	'support and intervention level 1 (Normal) to 4 (Intensive): the highest that the overall grades (newest first; NULL or empty = not yet inspected) or the quality and leadership RAGs (green, amber, red; NULL = not rated) trigger';

CREATE FUNCTION @extschema@.support_level_name(integer) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.support_level_name(integer) IS
	'name of a support level: Normal, Raised, Supported, Intensive';

/* Rankings */

CREATE FUNCTION @extschema@.quartile_of(rank bigint, n bigint) RETURNS integer
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quartile_of(bigint, bigint) IS
	'quartile of a rank among n, ceil(4 * rank / n), 1 = top; for 53 units the quartiles hold 13, 13, 13, 14';

CREATE FUNCTION @extschema@.quartile_name(integer) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quartile_name(integer) IS
	'report wording of a quartile: Top, Upper middle, Lower middle, Bottom quartile';
/* src/sql/30_reference.sql: settings and reference tables the script seeds */

/*
 * Seeded rows.  Each reference table has a `seeded` column: true for a row as
 * the extension shipped it.  pg_dump saves only the rows that are not seeded
 * (CREATE EXTENSION recreates the others), so a council's own rows and its
 * changes to shipped rows survive a dump and restore without duplicates:
 *   - changing a seeded row marks it not seeded, so it is dumped;
 *   - inserting a row whose key holds an untouched shipped default replaces
 *     the default (this is what happens when a dump is restored);
 *   - a shipped row cannot be deleted or re-keyed, since the restore would
 *     bring it back; the error says what to do instead.
 */
CREATE FUNCTION @extschema@.guard_seeded_row() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	key_column text := TG_ARGV[0];
BEGIN
	IF TG_OP = 'INSERT' THEN
		NEW.seeded := false;
		EXECUTE format('DELETE FROM %I.%I AS t WHERE t.seeded AND pg_catalog.to_jsonb(t) OPERATOR(pg_catalog.->) %L OPERATOR(pg_catalog.=) $1',
					   TG_TABLE_SCHEMA, TG_TABLE_NAME, key_column)
			USING pg_catalog.to_jsonb(NEW) OPERATOR(pg_catalog.->) key_column;
		RETURN NEW;
	END IF;

	IF NOT OLD.seeded THEN
		IF TG_OP = 'DELETE' THEN
			RETURN OLD;
		END IF;
		RETURN NEW;
	END IF;

	IF TG_OP = 'DELETE' THEN
		-- Deleted by the INSERT branch above: a default being replaced.
		IF pg_catalog.pg_trigger_depth() > 1 THEN
			RETURN OLD;
		END IF;
		RAISE EXCEPTION 'cannot delete the shipped % row "%"', TG_TABLE_NAME,
			pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.->>) key_column
			USING ERRCODE = 'restrict_violation',
				  HINT = 'Shipped rows can be changed but not deleted; update its values instead.';
	END IF;

	IF (pg_catalog.to_jsonb(NEW) OPERATOR(pg_catalog.->) key_column)
		IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.->) key_column) THEN
		RAISE EXCEPTION 'cannot change the key of the shipped % row "%"', TG_TABLE_NAME,
			pg_catalog.to_jsonb(OLD) OPERATOR(pg_catalog.->>) key_column
			USING ERRCODE = 'restrict_violation',
				  HINT = 'Insert a row with the new key and update this one instead.';
	END IF;
	NEW.seeded := false;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.guard_seeded_row() IS
	'trigger: keeps shipped reference rows restorable (changes unmark them, inserts replace untouched defaults, deletes refused)';

/* ---------------------------------------------------------------- setting */

CREATE TABLE @extschema@.setting (
	name text PRIMARY KEY,
	value text NOT NULL,
	seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.setting IS 'Council-wide settings used by the counting rules and reports; values are checked when written';
COMMENT ON COLUMN @extschema@.setting.name IS 'setting name (see the README for the list)';
COMMENT ON COLUMN @extschema@.setting.value IS 'setting value as text, checked against what the setting expects';
COMMENT ON COLUMN @extschema@.setting.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.setting (name, value, seeded) VALUES
	('sustained_contacts', '3', true),
	('deprived_index', 'idaci', true),
	('deprived_percent', '30', true),
	('suppress_below', '5', true),
	('reinspect_ri_years', '2', true),
	('reinspect_years', '5', true),
	('ofsted_good_benchmark', '69', true);

/*
 * Check a setting's value when it is written, so that a typo fails at once
 * with the expected form rather than later inside a report.
 */
CREATE FUNCTION @extschema@.check_setting() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v text := pg_catalog.btrim(NEW.value);
	expected text;
BEGIN
	CASE NEW.name
		WHEN 'sustained_contacts', 'suppress_below' THEN
			IF v !~ '^[0-9]{1,9}$' OR v::integer < 1 THEN
				expected := 'a whole number of at least 1';
			END IF;
		WHEN 'reinspect_ri_years', 'reinspect_years' THEN
			IF v !~ '^[0-9]{1,2}$' OR v::integer NOT BETWEEN 1 AND 20 THEN
				expected := 'a whole number of years from 1 to 20';
			END IF;
		WHEN 'deprived_percent', 'ofsted_good_benchmark' THEN
			IF v !~ '^[0-9]{1,3}(\.[0-9]+)?$' OR v::numeric <= 0 OR v::numeric > 100 THEN
				expected := 'a percentage above 0 and at most 100';
			END IF;
		WHEN 'deprived_index' THEN
			v := pg_catalog.lower(v);
			IF v NOT IN ('idaci', 'imd') THEN
				expected := 'idaci or imd';
			END IF;
		ELSE
			RAISE EXCEPTION 'unknown setting "%"', NEW.name
				USING ERRCODE = 'invalid_parameter_value',
					  HINT = 'Known settings: sustained_contacts, deprived_index, deprived_percent, suppress_below, reinspect_ri_years, reinspect_years, ofsted_good_benchmark.';
	END CASE;
	IF expected IS NOT NULL THEN
		RAISE EXCEPTION 'invalid value "%" for setting %', NEW.value, NEW.name
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = pg_catalog.format('Expected %s.', expected);
	END IF;
	NEW.value := v;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_setting() IS 'trigger: rejects unknown settings and values of the wrong form';

CREATE TRIGGER check_setting BEFORE INSERT OR UPDATE ON @extschema@.setting
	FOR EACH ROW EXECUTE FUNCTION @extschema@.check_setting();

/* ---------------------------------------------------------------- ofsted_word */

CREATE TABLE @extschema@.ofsted_word (
	from_percent numeric PRIMARY KEY
		CONSTRAINT from_percent_must_be_0_to_100 CHECK (from_percent BETWEEN 0 AND 100),
	words text NOT NULL
		CONSTRAINT words_must_not_be_empty CHECK (pg_catalog.btrim(words) <> ''),
	seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.ofsted_word IS 'Ofsted''s words for proportions: a percentage (to one decimal place) takes the words of the highest band starting at or below it';
COMMENT ON COLUMN @extschema@.ofsted_word.from_percent IS 'lowest percentage of the band, 0-100';
COMMENT ON COLUMN @extschema@.ofsted_word.words IS 'words used in reports for the band, e.g. Large majority';
COMMENT ON COLUMN @extschema@.ofsted_word.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.ofsted_word (from_percent, words, seeded) VALUES
	(100, 'All', true),
	(97.0, 'Almost all', true),
	(80.0, 'Very large majority', true),
	(65.0, 'Large majority', true),
	(50.0, 'Majority', true),
	(20.0, 'Minority', true),
	(0.1, 'Few', true),
	(0, 'None', true);

/* ---------------------------------------------------------------- target_group */

CREATE TABLE @extschema@.target_group (
	code text PRIMARY KEY
		CONSTRAINT code_must_be_a_national_group_or_local_1_to_16 CHECK (code IN (
			'teenage_parent', 'young_parent', 'pregnant_teenager', 'lone_parent',
			'father', 'only_male_carer', 'disabled_parent', 'disabled_child',
			'disabled_child_any_age', 'workless_household', 'workless_by_status',
			'additional_language', 'minority_ethnic', 'smoking_parent',
			'priority_family', 'child_in_need', 'child_protection', 'looked_after',
			'two_year_funding',
			'local_1', 'local_2', 'local_3', 'local_4', 'local_5', 'local_6',
			'local_7', 'local_8', 'local_9', 'local_10', 'local_11', 'local_12',
			'local_13', 'local_14', 'local_15', 'local_16')),
	label text NOT NULL
		CONSTRAINT label_must_not_be_empty CHECK (pg_catalog.btrim(label) <> ''),
	national boolean NOT NULL,
	display_order smallint NOT NULL UNIQUE,
	seeded boolean NOT NULL DEFAULT false,
	CONSTRAINT national_means_not_local CHECK (national = (code NOT LIKE 'local\_%'))
);
COMMENT ON TABLE @extschema@.target_group IS 'Target groups: the national groups every centre must reach and sixteen local ones, with the labels reports print';
COMMENT ON COLUMN @extschema@.target_group.code IS 'group code as used by the target_groups type';
COMMENT ON COLUMN @extschema@.target_group.label IS 'label printed in reports; councils relabel local groups here';
COMMENT ON COLUMN @extschema@.target_group.national IS 'true for the national groups, false for local_1 ... local_16';
COMMENT ON COLUMN @extschema@.target_group.display_order IS 'order in reports: the national groups as listed in guidance, then local_1 ... local_16';
COMMENT ON COLUMN @extschema@.target_group.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.target_group (code, label, national, display_order, seeded) VALUES
	('teenage_parent', 'Teenage parents (a parent or carer under 20)', true, 1, true),
	('young_parent', 'Young parents (a parent or carer under 25)', true, 2, true),
	('pregnant_teenager', 'Pregnant teenagers', true, 3, true),
	('lone_parent', 'Lone-parent families', true, 4, true),
	('father', 'Fathers and male carers', true, 5, true),
	('only_male_carer', 'Families whose only carer is male', true, 6, true),
	('disabled_parent', 'Families with a disabled parent or carer', true, 7, true),
	('disabled_child', 'Families with a disabled child aged 0-5', true, 8, true),
	('disabled_child_any_age', 'Families with a disabled child of any age', true, 9, true),
	('workless_household', 'Workless households', true, 10, true),
	('workless_by_status', 'Families whose carers are all not in employment', true, 11, true),
	('additional_language', 'Families with English as an additional language', true, 12, true),
	('minority_ethnic', 'Minority ethnic families', true, 13, true),
	('smoking_parent', 'Families with a smoking parent or carer', true, 14, true),
	('priority_family', 'Priority (troubled) families', true, 15, true),
	('child_in_need', 'Children in need', true, 16, true),
	('child_protection', 'Children subject to a child protection plan', true, 17, true),
	('looked_after', 'Looked-after children', true, 18, true),
	('two_year_funding', 'Children eligible for a funded 2-year-old place', true, 19, true);
INSERT INTO @extschema@.target_group (code, label, national, display_order, seeded)
	SELECT 'local_' || n, 'Local group ' || n, false, 19 + n, true
	FROM pg_catalog.generate_series(1, 16) AS n;

/* ---------------------------------------------------------------- contact_rule */

CREATE TABLE @extschema@.contact_rule (
	mode text PRIMARY KEY
		CONSTRAINT mode_must_not_be_empty CHECK (pg_catalog.btrim(mode) <> ''),
	counts text NOT NULL
		CONSTRAINT counts_must_be_always_never_or_once_per_term
		CHECK (counts IN ('always', 'never', 'once_per_term')),
	seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.contact_rule IS 'Which contact modes are meaningful contacts; modes not listed count as always';
COMMENT ON COLUMN @extschema@.contact_rule.mode IS 'contact mode as recorded in contact.mode';
COMMENT ON COLUMN @extschema@.contact_rule.counts IS 'always, never, or once_per_term (at most once per child per term; terms start 1 September, 1 January, 1 April)';
COMMENT ON COLUMN @extschema@.contact_rule.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.contact_rule (mode, counts, seeded) VALUES
	('face_to_face', 'always', true),
	('phone', 'always', true),
	('letter', 'never', true),
	('leaflet', 'never', true),
	('text_message', 'never', true),
	('email', 'never', true),
	('nursery_session', 'once_per_term', true);

/* Guards go on after the seed rows, which are the only seeded inserts. */
CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.setting
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('name');
CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.ofsted_word
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('from_percent');
CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.target_group
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('code');
CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.contact_rule
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('mode');

SELECT pg_catalog.pg_extension_config_dump('@extschema@.setting', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ofsted_word', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.target_group', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.contact_rule', 'WHERE NOT seeded');
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
/* src/sql/40_data_model.sql: the canonical data model (SPEC "Data model") */

/*
 * Constraint names say what is expected, because they are what a person sees
 * when a row is rejected ("violates check constraint
 * lsoa_code_must_be_E01_or_W01_and_6_digits", with the failing row).
 * End dates (valid_to, ended_on, ends_on, closed_on) are the last day
 * included; null means still open.  Columns that only describe (names,
 * flags, modes) may be null, so that a source system's gaps are kept and
 * counted as unknown rather than rejected; flags default to false.
 */

/* ---------------------------------------------------------------- organisations */

CREATE TABLE @extschema@.lead_partner (
	lead_partner_id text PRIMARY KEY
		CONSTRAINT lead_partner_id_must_not_be_empty CHECK (btrim(lead_partner_id) <> ''),
	name text NOT NULL
		CONSTRAINT name_must_not_be_empty CHECK (btrim(name) <> ''),
	sector text
		CONSTRAINT sector_must_be_local_authority_voluntary_health_school_private
		CHECK (sector IN ('local_authority', 'voluntary', 'health', 'school', 'private'))
);
COMMENT ON TABLE @extschema@.lead_partner IS 'Organisations that run childrens centres under contract (or the council itself)';
COMMENT ON COLUMN @extschema@.lead_partner.lead_partner_id IS 'short code for the lead partner, e.g. AfC';
COMMENT ON COLUMN @extschema@.lead_partner.name IS 'name of the organisation';
COMMENT ON COLUMN @extschema@.lead_partner.sector IS 'local_authority, voluntary, health, school or private';

CREATE TABLE @extschema@.contract (
	contract_ref text PRIMARY KEY
		CONSTRAINT contract_ref_must_not_be_empty CHECK (btrim(contract_ref) <> ''),
	lead_partner_id text NOT NULL REFERENCES @extschema@.lead_partner,
	starts_on date NOT NULL,
	ends_on date NOT NULL,
	total_value numeric
		CONSTRAINT total_value_must_not_be_negative CHECK (total_value >= 0),
	CONSTRAINT contract_must_end_on_or_after_its_start CHECK (ends_on >= starts_on)
);
CREATE INDEX ON @extschema@.contract (lead_partner_id);
COMMENT ON TABLE @extschema@.contract IS 'Contracts with lead partners; one contract covers one or more lots';
COMMENT ON COLUMN @extschema@.contract.contract_ref IS 'contract reference, e.g. CF0436';
COMMENT ON COLUMN @extschema@.contract.lead_partner_id IS 'lead partner holding the contract';
COMMENT ON COLUMN @extschema@.contract.starts_on IS 'first day of the contract';
COMMENT ON COLUMN @extschema@.contract.ends_on IS 'last day of the contract';
COMMENT ON COLUMN @extschema@.contract.total_value IS 'total value over the contract period, in pounds';

CREATE TABLE @extschema@.lot (
	lot_id text PRIMARY KEY
		CONSTRAINT lot_id_must_not_be_empty CHECK (btrim(lot_id) <> ''),
	name text
		CONSTRAINT name_must_not_be_empty CHECK (btrim(name) <> ''),
	lead_partner_id text NOT NULL REFERENCES @extschema@.lead_partner,
	contract_ref text REFERENCES @extschema@.contract,
	annual_value numeric
		CONSTRAINT annual_value_must_not_be_negative CHECK (annual_value >= 0)
);
CREATE INDEX ON @extschema@.lot (lead_partner_id);
CREATE INDEX ON @extschema@.lot (contract_ref);
COMMENT ON TABLE @extschema@.lot IS 'Lots: the commissioned units, each of one or more centres';
COMMENT ON COLUMN @extschema@.lot.lot_id IS 'lot number or code, e.g. 30a';
COMMENT ON COLUMN @extschema@.lot.name IS 'name of the lot (the areas it covers)';
COMMENT ON COLUMN @extschema@.lot.lead_partner_id IS 'lead partner running the lot';
COMMENT ON COLUMN @extschema@.lot.contract_ref IS 'contract the lot is let under; null for lots without a contract reference';
COMMENT ON COLUMN @extschema@.lot.annual_value IS 'annual value of the lot, in pounds';

CREATE TABLE @extschema@.centre (
	centre_id text PRIMARY KEY
		CONSTRAINT centre_id_must_not_be_empty CHECK (btrim(centre_id) <> ''),
	name text NOT NULL UNIQUE
		CONSTRAINT name_must_not_be_empty CHECK (btrim(name) <> ''),
	short_name text,
	lot_id text REFERENCES @extschema@.lot,
	group_id text,
	district_code text
		CONSTRAINT district_code_must_not_be_empty CHECK (btrim(district_code) <> ''),
	opened_on date,
	closed_on date,
	CONSTRAINT centre_must_close_on_or_after_opening CHECK (closed_on >= opened_on)
);
CREATE INDEX ON @extschema@.centre (lot_id);
COMMENT ON TABLE @extschema@.centre IS 'Sure Start childrens centres (Family Hubs)';
COMMENT ON COLUMN @extschema@.centre.centre_id IS 'centre identifier';
COMMENT ON COLUMN @extschema@.centre.name IS 'full name of the centre';
COMMENT ON COLUMN @extschema@.centre.short_name IS 'short name used in report tables';
COMMENT ON COLUMN @extschema@.centre.lot_id IS 'lot the centre belongs to';
COMMENT ON COLUMN @extschema@.centre.group_id IS 'inspection group or cluster of centres, if any';
COMMENT ON COLUMN @extschema@.centre.district_code IS 'GSS code of the district (lower-tier local authority) the centre is in';
COMMENT ON COLUMN @extschema@.centre.opened_on IS 'day the centre opened, if known';
COMMENT ON COLUMN @extschema@.centre.closed_on IS 'last day the centre was open; null while open';

/* ---------------------------------------------------------------- geography */

CREATE TABLE @extschema@.lsoa (
	lsoa_code text PRIMARY KEY
		CONSTRAINT "lsoa_code_must_be_E01_or_W01_and_6_digits"
		CHECK (lsoa_code ~ '^[EW]01[0-9]{6}$'),
	name text,
	district_code text
		CONSTRAINT district_code_must_not_be_empty CHECK (btrim(district_code) <> ''),
	district_name text,
	idaci_rank integer
		CONSTRAINT idaci_rank_must_be_positive CHECK (idaci_rank >= 1),
	idaci_decile integer
		CONSTRAINT idaci_decile_must_be_1_to_10 CHECK (idaci_decile BETWEEN 1 AND 10),
	imd_rank integer
		CONSTRAINT imd_rank_must_be_positive CHECK (imd_rank >= 1),
	imd_decile integer
		CONSTRAINT imd_decile_must_be_1_to_10 CHECK (imd_decile BETWEEN 1 AND 10),
	vintage integer NOT NULL DEFAULT 2011
		CONSTRAINT vintage_must_be_2011_or_2021 CHECK (vintage IN (2011, 2021))
);
CREATE INDEX ON @extschema@.lsoa (district_code);
COMMENT ON TABLE @extschema@.lsoa IS 'Lower-layer Super Output Areas with their deprivation ranks (rank 1 and decile 1 = most deprived)';
COMMENT ON COLUMN @extschema@.lsoa.lsoa_code IS 'ONS LSOA code, E01 or W01 and six digits';
COMMENT ON COLUMN @extschema@.lsoa.name IS 'ONS LSOA name, e.g. Norwich 001A';
COMMENT ON COLUMN @extschema@.lsoa.district_code IS 'GSS code of the district the LSOA is in';
COMMENT ON COLUMN @extschema@.lsoa.district_name IS 'name of the district';
COMMENT ON COLUMN @extschema@.lsoa.idaci_rank IS 'Income Deprivation Affecting Children Index rank in England (1 = most deprived)';
COMMENT ON COLUMN @extschema@.lsoa.idaci_decile IS 'IDACI decile in England (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa.imd_rank IS 'Index of Multiple Deprivation rank in England (1 = most deprived)';
COMMENT ON COLUMN @extschema@.lsoa.imd_decile IS 'IMD decile in England (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa.vintage IS 'LSOA boundary vintage the code belongs to: 2011 or 2021';

CREATE TABLE @extschema@.reach_area (
	lsoa_code text NOT NULL REFERENCES @extschema@.lsoa,
	valid_from date NOT NULL,
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	valid_to date,
	PRIMARY KEY (lsoa_code, valid_from),
	CONSTRAINT valid_to_must_be_on_or_after_valid_from CHECK (valid_to >= valid_from)
);
CREATE INDEX ON @extschema@.reach_area (centre_id);
COMMENT ON TABLE @extschema@.reach_area IS 'Which centre''s reach area each LSOA belongs to, over time; periods of one LSOA never overlap (a period starting on the day another ends holds that day)';
COMMENT ON COLUMN @extschema@.reach_area.lsoa_code IS 'LSOA in the reach area';
COMMENT ON COLUMN @extschema@.reach_area.valid_from IS 'first day the LSOA belongs to the centre';
COMMENT ON COLUMN @extschema@.reach_area.centre_id IS 'centre whose reach area holds the LSOA';
COMMENT ON COLUMN @extschema@.reach_area.valid_to IS 'last day the LSOA belongs to the centre; null while current';

/*
 * Refuse a reach-area period that overlaps another period of the same LSOA.
 * valid_to is the last day included, but a period may also start on the day
 * the previous one ends (the half-open convention some systems export); the
 * later period then holds that day.  Only a longer overlap is refused.
 * Locking the LSOA row serialises concurrent writers for that LSOA, so two
 * sessions cannot each add an overlapping period unseen by the other.
 */
CREATE FUNCTION @extschema@.check_reach_area_overlap() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	clash record;
BEGIN
	PERFORM 1 FROM @extschema@.lsoa WHERE lsoa_code = NEW.lsoa_code FOR UPDATE;
	SELECT r.valid_from, r.valid_to, r.centre_id INTO clash
	FROM @extschema@.reach_area AS r
	WHERE r.lsoa_code = NEW.lsoa_code
	  AND r.valid_from <> NEW.valid_from
	  AND r.valid_from < coalesce(NEW.valid_to, 'infinity'::date)
	  AND coalesce(r.valid_to, 'infinity'::date) > NEW.valid_from
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'reach-area period % to % of LSOA % overlaps its period % to % (centre %)',
			to_char(NEW.valid_from, 'YYYY-MM-DD'), coalesce(to_char(NEW.valid_to, 'YYYY-MM-DD'), 'open'),
			NEW.lsoa_code, to_char(clash.valid_from, 'YYYY-MM-DD'),
			coalesce(to_char(clash.valid_to, 'YYYY-MM-DD'), 'open'), clash.centre_id
			USING ERRCODE = 'exclusion_violation',
				  HINT = 'End the earlier period (valid_to) the day before the new one starts.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_reach_area_overlap() IS 'trigger: periods of one LSOA in reach_area must not overlap';
CREATE TRIGGER check_reach_area_overlap AFTER INSERT OR UPDATE ON @extschema@.reach_area
	FOR EACH ROW EXECUTE FUNCTION @extschema@.check_reach_area_overlap();

CREATE TABLE @extschema@.population (
	lsoa_code text NOT NULL REFERENCES @extschema@.lsoa,
	mid_year integer NOT NULL
		CONSTRAINT mid_year_must_be_1981_to_2100 CHECK (mid_year BETWEEN 1981 AND 2100),
	age integer NOT NULL
		CONSTRAINT age_must_be_0_to_4 CHECK (age BETWEEN 0 AND 4),
	persons integer NOT NULL
		CONSTRAINT persons_must_not_be_negative CHECK (persons >= 0),
	PRIMARY KEY (lsoa_code, mid_year, age)
);
COMMENT ON TABLE @extschema@.population IS 'ONS mid-year population estimates of under-fives by LSOA and single year of age';
COMMENT ON COLUMN @extschema@.population.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.population.mid_year IS 'year of the mid-year (30 June) estimate';
COMMENT ON COLUMN @extschema@.population.age IS 'age in completed years, 0-4';
COMMENT ON COLUMN @extschema@.population.persons IS 'estimated number of persons';

/* ---------------------------------------------------------------- people */

CREATE TABLE @extschema@.family (
	family_id bigint PRIMARY KEY,
	lsoa_code text REFERENCES @extschema@.lsoa,
	lone_parent boolean DEFAULT false,
	workless_household boolean DEFAULT false,
	workless_by_status boolean DEFAULT false,
	additional_language boolean DEFAULT false,
	minority_ethnic boolean DEFAULT false,
	priority_family boolean DEFAULT false,
	smoking_parent boolean DEFAULT false,
	local_groups integer[] DEFAULT '{}'
		CONSTRAINT local_groups_must_be_numbers_1_to_16
		CHECK (local_groups <@ '{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16}'::integer[])
);
CREATE INDEX ON @extschema@.family (lsoa_code);
COMMENT ON TABLE @extschema@.family IS 'Families known to the centres (person-level data)';
COMMENT ON COLUMN @extschema@.family.family_id IS 'family identifier from the source system';
COMMENT ON COLUMN @extschema@.family.lsoa_code IS 'LSOA where the family lives; null if unknown or outside the area';
COMMENT ON COLUMN @extschema@.family.lone_parent IS 'lone-parent family';
COMMENT ON COLUMN @extschema@.family.workless_household IS 'a carer answered No to "is anyone over 16 in your household in employment?"';
COMMENT ON COLUMN @extschema@.family.workless_by_status IS 'every carer has an employment status that is explicitly not employment';
COMMENT ON COLUMN @extschema@.family.additional_language IS 'English is an additional language';
COMMENT ON COLUMN @extschema@.family.minority_ethnic IS 'family in a minority ethnic group';
COMMENT ON COLUMN @extschema@.family.priority_family IS 'priority or excluded family (e.g. troubled families)';
COMMENT ON COLUMN @extschema@.family.smoking_parent IS 'a parent or carer smokes';
COMMENT ON COLUMN @extschema@.family.local_groups IS 'local target groups the family belongs to, numbers 1-16';

CREATE TABLE @extschema@.carer (
	carer_id bigint PRIMARY KEY,
	family_id bigint NOT NULL REFERENCES @extschema@.family,
	dob date,
	sex text
		CONSTRAINT "sex_must_be_F_or_M" CHECK (sex IN ('F', 'M')),
	disabled boolean DEFAULT false,
	pregnant boolean DEFAULT false
);
CREATE INDEX ON @extschema@.carer (family_id);
COMMENT ON TABLE @extschema@.carer IS 'Parents and carers registered with a family (person-level data)';
COMMENT ON COLUMN @extschema@.carer.carer_id IS 'carer identifier from the source system';
COMMENT ON COLUMN @extschema@.carer.family_id IS 'family the carer belongs to';
COMMENT ON COLUMN @extschema@.carer.dob IS 'date of birth; null if not recorded';
COMMENT ON COLUMN @extschema@.carer.sex IS 'F, M, or null if not recorded';
COMMENT ON COLUMN @extschema@.carer.disabled IS 'the carer is disabled';
COMMENT ON COLUMN @extschema@.carer.pregnant IS 'the carer is pregnant';

CREATE TABLE @extschema@.child (
	child_id bigint PRIMARY KEY,
	family_id bigint NOT NULL REFERENCES @extschema@.family,
	dob date NOT NULL,
	sex text
		CONSTRAINT "sex_must_be_F_or_M" CHECK (sex IN ('F', 'M')),
	disabled boolean DEFAULT false
);
CREATE INDEX ON @extschema@.child (family_id);
COMMENT ON TABLE @extschema@.child IS 'Children registered with a family (person-level data)';
COMMENT ON COLUMN @extschema@.child.child_id IS 'child identifier from the source system';
COMMENT ON COLUMN @extschema@.child.family_id IS 'family the child belongs to';
COMMENT ON COLUMN @extschema@.child.dob IS 'date of birth (expected date of birth for an unborn child)';
COMMENT ON COLUMN @extschema@.child.sex IS 'F, M, or null if not recorded';
COMMENT ON COLUMN @extschema@.child.disabled IS 'the child is disabled';

CREATE TABLE @extschema@.registration (
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	registered_on date NOT NULL,
	ended_on date,
	PRIMARY KEY (child_id, centre_id, registered_on),
	CONSTRAINT ended_on_must_be_on_or_after_registered_on CHECK (ended_on >= registered_on)
);
CREATE INDEX ON @extschema@.registration (centre_id);
COMMENT ON TABLE @extschema@.registration IS 'Registrations of children at centres (person-level data)';
COMMENT ON COLUMN @extschema@.registration.child_id IS 'registered child';
COMMENT ON COLUMN @extschema@.registration.centre_id IS 'centre the child is registered at';
COMMENT ON COLUMN @extschema@.registration.registered_on IS 'first day of the registration';
COMMENT ON COLUMN @extschema@.registration.ended_on IS 'last day of the registration; null while still registered';

CREATE TABLE @extschema@.contact (
	contact_id bigint PRIMARY KEY,
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	contact_on date NOT NULL,
	mode text
		CONSTRAINT mode_must_not_be_empty CHECK (btrim(mode) <> ''),
	activity text
);
CREATE INDEX ON @extschema@.contact (child_id);
CREATE INDEX ON @extschema@.contact (centre_id, contact_on);
CREATE INDEX ON @extschema@.contact (contact_on);
COMMENT ON TABLE @extschema@.contact IS 'Contacts with children at centres (person-level data); contact_rule says which are meaningful';
COMMENT ON COLUMN @extschema@.contact.contact_id IS 'contact identifier from the source system';
COMMENT ON COLUMN @extschema@.contact.child_id IS 'child seen';
COMMENT ON COLUMN @extschema@.contact.centre_id IS 'centre that made the contact (not necessarily the child''s reach-area centre)';
COMMENT ON COLUMN @extschema@.contact.contact_on IS 'day of the contact';
COMMENT ON COLUMN @extschema@.contact.mode IS 'contact mode, looked up in contact_rule (e.g. face_to_face, phone, letter); a missing or unlisted mode counts as always';
COMMENT ON COLUMN @extschema@.contact.activity IS 'activity or service, e.g. stay and play, home visit, antenatal';

CREATE TABLE @extschema@.social_care (
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	kind text NOT NULL
		CONSTRAINT kind_must_be_family_support_child_in_need_protection_or_lac
		CHECK (kind IN ('family_support', 'child_in_need', 'child_protection', 'looked_after')),
	starts_on date NOT NULL,
	ends_on date,
	PRIMARY KEY (child_id, kind, starts_on),
	CONSTRAINT ends_on_must_be_on_or_after_starts_on CHECK (ends_on >= starts_on)
);
COMMENT ON TABLE @extschema@.social_care IS 'Early-help and social-care episodes of children, from the social-care feed (person-level data)';
COMMENT ON COLUMN @extschema@.social_care.child_id IS 'child';
COMMENT ON COLUMN @extschema@.social_care.kind IS 'family_support (early-help family support process), child_in_need, child_protection or looked_after';
COMMENT ON COLUMN @extschema@.social_care.starts_on IS 'first day of the episode';
COMMENT ON COLUMN @extschema@.social_care.ends_on IS 'last day of the episode; null while open';

CREATE TABLE @extschema@.eyfs_result (
	pupil_id bigint PRIMARY KEY,
	child_id bigint REFERENCES @extschema@.child,
	lsoa_code text REFERENCES @extschema@.lsoa,
	academic_year text NOT NULL
		CONSTRAINT academic_year_must_be_like_2012_13
		CHECK (academic_year ~ '^[0-9]{4}/[0-9]{2}$'
			   AND (substr(academic_year, 1, 4)::integer + 1) % 100 = substr(academic_year, 6, 2)::integer),
	regime text
		CONSTRAINT regime_must_not_be_empty CHECK (btrim(regime) <> ''),
	gld boolean NOT NULL,
	fsm boolean
);
CREATE INDEX ON @extschema@.eyfs_result (lsoa_code);
CREATE INDEX ON @extschema@.eyfs_result (child_id);
COMMENT ON TABLE @extschema@.eyfs_result IS 'Early Years Foundation Stage Profile results, one row per pupil (person-level data)';
COMMENT ON COLUMN @extschema@.eyfs_result.pupil_id IS 'pupil identifier from the source system';
COMMENT ON COLUMN @extschema@.eyfs_result.child_id IS 'the pupil as a child known to the centres, if matched';
COMMENT ON COLUMN @extschema@.eyfs_result.lsoa_code IS 'LSOA where the pupil lives';
COMMENT ON COLUMN @extschema@.eyfs_result.academic_year IS 'academic year of the assessment, e.g. 2012/13';
COMMENT ON COLUMN @extschema@.eyfs_result.regime IS 'assessment regime (results compare only within one), e.g. 2013 or 2021';
COMMENT ON COLUMN @extschema@.eyfs_result.gld IS 'reached a Good Level of Development';
COMMENT ON COLUMN @extschema@.eyfs_result.fsm IS 'eligible for free school meals; null if not known';

/* ---------------------------------------------------------------- Ofsted and monitoring */

CREATE TABLE @extschema@.ofsted_inspection (
	inspection_id bigint PRIMARY KEY,
	inspected_on date NOT NULL,
	published_on date,
	framework text,
	status text NOT NULL DEFAULT 'inspected'
		CONSTRAINT status_must_not_be_empty CHECK (btrim(status) <> ''),
	overall @extschema@.ofsted_grade,
	access @extschema@.ofsted_grade,
	quality @extschema@.ofsted_grade,
	leadership @extschema@.ofsted_grade,
	CONSTRAINT published_on_must_be_on_or_after_inspected_on CHECK (published_on >= inspected_on),
	CONSTRAINT postponed_or_cancelled_inspections_have_no_grades
		CHECK (status NOT IN ('postponed', 'cancelled') OR num_nonnulls(overall, access, quality, leadership) = 0)
);
COMMENT ON TABLE @extschema@.ofsted_inspection IS 'Ofsted inspections, of one centre or of a group of centres (see inspected_centre)';
COMMENT ON COLUMN @extschema@.ofsted_inspection.inspection_id IS 'inspection identifier';
COMMENT ON COLUMN @extschema@.ofsted_inspection.inspected_on IS 'day the inspection took place (or was planned, if postponed)';
COMMENT ON COLUMN @extschema@.ofsted_inspection.published_on IS 'day the report was published';
COMMENT ON COLUMN @extschema@.ofsted_inspection.framework IS 'inspection framework, e.g. 2010 or 2013';
COMMENT ON COLUMN @extschema@.ofsted_inspection.status IS 'inspected (the default), postponed or cancelled; postponed and cancelled inspections carry no grades and do not count as inspections';
COMMENT ON COLUMN @extschema@.ofsted_inspection.overall IS 'overall effectiveness';
COMMENT ON COLUMN @extschema@.ofsted_inspection.access IS 'access to services by young children and families';
COMMENT ON COLUMN @extschema@.ofsted_inspection.quality IS 'quality and impact of practice and services';
COMMENT ON COLUMN @extschema@.ofsted_inspection.leadership IS 'effectiveness of leadership, governance and management';

CREATE TABLE @extschema@.inspected_centre (
	inspection_id bigint NOT NULL REFERENCES @extschema@.ofsted_inspection ON DELETE CASCADE,
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	PRIMARY KEY (inspection_id, centre_id)
);
CREATE INDEX ON @extschema@.inspected_centre (centre_id);
COMMENT ON TABLE @extschema@.inspected_centre IS 'Centres covered by each inspection; a group inspection lists every centre';
COMMENT ON COLUMN @extschema@.inspected_centre.inspection_id IS 'inspection';
COMMENT ON COLUMN @extschema@.inspected_centre.centre_id IS 'centre covered by the inspection';

CREATE TABLE @extschema@.centre_rag (
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	assessed_on date NOT NULL,
	quality_rag text
		CONSTRAINT quality_rag_must_be_green_amber_or_red CHECK (quality_rag IN ('green', 'amber', 'red')),
	leadership_rag text
		CONSTRAINT leadership_rag_must_be_green_amber_or_red CHECK (leadership_rag IN ('green', 'amber', 'red')),
	PRIMARY KEY (centre_id, assessed_on)
);
COMMENT ON TABLE @extschema@.centre_rag IS 'Quarterly monitoring ratings of each centre''s quality and leadership';
COMMENT ON COLUMN @extschema@.centre_rag.centre_id IS 'centre rated';
COMMENT ON COLUMN @extschema@.centre_rag.assessed_on IS 'day of the assessment';
COMMENT ON COLUMN @extschema@.centre_rag.quality_rag IS 'quality and impact: green, amber or red';
COMMENT ON COLUMN @extschema@.centre_rag.leadership_rag IS 'leadership and management: green, amber or red';

/* ---------------------------------------------------------------- funded early education */

CREATE TABLE @extschema@.two_year_place (
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	term_start date NOT NULL
		CONSTRAINT term_start_must_be_1_january_1_april_or_1_september
		CHECK (extract(day FROM term_start) = 1 AND extract(month FROM term_start) IN (1, 4, 9)),
	dwp_eligible boolean NOT NULL,
	criteria text,
	taken_up boolean NOT NULL,
	PRIMARY KEY (child_id, term_start)
);
COMMENT ON TABLE @extschema@.two_year_place IS 'Funded places for 2-year-olds: eligibility and take-up per child and term (person-level data)';
COMMENT ON COLUMN @extschema@.two_year_place.child_id IS 'child';
COMMENT ON COLUMN @extschema@.two_year_place.term_start IS 'first day of the term (1 September, 1 January or 1 April)';
COMMENT ON COLUMN @extschema@.two_year_place.dwp_eligible IS 'on the DWP list of eligible children';
COMMENT ON COLUMN @extschema@.two_year_place.criteria IS 'eligibility criteria the place was given under, e.g. dwp or a local criterion';
COMMENT ON COLUMN @extschema@.two_year_place.taken_up IS 'the child took a funded place that term';

CREATE TABLE @extschema@.three_four_funding (
	child_id bigint NOT NULL REFERENCES @extschema@.child,
	term_start date NOT NULL
		CONSTRAINT term_start_must_be_1_january_1_april_or_1_september
		CHECK (extract(day FROM term_start) = 1 AND extract(month FROM term_start) IN (1, 4, 9)),
	in_receipt boolean NOT NULL,
	PRIMARY KEY (child_id, term_start)
);
COMMENT ON TABLE @extschema@.three_four_funding IS 'Universal funded early education of 3- and 4-year-olds per child and term (person-level data)';
COMMENT ON COLUMN @extschema@.three_four_funding.child_id IS 'child';
COMMENT ON COLUMN @extschema@.three_four_funding.term_start IS 'first day of the term (1 September, 1 January or 1 April)';
COMMENT ON COLUMN @extschema@.three_four_funding.in_receipt IS 'the child received funded early education that term';

/* ---------------------------------------------------------------- money and management */

CREATE TABLE @extschema@.building_fund (
	site_code text NOT NULL
		CONSTRAINT site_code_must_not_be_empty CHECK (btrim(site_code) <> ''),
	site_name text
		CONSTRAINT site_name_must_not_be_empty CHECK (btrim(site_name) <> ''),
	centre_id text REFERENCES @extschema@.centre,
	fund text
		CONSTRAINT fund_must_not_be_empty CHECK (btrim(fund) <> ''),
	area_m2 numeric
		CONSTRAINT area_m2_must_be_positive CHECK (area_m2 > 0),
	rate_per_m2 numeric
		CONSTRAINT rate_per_m2_must_not_be_negative CHECK (rate_per_m2 >= 0),
	contribution numeric
		CONSTRAINT contribution_must_not_be_negative CHECK (contribution >= 0),
	expenditure numeric
		CONSTRAINT expenditure_must_not_be_negative CHECK (expenditure >= 0),
	financial_year text NOT NULL
		CONSTRAINT financial_year_must_be_like_2013_14
		CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'
			   AND (substr(financial_year, 1, 4)::integer + 1) % 100 = substr(financial_year, 6, 2)::integer),
	CONSTRAINT one_row_per_year_site_code_name_and_centre
		UNIQUE NULLS NOT DISTINCT (financial_year, site_code, site_name, centre_id)
);
CREATE INDEX ON @extschema@.building_fund (centre_id);
COMMENT ON TABLE @extschema@.building_fund IS 'Building maintenance fund: charge per square metre per site, contribution and expenditure per financial year';
COMMENT ON COLUMN @extschema@.building_fund.site_code IS 'property code (several sites may share one)';
COMMENT ON COLUMN @extschema@.building_fund.site_name IS 'site name, to tell apart sites that share a property code';
COMMENT ON COLUMN @extschema@.building_fund.centre_id IS 'centre the site serves, if it serves one';
COMMENT ON COLUMN @extschema@.building_fund.fund IS 'fund the site is charged to, e.g. BMPP or BMF';
COMMENT ON COLUMN @extschema@.building_fund.area_m2 IS 'floor area in square metres';
COMMENT ON COLUMN @extschema@.building_fund.rate_per_m2 IS 'charge per square metre, in pounds';
COMMENT ON COLUMN @extschema@.building_fund.contribution IS 'contribution for the year, in pounds';
COMMENT ON COLUMN @extschema@.building_fund.expenditure IS 'expenditure in the year so far, in pounds; null if not given separately';
COMMENT ON COLUMN @extschema@.building_fund.financial_year IS 'financial year, e.g. 2013-14';

CREATE TABLE @extschema@.centre_target (
	centre_id text REFERENCES @extschema@.centre,
	measure text NOT NULL
		CONSTRAINT measure_must_not_be_empty CHECK (btrim(measure) <> ''),
	financial_year text NOT NULL
		CONSTRAINT financial_year_must_be_like_2013_14
		CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'
			   AND (substr(financial_year, 1, 4)::integer + 1) % 100 = substr(financial_year, 6, 2)::integer),
	target numeric NOT NULL
		CONSTRAINT target_must_not_be_negative CHECK (target >= 0),
	amber_within numeric NOT NULL DEFAULT 5
		CONSTRAINT amber_within_must_not_be_negative CHECK (amber_within >= 0),
	CONSTRAINT one_target_per_centre_measure_and_year
		UNIQUE NULLS NOT DISTINCT (centre_id, measure, financial_year)
);
COMMENT ON TABLE @extschema@.centre_target IS 'Targets agreed at the annual conversation; a row without a centre is the county-wide default';
COMMENT ON COLUMN @extschema@.centre_target.centre_id IS 'centre the target is for; null for every centre without its own';
COMMENT ON COLUMN @extschema@.centre_target.measure IS 'measure the target applies to, e.g. registered_pct';
COMMENT ON COLUMN @extschema@.centre_target.financial_year IS 'financial year of the target, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.centre_target.target IS 'target value (percentage points for percentages)';
COMMENT ON COLUMN @extschema@.centre_target.amber_within IS 'points below target still rated amber';

CREATE TABLE @extschema@.board_meeting (
	centre_id text NOT NULL REFERENCES @extschema@.centre,
	met_on date NOT NULL,
	kind text NOT NULL
		CONSTRAINT kind_must_be_advisory_board_parent_forum_or_annual_conversation
		CHECK (kind IN ('advisory_board', 'parent_forum', 'annual_conversation')),
	attendance integer
		CONSTRAINT attendance_must_not_be_negative CHECK (attendance >= 0),
	PRIMARY KEY (centre_id, met_on, kind)
);
COMMENT ON TABLE @extschema@.board_meeting IS 'Governance meetings; a board covering several centres records its meeting for each';
COMMENT ON COLUMN @extschema@.board_meeting.centre_id IS 'centre the meeting covered';
COMMENT ON COLUMN @extschema@.board_meeting.met_on IS 'day of the meeting';
COMMENT ON COLUMN @extschema@.board_meeting.kind IS 'advisory_board, parent_forum or annual_conversation';
COMMENT ON COLUMN @extschema@.board_meeting.attendance IS 'number of people attending, if recorded';

/* ---------------------------------------------------------------- pg_dump */

SELECT pg_catalog.pg_extension_config_dump('@extschema@.lead_partner', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.contract', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lot', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.centre', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lsoa', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.reach_area', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.population', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.family', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.carer', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.child', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.registration', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.contact', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.social_care', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eyfs_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ofsted_inspection', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.inspected_centre', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.centre_rag', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.two_year_place', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.three_four_funding', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.building_fund', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.centre_target', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.board_meeting', '');
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
	'contact_reach serialise: version byte, threshold, contacts, then (id, count) pairs in id order, network byte order';
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
/* src/sql/55_coverage.sql: the coverage type, its aggregates and readers */

CREATE TYPE @extschema@.coverage;

CREATE FUNCTION @extschema@.coverage_in(cstring) RETURNS @extschema@.coverage
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_out(@extschema@.coverage) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_recv(internal) RETURNS @extschema@.coverage
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_send(@extschema@.coverage) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.coverage (
	INPUT = @extschema@.coverage_in,
	OUTPUT = @extschema@.coverage_out,
	RECEIVE = @extschema@.coverage_recv,
	SEND = @extschema@.coverage_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = double,
	STORAGE = extended
);
COMMENT ON TYPE @extschema@.coverage IS
	'mergeable summary of target-group coverage: for all rows, the rows in a national group and each target group, [in_group, any_contact, sustained]; remembers its sustained threshold; text form {"threshold":3,"all":[100,60,20],"national":[40,30,10],"lone_parent":[20,15,5]}';
COMMENT ON FUNCTION @extschema@.coverage_in(cstring) IS
	'coverage text input (a JSON object: threshold, all, national and groups with [in_group,any_contact,sustained]); counts are checked for consistency';
COMMENT ON FUNCTION @extschema@.coverage_out(@extschema@.coverage) IS
	'coverage text output (canonical JSON: threshold, all, national, then groups with members in canonical order)';
COMMENT ON FUNCTION @extschema@.coverage_recv(internal) IS
	'coverage binary input (version byte, threshold, counts in network byte order; the serialised aggregate state), fully validated';
COMMENT ON FUNCTION @extschema@.coverage_send(@extschema@.coverage) IS
	'coverage binary output (version byte, threshold, counts in network byte order; the serialised aggregate state)';

/* ---------------------------------------------------------------- equality */

CREATE FUNCTION @extschema@.coverage_eq(@extschema@.coverage, @extschema@.coverage) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.coverage_ne(@extschema@.coverage, @extschema@.coverage) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION @extschema@.coverage_eq(@extschema@.coverage, @extschema@.coverage) IS 'implementation of = for coverage';
COMMENT ON FUNCTION @extschema@.coverage_ne(@extschema@.coverage, @extschema@.coverage) IS 'implementation of <> for coverage';
CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.coverage, RIGHTARG = @extschema@.coverage,
	FUNCTION = @extschema@.coverage_eq,
	COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
	RESTRICT = eqsel, JOIN = eqjoinsel
);
CREATE OPERATOR @extschema@.<> (
	LEFTARG = @extschema@.coverage, RIGHTARG = @extschema@.coverage,
	FUNCTION = @extschema@.coverage_ne,
	COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
	RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.coverage, @extschema@.coverage) IS
	'same threshold and the same counts';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.coverage, @extschema@.coverage) IS
	'different threshold or counts';

/* ---------------------------------------------------------------- readers */

CREATE FUNCTION @extschema@.coverage_threshold(c @extschema@.coverage) RETURNS integer
	AS 'MODULE_PATHNAME', 'coverage_threshold' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_rows(c @extschema@.coverage)
	RETURNS TABLE (target_group text, in_group bigint,
		any_contact @extschema@.proportion, sustained @extschema@.proportion)
	AS 'MODULE_PATHNAME', 'coverage_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
CREATE FUNCTION @extschema@.coverage_totals(c @extschema@.coverage,
		OUT families bigint, OUT any_contact @extschema@.proportion, OUT sustained @extschema@.proportion,
		OUT in_national_group bigint, OUT reached_in_national_group @extschema@.proportion)
	RETURNS record
	AS 'MODULE_PATHNAME', 'coverage_totals' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.coverage_threshold(@extschema@.coverage) IS
	'the sustained threshold (contacts) the summary was built with';
COMMENT ON FUNCTION @extschema@.coverage_rows(@extschema@.coverage) IS
	'one row per target group with members, in canonical group order: target_group, in_group, any_contact and sustained as proportions of in_group';
COMMENT ON FUNCTION @extschema@.coverage_totals(@extschema@.coverage) IS
	'totals: families (all rows), any_contact and sustained as proportions of them, in_national_group (rows in at least one national group), reached_in_national_group (rows reached that are in a national group / rows reached: the vulnerable share of reach)';

/* ---------------------------------------------------------------- aggregates */

CREATE FUNCTION @extschema@.coverage_trans(internal, @extschema@.target_groups, bigint) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_sum_trans(internal, @extschema@.coverage) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_agg_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_agg_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_agg_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_agg_final(internal) RETURNS @extschema@.coverage
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.coverage_sum_final(internal) RETURNS @extschema@.coverage
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.coverage_trans(internal, @extschema@.target_groups, bigint) IS
	'coverage(target_groups, bigint) transition: count one row (reads setting sustained_contacts once per query)';
COMMENT ON FUNCTION @extschema@.coverage_sum_trans(internal, @extschema@.coverage) IS
	'sum(coverage) transition: merge one summary (thresholds must agree)';
COMMENT ON FUNCTION @extschema@.coverage_agg_combine(internal, internal) IS
	'combine two coverage aggregate states (thresholds must agree)';
COMMENT ON FUNCTION @extschema@.coverage_agg_serialize(internal) IS
	'serialise a coverage aggregate state (the coverage binary form)';
COMMENT ON FUNCTION @extschema@.coverage_agg_deserialize(bytea, internal) IS
	'deserialise a coverage aggregate state (the coverage binary form), validated';
COMMENT ON FUNCTION @extschema@.coverage_agg_final(internal) IS
	'coverage(target_groups, bigint) result; an empty summary with the current threshold for no rows';
COMMENT ON FUNCTION @extschema@.coverage_sum_final(internal) IS
	'sum(coverage) result; NULL for no non-NULL input';

CREATE AGGREGATE @extschema@.coverage(groups @extschema@.target_groups, contacts bigint) (
	SFUNC = @extschema@.coverage_trans,
	STYPE = internal,
	SSPACE = 904,
	FINALFUNC = @extschema@.coverage_agg_final,
	COMBINEFUNC = @extschema@.coverage_agg_combine,
	SERIALFUNC = @extschema@.coverage_agg_serialize,
	DESERIALFUNC = @extschema@.coverage_agg_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.coverage(@extschema@.target_groups, bigint) IS
	'target-group coverage of rows (families or children) with their meaningful contacts in the period: any contact = at least 1, sustained = at least setting sustained_contacts; NULL groups = none, NULL contacts = 0';

CREATE AGGREGATE @extschema@.sum(@extschema@.coverage) (
	SFUNC = @extschema@.coverage_sum_trans,
	STYPE = internal,
	SSPACE = 904,
	FINALFUNC = @extschema@.coverage_sum_final,
	COMBINEFUNC = @extschema@.coverage_agg_combine,
	SERIALFUNC = @extschema@.coverage_agg_serialize,
	DESERIALFUNC = @extschema@.coverage_agg_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.sum(@extschema@.coverage) IS
	'merge coverage summaries of disjoint sets of rows (centre -> lead partner -> county, shards -> coordinator); different thresholds are an error; NULLs skipped, NULL for none';
/* src/sql/60_reach_views.sql: reach by period, the counting rules of SPEC */

/*
 * The counting rules, once, for every reach view:
 *   - a period's reference date is its last day;
 *   - a child counts for the centre whose reach area holds its family's
 *     LSOA on that day (the later period when two touch), if under five
 *     then;
 *   - under_fives come from the latest mid-year estimate not after the
 *     reference year, else the earliest, chosen per LSOA;
 *   - meaningful contacts follow contact_rule: 'never' modes are dropped,
 *     'once_per_term' modes count once per child, mode and term within the
 *     period, other modes (listed as 'always' or not listed) always count;
 *   - seen / sustained are counted by the contact_reach aggregate, over
 *     child ids and, for families, over family ids.
 */

/*
 * The periods are made by a PL/pgSQL function, which the planner cannot
 * inline, so that it plans them as the handful of rows they are (ROWS 12)
 * rather than the thousand it assumes for generate_series; the inflated
 * estimate otherwise pushes every reach view over jit_above_cost, and JIT
 * compilation then costs seconds.
 */
CREATE FUNCTION @extschema@.reporting_periods()
RETURNS TABLE (period text, kind text, period_start date, period_end date)
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 12
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	first_day date;
	last_day date;
BEGIN
	SELECT min(k.contact_on), max(k.contact_on) INTO first_day, last_day FROM @extschema@.contact AS k;
	IF first_day IS NULL THEN
		SELECT min(g.registered_on), max(g.registered_on) INTO first_day, last_day FROM @extschema@.registration AS g;
	END IF;
	IF first_day IS NULL THEN
		RETURN;
	END IF;
	RETURN QUERY
		SELECT @extschema@.financial_quarter(q::date), 'quarter'::text, q::date,
			   (q + interval '3 months' - interval '1 day')::date
		FROM generate_series(date_trunc('quarter', first_day::timestamp), last_day::timestamp, interval '3 months') AS q
		UNION ALL
		SELECT @extschema@.financial_year(y::date), 'year'::text, y::date,
			   (y + interval '1 year' - interval '1 day')::date
		FROM generate_series(make_date(extract(year FROM first_day - interval '3 months')::integer, 4, 1)::timestamp,
							 last_day::timestamp, interval '1 year') AS y;
END
$$;
COMMENT ON FUNCTION @extschema@.reporting_periods() IS 'financial quarters and years from the first to the last contact (registrations when there are no contacts)';

CREATE VIEW @extschema@.reporting_period AS
SELECT period, kind, period_start, period_end FROM @extschema@.reporting_periods();
COMMENT ON VIEW @extschema@.reporting_period IS 'Financial quarters and years from the first to the last contact (registrations when there are no contacts): the periods every reach view reports';
COMMENT ON COLUMN @extschema@.reporting_period.period IS 'period label: 2013-14 Q3 for a quarter, 2013-14 for a financial year';
COMMENT ON COLUMN @extschema@.reporting_period.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.reporting_period.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.reporting_period.period_end IS 'last day of the period: the reference date of its counts';

CREATE VIEW @extschema@.period_reach_area AS
SELECT DISTINCT ON (p.period, r.lsoa_code)
	   p.period, p.kind, p.period_start, p.period_end, r.lsoa_code, r.centre_id
FROM @extschema@.reporting_period AS p
JOIN @extschema@.reach_area AS r
  ON r.valid_from <= p.period_end AND (r.valid_to IS NULL OR r.valid_to >= p.period_end)
ORDER BY p.period, r.lsoa_code, r.valid_from DESC;
COMMENT ON VIEW @extschema@.period_reach_area IS 'The centre whose reach area holds each LSOA on each period''s reference date';
COMMENT ON COLUMN @extschema@.period_reach_area.period IS 'period label';
COMMENT ON COLUMN @extschema@.period_reach_area.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.period_reach_area.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.period_reach_area.period_end IS 'reference date';
COMMENT ON COLUMN @extschema@.period_reach_area.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.period_reach_area.centre_id IS 'centre whose reach area holds the LSOA on the reference date';

CREATE VIEW @extschema@.counted_child AS
SELECT a.period, a.kind, a.period_start, a.period_end, a.lsoa_code, a.centre_id, c.child_id, c.family_id,
	   EXISTS (SELECT 1 FROM @extschema@.registration AS g
			   WHERE g.child_id = c.child_id AND g.registered_on <= a.period_end
				 AND (g.ended_on IS NULL OR g.ended_on >= a.period_end)) AS registered
FROM @extschema@.period_reach_area AS a
JOIN @extschema@.family AS f ON f.lsoa_code = a.lsoa_code
JOIN @extschema@.child AS c ON c.family_id = f.family_id
WHERE c.dob > a.period_end - interval '6 years'
  AND CASE WHEN c.dob <= a.period_end THEN @extschema@.age_on(c.dob, a.period_end) < 5 ELSE false END;
COMMENT ON VIEW @extschema@.counted_child IS 'Children counted in each period: under five on the reference date, living in a reach area then (person-level)';
COMMENT ON COLUMN @extschema@.counted_child.period IS 'period label';
COMMENT ON COLUMN @extschema@.counted_child.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.counted_child.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.counted_child.period_end IS 'reference date';
COMMENT ON COLUMN @extschema@.counted_child.lsoa_code IS 'LSOA where the child''s family lives';
COMMENT ON COLUMN @extschema@.counted_child.centre_id IS 'centre the child counts for';
COMMENT ON COLUMN @extschema@.counted_child.child_id IS 'child';
COMMENT ON COLUMN @extschema@.counted_child.family_id IS 'child''s family';
COMMENT ON COLUMN @extschema@.counted_child.registered IS 'registered at any centre on the reference date';

CREATE VIEW @extschema@.meaningful_contact AS
SELECT cc.period, cc.kind, cc.lsoa_code, cc.centre_id, cc.child_id, cc.family_id, k.contact_id
FROM @extschema@.counted_child AS cc
JOIN @extschema@.contact AS k
  ON k.child_id = cc.child_id AND k.contact_on BETWEEN cc.period_start AND cc.period_end
WHERE NOT EXISTS (SELECT 1 FROM @extschema@.contact_rule AS r
				  WHERE r.mode = k.mode AND r.counts IN ('never', 'once_per_term'))
UNION ALL
(SELECT DISTINCT ON (cc.period, cc.child_id, k.mode, extract(year FROM k.contact_on),
		CASE WHEN extract(month FROM k.contact_on) >= 9 THEN 3
			 WHEN extract(month FROM k.contact_on) >= 4 THEN 2 ELSE 1 END)
	   cc.period, cc.kind, cc.lsoa_code, cc.centre_id, cc.child_id, cc.family_id, k.contact_id
FROM @extschema@.counted_child AS cc
JOIN @extschema@.contact AS k
  ON k.child_id = cc.child_id AND k.contact_on BETWEEN cc.period_start AND cc.period_end
JOIN @extschema@.contact_rule AS r ON r.mode = k.mode AND r.counts = 'once_per_term'
ORDER BY cc.period, cc.child_id, k.mode, extract(year FROM k.contact_on),
		 CASE WHEN extract(month FROM k.contact_on) >= 9 THEN 3
			  WHEN extract(month FROM k.contact_on) >= 4 THEN 2 ELSE 1 END,
		 k.contact_on, k.contact_id);
COMMENT ON VIEW @extschema@.meaningful_contact IS 'Meaningful contacts of counted children in each period, at any centre, after contact_rule (person-level)';
COMMENT ON COLUMN @extschema@.meaningful_contact.period IS 'period label';
COMMENT ON COLUMN @extschema@.meaningful_contact.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.meaningful_contact.lsoa_code IS 'LSOA where the child''s family lives';
COMMENT ON COLUMN @extschema@.meaningful_contact.centre_id IS 'centre the child counts for (not necessarily the centre that made the contact)';
COMMENT ON COLUMN @extschema@.meaningful_contact.child_id IS 'child';
COMMENT ON COLUMN @extschema@.meaningful_contact.family_id IS 'child''s family';
COMMENT ON COLUMN @extschema@.meaningful_contact.contact_id IS 'contact';

/* Counts per LSOA and period; every other reach figure adds these up. */
CREATE VIEW @extschema@.lsoa_period_counts AS
SELECT a.period, a.kind, a.period_start, a.period_end, a.lsoa_code, a.centre_id,
	   coalesce(pop.persons, 0) AS under_fives,
	   coalesce(ch.registered, 0) AS registered,
	   coalesce((m.children).seen, 0) AS seen,
	   coalesce((m.children).sustained, 0) AS sustained,
	   coalesce((m.families).seen, 0) AS families_seen,
	   coalesce((m.families).sustained, 0) AS families_sustained
FROM @extschema@.period_reach_area AS a
LEFT JOIN LATERAL (
	SELECT sum(p.persons)::bigint AS persons
	FROM @extschema@.population AS p
	WHERE p.lsoa_code = a.lsoa_code
	  AND p.mid_year = coalesce(
			(SELECT max(q.mid_year) FROM @extschema@.population AS q
			 WHERE q.lsoa_code = a.lsoa_code AND q.mid_year <= extract(year FROM a.period_end)),
			(SELECT min(q.mid_year) FROM @extschema@.population AS q WHERE q.lsoa_code = a.lsoa_code))
) AS pop ON true
LEFT JOIN (
	SELECT period, kind, lsoa_code, count(*) FILTER (WHERE registered) AS registered
	FROM @extschema@.counted_child
	GROUP BY period, kind, lsoa_code
) AS ch ON ch.period = a.period AND ch.kind = a.kind AND ch.lsoa_code = a.lsoa_code
LEFT JOIN (
	SELECT period, kind, lsoa_code,
		   @extschema@.contact_reach(child_id) AS children,
		   @extschema@.contact_reach(family_id) AS families
	FROM @extschema@.meaningful_contact
	GROUP BY period, kind, lsoa_code
) AS m ON m.period = a.period AND m.kind = a.kind AND m.lsoa_code = a.lsoa_code;
COMMENT ON VIEW @extschema@.lsoa_period_counts IS 'Reach counts per LSOA and period, the base every reach view adds up';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.period IS 'period label';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.period_end IS 'reference date';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.centre_id IS 'centre whose reach area holds the LSOA on the reference date';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.under_fives IS 'ONS estimate of persons aged 0-4 (latest mid-year not after the reference year, else the earliest)';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.registered IS 'counted children registered at any centre on the reference date';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.seen IS 'counted children with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.sustained IS 'counted children with at least sustained_contacts meaningful contacts in the period';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.families_seen IS 'families whose counted children had at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.lsoa_period_counts.families_sustained IS 'families whose counted children''s meaningful contacts add up to at least sustained_contacts';

/*
 * The LSOAs counted as most deprived: the setting's index (idaci or imd) in
 * the most deprived deprived_percent per cent of LSOAs nationally, read from
 * deciles when the percentage is whole tens, else from ranks out of the
 * number of LSOAs in England of the LSOA's vintage.
 */
CREATE VIEW @extschema@.deprived_lsoa AS
WITH cut AS (
	SELECT (SELECT value FROM @extschema@.setting WHERE name = 'deprived_index') AS index_name,
		   (SELECT value::numeric FROM @extschema@.setting WHERE name = 'deprived_percent') AS percent
)
SELECT l.lsoa_code
FROM @extschema@.lsoa AS l, cut
WHERE CASE WHEN cut.percent % 10 = 0
		   THEN CASE cut.index_name WHEN 'imd' THEN l.imd_decile ELSE l.idaci_decile END <= cut.percent / 10
		   ELSE CASE cut.index_name WHEN 'imd' THEN l.imd_rank ELSE l.idaci_rank END
				<= floor(cut.percent / 100 * CASE l.vintage WHEN 2021 THEN 33755 ELSE 32844 END)
	  END;
COMMENT ON VIEW @extschema@.deprived_lsoa IS 'LSOAs in the most deprived areas: settings deprived_index (idaci or imd) and deprived_percent (30: deciles 1-3)';
COMMENT ON COLUMN @extschema@.deprived_lsoa.lsoa_code IS 'LSOA in the most deprived areas';

/*
 * Reach figures at every level (lsoa, centre, group, district, county) and
 * scope (all LSOAs, or the most deprived), with percentages of under-fives
 * (one decimal place, half away from zero) and Ofsted's words.
 */
/*
 * Each LSOA's counts are counted once for the LSOA, its centre, group,
 * district and the county, and summed per unit in one GROUP BY, so the base
 * is computed once whatever levels are asked for, and a filter on period
 * reaches it (PostgreSQL pushes no filter into GROUPING SETS or into a CTE
 * used twice).
 */
CREATE VIEW @extschema@.reach_figures AS
SELECT level, unit_id, scope, period, kind, period_start, period_end,
	   under_fives, registered,
	   CASE WHEN under_fives > 0 THEN round(100.0 * registered / under_fives, 1) END AS registered_pct,
	   seen,
	   CASE WHEN under_fives > 0 THEN round(100.0 * seen / under_fives, 1) END AS seen_pct,
	   sustained,
	   CASE WHEN under_fives > 0 THEN round(100.0 * sustained / under_fives, 1) END AS sustained_pct,
	   families_seen, families_sustained,
	   CASE WHEN under_fives > 0 AND registered <= under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(registered, under_fives)) END AS registered_words,
	   CASE WHEN under_fives > 0 AND seen <= under_fives
			THEN @extschema@.ofsted_words(@extschema@.proportion(seen, under_fives)) END AS seen_words
FROM (
	SELECT x.level, x.unit_id, s.scope, l.period, l.kind, l.period_start, l.period_end,
		   sum(l.under_fives)::bigint AS under_fives, sum(l.registered)::bigint AS registered,
		   sum(l.seen)::bigint AS seen, sum(l.sustained)::bigint AS sustained,
		   sum(l.families_seen)::bigint AS families_seen, sum(l.families_sustained)::bigint AS families_sustained
	FROM @extschema@.lsoa_period_counts AS l
	JOIN @extschema@.centre AS c USING (centre_id)
	CROSS JOIN LATERAL (SELECT 'all'::text UNION ALL
						SELECT 'deprived' WHERE l.lsoa_code IN (SELECT d.lsoa_code FROM @extschema@.deprived_lsoa AS d)) AS s(scope)
	CROSS JOIN LATERAL (VALUES ('lsoa'::text, l.lsoa_code), ('centre', l.centre_id), ('group', c.group_id),
							   ('district', c.district_code), ('county', 'county')) AS x(level, unit_id)
	WHERE x.unit_id IS NOT NULL
	GROUP BY x.level, x.unit_id, s.scope, l.period, l.kind, l.period_start, l.period_end
) AS g;
COMMENT ON VIEW @extschema@.reach_figures IS 'Reach figures at every level (lsoa, centre, group, district, county) and scope (all, deprived) per period';
COMMENT ON COLUMN @extschema@.reach_figures.level IS 'lsoa, centre, group, district or county';
COMMENT ON COLUMN @extschema@.reach_figures.unit_id IS 'LSOA code, centre id, group id, district code, or county';
COMMENT ON COLUMN @extschema@.reach_figures.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs (deprived_lsoa)';
COMMENT ON COLUMN @extschema@.reach_figures.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.reach_figures.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.reach_figures.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.reach_figures.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.reach_figures.under_fives IS 'persons aged 0-4 in the reach area (ONS estimate: latest mid-year not after the reference year, else the earliest)';
COMMENT ON COLUMN @extschema@.reach_figures.registered IS 'under-fives living in the area registered at any centre on the reference date';
COMMENT ON COLUMN @extschema@.reach_figures.registered_pct IS 'registered as a percentage of under_fives, one decimal place (may exceed 100 when the estimate is low)';
COMMENT ON COLUMN @extschema@.reach_figures.seen IS 'under-fives living in the area with at least one meaningful contact in the period, at any centre';
COMMENT ON COLUMN @extschema@.reach_figures.seen_pct IS 'seen as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_figures.sustained IS 'under-fives with at least sustained_contacts meaningful contacts in the period';
COMMENT ON COLUMN @extschema@.reach_figures.sustained_pct IS 'sustained as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_figures.families_seen IS 'families whose counted children had at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.reach_figures.families_sustained IS 'families whose counted children''s meaningful contacts add up to at least sustained_contacts';
COMMENT ON COLUMN @extschema@.reach_figures.registered_words IS 'Ofsted''s words for registered_pct (null above 100%)';
COMMENT ON COLUMN @extschema@.reach_figures.seen_words IS 'Ofsted''s words for seen_pct (null above 100%)';

/*
 * Every centre open during a period has a row, with zeros when no LSOA of
 * its reach area holds children (the percentages are then null).
 */
CREATE VIEW @extschema@.centre_reach_scoped AS
SELECT s.scope, c.centre_id, c.name AS centre, p.period, p.period_start, p.period_end,
	   coalesce(r.under_fives, 0) AS under_fives, coalesce(r.registered, 0) AS registered, r.registered_pct,
	   coalesce(r.seen, 0) AS seen, r.seen_pct, coalesce(r.sustained, 0) AS sustained, r.sustained_pct,
	   coalesce(r.families_seen, 0) AS families_seen, coalesce(r.families_sustained, 0) AS families_sustained,
	   r.registered_words, r.seen_words, p.kind
FROM @extschema@.centre AS c
CROSS JOIN @extschema@.reporting_period AS p
CROSS JOIN (VALUES ('all'), ('deprived')) AS s(scope)
LEFT JOIN @extschema@.reach_figures AS r
  ON r.level = 'centre' AND r.unit_id = c.centre_id AND r.scope = s.scope
 AND r.kind = p.kind AND r.period = p.period
WHERE (c.opened_on IS NULL OR c.opened_on <= p.period_end)
  AND (c.closed_on IS NULL OR c.closed_on >= p.period_start);
COMMENT ON VIEW @extschema@.centre_reach_scoped IS 'centre_reach and centre_reach_deprived in one view, told apart by scope';
COMMENT ON COLUMN @extschema@.centre_reach_scoped.scope IS 'all: every LSOA; deprived: only the most deprived LSOAs';

CREATE VIEW @extschema@.centre_reach AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind
FROM @extschema@.centre_reach_scoped
WHERE scope = 'all';
COMMENT ON VIEW @extschema@.centre_reach IS 'Reach of each centre per financial quarter and year: under-fives of its reach area, registered, seen and sustained, children and families';

CREATE VIEW @extschema@.centre_reach_deprived AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind
FROM @extschema@.centre_reach_scoped
WHERE scope = 'deprived';
COMMENT ON VIEW @extschema@.centre_reach_deprived IS 'centre_reach counting only the most deprived LSOAs of each reach area (settings deprived_index, deprived_percent)';

CREATE VIEW @extschema@.lsoa_reach AS
SELECT r.unit_id AS lsoa_code, l.name AS lsoa, a.centre_id, r.period, r.period_start, r.period_end,
	   r.under_fives, r.registered, r.registered_pct, r.seen, r.seen_pct, r.sustained, r.sustained_pct,
	   r.families_seen, r.families_sustained, r.registered_words, r.seen_words, r.kind,
	   l.idaci_decile, l.imd_decile,
	   r.unit_id IN (SELECT lsoa_code FROM @extschema@.deprived_lsoa) AS most_deprived
FROM @extschema@.reach_figures AS r
JOIN @extschema@.lsoa AS l ON l.lsoa_code = r.unit_id
JOIN @extschema@.period_reach_area AS a ON a.lsoa_code = r.unit_id AND a.period = r.period
WHERE r.level = 'lsoa' AND r.scope = 'all';
COMMENT ON VIEW @extschema@.lsoa_reach IS 'The reach figures of centre_reach for each LSOA of a reach area';
COMMENT ON COLUMN @extschema@.lsoa_reach.lsoa_code IS 'LSOA';
COMMENT ON COLUMN @extschema@.lsoa_reach.lsoa IS 'LSOA name';
COMMENT ON COLUMN @extschema@.lsoa_reach.idaci_decile IS 'IDACI decile (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa_reach.imd_decile IS 'IMD decile (1 = most deprived 10%)';
COMMENT ON COLUMN @extschema@.lsoa_reach.most_deprived IS 'the LSOA is in the most deprived areas (deprived_lsoa)';

/* The shared columns of the three reach views carry reach_figures' comments. */
DO $$
DECLARE
	v text;
	col record;
BEGIN
	FOREACH v IN ARRAY ARRAY['centre_reach_scoped', 'centre_reach', 'centre_reach_deprived', 'lsoa_reach'] LOOP
		FOR col IN
			SELECT a.attname, pg_catalog.col_description('@extschema@.reach_figures'::pg_catalog.regclass, f.attnum) AS text
			FROM pg_catalog.pg_attribute AS a
			JOIN pg_catalog.pg_attribute AS f
			  ON f.attrelid = '@extschema@.reach_figures'::pg_catalog.regclass AND f.attname = a.attname
			WHERE a.attrelid = pg_catalog.format('@extschema@.%I', v)::pg_catalog.regclass
			  AND a.attnum > 0
			  AND pg_catalog.col_description(a.attrelid, a.attnum) IS NULL
		LOOP
			EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', v, col.attname, col.text);
		END LOOP;
	END LOOP;
END
$$;
COMMENT ON COLUMN @extschema@.centre_reach_scoped.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_reach_scoped.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.centre_reach.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_reach.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.centre_reach_deprived.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_reach_deprived.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.lsoa_reach.centre_id IS 'centre whose reach area holds the LSOA on the reference date';

CREATE VIEW @extschema@.unknown_contact_mode AS
SELECT k.mode, count(*) AS contacts, min(k.contact_on) AS first_on, max(k.contact_on) AS last_on
FROM @extschema@.contact AS k
WHERE k.mode IS NULL OR NOT EXISTS (SELECT 1 FROM @extschema@.contact_rule AS r WHERE r.mode = k.mode)
GROUP BY k.mode;
COMMENT ON VIEW @extschema@.unknown_contact_mode IS 'Contact modes not listed in contact_rule (counted as always meaningful): add a rule for each';
COMMENT ON COLUMN @extschema@.unknown_contact_mode.mode IS 'the unlisted mode (null when the contact has none)';
COMMENT ON COLUMN @extschema@.unknown_contact_mode.contacts IS 'contacts recorded with it';
COMMENT ON COLUMN @extschema@.unknown_contact_mode.first_on IS 'first day it was used';
COMMENT ON COLUMN @extschema@.unknown_contact_mode.last_on IS 'last day it was used';
/* src/sql/62_coverage_views.sql: target-group coverage (SPEC counting rules) */

/*
 * Families in coverage: families with at least one counted child
 * registered on the reference date.  Their target groups are worked out on
 * the reference date (a carer ages out of "under 20"; social-care episodes
 * open that day; a DWP-eligible two-year place for a term that started in
 * the year up to it), and their contacts are the meaningful contacts of all
 * their counted children in the period.
 */
CREATE VIEW @extschema@.family_period_groups AS
WITH registered_family AS (
	SELECT cc.period, cc.period_end, cc.centre_id, cc.family_id,
		   bool_or(c.disabled) AS disabled_under_five
	FROM @extschema@.counted_child AS cc
	JOIN @extschema@.child AS c USING (child_id)
	GROUP BY cc.period, cc.period_end, cc.centre_id, cc.family_id
	HAVING bool_or(cc.registered)
), carers AS (
	SELECT family_id,
		   max(dob) AS youngest_dob,
		   max(dob) FILTER (WHERE pregnant) AS youngest_pregnant_dob,
		   bool_or(sex = 'M') AS any_male,
		   bool_and(sex IS NOT DISTINCT FROM 'M') AS all_male,
		   bool_or(disabled) AS any_disabled
	FROM @extschema@.carer
	GROUP BY family_id
), children AS (
	SELECT family_id, bool_or(disabled) AS any_disabled
	FROM @extschema@.child
	GROUP BY family_id
), contacts AS (
	SELECT period, family_id, count(*) AS contacts
	FROM @extschema@.meaningful_contact
	GROUP BY period, family_id
)
SELECT rf.period, rf.centre_id, rf.family_id, coalesce(k.contacts, 0) AS contacts,
	   @extschema@.target_groups(array_remove(ARRAY[
		   CASE WHEN cr.youngest_dob <= rf.period_end AND @extschema@.age_on(cr.youngest_dob, rf.period_end) < 20 THEN 'teenage_parent' END,
		   CASE WHEN cr.youngest_dob <= rf.period_end AND @extschema@.age_on(cr.youngest_dob, rf.period_end) < 25 THEN 'young_parent' END,
		   CASE WHEN cr.youngest_pregnant_dob <= rf.period_end AND @extschema@.age_on(cr.youngest_pregnant_dob, rf.period_end) < 20 THEN 'pregnant_teenager' END,
		   CASE WHEN f.lone_parent THEN 'lone_parent' END,
		   CASE WHEN cr.any_male THEN 'father' END,
		   CASE WHEN cr.all_male THEN 'only_male_carer' END,
		   CASE WHEN cr.any_disabled THEN 'disabled_parent' END,
		   CASE WHEN rf.disabled_under_five THEN 'disabled_child' END,
		   CASE WHEN ch.any_disabled THEN 'disabled_child_any_age' END,
		   CASE WHEN f.workless_household THEN 'workless_household' END,
		   CASE WHEN f.workless_by_status THEN 'workless_by_status' END,
		   CASE WHEN f.additional_language THEN 'additional_language' END,
		   CASE WHEN f.minority_ethnic THEN 'minority_ethnic' END,
		   CASE WHEN f.smoking_parent THEN 'smoking_parent' END,
		   CASE WHEN f.priority_family THEN 'priority_family' END,
		   CASE WHEN sc.child_in_need THEN 'child_in_need' END,
		   CASE WHEN sc.child_protection THEN 'child_protection' END,
		   CASE WHEN sc.looked_after THEN 'looked_after' END,
		   CASE WHEN tw.eligible THEN 'two_year_funding' END]::text[], NULL)
		   || ARRAY(SELECT 'local_' || n FROM unnest(f.local_groups) AS n WHERE n IS NOT NULL)) AS groups
FROM registered_family AS rf
JOIN @extschema@.family AS f USING (family_id)
LEFT JOIN carers AS cr USING (family_id)
LEFT JOIN children AS ch USING (family_id)
LEFT JOIN contacts AS k ON k.period = rf.period AND k.family_id = rf.family_id
LEFT JOIN LATERAL (
	SELECT bool_or(s.kind = 'child_in_need') AS child_in_need,
		   bool_or(s.kind = 'child_protection') AS child_protection,
		   bool_or(s.kind = 'looked_after') AS looked_after
	FROM @extschema@.social_care AS s
	JOIN @extschema@.child AS c USING (child_id)
	WHERE c.family_id = rf.family_id
	  AND s.starts_on <= rf.period_end AND (s.ends_on IS NULL OR s.ends_on >= rf.period_end)
) AS sc ON true
LEFT JOIN LATERAL (
	SELECT true AS eligible
	FROM @extschema@.two_year_place AS t
	JOIN @extschema@.child AS c USING (child_id)
	WHERE c.family_id = rf.family_id AND t.dwp_eligible
	  AND t.term_start <= rf.period_end AND t.term_start > rf.period_end - interval '1 year'
	LIMIT 1
) AS tw ON true;
COMMENT ON VIEW @extschema@.family_period_groups IS 'Each registered family per period: its centre, target groups on the reference date and meaningful contacts in the period (person-level)';
COMMENT ON COLUMN @extschema@.family_period_groups.period IS 'period label';
COMMENT ON COLUMN @extschema@.family_period_groups.centre_id IS 'centre whose reach area holds the family''s LSOA on the reference date';
COMMENT ON COLUMN @extschema@.family_period_groups.family_id IS 'family with at least one counted child registered on the reference date';
COMMENT ON COLUMN @extschema@.family_period_groups.contacts IS 'meaningful contacts of the family''s counted children in the period';
COMMENT ON COLUMN @extschema@.family_period_groups.groups IS 'target groups the family belongs to on the reference date';

CREATE VIEW @extschema@.centre_coverage AS
SELECT period, centre_id, @extschema@.coverage(groups, contacts) AS coverage
FROM @extschema@.family_period_groups
GROUP BY period, centre_id;
COMMENT ON VIEW @extschema@.centre_coverage IS 'Each centre''s coverage summary per period, the value take_snapshot stores and sum(coverage) rolls up';
COMMENT ON COLUMN @extschema@.centre_coverage.period IS 'period label';
COMMENT ON COLUMN @extschema@.centre_coverage.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.centre_coverage.coverage IS 'coverage summary of the centre''s registered families';

/*
 * Each centre's coverage value is counted once for the centre, once for its
 * lead partner and once for the county, and summed per unit in one GROUP BY,
 * so the families are worked out once and a period filter reaches them.
 */
CREATE VIEW @extschema@.target_group_coverage AS
WITH units AS (
	SELECT x.level, x.unit_id, x.unit_name, cc.period, @extschema@.sum(cc.coverage) AS coverage
	FROM @extschema@.centre_coverage AS cc
	JOIN @extschema@.centre AS c USING (centre_id)
	LEFT JOIN @extschema@.lot AS l USING (lot_id)
	LEFT JOIN @extschema@.lead_partner AS lp ON lp.lead_partner_id = l.lead_partner_id
	CROSS JOIN LATERAL (VALUES ('centre'::text, c.centre_id, c.name),
							   ('lead_partner', lp.lead_partner_id, lp.name),
							   ('county', 'county', 'County')) AS x(level, unit_id, unit_name)
	WHERE x.unit_id IS NOT NULL
	GROUP BY x.level, x.unit_id, x.unit_name, cc.period
)
SELECT u.level, u.unit_id, u.unit_name, u.period, r.target_group, g.label,
	   r.in_group AS families,
	   @extschema@.part(r.any_contact) AS any_contact,
	   @extschema@.percent(r.any_contact) AS any_contact_pct,
	   @extschema@.part(r.sustained) AS sustained,
	   @extschema@.percent(r.sustained) AS sustained_pct,
	   @extschema@.ofsted_words(r.any_contact) AS any_contact_words,
	   g.national, g.display_order::integer AS display_order
FROM units AS u
CROSS JOIN LATERAL @extschema@.coverage_rows(u.coverage) AS r
JOIN @extschema@.target_group AS g ON g.code = r.target_group;
COMMENT ON VIEW @extschema@.target_group_coverage IS 'Coverage of each target group by centre, lead partner and county per period: registered families in the group, and how many had any and sustained contact';
COMMENT ON COLUMN @extschema@.target_group_coverage.level IS 'centre, lead_partner or county';
COMMENT ON COLUMN @extschema@.target_group_coverage.unit_id IS 'centre id, lead partner id, or county';
COMMENT ON COLUMN @extschema@.target_group_coverage.unit_name IS 'centre or lead partner name, or County';
COMMENT ON COLUMN @extschema@.target_group_coverage.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.target_group_coverage.target_group IS 'target group code';
COMMENT ON COLUMN @extschema@.target_group_coverage.label IS 'target group label (table target_group)';
COMMENT ON COLUMN @extschema@.target_group_coverage.families IS 'registered families in the group (at least one counted child registered on the reference date)';
COMMENT ON COLUMN @extschema@.target_group_coverage.any_contact IS 'of them, families with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.target_group_coverage.any_contact_pct IS 'any_contact as a percentage of families, one decimal place';
COMMENT ON COLUMN @extschema@.target_group_coverage.sustained IS 'of them, families whose meaningful contacts add up to at least sustained_contacts';
COMMENT ON COLUMN @extschema@.target_group_coverage.sustained_pct IS 'sustained as a percentage of families, one decimal place';
COMMENT ON COLUMN @extschema@.target_group_coverage.any_contact_words IS 'Ofsted''s words for any_contact_pct';
COMMENT ON COLUMN @extschema@.target_group_coverage.national IS 'a national target group (false for local_1 ... local_16)';
COMMENT ON COLUMN @extschema@.target_group_coverage.display_order IS 'report order of the group';
/* src/sql/65_report_views.sql: Ofsted status, value for money, outcomes against contact */

/*
 * A centre's latest inspection is its most recent one that took place
 * (postponed and cancelled inspections do not count); a group inspection
 * counts for every centre it lists.
 */
CREATE VIEW @extschema@.ofsted_latest AS
SELECT c.centre_id, c.name AS centre,
	   i.inspection_id, i.inspected_on, i.framework,
	   i.overall::text AS overall, i.overall::integer AS overall_grade,
	   i.access::text AS access, i.quality::text AS quality, i.leadership::text AS leadership,
	   d.next_due,
	   d.next_due < current_date AS overdue
FROM @extschema@.centre AS c
LEFT JOIN LATERAL (
	SELECT i.*
	FROM @extschema@.inspected_centre AS ic
	JOIN @extschema@.ofsted_inspection AS i USING (inspection_id)
	WHERE ic.centre_id = c.centre_id AND i.status NOT IN ('postponed', 'cancelled')
	ORDER BY i.inspected_on DESC, i.inspection_id DESC
	LIMIT 1
) AS i ON true
CROSS JOIN LATERAL (
	SELECT CASE WHEN i.inspection_id IS NOT NULL
				THEN @extschema@.next_inspection_due(i.inspected_on, i.overall)
				ELSE (c.opened_on + make_interval(years => (
						SELECT value::integer FROM @extschema@.setting WHERE name = 'reinspect_years')))::date
		   END AS next_due
) AS d
WHERE c.closed_on IS NULL OR c.closed_on >= current_date;
COMMENT ON VIEW @extschema@.ofsted_latest IS 'Each open centre''s latest Ofsted inspection (group inspections count for every centre listed), when the next is due and whether it is overdue';
COMMENT ON COLUMN @extschema@.ofsted_latest.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.ofsted_latest.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.ofsted_latest.inspection_id IS 'latest inspection that took place; null if never inspected';
COMMENT ON COLUMN @extschema@.ofsted_latest.inspected_on IS 'day of that inspection';
COMMENT ON COLUMN @extschema@.ofsted_latest.framework IS 'inspection framework, e.g. 2013';
COMMENT ON COLUMN @extschema@.ofsted_latest.overall IS 'overall effectiveness: Outstanding, Good, Requires improvement or Inadequate (null if not recorded)';
COMMENT ON COLUMN @extschema@.ofsted_latest.overall_grade IS 'overall effectiveness as a number, 1 (Outstanding) to 4 (Inadequate)';
COMMENT ON COLUMN @extschema@.ofsted_latest.access IS 'access to services by young children and families';
COMMENT ON COLUMN @extschema@.ofsted_latest.quality IS 'quality and impact of practice and services';
COMMENT ON COLUMN @extschema@.ofsted_latest.leadership IS 'effectiveness of leadership, governance and management';
COMMENT ON COLUMN @extschema@.ofsted_latest.next_due IS 'next inspection due: reinspect_ri_years after Requires improvement or Inadequate, else reinspect_years; for a centre never inspected, reinspect_years after it opened (null if its opening is unknown)';
COMMENT ON COLUMN @extschema@.ofsted_latest.overdue IS 'next_due is before today';

/*
 * Value for money: a lot's annual value against the children its centres
 * registered, saw and worked with in each financial year.
 */
CREATE VIEW @extschema@.contract_value AS
SELECT l.lot_id, l.lead_partner_id, r.period AS financial_year, l.annual_value,
	   sum(r.registered)::bigint AS registered,
	   sum(r.seen)::bigint AS seen,
	   sum(r.sustained)::bigint AS sustained,
	   round(l.annual_value / nullif(sum(r.registered), 0), 2) AS cost_per_registered,
	   round(l.annual_value / nullif(sum(r.seen), 0), 2) AS cost_per_seen,
	   round(l.annual_value / nullif(sum(r.sustained), 0), 2) AS cost_per_sustained,
	   count(*)::integer AS centres
FROM @extschema@.lot AS l
JOIN @extschema@.centre AS c USING (lot_id)
JOIN @extschema@.centre_reach AS r ON r.centre_id = c.centre_id AND r.kind = 'year'
GROUP BY l.lot_id, l.lead_partner_id, l.annual_value, r.period;
COMMENT ON VIEW @extschema@.contract_value IS 'Value for money per lot and financial year: annual value per child registered, seen and in sustained contact';
COMMENT ON COLUMN @extschema@.contract_value.lot_id IS 'lot';
COMMENT ON COLUMN @extschema@.contract_value.lead_partner_id IS 'lead partner running the lot';
COMMENT ON COLUMN @extschema@.contract_value.financial_year IS 'financial year, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.contract_value.annual_value IS 'annual value of the lot, in pounds';
COMMENT ON COLUMN @extschema@.contract_value.registered IS 'under-fives registered in the reach areas of the lot''s centres at the year end';
COMMENT ON COLUMN @extschema@.contract_value.seen IS 'under-fives of those reach areas seen in the year';
COMMENT ON COLUMN @extschema@.contract_value.sustained IS 'under-fives of those reach areas in sustained contact in the year';
COMMENT ON COLUMN @extschema@.contract_value.cost_per_registered IS 'annual value per child registered, pounds (null when none)';
COMMENT ON COLUMN @extschema@.contract_value.cost_per_seen IS 'annual value per child seen, pounds (null when none)';
COMMENT ON COLUMN @extschema@.contract_value.cost_per_sustained IS 'annual value per child in sustained contact, pounds (null when none)';
COMMENT ON COLUMN @extschema@.contract_value.centres IS 'centres of the lot reported in the year';

/*
 * Outcomes against contact.  Pupils count for the centre whose reach area
 * held their LSOA at the end of the financial year with the same years
 * (2012/13 -> 31 March 2013), which is also the period of seen_pct.
 * Centres with pupils and a seen_pct are ranked (1 = best, ties share the
 * lower rank) on the percentages as shown.
 */
CREATE VIEW @extschema@.fsp_contact_ranking AS
WITH pupil AS (
	SELECT DISTINCT ON (e.pupil_id)
		   e.pupil_id, e.academic_year, e.gld, e.fsm, a.centre_id
	FROM @extschema@.eyfs_result AS e
	JOIN @extschema@.reach_area AS a
	  ON a.lsoa_code = e.lsoa_code
	 AND a.valid_from <= make_date(substr(e.academic_year, 1, 4)::integer + 1, 3, 31)
	 AND (a.valid_to IS NULL OR a.valid_to >= make_date(substr(e.academic_year, 1, 4)::integer + 1, 3, 31))
	ORDER BY e.pupil_id, a.valid_from DESC
), results AS (
	SELECT academic_year, centre_id,
		   count(*) AS pupils,
		   count(*) FILTER (WHERE gld) AS gld,
		   count(*) FILTER (WHERE fsm) AS fsm_pupils,
		   count(*) FILTER (WHERE fsm AND gld) AS fsm_gld,
		   count(*) FILTER (WHERE fsm IS false) AS other_pupils,
		   count(*) FILTER (WHERE fsm IS false AND gld) AS other_gld
	FROM pupil
	GROUP BY academic_year, centre_id
), both_measures AS (
	SELECT r.*, round(100.0 * r.gld / r.pupils, 1) AS gld_pct, cr.seen_pct
	FROM results AS r
	LEFT JOIN @extschema@.centre_reach AS cr
	  ON cr.centre_id = r.centre_id AND cr.kind = 'year' AND cr.period = replace(r.academic_year, '/', '-')
), ranked AS (
	SELECT b.*,
		   CASE WHEN b.seen_pct IS NOT NULL THEN rank() OVER (PARTITION BY b.academic_year, b.seen_pct IS NOT NULL ORDER BY b.gld_pct DESC) END AS fsp_rank,
		   CASE WHEN b.seen_pct IS NOT NULL THEN rank() OVER (PARTITION BY b.academic_year, b.seen_pct IS NOT NULL ORDER BY b.seen_pct DESC) END AS contact_rank,
		   count(b.seen_pct) OVER (PARTITION BY b.academic_year) AS ranked
	FROM both_measures AS b
)
SELECT r.centre_id, c.name AS centre, r.academic_year, r.pupils, r.gld, r.gld_pct,
	   r.fsp_rank, r.seen_pct, r.contact_rank,
	   @extschema@.quartile_of(r.fsp_rank, r.ranked) AS fsp_quartile,
	   @extschema@.quartile_of(r.contact_rank, r.ranked) AS contact_quartile,
	   @extschema@.quartile_name(@extschema@.quartile_of(r.fsp_rank, r.ranked)) AS fsp_quartile_name,
	   CASE WHEN r.fsp_rank IS NOT NULL THEN
		   CASE WHEN @extschema@.quartile_of(r.fsp_rank, r.ranked) <= 2 THEN 'high outcomes' ELSE 'low outcomes' END
		   || ', ' ||
		   CASE WHEN @extschema@.quartile_of(r.contact_rank, r.ranked) <= 2 THEN 'high contact' ELSE 'low contact' END
	   END AS quadrant,
	   r.fsm_pupils, r.fsm_gld,
	   CASE WHEN r.fsm_pupils > 0 THEN round(100.0 * r.fsm_gld / r.fsm_pupils, 1) END AS fsm_gld_pct,
	   r.other_pupils, r.other_gld,
	   CASE WHEN r.other_pupils > 0 THEN round(100.0 * r.other_gld / r.other_pupils, 1) END AS other_gld_pct,
	   CASE WHEN r.fsm_pupils > 0 AND r.other_pupils > 0
			THEN round(100.0 * r.other_gld / r.other_pupils - 100.0 * r.fsm_gld / r.fsm_pupils, 1) END AS fsm_gap
FROM ranked AS r
JOIN @extschema@.centre AS c ON c.centre_id = r.centre_id;
COMMENT ON VIEW @extschema@.fsp_contact_ranking IS 'Foundation Stage Profile outcomes (GLD) of each reach area against its contact rate, ranked and in quartiles, with the free-school-meals gap';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.academic_year IS 'academic year of the EYFS profile, e.g. 2012/13';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.pupils IS 'pupils assessed who live in the reach area (at the end of the financial year with the same years)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.gld IS 'of them, pupils reaching a Good Level of Development';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.gld_pct IS 'GLD rate, per cent, one decimal place';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_rank IS 'rank by gld_pct among ranked centres, 1 = best; ties share the lower rank; null if not ranked (no seen_pct)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.seen_pct IS 'seen_pct of centre_reach for the financial year with the same years (2012/13: 2012-13)';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.contact_rank IS 'rank by seen_pct, 1 = most contact; ties share the lower rank';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_quartile IS 'quartile of fsp_rank: ceil(4 rank / n), 1 = top';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.contact_quartile IS 'quartile of contact_rank, 1 = top';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsp_quartile_name IS 'report wording of fsp_quartile';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.quadrant IS 'high or low outcomes, high or low contact (quartiles 1-2 are high); low outcomes, low contact is the mismatch that matters';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_pupils IS 'pupils eligible for free school meals';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_gld IS 'of them, reaching GLD';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_gld_pct IS 'GLD rate of FSM pupils, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.other_pupils IS 'pupils known not to be eligible for free school meals';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.other_gld IS 'of them, reaching GLD';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.other_gld_pct IS 'GLD rate of other pupils, per cent';
COMMENT ON COLUMN @extschema@.fsp_contact_ranking.fsm_gap IS 'FSM gap: GLD rate of other pupils minus that of FSM pupils, from counts, rounded last (points)';

CREATE VIEW @extschema@.fsp_contact_correlation AS
SELECT academic_year,
	   count(fsp_rank)::integer AS centres,
	   @extschema@.rank_correlation(fsp_rank, contact_rank)::numeric AS rho
FROM @extschema@.fsp_contact_ranking
GROUP BY academic_year;
COMMENT ON VIEW @extschema@.fsp_contact_correlation IS 'Spearman''s rho between the FSP and contact ranks per academic year (negative: contact is targeted where outcomes are worst)';
COMMENT ON COLUMN @extschema@.fsp_contact_correlation.academic_year IS 'academic year';
COMMENT ON COLUMN @extschema@.fsp_contact_correlation.centres IS 'centres ranked';
COMMENT ON COLUMN @extschema@.fsp_contact_correlation.rho IS 'Spearman''s rank correlation of fsp_rank and contact_rank, ties averaged';

/*
 * Ofsted's mix for the county and for each lead partner: the share of
 * centres whose latest grade is Good or Outstanding, of those with a
 * recorded grade, against the national benchmark (setting
 * ofsted_good_benchmark).
 */
CREATE VIEW @extschema@.ofsted_summary AS
SELECT x.level, x.unit_id, x.unit_name,
	   count(*)::integer AS centres,
	   count(o.overall_grade)::integer AS graded,
	   count(*) FILTER (WHERE o.overall_grade <= 2)::integer AS good_or_outstanding,
	   CASE WHEN count(o.overall_grade) > 0
			THEN round(100.0 * count(*) FILTER (WHERE o.overall_grade <= 2) / count(o.overall_grade), 1) END AS good_or_outstanding_pct,
	   CASE WHEN count(o.overall_grade) > 0
			THEN @extschema@.ofsted_words(@extschema@.proportion(count(*) FILTER (WHERE o.overall_grade <= 2), count(o.overall_grade))) END AS good_or_outstanding_words,
	   (SELECT value::numeric FROM @extschema@.setting WHERE name = 'ofsted_good_benchmark') AS benchmark_pct,
	   count(*) FILTER (WHERE o.overall_grade = 1)::integer AS outstanding,
	   count(*) FILTER (WHERE o.overall_grade = 2)::integer AS good,
	   count(*) FILTER (WHERE o.overall_grade = 3)::integer AS requires_improvement,
	   count(*) FILTER (WHERE o.overall_grade = 4)::integer AS inadequate,
	   count(*) FILTER (WHERE o.inspection_id IS NOT NULL AND o.overall_grade IS NULL)::integer AS grade_not_recorded,
	   count(*) FILTER (WHERE o.inspection_id IS NULL)::integer AS not_inspected
FROM @extschema@.ofsted_latest AS o
JOIN @extschema@.centre AS c USING (centre_id)
LEFT JOIN @extschema@.lot AS l USING (lot_id)
LEFT JOIN @extschema@.lead_partner AS lp ON lp.lead_partner_id = l.lead_partner_id
CROSS JOIN LATERAL (VALUES ('county'::text, 'county'::text, 'County'::text),
						   ('lead_partner', lp.lead_partner_id, lp.name)) AS x(level, unit_id, unit_name)
WHERE x.unit_id IS NOT NULL
GROUP BY x.level, x.unit_id, x.unit_name;
COMMENT ON VIEW @extschema@.ofsted_summary IS 'Latest Ofsted grades of open centres, county and by lead partner: share Good or Outstanding against the national benchmark';
COMMENT ON COLUMN @extschema@.ofsted_summary.level IS 'county or lead_partner';
COMMENT ON COLUMN @extschema@.ofsted_summary.unit_id IS 'lead partner id, or county';
COMMENT ON COLUMN @extschema@.ofsted_summary.unit_name IS 'lead partner name, or County';
COMMENT ON COLUMN @extschema@.ofsted_summary.centres IS 'open centres';
COMMENT ON COLUMN @extschema@.ofsted_summary.graded IS 'centres whose latest inspection has a recorded overall grade';
COMMENT ON COLUMN @extschema@.ofsted_summary.good_or_outstanding IS 'of them, graded Good or Outstanding';
COMMENT ON COLUMN @extschema@.ofsted_summary.good_or_outstanding_pct IS 'good_or_outstanding as a percentage of graded centres';
COMMENT ON COLUMN @extschema@.ofsted_summary.good_or_outstanding_words IS 'Ofsted''s words for good_or_outstanding_pct';
COMMENT ON COLUMN @extschema@.ofsted_summary.benchmark_pct IS 'national share Good or Outstanding to compare with (setting ofsted_good_benchmark, default 69)';
COMMENT ON COLUMN @extschema@.ofsted_summary.outstanding IS 'centres whose latest grade is Outstanding';
COMMENT ON COLUMN @extschema@.ofsted_summary.good IS 'centres whose latest grade is Good';
COMMENT ON COLUMN @extschema@.ofsted_summary.requires_improvement IS 'centres whose latest grade is Requires improvement';
COMMENT ON COLUMN @extschema@.ofsted_summary.inadequate IS 'centres whose latest grade is Inadequate';
COMMENT ON COLUMN @extschema@.ofsted_summary.grade_not_recorded IS 'centres inspected whose latest grade is not recorded';
COMMENT ON COLUMN @extschema@.ofsted_summary.not_inspected IS 'centres never inspected';

/*
 * Each lead partner per financial year: what it runs, what it costs, whom
 * it reaches, and its Ofsted mix.
 */
CREATE VIEW @extschema@.lead_partner_summary AS
WITH lots AS (
	SELECT lead_partner_id, count(*)::integer AS lots, sum(annual_value) AS annual_value
	FROM @extschema@.lot GROUP BY lead_partner_id
), reach AS (
	SELECT l.lead_partner_id, r.period AS financial_year,
		   count(*)::integer AS centres,
		   sum(r.registered)::bigint AS registered, sum(r.seen)::bigint AS seen, sum(r.sustained)::bigint AS sustained
	FROM @extschema@.centre_reach AS r
	JOIN @extschema@.centre AS c USING (centre_id)
	JOIN @extschema@.lot AS l USING (lot_id)
	WHERE r.kind = 'year'
	GROUP BY l.lead_partner_id, r.period
)
SELECT lp.lead_partner_id, lp.name AS lead_partner, lp.sector, r.financial_year,
	   r.centres, lo.lots, lo.annual_value, r.registered, r.seen, r.sustained,
	   round(lo.annual_value / nullif(r.seen, 0), 2) AS cost_per_seen,
	   o.outstanding, o.good, o.requires_improvement, o.inadequate, o.grade_not_recorded, o.not_inspected
FROM @extschema@.lead_partner AS lp
JOIN reach AS r USING (lead_partner_id)
JOIN lots AS lo USING (lead_partner_id)
LEFT JOIN @extschema@.ofsted_summary AS o ON o.level = 'lead_partner' AND o.unit_id = lp.lead_partner_id;
COMMENT ON VIEW @extschema@.lead_partner_summary IS 'Each lead partner per financial year: centres, lots and annual value, children registered, seen and in sustained contact, cost per child seen, and Ofsted mix';
COMMENT ON COLUMN @extschema@.lead_partner_summary.lead_partner_id IS 'lead partner';
COMMENT ON COLUMN @extschema@.lead_partner_summary.lead_partner IS 'lead partner name';
COMMENT ON COLUMN @extschema@.lead_partner_summary.sector IS 'local_authority, voluntary, health, school or private';
COMMENT ON COLUMN @extschema@.lead_partner_summary.financial_year IS 'financial year, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.lead_partner_summary.centres IS 'centres it runs that were open in the year';
COMMENT ON COLUMN @extschema@.lead_partner_summary.lots IS 'lots it holds';
COMMENT ON COLUMN @extschema@.lead_partner_summary.annual_value IS 'annual value of its lots, pounds';
COMMENT ON COLUMN @extschema@.lead_partner_summary.registered IS 'under-fives registered in its centres'' reach areas at the year end';
COMMENT ON COLUMN @extschema@.lead_partner_summary.seen IS 'under-fives of those areas seen in the year';
COMMENT ON COLUMN @extschema@.lead_partner_summary.sustained IS 'under-fives of those areas in sustained contact in the year';
COMMENT ON COLUMN @extschema@.lead_partner_summary.cost_per_seen IS 'annual value per child seen, pounds';
COMMENT ON COLUMN @extschema@.lead_partner_summary.outstanding IS 'its centres whose latest grade is Outstanding';
COMMENT ON COLUMN @extschema@.lead_partner_summary.good IS 'its centres whose latest grade is Good';
COMMENT ON COLUMN @extschema@.lead_partner_summary.requires_improvement IS 'its centres whose latest grade is Requires improvement';
COMMENT ON COLUMN @extschema@.lead_partner_summary.inadequate IS 'its centres whose latest grade is Inadequate';
COMMENT ON COLUMN @extschema@.lead_partner_summary.grade_not_recorded IS 'its centres inspected without a recorded grade';
COMMENT ON COLUMN @extschema@.lead_partner_summary.not_inspected IS 'its centres never inspected';

/*
 * The data pack: registered, seen and sustained percentages, overall and in
 * the most deprived areas, for every LSOA, centre, group, district and the
 * county, each beside the county's value and the county's range at that
 * level.
 */
CREATE VIEW @extschema@.data_pack AS
WITH figures AS (
	SELECT r.level, r.unit_id, r.period, r.period_end,
		   m.measure || CASE WHEN r.scope = 'deprived' THEN '_deprived' ELSE '' END AS measure,
		   m.value
	FROM @extschema@.reach_figures AS r
	CROSS JOIN LATERAL (VALUES ('registered_pct', r.registered_pct), ('seen_pct', r.seen_pct),
							   ('sustained_pct', r.sustained_pct)) AS m(measure, value)
)
SELECT f.level, f.unit_id,
	   CASE f.level WHEN 'lsoa' THEN (SELECT name FROM @extschema@.lsoa WHERE lsoa_code = f.unit_id)
					WHEN 'centre' THEN (SELECT name FROM @extschema@.centre WHERE centre_id = f.unit_id)
					WHEN 'district' THEN (SELECT min(district_name) FROM @extschema@.lsoa WHERE district_code = f.unit_id)
					WHEN 'county' THEN 'County'
					ELSE f.unit_id END AS unit_name,
	   f.period, f.measure, f.value,
	   max(f.value) FILTER (WHERE f.level = 'county') OVER w_period AS county_value,
	   min(f.value) OVER w_level AS county_min,
	   max(f.value) OVER w_level AS county_max
FROM figures AS f
WINDOW w_period AS (PARTITION BY f.period, f.measure),
	   w_level AS (PARTITION BY f.period, f.measure, f.level);
COMMENT ON VIEW @extschema@.data_pack IS 'The data pack in long format: each unit''s registered, seen and sustained percentages (overall and in the most deprived areas) beside the county value and the county''s range at its level';
COMMENT ON COLUMN @extschema@.data_pack.level IS 'lsoa, centre, group, district or county';
COMMENT ON COLUMN @extschema@.data_pack.unit_id IS 'LSOA code, centre id, group id, district code, or county';
COMMENT ON COLUMN @extschema@.data_pack.unit_name IS 'LSOA, centre or district name, group id, or County';
COMMENT ON COLUMN @extschema@.data_pack.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.data_pack.measure IS 'registered_pct, seen_pct, sustained_pct, or the same with _deprived (most deprived LSOAs only)';
COMMENT ON COLUMN @extschema@.data_pack.value IS 'the unit''s percentage of under-fives, one decimal place';
COMMENT ON COLUMN @extschema@.data_pack.county_value IS 'the county''s value of the measure';
COMMENT ON COLUMN @extschema@.data_pack.county_min IS 'lowest value of the measure among the county''s units at this level';
COMMENT ON COLUMN @extschema@.data_pack.county_max IS 'highest value of the measure among the county''s units at this level';
/* src/sql/67_funding_views.sql: support levels and funded early education */

CREATE VIEW @extschema@.support_levels AS
SELECT c.centre_id, c.name AS centre,
	   array_to_string(g.grades::text[], ', ') AS latest_grades,
	   g.inspections,
	   rag.assessed_on AS rag_assessed_on, rag.quality_rag, rag.leadership_rag,
	   @extschema@.support_level(g.grades, rag.quality_rag, rag.leadership_rag) AS level,
	   @extschema@.support_level_name(@extschema@.support_level(g.grades, rag.quality_rag, rag.leadership_rag)) AS level_name
FROM @extschema@.centre AS c
CROSS JOIN LATERAL (
	SELECT array_agg(i.overall ORDER BY i.inspected_on DESC, i.inspection_id DESC)
			   FILTER (WHERE i.overall IS NOT NULL) AS grades,
		   count(*)::integer AS inspections
	FROM @extschema@.inspected_centre AS ic
	JOIN @extschema@.ofsted_inspection AS i USING (inspection_id)
	WHERE ic.centre_id = c.centre_id AND i.status NOT IN ('postponed', 'cancelled')
) AS g
LEFT JOIN LATERAL (
	SELECT r.assessed_on, r.quality_rag, r.leadership_rag
	FROM @extschema@.centre_rag AS r
	WHERE r.centre_id = c.centre_id
	ORDER BY r.assessed_on DESC
	LIMIT 1
) AS rag ON true
WHERE c.closed_on IS NULL OR c.closed_on >= current_date;
COMMENT ON VIEW @extschema@.support_levels IS 'Each open centre''s level in the support and intervention framework, from its Ofsted grades and latest quality and leadership ratings';
COMMENT ON COLUMN @extschema@.support_levels.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.support_levels.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.support_levels.latest_grades IS 'recorded overall grades of its inspections, newest first';
COMMENT ON COLUMN @extschema@.support_levels.inspections IS 'inspections that took place';
COMMENT ON COLUMN @extschema@.support_levels.rag_assessed_on IS 'day of the latest quality and leadership rating';
COMMENT ON COLUMN @extschema@.support_levels.quality_rag IS 'latest quality and impact rating: green, amber or red';
COMMENT ON COLUMN @extschema@.support_levels.leadership_rag IS 'latest leadership and management rating: green, amber or red';
COMMENT ON COLUMN @extschema@.support_levels.level IS 'support level 1-4: the highest any indicator triggers';
COMMENT ON COLUMN @extschema@.support_levels.level_name IS 'Normal, Raised, Supported or Intensive';

/*
 * A child's term belongs to the centre whose reach area holds its family's
 * LSOA on the first day of the term (the later period when two touch).
 */
CREATE VIEW @extschema@.child_term_centre AS
SELECT DISTINCT ON (t.child_id, t.term_start) t.child_id, t.term_start, a.centre_id
FROM (SELECT child_id, term_start FROM @extschema@.two_year_place
	  UNION SELECT child_id, term_start FROM @extschema@.three_four_funding) AS t
JOIN @extschema@.child AS c USING (child_id)
JOIN @extschema@.family AS f USING (family_id)
JOIN @extschema@.reach_area AS a
  ON a.lsoa_code = f.lsoa_code AND a.valid_from <= t.term_start
 AND (a.valid_to IS NULL OR a.valid_to >= t.term_start)
ORDER BY t.child_id, t.term_start, a.valid_from DESC;
COMMENT ON VIEW @extschema@.child_term_centre IS 'The centre each child with funded early education belongs to in each term (person-level)';
COMMENT ON COLUMN @extschema@.child_term_centre.child_id IS 'child';
COMMENT ON COLUMN @extschema@.child_term_centre.term_start IS 'first day of the term';
COMMENT ON COLUMN @extschema@.child_term_centre.centre_id IS 'centre whose reach area holds the family''s LSOA that day';

CREATE VIEW @extschema@.two_year_take_up AS
SELECT c.lot_id, p.term_start,
	   CASE extract(month FROM p.term_start) WHEN 9 THEN 'Autumn ' WHEN 1 THEN 'Spring ' ELSE 'Summer ' END
		   || extract(year FROM p.term_start) AS term,
	   count(*) FILTER (WHERE p.dwp_eligible)::integer AS dwp_eligible,
	   count(*) FILTER (WHERE p.dwp_eligible AND p.taken_up)::integer AS taken_up_dwp,
	   count(*) FILTER (WHERE NOT p.dwp_eligible AND p.taken_up)::integer AS taken_up_local_criteria,
	   count(*) FILTER (WHERE p.taken_up)::integer AS taken_up_total,
	   CASE WHEN count(*) FILTER (WHERE p.dwp_eligible) > 0
			THEN round(100.0 * count(*) FILTER (WHERE p.dwp_eligible AND p.taken_up)
					   / count(*) FILTER (WHERE p.dwp_eligible), 1) END AS take_up_pct,
	   CASE WHEN count(*) FILTER (WHERE p.dwp_eligible) > 0
			THEN round(100.0 * count(*) FILTER (WHERE p.taken_up)
					   / count(*) FILTER (WHERE p.dwp_eligible), 1) END AS total_take_up_pct
FROM @extschema@.two_year_place AS p
JOIN @extschema@.child_term_centre AS t USING (child_id, term_start)
JOIN @extschema@.centre AS c USING (centre_id)
GROUP BY c.lot_id, p.term_start;
COMMENT ON VIEW @extschema@.two_year_take_up IS 'Funded places for 2-year-olds per lot and term: DWP-eligible children, places taken on the original (DWP) and local criteria, and take-up';
COMMENT ON COLUMN @extschema@.two_year_take_up.lot_id IS 'lot of the centre whose reach area the child lives in';
COMMENT ON COLUMN @extschema@.two_year_take_up.term_start IS 'first day of the term';
COMMENT ON COLUMN @extschema@.two_year_take_up.term IS 'term name, e.g. Autumn 2013';
COMMENT ON COLUMN @extschema@.two_year_take_up.dwp_eligible IS 'children on the DWP list of eligible children';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_dwp IS 'of them, children taking a funded place';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_local_criteria IS 'children taking a place under local criteria (not on the DWP list)';
COMMENT ON COLUMN @extschema@.two_year_take_up.taken_up_total IS 'all children taking a funded place';
COMMENT ON COLUMN @extschema@.two_year_take_up.take_up_pct IS 'taken_up_dwp as a percentage of dwp_eligible: take-up on the original criteria';
COMMENT ON COLUMN @extschema@.two_year_take_up.total_take_up_pct IS 'taken_up_total as a percentage of dwp_eligible; may exceed 100 with local criteria';

/*
 * 3- and 4-year-olds: a child is eligible in a term from funded_from(dob)
 * until it starts school, in the September after its fourth birthday
 * (children born 1 September to 31 August start together).
 */
CREATE VIEW @extschema@.three_four_take_up AS
WITH terms AS (
	SELECT DISTINCT term_start FROM @extschema@.three_four_funding
), eligible AS (
	SELECT DISTINCT ON (c.child_id, t.term_start) t.term_start, c.child_id, a.centre_id
	FROM terms AS t
	JOIN @extschema@.child AS c
	  ON @extschema@.funded_from(c.dob) <= t.term_start
	 AND t.term_start < make_date(extract(year FROM c.dob)::integer + 4
								  + CASE WHEN extract(month FROM c.dob) >= 9 THEN 1 ELSE 0 END, 9, 1)
	JOIN @extschema@.family AS f USING (family_id)
	JOIN @extschema@.reach_area AS a
	  ON a.lsoa_code = f.lsoa_code AND a.valid_from <= t.term_start
	 AND (a.valid_to IS NULL OR a.valid_to >= t.term_start)
	WHERE c.dob > t.term_start - interval '6 years'
	ORDER BY c.child_id, t.term_start, a.valid_from DESC
)
SELECT e.centre_id, ce.name AS centre, e.term_start,
	   CASE extract(month FROM e.term_start) WHEN 9 THEN 'Autumn ' WHEN 1 THEN 'Spring ' ELSE 'Summer ' END
		   || extract(year FROM e.term_start) AS term,
	   count(*)::integer AS eligible,
	   count(*) FILTER (WHERE r.in_receipt)::integer AS in_receipt,
	   round(100.0 * count(*) FILTER (WHERE r.in_receipt) / count(*), 1) AS take_up_pct,
	   @extschema@.ofsted_words(@extschema@.proportion(count(*) FILTER (WHERE r.in_receipt), count(*))) AS take_up_words
FROM eligible AS e
JOIN @extschema@.centre AS ce USING (centre_id)
LEFT JOIN @extschema@.three_four_funding AS r
  ON r.child_id = e.child_id AND r.term_start = e.term_start
GROUP BY e.centre_id, ce.name, e.term_start;
COMMENT ON VIEW @extschema@.three_four_take_up IS 'Universal funded early education of 3- and 4-year-olds per centre area and term: eligible children (by funded_from, until they start school), in receipt, and take-up';
COMMENT ON COLUMN @extschema@.three_four_take_up.centre_id IS 'centre whose reach area the children live in on the first day of the term';
COMMENT ON COLUMN @extschema@.three_four_take_up.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.three_four_take_up.term_start IS 'first day of the term';
COMMENT ON COLUMN @extschema@.three_four_take_up.term IS 'term name, e.g. Autumn 2013';
COMMENT ON COLUMN @extschema@.three_four_take_up.eligible IS 'children eligible that term: funded_from(dob) reached and not yet at school';
COMMENT ON COLUMN @extschema@.three_four_take_up.in_receipt IS 'of them, children receiving funded early education';
COMMENT ON COLUMN @extschema@.three_four_take_up.take_up_pct IS 'in_receipt as a percentage of eligible';
COMMENT ON COLUMN @extschema@.three_four_take_up.take_up_words IS 'Ofsted''s words for take_up_pct';
