/*
 * contact_reach.c
 *		The contact_reach aggregates: children seen, children with sustained
 *		contact and contacts counted, in one pass over contact rows.
 *
 * contact_reach(child_id) counts each non-NULL row as one contact of that
 * child; contact_reach(id, contacts) adds a count of contacts (zero or more)
 * to an id, so that per-child counts can be rolled up to families.  Both
 * return surestart.reach_counts (seen, sustained, contacts): the number of
 * ids with at least one contact, the number with at least the
 * sustained_contacts setting's number of contacts, and the contacts counted.
 *
 * The state is an open-addressing hash (lib/simplehash.h) from id to count,
 * 16 bytes a slot.  Counts saturate at PG_INT32_MAX: the sustained threshold
 * is at most 999999999 (the setting's check), so a saturated count still
 * compares correctly, while the contacts total is an exact, overflow-checked
 * int64.  The threshold is read once per aggregate (the first transition
 * call of a query) from surestart.setting and recorded in every state, so
 * states built with different thresholds are never merged silently.
 *
 * Serialised form (parallel query), format version 2:
 *		byte	REACH_STATE_VERSION (2)
 *		int32	sustained threshold (>= 1)			network byte order
 *		int64	contacts (>= 0)						network byte order
 *		int64	number of ids n (>= 0)				network byte order
 *		n x (varint id delta, varint count)
 * Ids are written in increasing order, mapped to the order-preserving
 * unsigned space u = (uint64) id ^ 2^63 (so negative ids come first); the
 * first delta is u itself (its distance from 0), every later one the
 * distance from the previous u, at least 1.  A count is 1 .. PG_INT32_MAX.
 * A varint is unsigned LEB128: seven bits a byte, least significant group
 * first, the high bit set on every byte but the last; a delta takes at most
 * 10 bytes, a count at most 5, and the encoding is the shortest one (no
 * redundant final zero byte), so the bytes of a state are canonical.  Byte
 * order is moot for varints: LEB128 fixes the order of its groups itself.
 * Dense ids (children of one centre) take about two bytes an entry, where a
 * fixed-width entry takes twelve; that keeps what parallel workers sort,
 * pass through shared memory and spill small.
 *
 * The first byte is the format version, in the place every surestart binary
 * form keeps SURESTART_BINARY_VERSION; this state's own version is 2 because
 * version 1 was the fixed-width layout (int64 id, int32 count), which this
 * build neither writes nor reads.  Serialised states live only within one
 * query, so no stored value carries the old layout.
 *
 * The sum of the counts equals contacts unless a count saturated, in which
 * case it is at most contacts.  Deserialising checks all of this (and that
 * the bytes are used up exactly) and yields a flat, sorted array rather
 * than a hash.  Combining flat states of comparable size merges the sorted
 * arrays (one sequential pass, which is what the leader does after a
 * parallel scan); a small state is instead inserted into the other's hash.
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
#include "common/int.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "surestart.h"

/* Default when surestart.setting has no sustained_contacts row. */

/*
 * Version byte of the serialised state (see the file header), bytes before
 * the entries, the most bytes of a varint id delta and count, and so the
 * most and the fewest bytes of an entry.
 */
#define REACH_STATE_VERSION 2
#define REACH_SERIAL_HEADER (1 + 4 + 8 + 8)
#define REACH_VARINT_MAX_ID 10
#define REACH_VARINT_MAX_COUNT 5
#define REACH_SERIAL_ENTRY_MAX (REACH_VARINT_MAX_ID + REACH_VARINT_MAX_COUNT)
#define REACH_SERIAL_ENTRY_MIN 2

/* Slots a new state's hash starts with; it doubles as it fills. */
#define REACH_INITIAL_SLOTS 256

/*
 * Ids queued per batch, and the number of ids a state must hold before it
 * starts batching (small tables stay in cache, and queries with very many
 * small groups should not pay for a batch per group).
 */
#define REACH_BATCH 128
#define REACH_BATCH_FROM 4096

/* Combine merges two flat states when the smaller is at least this share. */
#define REACH_MERGE_SHARE 8

/*
 * One slot of the hash: the id, its (saturating) count, and simplehash's
 * status byte.  16 bytes with padding.
 */
typedef struct ReachEntry
{
	int64		id;
	int32		count;
	char		status;
} ReachEntry;

/* One id and its count in a deserialised (flat) state. */
typedef struct ReachFlat
{
	int64		id;
	int32		count;
} ReachFlat;

/*
 * Hash an id: the 64-bit finalising mix of MurmurHash3, so that sequential
 * ids spread over the whole table.
 */
static inline uint32
reach_hash_id(int64 id)
{
	uint64		h = (uint64) id;

	h ^= h >> 33;
	h *= UINT64CONST(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64CONST(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (uint32) h;
}

#define SH_PREFIX		reachtab
#define SH_ELEMENT_TYPE ReachEntry
#define SH_KEY_TYPE		int64
#define SH_KEY			id
#define SH_HASH_KEY(tb, key) reach_hash_id(key)
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

#define ST_SORT			reach_sort_ids
#define ST_ELEMENT_TYPE int64
#define ST_COMPARE(a, b) ((*(a) > *(b)) - (*(a) < *(b)))
#define ST_SCOPE		static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

#define ST_SORT			reach_sort_flat
#define ST_ELEMENT_TYPE ReachFlat
#define ST_COMPARE(a, b) (((a)->id > (b)->id) - ((a)->id < (b)->id))
#define ST_SCOPE		static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * The aggregate state.  A state built by transition or combine calls holds a
 * hash (table); a state made by the deserialiser holds a sorted flat array
 * instead and is only ever read.
 */
typedef struct ReachState
{
	int32		threshold;		/* sustained from this many contacts */
	int64		contacts;		/* rows counted, or the sum of the weights */
	int64		sustained;		/* ids whose count >= threshold */
	reachtab_hash *table;		/* id -> count; NULL in a flat state */
	int64	   *pending;		/* queued ids (already in contacts), or NULL */
	int			npending;
	int64		nflat;			/* entries of a flat state, sorted by id */
	ReachFlat  *flat;
} ReachState;

/*
 * The threshold for this aggregate call: read on the first transition call
 * and kept in the transition function's fn_extra, which lives as long as the
 * executor node, so every group and every state of one query uses the same
 * value and the setting table is queried once per aggregate, not per group.
 */
static int32
reach_threshold(FunctionCallInfo fcinfo)
{
	int32	   *cached = (int32 *) fcinfo->flinfo->fn_extra;

	if (cached == NULL)
	{
		int32		threshold = surestart_sustained_contacts(fcinfo->flinfo->fn_oid);

		cached = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(int32));
		*cached = threshold;
		fcinfo->flinfo->fn_extra = cached;
	}
	return *cached;
}

/*
 * A new, empty hash state in the given (aggregate) context, sized for about
 * `expected` ids.
 */
static ReachState *
reach_state_create(MemoryContext ctx, int32 threshold, uint64 expected)
{
	ReachState *state = MemoryContextAllocZero(ctx, sizeof(ReachState));

	state->threshold = threshold;
	state->table = reachtab_create(ctx, Max(expected, REACH_INITIAL_SLOTS), NULL);
	return state;
}

/*
 * Add to the contacts total, raising an error rather than wrapping.
 */
static inline void
reach_add_contacts(ReachState *state, int64 add)
{
	if (unlikely(pg_add_s64_overflow(state->contacts, add, &state->contacts)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("contact_reach total of contacts is out of range for type bigint")));
}

/*
 * Add `add` (>= 1) contacts to an id's count, saturating at PG_INT32_MAX,
 * and keep the sustained count in step.  Does not touch the contacts total.
 */
static inline void
reach_add_count(ReachState *state, int64 id, int64 add)
{
	bool		found;
	ReachEntry *entry = reachtab_insert(state->table, id, &found);
	int32		before = found ? entry->count : 0;
	int32		after;

	if (add >= (int64) (PG_INT32_MAX - before))
		after = PG_INT32_MAX;
	else
		after = before + (int32) add;
	entry->count = after;
	if (before < state->threshold && after >= state->threshold)
		state->sustained++;
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
static void
reach_flush(ReachState *state)
{
	uint32		hashes[REACH_BATCH];
	int			n = state->npending;
	reachtab_hash *tb = state->table;

	for (int i = 0; i < n; i++)
	{
		hashes[i] = reach_hash_id(state->pending[i]);
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

PG_FUNCTION_INFO_V1(contact_reach_trans);
/*
 * Transition for contact_reach(child_id): one contact of the child.  NULL
 * ids are ignored; the state is made on the first non-NULL id.  This is the
 * hot path, so the common case (count below the cap) is a single increment.
 */
Datum
contact_reach_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	ReachState *state;
	ReachEntry *entry;
	bool		found;
	int			context;

	context = AggCheckCallContext(fcinfo, &aggctx);
	if (!context)
		elog(ERROR, "contact_reach_trans called in non-aggregate context");
	state = PG_ARGISNULL(0) ? NULL : (ReachState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
		state = reach_state_create(aggctx, reach_threshold(fcinfo), 0);
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
 * Transition for contact_reach(id, contacts): adds a count of contacts to
 * the id.  Rows with a NULL id or NULL contacts are ignored; a negative
 * count is an error; a zero count adds nothing (the id is not seen unless
 * another row gives it a contact).
 */
Datum
contact_reach_weighted_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	ReachState *state;
	int64		id;
	int64		contacts;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "contact_reach_weighted_trans called in non-aggregate context");
	state = PG_ARGISNULL(0) ? NULL : (ReachState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	id = PG_GETARG_INT64(1);
	contacts = PG_GETARG_INT64(2);
	if (contacts < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("negative number of contacts %lld for id %lld",
						(long long) contacts, (long long) id),
				 errdetail("contact_reach(id, contacts) expects a count of contacts of zero or more.")));
	if (state == NULL)
		state = reach_state_create(aggctx, reach_threshold(fcinfo), 0);
	if (contacts > 0)
		reach_add_count(state, id, contacts);
	reach_add_contacts(state, contacts);
	PG_RETURN_POINTER(state);
}

/*
 * Sort entries by id.  Serialising sorts a whole state in each parallel
 * worker, so for large states this is a least-significant-digit radix sort
 * on the id's bytes (sign bit flipped so that negative ids come first),
 * skipping the bytes in which all ids agree: ids below 2^24 take three
 * passes.  Small states use a comparison sort.
 */
static void
reach_sort_entries(ReachFlat *entries, int64 n)
{
	int64	   *counts;
	ReachFlat  *src = entries;
	ReachFlat  *dst;

	if (n < 1024)
	{
		reach_sort_flat(entries, n);
		return;
	}
	counts = palloc0(8 * 256 * sizeof(int64));
	for (int64 i = 0; i < n; i++)
	{
		uint64		u = (uint64) entries[i].id ^ (UINT64CONST(1) << 63);

		for (int d = 0; d < 8; d++)
			counts[d * 256 + ((u >> (8 * d)) & 0xff)]++;
	}
	dst = palloc_extended(n * sizeof(ReachFlat), MCXT_ALLOC_HUGE);
	for (int d = 0; d < 8; d++)
	{
		int64	   *count = counts + d * 256;
		int64		offset = 0;
		bool		constant = false;

		for (int b = 0; b < 256; b++)
		{
			int64		c = count[b];

			if (c == n)
				constant = true;
			count[b] = offset;
			offset += c;
		}
		if (constant)
			continue;
		for (int64 i = 0; i < n; i++)
		{
			uint64		u = (uint64) src[i].id ^ (UINT64CONST(1) << 63);

			dst[count[(u >> (8 * d)) & 0xff]++] = src[i];
		}
		{
			ReachFlat  *swap = src;

			src = dst;
			dst = swap;
		}
	}
	if (src != entries)
	{
		memcpy(entries, src, n * sizeof(ReachFlat));
		pfree(src);
	}
	else
		pfree(dst);
	pfree(counts);
}

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
 * Partial states arrive deserialised, flat and sorted.  Two flat states of
 * comparable size are merged in one sequential pass; otherwise the receiving
 * state becomes (or already is) a hash and the other's ids are inserted, so
 * that many small states merging into a large one cost their own size, not
 * the large one's each time.
 */
Datum
contact_reach_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	ReachState *s0;
	ReachState *s1;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "contact_reach_combine called in non-aggregate context");
	s0 = PG_ARGISNULL(0) ? NULL : (ReachState *) PG_GETARG_POINTER(0);
	s1 = PG_ARGISNULL(1) ? NULL : (ReachState *) PG_GETARG_POINTER(1);

	if (s1 == NULL)
	{
		if (s0 == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s0);
	}
	if (s0 == NULL)
		PG_RETURN_POINTER(reach_state_copy(aggctx, s1));

	if (s0->threshold != s1->threshold)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot combine contact_reach states with different sustained thresholds"),
				 errdetail("One state counts sustained contact from %d contacts, the other from %d.",
						   s0->threshold, s1->threshold),
				 errhint("Compute both parts with the same sustained_contacts setting.")));

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

/*
 * Refuse to serialise a state of n ids whose bytes could not fit in one
 * value.
 */
static void
reach_state_too_large(int64 n)
			pg_attribute_noreturn();

static void
reach_state_too_large(int64 n)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("contact_reach state of %lld ids is too large to pass between parallel workers",
					(long long) n),
			 errhint("Disable parallel aggregation for this query (SET max_parallel_workers_per_gather = 0).")));
}

/*
 * The image of an id in the unsigned space the serialised form uses:
 * flipping the sign bit keeps the order (negative ids come first) and makes
 * the distance between any two ids an unsigned number.
 */
static inline uint64
reach_id_to_u(int64 id)
{
	return (uint64) id ^ (UINT64CONST(1) << 63);
}

/*
 * The id whose unsigned image is u (the inverse of reach_id_to_u).
 */
static inline int64
reach_u_to_id(uint64 u)
{
	return (int64) (u ^ (UINT64CONST(1) << 63));
}

/*
 * Write v as an unsigned LEB128 varint at p and return the byte after it.
 * The caller has made room for the most bytes v can take (10).
 */
static inline char *
reach_put_varint(char *p, uint64 v)
{
	while (v >= 0x80)
	{
		*p++ = (char) (v | 0x80);
		v >>= 7;
	}
	*p++ = (char) v;
	return p;
}

/*
 * The number of bytes v takes as a varint, 1 to 10.
 */
static inline int
reach_varint_size(uint64 v)
{
	int			size = 1;

	while (v >= 0x80)
	{
		v >>= 7;
		size++;
	}
	return size;
}

/*
 * The exact size of the serialised form of n sorted entries, for the rare
 * state so large that the quick upper bound (every entry at its longest)
 * would not fit in one allocation although the real bytes might.
 */
static int64
reach_serial_size(const ReachFlat *entries, int64 n)
{
	int64		size = REACH_SERIAL_HEADER;
	uint64		prev = 0;

	for (int64 i = 0; i < n; i++)
	{
		uint64		u = reach_id_to_u(entries[i].id);

		size += reach_varint_size(u - prev) + reach_varint_size((uint64) entries[i].count);
		prev = u;
	}
	return size;
}

PG_FUNCTION_INFO_V1(contact_reach_serialize);
/*
 * Serialise a state (format in the file header).  Ids are written in
 * increasing order, which makes the bytes canonical, lets the reader find
 * duplicates in one pass, lets combine merge states sequentially and makes
 * the deltas between ids small.  Queued ids are applied first (the state's
 * value does not change).  This runs in every parallel worker, so the
 * buffer is enlarged once, to an upper bound, and the entries are encoded
 * straight into it.
 */
Datum
contact_reach_serialize(PG_FUNCTION_ARGS)
{
	ReachState *state;
	ReachFlat  *entries;
	int64		n;
	int64		size;
	uint64		prev = 0;
	char	   *p;
	StringInfoData buf;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "contact_reach_serialize called in non-aggregate context");
	state = (ReachState *) PG_GETARG_POINTER(0);
	if (state->table && state->npending > 0)
		reach_flush(state);
	n = state->table ? (int64) state->table->members : state->nflat;
	if (n > (int64) ((MaxAllocSize - VARHDRSZ - 1 - REACH_SERIAL_HEADER) / REACH_SERIAL_ENTRY_MIN))
		reach_state_too_large(n);

	if (state->table)
	{
		reachtab_iterator it;
		ReachEntry *entry;
		int64		i = 0;

		entries = palloc_extended(Max(n, 1) * sizeof(ReachFlat), MCXT_ALLOC_HUGE);
		reachtab_start_iterate(state->table, &it);
		while ((entry = reachtab_iterate(state->table, &it)) != NULL)
		{
			entries[i].id = entry->id;
			entries[i].count = entry->count;
			i++;
		}
		Assert(i == n);
		reach_sort_entries(entries, n);
	}
	else
		entries = state->flat;

	size = REACH_SERIAL_HEADER + n * REACH_SERIAL_ENTRY_MAX;
	if (size > (int64) (MaxAllocSize - VARHDRSZ - 1))
	{
		size = reach_serial_size(entries, n);
		if (size > (int64) (MaxAllocSize - VARHDRSZ - 1))
			reach_state_too_large(n);
	}

	pq_begintypsend(&buf);
	enlargeStringInfo(&buf, (int) size);
	pq_writeint8(&buf, REACH_STATE_VERSION);
	pq_writeint32(&buf, state->threshold);
	pq_writeint64(&buf, state->contacts);
	pq_writeint64(&buf, n);
	p = buf.data + buf.len;
	for (int64 i = 0; i < n; i++)
	{
		uint64		u = reach_id_to_u(entries[i].id);

		p = reach_put_varint(p, u - prev);
		p = reach_put_varint(p, (uint64) entries[i].count);
		prev = u;
	}
	buf.len = p - buf.data;
	Assert(buf.len <= buf.maxlen - 1);
	buf.data[buf.len] = '\0';
	if (entries != state->flat)
		pfree(entries);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * Report a malformed serialised state; the detail is a format string with
 * its arguments, checked by the compiler.
 */
static void
reach_bad_state(const char *detail_fmt,...)
			pg_attribute_printf(1, 2) pg_attribute_noreturn();

static void
reach_bad_state(const char *detail_fmt,...)
{
	StringInfoData detail;

	initStringInfo(&detail);
	for (;;)
	{
		va_list		args;
		int			needed;

		va_start(args, detail_fmt);
		needed = appendStringInfoVA(&detail, detail_fmt, args);
		va_end(args);
		if (needed == 0)
			break;
		enlargeStringInfo(&detail, needed);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid serialised contact_reach state"),
			 errdetail_internal("%s", detail.data)));
}

/* What reading a varint found: a value, or what is wrong with the bytes. */
typedef enum ReachVarint
{
	REACH_VARINT_OK,
	REACH_VARINT_TRUNCATED,		/* the bytes end inside it */
	REACH_VARINT_TOO_LONG,		/* more than the bytes it may take */
	REACH_VARINT_OVERFLOW,		/* its value does not fit in 64 bits */
	REACH_VARINT_OVERLONG		/* a redundant final zero byte */
} ReachVarint;

/*
 * Read a varint of at most maxbytes bytes (at most 10) from *pp, never at
 * or past end, into *value and advance *pp past it; or say what is wrong,
 * leaving *pp and *value alone.  Only the shortest encoding of a value is
 * accepted, so that each state has exactly one serialised form.  Most
 * varints of a state are one byte, so that case comes first.
 */
static inline ReachVarint
reach_get_varint(const unsigned char **pp, const unsigned char *end,
				 int maxbytes, uint64 *value)
{
	const unsigned char *p = *pp;
	uint64		v = 0;

	if (likely(p < end && *p < 0x80))
	{
		*value = *p;
		*pp = p + 1;
		return REACH_VARINT_OK;
	}
	for (int i = 0; i < maxbytes; i++)
	{
		uint64		b;

		if (p >= end)
			return REACH_VARINT_TRUNCATED;
		b = *p++;
		if (b < 0x80)
		{
			if (b == 0)
				return REACH_VARINT_OVERLONG;	/* i > 0: byte 0 was >= 0x80 */
			if (i == REACH_VARINT_MAX_ID - 1 && b > 1)
				return REACH_VARINT_OVERFLOW;
			*value = v | (b << (7 * i));
			*pp = p;
			return REACH_VARINT_OK;
		}
		v |= (b & 0x7f) << (7 * i);
	}
	return REACH_VARINT_TOO_LONG;
}

/*
 * Refuse a serialised state whose varint (what: "id delta" or "count", of
 * the 1-based entry) could not be read; maxbytes is the most it may take.
 */
static void
reach_bad_varint(ReachVarint status, const char *what, int64 entry, int maxbytes)
{
	switch (status)
	{
		case REACH_VARINT_TRUNCATED:
			reach_bad_state("The %s of entry %lld runs past the end of the state.",
							what, (long long) entry);
			break;
		case REACH_VARINT_TOO_LONG:
			reach_bad_state("The %s of entry %lld is longer than %d bytes.",
							what, (long long) entry, maxbytes);
			break;
		case REACH_VARINT_OVERFLOW:
			reach_bad_state("The %s of entry %lld does not fit in 64 bits.",
							what, (long long) entry);
			break;
		case REACH_VARINT_OVERLONG:
			reach_bad_state("The %s of entry %lld is not in its shortest encoding (it ends in a zero byte).",
							what, (long long) entry);
			break;
		case REACH_VARINT_OK:
			break;
	}
}

PG_FUNCTION_INFO_V1(contact_reach_deserialize);
/*
 * Deserialise a state, checking every field and invariant before use:
 * version, length, threshold, totals, the number of entries against the
 * bytes left, every varint (complete, not too long, in range, shortest
 * form), ids strictly increasing without passing the largest bigint (so no
 * duplicates), counts from 1 to PG_INT32_MAX, no bytes after the last entry,
 * and counts that add up to the contacts.  The result is a flat state in the
 * current (short-lived) context, ready for the combine function.
 */
Datum
contact_reach_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes;
	StringInfoData buf;
	ReachState *state;
	const unsigned char *p;
	const unsigned char *end;
	int64		n;
	int64		sum = 0;
	uint64		u = 0;
	bool		saturated = false;
	int			version;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "contact_reach_deserialize called in non-aggregate context");
	bytes = PG_GETARG_BYTEA_PP(0);
	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;

	if (buf.len < 1)
		reach_bad_state("The state is empty; expected at least %d bytes.",
						REACH_SERIAL_HEADER);
	version = pq_getmsgbyte(&buf);
	if (version != REACH_STATE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for contact_reach state", version),
				 errdetail("This version of surestart reads format version %d.",
						   REACH_STATE_VERSION)));
	if (buf.len < REACH_SERIAL_HEADER)
		reach_bad_state("The state has %d bytes; expected at least %d.",
						buf.len, REACH_SERIAL_HEADER);

	state = palloc0(sizeof(ReachState));
	state->threshold = pq_getmsgint(&buf, 4);
	state->contacts = pq_getmsgint64(&buf);
	n = pq_getmsgint64(&buf);
	if (state->threshold < 1)
		reach_bad_state("The sustained threshold is %d; expected at least 1.",
						state->threshold);
	if (state->contacts < 0)
		reach_bad_state("The contacts total is %lld; expected zero or more.",
						(long long) state->contacts);
	p = (const unsigned char *) buf.data + buf.cursor;
	end = (const unsigned char *) buf.data + buf.len;
	if (n < 0 || n > (end - p) / REACH_SERIAL_ENTRY_MIN)
		reach_bad_state("The state says it holds %lld ids but has %lld bytes of entries, at least %d an entry.",
						(long long) n, (long long) (end - p), REACH_SERIAL_ENTRY_MIN);

	state->nflat = n;
	state->flat = palloc_extended(Max(n, 1) * sizeof(ReachFlat), MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < n; i++)
	{
		uint64		delta = 0;
		uint64		count = 0;
		int64		id;
		ReachVarint status;

		status = reach_get_varint(&p, end, REACH_VARINT_MAX_ID, &delta);
		if (unlikely(status != REACH_VARINT_OK))
			reach_bad_varint(status, "id delta", i + 1, REACH_VARINT_MAX_ID);
		if (i > 0)
		{
			if (unlikely(delta == 0))
				reach_bad_state("Entry %lld repeats id %lld (an id delta of 0); expected increasing ids.",
								(long long) (i + 1), (long long) state->flat[i - 1].id);
			if (unlikely(delta > PG_UINT64_MAX - u))
				reach_bad_state("Entry %lld adds %llu to id %lld, past the largest bigint.",
								(long long) (i + 1), (unsigned long long) delta,
								(long long) state->flat[i - 1].id);
		}
		u += delta;
		id = reach_u_to_id(u);

		status = reach_get_varint(&p, end, REACH_VARINT_MAX_COUNT, &count);
		if (unlikely(status != REACH_VARINT_OK))
			reach_bad_varint(status, "count", i + 1, REACH_VARINT_MAX_COUNT);
		if (unlikely(count < 1 || count > PG_INT32_MAX))
			reach_bad_state("Id %lld has a count of %llu; expected 1 to %d.",
							(long long) id, (unsigned long long) count, PG_INT32_MAX);

		state->flat[i].id = id;
		state->flat[i].count = (int32) count;
		sum += (int64) count;	/* at most 2^31 * 2^30 entries: no overflow */
		if (count == PG_INT32_MAX)
			saturated = true;
		if ((int32) count >= state->threshold)
			state->sustained++;
	}
	if (p != end)
		reach_bad_state("The state has %lld bytes after its last entry; expected none.",
						(long long) (end - p));
	if (saturated ? sum > state->contacts : sum != state->contacts)
		reach_bad_state("The counts add up to %lld but the contacts total is %lld.",
						(long long) sum, (long long) state->contacts);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(contact_reach_final);
/*
 * Final function: (seen, sustained, contacts) as a reach_counts row; zeros
 * when there was no input.  The state is only read, so this is safe for
 * window aggregates, which call it once per row on a growing state.  The
 * blessed row descriptor is kept in fn_extra.
 */
Datum
contact_reach_final(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	ReachState *state = NULL;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (!PG_ARGISNULL(0))
	{
		if (!AggCheckCallContext(fcinfo, NULL))
			elog(ERROR, "contact_reach_final called in non-aggregate context");
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
	else
	{
		values[0] = Int64GetDatum(0);
		values[1] = Int64GetDatum(0);
		values[2] = Int64GetDatum(0);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
