/*
 * coverage_agg.c
 *		The aggregates of the coverage type (coverage.c): coverage(groups,
 *		contacts), coverage(groups, contacts, threshold) and sum(coverage).
 *
 * coverage(groups, contacts) counts sustained contact from the
 * sustained_contacts setting, read once per query through settings.c;
 * coverage(groups, contacts, threshold) from its last argument, which must
 * be the same on every row of a group (aggregate.c).  sum(coverage) merges
 * summaries, which must share their threshold.
 *
 * The aggregates keep a dense internal state: for each group (and for all
 * rows and the national rows) how many rows reached contact level 0 (none),
 * 1 (some, below the threshold) and 2 (sustained).  A row then costs one
 * increment per group it is in, and combining states is element-wise
 * addition.  The serialised state is the coverage value's binary form.
 */
#include "postgres.h"

#include "common/int.h"
#include "port/pg_bitutils.h"

#include "coverage.h"

/* ---------------------------------------------------------------- state <-> value */

/*
 * A new zeroed aggregate state with the given threshold, in context cxt.
 */
CoverageState *
coverage_state_new(MemoryContext cxt, int32 threshold)
{
	CoverageState *state = (CoverageState *) MemoryContextAllocZero(cxt, sizeof(CoverageState));

	state->threshold = threshold;
	return state;
}

/*
 * Convert level counts (none, some, sustained) into a triple (in_group,
 * any_contact, sustained).  Each level count is at most state->rows, and so
 * is their sum, so nothing overflows.
 */
static inline void
levels_to_triple(const int64 *levels, int64 *triple)
{
	triple[C_SUSTAINED] = levels[2];
	triple[C_ANY] = levels[1] + levels[2];
	triple[C_IN] = levels[0] + levels[1] + levels[2];
}

/*
 * The coverage value of an aggregate state, newly palloc'd; the state is
 * only read.
 */
Coverage *
coverage_from_state(const CoverageState *state)
{
	uint64		groups = 0;
	int			n = 0;
	int			k = 0;
	Coverage   *c;

	for (int g = 0; g < TARGET_GROUP_COUNT; g++)
		if ((state->group[g][0] | state->group[g][1] | state->group[g][2]) != 0)
		{
			groups |= UINT64CONST(1) << g;
			n++;
		}
	c = (Coverage *) palloc0(COVERAGE_SIZE(n));
	SET_VARSIZE(c, COVERAGE_SIZE(n));
	c->threshold = state->threshold;
	c->groups = groups;
	levels_to_triple(state->all, c->all);
	levels_to_triple(state->national, c->national);
	for (uint64 m = groups; m != 0; m &= m - 1)
	{
		int			g = pg_rightmost_one_pos64(m);

		levels_to_triple(state->group[g], &c->counts[3 * k++]);
	}
	return c;
}

/*
 * Raise the error for merging summaries built with different thresholds.
 */
static void
coverage_threshold_mismatch(int32 a, int32 b)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot merge coverage summaries built with different sustained thresholds"),
			 errdetail("One summary counts sustained contact from %d contacts, the other from %d.",
					   a, b),
			 errhint("Build every summary with the same sustained threshold (the sustained_contacts setting, or the threshold argument).")));
}

/*
 * Add n rows to a state's row count, refusing to go past the int64 limit;
 * once rows is known to fit, every other count (bounded by rows) fits too.
 */
static inline void
coverage_add_rows(CoverageState *state, int64 n)
{
	if (unlikely(pg_add_s64_overflow(state->rows, n, &state->rows)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("coverage count out of range"),
				 errdetail("Merging needs a count of rows above " INT64_FORMAT ".",
						   PG_INT64_MAX)));
}

/*
 * Count one family (a row of the coverage aggregate) in a state: its target
 * groups and its contacts, which decide its level (none, some, sustained).
 * The aggregate's transition and the stored figures' counting
 * (figures.c) both count through here, so they count alike.
 */
void
coverage_state_count(CoverageState *state, uint64 groups, int64 contacts)
{
	int			level;

	/* rows bounds every other count, so one check keeps them all in range */
	if (unlikely(state->rows == PG_INT64_MAX))
		coverage_add_rows(state, 1);
	state->rows++;

	level = (contacts >= 1) + (contacts >= state->threshold);
	state->all[level]++;
	if (groups & NATIONAL_MASK)
		state->national[level]++;
	for (; groups != 0; groups &= groups - 1)
		state->group[pg_rightmost_one_pos64(groups)][level]++;
}

/*
 * Add a triple (in_group, any_contact, sustained) into level counts.  The
 * triple is valid (0 <= sustained <= any <= in) and the caller has checked
 * through coverage_add_rows that the totals fit.
 */
static inline void
add_triple_to_levels(int64 *levels, const int64 *triple)
{
	levels[0] += triple[C_IN] - triple[C_ANY];
	levels[1] += triple[C_ANY] - triple[C_SUSTAINED];
	levels[2] += triple[C_SUSTAINED];
}

/*
 * Add a coverage value into a state with the same threshold.
 */
static void
coverage_add_value(CoverageState *state, const Coverage *c)
{
	int			k = 0;

	if (state->threshold != c->threshold)
		coverage_threshold_mismatch(state->threshold, c->threshold);
	coverage_add_rows(state, c->all[C_IN]);
	add_triple_to_levels(state->all, c->all);
	add_triple_to_levels(state->national, c->national);
	for (uint64 m = c->groups; m != 0; m &= m - 1)
	{
		int			g = pg_rightmost_one_pos64(m);

		add_triple_to_levels(state->group[g], &c->counts[3 * k++]);
	}
}

/*
 * Add state b into state a (same threshold required).
 */
static void
coverage_add_state(CoverageState *a, const CoverageState *b)
{
	if (a->threshold != b->threshold)
		coverage_threshold_mismatch(a->threshold, b->threshold);
	coverage_add_rows(a, b->rows);
	for (int i = 0; i < 3; i++)
	{
		a->all[i] += b->all[i];
		a->national[i] += b->national[i];
	}
	for (int g = 0; g < TARGET_GROUP_COUNT; g++)
		for (int i = 0; i < 3; i++)
			a->group[g][i] += b->group[g][i];
}

/* ---------------------------------------------------------------- aggregates */

PG_FUNCTION_INFO_V1(coverage_trans);
/*
 * coverage(groups, contacts) and (declared in SQL as coverage_given_trans)
 * coverage(groups, contacts, threshold) transition: count one row.  NULL groups mean no groups, NULL contacts
 * mean none (a member without contact, as from a LEFT JOIN); the row always
 * counts in the totals.  Negative contacts are an error, and so is a
 * threshold argument that is NULL, below 1 or not the group's.  The state
 * is made on the first row, with the threshold argument or else the
 * sustained_contacts setting's, and updated in place.
 */
Datum
coverage_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = surestart_agg_context(fcinfo, NULL);
	CoverageState *state = PG_ARGISNULL(0) ? NULL : (CoverageState *) PG_GETARG_POINTER(0);
	uint64		groups = PG_ARGISNULL(1) ? 0 : (uint64) PG_GETARG_TARGET_GROUPS(1);
	int64		contacts = PG_ARGISNULL(2) ? 0 : PG_GETARG_INT64(2);
	int32		threshold = 0;

	if (PG_NARGS() > 3)
		threshold = surestart_agg_threshold(fcinfo, 3, state ? state->threshold : 0,
											"coverage", NULL);
	if (unlikely(contacts < 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of contacts " INT64_FORMAT " is negative", contacts),
				 errdetail("A row's count of meaningful contacts must be at least 0.")));
	if (state == NULL)
		state = coverage_state_new(aggcontext, threshold > 0 ? threshold :
								   surestart_sustained_contacts_cached(fcinfo->flinfo));

	coverage_state_count(state, groups, contacts);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(coverage_sum_trans);
/*
 * sum(coverage) transition: merge a summary into the state, made from the
 * first non-NULL summary with its threshold.  NULLs are skipped; a summary
 * with another threshold is an error.
 */
Datum
coverage_sum_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = surestart_agg_context(fcinfo, NULL);
	CoverageState *state = PG_ARGISNULL(0) ? NULL : (CoverageState *) PG_GETARG_POINTER(0);
	Coverage   *c;

	if (PG_ARGISNULL(1))
		SURESTART_RETURN_STATE(state);
	c = PG_GETARG_COVERAGE_P(1);
	if (state == NULL)
		state = coverage_state_new(aggcontext, c->threshold);
	coverage_add_value(state, c);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(coverage_agg_combine);
/*
 * Combine two partial states (parallel or partitionwise aggregation) of
 * either aggregate.  Not strict: either may be NULL.  When only the second
 * exists it is copied into the aggregate context, never returned as is;
 * otherwise the first is updated in place.  States with different
 * thresholds are an error naming both.
 */
Datum
coverage_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = surestart_agg_context(fcinfo, NULL);
	CoverageState *a = PG_ARGISNULL(0) ? NULL : (CoverageState *) PG_GETARG_POINTER(0);
	CoverageState *b = PG_ARGISNULL(1) ? NULL : (CoverageState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		SURESTART_RETURN_STATE(a);
	if (a == NULL)
	{
		a = (CoverageState *) MemoryContextAlloc(aggcontext, sizeof(CoverageState));
		memcpy(a, b, sizeof(CoverageState));
		PG_RETURN_POINTER(a);
	}
	coverage_add_state(a, b);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(coverage_agg_serialize);
/*
 * Serialise a state: exactly the binary form of the coverage value it
 * stands for (one codec for parallel query, COPY BINARY and send/recv).
 */
Datum
coverage_agg_serialize(PG_FUNCTION_ARGS)
{
	CoverageState *state = (CoverageState *) PG_GETARG_POINTER(0);

	(void) surestart_agg_context(fcinfo, NULL);
	PG_RETURN_BYTEA_P(coverage_write(coverage_from_state(state)));
}

PG_FUNCTION_INFO_V1(coverage_agg_deserialize);
/*
 * Deserialise a state from the binary form, validated as coverage_recv
 * validates it.  The state is made in the current (per-call) context; the
 * combine function copies what it keeps.
 */
Datum
coverage_agg_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	Coverage   *c;
	CoverageState *state;

	(void) surestart_agg_context(fcinfo, NULL);
	surestart_binary_open(&buf, bytes);
	c = coverage_read(&buf, "coverage aggregate state");
	state = coverage_state_new(CurrentMemoryContext, c->threshold);
	coverage_add_value(state, c);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(coverage_agg_final);
/*
 * coverage(groups, contacts) result.  No rows gives an empty summary with
 * the current threshold (like count(), it counts: 0 families).  The state
 * is only read, so window use is safe.  (coverage(groups, contacts,
 * threshold) ends with coverage_sum_final, declared in SQL as
 * coverage_given_final: with no rows it has no threshold for an empty
 * summary.)
 */
Datum
coverage_agg_final(PG_FUNCTION_ARGS)
{
	CoverageState *state;

	if (PG_ARGISNULL(0))
	{
		CoverageState empty;

		memset(&empty, 0, sizeof(empty));
		empty.threshold = surestart_sustained_contacts_cached(fcinfo->flinfo);
		PG_RETURN_COVERAGE_P(coverage_from_state(&empty));
	}
	state = (CoverageState *) PG_GETARG_POINTER(0);
	PG_RETURN_COVERAGE_P(coverage_from_state(state));
}

PG_FUNCTION_INFO_V1(coverage_sum_final);
/*
 * sum(coverage) result: the merged summary, NULL when no non-NULL input was
 * seen (as SQL's sum).  Also the result of coverage(groups, contacts,
 * threshold) (SQL function coverage_given_final), whose state exists from
 * its first row: NULL for no rows.  The state is only read.
 */
Datum
coverage_sum_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_COVERAGE_P(coverage_from_state((CoverageState *) PG_GETARG_POINTER(0)));
}
