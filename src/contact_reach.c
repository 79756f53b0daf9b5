/*
 * contact_reach.c
 *		The contact_reach aggregates: children seen, children with sustained
 *		contact and contacts counted, in one pass over contact rows.  This
 *		file holds the transition and final functions (the hot path);
 *		contact_reach_merge.c combines states and contact_reach_codec.c
 *		serialises them, behind contact_reach.h.
 *
 * contact_reach(child_id) counts each non-NULL row as one contact of that
 * child; contact_reach(id, contacts) adds a count of contacts (zero or more)
 * to an id, so that per-child counts can be rolled up to families.  Both
 * return surestart.reach_counts (seen, sustained, contacts): the number of
 * ids with at least one contact, the number with at least the sustained
 * threshold of contacts, and the contacts counted.
 *
 * The threshold comes from the sustained_contacts setting, read once per
 * aggregate (the first transition call of a query, through settings.c), or,
 * in contact_reach(id, threshold) and contact_reach(id, contacts,
 * threshold), from the last argument, which must be the same on every row
 * of a group (aggregate.c); those signatures make the state on the group's
 * first row, even one with a NULL id, so that every row's threshold is
 * checked.  Either way the threshold is recorded in the state.
 *
 * Speed: once a state's hash outgrows the processor caches, each new id is a
 * cache miss.  So, outside window aggregation, ids are queued in a small
 * per-state batch and inserted together, their slots prefetched first, which
 * overlaps the misses.  The batch is applied before serialising or combining;
 * the final function reads it without applying it, so it never changes the
 * state.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"

#include "contact_reach.h"

#define ST_SORT			reach_sort_ids
#define ST_ELEMENT_TYPE int64
#define ST_COMPARE(a, b) ((*(a) > *(b)) - (*(a) < *(b)))
#define ST_SCOPE		static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * A new, empty hash state in the given (aggregate) context, sized for about
 * `expected` ids.
 */
ReachState *
reach_state_create(MemoryContext ctx, int32 threshold, uint64 expected)
{
	ReachState *state = MemoryContextAllocZero(ctx, sizeof(ReachState));

	state->threshold = threshold;
	state->table = reachtab_create(ctx, Max(expected, REACH_INITIAL_SLOTS), NULL);
	return state;
}

/*
 * Count one more contact in an id's entry (found: whether it existed),
 * saturating at PG_INT32_MAX, and keep the sustained count in step.  The
 * per-row step of contact_reach(child_id), shared by the batched and the
 * direct insert paths.
 */
static inline void
reach_count_one(ReachState *state, ReachEntry *entry, bool found)
{
	if (!found)
	{
		entry->count = 1;
		if (state->threshold == 1)
			state->sustained++;
	}
	else if (likely(entry->count < PG_INT32_MAX))
	{
		entry->count++;
		if (entry->count == state->threshold)
			state->sustained++;
	}
}

/*
 * Apply the queued ids to the hash: hash them all and prefetch their home
 * slots first, so that the cache misses overlap, then insert in order.
 */
void
reach_flush(ReachState *state)
{
	uint32		hashes[REACH_BATCH];
	int			n = state->npending;
	reachtab_hash *tb = state->table;

	for (int i = 0; i < n; i++)
	{
		hashes[i] = surestart_hash_id(state->pending[i]);
#ifdef __GNUC__
		__builtin_prefetch(&tb->data[hashes[i] & tb->sizemask], 1);
#endif
	}
	for (int i = 0; i < n; i++)
	{
		bool		found;
		ReachEntry *entry = reachtab_insert_hash(tb, state->pending[i], hashes[i], &found);

		reach_count_one(state, entry, found);
	}
	state->npending = 0;
}

/*
 * Seen and sustained of a state, counting its queued ids without applying
 * them (the final function must leave the state as it is): the queue is
 * sorted in a copy and each distinct id looked up once.
 */
static void
reach_counts_of(const ReachState *state, int64 *seen, int64 *sustained)
{
	int64		ids[REACH_BATCH];
	int			n = state->npending;

	if (state->table == NULL)
	{
		*seen = state->nflat;
		*sustained = state->sustained;
		return;
	}
	*seen = state->table->members;
	*sustained = state->sustained;
	if (n == 0)
		return;
	memcpy(ids, state->pending, n * sizeof(int64));
	reach_sort_ids(ids, n);
	for (int i = 0; i < n;)
	{
		int			j = i + 1;
		ReachEntry *entry;
		int64		before;
		int64		after;

		while (j < n && ids[j] == ids[i])
			j++;
		entry = reachtab_lookup(state->table, ids[i]);
		before = entry ? entry->count : 0;
		after = Min(before + (j - i), (int64) PG_INT32_MAX);
		if (before == 0)
			(*seen)++;
		if (before < state->threshold && after >= state->threshold)
			(*sustained)++;
		i = j;
	}
}

/*
 * For the signatures with a threshold argument (argument argno): check this
 * row's threshold against the state's, and make the state on the group's
 * first row, whatever its id, with that threshold.  An integer second
 * argument makes contact_reach(id, threshold), a bigint one contact_reach(id,
 * contacts): the hint of contact_reach(id, threshold)'s errors says so, for
 * whoever meant a count of contacts.
 */
static inline ReachState *
reach_state_given(FunctionCallInfo fcinfo, MemoryContext aggctx, ReachState *state, int argno)
{
	int32		threshold;

	threshold = surestart_agg_threshold(fcinfo, argno, state ? state->threshold : 0,
										"contact_reach",
										argno != 2 ? NULL :
										"contact_reach(id, threshold) takes the threshold as an integer; "
										"to add a count of contacts to each id, pass it as bigint: "
										"contact_reach(id, contacts::bigint).");

	if (state == NULL)
		state = reach_state_create(aggctx, threshold, 0);
	return state;
}

PG_FUNCTION_INFO_V1(contact_reach_trans);
/*
 * Transition for contact_reach(child_id) and, declared in SQL as
 * contact_reach_given_trans, contact_reach(child_id, threshold): one
 * contact of the child.  NULL ids are ignored; without a
 * threshold argument the state is made on the first non-NULL id, with the
 * setting's threshold.  This is the hot path, so the common case (count
 * below the cap) is a single increment.
 */
Datum
contact_reach_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	ReachState *state;
	ReachEntry *entry;
	bool		found;
	int			context;

	aggctx = surestart_agg_context(fcinfo, &context);
	state = PG_ARGISNULL(0) ? NULL : (ReachState *) PG_GETARG_POINTER(0);
	if (PG_NARGS() > 2)
		state = reach_state_given(fcinfo, aggctx, state, 2);
	if (PG_ARGISNULL(1))
		SURESTART_RETURN_STATE(state);
	if (state == NULL)
		state = reach_state_create(aggctx, surestart_sustained_contacts_cached(fcinfo->flinfo), 0);
	reach_add_contacts(state, 1);

	if (state->pending)
	{
		state->pending[state->npending++] = PG_GETARG_INT64(1);
		if (state->npending == REACH_BATCH)
			reach_flush(state);
		PG_RETURN_POINTER(state);
	}

	/*
	 * Start batching once the table is large, unless this is a window
	 * aggregate, whose final function runs after every row.
	 */
	if (state->table->members >= REACH_BATCH_FROM && context == AGG_CONTEXT_AGGREGATE)
		state->pending = MemoryContextAlloc(aggctx, REACH_BATCH * sizeof(int64));

	entry = reachtab_insert(state->table, PG_GETARG_INT64(1), &found);
	reach_count_one(state, entry, found);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(contact_reach_weighted_trans);
/*
 * Transition for contact_reach(id, contacts) and, declared in SQL as
 * contact_reach_weighted_given_trans, contact_reach(id, contacts,
 * threshold): adds a count of contacts to the id.  Rows with a
 * NULL id or NULL contacts are ignored; a negative count is an error; a
 * zero count adds nothing (the id is not seen unless another row gives it
 * a contact).
 */
Datum
contact_reach_weighted_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = surestart_agg_context(fcinfo, NULL);
	ReachState *state = PG_ARGISNULL(0) ? NULL : (ReachState *) PG_GETARG_POINTER(0);
	int64		id;
	int64		contacts;

	if (PG_NARGS() > 3)
		state = reach_state_given(fcinfo, aggctx, state, 3);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		SURESTART_RETURN_STATE(state);
	id = PG_GETARG_INT64(1);
	contacts = PG_GETARG_INT64(2);
	if (contacts < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("negative number of contacts %lld for id %lld",
						(long long) contacts, (long long) id),
				 errdetail("contact_reach(id, contacts) expects a count of contacts of zero or more.")));
	if (state == NULL)
		state = reach_state_create(aggctx, surestart_sustained_contacts_cached(fcinfo->flinfo), 0);
	if (contacts > 0)
		reach_add_count(state, id, contacts);
	reach_add_contacts(state, contacts);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(contact_reach_final);
/*
 * Final function of every signature: (seen, sustained, contacts) as a
 * reach_counts row; zeros when there was no input.  The state is only read,
 * so this is safe for window aggregates, which call it once per row on a
 * growing state.  The blessed row descriptor is kept in fn_extra.
 */
Datum
contact_reach_final(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	ReachState *state = NULL;
	Datum		values[3] = {Int64GetDatum(0), Int64GetDatum(0), Int64GetDatum(0)};
	bool		nulls[3] = {false, false, false};

	if (!PG_ARGISNULL(0))
	{
		(void) surestart_agg_context(fcinfo, NULL);
		state = (ReachState *) PG_GETARG_POINTER(0);
	}
	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "contact_reach_final must return a composite type");
		tupdesc = BlessTupleDesc(tupdesc);
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	if (state)
	{
		int64		seen;
		int64		sustained;

		reach_counts_of(state, &seen, &sustained);
		values[0] = Int64GetDatum(seen);
		values[1] = Int64GetDatum(sustained);
		values[2] = Int64GetDatum(state->contacts);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
