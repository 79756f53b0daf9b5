/*
 * contact_reach_merge.c
 *		Combining contact_reach states (parallel workers, partitionwise
 *		aggregation): the counts of ids in both states add up.
 *
 * Partial states arrive deserialised, flat and sorted (contact_reach_codec.c).
 * Combining flat states of comparable size merges the sorted arrays (one
 * sequential pass, which is what the leader does after a parallel scan); a
 * small state is instead inserted into the other's hash, so that many small
 * states merging into a large one cost their own size, not the large one's
 * each time.
 */
#include "postgres.h"

#include "contact_reach.h"

/* Combine merges two flat states when the smaller is at least this share. */
#define REACH_MERGE_SHARE 8

/*
 * Add every id of src, with its count, to the hash of dst: the entries of a
 * hash or flat state, and any queued ids (read, not applied).
 */
static void
reach_insert_all(ReachState *dst, const ReachState *src)
{
	if (src->table)
	{
		reachtab_iterator it;
		ReachEntry *entry;

		reachtab_start_iterate(src->table, &it);
		while ((entry = reachtab_iterate(src->table, &it)) != NULL)
			reach_add_count(dst, entry->id, entry->count);
		for (int i = 0; i < src->npending; i++)
			reach_add_count(dst, src->pending[i], 1);
	}
	else
	{
		for (int64 i = 0; i < src->nflat; i++)
			reach_add_count(dst, src->flat[i].id, src->flat[i].count);
	}
}

/*
 * Copy a state into ctx: a flat state stays flat (one memcpy), a hash state
 * becomes a hash state.
 */
static ReachState *
reach_state_copy(MemoryContext ctx, const ReachState *src)
{
	ReachState *dst;

	if (src->table == NULL)
	{
		dst = MemoryContextAllocZero(ctx, sizeof(ReachState));
		dst->threshold = src->threshold;
		dst->sustained = src->sustained;
		dst->nflat = src->nflat;
		dst->flat = MemoryContextAllocExtended(ctx, Max(src->nflat, 1) * sizeof(ReachFlat),
											   MCXT_ALLOC_HUGE);
		memcpy(dst->flat, src->flat, src->nflat * sizeof(ReachFlat));
	}
	else
	{
		dst = reach_state_create(ctx, src->threshold,
								 src->table->members + src->npending);
		reach_insert_all(dst, src);
	}
	dst->contacts = src->contacts;
	return dst;
}

/*
 * Turn a flat state into a hash state in place (its array is freed).
 */
static void
reach_state_to_hash(MemoryContext ctx, ReachState *state)
{
	ReachFlat  *flat = state->flat;
	int64		n = state->nflat;

	state->table = reachtab_create(ctx, Max(n, REACH_INITIAL_SLOTS), NULL);
	state->sustained = 0;
	for (int64 i = 0; i < n; i++)
		reach_add_count(state, flat[i].id, flat[i].count);
	state->flat = NULL;
	state->nflat = 0;
	pfree(flat);
}

/*
 * Merge the sorted flat state s1 into the sorted flat state s0: one pass
 * over both arrays into a new one in ctx, adding (saturating) the counts of
 * ids in both.
 */
static void
reach_merge_flat(MemoryContext ctx, ReachState *s0, const ReachState *s1)
{
	ReachFlat  *a = s0->flat;
	ReachFlat  *b = s1->flat;
	int64		na = s0->nflat;
	int64		nb = s1->nflat;
	int64		i = 0;
	int64		j = 0;
	int64		k = 0;
	int64		sustained = 0;
	ReachFlat  *out;

	out = MemoryContextAllocExtended(ctx, Max(na + nb, 1) * sizeof(ReachFlat),
									 MCXT_ALLOC_HUGE);
	while (i < na || j < nb)
	{
		if (j >= nb || (i < na && a[i].id < b[j].id))
			out[k] = a[i++];
		else if (i >= na || b[j].id < a[i].id)
			out[k] = b[j++];
		else
		{
			int64		sum = (int64) a[i].count + b[j].count;

			out[k].id = a[i].id;
			out[k].count = (int32) Min(sum, (int64) PG_INT32_MAX);
			i++;
			j++;
		}
		if (out[k].count >= s0->threshold)
			sustained++;
		k++;
	}
	pfree(a);
	s0->flat = out;
	s0->nflat = k;
	s0->sustained = sustained;
}

PG_FUNCTION_INFO_V1(contact_reach_combine);
/*
 * Combine two partial states (parallel workers, partitionwise aggregation):
 * the counts of ids in both add up.  The result is always arg 0, updated in
 * place, or a copy of arg 1 made in the aggregate context.  States built
 * with different sustained thresholds cannot be merged meaningfully, so that
 * is an error naming both thresholds.
 *
 * Two flat states of comparable size are merged in one sequential pass;
 * otherwise the receiving state becomes (or already is) a hash and the
 * other's ids are inserted.
 */
Datum
contact_reach_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx = surestart_agg_context(fcinfo, NULL);
	ReachState *s0 = PG_ARGISNULL(0) ? NULL : (ReachState *) PG_GETARG_POINTER(0);
	ReachState *s1 = PG_ARGISNULL(1) ? NULL : (ReachState *) PG_GETARG_POINTER(1);

	if (s1 == NULL)
		SURESTART_RETURN_STATE(s0);
	if (s0 == NULL)
		PG_RETURN_POINTER(reach_state_copy(aggctx, s1));

	if (s0->threshold != s1->threshold)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine contact_reach states with different sustained thresholds"),
				 errdetail("One state counts sustained contact from %d contacts, the other from %d.",
						   s0->threshold, s1->threshold),
				 errhint("Compute both parts with the same sustained threshold (the sustained_contacts setting, or the threshold argument).")));

	if (s0->table == NULL && s1->table == NULL &&
		s1->nflat >= s0->nflat / REACH_MERGE_SHARE)
		reach_merge_flat(aggctx, s0, s1);
	else
	{
		if (s0->table == NULL)
			reach_state_to_hash(aggctx, s0);
		else if (s0->npending > 0)
			reach_flush(s0);
		reach_insert_all(s0, s1);
	}
	reach_add_contacts(s0, s1->contacts);
	PG_RETURN_POINTER(s0);
}
