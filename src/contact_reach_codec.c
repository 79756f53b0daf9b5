/*
 * contact_reach_codec.c
 *		The serialised form of a contact_reach state (parallel query): the
 *		serialise and deserialise functions, the radix sort that orders a
 *		state's ids and the varints that encode them.
 *
 * Serialised form, format version 2:
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
 * form keeps it (binary.c); this state's own version is 2 because version 1
 * was the fixed-width layout (int64 id, int32 count), which this build
 * neither writes nor reads.  Serialised states live only within one query,
 * so no stored value carries the old layout.
 *
 * The sum of the counts equals contacts unless a count saturated, in which
 * case it is at most contacts.  Deserialising checks all of this (and that
 * the bytes are used up exactly) and yields a flat, sorted array rather
 * than a hash, which contact_reach_merge.c merges.
 */
#include "postgres.h"

#include "libpq/pqformat.h"

#include "contact_reach.h"

#define ST_SORT			reach_sort_flat
#define ST_ELEMENT_TYPE ReachFlat
#define ST_COMPARE(a, b) (((a)->id > (b)->id) - ((a)->id < (b)->id))
#define ST_SCOPE		static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

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
 * Sort entries by id.  Serialising sorts a whole state in each parallel
 * worker, so for large states this is a least-significant-digit radix sort
 * on the bytes of the id's unsigned image (so negative ids come first),
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
		uint64		u = reach_id_to_u(entries[i].id);

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
			uint64		u = reach_id_to_u(src[i].id);

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

	(void) surestart_agg_context(fcinfo, NULL);
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

	surestart_binary_begin_format(&buf, REACH_STATE_VERSION);
	enlargeStringInfo(&buf, (int) size - 1);	/* the version byte is in */
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

	(void) surestart_agg_context(fcinfo, NULL);
	bytes = PG_GETARG_BYTEA_PP(0);
	surestart_binary_open(&buf, bytes);
	if (buf.len < 1)
		reach_bad_state("The state is empty; expected at least %d bytes.",
						REACH_SERIAL_HEADER);
	surestart_binary_check_format(&buf, REACH_STATE_VERSION, "contact_reach state");
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
