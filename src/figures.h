/*
 * figures.h
 *		The counting behind the stored figures (figures.c), shared with the
 *		reading of the person-level tables (figures_read.c).
 */
#ifndef FIGURES_H
#define FIGURES_H

#include "utils/date.h"
#include "utils/hsearch.h"

#include "surestart.h"

#define N_QUARTERS	4
#define N_PERIODS	7			/* Q1, Q2, Q3, Q4, Q1-Q2, Q1-Q3, the year */
#define NO_DAY		(-1)

/* The first and last quarter of each period, numbered from 1. */
static const int period_first[N_PERIODS] pg_attribute_unused() = {1, 2, 3, 4, 1, 1, 1};
static const int period_last[N_PERIODS] pg_attribute_unused() = {1, 2, 3, 4, 2, 3, 4};

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
	uint32		first_entry;	/* its contact days, once sorted by family */
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

/* The bits of the target groups the counting sets, looked up by name. */
typedef struct GroupBits
{
	int			teenage_parent;
	int			young_parent;
	int			pregnant_teenager;
	int			lone_parent;
	int			father;
	int			only_male_carer;
	int			disabled_parent;
	int			disabled_child;
	int			disabled_child_any_age;
	int			workless_household;
	int			workless_by_status;
	int			additional_language;
	int			minority_ethnic;
	int			smoking_parent;
	int			priority_family;
	int			child_in_need;
	int			child_protection;
	int			looked_after;
	int			two_year_funding;
	int			local_1;
} GroupBits;

/* The hash tables of figures_read.c */
struct idmap_hash;
struct oncemap_hash;

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
	MemoryContext row_cxt;		/* what a row function allocates, freed after each row */
	int32		threshold;
	uint64		vulnerable;		/* the target groups classed as vulnerable */
	DateADT		year_start;		/* 1 April */
	DateADT		quarter_end[N_QUARTERS];
	DateADT		year_before[N_QUARTERS];	/* quarter_end - 1 year */
	DateADT		five_cutoff[N_QUARTERS];	/* earliest birth under 5 then */
	DateADT		twenty_cutoff[N_QUARTERS];	/* ... under 20 */
	DateADT		twenty_five_cutoff[N_QUARTERS];	/* ... under 25 */
	DateADT		first_day;		/* the contacts read: first_day .. last_day */
	DateADT		last_day;
	uint8		period_mask[N_QUARTERS + 1][16];	/* see build_period_masks */
	GroupBits	bit;			/* the target groups' bits */

	/* LSOAs */
	HTAB	   *lsoa_index;		/* code -> LsoaEntry */
	char	  **lsoa_codes;
	Size		n_lsoas;
	Size		max_lsoas;

	/* families and children */
	struct idmap_hash *family_ids;
	Family	   *families;
	Size		n_families;
	Size		max_families;
	struct idmap_hash *child_ids;
	Child	   *children;
	Size		n_children;
	Size		max_children;
	CareEpisode *care;
	Size		n_care;
	Size		max_care;
	int64		last_care_child;	/* the child of the last episode read */

	/* contacts */
	struct oncemap_hash *once;
	int64		contacts_read;
	uint32	   *entry_family;	/* contact days: family, (day << 7 | periods) */
	uint16	   *entry_day;
	Size		n_entries;
	Size		max_entries;
} Counting;

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

/* The quarter (1..4) of the year holding a day read. */
static inline int
quarter_of(const Counting *c, DateADT day)
{
	int			q = 1;

	while (q < N_QUARTERS && day > c->quarter_end[q - 1])
		q++;
	return q;
}

/*
 * figures_read.c: read the person-level tables of a schema into the
 * counting: children, families, and each child's and family's contacts in
 * every period.
 */
extern void figures_read(Counting *c, const char *schema);

#endif							/* FIGURES_H */
