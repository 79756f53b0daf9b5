/*
 * figures_read.c
 *		Reading the person-level tables for the stored figures' counting
 *		(figures.c): each table once, row by row as the executor produces
 *		them, into hash tables of children and families, each contact
 *		costing one lookup.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#include "figures.h"

/* int64 id -> index, the tables of children and families */
typedef struct IdEntry
{
	int64		id;
	uint32		index;
	char		status;
} IdEntry;

#define SH_PREFIX		idmap
#define SH_ELEMENT_TYPE IdEntry
#define SH_KEY_TYPE		int64
#define SH_KEY			id
#define SH_HASH_KEY(tb, key) surestart_hash_id(key)
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
#define SH_HASH_KEY(tb, key) surestart_hash_id((int64) (key))
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* ---------------------------------------------------------------- reading */

typedef void (*RowFunction) (Counting *c, Datum *values, bool *isnull);

/* A DestReceiver that hands each row of a query to a function. */
typedef struct RowReader
{
	DestReceiver pub;
	Counting   *counting;
	RowFunction row;
} RowReader;

/* Hand a row to the row function, freeing what it allocated for itself. */
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

/* Nothing to set up or tear down: the counting owns its memory. */
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

/*
 * Number a new id of a table read (children or families): n is how many it
 * has; an index must fit in 32 bits.
 */
static uint32
new_index(idmap_hash *map, int64 id, Size n, const char *what)
{
	IdEntry    *e;
	bool		found;

	if (n >= PG_UINT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many %s to count: more than %u", what, PG_UINT32_MAX)));
	e = idmap_insert(map, id, &found);
	e->index = (uint32) n;
	return e->index;
}

/* An LSOA: its code, numbered in the order read. */
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

/*
 * A family: its LSOA and the target groups that never change with the
 * date (its own flags and local groups; carers and children add theirs).
 */
static void
family_row(Counting *c, Datum *values, bool *isnull)
{
	Family	   *f;

	new_index(c->family_ids, DatumGetInt64(values[0]), c->n_families, "families");
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
		const int	flags[] = {c->bit.lone_parent, c->bit.workless_household, c->bit.workless_by_status,
			c->bit.additional_language, c->bit.minority_ethnic, c->bit.smoking_parent, c->bit.priority_family};

		for (int i = 0; i < lengthof(flags); i++)
			if (!isnull[2 + i] && DatumGetBool(values[2 + i]))
				f->fixed_groups |= UINT64CONST(1) << flags[i];
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
				f->fixed_groups |= UINT64CONST(1) << (c->bit.local_1 + k - 1);
		}
	}
}

/*
 * A carer: a father (sex M), a disabled parent, and the youngest carer and
 * pregnant carer, whose ages on each quarter end make the teenage, young
 * and pregnant teenager groups.  A carer whose sex is not recorded as M
 * rules out only_male_carer.
 */
static void
carer_row(Counting *c, Datum *values, bool *isnull)
{
	Family	   *f = &c->families[id_index(c->family_ids, DatumGetInt64(values[0]), "family")];
	bool		male = DatumGetBool(values[2]);

	f->has_carer = true;
	if (male)
		f->fixed_groups |= UINT64CONST(1) << c->bit.father;
	else
		f->carer_not_male = true;
	if (!isnull[3] && DatumGetBool(values[3]))
		f->fixed_groups |= UINT64CONST(1) << c->bit.disabled_parent;
	if (!isnull[1])
	{
		DateADT		dob = DatumGetDateADT(values[1]);

		if (dob > f->youngest_carer)
			f->youngest_carer = dob;
		if (!isnull[4] && DatumGetBool(values[4]) && dob > f->youngest_pregnant)
			f->youngest_pregnant = dob;
	}
}

/*
 * A child: the quarter ends on which it is under five (counted), and a
 * disabled child for its family (disabled_child_any_age always,
 * disabled_child on the days it is counted).
 */
static void
child_row(Counting *c, Datum *values, bool *isnull)
{
	Child	   *k;
	Family	   *f;
	DateADT		dob = DatumGetDateADT(values[2]);

	new_index(c->child_ids, DatumGetInt64(values[0]), c->n_children, "children");
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
		f->fixed_groups |= UINT64CONST(1) << c->bit.disabled_child_any_age;
		f->disabled_on |= k->counted_on;
	}
}

/* A registration: the quarter ends on which it is open. */
static void
registration_row(Counting *c, Datum *values, bool *isnull)
{
	Child	   *k = &c->children[id_index(c->child_ids, DatumGetInt64(values[0]), "child")];

	k->registered_on |= open_on(c, DatumGetDateADT(values[1]),
								isnull[2] ? DATEVAL_NOEND : DatumGetDateADT(values[2]));
}

/*
 * A social-care episode: kept for the contacts on days it is open, and the
 * quarter ends on which its family is in the group of its kind.
 */
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

/*
 * A DWP-eligible funded two-year place: its family is in two_year_funding
 * on the quarter ends within a year after its term started.
 */
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

/*
 * A contact (of a mode that is not "never"; once_mode numbers the
 * once_per_term modes, 0 for the rest): counted for its child and family
 * in the periods that count it, or noted as its child's, mode's and
 * term's first in its quarter.
 */
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
 * Read the person-level tables of a schema into the counting, each once,
 * with SPI in the caller's snapshot (count_people is STABLE, so every read
 * sees the same data): the LSOAs, families, carers and children; the
 * registrations, social-care episodes and funded places that touch the
 * year's quarter ends; the contacts of the days counted; then the
 * once_per_term contacts.
 */
void
figures_read(Counting *c, const char *schema)
{
	DateADT		dates[2];
	HASHCTL		ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = NAMEDATALEN;
	ctl.entrysize = sizeof(LsoaEntry);
	ctl.hcxt = c->cxt;
	c->lsoa_index = hash_create("count_people LSOAs", 32768, &ctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
	c->family_ids = idmap_create(c->cxt, 1024, NULL);
	c->child_ids = idmap_create(c->cxt, 1024, NULL);
	c->once = oncemap_create(c->cxt, 1024, NULL);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "count_people: SPI_connect failed");
	read_rows(c, psprintf("SELECT l.lsoa_code FROM %s.lsoa AS l", schema), 0, NULL, lsoa_row);
	read_rows(c, psprintf("SELECT f.family_id, f.lsoa_code, f.lone_parent, f.workless_household, f.workless_by_status,"
						   " f.additional_language, f.minority_ethnic, f.smoking_parent, f.priority_family, f.local_groups"
						   " FROM %s.family AS f", schema), 0, NULL, family_row);
	read_rows(c, psprintf("SELECT r.family_id, r.dob, r.sex IS NOT DISTINCT FROM 'M', r.disabled, r.pregnant"
						   " FROM %s.carer AS r", schema), 0, NULL, carer_row);
	read_rows(c, psprintf("SELECT k.child_id, k.family_id, k.dob, k.disabled FROM %s.child AS k", schema),
			  0, NULL, child_row);
	dates[0] = c->quarter_end[0];
	dates[1] = c->quarter_end[3];
	read_rows(c, psprintf("SELECT g.child_id, g.registered_on, g.ended_on FROM %s.registration AS g"
						   " WHERE g.registered_on <= $2 AND (g.ended_on IS NULL OR g.ended_on >= $1)", schema),
			  2, dates, registration_row);
	dates[0] = c->year_start;
	read_rows(c, psprintf("SELECT s.child_id, s.kind, s.starts_on, s.ends_on FROM %s.social_care AS s"
						   " WHERE s.starts_on <= $2 AND (s.ends_on IS NULL OR s.ends_on >= $1)"
						   " ORDER BY s.child_id", schema),
			  2, dates, social_care_row);
	dates[0] = c->year_before[0];
	read_rows(c, psprintf("SELECT t.child_id, t.term_start FROM %s.two_year_place AS t"
						   " WHERE t.dwp_eligible AND t.term_start > $1 AND t.term_start <= $2", schema),
			  2, dates, two_year_row);
	dates[0] = c->first_day;
	dates[1] = c->last_day;
	read_rows(c, psprintf("SELECT k.child_id, k.contact_on, coalesce(r.n, 0) FROM %s.contact AS k"
						   " LEFT JOIN (SELECT m.mode, m.counts, (row_number() OVER (ORDER BY m.mode))::integer AS n"
						   "            FROM %s.contact_rule AS m WHERE m.counts IN ('never', 'once_per_term')) AS r"
						   "   ON r.mode = k.mode"
						   " WHERE k.contact_on BETWEEN $1 AND $2 AND r.counts IS DISTINCT FROM 'never'",
						   schema, schema),
			  2, dates, contact_row);
	SPI_finish();

	count_once_contacts(c);
}
