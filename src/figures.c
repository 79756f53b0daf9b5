/*
 * figures.c
 *		The counting behind the stored figures: reach and target-group
 *		coverage of the periods of one financial year, per LSOA, from one
 *		read of each person-level table (count_people, which
 *		surestart_internal.count_periods in src/sql/58_figures.sql calls).
 *
 * The rules are SPEC's, as count_periods' comment lists them; the
 * person-level views (counted_child, meaningful_contact) state them period
 * by period and the tests compare the two.  Counting them in SQL took six
 * times a plain GROUP BY at England scale: the per-child and per-family-day
 * aggregations of 9 million contacts sorted and spilled, and every family
 * went through several joins.  Here every table is read once, in whatever
 * order the scan gives, into hash tables of children and families held in
 * memory, and a contact costs one hash lookup:
 *
 *   - children (under five on which of the four quarter ends, registered
 *     then, disabled), families (LSOA, the target groups that do not change
 *     with the date, and bit sets of the quarter ends on which a carer is a
 *     teenager, a social-care episode is open, a funded place started in
 *     the year before, ...) and carers fill the tables;
 *   - each meaningful contact of a counted child adds to its child's count
 *     of contacts in each of the seven periods of the year (Q1..Q4, Q1-Q2,
 *     Q1-Q3, the year) that count it, and leaves its family's day with the
 *     bit set of those periods; a once_per_term contact (on a day without
 *     an open social-care episode) only marks the first day of its child,
 *     mode and term in its quarter, since a period counts the first such
 *     contact it holds and no other;
 *   - a family's contact days are then sorted and merged: a family contact
 *     is a distinct day;
 *   - the families are taken LSOA by LSOA, counting children, families and
 *     coverage into the figures of each wanted period.
 *
 * Memory: about 70 bytes per child, 100 per family and 8 per contact of the
 * year, whatever the sizes of work_mem: at England scale (3.2 million
 * children, 2.4 million families, 9 million contacts a year) about 0.6 GB
 * for the length of the call.  It is freed when the call ends.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "coverage.h"
#include "surestart.h"

#define N_QUARTERS	4
#define N_PERIODS	7			/* Q1, Q2, Q3, Q4, Q1-Q2, Q1-Q3, the year */
#define NO_DAY		(-1)

/* The first and last quarter of each period, numbered from 1. */
static const int period_first[N_PERIODS] = {1, 2, 3, 4, 1, 1, 1};
static const int period_last[N_PERIODS] = {1, 2, 3, 4, 2, 3, 4};

/* A child: what the counting needs of it. */
typedef struct Child
{
	uint32		family;			/* index into Counting.families */
	uint32		care_first;		/* its social-care episodes: Counting.care */
	uint32		care_count;
	int32		contacts[N_PERIODS];	/* meaningful contacts per period */
	uint8		counted_on;		/* bit q-1: under five on the end of quarter q */
	uint8		registered_on;	/* bit q-1: registered at a centre then */
} Child;

/* A family, with what its target groups depend on. */
typedef struct Family
{
	uint64		fixed_groups;	/* the groups that do not change with the date */
	int32		lsoa;			/* index into Counting.lsoa_codes; -1: none */
	DateADT		youngest_carer; /* latest carer's date of birth, or NOBEGIN */
	DateADT		youngest_pregnant;	/* the same among pregnant carers */
	uint32		first_entry;	/* its contact days in Counting.sorted */
	uint32		entries;
	int32		days[N_PERIODS];	/* family contacts (distinct days) */
	uint8		counted_on;		/* bit q-1: a child counted then */
	uint8		registered_on;	/* a counted child registered then */
	uint8		disabled_on;	/* a disabled child counted then */
	uint8		child_in_need_on;	/* a child's episode of that kind open then */
	uint8		child_protection_on;
	uint8		looked_after_on;
	uint8		funded_on;		/* a DWP-eligible two-year place began in the year to it */
	bool		has_carer;
	bool		carer_not_male; /* a carer whose sex is not recorded as M */
} Family;

/* A social-care episode of a child (for contacts on days it is open). */
typedef struct CareEpisode
{
	DateADT		starts_on;
	DateADT		ends_on;		/* DATEVAL_NOEND when open */
} CareEpisode;

/* int64 id -> index, the tables of children and families */
typedef struct IdEntry
{
	int64		id;
	uint32		index;
	char		status;
} IdEntry;

/*
 * The finaliser of MurmurHash3 (a public-domain mixing step): spreads the
 * bits of the ids, which are often consecutive, over the table.
 */
static inline uint32
mix_id(uint64 k)
{
	k ^= k >> 33;
	k *= UINT64CONST(0xff51afd7ed558ccd);
	k ^= k >> 33;
	k *= UINT64CONST(0xc4ceb9fe1a85ec53);
	k ^= k >> 33;
	return (uint32) k;
}

#define SH_PREFIX		idmap
#define SH_ELEMENT_TYPE IdEntry
#define SH_KEY_TYPE		int64
#define SH_KEY			id
#define SH_HASH_KEY(tb, key) mix_id((uint64) (key))
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/*
 * A child's once_per_term contacts of one mode and term (not on days in
 * care): the first day of them in each quarter, as days from the first day
 * read, or NO_DAY.  key: child index << 32 | mode << 16 | term.
 */
typedef struct OnceEntry
{
	uint64		key;
	int16		first_day[N_QUARTERS];
	char		status;
} OnceEntry;

#define SH_PREFIX		oncemap
#define SH_ELEMENT_TYPE OnceEntry
#define SH_KEY_TYPE		uint64
#define SH_KEY			key
#define SH_HASH_KEY(tb, key) mix_id(key)
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* LSOA code -> index (a dynahash entry: the key, then the index) */
typedef struct LsoaEntry
{
	char		code[NAMEDATALEN];	/* the key; codes are 9 characters */
	int32		index;
} LsoaEntry;

/* Everything one call counts with. */
typedef struct Counting
{
	MemoryContext cxt;			/* everything below lives here */
	MemoryContext row_cxt;		/* reset after each row that allocates */
	int32		threshold;
	DateADT		quarter_end[N_QUARTERS];
	DateADT		year_before[N_QUARTERS];	/* quarter_end - 1 year */
	DateADT		five_cutoff[N_QUARTERS];	/* earliest birth under 5 then */
	DateADT		twenty_cutoff[N_QUARTERS];	/* ... under 20 */
	DateADT		twenty_five_cutoff[N_QUARTERS];	/* ... under 25 */
	DateADT		first_day;		/* the contacts read: first_day .. last_day */
	DateADT		last_day;
	uint8		period_mask[N_QUARTERS + 1][16];	/* see build_period_masks */

	/* LSOAs */
	HTAB	   *lsoa_index;		/* code -> LsoaEntry */
	char	  **lsoa_codes;
	Size		n_lsoas;
	Size		max_lsoas;

	/* families and children */
	idmap_hash *family_ids;
	Family	   *families;
	Size		n_families;
	Size		max_families;
	idmap_hash *child_ids;
	Child	   *children;
	Size		n_children;
	Size		max_children;
	CareEpisode *care;
	Size		n_care;
	Size		max_care;
	int64		last_care_child;	/* the child of the last episode read */

	/* contacts */
	oncemap_hash *once;
	int64		contacts_read;
	uint32	   *entry_family;	/* contact days: family, (day << 7 | periods) */
	uint16	   *entry_day;
	Size		n_entries;
	Size		max_entries;
	uint16	   *sorted;			/* entry_day sorted by family */
} Counting;

/* Bits of the target groups, looked up by name once. */
static int	bit_teenage_parent,
			bit_young_parent,
			bit_pregnant_teenager,
			bit_lone_parent,
			bit_father,
			bit_only_male_carer,
			bit_disabled_parent,
			bit_disabled_child,
			bit_disabled_child_any_age,
			bit_workless_household,
			bit_workless_by_status,
			bit_additional_language,
			bit_minority_ethnic,
			bit_smoking_parent,
			bit_priority_family,
			bit_child_in_need,
			bit_child_protection,
			bit_looked_after,
			bit_two_year_funding,
			bit_local_1;

/* ---------------------------------------------------------------- dates */

/*
 * The earliest date of birth of someone under `years` on `day`.  age_on
 * (calendar.c) compares (month, day) pairs, so a person is under `years`
 * exactly when (birth year + years, month, day) comes after the day: when
 * the date of birth comes after (year - years, month, day) of the day, a
 * 29 February that year does not have falling before 1 March.
 */
static DateADT
earliest_birth_under(DateADT day, int years)
{
	int			y,
				m,
				d;

	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	y -= years;
	if (m == 2 && d == 29 && !isleap(y))
		return surestart_make_date(y, 3, 1);
	return surestart_make_date(y, m, d) + 1;
}

/*
 * day - interval '1 year' as PostgreSQL computes it: the same month and day
 * a year before, 29 February becoming 28 February.
 */
static DateADT
year_before(DateADT day)
{
	int			y,
				m,
				d;

	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	if (m == 2 && d == 29 && !isleap(y - 1))
		d = 28;
	return surestart_make_date(y - 1, m, d);
}

/* The bit set of the quarter ends (bit q-1) that lie in [from, to]. */
static inline uint8
open_on(const Counting *c, DateADT from, DateADT to)
{
	uint8		bits = 0;

	for (int q = 0; q < N_QUARTERS; q++)
		if (from <= c->quarter_end[q] && c->quarter_end[q] <= to)
			bits |= 1 << q;
	return bits;
}

/*
 * period_mask[q][counted_on]: the periods (bit i for period i) that count a
 * contact in quarter q (1..4) of a child counted on the quarter ends in
 * counted_on, when the contact counts from the period's first quarter: a
 * period holding quarter q whose reference date (its last quarter's end)
 * finds the child under five.
 */
static void
build_period_masks(Counting *c)
{
	for (int q = 1; q <= N_QUARTERS; q++)
		for (int counted = 0; counted < 16; counted++)
		{
			uint8		mask = 0;

			for (int i = 0; i < N_PERIODS; i++)
				if (period_first[i] <= q && q <= period_last[i]
					&& (counted & (1 << (period_last[i] - 1))) != 0)
					mask |= 1 << i;
			c->period_mask[q][counted] = mask;
		}
}

/* The quarter (1..4) of the year holding a day read. */
static inline int
quarter_of(const Counting *c, DateADT day)
{
	int			q = 1;

	while (q < N_QUARTERS && day > c->quarter_end[q - 1])
		q++;
	return q;
}

/* ---------------------------------------------------------------- reading */

typedef void (*RowFunction) (Counting *c, Datum *values, bool *isnull);

/* A DestReceiver that hands each row of a query to a function. */
typedef struct RowReader
{
	DestReceiver pub;
	Counting   *counting;
	RowFunction row;
} RowReader;

static bool
reader_receive(TupleTableSlot *slot, DestReceiver *self)
{
	RowReader  *reader = (RowReader *) self;

	Counting   *c = reader->counting;
	MemoryContext old;

	slot_getallattrs(slot);
	/* what a row function allocates for itself is freed after the row */
	old = MemoryContextSwitchTo(c->row_cxt);
	reader->row(c, slot->tts_values, slot->tts_isnull);
	MemoryContextSwitchTo(old);
	MemoryContextReset(c->row_cxt);
	return true;
}

static void
reader_startup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
}

static void
reader_nothing(DestReceiver *self)
{
}

/*
 * Run a query through SPI, handing each row to row() as the executor
 * produces it: no copy of the rows, no result set in memory.  The
 * parameters are dates ($1, $2, ...).
 */
static void
read_rows(Counting *c, const char *sql, int ndates, const DateADT *dates, RowFunction row)
{
	RowReader	reader;
	SPIExecuteOptions options;
	ParamListInfo params = NULL;
	int			ret;

	memset(&reader, 0, sizeof(reader));
	reader.pub.receiveSlot = reader_receive;
	reader.pub.rStartup = reader_startup;
	reader.pub.rShutdown = reader_nothing;
	reader.pub.rDestroy = reader_nothing;
	reader.pub.mydest = DestNone;
	reader.counting = c;
	reader.row = row;

	if (ndates > 0)
	{
		params = makeParamList(ndates);
		for (int i = 0; i < ndates; i++)
		{
			params->params[i].value = DateADTGetDatum(dates[i]);
			params->params[i].isnull = false;
			params->params[i].pflags = PARAM_FLAG_CONST;
			params->params[i].ptype = DATEOID;
		}
	}
	memset(&options, 0, sizeof(options));
	options.params = params;
	options.read_only = true;
	options.dest = &reader.pub;
	ret = SPI_execute_extended(sql, &options);
	/* SPI says UTILITY for a SELECT whose rows go to a DestNone receiver */
	if (ret != SPI_OK_SELECT && ret != SPI_OK_UTILITY)
		elog(ERROR, "count_people: reading failed (%s): %s", SPI_result_code_string(ret), sql);
}

/* The index of an id in a table of ids; an id not there is a broken key. */
static inline uint32
id_index(idmap_hash *map, int64 id, const char *what)
{
	IdEntry    *e = idmap_lookup(map, id);

	if (e == NULL)
		elog(ERROR, "count_people: %s " INT64_FORMAT " is not in the table read before", what, id);
	return e->index;
}

/*
 * A bigger copy of a growing array of the counting's context (twice the
 * elements, at least 1024), the old one freed; *max is updated.
 */
static void *
grow_array(Counting *c, void *array, Size element, Size *max)
{
	Size		new_max = *max < 1024 ? 1024 : *max * 2;

	if (array == NULL)
		array = MemoryContextAllocHuge(c->cxt, element * new_max);
	else
		array = repalloc_huge(array, element * new_max);
	*max = new_max;
	return array;
}

/* Make room for element n of a growing array. */
#define GROW(c, array, n, max) \
	do { \
		if ((n) >= (max)) \
			(array) = grow_array((c), (array), sizeof(*(array)), &(max)); \
	} while (0)

static void
lsoa_row(Counting *c, Datum *values, bool *isnull)
{
	char	   *code = TextDatumGetCString(values[0]);
	LsoaEntry  *e;
	bool		found;

	if (strlen(code) >= NAMEDATALEN)
		ereport(ERROR,
				(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
				 errmsg("LSOA code \"%s\" is too long to count: at most %d characters", code, NAMEDATALEN - 1)));
	GROW(c, c->lsoa_codes, c->n_lsoas, c->max_lsoas);
	c->lsoa_codes[c->n_lsoas] = MemoryContextStrdup(c->cxt, code);
	e = hash_search(c->lsoa_index, code, HASH_ENTER, &found);
	e->index = (int32) c->n_lsoas++;
}

static void
family_row(Counting *c, Datum *values, bool *isnull)
{
	Family	   *f;
	IdEntry    *e;
	bool		found;

	if (c->n_families == PG_UINT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many families to count: more than %u", PG_UINT32_MAX)));
	e = idmap_insert(c->family_ids, DatumGetInt64(values[0]), &found);
	e->index = (uint32) c->n_families;
	GROW(c, c->families, c->n_families, c->max_families);
	f = &c->families[c->n_families++];
	memset(f, 0, sizeof(Family));
	f->youngest_carer = DATEVAL_NOBEGIN;
	f->youngest_pregnant = DATEVAL_NOBEGIN;
	f->lsoa = -1;

	if (!isnull[1])
	{
		char	   *code = TextDatumGetCString(values[1]);
		LsoaEntry  *entry = NULL;

		if (strlen(code) < NAMEDATALEN)
			entry = hash_search(c->lsoa_index, code, HASH_FIND, NULL);
		if (entry == NULL)
			elog(ERROR, "count_people: family LSOA \"%s\" is not in the lsoa table", code);
		f->lsoa = entry->index;
	}
	{
		static const int *const flags[] = {&bit_lone_parent, &bit_workless_household, &bit_workless_by_status,
			&bit_additional_language, &bit_minority_ethnic, &bit_smoking_parent, &bit_priority_family};

		for (int i = 0; i < lengthof(flags); i++)
			if (!isnull[2 + i] && DatumGetBool(values[2 + i]))
				f->fixed_groups |= UINT64CONST(1) << *flags[i];
	}
	if (!isnull[9])
	{
		ArrayType  *local = DatumGetArrayTypeP(values[9]);
		Datum	   *numbers;
		bool	   *nulls;
		int			n;

		deconstruct_array(local, INT4OID, sizeof(int32), true, TYPALIGN_INT, &numbers, &nulls, &n);
		for (int i = 0; i < n; i++)
		{
			int32		k = nulls[i] ? 0 : DatumGetInt32(numbers[i]);

			if (k >= 1 && k <= TARGET_GROUP_LOCAL_COUNT)
				f->fixed_groups |= UINT64CONST(1) << (bit_local_1 + k - 1);
		}
	}
}

static void
carer_row(Counting *c, Datum *values, bool *isnull)
{
	Family	   *f = &c->families[id_index(c->family_ids, DatumGetInt64(values[0]), "family")];
	bool		male = DatumGetBool(values[2]);

	f->has_carer = true;
	if (male)
		f->fixed_groups |= UINT64CONST(1) << bit_father;
	else
		f->carer_not_male = true;
	if (!isnull[3] && DatumGetBool(values[3]))
		f->fixed_groups |= UINT64CONST(1) << bit_disabled_parent;
	if (!isnull[1])
	{
		DateADT		dob = DatumGetDateADT(values[1]);

		if (dob > f->youngest_carer)
			f->youngest_carer = dob;
		if (!isnull[4] && DatumGetBool(values[4]) && dob > f->youngest_pregnant)
			f->youngest_pregnant = dob;
	}
}

static void
child_row(Counting *c, Datum *values, bool *isnull)
{
	Child	   *k;
	Family	   *f;
	IdEntry    *e;
	bool		found;
	DateADT		dob = DatumGetDateADT(values[2]);

	if (c->n_children == PG_UINT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many children to count: more than %u", PG_UINT32_MAX)));
	e = idmap_insert(c->child_ids, DatumGetInt64(values[0]), &found);
	e->index = (uint32) c->n_children;
	GROW(c, c->children, c->n_children, c->max_children);
	k = &c->children[c->n_children++];
	memset(k, 0, sizeof(Child));
	k->family = id_index(c->family_ids, DatumGetInt64(values[1]), "family");
	for (int q = 0; q < N_QUARTERS; q++)
		if (c->five_cutoff[q] <= dob && dob <= c->quarter_end[q])
			k->counted_on |= 1 << q;
	f = &c->families[k->family];
	f->counted_on |= k->counted_on;
	if (!isnull[3] && DatumGetBool(values[3]))
	{
		f->fixed_groups |= UINT64CONST(1) << bit_disabled_child_any_age;
		f->disabled_on |= k->counted_on;
	}
}

static void
registration_row(Counting *c, Datum *values, bool *isnull)
{
	Child	   *k = &c->children[id_index(c->child_ids, DatumGetInt64(values[0]), "child")];

	k->registered_on |= open_on(c, DatumGetDateADT(values[1]),
								isnull[2] ? DATEVAL_NOEND : DatumGetDateADT(values[2]));
}

static void
social_care_row(Counting *c, Datum *values, bool *isnull)
{
	int64		child_id = DatumGetInt64(values[0]);
	uint32		index = id_index(c->child_ids, child_id, "child");
	Child	   *k = &c->children[index];
	Family	   *f = &c->families[k->family];
	char	   *kind = TextDatumGetCString(values[1]);
	CareEpisode episode;
	uint8		bits;

	episode.starts_on = DatumGetDateADT(values[2]);
	episode.ends_on = isnull[3] ? DATEVAL_NOEND : DatumGetDateADT(values[3]);
	/* the rows come ordered by child, so a child's episodes are contiguous */
	if (k->care_count == 0)
		k->care_first = (uint32) c->n_care;
	else if (c->last_care_child != child_id)
		elog(ERROR, "count_people: social-care episodes not ordered by child");
	c->last_care_child = child_id;
	GROW(c, c->care, c->n_care, c->max_care);
	c->care[c->n_care++] = episode;
	k->care_count++;

	bits = open_on(c, episode.starts_on, episode.ends_on);
	if (strcmp(kind, "child_in_need") == 0)
		f->child_in_need_on |= bits;
	else if (strcmp(kind, "child_protection") == 0)
		f->child_protection_on |= bits;
	else if (strcmp(kind, "looked_after") == 0)
		f->looked_after_on |= bits;
	pfree(kind);
}

static void
two_year_row(Counting *c, Datum *values, bool *isnull)
{
	Child	   *k = &c->children[id_index(c->child_ids, DatumGetInt64(values[0]), "child")];
	DateADT		term = DatumGetDateADT(values[1]);

	for (int q = 0; q < N_QUARTERS; q++)
		if (c->year_before[q] < term && term <= c->quarter_end[q])
			c->families[k->family].funded_on |= 1 << q;
}

/* Note a day of a family's contacts counted by the periods in mask. */
static inline void
add_family_day(Counting *c, uint32 family, int day, uint8 mask)
{
	if (c->n_entries >= c->max_entries)
	{
		Size		max = c->max_entries;

		c->entry_family = grow_array(c, c->entry_family, sizeof(uint32), &max);
		c->entry_day = grow_array(c, c->entry_day, sizeof(uint16), &c->max_entries);
	}
	c->entry_family[c->n_entries] = family;
	c->entry_day[c->n_entries] = (uint16) (day << 7 | mask);
	c->n_entries++;
}

/* Count a contact of a child in the periods of mask. */
static inline void
count_contact(Counting *c, Child *k, int day, uint8 mask)
{
	if (mask == 0)
		return;
	for (int i = 0; i < N_PERIODS; i++)
		if (mask & (1 << i))
			k->contacts[i]++;
	add_family_day(c, k->family, day, mask);
}

/* Is one of a child's social-care episodes open on a day? */
static inline bool
in_care(const Counting *c, const Child *k, DateADT day)
{
	for (uint32 j = 0; j < k->care_count; j++)
	{
		const CareEpisode *e = &c->care[k->care_first + j];

		if (e->starts_on <= day && day <= e->ends_on)
			return true;
	}
	return false;
}

static void
contact_row(Counting *c, Datum *values, bool *isnull)
{
	Child	   *k = &c->children[id_index(c->child_ids, DatumGetInt64(values[0]), "child")];
	DateADT		day = DatumGetDateADT(values[1]);
	int32		once_mode = DatumGetInt32(values[2]);
	int			q;

	/* no child counts more contacts than were read, nor a family more days */
	if (unlikely(++c->contacts_read > PG_INT32_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many contacts in one financial year to count: more than %d", PG_INT32_MAX)));
	if (unlikely(once_mode > PG_UINT16_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many contact modes to count: more than %d in contact_rule", PG_UINT16_MAX)));
	if (k->counted_on == 0)
		return;
	q = quarter_of(c, day);
	if (once_mode > 0 && !in_care(c, k, day))
	{
		int			y,
					m,
					d;
		int32		term;
		uint64		key;
		OnceEntry  *e;
		bool		found;

		j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
		term = surestart_make_date(y, m >= 9 ? 9 : m >= 4 ? 4 : 1, 1) - c->first_day + 1024;
		key = (uint64) (k - c->children) << 32 | (uint64) once_mode << 16 | (uint64) term;
		e = oncemap_insert(c->once, key, &found);
		if (!found)
			for (int j = 0; j < N_QUARTERS; j++)
				e->first_day[j] = NO_DAY;
		if (e->first_day[q - 1] == NO_DAY || day - c->first_day < e->first_day[q - 1])
			e->first_day[q - 1] = (int16) (day - c->first_day);
		return;
	}
	count_contact(c, k, day - c->first_day, c->period_mask[q][k->counted_on]);
}

/*
 * The once_per_term contacts, now that each child, mode and term has its
 * first day in each quarter: a period counts the first of them it holds
 * (the one after the last before it), on the day of that contact.
 */
static void
count_once_contacts(Counting *c)
{
	oncemap_iterator it;
	OnceEntry  *e;

	oncemap_start_iterate(c->once, &it);
	while ((e = oncemap_iterate(c->once, &it)) != NULL)
	{
		Child	   *k = &c->children[e->key >> 32];

		for (int i = 0; i < N_PERIODS; i++)
		{
			if ((k->counted_on & (1 << (period_last[i] - 1))) == 0)
				continue;
			for (int q = period_first[i]; q <= period_last[i]; q++)
				if (e->first_day[q - 1] != NO_DAY)
				{
					count_contact(c, k, e->first_day[q - 1], 1 << i);
					break;
				}
		}
	}
}

/*
 * Each family's contact days: its days sorted (a counting sort by family,
 * then each family's few sorted), the periods of one day merged, and the
 * distinct days of each period counted.
 */
static void
count_family_days(Counting *c)
{
	uint32		offset = 0;

	for (Size j = 0; j < c->n_entries; j++)
		c->families[c->entry_family[j]].entries++;
	for (uint32 f = 0; f < c->n_families; f++)
	{
		c->families[f].first_entry = offset;
		offset += c->families[f].entries;
		c->families[f].entries = 0;
	}
	c->sorted = MemoryContextAllocHuge(c->cxt, sizeof(uint16) * Max(c->n_entries, 1));
	for (Size j = 0; j < c->n_entries; j++)
	{
		Family	   *f = &c->families[c->entry_family[j]];

		c->sorted[f->first_entry + f->entries++] = c->entry_day[j];
	}
	pfree(c->entry_family);
	pfree(c->entry_day);
	c->entry_family = NULL;
	c->entry_day = NULL;

	for (uint32 f = 0; f < c->n_families; f++)
	{
		Family	   *fam = &c->families[f];
		uint16	   *day = &c->sorted[fam->first_entry];
		uint32		n = fam->entries;

		if ((f & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		/* insertion sort: a family has a few days a year */
		for (uint32 a = 1; a < n; a++)
		{
			uint16		v = day[a];
			uint32		b = a;

			while (b > 0 && day[b - 1] > v)
			{
				day[b] = day[b - 1];
				b--;
			}
			day[b] = v;
		}
		for (uint32 a = 0; a < n;)
		{
			uint8		mask = 0;
			uint32		b = a;

			while (b < n && (day[b] >> 7) == (day[a] >> 7))
				mask |= day[b++] & 0x7F;
			for (int i = 0; i < N_PERIODS; i++)
				if (mask & (1 << i))
					fam->days[i]++;
			a = b;
		}
	}
}

/* ---------------------------------------------------------------- the figures */

/* The counts of a wanted period's children in one LSOA. */
typedef struct LsoaChildren
{
	int64		registered[N_QUARTERS];	/* counted and registered on the quarter end */
	int64		seen[N_PERIODS];
	int64		sustained[N_PERIODS];
	int64		contacts[N_PERIODS];
} LsoaChildren;

/*
 * A family's target groups on the end of quarter q (0-based): the fixed
 * ones and those of that day.
 */
static uint64
family_groups_on(const Counting *c, const Family *f, int q)
{
	uint64		groups = f->fixed_groups;
	uint8		b = 1 << q;

#define SET_IF(cond, bit) do { if (cond) groups |= UINT64CONST(1) << (bit); } while (0)
	SET_IF(f->has_carer && !f->carer_not_male, bit_only_male_carer);
	SET_IF(f->youngest_carer >= c->twenty_cutoff[q] && f->youngest_carer <= c->quarter_end[q], bit_teenage_parent);
	SET_IF(f->youngest_carer >= c->twenty_five_cutoff[q] && f->youngest_carer <= c->quarter_end[q], bit_young_parent);
	SET_IF(f->youngest_pregnant >= c->twenty_cutoff[q] && f->youngest_pregnant <= c->quarter_end[q],
		   bit_pregnant_teenager);
	SET_IF(f->disabled_on & b, bit_disabled_child);
	SET_IF(f->child_in_need_on & b, bit_child_in_need);
	SET_IF(f->child_protection_on & b, bit_child_protection);
	SET_IF(f->looked_after_on & b, bit_looked_after);
	SET_IF(f->funded_on & b, bit_two_year_funding);
#undef SET_IF
	return groups;
}

/*
 * Count the LSOAs and put one row per LSOA with a counted child and wanted
 * period into the result: children per LSOA from the children, families
 * and coverage LSOA by LSOA (the families sorted by LSOA, so that one
 * coverage state per period is enough).
 */
static void
put_figures(Counting *c, uint8 wanted, ReturnSetInfo *rsinfo)
{
	LsoaChildren *kids = MemoryContextAllocExtended(c->cxt, sizeof(LsoaChildren) * Max(c->n_lsoas, 1),
														 MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	uint32	   *start = MemoryContextAllocZero(c->cxt, sizeof(uint32) * (c->n_lsoas + 1));
	uint32	   *order;
	uint32		placed = 0;
	CoverageState *coverage[N_PERIODS];
	MemoryContext lsoa_cxt = AllocSetContextCreate(c->cxt, "count_people LSOA", ALLOCSET_SMALL_SIZES);

	for (Size j = 0; j < c->n_children; j++)
	{
		Child	   *k = &c->children[j];
		Family	   *f = &c->families[k->family];
		LsoaChildren *l;

		if (k->counted_on == 0)
			continue;
		f->registered_on |= k->counted_on & k->registered_on;
		if (f->lsoa < 0)
			continue;			/* no LSOA, so in no reach area */
		l = &kids[f->lsoa];
		for (int q = 0; q < N_QUARTERS; q++)
			if (k->counted_on & k->registered_on & (1 << q))
				l->registered[q]++;
		for (int i = 0; i < N_PERIODS; i++)
		{
			l->seen[i] += k->contacts[i] >= 1;
			l->sustained[i] += k->contacts[i] >= c->threshold;
			l->contacts[i] += k->contacts[i];
		}
	}

	/* the families with a counted child, by LSOA */
	for (Size f = 0; f < c->n_families; f++)
		if (c->families[f].counted_on != 0 && c->families[f].lsoa >= 0)
			start[c->families[f].lsoa + 1]++;
	for (Size l = 0; l < c->n_lsoas; l++)
		start[l + 1] += start[l];
	order = MemoryContextAllocHuge(c->cxt, sizeof(uint32) * Max(start[c->n_lsoas], 1));
	{
		uint32	   *next = MemoryContextAlloc(c->cxt, sizeof(uint32) * Max(c->n_lsoas, 1));

		memcpy(next, start, sizeof(uint32) * c->n_lsoas);
		for (Size f = 0; f < c->n_families; f++)
			if (c->families[f].counted_on != 0 && c->families[f].lsoa >= 0)
			{
				order[next[c->families[f].lsoa]++] = (uint32) f;
				placed++;
			}
		pfree(next);
	}
	Assert(placed == start[c->n_lsoas]);
	for (int i = 0; i < N_PERIODS; i++)
		coverage[i] = coverage_state_new(c->cxt, c->threshold);

	for (Size l = 0; l < c->n_lsoas; l++)
	{
		int64		registered[N_QUARTERS] = {0};
		int64		seen[N_PERIODS] = {0};
		int64		sustained[N_PERIODS] = {0};
		int64		days[N_PERIODS] = {0};
		MemoryContext old;

		if (start[l] == start[l + 1])
			continue;
		CHECK_FOR_INTERRUPTS();
		for (int i = 0; i < N_PERIODS; i++)
		{
			memset(coverage[i], 0, sizeof(CoverageState));
			coverage[i]->threshold = c->threshold;
		}
		for (uint32 j = start[l]; j < start[l + 1]; j++)
		{
			Family	   *f = &c->families[order[j]];

			for (int i = 0; i < N_PERIODS; i++)
			{
				seen[i] += f->days[i] >= 1;
				sustained[i] += f->days[i] >= c->threshold;
				days[i] += f->days[i];
			}
			for (int q = 0; q < N_QUARTERS; q++)
			{
				uint64		groups;

				if ((f->registered_on & (1 << q)) == 0)
					continue;
				registered[q]++;
				groups = family_groups_on(c, f, q);
				for (int i = 0; i < N_PERIODS; i++)
					if ((wanted & (1 << i)) && period_last[i] == q + 1)
						coverage_state_count(coverage[i], groups, f->days[i]);
			}
		}

		old = MemoryContextSwitchTo(lsoa_cxt);
		for (int i = 0; i < N_PERIODS; i++)
		{
			int			q = period_last[i] - 1;
			Datum		values[11];
			bool		nulls[11] = {0};

			if ((wanted & (1 << i)) == 0)
				continue;
			values[0] = Int32GetDatum(i + 1);
			values[1] = CStringGetTextDatum(c->lsoa_codes[l]);
			values[2] = Int64GetDatum(kids[l].registered[q]);
			values[3] = Int64GetDatum(kids[l].seen[i]);
			values[4] = Int64GetDatum(kids[l].sustained[i]);
			values[5] = Int64GetDatum(registered[q]);
			values[6] = Int64GetDatum(seen[i]);
			values[7] = Int64GetDatum(sustained[i]);
			values[8] = Int64GetDatum(kids[l].contacts[i]);
			values[9] = Int64GetDatum(days[i]);
			if (coverage[i]->rows > 0)
				values[10] = PointerGetDatum(coverage_from_state(coverage[i]));
			else
				nulls[10] = true;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(lsoa_cxt);
	}
}

/* Look a target group's bit up by its code (target_groups.c). */
static int
group_bit(const char *name)
{
	int			bit = target_group_index(name, strlen(name));

	if (bit < 0)
		elog(ERROR, "count_people: unknown target group %s", name);
	return bit;
}

static void
look_up_group_bits(void)
{
	bit_teenage_parent = group_bit("teenage_parent");
	bit_young_parent = group_bit("young_parent");
	bit_pregnant_teenager = group_bit("pregnant_teenager");
	bit_lone_parent = group_bit("lone_parent");
	bit_father = group_bit("father");
	bit_only_male_carer = group_bit("only_male_carer");
	bit_disabled_parent = group_bit("disabled_parent");
	bit_disabled_child = group_bit("disabled_child");
	bit_disabled_child_any_age = group_bit("disabled_child_any_age");
	bit_workless_household = group_bit("workless_household");
	bit_workless_by_status = group_bit("workless_by_status");
	bit_additional_language = group_bit("additional_language");
	bit_minority_ethnic = group_bit("minority_ethnic");
	bit_smoking_parent = group_bit("smoking_parent");
	bit_priority_family = group_bit("priority_family");
	bit_child_in_need = group_bit("child_in_need");
	bit_child_protection = group_bit("child_protection");
	bit_looked_after = group_bit("looked_after");
	bit_two_year_funding = group_bit("two_year_funding");
	bit_local_1 = group_bit("local_1");
}

PG_FUNCTION_INFO_V1(count_people);
/*
 * count_people(tables_schema, year_start, wanted, threshold): the people
 * figures of the wanted periods (bit i-1 for period i: Q1, Q2, Q3, Q4,
 * Q1-Q2, Q1-Q3, the year) of the financial year starting year_start (a
 * 1 April), one row per period and LSOA holding a family with a child
 * counted on one of the year's quarter ends: period number, LSOA, children
 * registered, seen and sustained, families registered, seen and sustained,
 * contacts, family contacts and coverage (null when no family is
 * registered).  tables_schema is the extension's schema, which holds the
 * person-level tables.
 */
Datum
count_people(PG_FUNCTION_ARGS)
{
	const char *schema = quote_identifier(NameStr(*PG_GETARG_NAME(0)));
	DateADT		year_start = PG_GETARG_DATEADT(1);
	int32		wanted = PG_GETARG_INT32(2);
	int32		threshold = PG_GETARG_INT32(3);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Counting	c;
	HASHCTL		ctl;
	int			y,
				m,
				d;
	int			first_quarter = N_QUARTERS,
				last_quarter = 1;
	DateADT		dates[2];

	if (threshold < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sustained threshold %d is below 1", threshold),
				 errdetail("Sustained contact is at least 1 meaningful contact.")));
	if (wanted < 1 || wanted >= (1 << N_PERIODS))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("wanted periods %d are not a bit set of the seven periods of a year", wanted),
				 errdetail("Expected a number from 1 to %d.", (1 << N_PERIODS) - 1)));
	surestart_check_finite_date(year_start, "start of the financial year");
	j2date(year_start + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	if (m != 4 || d != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a financial year starts on 1 April, not on %04d-%02d-%02d", y, m, d)));

	InitMaterializedSRF(fcinfo, 0);
	look_up_group_bits();

	memset(&c, 0, sizeof(c));
	c.cxt = AllocSetContextCreate(CurrentMemoryContext, "count_people", ALLOCSET_DEFAULT_SIZES);
	c.row_cxt = AllocSetContextCreate(c.cxt, "count_people row", ALLOCSET_SMALL_SIZES);
	c.threshold = threshold;
	for (int q = 0; q < N_QUARTERS; q++)
	{
		static const int next_month[N_QUARTERS] = {7, 10, 1, 4};

		/* the day before the first of the next quarter */
		c.quarter_end[q] = surestart_make_date(y + (q >= 2), next_month[q], 1) - 1;
		c.year_before[q] = year_before(c.quarter_end[q]);
		c.five_cutoff[q] = earliest_birth_under(c.quarter_end[q], 5);
		c.twenty_cutoff[q] = earliest_birth_under(c.quarter_end[q], 20);
		c.twenty_five_cutoff[q] = earliest_birth_under(c.quarter_end[q], 25);
	}
	for (int i = 0; i < N_PERIODS; i++)
		if (wanted & (1 << i))
		{
			first_quarter = Min(first_quarter, period_first[i]);
			last_quarter = Max(last_quarter, period_last[i]);
		}
	c.first_day = first_quarter == 1 ? year_start : c.quarter_end[first_quarter - 2] + 1;
	c.last_day = c.quarter_end[last_quarter - 1];
	build_period_masks(&c);

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = NAMEDATALEN;
	ctl.entrysize = sizeof(LsoaEntry);
	ctl.hcxt = c.cxt;
	c.lsoa_index = hash_create("count_people LSOAs", 32768, &ctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	c.family_ids = idmap_create(c.cxt, 1024, NULL);
	c.child_ids = idmap_create(c.cxt, 1024, NULL);
	c.once = oncemap_create(c.cxt, 1024, NULL);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "count_people: SPI_connect failed");
	read_rows(&c, psprintf("SELECT l.lsoa_code FROM %s.lsoa AS l", schema), 0, NULL, lsoa_row);
	read_rows(&c, psprintf("SELECT f.family_id, f.lsoa_code, f.lone_parent, f.workless_household, f.workless_by_status,"
						   " f.additional_language, f.minority_ethnic, f.smoking_parent, f.priority_family, f.local_groups"
						   " FROM %s.family AS f", schema), 0, NULL, family_row);
	read_rows(&c, psprintf("SELECT r.family_id, r.dob, r.sex IS NOT DISTINCT FROM 'M', r.disabled, r.pregnant"
						   " FROM %s.carer AS r", schema), 0, NULL, carer_row);
	read_rows(&c, psprintf("SELECT k.child_id, k.family_id, k.dob, k.disabled FROM %s.child AS k", schema),
			  0, NULL, child_row);
	dates[0] = c.quarter_end[0];
	dates[1] = c.quarter_end[3];
	read_rows(&c, psprintf("SELECT g.child_id, g.registered_on, g.ended_on FROM %s.registration AS g"
						   " WHERE g.registered_on <= $2 AND (g.ended_on IS NULL OR g.ended_on >= $1)", schema),
			  2, dates, registration_row);
	dates[0] = year_start;
	read_rows(&c, psprintf("SELECT s.child_id, s.kind, s.starts_on, s.ends_on FROM %s.social_care AS s"
						   " WHERE s.starts_on <= $2 AND (s.ends_on IS NULL OR s.ends_on >= $1)"
						   " ORDER BY s.child_id", schema),
			  2, dates, social_care_row);
	dates[0] = c.year_before[0];
	read_rows(&c, psprintf("SELECT t.child_id, t.term_start FROM %s.two_year_place AS t"
						   " WHERE t.dwp_eligible AND t.term_start > $1 AND t.term_start <= $2", schema),
			  2, dates, two_year_row);
	dates[0] = c.first_day;
	dates[1] = c.last_day;
	read_rows(&c, psprintf("SELECT k.child_id, k.contact_on, coalesce(r.n, 0) FROM %s.contact AS k"
						   " LEFT JOIN (SELECT m.mode, m.counts, (row_number() OVER (ORDER BY m.mode))::integer AS n"
						   "            FROM %s.contact_rule AS m WHERE m.counts IN ('never', 'once_per_term')) AS r"
						   "   ON r.mode = k.mode"
						   " WHERE k.contact_on BETWEEN $1 AND $2 AND r.counts IS DISTINCT FROM 'never'",
						   schema, schema),
			  2, dates, contact_row);
	SPI_finish();

	count_once_contacts(&c);
	count_family_days(&c);
	put_figures(&c, (uint8) wanted, rsinfo);
	MemoryContextDelete(c.cxt);
	return (Datum) 0;
}
