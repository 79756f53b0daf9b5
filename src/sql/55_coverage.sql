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
