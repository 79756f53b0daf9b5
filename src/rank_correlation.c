/*
 * rank_correlation.c
 *		The rank_correlation(x, y) aggregate: Spearman's rank correlation.
 *
 * Rho is computed as the Pearson correlation of the ranks, tied values all
 * getting the average of the ranks they span, which is the definition that
 * stays right when there are ties (the 1 - 6 sum d^2 / (n^3 - n) shortcut
 * does not).  Pairs with a NULL are skipped; fewer than two pairs, or a
 * column whose values are all equal, give NULL (the correlation is
 * undefined); NaN or infinite values are errors, since they have no rank
 * that means anything.
 *
 * The state keeps every pair (ranks need the whole column).  Serialised form
 * (parallel query), network byte order:
 *		byte	SURESTART_BINARY_VERSION
 *		int64	number of pairs n (>= 0)
 *		n x (float8 x, float8 y), all finite
 */
#include "postgres.h"

#include <math.h>

#include "libpq/pqformat.h"
#include "utils/memutils.h"

#include "surestart.h"

#define RANK_SERIAL_HEADER (1 + 8)
#define RANK_SERIAL_PAIR	(8 + 8)
#define RANK_INITIAL_PAIRS 64

typedef struct RankPair
{
	float8		x;
	float8		y;
} RankPair;

typedef struct RankState
{
	int64		n;				/* pairs held */
	int64		capacity;		/* pairs allocated */
	RankPair   *pairs;
} RankState;

/* A value and the position of its pair, for ranking one column. */
typedef struct RankItem
{
	float8		value;
	int64		pos;
} RankItem;

#define ST_SORT			rank_sort_items
#define ST_ELEMENT_TYPE RankItem
#define ST_COMPARE(a, b) (((a)->value > (b)->value) - ((a)->value < (b)->value))
#define ST_SCOPE		static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * A new, empty state in ctx.
 */
static RankState *
rank_state_create(MemoryContext ctx, int64 capacity)
{
	RankState  *state = MemoryContextAllocZero(ctx, sizeof(RankState));

	state->capacity = Max(capacity, RANK_INITIAL_PAIRS);
	state->pairs = MemoryContextAllocExtended(ctx,
											  state->capacity * sizeof(RankPair),
											  MCXT_ALLOC_HUGE);
	return state;
}

/*
 * Make room for `more` pairs, doubling so that appending stays amortised
 * constant time.  The array lives in the context it was allocated in.
 */
static void
rank_state_reserve(RankState *state, int64 more)
{
	int64		need = state->n + more;
	int64		cap = state->capacity;

	if (need <= cap)
		return;
	while (cap < need)
		cap *= 2;
	if ((Size) cap > MaxAllocHugeSize / sizeof(RankPair))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many pairs for rank_correlation: %lld", (long long) need)));
	state->pairs = repalloc_huge(state->pairs, cap * sizeof(RankPair));
	state->capacity = cap;
}

/*
 * Refuse NaN and infinities, naming the argument and the value.
 */
static inline void
rank_check_finite(const char *which, float8 v)
{
	if (unlikely(isnan(v) || isinf(v)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rank_correlation argument %s is %s", which,
						isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity")),
				 errdetail("Ranks are defined only for finite values.")));
}

PG_FUNCTION_INFO_V1(rank_correlation_trans);
/*
 * Transition: append the pair (x, y) unless either is NULL.  The state is
 * made in the aggregate context on the first complete pair.
 */
Datum
rank_correlation_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	RankState  *state;
	float8		x;
	float8		y;

	aggctx = surestart_agg_context(fcinfo, NULL);
	state = PG_ARGISNULL(0) ? NULL : (RankState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		SURESTART_RETURN_STATE(state);
	x = PG_GETARG_FLOAT8(1);
	y = PG_GETARG_FLOAT8(2);
	rank_check_finite("x", x);
	rank_check_finite("y", y);
	if (state == NULL)
		state = rank_state_create(aggctx, 0);
	rank_state_reserve(state, 1);
	state->pairs[state->n].x = x;
	state->pairs[state->n].y = y;
	state->n++;
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(rank_correlation_combine);
/*
 * Combine: the pairs of arg 1 are appended to arg 0 (in place), or copied
 * into a new state in the aggregate context when arg 0 is NULL.
 */
Datum
rank_correlation_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	RankState  *s0;
	RankState  *s1;

	aggctx = surestart_agg_context(fcinfo, NULL);
	s0 = PG_ARGISNULL(0) ? NULL : (RankState *) PG_GETARG_POINTER(0);
	s1 = PG_ARGISNULL(1) ? NULL : (RankState *) PG_GETARG_POINTER(1);

	if (s1 == NULL)
		SURESTART_RETURN_STATE(s0);
	if (s0 == NULL)
		s0 = rank_state_create(aggctx, s1->n);
	rank_state_reserve(s0, s1->n);
	if (s1->n > 0)
		memcpy(s0->pairs + s0->n, s1->pairs, s1->n * sizeof(RankPair));
	s0->n += s1->n;
	PG_RETURN_POINTER(s0);
}

PG_FUNCTION_INFO_V1(rank_correlation_serialize);
/*
 * Serialise the pairs (format in the file header).
 */
Datum
rank_correlation_serialize(PG_FUNCTION_ARGS)
{
	RankState  *state;
	StringInfoData buf;

	(void) surestart_agg_context(fcinfo, NULL);
	state = (RankState *) PG_GETARG_POINTER(0);
	if (state->n > (int64) ((MaxAllocSize - VARHDRSZ - RANK_SERIAL_HEADER) / RANK_SERIAL_PAIR))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("rank_correlation state of %lld pairs is too large to pass between parallel workers",
						(long long) state->n),
				 errhint("Disable parallel aggregation for this query (SET max_parallel_workers_per_gather = 0).")));

	surestart_binary_begin(&buf);
	enlargeStringInfo(&buf, RANK_SERIAL_HEADER + state->n * RANK_SERIAL_PAIR);
	pq_writeint64(&buf, state->n);
	for (int64 i = 0; i < state->n; i++)
	{
		pq_sendfloat8(&buf, state->pairs[i].x);
		pq_sendfloat8(&buf, state->pairs[i].y);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(rank_correlation_deserialize);
/*
 * Deserialise, checking the version, that the length matches the number of
 * pairs exactly, and that every value is finite.  The state is made in the
 * current (short-lived) context.
 */
Datum
rank_correlation_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes;
	StringInfoData buf;
	RankState  *state;
	int64		n;

	(void) surestart_agg_context(fcinfo, NULL);
	bytes = PG_GETARG_BYTEA_PP(0);
	surestart_binary_open(&buf, bytes);

	if (buf.len < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialised rank_correlation state"),
				 errdetail("The state is empty; expected at least %d bytes.",
						   RANK_SERIAL_HEADER)));
	surestart_binary_check_version(&buf, "rank_correlation state");
	if (buf.len < RANK_SERIAL_HEADER)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialised rank_correlation state"),
				 errdetail("The state has %d bytes; expected at least %d.",
						   buf.len, RANK_SERIAL_HEADER)));
	n = pq_getmsgint64(&buf);
	if (n < 0 || n > (buf.len - RANK_SERIAL_HEADER) / RANK_SERIAL_PAIR ||
		buf.len - RANK_SERIAL_HEADER != n * RANK_SERIAL_PAIR)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialised rank_correlation state"),
				 errdetail("The state says it holds %lld pairs but has %d bytes of pairs.",
						   (long long) n, buf.len - RANK_SERIAL_HEADER)));

	state = rank_state_create(CurrentMemoryContext, n);
	for (int64 i = 0; i < n; i++)
	{
		float8		x = pq_getmsgfloat8(&buf);
		float8		y = pq_getmsgfloat8(&buf);

		if (isnan(x) || isinf(x) || isnan(y) || isinf(y))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid serialised rank_correlation state"),
					 errdetail("Pair %lld holds a value that is not finite.",
							   (long long) i + 1)));
		state->pairs[i].x = x;
		state->pairs[i].y = y;
	}
	state->n = n;
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(state);
}

/*
 * Give each of the n values its rank (1-based, ties the average of the
 * ranks they span), writing the rank of values[i] to ranks[i].
 */
static void
rank_average(const RankPair *pairs, int64 n, bool use_x, float8 *ranks)
{
	RankItem   *items = palloc_extended(n * sizeof(RankItem), MCXT_ALLOC_HUGE);
	int64		i = 0;

	for (int64 k = 0; k < n; k++)
	{
		items[k].value = use_x ? pairs[k].x : pairs[k].y;
		items[k].pos = k;
	}
	rank_sort_items(items, n);
	while (i < n)
	{
		int64		j = i + 1;
		float8		rank;

		while (j < n && items[j].value == items[i].value)
			j++;
		/* positions i .. j-1 hold ranks i+1 .. j: their average */
		rank = ((float8) (i + 1) + (float8) j) / 2.0;
		for (int64 k = i; k < j; k++)
			ranks[items[k].pos] = rank;
		i = j;
	}
	pfree(items);
}

PG_FUNCTION_INFO_V1(rank_correlation_final);
/*
 * Final function: rank both columns of a copy of the pairs and return the
 * Pearson correlation of the ranks.  The mean of n average ranks is exactly
 * (n + 1) / 2, and the centred ranks are multiples of one half, so the sums
 * below are exact for any realistic n; only the final division and square
 * root round.  The state is not modified (window aggregates call this
 * once per row).
 */
Datum
rank_correlation_final(PG_FUNCTION_ARGS)
{
	RankState  *state;
	float8	   *rx;
	float8	   *ry;
	float8		mean;
	float8		sxx = 0;
	float8		syy = 0;
	float8		sxy = 0;
	float8		rho;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	(void) surestart_agg_context(fcinfo, NULL);
	state = (RankState *) PG_GETARG_POINTER(0);
	if (state->n < 2)
		PG_RETURN_NULL();

	rx = palloc_extended(state->n * sizeof(float8), MCXT_ALLOC_HUGE);
	ry = palloc_extended(state->n * sizeof(float8), MCXT_ALLOC_HUGE);
	rank_average(state->pairs, state->n, true, rx);
	rank_average(state->pairs, state->n, false, ry);
	mean = ((float8) state->n + 1.0) / 2.0;
	for (int64 i = 0; i < state->n; i++)
	{
		float8		dx = rx[i] - mean;
		float8		dy = ry[i] - mean;

		sxx += dx * dx;
		syy += dy * dy;
		sxy += dx * dy;
	}
	pfree(rx);
	pfree(ry);
	if (sxx == 0 || syy == 0)
		PG_RETURN_NULL();
	rho = sxy / sqrt(sxx * syy);
	/* rounding must not take rho outside [-1, 1] */
	if (rho > 1.0)
		rho = 1.0;
	else if (rho < -1.0)
		rho = -1.0;
	PG_RETURN_FLOAT8(rho);
}
