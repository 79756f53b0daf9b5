/*
 * proportion_agg.c
 *		Aggregates that build proportions: sum(proportion), which pools, and
 *		proportion_of(bool), which counts.
 *
 * Both keep the same internal state, a running part and whole, so they share
 * the combine, serialise and deserialise functions.  The serialised form is
 * the proportion's binary (send) format: a version byte, then part and whole
 * as int64 in network byte order.
 *
 * sum() of no rows (or only NULLs) is NULL, as SQL's sum is; proportion_of()
 * of no rows (or only NULLs) is 0/0, "no data", since like count() it counts.
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "surestart.h"

typedef struct ProportionAggState
{
	int64		part;
	int64		whole;
} ProportionAggState;

/*
 * A new zeroed state in the aggregate context.
 */
static ProportionAggState *
agg_state_new(MemoryContext aggcontext)
{
	return (ProportionAggState *) MemoryContextAllocZero(aggcontext,
														 sizeof(ProportionAggState));
}

PG_FUNCTION_INFO_V1(proportion_sum_trans);
/*
 * sum(proportion) transition: pool a non-NULL proportion into the state,
 * creating it on the first one.  NULL inputs are skipped.
 */
Datum
proportion_sum_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = surestart_agg_context(fcinfo, NULL);
	ProportionAggState *state = PG_ARGISNULL(0) ? NULL :
		(ProportionAggState *) PG_GETARG_POINTER(0);
	Proportion *p;

	if (PG_ARGISNULL(1))
		SURESTART_RETURN_STATE(state);
	p = PG_GETARG_PROPORTION_P(1);
	if (state == NULL)
		state = agg_state_new(aggcontext);
	proportion_pool(&state->part, &state->whole, p->part, p->whole);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(proportion_of_trans);
/*
 * proportion_of(bool) transition: count a non-NULL input in the whole, and
 * in the part when it is true.  NULL inputs are skipped.
 */
Datum
proportion_of_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = surestart_agg_context(fcinfo, NULL);
	ProportionAggState *state = PG_ARGISNULL(0) ? NULL :
		(ProportionAggState *) PG_GETARG_POINTER(0);

	if (PG_ARGISNULL(1))
		SURESTART_RETURN_STATE(state);
	if (state == NULL)
		state = agg_state_new(aggcontext);
	proportion_pool(&state->part, &state->whole, PG_GETARG_BOOL(1) ? 1 : 0, 1);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(proportion_agg_combine);
/*
 * Combine two partial states (parallel aggregation).  Not strict: either may
 * be NULL (no rows seen).  When only the second exists it is copied into the
 * aggregate context, never returned as is; otherwise the first is updated
 * in place.
 */
Datum
proportion_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = surestart_agg_context(fcinfo, NULL);
	ProportionAggState *a = PG_ARGISNULL(0) ? NULL :
		(ProportionAggState *) PG_GETARG_POINTER(0);
	ProportionAggState *b = PG_ARGISNULL(1) ? NULL :
		(ProportionAggState *) PG_GETARG_POINTER(1);

	if (b == NULL)
		SURESTART_RETURN_STATE(a);
	if (a == NULL)
	{
		a = agg_state_new(aggcontext);
		a->part = b->part;
		a->whole = b->whole;
		PG_RETURN_POINTER(a);
	}
	proportion_pool(&a->part, &a->whole, b->part, b->whole);
	PG_RETURN_POINTER(a);
}

PG_FUNCTION_INFO_V1(proportion_agg_serialize);
/*
 * Serialise a state: version byte, part and whole (int64, network order),
 * the same bytes as the proportion's binary form.
 */
Datum
proportion_agg_serialize(PG_FUNCTION_ARGS)
{
	ProportionAggState *state = (ProportionAggState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	(void) surestart_agg_context(fcinfo, NULL);
	surestart_binary_begin(&buf);
	pq_sendint64(&buf, state->part);
	pq_sendint64(&buf, state->whole);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(proportion_agg_deserialize);
/*
 * Deserialise a state, checking length, version and 0 <= part <= whole
 * before use.  The new state is made in the current (per-call) context:
 * the combine function copies what it keeps.
 */
Datum
proportion_agg_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	ProportionAggState *state;
	StringInfoData buf;

	(void) surestart_agg_context(fcinfo, NULL);
	if (VARSIZE_ANY_EXHDR(bytes) != 1 + 2 * sizeof(int64))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid proportion aggregate state of %d bytes",
						(int) VARSIZE_ANY_EXHDR(bytes)),
				 errdetail("Expected %d bytes.", (int) (1 + 2 * sizeof(int64)))));
	surestart_binary_open(&buf, bytes);
	surestart_binary_check_version(&buf, "a proportion aggregate state");
	state = (ProportionAggState *) palloc(sizeof(ProportionAggState));
	state->part = pq_getmsgint64(&buf);
	state->whole = pq_getmsgint64(&buf);
	if (state->part < 0 || state->whole < 0 || state->part > state->whole)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid proportion aggregate state " INT64_FORMAT "/" INT64_FORMAT,
						state->part, state->whole),
				 errdetail("Expected 0 <= part <= whole.")));
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(proportion_sum_final);
/*
 * sum(proportion) result: the pooled proportion, NULL when no non-NULL
 * input was seen.  The state is only read, so window use is safe.
 */
Datum
proportion_sum_final(PG_FUNCTION_ARGS)
{
	ProportionAggState *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (ProportionAggState *) PG_GETARG_POINTER(0);
	PG_RETURN_PROPORTION_P(proportion_new(state->part, state->whole));
}

PG_FUNCTION_INFO_V1(proportion_of_final);
/*
 * proportion_of(bool) result: count(true) / count(non-NULL), 0/0 when no
 * non-NULL input was seen.  The state is only read.
 */
Datum
proportion_of_final(PG_FUNCTION_ARGS)
{
	ProportionAggState *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_PROPORTION_P(proportion_new(0, 0));
	state = (ProportionAggState *) PG_GETARG_POINTER(0);
	PG_RETURN_PROPORTION_P(proportion_new(state->part, state->whole));
}
