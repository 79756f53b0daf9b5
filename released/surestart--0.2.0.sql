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

CREATE FUNCTION @extschema@.term_start(date) RETURNS date
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.term_start(date) IS
	'first day of the school term in progress on a date: 1 September (September-December), 1 January (January-March) or 1 April (April-August) of the same year';

CREATE FUNCTION @extschema@.term_name(date) RETURNS text
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.term_name(date) IS
	'name of the school term in progress on a date, such as ''Autumn 2013'' (Autumn from 1 September, Spring from 1 January, Summer from 1 April)';

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
/* src/sql/28_setting_check.sql: the check of setting values (trigger function) */

/*
 * Check a setting's value when it is written, so that a typo fails at once
 * with the expected form rather than later inside a report.  In a part of
 * its own, before 30_reference.sql creates the setting table and its
 * trigger, so that an upgrade that adds settings replaces it whole.
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
		WHEN 'sustained_contacts', 'suppress_below', 'risk_group_min_families',
			 'risk_band_medium_from', 'risk_band_high_from' THEN
			IF v !~ '^[0-9]{1,9}$' OR v::integer < 1 THEN
				expected := 'a whole number of at least 1';
			END IF;
		WHEN 'reinspect_ri_years', 'reinspect_years' THEN
			IF v !~ '^[0-9]{1,2}$' OR v::integer NOT BETWEEN 1 AND 20 THEN
				expected := 'a whole number of years from 1 to 20';
			END IF;
		WHEN 'risk_weight_registration', 'risk_weight_deprived_registration', 'risk_weight_low_contact',
			 'risk_weight_target_group', 'risk_weight_fsp_quadrant', 'risk_weight_rag_amber',
			 'risk_weight_rag_red', 'risk_weight_grade_ri', 'risk_weight_grade_inadequate',
			 'risk_weight_overdue', 'governance_board_meetings' THEN
			IF v !~ '^[0-9]{1,2}$' THEN
				expected := 'a whole number from 0 to 99';
			END IF;
		WHEN 'deprived_percent', 'ofsted_good_benchmark', 'risk_registration_below',
			 'risk_deprived_registration_below', 'risk_group_any_contact_below' THEN
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
					  HINT = 'Known settings: sustained_contacts, deprived_index, deprived_percent, suppress_below, reinspect_ri_years, reinspect_years, ofsted_good_benchmark, risk_registration_below, risk_deprived_registration_below, risk_group_min_families, risk_group_any_contact_below, risk_weight_registration, risk_weight_deprived_registration, risk_weight_low_contact, risk_weight_target_group, risk_weight_fsp_quadrant, risk_weight_rag_amber, risk_weight_rag_red, risk_weight_grade_ri, risk_weight_grade_inadequate, risk_weight_overdue, risk_band_medium_from, risk_band_high_from, governance_board_meetings.';
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
	('ofsted_good_benchmark', '69', true),
	('risk_registration_below', '65', true),
	('risk_deprived_registration_below', '80', true),
	('risk_group_min_families', '10', true),
	('risk_group_any_contact_below', '65', true),
	('risk_weight_registration', '1', true),
	('risk_weight_deprived_registration', '1', true),
	('risk_weight_low_contact', '1', true),
	('risk_weight_target_group', '1', true),
	('risk_weight_fsp_quadrant', '1', true),
	('risk_weight_rag_amber', '1', true),
	('risk_weight_rag_red', '2', true),
	('risk_weight_grade_ri', '1', true),
	('risk_weight_grade_inadequate', '2', true),
	('risk_weight_overdue', '1', true),
	('risk_band_medium_from', '2', true),
	('risk_band_high_from', '4', true),
	('governance_board_meetings', '3', true);

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
COMMENT ON CONSTRAINT academic_year_must_be_like_2012_13 ON @extschema@.eyfs_result IS 'is not an academic year like 2012/13';

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
COMMENT ON CONSTRAINT term_start_must_be_1_january_1_april_or_1_september ON @extschema@.two_year_place IS 'is not a term start (1 January, 1 April or 1 September)';

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
COMMENT ON CONSTRAINT term_start_must_be_1_january_1_april_or_1_september ON @extschema@.three_four_funding IS 'is not a term start (1 January, 1 April or 1 September)';

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
COMMENT ON CONSTRAINT financial_year_must_be_like_2013_14 ON @extschema@.building_fund IS 'is not a financial year like 2013-14';

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
COMMENT ON CONSTRAINT financial_year_must_be_like_2013_14 ON @extschema@.centre_target IS 'is not a financial year like 2013-14';

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
/* src/sql/45_access.sql: who may see which centres (partner_member and the visibility views) */

/*
 * The reporting views (60_ and later) filter their rows through the views
 * below, so these come before them; the roles, grants, row-level security
 * policies and published views are in 90_security.sql.
 *
 * The model, in short (the README's Security section has it in full):
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
 *
 * SECURITY DEFINER (reviewed): functions called from a view run with the
 * caller's rights, and analysts and BI readers, who may not read contact or
 * registration, must still be able to read the reporting views.  It returns
 * only the first and last dates' financial periods, reads two fixed tables
 * with schema-qualified names, takes no argument and runs no dynamic SQL;
 * search_path is pinned.  EXECUTE stays granted to PUBLIC on purpose.
 */
CREATE FUNCTION @extschema@.reporting_periods()
RETURNS TABLE (period text, kind text, period_start date, period_end date)
LANGUAGE plpgsql STABLE PARALLEL SAFE ROWS 12 SECURITY DEFINER
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

/*
 * kind is among the DISTINCT ON keys although the period determines it: a
 * filter on kind can then reach reporting_periods() instead of being applied
 * above the DISTINCT ON, where the planner would guess one row and rescan the
 * per-LSOA counts in nested loops (a 25 s query on the demo against 0.13 s).
 * meaningful_contact does the same.
 */
CREATE VIEW @extschema@.period_reach_area AS
SELECT DISTINCT ON (p.period, p.kind, r.lsoa_code)
	   p.period, p.kind, p.period_start, p.period_end, r.lsoa_code, r.centre_id
FROM @extschema@.reporting_period AS p
JOIN @extschema@.reach_area AS r
  ON r.valid_from <= p.period_end AND (r.valid_to IS NULL OR r.valid_to >= p.period_end)
ORDER BY p.period, p.kind, r.lsoa_code, r.valid_from DESC;
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
(SELECT DISTINCT ON (cc.period, cc.kind, cc.child_id, k.mode, @extschema@.term_start(k.contact_on))
	   cc.period, cc.kind, cc.lsoa_code, cc.centre_id, cc.child_id, cc.family_id, k.contact_id
FROM @extschema@.counted_child AS cc
JOIN @extschema@.contact AS k
  ON k.child_id = cc.child_id AND k.contact_on BETWEEN cc.period_start AND cc.period_end
JOIN @extschema@.contact_rule AS r ON r.mode = k.mode AND r.counts = 'once_per_term'
ORDER BY cc.period, cc.kind, cc.child_id, k.mode, @extschema@.term_start(k.contact_on), k.contact_on, k.contact_id);
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
			THEN @extschema@.ofsted_words(@extschema@.proportion(seen, under_fives)) END AS seen_words,
	   level IN ('district', 'county') OR any_visible AS visible
FROM (
	SELECT x.level, x.unit_id, s.scope, l.period, l.kind, l.period_start, l.period_end,
		   sum(l.under_fives)::bigint AS under_fives, sum(l.registered)::bigint AS registered,
		   sum(l.seen)::bigint AS seen, sum(l.sustained)::bigint AS sustained,
		   sum(l.families_seen)::bigint AS families_seen, sum(l.families_sustained)::bigint AS families_sustained,
		   bool_or(l.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)) AS any_visible
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
COMMENT ON COLUMN @extschema@.reach_figures.visible IS 'the current user may see the row (visible_centre): an LSOA or centre of a visible centre, a group with one, every district and the county (comparators)';

/*
 * reach_figures itself is unfiltered (its group, district and county rows
 * add up every centre whoever asks), so it is an internal view that
 * partners are not granted; the views partners read filter on its visible
 * column or on visible_centre.
 *
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
WHERE scope = 'all'
  AND centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.centre_reach IS 'Reach of each centre per financial quarter and year: under-fives of its reach area, registered, seen and sustained, children and families';

CREATE VIEW @extschema@.centre_reach_deprived AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind
FROM @extschema@.centre_reach_scoped
WHERE scope = 'deprived'
  AND centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
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
WHERE r.level = 'lsoa' AND r.scope = 'all'
  AND a.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
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
 * A partner sees its own centres and lead partners and the county (the
 * county rows add up every centre, as the comparator).
 *
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
JOIN @extschema@.target_group AS g ON g.code = r.target_group
WHERE u.level = 'county'
   OR (u.level = 'centre' AND u.unit_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v))
   OR (u.level = 'lead_partner' AND u.unit_id IN (SELECT v.lead_partner_id FROM @extschema@.visible_lead_partner AS v));
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
CREATE VIEW @extschema@.ofsted_latest_all AS
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

/* What users read: the centres they may see (visible_centre). */
CREATE VIEW @extschema@.ofsted_latest AS
SELECT centre_id, centre, inspection_id, inspected_on, framework, overall, overall_grade,
	   access, quality, leadership, next_due, overdue
FROM @extschema@.ofsted_latest_all
WHERE centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
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
COMMENT ON VIEW @extschema@.ofsted_latest_all IS 'ofsted_latest for every open centre, whoever asks: the base of ofsted_summary (internal, not granted to partners)';


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
WHERE l.lead_partner_id IN (SELECT v.lead_partner_id FROM @extschema@.visible_lead_partner AS v)
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
CREATE VIEW @extschema@.fsp_contact_ranking_all AS
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
	LEFT JOIN @extschema@.centre_reach_scoped AS cr
	  ON cr.scope = 'all' AND cr.centre_id = r.centre_id AND cr.kind = 'year' AND cr.period = replace(r.academic_year, '/', '-')
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

/* Ranks are among every centre; users read the rows of the centres they may see. */
CREATE VIEW @extschema@.fsp_contact_ranking AS
SELECT centre_id, centre, academic_year, pupils, gld, gld_pct, fsp_rank, seen_pct, contact_rank,
	   fsp_quartile, contact_quartile, fsp_quartile_name, quadrant, fsm_pupils, fsm_gld, fsm_gld_pct,
	   other_pupils, other_gld, other_gld_pct, fsm_gap
FROM @extschema@.fsp_contact_ranking_all
WHERE centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
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
COMMENT ON VIEW @extschema@.fsp_contact_ranking_all IS 'fsp_contact_ranking for every centre, whoever asks: the base of fsp_contact_correlation (internal, not granted to partners)';

/* The internal bases carry their public views' column comments. */
DO $$
DECLARE
	pair text[];
	col record;
BEGIN
	FOREACH pair SLICE 1 IN ARRAY ARRAY[['ofsted_latest_all', 'ofsted_latest'], ['fsp_contact_ranking_all', 'fsp_contact_ranking']] LOOP
		FOR col IN
			SELECT a.attname, pg_catalog.col_description(f.attrelid, f.attnum) AS text
			FROM pg_catalog.pg_attribute AS a
			JOIN pg_catalog.pg_attribute AS f
			  ON f.attrelid = pg_catalog.format('@extschema@.%I', pair[2])::pg_catalog.regclass AND f.attname = a.attname
			WHERE a.attrelid = pg_catalog.format('@extschema@.%I', pair[1])::pg_catalog.regclass
			  AND a.attnum > 0
		LOOP
			EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', pair[1], col.attname, col.text);
		END LOOP;
	END LOOP;
END
$$;

CREATE VIEW @extschema@.fsp_contact_correlation AS
SELECT academic_year,
	   count(fsp_rank)::integer AS centres,
	   @extschema@.rank_correlation(fsp_rank, contact_rank)::numeric AS rho
FROM @extschema@.fsp_contact_ranking_all
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
FROM @extschema@.ofsted_latest_all AS o
JOIN @extschema@.centre AS c USING (centre_id)
LEFT JOIN @extschema@.lot AS l USING (lot_id)
LEFT JOIN @extschema@.lead_partner AS lp ON lp.lead_partner_id = l.lead_partner_id
CROSS JOIN LATERAL (VALUES ('county'::text, 'county'::text, 'County'::text),
						   ('lead_partner', lp.lead_partner_id, lp.name)) AS x(level, unit_id, unit_name)
WHERE x.unit_id IS NOT NULL
  AND (x.level = 'county' OR x.unit_id IN (SELECT v.lead_partner_id FROM @extschema@.visible_lead_partner AS v))
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
LEFT JOIN @extschema@.ofsted_summary AS o ON o.level = 'lead_partner' AND o.unit_id = lp.lead_partner_id
WHERE lp.lead_partner_id IN (SELECT v.lead_partner_id FROM @extschema@.visible_lead_partner AS v);
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
 * level.  The county's value and range come from every unit; a partner
 * then sees the rows of its own units (reach_figures.visible) beside them.
 */
CREATE VIEW @extschema@.data_pack AS
WITH figures AS (
	SELECT r.level, r.unit_id, r.period, r.period_end,
		   m.measure || CASE WHEN r.scope = 'deprived' THEN '_deprived' ELSE '' END AS measure,
		   m.value, r.visible
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
	   f.period, f.measure, f.value, f.county_value, f.county_min, f.county_max
FROM (
	SELECT f.*,
		   max(f.value) FILTER (WHERE f.level = 'county') OVER w_period AS county_value,
		   min(f.value) OVER w_level AS county_min,
		   max(f.value) OVER w_level AS county_max
	FROM figures AS f
	WINDOW w_period AS (PARTITION BY f.period, f.measure),
		   w_level AS (PARTITION BY f.period, f.measure, f.level)
) AS f
WHERE f.visible;
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
/* src/sql/67_funding_views.sql: funded early education (support_levels is in 85_support_levels.sql, after inspection_risk) */

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
	   @extschema@.term_name(p.term_start) AS term,
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
WHERE c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)
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
 * (children born 1 September to 31 August start together).  Children
 * recorded in receipt in a term when they are not eligible by age (early,
 * or still funded after the school-start date) are not dropped: they are
 * counted apart, in in_receipt_not_eligible, for the council to check.
 */
CREATE VIEW @extschema@.three_four_take_up AS
WITH terms AS (
	SELECT DISTINCT term_start FROM @extschema@.three_four_funding
), candidate AS (
	SELECT t.term_start, c.child_id
	FROM terms AS t
	JOIN @extschema@.child AS c
	  ON @extschema@.funded_from(c.dob) <= t.term_start
	 AND t.term_start < make_date(extract(year FROM c.dob)::integer + 4
								  + CASE WHEN extract(month FROM c.dob) >= 9 THEN 1 ELSE 0 END, 9, 1)
	WHERE c.dob > t.term_start - interval '6 years'
	UNION
	SELECT r.term_start, r.child_id FROM @extschema@.three_four_funding AS r WHERE r.in_receipt
), placed AS (
	SELECT DISTINCT ON (x.child_id, x.term_start) x.term_start, x.child_id, a.centre_id,
		   @extschema@.funded_from(c.dob) <= x.term_start
		   AND x.term_start < make_date(extract(year FROM c.dob)::integer + 4
										+ CASE WHEN extract(month FROM c.dob) >= 9 THEN 1 ELSE 0 END, 9, 1) AS eligible
	FROM candidate AS x
	JOIN @extschema@.child AS c USING (child_id)
	JOIN @extschema@.family AS f USING (family_id)
	JOIN @extschema@.reach_area AS a
	  ON a.lsoa_code = f.lsoa_code AND a.valid_from <= x.term_start
	 AND (a.valid_to IS NULL OR a.valid_to >= x.term_start)
	ORDER BY x.child_id, x.term_start, a.valid_from DESC
)
SELECT p.centre_id, ce.name AS centre, p.term_start,
	   @extschema@.term_name(p.term_start) AS term,
	   count(*) FILTER (WHERE p.eligible)::integer AS eligible,
	   count(*) FILTER (WHERE p.eligible AND r.in_receipt)::integer AS in_receipt,
	   round(100.0 * count(*) FILTER (WHERE p.eligible AND r.in_receipt)
			 / nullif(count(*) FILTER (WHERE p.eligible), 0), 1) AS take_up_pct,
	   @extschema@.ofsted_words(@extschema@.proportion(count(*) FILTER (WHERE p.eligible AND r.in_receipt),
														count(*) FILTER (WHERE p.eligible))) AS take_up_words,
	   count(*) FILTER (WHERE NOT p.eligible AND r.in_receipt)::integer AS in_receipt_not_eligible
FROM placed AS p
JOIN @extschema@.centre AS ce USING (centre_id)
LEFT JOIN @extschema@.three_four_funding AS r
  ON r.child_id = p.child_id AND r.term_start = p.term_start
WHERE p.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)
GROUP BY p.centre_id, ce.name, p.term_start;
COMMENT ON VIEW @extschema@.three_four_take_up IS 'Universal funded early education of 3- and 4-year-olds per centre area and term: eligible children (by funded_from, until they start school), in receipt, and take-up';
COMMENT ON COLUMN @extschema@.three_four_take_up.centre_id IS 'centre whose reach area the children live in on the first day of the term';
COMMENT ON COLUMN @extschema@.three_four_take_up.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.three_four_take_up.term_start IS 'first day of the term';
COMMENT ON COLUMN @extschema@.three_four_take_up.term IS 'term name, e.g. Autumn 2013';
COMMENT ON COLUMN @extschema@.three_four_take_up.eligible IS 'children eligible that term: funded_from(dob) reached and not yet at school';
COMMENT ON COLUMN @extschema@.three_four_take_up.in_receipt IS 'of them, children receiving funded early education';
COMMENT ON COLUMN @extschema@.three_four_take_up.take_up_pct IS 'in_receipt as a percentage of eligible (null when none is eligible)';
COMMENT ON COLUMN @extschema@.three_four_take_up.take_up_words IS 'Ofsted''s words for take_up_pct';
COMMENT ON COLUMN @extschema@.three_four_take_up.in_receipt_not_eligible IS 'children recorded in receipt that term who are not eligible by age then (before funded_from, or at school age): a data check';
/* src/sql/70_snapshots.sql: quarterly snapshots and the trend views over them */

/*
 * take_snapshot() copies what centre_reach and centre_coverage show for a
 * period into these two tables, so that the history survives later changes
 * to the data (corrected records, purged person-level rows, moved reach
 * areas, a new sustained threshold) and BI tools read it without
 * recomputing.  One row per centre and period; a period is a financial
 * quarter or year, told apart by its label ('2013-14 Q4' or '2013-14').
 *
 * centre_id does not reference centre: a snapshot is history and outlives
 * the centre's row, so it keeps the centre's name as it was then.  Partners
 * read only their own centres' rows: 90_security.sql puts both tables
 * under row-level security with the other centre-level tables.
 */
/* The checks both snapshot tables make of a stored period. */
CREATE FUNCTION @extschema@.snapshot_period_fits_kind(period text, kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN kind = 'quarter' THEN period ~ '^[0-9]{4}-[0-9]{2} Q[1-4]$'
			ELSE period ~ '^[0-9]{4}-[0-9]{2}$' END
$$;
COMMENT ON FUNCTION @extschema@.snapshot_period_fits_kind(text, text) IS
	'true when a snapshot period label has the form of its kind: 2013-14 Q4 for a quarter, 2013-14 for a year';

CREATE FUNCTION @extschema@.snapshot_period_has_bounds(period text, period_start date, period_end date) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT CASE WHEN period ~ '^[0-9]{4}-[0-9]{2}( Q[1-4])?$'
				 AND (substr(period, 1, 4)::integer + 1) % 100 = substr(period, 6, 2)::integer
			THEN (SELECT b.period_start = snapshot_period_has_bounds.period_start
						 AND b.period_end = snapshot_period_has_bounds.period_end
				  FROM @extschema@.financial_period_bounds(period) AS b)
			ELSE false END
$$;
COMMENT ON FUNCTION @extschema@.snapshot_period_has_bounds(text, date, date) IS
	'true when period_start and period_end are the first and last days of a valid financial period label';

CREATE TABLE @extschema@.reach_snapshot (
	centre_id text NOT NULL
		CONSTRAINT centre_id_must_not_be_empty CHECK (btrim(centre_id) <> ''),
	centre text,
	period text NOT NULL,
	kind text NOT NULL
		CONSTRAINT kind_must_be_quarter_or_year CHECK (kind IN ('quarter', 'year')),
	period_start date NOT NULL,
	period_end date NOT NULL,
	under_fives bigint NOT NULL,
	registered bigint NOT NULL,
	registered_pct numeric,
	seen bigint NOT NULL,
	seen_pct numeric,
	sustained bigint NOT NULL,
	sustained_pct numeric,
	families_seen bigint NOT NULL,
	families_sustained bigint NOT NULL,
	registered_words text,
	seen_words text,
	sustained_contacts integer
		CONSTRAINT sustained_contacts_must_be_positive CHECK (sustained_contacts >= 1),
	taken_at timestamptz NOT NULL,
	taken_by text NOT NULL
		CONSTRAINT taken_by_must_not_be_empty CHECK (btrim(taken_by) <> ''),
	CONSTRAINT one_reach_snapshot_row_per_centre_and_period PRIMARY KEY (centre_id, period),
	CONSTRAINT "period_must_be_like_2013-14_Q4_or_2013-14_as_its_kind_says"
		CHECK (@extschema@.snapshot_period_fits_kind(period, kind)),
	CONSTRAINT period_start_and_end_must_be_the_bounds_of_the_period
		CHECK (@extschema@.snapshot_period_has_bounds(period, period_start, period_end)),
	CONSTRAINT counts_must_not_be_negative
		CHECK (under_fives >= 0 AND registered >= 0 AND seen >= 0 AND sustained >= 0
			   AND families_seen >= 0 AND families_sustained >= 0)
);
COMMENT ON TABLE @extschema@.reach_snapshot IS 'Stored centre_reach figures, one row per centre and period, written by take_snapshot(); read them through reach_trend';
COMMENT ON COLUMN @extschema@.reach_snapshot.centre_id IS 'centre (not a foreign key: the history outlives the centre''s row)';
COMMENT ON COLUMN @extschema@.reach_snapshot.centre IS 'centre name when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.period IS 'period label: 2013-14 Q4 for a financial quarter, 2013-14 for a financial year';
COMMENT ON COLUMN @extschema@.reach_snapshot.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.reach_snapshot.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.reach_snapshot.period_end IS 'last day of the period, the reference date of its counts';
COMMENT ON COLUMN @extschema@.reach_snapshot.under_fives IS 'centre_reach.under_fives when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.registered IS 'centre_reach.registered when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.registered_pct IS 'centre_reach.registered_pct when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.seen IS 'centre_reach.seen when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.seen_pct IS 'centre_reach.seen_pct when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.sustained IS 'centre_reach.sustained when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.sustained_pct IS 'centre_reach.sustained_pct when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.families_seen IS 'centre_reach.families_seen when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.families_sustained IS 'centre_reach.families_sustained when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.registered_words IS 'centre_reach.registered_words when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.seen_words IS 'centre_reach.seen_words when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_snapshot.sustained_contacts IS 'the sustained_contacts setting the figures were counted with';
COMMENT ON COLUMN @extschema@.reach_snapshot.taken_at IS 'when the snapshot was taken (start of its transaction)';
COMMENT ON COLUMN @extschema@.reach_snapshot.taken_by IS 'session user that took it (the scheduling role for a pg_cron job)';

CREATE TABLE @extschema@.coverage_snapshot (
	centre_id text NOT NULL
		CONSTRAINT centre_id_must_not_be_empty CHECK (btrim(centre_id) <> ''),
	centre text,
	period text NOT NULL,
	kind text NOT NULL
		CONSTRAINT kind_must_be_quarter_or_year CHECK (kind IN ('quarter', 'year')),
	period_start date NOT NULL,
	period_end date NOT NULL,
	coverage @extschema@.coverage NOT NULL,
	taken_at timestamptz NOT NULL,
	taken_by text NOT NULL
		CONSTRAINT taken_by_must_not_be_empty CHECK (btrim(taken_by) <> ''),
	CONSTRAINT one_coverage_snapshot_row_per_centre_and_period PRIMARY KEY (centre_id, period),
	CONSTRAINT "period_must_be_like_2013-14_Q4_or_2013-14_as_its_kind_says"
		CHECK (@extschema@.snapshot_period_fits_kind(period, kind)),
	CONSTRAINT period_start_and_end_must_be_the_bounds_of_the_period
		CHECK (@extschema@.snapshot_period_has_bounds(period, period_start, period_end))
);
COMMENT ON TABLE @extschema@.coverage_snapshot IS 'Stored centre_coverage values, one row per centre (with registered families) and period, written by take_snapshot(); read them through coverage_trend';
COMMENT ON COLUMN @extschema@.coverage_snapshot.centre_id IS 'centre (not a foreign key: the history outlives the centre''s row)';
COMMENT ON COLUMN @extschema@.coverage_snapshot.centre IS 'centre name when the snapshot was taken';
COMMENT ON COLUMN @extschema@.coverage_snapshot.period IS 'period label: 2013-14 Q4 for a financial quarter, 2013-14 for a financial year';
COMMENT ON COLUMN @extschema@.coverage_snapshot.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.coverage_snapshot.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.coverage_snapshot.period_end IS 'last day of the period, the reference date of its counts';
COMMENT ON COLUMN @extschema@.coverage_snapshot.coverage IS 'centre_coverage.coverage when the snapshot was taken (it remembers its sustained threshold)';
COMMENT ON COLUMN @extschema@.coverage_snapshot.taken_at IS 'when the snapshot was taken (start of its transaction)';
COMMENT ON COLUMN @extschema@.coverage_snapshot.taken_by IS 'session user that took it (the scheduling role for a pg_cron job)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.reach_snapshot', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.coverage_snapshot', '');

/*
 * The scheduled-job entry point.  From the date given (by default today) it
 * picks the latest financial quarter that ended on or before it, and also
 * the financial year when that quarter is Q4, i.e. when a year ended on the
 * same day: 2014-03-31 and 2014-04-01 store 2013-14 Q4 and 2013-14;
 * 2014-06-30 stores 2014-15 Q1 only.  For each period it replaces the
 * stored rows with what centre_reach and centre_coverage show now, in two
 * set-wise statements per table, and returns one row per period stored.
 *
 * Atomic: it runs in its caller's transaction, so everything or nothing is
 * stored.  Concurrent calls serialise on a transaction-level advisory lock
 * with the fixed key 6013838656940171632 (the bytes of 'SureSnap' read as a
 * big-endian bigint), taken before anything is read; in READ COMMITTED the
 * second caller then sees and replaces the first one's rows.  (A caller in
 * REPEATABLE READ or SERIALIZABLE whose snapshot predates the other's commit
 * gets a unique violation to retry instead; the keys never allow duplicates.)
 *
 * SECURITY DEFINER, owned by the extension's owner: the scheduling role
 * needs no rights on the snapshot tables or the data tables, and the figures
 * are the whole county's, never cut down by the row-level security a
 * partner or reader role may be under.  So EXECUTE is revoked from PUBLIC:
 * grant it to the role that schedules the job.  taken_by records the
 * session user, who asked, not the owner.  JIT is turned off for the call,
 * as the reach views need (README, Performance).  The views are filtered on
 * the period label alone (labels differ between quarters and years): an
 * extra filter on kind makes the planner expect one reach-area row and
 * repeat the per-LSOA aggregation for each of them, a hundred times slower.
 */
CREATE FUNCTION @extschema@.take_snapshot(period_end date DEFAULT CURRENT_DATE)
RETURNS TABLE (period text, kind text, first_day date, last_day date,
			   centres integer, coverage_centres integer, taken_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
	asked date := take_snapshot.period_end;
	first_allowed constant date := date '1999-06-30';
	quarter_end date;
	wanted record;
	threshold integer;
	now_at timestamptz := pg_catalog.now();
	asked_by text := SESSION_USER;
BEGIN
	IF asked IS NULL THEN
		RAISE EXCEPTION 'snapshot date must not be null'
			USING ERRCODE = 'null_value_not_allowed',
				  HINT = 'Call take_snapshot() without an argument for today, or pass the last day of the quarter to store.';
	END IF;
	IF NOT pg_catalog.isfinite(asked) THEN
		RAISE EXCEPTION 'snapshot date "%" is not a finite date', asked
			USING ERRCODE = 'datetime_field_overflow',
				  DETAIL = pg_catalog.format('Expected a date from %s to today.', first_allowed);
	END IF;
	IF asked < first_allowed THEN
		RAISE EXCEPTION 'snapshot date "%" is before the first Sure Start quarter', asked
			USING ERRCODE = 'datetime_field_overflow',
				  DETAIL = pg_catalog.format('Expected a date from %s (the end of 1999-00 Q1) to today.', first_allowed);
	END IF;
	IF asked > CURRENT_DATE THEN
		RAISE EXCEPTION 'snapshot date "%" is in the future', asked
			USING ERRCODE = 'datetime_field_overflow',
				  DETAIL = pg_catalog.format('Expected a date from %s to today: a quarter is stored once it has ended.', first_allowed);
	END IF;

	PERFORM pg_catalog.pg_advisory_xact_lock(6013838656940171632);

	/* Quarters end on the last day of March, June, September and December. */
	quarter_end := (pg_catalog.date_trunc('quarter', (asked + 1)::timestamp) - interval '1 day')::date;
	SELECT s.value::integer INTO threshold FROM @extschema@.setting AS s WHERE s.name = 'sustained_contacts';

	FOR wanted IN
		SELECT p.label, p.kind, b.period_start, b.period_end
		FROM (VALUES (@extschema@.financial_quarter(quarter_end), 'quarter'::text, 1),
					 (CASE WHEN pg_catalog.date_part('month', quarter_end) = 3
						   THEN @extschema@.financial_year(quarter_end) END, 'year', 2)) AS p(label, kind, ord)
		CROSS JOIN LATERAL @extschema@.financial_period_bounds(p.label) AS b
		WHERE p.label IS NOT NULL
		ORDER BY p.ord
	LOOP
		DELETE FROM @extschema@.reach_snapshot AS s WHERE s.period = wanted.label;
		INSERT INTO @extschema@.reach_snapshot
			(centre_id, centre, period, kind, period_start, period_end,
			 under_fives, registered, registered_pct, seen, seen_pct, sustained, sustained_pct,
			 families_seen, families_sustained, registered_words, seen_words,
			 sustained_contacts, taken_at, taken_by)
		SELECT r.centre_id, r.centre, r.period, r.kind, r.period_start, r.period_end,
			   r.under_fives, r.registered, r.registered_pct, r.seen, r.seen_pct, r.sustained, r.sustained_pct,
			   r.families_seen, r.families_sustained, r.registered_words, r.seen_words,
			   threshold, now_at, asked_by
		FROM @extschema@.centre_reach AS r
		WHERE r.period = wanted.label;
		GET DIAGNOSTICS centres = ROW_COUNT;

		DELETE FROM @extschema@.coverage_snapshot AS s WHERE s.period = wanted.label;
		INSERT INTO @extschema@.coverage_snapshot
			(centre_id, centre, period, kind, period_start, period_end, coverage, taken_at, taken_by)
		SELECT cc.centre_id, c.name, cc.period, wanted.kind, wanted.period_start, wanted.period_end,
			   cc.coverage, now_at, asked_by
		FROM @extschema@.centre_coverage AS cc
		LEFT JOIN @extschema@.centre AS c ON c.centre_id = cc.centre_id
		WHERE cc.period = wanted.label;
		GET DIAGNOSTICS coverage_centres = ROW_COUNT;

		period := wanted.label;
		kind := wanted.kind;
		first_day := wanted.period_start;
		last_day := wanted.period_end;
		taken_at := now_at;
		RETURN NEXT;
	END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.take_snapshot(date) FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.take_snapshot(date) IS
	'scheduled-job entry point: stores the centre_reach figures and centre_coverage values of the latest financial quarter that ended on or before the date (default today), and of the financial year when that quarter is Q4; replaces that period''s rows (idempotent), atomic, serialised by advisory lock 6013838656940171632; returns one row per period stored. SECURITY DEFINER (county-wide figures whatever the caller''s row-level security): EXECUTE is granted to no one by default';

/*
 * The trend views read only the snapshot tables, and show a partner
 * (45_access.sql) only its own centres' rows; other users see every stored
 * row, a centre since deleted included.  The changes compare each
 * row with the centre's previous stored period of the same kind (by end
 * date), named in previous_period, so a missing quarter shows as a longer
 * step rather than silently.
 */
CREATE VIEW @extschema@.reach_trend AS
SELECT s.centre_id, s.centre, s.period, s.period_end, s.taken_at,
	   s.under_fives, s.registered, s.registered_pct, s.seen, s.seen_pct, s.sustained, s.sustained_pct,
	   s.kind, s.period_start, s.families_seen, s.families_sustained, s.sustained_contacts, s.taken_by,
	   lag(s.period) OVER w AS previous_period,
	   s.registered - lag(s.registered) OVER w AS registered_change,
	   s.seen - lag(s.seen) OVER w AS seen_change,
	   s.sustained - lag(s.sustained) OVER w AS sustained_change
FROM @extschema@.reach_snapshot AS s
WHERE NOT (SELECT @extschema@.partner_restricted())
   OR s.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)
WINDOW w AS (PARTITION BY s.centre_id, s.kind ORDER BY s.period_end);
COMMENT ON VIEW @extschema@.reach_trend IS 'Reach of each centre per stored snapshot period (take_snapshot), with the change since the centre''s previous stored period of the same kind';
COMMENT ON COLUMN @extschema@.reach_trend.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.reach_trend.centre IS 'centre name when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_trend.period IS 'period label: 2013-14 Q4 or 2013-14';
COMMENT ON COLUMN @extschema@.reach_trend.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.reach_trend.taken_at IS 'when the snapshot was taken';
COMMENT ON COLUMN @extschema@.reach_trend.under_fives IS 'persons aged 0-4 in the reach area (ONS estimate)';
COMMENT ON COLUMN @extschema@.reach_trend.registered IS 'under-fives living in the area registered at any centre on the reference date';
COMMENT ON COLUMN @extschema@.reach_trend.registered_pct IS 'registered as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_trend.seen IS 'under-fives living in the area with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.reach_trend.seen_pct IS 'seen as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_trend.sustained IS 'under-fives with at least sustained_contacts meaningful contacts in the period';
COMMENT ON COLUMN @extschema@.reach_trend.sustained_pct IS 'sustained as a percentage of under_fives, one decimal place';
COMMENT ON COLUMN @extschema@.reach_trend.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.reach_trend.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.reach_trend.families_seen IS 'families whose counted children had at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.reach_trend.families_sustained IS 'families whose counted children''s meaningful contacts add up to at least sustained_contacts';
COMMENT ON COLUMN @extschema@.reach_trend.sustained_contacts IS 'the sustained_contacts setting the figures were counted with';
COMMENT ON COLUMN @extschema@.reach_trend.taken_by IS 'session user that took the snapshot';
COMMENT ON COLUMN @extschema@.reach_trend.previous_period IS 'the centre''s previous stored period of the same kind, which the changes compare with (null for its first)';
COMMENT ON COLUMN @extschema@.reach_trend.registered_change IS 'registered minus registered in previous_period';
COMMENT ON COLUMN @extschema@.reach_trend.seen_change IS 'seen minus seen in previous_period';
COMMENT ON COLUMN @extschema@.reach_trend.sustained_change IS 'sustained minus sustained in previous_period';

CREATE VIEW @extschema@.coverage_trend AS
SELECT s.centre_id, s.centre, s.period, s.period_end, s.taken_at,
	   r.target_group, g.label,
	   r.in_group AS families,
	   @extschema@.part(r.any_contact) AS any_contact,
	   @extschema@.percent(r.any_contact) AS any_contact_pct,
	   @extschema@.part(r.sustained) AS sustained,
	   @extschema@.percent(r.sustained) AS sustained_pct,
	   @extschema@.ofsted_words(r.any_contact) AS any_contact_words,
	   s.kind, s.period_start,
	   @extschema@.coverage_threshold(s.coverage) AS sustained_contacts,
	   g.national, g.display_order::integer AS display_order
FROM @extschema@.coverage_snapshot AS s
CROSS JOIN LATERAL @extschema@.coverage_rows(s.coverage) AS r
LEFT JOIN @extschema@.target_group AS g ON g.code = r.target_group
WHERE NOT (SELECT @extschema@.partner_restricted())
   OR s.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.coverage_trend IS 'Target-group coverage of each centre per stored snapshot period (take_snapshot): registered families in each group, and how many had any and sustained contact';
COMMENT ON COLUMN @extschema@.coverage_trend.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.coverage_trend.centre IS 'centre name when the snapshot was taken';
COMMENT ON COLUMN @extschema@.coverage_trend.period IS 'period label: 2013-14 Q4 or 2013-14';
COMMENT ON COLUMN @extschema@.coverage_trend.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.coverage_trend.taken_at IS 'when the snapshot was taken';
COMMENT ON COLUMN @extschema@.coverage_trend.target_group IS 'target group code';
COMMENT ON COLUMN @extschema@.coverage_trend.label IS 'target group label (table target_group)';
COMMENT ON COLUMN @extschema@.coverage_trend.families IS 'registered families in the group (at least one counted child registered on the reference date)';
COMMENT ON COLUMN @extschema@.coverage_trend.any_contact IS 'of them, families with at least one meaningful contact in the period';
COMMENT ON COLUMN @extschema@.coverage_trend.any_contact_pct IS 'any_contact as a percentage of families, one decimal place';
COMMENT ON COLUMN @extschema@.coverage_trend.sustained IS 'of them, families whose meaningful contacts add up to at least sustained_contacts';
COMMENT ON COLUMN @extschema@.coverage_trend.sustained_pct IS 'sustained as a percentage of families, one decimal place';
COMMENT ON COLUMN @extschema@.coverage_trend.any_contact_words IS 'Ofsted''s words for any_contact_pct';
COMMENT ON COLUMN @extschema@.coverage_trend.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.coverage_trend.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.coverage_trend.sustained_contacts IS 'the sustained threshold the stored coverage was counted with';
COMMENT ON COLUMN @extschema@.coverage_trend.national IS 'a national target group (false for local_1 ... local_16)';
COMMENT ON COLUMN @extschema@.coverage_trend.display_order IS 'report order of the group';
/* src/sql/75_staging.sql: staged loading (SPEC "Loading") */

/*
 * Analysts \copy extracts into the all-text tables of surestart_staging
 * (one per data table, same column names in the same order, so a CSV with
 * the data table's columns loads with HEADER) and call load_staged().
 * Nothing is typed or checked on the way in, so a bad value never stops a
 * \copy half way; load_staged() checks every row and either loads it or
 * writes it to load_reject with the reason.
 */
CREATE SCHEMA surestart_staging;
COMMENT ON SCHEMA surestart_staging IS 'Staging tables for surestart.load_staged(): one all-text table per data table, same column names';

CREATE TABLE surestart_staging.lead_partner (
	lead_partner_id text,
	name text,
	sector text
);
COMMENT ON TABLE surestart_staging.lead_partner IS 'staged rows for surestart.lead_partner, every column as text (see load_staged)';
CREATE TABLE surestart_staging.contract (
	contract_ref text,
	lead_partner_id text,
	starts_on text,
	ends_on text,
	total_value text
);
COMMENT ON TABLE surestart_staging.contract IS 'staged rows for surestart.contract, every column as text (see load_staged)';
CREATE TABLE surestart_staging.lot (
	lot_id text,
	name text,
	lead_partner_id text,
	contract_ref text,
	annual_value text
);
COMMENT ON TABLE surestart_staging.lot IS 'staged rows for surestart.lot, every column as text (see load_staged)';
CREATE TABLE surestart_staging.centre (
	centre_id text,
	name text,
	short_name text,
	lot_id text,
	group_id text,
	district_code text,
	opened_on text,
	closed_on text
);
COMMENT ON TABLE surestart_staging.centre IS 'staged rows for surestart.centre, every column as text (see load_staged)';
CREATE TABLE surestart_staging.lsoa (
	lsoa_code text,
	name text,
	district_code text,
	district_name text,
	idaci_rank text,
	idaci_decile text,
	imd_rank text,
	imd_decile text,
	vintage text
);
COMMENT ON TABLE surestart_staging.lsoa IS 'staged rows for surestart.lsoa, every column as text (see load_staged)';
CREATE TABLE surestart_staging.reach_area (
	lsoa_code text,
	valid_from text,
	centre_id text,
	valid_to text
);
COMMENT ON TABLE surestart_staging.reach_area IS 'staged rows for surestart.reach_area, every column as text (see load_staged)';
CREATE TABLE surestart_staging.population (
	lsoa_code text,
	mid_year text,
	age text,
	persons text
);
COMMENT ON TABLE surestart_staging.population IS 'staged rows for surestart.population, every column as text (see load_staged)';
CREATE TABLE surestart_staging.family (
	family_id text,
	lsoa_code text,
	lone_parent text,
	workless_household text,
	workless_by_status text,
	additional_language text,
	minority_ethnic text,
	priority_family text,
	smoking_parent text,
	local_groups text
);
COMMENT ON TABLE surestart_staging.family IS 'staged rows for surestart.family, every column as text (see load_staged)';
CREATE TABLE surestart_staging.carer (
	carer_id text,
	family_id text,
	dob text,
	sex text,
	disabled text,
	pregnant text
);
COMMENT ON TABLE surestart_staging.carer IS 'staged rows for surestart.carer, every column as text (see load_staged)';
CREATE TABLE surestart_staging.child (
	child_id text,
	family_id text,
	dob text,
	sex text,
	disabled text
);
COMMENT ON TABLE surestart_staging.child IS 'staged rows for surestart.child, every column as text (see load_staged)';
CREATE TABLE surestart_staging.registration (
	child_id text,
	centre_id text,
	registered_on text,
	ended_on text
);
COMMENT ON TABLE surestart_staging.registration IS 'staged rows for surestart.registration, every column as text (see load_staged)';
CREATE TABLE surestart_staging.contact (
	contact_id text,
	child_id text,
	centre_id text,
	contact_on text,
	mode text,
	activity text
);
COMMENT ON TABLE surestart_staging.contact IS 'staged rows for surestart.contact, every column as text (see load_staged)';
CREATE TABLE surestart_staging.social_care (
	child_id text,
	kind text,
	starts_on text,
	ends_on text
);
COMMENT ON TABLE surestart_staging.social_care IS 'staged rows for surestart.social_care, every column as text (see load_staged)';
CREATE TABLE surestart_staging.eyfs_result (
	pupil_id text,
	child_id text,
	lsoa_code text,
	academic_year text,
	regime text,
	gld text,
	fsm text
);
COMMENT ON TABLE surestart_staging.eyfs_result IS 'staged rows for surestart.eyfs_result, every column as text (see load_staged)';
CREATE TABLE surestart_staging.ofsted_inspection (
	inspection_id text,
	inspected_on text,
	published_on text,
	framework text,
	status text,
	overall text,
	access text,
	quality text,
	leadership text
);
COMMENT ON TABLE surestart_staging.ofsted_inspection IS 'staged rows for surestart.ofsted_inspection, every column as text (see load_staged)';
CREATE TABLE surestart_staging.inspected_centre (
	inspection_id text,
	centre_id text
);
COMMENT ON TABLE surestart_staging.inspected_centre IS 'staged rows for surestart.inspected_centre, every column as text (see load_staged)';
CREATE TABLE surestart_staging.centre_rag (
	centre_id text,
	assessed_on text,
	quality_rag text,
	leadership_rag text
);
COMMENT ON TABLE surestart_staging.centre_rag IS 'staged rows for surestart.centre_rag, every column as text (see load_staged)';
CREATE TABLE surestart_staging.two_year_place (
	child_id text,
	term_start text,
	dwp_eligible text,
	criteria text,
	taken_up text
);
COMMENT ON TABLE surestart_staging.two_year_place IS 'staged rows for surestart.two_year_place, every column as text (see load_staged)';
CREATE TABLE surestart_staging.three_four_funding (
	child_id text,
	term_start text,
	in_receipt text
);
COMMENT ON TABLE surestart_staging.three_four_funding IS 'staged rows for surestart.three_four_funding, every column as text (see load_staged)';
CREATE TABLE surestart_staging.building_fund (
	site_code text,
	site_name text,
	centre_id text,
	fund text,
	area_m2 text,
	rate_per_m2 text,
	contribution text,
	expenditure text,
	financial_year text
);
COMMENT ON TABLE surestart_staging.building_fund IS 'staged rows for surestart.building_fund, every column as text (see load_staged)';
CREATE TABLE surestart_staging.centre_target (
	centre_id text,
	measure text,
	financial_year text,
	target text,
	amber_within text
);
COMMENT ON TABLE surestart_staging.centre_target IS 'staged rows for surestart.centre_target, every column as text (see load_staged)';
CREATE TABLE surestart_staging.board_meeting (
	centre_id text,
	met_on text,
	kind text,
	attendance text
);
COMMENT ON TABLE surestart_staging.board_meeting IS 'staged rows for surestart.board_meeting, every column as text (see load_staged)';

/*
 * Staged rows are data: a dump taken between a \copy and load_staged() must
 * keep them, so every staging table is marked like the data tables.
 */
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lead_partner', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.contract', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lot', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.centre', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.lsoa', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.reach_area', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.population', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.family', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.carer', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.child', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.registration', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.contact', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.social_care', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.eyfs_result', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.ofsted_inspection', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.inspected_centre', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.centre_rag', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.two_year_place', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.three_four_funding', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.building_fund', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.centre_target', '');
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.board_meeting', '');

/* ---------------------------------------------------------------- load_reject */

CREATE SEQUENCE @extschema@.load_reject_id_seq;
CREATE TABLE @extschema@.load_reject (
	id bigint PRIMARY KEY DEFAULT pg_catalog.nextval('@extschema@.load_reject_id_seq'::pg_catalog.regclass),
	table_name text NOT NULL,
	row_data jsonb NOT NULL,
	reason text NOT NULL,
	rejected_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
ALTER SEQUENCE @extschema@.load_reject_id_seq OWNED BY @extschema@.load_reject.id;
CREATE INDEX ON @extschema@.load_reject (table_name, rejected_at);
COMMENT ON TABLE @extschema@.load_reject IS 'Staged rows that load_staged() (or an import helper) did not load, each with the whole staged row and why';
COMMENT ON COLUMN @extschema@.load_reject.id IS 'reject number, in the order rows were rejected';
COMMENT ON COLUMN @extschema@.load_reject.table_name IS 'staging table the row was staged in (surestart_staging.<table_name>)';
COMMENT ON COLUMN @extschema@.load_reject.row_data IS 'the staged row as it was, every column as text (null for an empty field)';
COMMENT ON COLUMN @extschema@.load_reject.reason IS 'every reason the row was refused, separated by "; "';
COMMENT ON COLUMN @extschema@.load_reject.rejected_at IS 'start of the transaction that rejected the row (one value per load)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.load_reject', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.load_reject_id_seq', '');

/* ---------------------------------------------------------------- checks */

CREATE FUNCTION @extschema@.is_valid_ofsted_grade(text) RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid_ofsted_grade(text) IS
	'true when the text casts to ofsted_grade (a grade word, RI, Satisfactory or 1-4), false instead of an error';

/*
 * The names of the columns attnums of table rel, in the order given: what a
 * constraint's conkey or confkey lists, as load_staged_table reads it.
 */
CREATE FUNCTION @extschema@.constraint_column_names(rel regclass, attnums smallint[]) RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $fn$
	SELECT ARRAY(SELECT a.attname::text
				 FROM pg_catalog.unnest(attnums) WITH ORDINALITY AS k(attnum, ord)
				 JOIN pg_catalog.pg_attribute AS a ON a.attrelid = rel AND a.attnum = k.attnum
				 ORDER BY k.ord)
$fn$;
COMMENT ON FUNCTION @extschema@.constraint_column_names(regclass, smallint[]) IS
	'internal to load_staged(): names of the columns of a table with the given numbers (a constraint''s conkey or confkey), in that order; not for direct use';
REVOKE EXECUTE ON FUNCTION @extschema@.constraint_column_names(regclass, smallint[]) FROM PUBLIC;

/*
 * Check the rows of one staging table (already moved into
 * pg_temp.surestart_staged_<tbl> as (n, r jsonb) by load_staged, which
 * counted staged_rows rows out of staging) and upsert the valid ones into the
 * data table of the same name.
 *
 * The checks are read from the catalog, so they follow the data model: each
 * column's type (tested with regular expressions and range checks, so no
 * value raises an error), NOT NULL, every CHECK constraint (evaluated on the
 * typed values, the constraint's comment, or else its name, giving the words
 * of the reason), every foreign key (against the data table, which already
 * holds this load's valid rows of the tables loaded before), duplicate keys
 * within the batch (every copy is rejected, since nothing says which copy is
 * right) and other unique keys held by existing rows.  A row gets every
 * reason that applies, joined with "; ", so one round of fixes is enough.
 *
 * The valid rows are upserted in one statement.  If that statement still
 * fails (a trigger such as the reach-area overlap check, or a constraint the
 * checks above do not mirror), it is undone and the rows are upserted one by
 * one, each in its own subtransaction, and a row that fails gets the error
 * as its reason.  The rejected rows go to load_reject in staged order.  A
 * table whose columns are all key columns still upserts with DO UPDATE (of a
 * key column to itself), so that every row passed on counts in the insert's
 * row count, and the rows inserted or updated plus the rows written to
 * load_reject must be the rows moved out of staging.
 */
CREATE FUNCTION @extschema@.load_staged_table(tbl text, staged_rows bigint, OUT loaded bigint, OUT rejected bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	target regclass := pg_catalog.to_regclass(pg_catalog.format('@extschema@.%I', tbl));
	staged text := pg_catalog.format('pg_temp.%I', 'surestart_staged_' || tbl);
	checked CONSTANT text := 'pg_temp.surestart_load_checked';
	col record;
	con record;
	x text;
	typed text;
	why text;
	conds text[];
	msgs text[];
	v_cols text[] := '{}';
	t_cols text[] := '{}';
	c_cols text[] := '{}';
	k_cols text[] := '{}';
	names text[] := '{}';
	shown jsonb := '{}';
	words text;
	i integer;
	nwhy integer := 0;
	arbiter text;
	arbiter_cols text[];
	arbiter_x text;
	arbiter_c text;
	update_cols text[] := '{}';
	key_list text;
	val_list text;
	part_list text;
	name_list text;
	cond text;
	sql text;
	insert_sql text;
	rowno bigint;
	upserted bigint;
	e_msg text;
	e_detail text;
	e_hint text;
BEGIN
	IF target IS NULL THEN
		RAISE EXCEPTION 'no data table surestart.% for staging table surestart_staging.%', tbl, tbl
			USING ERRCODE = 'undefined_table';
	END IF;

	/* Level 1 and 2: trimmed text, then typed values and type reasons. */
	FOR col IN
		SELECT a.attname::text AS name, a.atttypid AS typ, pg_catalog.format_type(a.atttypid, a.atttypmod) AS typname,
			   a.attnotnull AS notnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS def
		FROM pg_catalog.pg_attribute AS a
		LEFT JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped
		  AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS s
					  WHERE s.attrelid = pg_catalog.to_regclass(pg_catalog.format('surestart_staging.%I', tbl))
						AND s.attname = a.attname AND NOT s.attisdropped)
		ORDER BY a.attnum
	LOOP
		names := names || col.name;
		-- How a typed value is shown in a reason: dates always as YYYY-MM-DD.
		shown := shown || pg_catalog.jsonb_build_object(col.name,
			CASE WHEN col.typ = 'date'::regtype THEN 'pg_catalog.to_char(%s, ''YYYY-MM-DD'')' ELSE '%s::text' END);
		x := pg_catalog.format('v.%I', col.name);
		-- Spaces, tabs and line ends around a value are extract artefacts
		-- (padded columns, CRLF files): every value is trimmed, so that
		-- ' E01026500 ' finds its LSOA; a blank field counts as missing.
		v_cols := v_cols || pg_catalog.format(
			'nullif(pg_catalog.btrim(r ->> %1$L, E'' \t\r\n''), '''') AS %2$I', col.name, col.name);

		-- Conditions in order: each may assume the ones before it failed.
		IF col.typ = 'bigint'::regtype OR col.typ = 'integer'::regtype THEN
			conds := ARRAY[pg_catalog.format('%s !~ ''^[+-]?[0-9]+$''', x),
						   pg_catalog.format('%s::numeric NOT BETWEEN %s', x,
							   CASE WHEN col.typ = 'bigint'::regtype
									THEN '-9223372036854775808 AND 9223372036854775807'
									ELSE '-2147483648 AND 2147483647' END)];
			msgs := ARRAY['is not a whole number',
						  CASE WHEN col.typ = 'bigint'::regtype
							   THEN 'is out of range (expected a whole number of at most 19 digits)'
							   ELSE 'is out of range (expected a whole number from -2147483648 to 2147483647)' END];
		ELSIF col.typ = 'numeric'::regtype THEN
			conds := ARRAY[pg_catalog.format('%s !~ ''^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$''', x)];
			msgs := ARRAY['is not a number (expected digits with an optional decimal point, e.g. 1234.50)'];
		ELSIF col.typ = 'date'::regtype THEN
			conds := ARRAY[pg_catalog.format('%s !~ ''^[0-9]{4}-[0-9]{2}-[0-9]{2}$''', x),
						   pg_catalog.format('substr(%1$s, 1, 4)::integer < 1 OR substr(%1$s, 6, 2)::integer NOT BETWEEN 1 AND 12', x),
						   pg_catalog.format('substr(%1$s, 9, 2)::integer NOT BETWEEN 1 AND extract(day FROM '
											 'make_date(substr(%1$s, 1, 4)::integer, substr(%1$s, 6, 2)::integer, 1) '
											 '+ interval ''1 month - 1 day'')', x)];
			msgs := ARRAY['is not a date (expected YYYY-MM-DD)',
						  'is not a date (expected YYYY-MM-DD)',
						  'is not a date (that month has no such day)'];
		ELSIF col.typ = 'boolean'::regtype THEN
			conds := ARRAY[pg_catalog.format('lower(%s) <> ALL (''{t,true,y,yes,on,1,f,false,n,no,off,0}''::text[])', x)];
			msgs := ARRAY['is not true or false (expected true/false, t/f, yes/no, y/n or 1/0)'];
		ELSIF col.typ = 'integer[]'::regtype THEN
			conds := ARRAY[pg_catalog.format('%s !~ ''^\{\s*([+-]?[0-9]{1,9}\s*(,\s*[+-]?[0-9]{1,9}\s*)*)?\}$''', x)];
			msgs := ARRAY['is not a list of whole numbers (expected e.g. {1,3} or {})'];
		ELSIF col.typ = '@extschema@.ofsted_grade'::regtype THEN
			conds := ARRAY[pg_catalog.format('NOT @extschema@.is_valid_ofsted_grade(%s)', x)];
			msgs := ARRAY['is not an Ofsted grade (expected Outstanding, Good, Requires improvement, Inadequate or 1-4)'];
		ELSIF col.typ = 'text'::regtype THEN
			conds := '{}';
			msgs := '{}';
		ELSE
			RAISE EXCEPTION 'load_staged cannot check column %.% of type %', tbl, col.name, col.typname
				USING ERRCODE = 'feature_not_supported';
		END IF;

		typed := pg_catalog.format('CASE WHEN %s IS NULL THEN %s', x,
								   CASE WHEN col.notnull AND col.def IS NOT NULL THEN col.def ELSE 'NULL' END);
		why := pg_catalog.format('CASE WHEN %s IS NULL THEN %s', x,
								 CASE WHEN col.notnull AND col.def IS NULL
									  THEN pg_catalog.quote_literal(col.name || ' is missing (a value is required)')
									  ELSE 'NULL' END);
		FOR i IN 1 .. coalesce(pg_catalog.array_length(conds, 1), 0) LOOP
			typed := typed || pg_catalog.format(' WHEN %s THEN NULL', conds[i]);
			why := why || pg_catalog.format(' WHEN %s THEN pg_catalog.format(''%%s %%L %%s'', %L, %s, %L)',
											conds[i], col.name, x, msgs[i]);
		END LOOP;
		typed := typed || pg_catalog.format(' ELSE %s::%s END AS %I', x, col.typname, col.name);
		nwhy := nwhy + 1;
		why := why || pg_catalog.format(' END AS __why_%s', nwhy);
		t_cols := t_cols || typed || why;
	END LOOP;

	/* Level 3: CHECK constraints on the typed values. */
	FOR con IN
		SELECT c.conname::text AS name, pg_catalog.pg_get_expr(c.conbin, c.conrelid) AS expr,
			   pg_catalog.obj_description(c.oid, 'pg_constraint') AS comment,
			   @extschema@.constraint_column_names(c.conrelid, c.conkey) AS cols
		FROM pg_catalog.pg_constraint AS c
		WHERE c.conrelid = target AND c.contype = 'c'
		ORDER BY c.conname
	LOOP
		IF pg_catalog.cardinality(con.cols) = 1 AND pg_catalog.starts_with(con.name, con.cols[1] || '_') THEN
			-- The words: a list of allowed values, written out, or the
			-- constraint's comment, or else its name ("sex_must_be_F_or_M":
			-- "sex 'Q' is not F or M").
			IF con.expr ~ '^\(*[a-z_]+ = ANY \(ARRAY\[[^]]*\]\)\)*$' THEN
				-- (sex = ANY (ARRAY['F'::text, 'M'::text])), (vintage = ANY (ARRAY[2011, 2021]))
				SELECT 'is not ' || pg_catalog.regexp_replace(
						   pg_catalog.string_agg(pg_catalog.regexp_replace(e, '^''(.*)''::.*$|^(.*)$', '\1\2'), ', ' ORDER BY o),
						   ', ([^,]*)$', ' or \1')
				INTO words
				FROM pg_catalog.unnest(pg_catalog.string_to_array(pg_catalog.substring(con.expr, 'ARRAY\[([^]]*)\]'), ', '))
					 WITH ORDINALITY AS u(e, o);
			ELSE
				words := coalesce(con.comment,
								  pg_catalog.replace(pg_catalog.substr(con.name, pg_catalog.length(con.cols[1]) + 2), '_', ' '));
			END IF;
			why := pg_catalog.format('pg_catalog.format(''%%s %%L %%s'', %L, %s, %L)', con.cols[1],
									 pg_catalog.format(shown ->> con.cols[1], pg_catalog.quote_ident(con.cols[1])), words);
		ELSE
			-- contract_must_end_on_or_after_its_start: "contract must end ... (starts_on '...', ends_on '...')"
			SELECT pg_catalog.string_agg(pg_catalog.format('pg_catalog.format(''%%s %%L'', %L, %s)', cn,
														   pg_catalog.format(shown ->> cn, pg_catalog.quote_ident(cn))), ', ' ORDER BY o)
			INTO val_list FROM pg_catalog.unnest(con.cols) WITH ORDINALITY AS u(cn, o);
			why := pg_catalog.format('pg_catalog.format(''%%s (%%s)'', %L, pg_catalog.concat_ws('', '', %s))',
									 pg_catalog.replace(con.name, '_', ' '), val_list);
		END IF;
		nwhy := nwhy + 1;
		c_cols := c_cols || pg_catalog.format('CASE WHEN NOT coalesce((%s), true) THEN %s END AS __why_%s', con.expr, why, nwhy);
	END LOOP;

	/*
	 * Level 4: foreign keys.  Every parent is a data table that load_staged
	 * stages too (all before any is checked), so its temporary copy tells
	 * whether a missing parent was staged in this load and rejected.
	 */
	FOR con IN
		SELECT c.confrelid::regclass AS parent, p.relname::text AS parent_name,
			   @extschema@.constraint_column_names(c.conrelid, c.conkey) AS cols,
			   @extschema@.constraint_column_names(c.confrelid, c.confkey) AS refcols
		FROM pg_catalog.pg_constraint AS c
		JOIN pg_catalog.pg_class AS p ON p.oid = c.confrelid
		WHERE c.conrelid = target AND c.contype = 'f'
		ORDER BY c.conname
	LOOP
		SELECT pg_catalog.string_agg(pg_catalog.format('c.%I IS NOT NULL', cn), ' AND '),
			   pg_catalog.string_agg(pg_catalog.format('p.%I = c.%I', con.refcols[o], cn), ' AND ')
		INTO cond, sql
		FROM pg_catalog.unnest(con.cols) WITH ORDINALITY AS u(cn, o);
		IF pg_catalog.cardinality(con.cols) = 1 THEN
			why := pg_catalog.format('pg_catalog.format(''%%s %%L does not exist'', %L, %s)', con.parent_name,
									 pg_catalog.format(shown ->> con.cols[1], pg_catalog.format('c.%I', con.cols[1])))
				|| pg_catalog.format(
					' || CASE WHEN EXISTS (SELECT 1 FROM pg_temp.%I AS s WHERE pg_catalog.btrim(s.r ->> %L, E'' \t\r\n'') = c.%I::text)'
					' THEN '' (it was staged in this load but rejected)'' ELSE '''' END',
					'surestart_staged_' || con.parent_name, con.refcols[1], con.cols[1]);
		ELSE
			SELECT pg_catalog.string_agg(pg_catalog.format(shown ->> cn, pg_catalog.format('c.%I', cn)), ', ' ORDER BY o) INTO val_list
			FROM pg_catalog.unnest(con.cols) WITH ORDINALITY AS u(cn, o);
			why := pg_catalog.format('pg_catalog.format(''%%s (%%s) = (%%s) does not exist'', %L, %L, pg_catalog.concat_ws('', '', %s))',
									 con.parent_name, pg_catalog.array_to_string(con.cols, ', '), val_list);
		END IF;
		nwhy := nwhy + 1;
		k_cols := k_cols || pg_catalog.format('CASE WHEN %s AND NOT EXISTS (SELECT 1 FROM %s AS p WHERE %s) THEN %s END AS __why_%s',
											  cond, con.parent, sql, why, nwhy);
	END LOOP;

	/* Level 4: unique keys, the primary key (or the first unique key) being the upsert key. */
	FOR con IN
		SELECT c.conname::text AS name, i.indnullsnotdistinct AS nulls_equal,
			   @extschema@.constraint_column_names(c.conrelid, c.conkey) AS cols
		FROM pg_catalog.pg_constraint AS c
		JOIN pg_catalog.pg_index AS i ON i.indexrelid = c.conindid
		WHERE c.conrelid = target AND c.contype IN ('p', 'u')
		ORDER BY c.contype = 'p' DESC, c.conname
	LOOP
		key_list := pg_catalog.array_to_string(con.cols, ', ');
		SELECT pg_catalog.string_agg(pg_catalog.format('coalesce(%s, ''NULL'')',
													   pg_catalog.format(shown ->> cn, pg_catalog.format('c.%I', cn))), ', ' ORDER BY o),
			   coalesce(pg_catalog.string_agg(pg_catalog.format('c.%I IS NOT NULL', cn), ' AND '), 'true'),
			   pg_catalog.string_agg(pg_catalog.format('c.%I', cn), ', ')
		INTO val_list, cond, part_list
		FROM pg_catalog.unnest(con.cols) WITH ORDINALITY AS u(cn, o);
		IF con.nulls_equal THEN
			cond := 'true';
		END IF;
		nwhy := nwhy + 1;
		k_cols := k_cols || pg_catalog.format(
			'CASE WHEN %1$s AND pg_catalog.count(*) OVER (PARTITION BY %2$s) > 1 THEN '
			'pg_catalog.format(''duplicate key (%%s) = (%%s) staged %%s times'', %3$L, pg_catalog.concat_ws('', '', %4$s), '
			'pg_catalog.count(*) OVER (PARTITION BY %2$s)) END AS __why_%5$s',
			cond, part_list, key_list, val_list, nwhy);
		IF arbiter IS NULL THEN
			arbiter := con.name;
			arbiter_cols := con.cols;
			SELECT pg_catalog.string_agg(pg_catalog.format('x.%I', cn), ', '), pg_catalog.string_agg(pg_catalog.format('c.%I', cn), ', ')
			INTO arbiter_x, arbiter_c
			FROM pg_catalog.unnest(arbiter_cols) AS cn;
		ELSE
			-- Another unique key: refuse a value an existing row with another key holds.
			SELECT pg_catalog.string_agg(pg_catalog.format('x.%I IS NOT DISTINCT FROM c.%I', cn, cn), ' AND ')
			INTO sql FROM pg_catalog.unnest(con.cols) AS cn;
			nwhy := nwhy + 1;
			k_cols := k_cols || pg_catalog.format(
				'CASE WHEN %s AND EXISTS (SELECT 1 FROM %s AS x WHERE %s AND (%s) IS DISTINCT FROM (%s)) THEN '
				'pg_catalog.format(''%%s %%s is already used by another %%s'', %L, pg_catalog.quote_literal(pg_catalog.concat_ws('', '', %s)), %L) END AS __why_%s',
				cond, target, sql, arbiter_x, arbiter_c, key_list, val_list, tbl, nwhy);
		END IF;
	END LOOP;
	IF arbiter IS NULL THEN
		RAISE EXCEPTION 'data table surestart.% has no key to load by', tbl
			USING ERRCODE = 'feature_not_supported';
	END IF;

	SELECT pg_catalog.string_agg(pg_catalog.format('%I', nm), ', ') INTO name_list FROM pg_catalog.unnest(names) AS nm;
	sql := pg_catalog.format(
		'CREATE TEMP TABLE surestart_load_checked AS '
		'SELECT k.__n, k.__r, %s, nullif(pg_catalog.concat_ws(''; '', %s), '''') AS __reason FROM ('
		' SELECT c.*%s FROM ('
		'  SELECT t.*%s FROM ('
		'   SELECT v.__n, v.__r, %s FROM ('
		'    SELECT n AS __n, r AS __r, %s FROM %s'
		'   ) AS v'
		'  ) AS t'
		' ) AS c'
		') AS k',
		(SELECT pg_catalog.string_agg(pg_catalog.format('k.%I', nm), ', ') FROM pg_catalog.unnest(names) AS nm),
		(SELECT pg_catalog.string_agg(pg_catalog.format('k.__why_%s', n), ', ') FROM pg_catalog.generate_series(1, nwhy) AS n),
		(SELECT coalesce(pg_catalog.string_agg(', ' || kc, ''), '') FROM pg_catalog.unnest(k_cols) AS kc),
		(SELECT coalesce(pg_catalog.string_agg(', ' || cc, ''), '') FROM pg_catalog.unnest(c_cols) AS cc),
		pg_catalog.array_to_string(t_cols, ', '),
		pg_catalog.array_to_string(v_cols, ', '),
		staged);
	EXECUTE sql;

	/*
	 * Upsert the valid rows by key, all at once, or one by one if that
	 * fails.  Without a column to update, a key column is set to itself, so
	 * that a row already there counts as loaded like any other.
	 */
	SELECT pg_catalog.array_agg(pg_catalog.format('%I = EXCLUDED.%I', nm, nm))
	INTO update_cols
	FROM pg_catalog.unnest(names) AS nm
	WHERE nm <> ALL (arbiter_cols);
	insert_sql := pg_catalog.format(
		'INSERT INTO %1$s AS x (%2$s) SELECT %2$s FROM %3$s WHERE __reason IS NULL %%s ORDER BY __n ON CONFLICT ON CONSTRAINT %4$I DO UPDATE SET %5$s',
		target, name_list, checked, arbiter,
		coalesce(pg_catalog.array_to_string(update_cols, ', '), pg_catalog.format('%1$I = EXCLUDED.%1$I', arbiter_cols[1])));
	BEGIN
		EXECUTE pg_catalog.format(insert_sql, '');
		GET DIAGNOSTICS loaded = ROW_COUNT;
	EXCEPTION WHEN OTHERS THEN
		loaded := 0;
		FOR rowno IN EXECUTE pg_catalog.format('SELECT __n FROM %s WHERE __reason IS NULL ORDER BY __n', checked) LOOP
			BEGIN
				EXECUTE pg_catalog.format(insert_sql, 'AND __n = $1') USING rowno;
				GET DIAGNOSTICS upserted = ROW_COUNT;
				loaded := loaded + upserted;
			EXCEPTION WHEN OTHERS THEN
				GET STACKED DIAGNOSTICS e_msg = MESSAGE_TEXT, e_detail = PG_EXCEPTION_DETAIL, e_hint = PG_EXCEPTION_HINT;
				EXECUTE pg_catalog.format('UPDATE %s SET __reason = $2 WHERE __n = $1', checked)
					USING rowno, pg_catalog.concat_ws(' ', e_msg || '.', nullif(e_detail, ''), nullif(e_hint, ''));
			END;
		END LOOP;
	END;

	EXECUTE pg_catalog.format(
		'INSERT INTO @extschema@.load_reject (table_name, row_data, reason) '
		'SELECT $1, __r, __reason FROM %s WHERE __reason IS NOT NULL ORDER BY __n', checked)
		USING tbl;
	GET DIAGNOSTICS rejected = ROW_COUNT;
	EXECUTE pg_catalog.format('DROP TABLE %s', checked);

	-- Never lose a row: every row moved out of staging was loaded or rejected.
	IF loaded + rejected <> staged_rows THEN
		RAISE EXCEPTION 'load_staged lost rows of %: % staged, % loaded, % rejected', tbl, staged_rows, loaded, rejected
			USING ERRCODE = 'internal_error';
	END IF;
END
$fn$;
COMMENT ON FUNCTION @extschema@.load_staged_table(text, bigint) IS
	'internal to load_staged(): checks the rows of one staging table and upserts the valid ones; not for direct use';
REVOKE EXECUTE ON FUNCTION @extschema@.load_staged_table(text, bigint) FROM PUBLIC;

/*
 * Load everything staged: lock the staging tables (so no row can be staged
 * while they are read and emptied), move their rows into temporary copies
 * with DELETE ... RETURNING (so exactly the rows read are the rows removed),
 * then check and upsert table by table in foreign-key order, so that a row
 * may refer to a row staged in the same call.  One row per data table comes
 * back, in load order, zeros included.
 *
 * SECURITY DEFINER because the loading role (surestart_loader) may write
 * only the staging tables and call this function: it reads and upserts the
 * data tables and writes load_reject with the owner's rights, and row-level
 * security on the data tables does not hide rows from the owner, so a
 * reference to a row a loader may not see still loads.  The search_path is
 * pinned and every name qualified, and EXECUTE is revoked from PUBLIC: only
 * roles granted it may load.
 */
CREATE FUNCTION @extschema@.load_staged()
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
	load_order CONSTANT text[] := ARRAY[
		'lead_partner', 'contract', 'lot', 'centre', 'lsoa', 'reach_area', 'population',
		'family', 'carer', 'child', 'registration', 'contact', 'social_care', 'eyfs_result',
		'ofsted_inspection', 'inspected_centre', 'centre_rag', 'two_year_place',
		'three_four_funding', 'building_fund', 'centre_target', 'board_meeting'];
	tbl text;
	moved bigint[] := '{}';
	n bigint;
	i integer;
BEGIN
	FOREACH tbl IN ARRAY load_order LOOP
		EXECUTE pg_catalog.format('LOCK TABLE surestart_staging.%I IN EXCLUSIVE MODE', tbl);
	END LOOP;
	FOREACH tbl IN ARRAY load_order LOOP
		EXECUTE pg_catalog.format('CREATE TEMP TABLE %I (n bigint, r jsonb)', 'surestart_staged_' || tbl);
		EXECUTE pg_catalog.format(
			'WITH d AS (DELETE FROM surestart_staging.%I RETURNING *) '
			'INSERT INTO pg_temp.%I (n, r) SELECT pg_catalog.row_number() OVER (), pg_catalog.to_jsonb(d) FROM d',
			tbl, 'surestart_staged_' || tbl);
		GET DIAGNOSTICS n = ROW_COUNT;
		moved := moved || n;
	END LOOP;
	FOR i IN 1 .. pg_catalog.cardinality(load_order) LOOP
		RETURN QUERY SELECT load_order[i], s.loaded, s.rejected FROM @extschema@.load_staged_table(load_order[i], moved[i]) AS s;
	END LOOP;
	FOREACH tbl IN ARRAY load_order LOOP
		EXECUTE pg_catalog.format('DROP TABLE pg_temp.%I', 'surestart_staged_' || tbl);
	END LOOP;
END
$fn$;
COMMENT ON FUNCTION @extschema@.load_staged() IS
	'checks every row staged in surestart_staging, upserts the valid ones by key in foreign-key order, writes the others to load_reject with the reason, empties staging; returns (table_name, loaded, rejected) per data table';
REVOKE EXECUTE ON FUNCTION @extschema@.load_staged() FROM PUBLIC;
/* src/sql/77_import.sql: import helpers for the public formats the project ships */

/*
 * Each format has its own all-text staging table whose columns follow the
 * published file, so `\copy ... CSV HEADER` reads it as it comes.  The
 * import function turns the staged rows into rows of the standard staging
 * tables (rejecting, with the reason, a row it cannot turn into any), then
 * calls load_staged(), which checks and loads them like any staged row.
 * It returns a row for the format (loaded = rows passed on) followed by
 * load_staged()'s rows.  Every staged row is passed on or rejected.
 */

/* ---------------------------------------------------------------- ONS population */

CREATE TABLE surestart_staging.ons_population (
	mid_year text,
	lsoa11_code text,
	lsoa11_name text,
	total_population text,
	age_0 text,
	age_1 text,
	age_2 text,
	age_3 text,
	age_4 text
);
COMMENT ON TABLE surestart_staging.ons_population IS
	'ONS LSOA mid-year population estimates, ages 0-4 (header mid_year,lsoa11_code,lsoa11_name,total_population,age_0,...,age_4; mid_year may be absent): see import_ons_population';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.ons_population', '');

/*
 * Turn each staged ONS row into five population rows (ages 0-4).  A row is
 * passed on whole or not at all, so an LSOA never gets some ages loaded and
 * others not: one bad count rejects the row with every reason.  mid_year
 * fills rows staged without one (the single-year files have no such
 * column).
 */
CREATE FUNCTION @extschema@.import_ons_population(mid_year integer DEFAULT NULL)
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.ons_population IN EXCLUSIVE MODE;
	-- Trimmed like load_staged trims: spaces, tabs and line ends.
	CREATE TEMP TABLE surestart_import_rows AS
	WITH moved AS (DELETE FROM surestart_staging.ons_population RETURNING *),
	trimmed AS (
		SELECT pg_catalog.row_number() OVER () AS n, pg_catalog.to_jsonb(moved) AS r,
			   coalesce(nullif(pg_catalog.btrim(moved.mid_year, E' \t\r\n'), ''), import_ons_population.mid_year::text) AS year,
			   nullif(pg_catalog.btrim(moved.lsoa11_code, E' \t\r\n'), '') AS lsoa_code,
			   ARRAY[pg_catalog.btrim(moved.age_0, E' \t\r\n'), pg_catalog.btrim(moved.age_1, E' \t\r\n'),
					 pg_catalog.btrim(moved.age_2, E' \t\r\n'), pg_catalog.btrim(moved.age_3, E' \t\r\n'),
					 pg_catalog.btrim(moved.age_4, E' \t\r\n')] AS persons
		FROM moved
	)
	SELECT i.*,
		   nullif(pg_catalog.concat_ws('; ',
			   CASE WHEN i.year IS NULL THEN 'mid_year is missing (give it in the file or as import_ons_population(mid_year))'
					WHEN i.year !~ '^[0-9]{4}$' THEN pg_catalog.format('mid_year %L is not a year', i.year) END,
			   CASE WHEN i.lsoa_code IS NULL THEN 'lsoa11_code is missing (a value is required)' END,
			   (SELECT pg_catalog.string_agg(pg_catalog.format('age_%s %L is not a count of persons', a.age - 1, a.v), '; ' ORDER BY a.age)
				FROM pg_catalog.unnest(i.persons) WITH ORDINALITY AS a(v, age)
				WHERE a.v IS NULL OR a.v !~ '^[0-9]{1,9}$')), '') AS reason
	FROM trimmed AS i;

	INSERT INTO surestart_staging.population (lsoa_code, mid_year, age, persons)
	SELECT i.lsoa_code, i.year, (a.age - 1)::text, a.v
	FROM pg_temp.surestart_import_rows AS i, pg_catalog.unnest(i.persons) WITH ORDINALITY AS a(v, age)
	WHERE i.reason IS NULL
	ORDER BY i.n, a.age;
	INSERT INTO @extschema@.load_reject (table_name, row_data, reason)
	SELECT 'ons_population', i.r, i.reason FROM pg_temp.surestart_import_rows AS i
	WHERE i.reason IS NOT NULL ORDER BY i.n;
	RETURN QUERY
	SELECT 'ons_population'::text, pg_catalog.count(*) FILTER (WHERE i.reason IS NULL), pg_catalog.count(*) FILTER (WHERE i.reason IS NOT NULL)
	FROM pg_temp.surestart_import_rows AS i;
	DROP TABLE pg_temp.surestart_import_rows;

	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_ons_population(integer) IS
	'turns staged ONS LSOA population rows (ages 0-4) into population rows and loads everything staged; mid_year fills rows without one';
REVOKE EXECUTE ON FUNCTION @extschema@.import_ons_population(integer) FROM PUBLIC;

/* ---------------------------------------------------------------- IoD2019 */

CREATE TABLE surestart_staging.iod2019_lsoa (
	lsoa_code text,
	lsoa_name text,
	district_code text,
	district_name text,
	imd_rank text,
	imd_decile text,
	idaci_rank text,
	idaci_decile text,
	idaopi_rank text,
	idaopi_decile text
);
COMMENT ON TABLE surestart_staging.iod2019_lsoa IS
	'English Indices of Deprivation 2019, File 3 (IDACI and IDAOPI) as CSV: LSOA code and name, district code and name, IMD rank and decile, IDACI rank and decile, IDAOPI rank and decile; see import_iod2019';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.iod2019_lsoa', '');

/*
 * Turn each staged IoD2019 row into an lsoa row (name, district, IDACI and
 * IMD ranks and deciles; IDAOPI is not kept) of the given boundary vintage,
 * and load everything staged.  Every value is checked by load_staged, so
 * the rejects of this format are lsoa rejects.
 */
CREATE FUNCTION @extschema@.import_iod2019(vintage integer DEFAULT 2011)
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.iod2019_lsoa IN EXCLUSIVE MODE;
	RETURN QUERY
	WITH moved AS (DELETE FROM surestart_staging.iod2019_lsoa RETURNING *),
	passed AS (
		INSERT INTO surestart_staging.lsoa (lsoa_code, name, district_code, district_name,
											idaci_rank, idaci_decile, imd_rank, imd_decile, vintage)
		SELECT m.lsoa_code, m.lsoa_name, m.district_code, m.district_name,
			   m.idaci_rank, m.idaci_decile, m.imd_rank, m.imd_decile, import_iod2019.vintage::text
		FROM moved AS m
		RETURNING 1
	)
	SELECT 'iod2019_lsoa'::text, pg_catalog.count(*), 0::bigint FROM passed;
	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_iod2019(integer) IS
	'turns staged IoD2019 LSOA rows into lsoa rows (IDACI and IMD ranks and deciles) and loads everything staged';
REVOKE EXECUTE ON FUNCTION @extschema@.import_iod2019(integer) FROM PUBLIC;

/* ---------------------------------------------------------------- social-care feed */

CREATE TABLE surestart_staging.social_care_feed (
	child_id text,
	kind text,
	starts_on text,
	ends_on text
);
COMMENT ON TABLE surestart_staging.social_care_feed IS
	'weekly social-care feed: child_id, kind (CIN, CP, LAC, early help or the social_care kinds), starts_on, ends_on (YYYY-MM-DD or DD/MM/YYYY); see import_social_care_feed';
SELECT pg_catalog.pg_extension_config_dump('surestart_staging.social_care_feed', '');

/*
 * Turn the weekly social-care feed into social_care rows and load
 * everything staged.  Kinds are read in the usual spellings (CIN, CP/CPP,
 * LAC/CLA, EH/early help, any case, spaces or hyphens for underscores),
 * and UK dates DD/MM/YYYY become YYYY-MM-DD; anything else is passed on as
 * it is, so load_staged rejects it with the reason.  An episode is keyed by
 * (child_id, kind, starts_on): a later feed that gives its end date closes
 * it.  The child_in_need, child_protection and looked_after target groups
 * come from these episodes (family_period_groups), so nothing else needs
 * filling.
 */
CREATE FUNCTION @extschema@.import_social_care_feed()
RETURNS TABLE (table_name text, loaded bigint, rejected bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
	LOCK TABLE surestart_staging.social_care_feed IN EXCLUSIVE MODE;
	RETURN QUERY
	WITH moved AS (DELETE FROM surestart_staging.social_care_feed RETURNING *),
	normal AS (
		SELECT m.child_id,
			   pg_catalog.regexp_replace(pg_catalog.lower(pg_catalog.btrim(m.kind)), '[ -]+', '_', 'g') AS kind,
			   m.kind AS kind_as_given,
			   m.starts_on, m.ends_on
		FROM moved AS m
	),
	passed AS (
		INSERT INTO surestart_staging.social_care (child_id, kind, starts_on, ends_on)
		SELECT n.child_id,
			   CASE WHEN n.kind = ANY ('{cin,child_in_need}'::text[]) THEN 'child_in_need'
					WHEN n.kind = ANY ('{cp,cpp,child_protection,child_protection_plan}'::text[]) THEN 'child_protection'
					WHEN n.kind = ANY ('{lac,cla,looked_after,looked_after_child,child_looked_after}'::text[]) THEN 'looked_after'
					WHEN n.kind = ANY ('{eh,early_help,family_support}'::text[]) THEN 'family_support'
					ELSE n.kind_as_given END,
			   pg_catalog.regexp_replace(n.starts_on, '^\s*([0-9]{2})/([0-9]{2})/([0-9]{4})\s*$', '\3-\2-\1'),
			   pg_catalog.regexp_replace(n.ends_on, '^\s*([0-9]{2})/([0-9]{2})/([0-9]{4})\s*$', '\3-\2-\1')
		FROM normal AS n
		RETURNING 1
	)
	SELECT 'social_care_feed'::text, pg_catalog.count(*), 0::bigint FROM passed;
	RETURN QUERY SELECT * FROM @extschema@.load_staged();
END
$fn$;
COMMENT ON FUNCTION @extschema@.import_social_care_feed() IS
	'turns the staged weekly social-care feed into social_care rows (CIN/CP/LAC/EH spellings, DD/MM/YYYY dates) and loads everything staged';
REVOKE EXECUTE ON FUNCTION @extschema@.import_social_care_feed() FROM PUBLIC;
/* src/sql/80_performance.sql: performance management (DOMAIN "Performance management") */

/*
 * Targets, the scorecard, the contact profile, governance and the
 * inspection-risk assessment.  Every figure comes from the reach, coverage
 * and funding views, so the counting rules are those of SPEC: a period's
 * reference date is its last day, children count for the centre whose reach
 * area holds their family's LSOA that day, contacts are meaningful contacts.
 */

/* ---------------------------------------------------------------- scorecard_measure */

/*
 * The measures a target can be set for.  The codes are fixed (the
 * scorecard knows how to compute each); councils may relabel them.
 */
CREATE TABLE @extschema@.scorecard_measure (
	code text PRIMARY KEY
		CONSTRAINT code_must_be_a_measure_the_scorecard_computes CHECK (code IN (
			'registered_pct', 'seen_pct', 'sustained_pct',
			'deprived_registered_pct', 'deprived_seen_pct', 'deprived_sustained_pct',
			'coverage_teenage_parent', 'coverage_young_parent', 'coverage_pregnant_teenager',
			'coverage_lone_parent', 'coverage_father', 'coverage_only_male_carer',
			'coverage_disabled_parent', 'coverage_disabled_child', 'coverage_disabled_child_any_age',
			'coverage_workless_household', 'coverage_workless_by_status', 'coverage_additional_language',
			'coverage_minority_ethnic', 'coverage_smoking_parent', 'coverage_priority_family',
			'coverage_child_in_need', 'coverage_child_protection', 'coverage_looked_after',
			'coverage_two_year_funding',
			'two_year_take_up', 'three_four_take_up')),
	label text NOT NULL
		CONSTRAINT label_must_not_be_empty CHECK (pg_catalog.btrim(label) <> ''),
	source text NOT NULL
		CONSTRAINT source_must_be_a_reporting_view CHECK (source IN (
			'centre_reach', 'centre_reach_deprived', 'target_group_coverage',
			'two_year_take_up', 'three_four_take_up')),
	display_order smallint NOT NULL UNIQUE,
	seeded boolean NOT NULL DEFAULT false,
	-- scorecard_actual computes a measure from the view its code names and
	-- skips a view no target needs (by source): the two must agree
	CONSTRAINT source_must_be_the_view_the_code_comes_from CHECK (source =
		CASE WHEN code LIKE 'coverage\_%' THEN 'target_group_coverage'
			 WHEN code LIKE 'deprived\_%' THEN 'centre_reach_deprived'
			 WHEN code LIKE '%\_pct' THEN 'centre_reach'
			 ELSE code END)
);
COMMENT ON TABLE @extschema@.scorecard_measure IS 'Measures a centre_target can name, with the view each comes from; councils may relabel them';
COMMENT ON COLUMN @extschema@.scorecard_measure.code IS 'measure code used in centre_target.measure and the scorecard, e.g. registered_pct';
COMMENT ON COLUMN @extschema@.scorecard_measure.label IS 'label printed in reports';
COMMENT ON COLUMN @extschema@.scorecard_measure.source IS 'view the actual value comes from: centre_reach, centre_reach_deprived, target_group_coverage (centre level, any contact), two_year_take_up or three_four_take_up (centre level)';
COMMENT ON COLUMN @extschema@.scorecard_measure.display_order IS 'order in reports';
COMMENT ON COLUMN @extschema@.scorecard_measure.seeded IS 'true while the row is the default shipped with the extension';

INSERT INTO @extschema@.scorecard_measure (code, label, source, display_order, seeded) VALUES
	('registered_pct', 'Under-fives registered (%)', 'centre_reach', 1, true),
	('seen_pct', 'Under-fives seen (%)', 'centre_reach', 2, true),
	('sustained_pct', 'Under-fives in sustained contact (%)', 'centre_reach', 3, true),
	('deprived_registered_pct', 'Under-fives registered, most deprived areas (%)', 'centre_reach_deprived', 4, true),
	('deprived_seen_pct', 'Under-fives seen, most deprived areas (%)', 'centre_reach_deprived', 5, true),
	('deprived_sustained_pct', 'Under-fives in sustained contact, most deprived areas (%)', 'centre_reach_deprived', 6, true),
	('two_year_take_up', 'Funded 2-year-old places taken up by DWP-eligible children (%)', 'two_year_take_up', 7, true),
	('three_four_take_up', 'Funded early education taken up by eligible 3- and 4-year-olds (%)', 'three_four_take_up', 8, true);
INSERT INTO @extschema@.scorecard_measure (code, label, source, display_order, seeded)
	SELECT 'coverage_' || g.code, g.label || ': any contact (%)', 'target_group_coverage', 10 + g.display_order, true
	FROM @extschema@.target_group AS g
	WHERE g.national;

CREATE TRIGGER guard_seeded_row BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.scorecard_measure
	FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_seeded_row('code');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scorecard_measure', 'WHERE NOT seeded');

/*
 * A target's measure must be one the scorecard computes.  The code is
 * trimmed and lower-cased, and data_pack's spelling of the deprived-area
 * measures (registered_pct_deprived) is accepted for deprived_registered_pct.
 */
CREATE FUNCTION @extschema@.check_centre_target() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	m text := pg_catalog.lower(pg_catalog.btrim(NEW.measure));
	base text;
BEGIN
	/*
	 * Other spellings of the six reach measures: data_pack's
	 * registered_pct_deprived, and registered, deprived_seen,
	 * sustained_deprived and the like without _pct.
	 */
	base := pg_catalog.substring(m, '^(?:deprived_)?(registered|seen|sustained)(?:_pct)?(?:_deprived)?(?:_pct)?$');
	IF base IS NOT NULL THEN
		m := CASE WHEN m OPERATOR(pg_catalog.~) 'deprived' THEN 'deprived_' ELSE '' END
			 OPERATOR(pg_catalog.||) base OPERATOR(pg_catalog.||) '_pct';
	END IF;
	PERFORM FROM @extschema@.scorecard_measure AS s WHERE s.code OPERATOR(pg_catalog.=) m;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown scorecard measure "%"', NEW.measure
			USING ERRCODE = 'invalid_parameter_value',
				  DETAIL = 'Expected one of: ' OPERATOR(pg_catalog.||)
					  (SELECT pg_catalog.string_agg(s.code, ', ' ORDER BY s.display_order) FROM @extschema@.scorecard_measure AS s)
					  OPERATOR(pg_catalog.||) '.',
				  HINT = 'The measures are listed in table scorecard_measure.';
	END IF;
	NEW.measure := m;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_centre_target() IS 'trigger: a target''s measure must be a scorecard_measure code (trimmed, lower-cased; registered_pct_deprived is read as deprived_registered_pct)';
CREATE TRIGGER check_centre_target BEFORE INSERT OR UPDATE ON @extschema@.centre_target
	FOR EACH ROW EXECUTE FUNCTION @extschema@.check_centre_target();

/* ---------------------------------------------------------------- targets and the scorecard */

/*
 * Each centre's target for each measure and financial year: its own row in
 * centre_target if it has one, else the county-wide default (centre_id null).
 */
CREATE VIEW @extschema@.effective_target AS
SELECT c.centre_id, t.measure, t.financial_year, t.target, t.amber_within,
	   CASE WHEN t.centre_id IS NULL THEN 'county' ELSE 'centre' END AS target_scope
FROM @extschema@.centre AS c
JOIN @extschema@.centre_target AS t
  ON t.centre_id = c.centre_id
  OR (t.centre_id IS NULL
	  AND NOT EXISTS (SELECT 1 FROM @extschema@.centre_target AS o
					  WHERE o.centre_id = c.centre_id AND o.measure = t.measure
						AND o.financial_year = t.financial_year))
WHERE c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.effective_target IS 'The target that applies to each centre, measure and financial year: the centre''s own, else the county-wide default';
COMMENT ON COLUMN @extschema@.effective_target.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.effective_target.measure IS 'scorecard measure code';
COMMENT ON COLUMN @extschema@.effective_target.financial_year IS 'financial year of the target, e.g. 2013-14';
COMMENT ON COLUMN @extschema@.effective_target.target IS 'target value (percentage points)';
COMMENT ON COLUMN @extschema@.effective_target.amber_within IS 'points below target still rated amber';
COMMENT ON COLUMN @extschema@.effective_target.target_scope IS 'centre: the centre''s own target; county: the county-wide default';

/*
 * The actual value of every measure per centre and period (only measures
 * some target names are worked out: each branch is skipped when no target
 * names a measure of its source).  Percentages are rounded to one decimal
 * place as the source views show them.  Take-up is a state, like
 * registration: it is read from the term in progress on the reference date
 * (term_start: a quarter ending 30 June, the term from 1 April; 30
 * September and 31 December, 1 September; 31 March, and so a financial
 * year, 1 January).  Why an actual is null is said by scorecard, which also
 * knows the measures without a row here.
 */
CREATE VIEW @extschema@.scorecard_actual AS
SELECT r.centre_id, r.period, CASE r.scope WHEN 'all' THEN '' ELSE 'deprived_' END || m.measure AS measure, m.actual
FROM @extschema@.centre_reach_scoped AS r
CROSS JOIN LATERAL (VALUES ('registered_pct', r.registered_pct), ('seen_pct', r.seen_pct),
						   ('sustained_pct', r.sustained_pct)) AS m(measure, actual)
WHERE EXISTS (SELECT 1 FROM @extschema@.centre_target AS t JOIN @extschema@.scorecard_measure AS s ON s.code = t.measure
			  WHERE s.source IN ('centre_reach', 'centre_reach_deprived'))
UNION ALL
SELECT cc.centre_id, cc.period, 'coverage_' || r.target_group, @extschema@.percent(r.any_contact)
FROM @extschema@.centre_coverage AS cc
CROSS JOIN LATERAL @extschema@.coverage_rows(cc.coverage) AS r
JOIN @extschema@.target_group AS g ON g.code = r.target_group AND g.national
WHERE EXISTS (SELECT 1 FROM @extschema@.centre_target AS t JOIN @extschema@.scorecard_measure AS s ON s.code = t.measure
			  WHERE s.source = 'target_group_coverage')
UNION ALL
SELECT t.centre_id, p.period, 'two_year_take_up',
	   CASE WHEN t.dwp_eligible > 0 THEN round(100.0 * t.taken_up_dwp / t.dwp_eligible, 1) END
FROM @extschema@.reporting_period AS p
JOIN (SELECT ctc.centre_id, tp.term_start,
			 count(*) FILTER (WHERE tp.dwp_eligible) AS dwp_eligible,
			 count(*) FILTER (WHERE tp.dwp_eligible AND tp.taken_up) AS taken_up_dwp
	  FROM @extschema@.two_year_place AS tp
	  JOIN @extschema@.child_term_centre AS ctc USING (child_id, term_start)
	  GROUP BY ctc.centre_id, tp.term_start) AS t
  ON t.term_start = @extschema@.term_start(p.period_end)
WHERE EXISTS (SELECT 1 FROM @extschema@.centre_target AS t JOIN @extschema@.scorecard_measure AS s ON s.code = t.measure
			  WHERE s.source = 'two_year_take_up')
UNION ALL
SELECT t.centre_id, p.period, 'three_four_take_up', t.take_up_pct
FROM @extschema@.reporting_period AS p
JOIN @extschema@.three_four_take_up AS t
  ON t.term_start = @extschema@.term_start(p.period_end)
WHERE EXISTS (SELECT 1 FROM @extschema@.centre_target AS t JOIN @extschema@.scorecard_measure AS s ON s.code = t.measure
			  WHERE s.source = 'three_four_take_up');
COMMENT ON VIEW @extschema@.scorecard_actual IS 'Actual value of each scorecard measure per centre and period (only measures some target names); take-up from the term in progress on the reference date';
COMMENT ON COLUMN @extschema@.scorecard_actual.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.scorecard_actual.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.scorecard_actual.measure IS 'scorecard measure code';
COMMENT ON COLUMN @extschema@.scorecard_actual.actual IS 'the measure''s value, percentage to one decimal place; null when it has no denominator (scorecard.note says why)';

/*
 * One row per centre open in the period, period and measure with a target
 * for the period's financial year (a measure without a target has no row).
 * RAG compares the actual as shown (one decimal place) with the target:
 * green at or above it, amber below it by at most amber_within points
 * (exactly amber_within below is amber), red further below; null when the
 * actual is null (note says why).
 */
CREATE VIEW @extschema@.scorecard AS
SELECT p.centre_id, p.centre, p.period, t.measure, a.actual, t.target,
	   a.actual - t.target AS gap,
	   CASE WHEN a.actual IS NULL THEN NULL
			WHEN a.actual >= t.target THEN 'green'
			WHEN a.actual >= t.target - t.amber_within THEN 'amber'
			ELSE 'red' END AS rag,
	   p.kind, p.period_start, p.period_end, t.financial_year, m.label, t.amber_within, t.target_scope,
	   CASE WHEN a.actual IS NULL THEN CASE m.source
			WHEN 'centre_reach' THEN 'no under-fives in the reach area'
			WHEN 'centre_reach_deprived' THEN 'no under-fives in the most deprived areas of the reach area'
			WHEN 'target_group_coverage' THEN 'no registered families in the group'
			WHEN 'two_year_take_up' THEN
				CASE WHEN a.measure IS NULL THEN 'no funded 2-year-old places recorded for the term'
					 ELSE 'no DWP-eligible children in the term from ' || @extschema@.term_start(p.period_end) END
			WHEN 'three_four_take_up' THEN 'no eligible 3- and 4-year-olds recorded for the term' END
	   END AS note,
	   m.display_order::integer AS display_order
FROM (SELECT c.centre_id, c.name AS centre, rp.period, rp.kind, rp.period_start, rp.period_end
	  FROM @extschema@.centre AS c
	  CROSS JOIN @extschema@.reporting_period AS rp
	  WHERE (c.opened_on IS NULL OR c.opened_on <= rp.period_end)
		AND (c.closed_on IS NULL OR c.closed_on >= rp.period_start)
		AND c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)) AS p
JOIN @extschema@.effective_target AS t
  ON t.centre_id = p.centre_id AND t.financial_year = @extschema@.financial_year(p.period_start)
JOIN @extschema@.scorecard_measure AS m ON m.code = t.measure
LEFT JOIN @extschema@.scorecard_actual AS a
  ON a.centre_id = p.centre_id AND a.period = p.period AND a.measure = t.measure;
COMMENT ON VIEW @extschema@.scorecard IS 'Each centre''s measures against the year''s targets per quarter and year, with the gap and RAG (green at or above target, amber within amber_within points below, red further below); measures without a target have no row';
COMMENT ON COLUMN @extschema@.scorecard.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.scorecard.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.scorecard.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.scorecard.measure IS 'measure code (table scorecard_measure)';
COMMENT ON COLUMN @extschema@.scorecard.actual IS 'the centre''s value, per cent to one decimal place as the source view shows it; null when there is nothing to divide by (see note)';
COMMENT ON COLUMN @extschema@.scorecard.target IS 'target for the period''s financial year: the centre''s own, else the county default';
COMMENT ON COLUMN @extschema@.scorecard.gap IS 'actual minus target, in percentage points (negative: below target)';
COMMENT ON COLUMN @extschema@.scorecard.rag IS 'green: at or above target; amber: below by at most amber_within points; red: further below; null when actual is null';
COMMENT ON COLUMN @extschema@.scorecard.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.scorecard.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.scorecard.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.scorecard.financial_year IS 'financial year whose target applies';
COMMENT ON COLUMN @extschema@.scorecard.label IS 'measure label (table scorecard_measure)';
COMMENT ON COLUMN @extschema@.scorecard.amber_within IS 'points below target still rated amber';
COMMENT ON COLUMN @extschema@.scorecard.target_scope IS 'centre: the centre''s own target; county: the county-wide default';
COMMENT ON COLUMN @extschema@.scorecard.note IS 'why actual and rag are null, e.g. no under-fives in the reach area';
COMMENT ON COLUMN @extschema@.scorecard.display_order IS 'report order of the measure';

CREATE VIEW @extschema@.scorecard_summary AS
SELECT centre_id, centre, period, kind, period_start, period_end,
	   count(*)::integer AS measures,
	   count(*) FILTER (WHERE rag = 'green')::integer AS greens,
	   count(*) FILTER (WHERE rag = 'amber')::integer AS ambers,
	   count(*) FILTER (WHERE rag = 'red')::integer AS reds,
	   count(*) FILTER (WHERE rag IS NULL)::integer AS unrated,
	   CASE WHEN count(*) FILTER (WHERE rag = 'red') > 0 THEN 'red'
			WHEN count(*) FILTER (WHERE rag = 'amber') > 0 THEN 'amber'
			WHEN count(*) FILTER (WHERE rag = 'green') > 0 THEN 'green' END AS overall_rag
FROM @extschema@.scorecard
GROUP BY centre_id, centre, period, kind, period_start, period_end;
COMMENT ON VIEW @extschema@.scorecard_summary IS 'Each centre''s scorecard per period in one row: measures with a target, how many are green, amber, red or unrated, and the worst colour';
COMMENT ON COLUMN @extschema@.scorecard_summary.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.scorecard_summary.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.scorecard_summary.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.scorecard_summary.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.scorecard_summary.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.scorecard_summary.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.scorecard_summary.measures IS 'measures with a target for the period';
COMMENT ON COLUMN @extschema@.scorecard_summary.greens IS 'measures rated green';
COMMENT ON COLUMN @extschema@.scorecard_summary.ambers IS 'measures rated amber';
COMMENT ON COLUMN @extschema@.scorecard_summary.reds IS 'measures rated red';
COMMENT ON COLUMN @extschema@.scorecard_summary.unrated IS 'measures without an actual value (rag null)';
COMMENT ON COLUMN @extschema@.scorecard_summary.overall_rag IS 'the worst colour among the rated measures: red, else amber, else green; null when none is rated';

/* ---------------------------------------------------------------- contact profile */

/*
 * The counted children seen in each period, one row each: age band, their
 * meaningful contacts, how many were home visits or antenatal, whether a
 * family-support or social-care episode was open during the period, and
 * whether they were seen for the first time.
 *   - age is the age on the reference date, as everywhere in the counting
 *     rules, for the child and all its contacts in the period;
 *   - a home visit is a contact whose mode or activity reads "home visit"
 *     (any case, space, underscore or hyphen);
 *   - an antenatal contact is one before the child's date of birth, or
 *     whose mode or activity starts with "antenatal";
 *   - a child is seen for the first time when it had no contact of a mode
 *     that can count (not a 'never' mode) before the period.
 */
CREATE VIEW @extschema@.child_contact_profile AS
SELECT x.period, x.centre_id, x.child_id, x.age, x.contacts, x.home_visits, x.antenatal,
	   coalesce(sc.family_support, false) AS family_support,
	   coalesce(sc.social_care, false) AS social_care,
	   x.first_seen
FROM (
	SELECT mc.period, mc.centre_id, mc.child_id, b.period_start, b.period_end,
		   @extschema@.age_on(c.dob, b.period_end) AS age,
		   count(*)::integer AS contacts,
		   count(*) FILTER (WHERE k.mode ~* '^home[ _-]?visit' OR k.activity ~* '^home[ _-]?visit')::integer AS home_visits,
		   count(*) FILTER (WHERE k.contact_on < c.dob OR k.mode ~* '^antenatal' OR k.activity ~* '^antenatal')::integer AS antenatal,
		   NOT EXISTS (SELECT 1 FROM @extschema@.contact AS e
					   WHERE e.child_id = mc.child_id AND e.contact_on < b.period_start
						 AND NOT EXISTS (SELECT 1 FROM @extschema@.contact_rule AS r
										 WHERE r.mode = e.mode AND r.counts = 'never')) AS first_seen
	FROM @extschema@.meaningful_contact AS mc
	JOIN @extschema@.reporting_period AS b ON b.period = mc.period AND b.kind = mc.kind
	JOIN @extschema@.contact AS k ON k.contact_id = mc.contact_id
	JOIN @extschema@.child AS c ON c.child_id = mc.child_id
	GROUP BY mc.period, mc.centre_id, mc.child_id, c.dob, b.period_start, b.period_end
) AS x
CROSS JOIN LATERAL (
	SELECT bool_or(s.kind = 'family_support') AS family_support,
		   bool_or(s.kind <> 'family_support') AS social_care
	FROM @extschema@.social_care AS s
	WHERE s.child_id = x.child_id
	  AND s.starts_on <= x.period_end AND (s.ends_on IS NULL OR s.ends_on >= x.period_start)
) AS sc;
COMMENT ON VIEW @extschema@.child_contact_profile IS 'Each counted child seen in each period: age on the reference date, meaningful contacts, home visits, antenatal contacts, plans open during the period, first time seen (person-level)';
COMMENT ON COLUMN @extschema@.child_contact_profile.period IS 'period label';
COMMENT ON COLUMN @extschema@.child_contact_profile.centre_id IS 'centre the child counts for';
COMMENT ON COLUMN @extschema@.child_contact_profile.child_id IS 'child';
COMMENT ON COLUMN @extschema@.child_contact_profile.age IS 'age in completed years on the reference date (0-4)';
COMMENT ON COLUMN @extschema@.child_contact_profile.contacts IS 'meaningful contacts in the period';
COMMENT ON COLUMN @extschema@.child_contact_profile.home_visits IS 'of them, home visits (mode or activity "home visit")';
COMMENT ON COLUMN @extschema@.child_contact_profile.antenatal IS 'of them, antenatal contacts (before the birth, or mode or activity "antenatal")';
COMMENT ON COLUMN @extschema@.child_contact_profile.family_support IS 'a family-support (early-help) episode of the child was open during the period';
COMMENT ON COLUMN @extschema@.child_contact_profile.social_care IS 'a child-in-need, child-protection or looked-after episode of the child was open during the period';
COMMENT ON COLUMN @extschema@.child_contact_profile.first_seen IS 'no contact of a mode that can count (not a never mode) before the period: seen for the first time';

/*
 * Per centre and period.  New registrations are the counted children whose
 * first registration at any centre began in the period: the children new
 * to the centres, by birth or by moving in (family addresses have no
 * history in the data model, so a move cannot be dated otherwise).
 */
CREATE VIEW @extschema@.contact_profile AS
SELECT p.centre_id, p.centre, p.period, p.kind, p.period_start, p.period_end,
	   coalesce(x.children_seen, 0) AS children_seen,
	   coalesce(x.contacts, 0) AS contacts,
	   coalesce(x.seen_under_1, 0) AS seen_under_1,
	   coalesce(x.seen_age_1, 0) AS seen_age_1,
	   coalesce(x.seen_age_2, 0) AS seen_age_2,
	   coalesce(x.seen_age_3, 0) AS seen_age_3,
	   coalesce(x.seen_age_4, 0) AS seen_age_4,
	   coalesce(x.contacts_under_1, 0) AS contacts_under_1,
	   coalesce(x.contacts_age_1, 0) AS contacts_age_1,
	   coalesce(x.contacts_age_2, 0) AS contacts_age_2,
	   coalesce(x.contacts_age_3, 0) AS contacts_age_3,
	   coalesce(x.contacts_age_4, 0) AS contacts_age_4,
	   CASE WHEN x.contacts > 0 THEN round(100.0 * (x.contacts_under_1 + x.contacts_age_1) / x.contacts, 1) END AS under_twos_contacts_pct,
	   coalesce(x.home_visits, 0) AS home_visits,
	   coalesce(x.seen_home_visit, 0) AS seen_home_visit,
	   coalesce(x.antenatal_contacts, 0) AS antenatal_contacts,
	   coalesce(x.seen_antenatal, 0) AS seen_antenatal,
	   coalesce(x.seen_family_support, 0) AS seen_family_support,
	   coalesce(x.seen_social_care, 0) AS seen_social_care,
	   coalesce(x.seen_under_plan, 0) AS seen_under_plan,
	   coalesce(x.first_seen, 0) AS first_seen,
	   coalesce(n.new_registered, 0) AS new_registered
FROM (SELECT c.centre_id, c.name AS centre, rp.period, rp.kind, rp.period_start, rp.period_end
	  FROM @extschema@.centre AS c
	  CROSS JOIN @extschema@.reporting_period AS rp
	  WHERE (c.opened_on IS NULL OR c.opened_on <= rp.period_end)
		AND (c.closed_on IS NULL OR c.closed_on >= rp.period_start)
		AND c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)) AS p
LEFT JOIN (
	SELECT period, centre_id,
		   count(*)::integer AS children_seen,
		   sum(contacts)::integer AS contacts,
		   count(*) FILTER (WHERE age = 0)::integer AS seen_under_1,
		   count(*) FILTER (WHERE age = 1)::integer AS seen_age_1,
		   count(*) FILTER (WHERE age = 2)::integer AS seen_age_2,
		   count(*) FILTER (WHERE age = 3)::integer AS seen_age_3,
		   count(*) FILTER (WHERE age = 4)::integer AS seen_age_4,
		   coalesce(sum(contacts) FILTER (WHERE age = 0), 0)::integer AS contacts_under_1,
		   coalesce(sum(contacts) FILTER (WHERE age = 1), 0)::integer AS contacts_age_1,
		   coalesce(sum(contacts) FILTER (WHERE age = 2), 0)::integer AS contacts_age_2,
		   coalesce(sum(contacts) FILTER (WHERE age = 3), 0)::integer AS contacts_age_3,
		   coalesce(sum(contacts) FILTER (WHERE age = 4), 0)::integer AS contacts_age_4,
		   sum(home_visits)::integer AS home_visits,
		   count(*) FILTER (WHERE home_visits > 0)::integer AS seen_home_visit,
		   sum(antenatal)::integer AS antenatal_contacts,
		   count(*) FILTER (WHERE antenatal > 0)::integer AS seen_antenatal,
		   count(*) FILTER (WHERE family_support)::integer AS seen_family_support,
		   count(*) FILTER (WHERE social_care)::integer AS seen_social_care,
		   count(*) FILTER (WHERE family_support OR social_care)::integer AS seen_under_plan,
		   count(*) FILTER (WHERE first_seen)::integer AS first_seen
	FROM @extschema@.child_contact_profile
	GROUP BY period, centre_id
) AS x ON x.period = p.period AND x.centre_id = p.centre_id
LEFT JOIN (
	SELECT cc.period, cc.centre_id, count(*)::integer AS new_registered
	FROM @extschema@.counted_child AS cc
	JOIN (SELECT g.child_id, min(g.registered_on) AS first_registered_on
		  FROM @extschema@.registration AS g
		  GROUP BY g.child_id) AS f
	  ON f.child_id = cc.child_id AND f.first_registered_on BETWEEN cc.period_start AND cc.period_end
	GROUP BY cc.period, cc.centre_id
) AS n ON n.period = p.period AND n.centre_id = p.centre_id;
COMMENT ON VIEW @extschema@.contact_profile IS 'Whom each centre''s area is in contact with per period: children seen and meaningful contacts by age on the reference date, home visits, antenatal contacts, children under a family-support or social-care plan, children seen for the first time, new registrations';
COMMENT ON COLUMN @extschema@.contact_profile.centre_id IS 'centre whose reach area the children live in';
COMMENT ON COLUMN @extschema@.contact_profile.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.contact_profile.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.contact_profile.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.contact_profile.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.contact_profile.period_end IS 'last day of the period, the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.children_seen IS 'counted children with at least one meaningful contact in the period (seen of centre_reach)';
COMMENT ON COLUMN @extschema@.contact_profile.contacts IS 'meaningful contacts of counted children in the period, at any centre';
COMMENT ON COLUMN @extschema@.contact_profile.seen_under_1 IS 'children seen aged under 1 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.seen_age_1 IS 'children seen aged 1 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.seen_age_2 IS 'children seen aged 2 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.seen_age_3 IS 'children seen aged 3 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.seen_age_4 IS 'children seen aged 4 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_under_1 IS 'meaningful contacts with children aged under 1 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_age_1 IS 'meaningful contacts with children aged 1 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_age_2 IS 'meaningful contacts with children aged 2 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_age_3 IS 'meaningful contacts with children aged 3 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.contacts_age_4 IS 'meaningful contacts with children aged 4 on the reference date';
COMMENT ON COLUMN @extschema@.contact_profile.under_twos_contacts_pct IS 'share of contacts with under-twos (aged 0 or 1 on the reference date), per cent; null without contacts';
COMMENT ON COLUMN @extschema@.contact_profile.home_visits IS 'meaningful contacts that were home visits (mode or activity "home visit")';
COMMENT ON COLUMN @extschema@.contact_profile.seen_home_visit IS 'children with at least one home visit';
COMMENT ON COLUMN @extschema@.contact_profile.antenatal_contacts IS 'meaningful contacts before the child''s birth, or with mode or activity "antenatal"';
COMMENT ON COLUMN @extschema@.contact_profile.seen_antenatal IS 'children with at least one antenatal contact';
COMMENT ON COLUMN @extschema@.contact_profile.seen_family_support IS 'children seen with a family-support (early-help) episode open during the period';
COMMENT ON COLUMN @extschema@.contact_profile.seen_social_care IS 'children seen with a child-in-need, child-protection or looked-after episode open during the period';
COMMENT ON COLUMN @extschema@.contact_profile.seen_under_plan IS 'children seen under either kind of plan';
COMMENT ON COLUMN @extschema@.contact_profile.first_seen IS 'children seen for the first time: no contact of a mode that can count before the period';
COMMENT ON COLUMN @extschema@.contact_profile.new_registered IS 'counted children (seen or not) whose first registration at any centre began in the period: new to the centres by birth or by moving in';

CREATE VIEW @extschema@.contact_mode_profile AS
SELECT mc.centre_id, c.name AS centre, mc.period, mc.kind, k.mode,
	   count(*)::integer AS contacts,
	   count(DISTINCT mc.child_id)::integer AS children
FROM @extschema@.meaningful_contact AS mc
JOIN @extschema@.contact AS k ON k.contact_id = mc.contact_id
JOIN @extschema@.centre AS c ON c.centre_id = mc.centre_id
WHERE mc.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v)
GROUP BY mc.centre_id, c.name, mc.period, mc.kind, k.mode;
COMMENT ON VIEW @extschema@.contact_mode_profile IS 'Meaningful contacts of the children of each centre''s area per period by contact mode';
COMMENT ON COLUMN @extschema@.contact_mode_profile.centre_id IS 'centre whose reach area the children live in';
COMMENT ON COLUMN @extschema@.contact_mode_profile.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.contact_mode_profile.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.contact_mode_profile.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.contact_mode_profile.mode IS 'contact mode as recorded (null when the contact has none)';
COMMENT ON COLUMN @extschema@.contact_mode_profile.contacts IS 'meaningful contacts of the mode';
COMMENT ON COLUMN @extschema@.contact_mode_profile.children IS 'children with at least one of them';

/* ---------------------------------------------------------------- governance */

/*
 * Every centre open in a financial year that reports have (or in which a
 * meeting is recorded), with its meetings that year by the day they met:
 * 31 March belongs to the year ending then, 1 April to the next.
 */
CREATE VIEW @extschema@.governance AS
SELECT c.centre_id, c.name AS centre, y.financial_year, y.year_start, y.year_end,
	   b.advisory_board AS advisory_board_meetings,
	   s.required AS advisory_board_required,
	   b.annual_conversation_on IS NOT NULL AS annual_conversation_held,
	   b.annual_conversation_on,
	   b.parent_forum AS parent_forum_meetings,
	   b.advisory_board >= s.required AND b.annual_conversation_on IS NOT NULL AS compliant,
	   nullif(concat_ws('; ',
		   CASE WHEN b.advisory_board < s.required
				THEN format('advisory board met %s %s, %s required', b.advisory_board,
							CASE WHEN b.advisory_board = 1 THEN 'time' ELSE 'times' END, s.required) END,
		   CASE WHEN b.annual_conversation_on IS NULL THEN 'no annual conversation' END), '') AS reasons,
	   y.year_end < current_date AS year_ended
FROM @extschema@.centre AS c
CROSS JOIN (SELECT u.financial_year, b.period_start AS year_start, b.period_end AS year_end
			FROM (SELECT rp.period FROM @extschema@.reporting_period AS rp WHERE rp.kind = 'year'
				  UNION
				  SELECT @extschema@.financial_year(m.met_on) FROM @extschema@.board_meeting AS m) AS u(financial_year)
			CROSS JOIN LATERAL @extschema@.financial_period_bounds(u.financial_year) AS b) AS y
CROSS JOIN (SELECT value::integer AS required FROM @extschema@.setting WHERE name = 'governance_board_meetings') AS s
CROSS JOIN LATERAL (
	SELECT count(*) FILTER (WHERE m.kind = 'advisory_board')::integer AS advisory_board,
		   max(m.met_on) FILTER (WHERE m.kind = 'annual_conversation') AS annual_conversation_on,
		   count(*) FILTER (WHERE m.kind = 'parent_forum')::integer AS parent_forum
	FROM @extschema@.board_meeting AS m
	WHERE m.centre_id = c.centre_id AND m.met_on BETWEEN y.year_start AND y.year_end
) AS b
WHERE (c.opened_on IS NULL OR c.opened_on <= y.year_end)
  AND (c.closed_on IS NULL OR c.closed_on >= y.year_start)
  AND c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.governance IS 'Governance of each centre per financial year: advisory board meetings (governance_board_meetings required, default 3), annual conversation, parent forums, and whether it complied';
COMMENT ON COLUMN @extschema@.governance.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.governance.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.governance.financial_year IS 'financial year, e.g. 2013-14 (a meeting on 31 March belongs to the year ending then)';
COMMENT ON COLUMN @extschema@.governance.year_start IS 'first day of the financial year (1 April)';
COMMENT ON COLUMN @extschema@.governance.year_end IS 'last day of the financial year (31 March)';
COMMENT ON COLUMN @extschema@.governance.advisory_board_meetings IS 'advisory board meetings recorded for the centre in the year';
COMMENT ON COLUMN @extschema@.governance.advisory_board_required IS 'meetings required a year (setting governance_board_meetings)';
COMMENT ON COLUMN @extschema@.governance.annual_conversation_held IS 'an annual conversation was held in the year';
COMMENT ON COLUMN @extschema@.governance.annual_conversation_on IS 'day of the (latest) annual conversation in the year';
COMMENT ON COLUMN @extschema@.governance.parent_forum_meetings IS 'parent forum meetings recorded in the year';
COMMENT ON COLUMN @extschema@.governance.compliant IS 'the advisory board met at least the required number of times and an annual conversation was held';
COMMENT ON COLUMN @extschema@.governance.reasons IS 'what is missing, e.g. advisory board met 2 times, 3 required; null when compliant';
COMMENT ON COLUMN @extschema@.governance.year_ended IS 'the year is over (a year in progress may still comply)';

/* ---------------------------------------------------------------- inspection risk */

/* The risk settings in one row, as numbers. */
CREATE VIEW @extschema@.risk_settings AS
SELECT max(value) FILTER (WHERE name = 'risk_registration_below')::numeric AS reg_below,
	   max(value) FILTER (WHERE name = 'risk_deprived_registration_below')::numeric AS dep_below,
	   max(value) FILTER (WHERE name = 'risk_group_min_families')::integer AS group_min,
	   max(value) FILTER (WHERE name = 'risk_group_any_contact_below')::numeric AS group_below,
	   max(value) FILTER (WHERE name = 'risk_weight_registration')::integer AS w_registration,
	   max(value) FILTER (WHERE name = 'risk_weight_deprived_registration')::integer AS w_deprived,
	   max(value) FILTER (WHERE name = 'risk_weight_low_contact')::integer AS w_low_contact,
	   max(value) FILTER (WHERE name = 'risk_weight_target_group')::integer AS w_group,
	   max(value) FILTER (WHERE name = 'risk_weight_fsp_quadrant')::integer AS w_fsp,
	   max(value) FILTER (WHERE name = 'risk_weight_rag_amber')::integer AS w_amber,
	   max(value) FILTER (WHERE name = 'risk_weight_rag_red')::integer AS w_red,
	   max(value) FILTER (WHERE name = 'risk_weight_grade_ri')::integer AS w_ri,
	   max(value) FILTER (WHERE name = 'risk_weight_grade_inadequate')::integer AS w_inadequate,
	   max(value) FILTER (WHERE name = 'risk_weight_overdue')::integer AS w_overdue,
	   max(value) FILTER (WHERE name = 'risk_band_medium_from')::integer AS medium_from,
	   max(value) FILTER (WHERE name = 'risk_band_high_from')::integer AS high_from,
	   max(value) FILTER (WHERE name = 'reinspect_years')::integer AS reinspect_years
FROM @extschema@.setting;
COMMENT ON VIEW @extschema@.risk_settings IS 'The settings of the inspection-risk assessment in one row';
COMMENT ON COLUMN @extschema@.risk_settings.reg_below IS 'setting risk_registration_below: registration below this per cent is a warning sign';
COMMENT ON COLUMN @extschema@.risk_settings.dep_below IS 'setting risk_deprived_registration_below: registration in the most deprived areas below this per cent is a warning sign';
COMMENT ON COLUMN @extschema@.risk_settings.group_min IS 'setting risk_group_min_families: a target group counts with at least this many registered families';
COMMENT ON COLUMN @extschema@.risk_settings.group_below IS 'setting risk_group_any_contact_below: any-contact coverage of such a group below this per cent is a warning sign';
COMMENT ON COLUMN @extschema@.risk_settings.w_registration IS 'setting risk_weight_registration: points for low registration';
COMMENT ON COLUMN @extschema@.risk_settings.w_deprived IS 'setting risk_weight_deprived_registration: points for low registration in the most deprived areas';
COMMENT ON COLUMN @extschema@.risk_settings.w_low_contact IS 'setting risk_weight_low_contact: points for a seen or sustained rate in the county''s bottom quartile';
COMMENT ON COLUMN @extschema@.risk_settings.w_group IS 'setting risk_weight_target_group: points for a poorly reached national target group';
COMMENT ON COLUMN @extschema@.risk_settings.w_fsp IS 'setting risk_weight_fsp_quadrant: points for the FSP quadrant low outcomes, low contact';
COMMENT ON COLUMN @extschema@.risk_settings.w_amber IS 'setting risk_weight_rag_amber: points for an amber quality or leadership RAG (each)';
COMMENT ON COLUMN @extschema@.risk_settings.w_red IS 'setting risk_weight_rag_red: points for a red quality or leadership RAG (each)';
COMMENT ON COLUMN @extschema@.risk_settings.w_ri IS 'setting risk_weight_grade_ri: points for a latest grade of Requires improvement';
COMMENT ON COLUMN @extschema@.risk_settings.w_inadequate IS 'setting risk_weight_grade_inadequate: points for a latest grade of Inadequate';
COMMENT ON COLUMN @extschema@.risk_settings.w_overdue IS 'setting risk_weight_overdue: points for an overdue inspection';
COMMENT ON COLUMN @extschema@.risk_settings.medium_from IS 'setting risk_band_medium_from: lowest score of the medium band';
COMMENT ON COLUMN @extschema@.risk_settings.high_from IS 'setting risk_band_high_from: lowest score of the high band';
COMMENT ON COLUMN @extschema@.risk_settings.reinspect_years IS 'setting reinspect_years: a centre never inspected is due this many years after it opened';


/*
 * DOMAIN's transparent score, per centre and period (quarters and years),
 * with the weights and thresholds of the risk_* settings.  Each sign is
 * judged on the period's reference date:
 *   - registration (all areas) below risk_registration_below;
 *   - registration in the most deprived areas below
 *     risk_deprived_registration_below (no sign without such areas);
 *   - seen or sustained rate in the bottom quartile of the county's centres
 *     for the period (ranked as fsp_contact_ranking ranks, 1 = highest);
 *   - a national target group with at least risk_group_min_families
 *     registered families and any contact below risk_group_any_contact_below
 *     (one sign however many groups; all are listed);
 *   - the FSP quadrant "low outcomes, low contact" in the academic year with
 *     the same years as the period's financial year;
 *   - the latest quality and the latest leadership RAG assessed on or
 *     before the reference date, each amber or red;
 *   - the overall grade of the latest inspection on or before the reference
 *     date, Requires improvement or Inadequate;
 *   - the next inspection due (next_inspection_due, or reinspect_years after
 *     opening when never inspected) before the reference date.
 * The band is high from risk_band_high_from, medium from
 * risk_band_medium_from, else low.  latest marks the last period of each
 * kind that has ended; support_levels shows the latest quarter's risk.
 */
CREATE VIEW @extschema@.inspection_risk AS
SELECT centre_id, centre, period, kind, period_start, period_end, score,
	   CASE WHEN score >= high_from THEN 'high' WHEN score >= medium_from THEN 'medium' ELSE 'low' END AS band,
	   nullif(concat_ws('; ',
		   CASE WHEN registration_points > 0
				THEN format('registration %s%% below %s%% (%s)', registered_pct, reg_below, registration_points) END,
		   CASE WHEN deprived_registration_points > 0
				THEN format('deprived-area registration %s%% below %s%% (%s)',
							deprived_registered_pct, dep_below, deprived_registration_points) END,
		   CASE WHEN low_contact_points > 0
				THEN concat_ws(' and ', CASE WHEN seen_quartile = 4 THEN format('seen %s%%', seen_pct) END,
										CASE WHEN sustained_quartile = 4 THEN format('sustained %s%%', sustained_pct) END)
					 || format(' in the county''s bottom quartile (%s)', low_contact_points) END,
		   CASE WHEN target_group_points > 0
				THEN format('any contact below %s%%: %s (%s)', group_below, low_groups, target_group_points) END,
		   CASE WHEN fsp_points > 0
				THEN format('FSP %s low outcomes, low contact (%s)', academic_year, fsp_points) END,
		   CASE WHEN quality_points > 0 THEN format('quality RAG %s (%s)', quality_rag, quality_points) END,
		   CASE WHEN leadership_points > 0 THEN format('leadership RAG %s (%s)', leadership_rag, leadership_points) END,
		   CASE WHEN grade_points > 0 THEN format('latest grade %s (%s)', latest_grade, grade_points) END,
		   CASE WHEN overdue_points > 0 THEN format('inspection overdue since %s (%s)', next_due, overdue_points) END),
		   '') AS reasons,
	   not_yet_inspected, next_due,
	   coalesce(next_due <= (period_end + interval '1 year')::date, not_yet_inspected) AS due_within_year,
	   latest,
	   registered_pct, deprived_registered_pct, seen_pct, sustained_pct, seen_quartile, sustained_quartile,
	   low_groups, academic_year, quadrant, quality_rag, leadership_rag, latest_grade, last_inspected_on,
	   registration_points, deprived_registration_points, low_contact_points, target_group_points, fsp_points,
	   quality_points, leadership_points, grade_points, overdue_points
FROM (
	SELECT p.*,
		   p.registration_points + p.deprived_registration_points + p.low_contact_points + p.target_group_points
			   + p.fsp_points + p.quality_points + p.leadership_points + p.grade_points + p.overdue_points AS score
	FROM (
		SELECT f.*,
			   CASE WHEN f.registered_pct < f.reg_below THEN f.w_registration ELSE 0 END AS registration_points,
			   CASE WHEN f.deprived_registered_pct < f.dep_below THEN f.w_deprived ELSE 0 END AS deprived_registration_points,
			   CASE WHEN f.seen_quartile = 4 OR f.sustained_quartile = 4 THEN f.w_low_contact ELSE 0 END AS low_contact_points,
			   CASE WHEN f.low_groups IS NOT NULL THEN f.w_group ELSE 0 END AS target_group_points,
			   CASE WHEN f.quadrant = 'low outcomes, low contact' THEN f.w_fsp ELSE 0 END AS fsp_points,
			   CASE f.quality_rag WHEN 'amber' THEN f.w_amber WHEN 'red' THEN f.w_red ELSE 0 END AS quality_points,
			   CASE f.leadership_rag WHEN 'amber' THEN f.w_amber WHEN 'red' THEN f.w_red ELSE 0 END AS leadership_points,
			   CASE f.latest_grade WHEN 'Requires improvement' THEN f.w_ri WHEN 'Inadequate' THEN f.w_inadequate ELSE 0 END AS grade_points,
			   CASE WHEN f.next_due < f.period_end THEN f.w_overdue ELSE 0 END AS overdue_points
		FROM (
			SELECT r.centre_id, c.name AS centre, r.period, r.kind, r.period_start, r.period_end,
				   r.registered_pct, r.deprived_registered_pct, r.seen_pct, r.sustained_pct,
				   CASE WHEN r.seen_pct IS NOT NULL
						THEN @extschema@.quartile_of(rank() OVER (PARTITION BY r.period, r.seen_pct IS NULL ORDER BY r.seen_pct DESC),
													 count(r.seen_pct) OVER (PARTITION BY r.period)) END AS seen_quartile,
				   CASE WHEN r.sustained_pct IS NOT NULL
						THEN @extschema@.quartile_of(rank() OVER (PARTITION BY r.period, r.sustained_pct IS NULL ORDER BY r.sustained_pct DESC),
													 count(r.sustained_pct) OVER (PARTITION BY r.period)) END AS sustained_quartile,
				   r.period_end = le.period_end AS latest,
				   g.low_groups, fsp.academic_year, fsp.quadrant,
				   rag.quality_rag, rag.leadership_rag,
				   insp.overall::text AS latest_grade, insp.inspected_on AS last_inspected_on,
				   insp.inspected_on IS NULL AS not_yet_inspected,
				   CASE WHEN insp.inspected_on IS NOT NULL
						THEN @extschema@.next_inspection_due(insp.inspected_on, insp.overall)
						ELSE (c.opened_on + make_interval(years => s.reinspect_years))::date
				   END AS next_due,
				   s.reg_below, s.dep_below, s.group_below, s.medium_from, s.high_from,
				   s.w_registration, s.w_deprived, s.w_low_contact, s.w_group, s.w_fsp,
				   s.w_amber, s.w_red, s.w_ri, s.w_inadequate, s.w_overdue
			FROM (SELECT s.centre_id, s.period, s.kind, s.period_start, s.period_end,
						 max(s.registered_pct) FILTER (WHERE s.scope = 'all') AS registered_pct,
						 max(s.registered_pct) FILTER (WHERE s.scope = 'deprived') AS deprived_registered_pct,
						 max(s.seen_pct) FILTER (WHERE s.scope = 'all') AS seen_pct,
						 max(s.sustained_pct) FILTER (WHERE s.scope = 'all') AS sustained_pct
				  FROM @extschema@.centre_reach_scoped AS s
				  GROUP BY s.centre_id, s.period, s.kind, s.period_start, s.period_end) AS r
			JOIN @extschema@.centre AS c ON c.centre_id = r.centre_id
			CROSS JOIN @extschema@.risk_settings AS s
			LEFT JOIN (
				SELECT rp.kind, max(rp.period_end) AS period_end
				FROM @extschema@.reporting_period AS rp
				WHERE rp.period_end < current_date
				GROUP BY rp.kind
			) AS le ON le.kind = r.kind
			LEFT JOIN (
				SELECT cc.centre_id, cc.period,
					   string_agg(format('%s %s%% of %s', x.target_group, @extschema@.percent(x.any_contact), x.in_group),
								  ', ' ORDER BY g.display_order) AS low_groups
				FROM @extschema@.centre_coverage AS cc
				CROSS JOIN LATERAL @extschema@.coverage_rows(cc.coverage) AS x
				JOIN @extschema@.target_group AS g ON g.code = x.target_group AND g.national
				CROSS JOIN @extschema@.risk_settings AS rs
				WHERE x.in_group >= rs.group_min AND @extschema@.percent(x.any_contact) < rs.group_below
				GROUP BY cc.centre_id, cc.period
			) AS g ON g.centre_id = r.centre_id AND g.period = r.period
			LEFT JOIN @extschema@.fsp_contact_ranking AS fsp
			  ON fsp.centre_id = r.centre_id
			 AND fsp.academic_year = replace(@extschema@.financial_year(r.period_start), '-', '/')
			LEFT JOIN LATERAL (
				SELECT q.quality_rag, q.leadership_rag
				FROM @extschema@.centre_rag AS q
				WHERE q.centre_id = r.centre_id AND q.assessed_on <= r.period_end
				ORDER BY q.assessed_on DESC
				LIMIT 1
			) AS rag ON true
			LEFT JOIN LATERAL (
				SELECT i.inspected_on, i.overall
				FROM @extschema@.inspected_centre AS ic
				JOIN @extschema@.ofsted_inspection AS i USING (inspection_id)
				WHERE ic.centre_id = r.centre_id AND i.status NOT IN ('postponed', 'cancelled')
				  AND i.inspected_on <= r.period_end
				ORDER BY i.inspected_on DESC, i.inspection_id DESC
				LIMIT 1
			) AS insp ON true
		) AS f
	) AS p
) AS q
WHERE q.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.inspection_risk IS 'Inspection-risk assessment of each centre per quarter and year: one weighted point per warning sign (settings risk_*), the band (low, medium, high) and the reasons, with whether the centre is not yet inspected or due within a year';
COMMENT ON COLUMN @extschema@.inspection_risk.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.inspection_risk.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.inspection_risk.period IS 'period label: 2013-14 Q3 or 2013-14';
COMMENT ON COLUMN @extschema@.inspection_risk.kind IS 'quarter or year';
COMMENT ON COLUMN @extschema@.inspection_risk.period_start IS 'first day of the period';
COMMENT ON COLUMN @extschema@.inspection_risk.period_end IS 'last day of the period: the reference date every sign is judged on';
COMMENT ON COLUMN @extschema@.inspection_risk.score IS 'sum of the points of the warning signs';
COMMENT ON COLUMN @extschema@.inspection_risk.band IS 'high from risk_band_high_from (4), medium from risk_band_medium_from (2), else low';
COMMENT ON COLUMN @extschema@.inspection_risk.reasons IS 'the warning signs with their points, separated by semicolons; null when there are none';
COMMENT ON COLUMN @extschema@.inspection_risk.not_yet_inspected IS 'no inspection took place on or before the reference date';
COMMENT ON COLUMN @extschema@.inspection_risk.next_due IS 'next inspection due: after the latest inspection by next_inspection_due, else reinspect_years after opening (null if the opening is unknown)';
COMMENT ON COLUMN @extschema@.inspection_risk.due_within_year IS 'next_due falls within a year of the reference date (or is already past); true for a centre never inspected whose due date is unknown';
COMMENT ON COLUMN @extschema@.inspection_risk.latest IS 'the period is the latest of its kind that has ended';
COMMENT ON COLUMN @extschema@.inspection_risk.registered_pct IS 'registered_pct of centre_reach';
COMMENT ON COLUMN @extschema@.inspection_risk.deprived_registered_pct IS 'registered_pct of centre_reach_deprived (null without most deprived areas)';
COMMENT ON COLUMN @extschema@.inspection_risk.seen_pct IS 'seen_pct of centre_reach';
COMMENT ON COLUMN @extschema@.inspection_risk.sustained_pct IS 'sustained_pct of centre_reach';
COMMENT ON COLUMN @extschema@.inspection_risk.seen_quartile IS 'quartile of the centre''s seen_pct among the county''s centres in the period, 1 = highest, 4 = bottom';
COMMENT ON COLUMN @extschema@.inspection_risk.sustained_quartile IS 'quartile of the centre''s sustained_pct, 1 = highest, 4 = bottom';
COMMENT ON COLUMN @extschema@.inspection_risk.low_groups IS 'national target groups with at least risk_group_min_families families and any contact below risk_group_any_contact_below: group, any-contact per cent and families';
COMMENT ON COLUMN @extschema@.inspection_risk.academic_year IS 'academic year of the FSP results used (the same years as the financial year)';
COMMENT ON COLUMN @extschema@.inspection_risk.quadrant IS 'FSP quadrant of fsp_contact_ranking in that academic year';
COMMENT ON COLUMN @extschema@.inspection_risk.quality_rag IS 'latest quality and impact RAG assessed on or before the reference date';
COMMENT ON COLUMN @extschema@.inspection_risk.leadership_rag IS 'latest leadership and management RAG assessed on or before the reference date';
COMMENT ON COLUMN @extschema@.inspection_risk.latest_grade IS 'overall grade of the latest inspection on or before the reference date';
COMMENT ON COLUMN @extschema@.inspection_risk.last_inspected_on IS 'day of that inspection';
COMMENT ON COLUMN @extschema@.inspection_risk.registration_points IS 'points for registration below risk_registration_below';
COMMENT ON COLUMN @extschema@.inspection_risk.deprived_registration_points IS 'points for deprived-area registration below risk_deprived_registration_below';
COMMENT ON COLUMN @extschema@.inspection_risk.low_contact_points IS 'points for a seen or sustained rate in the bottom quartile';
COMMENT ON COLUMN @extschema@.inspection_risk.target_group_points IS 'points for a poorly reached national target group';
COMMENT ON COLUMN @extschema@.inspection_risk.fsp_points IS 'points for the FSP quadrant low outcomes, low contact';
COMMENT ON COLUMN @extschema@.inspection_risk.quality_points IS 'points for the quality RAG (amber or red)';
COMMENT ON COLUMN @extschema@.inspection_risk.leadership_points IS 'points for the leadership RAG (amber or red)';
COMMENT ON COLUMN @extschema@.inspection_risk.grade_points IS 'points for the latest grade (Requires improvement or Inadequate)';
COMMENT ON COLUMN @extschema@.inspection_risk.overdue_points IS 'points for an inspection overdue on the reference date';

/*
 * The latest financial quarter that has ended, among the reporting periods:
 * the quarter support_levels assesses.  A function rather than a joined
 * subquery so that a filter period = latest_ended_quarter() reaches the
 * base views like a constant and only that quarter is computed (support_levels
 * on the demo: 4.6 s computing every period, under 1 s with the function).
 */
CREATE FUNCTION @extschema@.latest_ended_quarter() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT rp.period FROM @extschema@.reporting_period AS rp
WHERE rp.kind = 'quarter' AND rp.period_end < CURRENT_DATE
ORDER BY rp.period_end DESC
LIMIT 1
$$;
COMMENT ON FUNCTION @extschema@.latest_ended_quarter() IS 'the latest financial quarter of the reporting periods that has ended (null when none has): filter views with period = latest_ended_quarter() for the current quarter''s figures';
/* ---------------------------------------------------------------- support levels */

/*
 * The support level (in 0.1.0 part of 67_funding_views.sql; here it follows
 * inspection_risk) with the risk of the latest quarter that has ended.  The
 * upgrade from 0.1.0 replaces the old view in place: the new columns follow
 * the old ones.
 */
CREATE VIEW @extschema@.support_levels AS
SELECT c.centre_id, c.name AS centre,
	   array_to_string(g.grades::text[], ', ') AS latest_grades,
	   g.inspections,
	   rag.assessed_on AS rag_assessed_on, rag.quality_rag, rag.leadership_rag,
	   lv.level, @extschema@.support_level_name(lv.level) AS level_name,
	   risk.period AS risk_period, risk.score AS risk_score, risk.band AS risk_band, risk.reasons AS risk_reasons,
	   risk.not_yet_inspected, risk.due_within_year
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
CROSS JOIN LATERAL (
	SELECT @extschema@.support_level(g.grades, rag.quality_rag, rag.leadership_rag) AS level
) AS lv
LEFT JOIN (
	SELECT i.* FROM @extschema@.inspection_risk AS i WHERE i.period = @extschema@.latest_ended_quarter()
) AS risk ON risk.centre_id = c.centre_id
WHERE (c.closed_on IS NULL OR c.closed_on >= current_date)
  AND c.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.support_levels IS 'Each open centre''s level in the support and intervention framework, from its Ofsted grades and latest quality and leadership ratings, beside its inspection risk in the latest quarter that has ended';
COMMENT ON COLUMN @extschema@.support_levels.centre_id IS 'centre';
COMMENT ON COLUMN @extschema@.support_levels.centre IS 'centre name';
COMMENT ON COLUMN @extschema@.support_levels.latest_grades IS 'recorded overall grades of its inspections, newest first';
COMMENT ON COLUMN @extschema@.support_levels.inspections IS 'inspections that took place';
COMMENT ON COLUMN @extschema@.support_levels.rag_assessed_on IS 'day of the latest quality and leadership rating';
COMMENT ON COLUMN @extschema@.support_levels.quality_rag IS 'latest quality and impact rating: green, amber or red';
COMMENT ON COLUMN @extschema@.support_levels.leadership_rag IS 'latest leadership and management rating: green, amber or red';
COMMENT ON COLUMN @extschema@.support_levels.level IS 'support level 1-4: the highest any indicator triggers';
COMMENT ON COLUMN @extschema@.support_levels.level_name IS 'Normal, Raised, Supported or Intensive';

COMMENT ON COLUMN @extschema@.support_levels.risk_period IS 'quarter of the inspection-risk assessment: the latest that has ended';
COMMENT ON COLUMN @extschema@.support_levels.risk_score IS 'inspection-risk score in that quarter (inspection_risk)';
COMMENT ON COLUMN @extschema@.support_levels.risk_band IS 'inspection-risk band: low, medium or high';
COMMENT ON COLUMN @extschema@.support_levels.risk_reasons IS 'the warning signs with their points; null when there are none';
COMMENT ON COLUMN @extschema@.support_levels.not_yet_inspected IS 'not inspected by the end of that quarter';
COMMENT ON COLUMN @extschema@.support_levels.due_within_year IS 'next inspection due within a year of the end of that quarter (or overdue)';
/* src/sql/90_security.sql: roles, row-level security, published views with small numbers suppressed */

/*
 * The README's Security section describes the model.  This part holds:
 *   - protected_relations(): the one list of relations that hold a
 *     person's row or are unfiltered internals, which create_roles() reads;
 *   - the row-level security policies of every person-level table and of
 *     the centre-level tables partners read (created here, in the script,
 *     because pg_dump does not dump policies on extension tables; they read
 *     the dumped configuration table partner_member through the partner_*
 *     views of 45_access.sql);
 *   - the published_* views for BI readers;
 *   - create_roles().
 */

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
 * Names that do not exist (yet) are skipped.
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
	('load_reject', 'person'), ('child_contact_profile', 'person'),
	('counted_child', 'person'), ('meaningful_contact', 'person'),
	('family_period_groups', 'person'), ('child_term_centre', 'person'),
	('period_reach_area', 'internal'), ('lsoa_period_counts', 'internal'),
	('reach_figures', 'internal'), ('centre_reach_scoped', 'internal'),
	('centre_coverage', 'internal'), ('ofsted_latest_all', 'internal'),
	('fsp_contact_ranking_all', 'internal'), ('scorecard_actual', 'internal'),
	('partner_member', 'private')
$$;
COMMENT ON FUNCTION @extschema@.protected_relations() IS 'relations create_roles() withholds: person (a person''s rows: partners get the tables under row-level security), internal (unfiltered views other views build on: analysts only), private (owner only)';

/* ---------------------------------------------------------------- row-level security */

/*
 * Users that are not partners (partner_restricted() false) pass the
 * not_partner policy, so row-level security changes nothing for them: what
 * they may read is what their table privileges say.  Partners pass only
 * partner_scope, for SELECT (they are granted nothing else).  The owner of
 * the tables (the extension owner, a superuser) and superusers bypass
 * row-level security altogether, and so do the views, which read the
 * tables with their owner's rights and filter through visible_centre.
 */

DO $$
DECLARE
	p text[];
BEGIN
	FOREACH p SLICE 1 IN ARRAY ARRAY[
		-- person-level tables
		['family', 'family_id IN (SELECT s.family_id FROM @extschema@.partner_family AS s)'],
		['carer', 'family_id IN (SELECT s.family_id FROM @extschema@.partner_family AS s)'],
		['child', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		['registration', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['contact', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['social_care', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		['eyfs_result', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s) OR lsoa_code IN (SELECT s.lsoa_code FROM @extschema@.partner_lsoa AS s)'],
		['two_year_place', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		['three_four_funding', 'child_id IN (SELECT s.child_id FROM @extschema@.partner_child AS s)'],
		-- centre-level tables
		['lead_partner', 'lead_partner_id IN (SELECT s.lead_partner_id FROM @extschema@.partner_lead_partner AS s)'],
		['contract', 'lead_partner_id IN (SELECT s.lead_partner_id FROM @extschema@.partner_lead_partner AS s)'],
		['lot', 'lead_partner_id IN (SELECT s.lead_partner_id FROM @extschema@.partner_lead_partner AS s)'],
		['centre', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['reach_area', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['inspected_centre', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['ofsted_inspection', 'inspection_id IN (SELECT s.inspection_id FROM @extschema@.partner_inspection AS s)'],
		['centre_rag', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['centre_target', 'centre_id IS NULL OR centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['board_meeting', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['building_fund', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['reach_snapshot', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		['coverage_snapshot', 'centre_id IN (SELECT s.centre_id FROM @extschema@.partner_centre AS s)'],
		-- rejected rows (whole staged rows, personal data): loaders only
		['load_reject', 'false']]
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', p[1]);
		EXECUTE pg_catalog.format('CREATE POLICY not_partner ON @extschema@.%I USING (NOT (SELECT @extschema@.partner_restricted()))', p[1]);
		EXECUTE pg_catalog.format('CREATE POLICY partner_scope ON @extschema@.%I FOR SELECT USING (%s)', p[1], p[2]);
	END LOOP;
END
$$;

/* ---------------------------------------------------------------- published views */

/*
 * Small-number suppression for BI readers.  A count of people from 1 to
 * suppress_below - 1 (setting, default 5) is shown as NULL, and so is every
 * percentage, word or cost worked out from it (a percentage is shown only
 * when both its part and its whole are shown); zero is shown.  under_fives
 * (an ONS estimate) is treated as a count too, so a tiny estimate is
 * suppressed with what is derived from it.  Each row says whether anything
 * in it was suppressed (suppressed).  These views read the filtered views,
 * so a partner reading them sees its own centres, like everything else.
 *
 * Primary suppression only: the README's Security section says what it
 * does not prevent (differences between a total and its shown parts,
 * between a row's own columns, between periods or between views).
 */
/*
 * centre_reach and centre_reach_deprived are both centre_reach_scoped, so
 * their published forms share one base that suppresses once.
 */
CREATE VIEW @extschema@.published_centre_reach_scoped AS
SELECT r.scope, r.centre_id, r.centre, r.period, r.period_start, r.period_end,
	   CASE WHEN s.under_fives THEN NULL ELSE r.under_fives END AS under_fives,
	   CASE WHEN s.registered THEN NULL ELSE r.registered END AS registered,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_pct END AS registered_pct,
	   CASE WHEN s.seen THEN NULL ELSE r.seen END AS seen,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_pct END AS seen_pct,
	   CASE WHEN s.sustained THEN NULL ELSE r.sustained END AS sustained,
	   CASE WHEN s.sustained OR s.under_fives THEN NULL ELSE r.sustained_pct END AS sustained_pct,
	   CASE WHEN s.families_seen THEN NULL ELSE r.families_seen END AS families_seen,
	   CASE WHEN s.families_sustained THEN NULL ELSE r.families_sustained END AS families_sustained,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_words END AS registered_words,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_words END AS seen_words,
	   r.kind,
	   s.under_fives OR s.registered OR s.seen OR s.sustained OR s.families_seen OR s.families_sustained AS suppressed
FROM @extschema@.centre_reach_scoped AS r
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT r.under_fives >= 1 AND r.under_fives < k.below AS under_fives,
						   r.registered >= 1 AND r.registered < k.below AS registered,
						   r.seen >= 1 AND r.seen < k.below AS seen,
						   r.sustained >= 1 AND r.sustained < k.below AS sustained,
						   r.families_seen >= 1 AND r.families_seen < k.below AS families_seen,
						   r.families_sustained >= 1 AND r.families_sustained < k.below AS families_sustained) AS s
WHERE r.centre_id IN (SELECT v.centre_id FROM @extschema@.visible_centre AS v);
COMMENT ON VIEW @extschema@.published_centre_reach_scoped IS 'centre_reach_scoped for publication (scope all or deprived): counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null';

CREATE VIEW @extschema@.published_centre_reach AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind, suppressed
FROM @extschema@.published_centre_reach_scoped
WHERE scope = 'all';
COMMENT ON VIEW @extschema@.published_centre_reach IS 'centre_reach for publication: counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null';

CREATE VIEW @extschema@.published_centre_reach_deprived AS
SELECT centre_id, centre, period, period_start, period_end, under_fives, registered, registered_pct,
	   seen, seen_pct, sustained, sustained_pct, families_seen, families_sustained,
	   registered_words, seen_words, kind, suppressed
FROM @extschema@.published_centre_reach_scoped
WHERE scope = 'deprived';
COMMENT ON VIEW @extschema@.published_centre_reach_deprived IS 'centre_reach_deprived for publication: counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null';

/*
 * The stored history (reach_trend without its change columns, whose small
 * differences are not counts of people), suppressed like centre_reach.
 */
CREATE VIEW @extschema@.published_reach_trend AS
SELECT r.centre_id, r.centre, r.period, r.period_end, r.taken_at,
	   CASE WHEN s.under_fives THEN NULL ELSE r.under_fives END AS under_fives,
	   CASE WHEN s.registered THEN NULL ELSE r.registered END AS registered,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_pct END AS registered_pct,
	   CASE WHEN s.seen THEN NULL ELSE r.seen END AS seen,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_pct END AS seen_pct,
	   CASE WHEN s.sustained THEN NULL ELSE r.sustained END AS sustained,
	   CASE WHEN s.sustained OR s.under_fives THEN NULL ELSE r.sustained_pct END AS sustained_pct,
	   r.kind, r.period_start,
	   CASE WHEN s.families_seen THEN NULL ELSE r.families_seen END AS families_seen,
	   CASE WHEN s.families_sustained THEN NULL ELSE r.families_sustained END AS families_sustained,
	   s.under_fives OR s.registered OR s.seen OR s.sustained OR s.families_seen OR s.families_sustained AS suppressed
FROM @extschema@.reach_trend AS r
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT r.under_fives >= 1 AND r.under_fives < k.below AS under_fives,
						   r.registered >= 1 AND r.registered < k.below AS registered,
						   r.seen >= 1 AND r.seen < k.below AS seen,
						   r.sustained >= 1 AND r.sustained < k.below AS sustained,
						   r.families_seen >= 1 AND r.families_seen < k.below AS families_seen,
						   r.families_sustained >= 1 AND r.families_sustained < k.below AS families_sustained) AS s;
COMMENT ON VIEW @extschema@.published_reach_trend IS 'reach_trend for publication (without the change columns): counts from 1 to suppress_below - 1, and the percentages worked out from them, are null';

CREATE VIEW @extschema@.published_lsoa_reach AS
SELECT r.lsoa_code, r.lsoa, r.centre_id, r.period, r.period_start, r.period_end,
	   CASE WHEN s.under_fives THEN NULL ELSE r.under_fives END AS under_fives,
	   CASE WHEN s.registered THEN NULL ELSE r.registered END AS registered,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_pct END AS registered_pct,
	   CASE WHEN s.seen THEN NULL ELSE r.seen END AS seen,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_pct END AS seen_pct,
	   CASE WHEN s.sustained THEN NULL ELSE r.sustained END AS sustained,
	   CASE WHEN s.sustained OR s.under_fives THEN NULL ELSE r.sustained_pct END AS sustained_pct,
	   CASE WHEN s.families_seen THEN NULL ELSE r.families_seen END AS families_seen,
	   CASE WHEN s.families_sustained THEN NULL ELSE r.families_sustained END AS families_sustained,
	   CASE WHEN s.registered OR s.under_fives THEN NULL ELSE r.registered_words END AS registered_words,
	   CASE WHEN s.seen OR s.under_fives THEN NULL ELSE r.seen_words END AS seen_words,
	   r.kind, r.most_deprived,
	   s.under_fives OR s.registered OR s.seen OR s.sustained OR s.families_seen OR s.families_sustained AS suppressed
FROM @extschema@.lsoa_reach AS r
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT r.under_fives >= 1 AND r.under_fives < k.below AS under_fives,
						   r.registered >= 1 AND r.registered < k.below AS registered,
						   r.seen >= 1 AND r.seen < k.below AS seen,
						   r.sustained >= 1 AND r.sustained < k.below AS sustained,
						   r.families_seen >= 1 AND r.families_seen < k.below AS families_seen,
						   r.families_sustained >= 1 AND r.families_sustained < k.below AS families_sustained) AS s;
COMMENT ON VIEW @extschema@.published_lsoa_reach IS 'lsoa_reach for publication: counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null (deciles are left out: read them from lsoa)';

CREATE VIEW @extschema@.published_target_group_coverage AS
SELECT t.level, t.unit_id, t.unit_name, t.period, t.target_group, t.label,
	   CASE WHEN s.families THEN NULL ELSE t.families END AS families,
	   CASE WHEN s.any_contact THEN NULL ELSE t.any_contact END AS any_contact,
	   CASE WHEN s.any_contact OR s.families THEN NULL ELSE t.any_contact_pct END AS any_contact_pct,
	   CASE WHEN s.sustained THEN NULL ELSE t.sustained END AS sustained,
	   CASE WHEN s.sustained OR s.families THEN NULL ELSE t.sustained_pct END AS sustained_pct,
	   CASE WHEN s.any_contact OR s.families THEN NULL ELSE t.any_contact_words END AS any_contact_words,
	   t.national,
	   s.families OR s.any_contact OR s.sustained AS suppressed
FROM @extschema@.target_group_coverage AS t
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT t.families >= 1 AND t.families < k.below AS families,
						   t.any_contact >= 1 AND t.any_contact < k.below AS any_contact,
						   t.sustained >= 1 AND t.sustained < k.below AS sustained) AS s;
COMMENT ON VIEW @extschema@.published_target_group_coverage IS 'target_group_coverage for publication: counts from 1 to suppress_below - 1, and the percentages and words worked out from them, are null';

/*
 * The data pack's values are percentages of under_fives, from which the
 * count is easily worked back, so a value is suppressed with its count; the
 * county's value and range are taken over the values shown.
 */
CREATE VIEW @extschema@.published_data_pack AS
WITH figures AS (
	SELECT r.level, r.unit_id, r.period,
		   m.measure || CASE WHEN r.scope = 'deprived' THEN '_deprived' ELSE '' END AS measure,
		   CASE WHEN m.small THEN NULL ELSE m.value END AS value,
		   m.small AS suppressed,
		   r.visible
	FROM @extschema@.reach_figures AS r
	CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
	CROSS JOIN LATERAL (SELECT r.under_fives >= 1 AND r.under_fives < k.below AS under_fives) AS u
	CROSS JOIN LATERAL (VALUES ('registered_pct', r.registered_pct, u.under_fives OR (r.registered >= 1 AND r.registered < k.below)),
							   ('seen_pct', r.seen_pct, u.under_fives OR (r.seen >= 1 AND r.seen < k.below)),
							   ('sustained_pct', r.sustained_pct, u.under_fives OR (r.sustained >= 1 AND r.sustained < k.below)))
		AS m(measure, value, small)
)
SELECT f.level, f.unit_id,
	   CASE f.level WHEN 'lsoa' THEN (SELECT name FROM @extschema@.lsoa WHERE lsoa_code = f.unit_id)
					WHEN 'centre' THEN (SELECT name FROM @extschema@.centre WHERE centre_id = f.unit_id)
					WHEN 'district' THEN (SELECT min(district_name) FROM @extschema@.lsoa WHERE district_code = f.unit_id)
					WHEN 'county' THEN 'County'
					ELSE f.unit_id END AS unit_name,
	   f.period, f.measure, f.value, f.county_value, f.county_min, f.county_max, f.suppressed
FROM (
	SELECT f.*,
		   max(f.value) FILTER (WHERE f.level = 'county') OVER w_period AS county_value,
		   min(f.value) OVER w_level AS county_min,
		   max(f.value) OVER w_level AS county_max
	FROM figures AS f
	WINDOW w_period AS (PARTITION BY f.period, f.measure),
		   w_level AS (PARTITION BY f.period, f.measure, f.level)
) AS f
WHERE f.visible;
COMMENT ON VIEW @extschema@.published_data_pack IS 'data_pack for publication: a value whose count (or under-fives estimate) is from 1 to suppress_below - 1 is null, and the county''s range is over the values shown';

CREATE VIEW @extschema@.published_contract_value AS
SELECT c.lot_id, c.lead_partner_id, c.financial_year, c.annual_value,
	   CASE WHEN s.registered THEN NULL ELSE c.registered END AS registered,
	   CASE WHEN s.seen THEN NULL ELSE c.seen END AS seen,
	   CASE WHEN s.sustained THEN NULL ELSE c.sustained END AS sustained,
	   CASE WHEN s.registered THEN NULL ELSE c.cost_per_registered END AS cost_per_registered,
	   CASE WHEN s.seen THEN NULL ELSE c.cost_per_seen END AS cost_per_seen,
	   CASE WHEN s.sustained THEN NULL ELSE c.cost_per_sustained END AS cost_per_sustained,
	   s.registered OR s.seen OR s.sustained AS suppressed
FROM @extschema@.contract_value AS c
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT c.registered >= 1 AND c.registered < k.below AS registered,
						   c.seen >= 1 AND c.seen < k.below AS seen,
						   c.sustained >= 1 AND c.sustained < k.below AS sustained) AS s;
COMMENT ON VIEW @extschema@.published_contract_value IS 'contract_value for publication: counts from 1 to suppress_below - 1, and the costs per child worked out from them, are null';

CREATE VIEW @extschema@.published_two_year_take_up AS
SELECT t.lot_id, t.term_start, t.term,
	   CASE WHEN s.dwp_eligible THEN NULL ELSE t.dwp_eligible END AS dwp_eligible,
	   CASE WHEN s.taken_up_dwp THEN NULL ELSE t.taken_up_dwp END AS taken_up_dwp,
	   CASE WHEN s.taken_up_local_criteria THEN NULL ELSE t.taken_up_local_criteria END AS taken_up_local_criteria,
	   CASE WHEN s.taken_up_total THEN NULL ELSE t.taken_up_total END AS taken_up_total,
	   CASE WHEN s.taken_up_dwp OR s.dwp_eligible THEN NULL ELSE t.take_up_pct END AS take_up_pct,
	   CASE WHEN s.taken_up_total OR s.dwp_eligible THEN NULL ELSE t.total_take_up_pct END AS total_take_up_pct,
	   s.dwp_eligible OR s.taken_up_dwp OR s.taken_up_local_criteria OR s.taken_up_total AS suppressed
FROM @extschema@.two_year_take_up AS t
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT t.dwp_eligible >= 1 AND t.dwp_eligible < k.below AS dwp_eligible,
						   t.taken_up_dwp >= 1 AND t.taken_up_dwp < k.below AS taken_up_dwp,
						   t.taken_up_local_criteria >= 1 AND t.taken_up_local_criteria < k.below AS taken_up_local_criteria,
						   t.taken_up_total >= 1 AND t.taken_up_total < k.below AS taken_up_total) AS s;
COMMENT ON VIEW @extschema@.published_two_year_take_up IS 'two_year_take_up for publication: counts from 1 to suppress_below - 1, and the take-up percentages worked out from them, are null';

CREATE VIEW @extschema@.published_three_four_take_up AS
SELECT t.centre_id, t.centre, t.term_start, t.term,
	   CASE WHEN s.eligible THEN NULL ELSE t.eligible END AS eligible,
	   CASE WHEN s.in_receipt THEN NULL ELSE t.in_receipt END AS in_receipt,
	   CASE WHEN s.in_receipt OR s.eligible THEN NULL ELSE t.take_up_pct END AS take_up_pct,
	   CASE WHEN s.in_receipt OR s.eligible THEN NULL ELSE t.take_up_words END AS take_up_words,
	   s.eligible OR s.in_receipt OR s.in_receipt_not_eligible AS suppressed,
	   CASE WHEN s.in_receipt_not_eligible THEN NULL ELSE t.in_receipt_not_eligible END AS in_receipt_not_eligible
FROM @extschema@.three_four_take_up AS t
CROSS JOIN (SELECT coalesce((SELECT value::integer FROM @extschema@.setting WHERE name = 'suppress_below'), 5) AS below) AS k
CROSS JOIN LATERAL (SELECT t.eligible >= 1 AND t.eligible < k.below AS eligible,
						   t.in_receipt >= 1 AND t.in_receipt < k.below AS in_receipt,
						   t.in_receipt_not_eligible >= 1 AND t.in_receipt_not_eligible < k.below AS in_receipt_not_eligible) AS s;
COMMENT ON VIEW @extschema@.published_three_four_take_up IS 'three_four_take_up for publication: counts from 1 to suppress_below - 1, and the take-up percentage and words worked out from them, are null';

/*
 * Column comments: each published column says what its source column says,
 * and whether it can be suppressed.
 */
DO $$
DECLARE
	pair text[];
	col record;
BEGIN
	FOREACH pair SLICE 1 IN ARRAY ARRAY[
		['published_centre_reach_scoped', 'centre_reach_scoped'],
		['published_centre_reach', 'centre_reach'], ['published_centre_reach_deprived', 'centre_reach_deprived'],
		['published_reach_trend', 'reach_trend'],
		['published_lsoa_reach', 'lsoa_reach'], ['published_target_group_coverage', 'target_group_coverage'],
		['published_data_pack', 'data_pack'], ['published_contract_value', 'contract_value'],
		['published_two_year_take_up', 'two_year_take_up'], ['published_three_four_take_up', 'three_four_take_up']]
	LOOP
		FOR col IN
			SELECT a.attname, pg_catalog.col_description(f.attrelid, f.attnum) AS text,
				   a.attname IN ('centre_id', 'centre', 'lsoa_code', 'lsoa', 'period', 'period_start', 'period_end',
								 'kind', 'most_deprived', 'level', 'unit_id', 'unit_name', 'target_group', 'label',
								 'national', 'lot_id', 'lead_partner_id', 'financial_year', 'annual_value',
								 'term_start', 'term', 'measure', 'scope', 'taken_at') AS never_suppressed
			FROM pg_catalog.pg_attribute AS a
			JOIN pg_catalog.pg_attribute AS f
			  ON f.attrelid = pg_catalog.format('@extschema@.%I', pair[2])::pg_catalog.regclass AND f.attname = a.attname
			WHERE a.attrelid = pg_catalog.format('@extschema@.%I', pair[1])::pg_catalog.regclass
			  AND a.attnum > 0
		LOOP
			EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', pair[1], col.attname,
				col.text || CASE WHEN col.never_suppressed THEN ''
							ELSE '; null when suppressed (a count from 1 to suppress_below - 1, or worked out from one)' END);
		END LOOP;
		EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.suppressed IS %L', pair[1],
			'true when a value in the row is shown as null because it is, or is worked out from, a count from 1 to suppress_below - 1');
	END LOOP;
END
$$;
COMMENT ON COLUMN @extschema@.published_data_pack.county_min IS 'lowest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_max IS 'highest value shown for the measure among the county''s units at this level (suppressed values left out)';
COMMENT ON COLUMN @extschema@.published_data_pack.county_value IS 'the county''s value of the measure; null when suppressed';

/* ---------------------------------------------------------------- roles */

/*
 * create_roles(): create the four NOLOGIN roles if missing and (re)apply
 * exactly their privileges on the extension's objects (README, Security).
 * Run it again after ALTER EXTENSION surestart UPDATE, or after another
 * helper schema (surestart_staging) appears, so new objects are covered.
 *
 * SECURITY DEFINER (reviewed): it creates roles (CREATEROLE) and grants
 * privileges on objects only their owner may grant; running as the
 * extension owner lets a superuser delegate this one job to a council DBA
 * role (GRANT EXECUTE) without making it owner or superuser.  EXECUTE is
 * revoked from PUBLIC below.  It takes no argument; the role and schema
 * names it touches are fixed (the extension's schema, surestart_staging)
 * and quoted with %I; the object names come from the catalog and are
 * quoted with %I too; search_path is pinned to pg_catalog, pg_temp.  It
 * refuses to grant to an existing role of these names that is a superuser
 * or BYPASSRLS, since row-level security would not hold for it.
 *
 * Roles are cluster-wide and are not members of the extension: DROP
 * EXTENSION leaves them (with their privileges in other databases); drop
 * them with DROP OWNED BY / DROP ROLE in each database.
 */
CREATE FUNCTION @extschema@.create_roles() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	ext_schema CONSTANT text := '@extschema@';
	staging CONSTANT text := 'surestart_staging';
	role_name text;
	existing record;
	rel record;
	fn record;
BEGIN
	FOREACH role_name IN ARRAY ARRAY['surestart_reader', 'surestart_analyst', 'surestart_partner', 'surestart_loader'] LOOP
		SELECT r.rolsuper, r.rolbypassrls, r.rolcanlogin INTO existing
		FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) role_name::pg_catalog.name;
		IF NOT FOUND THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', role_name);
		ELSIF existing.rolsuper OR existing.rolbypassrls THEN
			RAISE EXCEPTION 'role "%" already exists and is a superuser or BYPASSRLS', role_name
				USING ERRCODE = 'object_in_use',
					  HINT = 'Row-level security would not apply to it: ALTER ROLE it NOSUPERUSER NOBYPASSRLS, or drop it, and call create_roles() again.';
		ELSIF existing.rolcanlogin THEN
			RAISE NOTICE 'role "%" already exists and can log in; it is left so', role_name;
		END IF;

		-- Start from nothing, so the grants below are exactly what it has.
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %I FROM %I', ext_schema, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %I FROM %I', staging, role_name);
		EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO %I', ext_schema, role_name);
	END LOOP;

	/*
	 * Every relation of the schema, classified: published (published_*
	 * views), person (listed, or a view with a person's id column),
	 * internal, private, or plain (reference and centre-level tables, and
	 * the filtered reporting views).
	 */
	FOR rel IN
		SELECT c.relname, c.relkind, c.relrowsecurity,
			   CASE WHEN c.relkind OPERATOR(pg_catalog.=) 'v' AND c.relname OPERATOR(pg_catalog.~~) 'published\_%' THEN 'published'
					WHEN p.access_class IS NOT NULL THEN p.access_class
					WHEN c.relkind OPERATOR(pg_catalog.=) 'v' AND EXISTS (
						SELECT 1 FROM pg_catalog.pg_attribute AS a
						WHERE a.attrelid OPERATOR(pg_catalog.=) c.oid AND a.attnum OPERATOR(pg_catalog.>) 0
						  AND NOT a.attisdropped
						  AND a.attname OPERATOR(pg_catalog.=) ANY (ARRAY['child_id', 'family_id', 'carer_id', 'contact_id', 'pupil_id']::pg_catalog.name[]))
						THEN 'person'
					ELSE 'plain' END AS access_class
		FROM pg_catalog.pg_class AS c
		LEFT JOIN @extschema@.protected_relations() AS p ON p.relation_name OPERATOR(pg_catalog.=) c.relname::text
		WHERE c.relnamespace OPERATOR(pg_catalog.=) ext_schema::pg_catalog.regnamespace
		  AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'v', 'm', 'p', 'f']::"char"[])
		ORDER BY c.relname
	LOOP
		IF rel.access_class OPERATOR(pg_catalog.=) 'published' THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_reader, surestart_analyst, surestart_partner', ext_schema, rel.relname);
		ELSIF rel.access_class OPERATOR(pg_catalog.=) 'plain' THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_analyst, surestart_partner', ext_schema, rel.relname);
		ELSIF rel.access_class OPERATOR(pg_catalog.=) 'internal' THEN
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_analyst', ext_schema, rel.relname);
		ELSIF rel.access_class OPERATOR(pg_catalog.=) 'person' AND rel.relkind OPERATOR(pg_catalog.<>) 'v'
			  AND rel.relrowsecurity THEN
			-- only under row-level security (every person-level table has
			-- it: test/pgtap/hardening.sql), never a table without policies
			EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO surestart_partner', ext_schema, rel.relname);
		END IF;
	END LOOP;

	-- The C functions read these through SPI with the caller's rights.
	EXECUTE pg_catalog.format('GRANT SELECT ON %I.setting, %I.ofsted_word TO surestart_reader, surestart_loader', ext_schema, ext_schema);

	/*
	 * Functions: analysts and partners may run every function but the
	 * SECURITY DEFINER ones kept from PUBLIC (create_roles, and the
	 * loading and snapshot jobs).  The others stay executable by PUBLIC
	 * as PostgreSQL grants by default, which readers need for the
	 * functions the published views call.
	 */
	FOR fn IN
		SELECT p.oid::pg_catalog.regprocedure AS signature
		FROM pg_catalog.pg_proc AS p
		WHERE p.pronamespace OPERATOR(pg_catalog.=) ext_schema::pg_catalog.regnamespace
		  AND NOT (p.prosecdef AND NOT EXISTS (
				SELECT 1 FROM pg_catalog.aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) AS x
				WHERE x.grantee OPERATOR(pg_catalog.=) 0::pg_catalog.oid AND x.privilege_type OPERATOR(pg_catalog.=) 'EXECUTE'))
		ORDER BY p.oid
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO surestart_analyst, surestart_partner', fn.signature);
	END LOOP;

	/* Loaders: the staging tables, load_staged() and the import helpers, and the rejects. */
	EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO surestart_loader', staging);
	EXECUTE pg_catalog.format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA %I TO surestart_loader', staging);
	EXECUTE pg_catalog.format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO surestart_loader', staging);
	FOR fn IN
		SELECT p.oid::pg_catalog.regprocedure AS signature
		FROM pg_catalog.pg_proc AS p
		WHERE p.pronamespace OPERATOR(pg_catalog.=) ext_schema::pg_catalog.regnamespace
		  AND p.proname OPERATOR(pg_catalog.=) ANY (ARRAY['load_staged', 'import_iod2019',
				'import_ons_population', 'import_social_care_feed']::pg_catalog.name[])
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO surestart_loader', fn.signature);
	END LOOP;
	EXECUTE pg_catalog.format('GRANT SELECT, DELETE ON %I.load_reject TO surestart_loader', ext_schema);
END
$$;
REVOKE EXECUTE ON FUNCTION @extschema@.create_roles() FROM PUBLIC;
COMMENT ON FUNCTION @extschema@.create_roles() IS 'creates the NOLOGIN roles surestart_reader, surestart_analyst, surestart_partner and surestart_loader if missing and re-applies exactly their privileges; run it again after an update (superusers only unless granted)';
