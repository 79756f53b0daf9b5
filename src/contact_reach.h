/*
 * contact_reach.h
 *		The private interface of the contact_reach aggregates, shared by
 *		contact_reach.c (transition and final functions: the hot path),
 *		contact_reach_merge.c (combine) and contact_reach_codec.c (the
 *		serialised form).
 *
 * The state is an open-addressing hash (lib/simplehash.h) from id to count,
 * 16 bytes a slot, or, once deserialised, a flat array sorted by id.  Counts
 * saturate at PG_INT32_MAX: a sustained threshold is at most PG_INT32_MAX,
 * so a saturated count still compares correctly, while the contacts total
 * is an exact, overflow-checked int64.  Every state records the threshold
 * it counts sustained contact from, so states built with different
 * thresholds are never merged silently.
 *
 * The hash functions are instantiated here as static inline, so that each
 * file that uses them (above all the transition function) gets them inlined.
 */
#ifndef CONTACT_REACH_H
#define CONTACT_REACH_H

#include "common/int.h"

#include "surestart.h"

/*
 * Version byte of the serialised state (see contact_reach_codec.c), bytes
 * before the entries, the most bytes of a varint id delta and count, and so
 * the most and the fewest bytes of an entry.
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

#define SH_PREFIX		reachtab
#define SH_ELEMENT_TYPE ReachEntry
#define SH_KEY_TYPE		int64
#define SH_KEY			id
#define SH_HASH_KEY(tb, key) surestart_hash_id(key)
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/*
 * The aggregate state.  A state built by transition or combine calls holds a
 * hash (table); a state made by the deserialiser holds a sorted flat array
 * instead.  Outside window aggregation, a large hash state queues new ids in
 * pending and inserts them in batches (contact_reach.c); the batch is
 * applied (reach_flush) before a state is serialised or combined.
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

/* contact_reach.c */
extern ReachState *reach_state_create(MemoryContext ctx, int32 threshold, uint64 expected);
extern void reach_flush(ReachState *state);

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
 * Add `add` (>= 1) contacts to an id's count in a hash state, saturating at
 * PG_INT32_MAX, and keep the sustained count in step.  Does not touch the
 * contacts total.
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

#endif							/* CONTACT_REACH_H */
