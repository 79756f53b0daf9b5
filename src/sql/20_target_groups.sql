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
