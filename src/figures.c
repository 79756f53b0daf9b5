/*
 * figures.c
 *		The counting behind the stored figures: reach and target-group
 *		coverage of the periods of one financial year, per LSOA, from one
 *		read of each person-level table (count_people, which
 *		surestart_internal.count_periods in src/sql/58_figures.sql calls).
 *
 * The rules are those count_periods' comment lists (src/sql/58_figures.sql);
 * the person-level views (counted_child, meaningful_contact) state them period
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
 * year, whatever work_mem says: at England scale (3.2 million children,
 * 2.4 million families, 9 million contacts a year) about 0.5 GB for the
 * length of the call (doc/performance.md has the measured peak).  It is
 * freed when the call ends.
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "coverage.h"
#include "figures.h"

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

/*
 * Each family's contact days: its days sorted (a counting sort by family,
 * then each family's few sorted), the periods of one day merged, and the
 * distinct days of each period counted.
 */
static void
count_family_days(Counting *c)
{
	uint32		offset = 0;
	uint16	   *sorted;

	for (Size j = 0; j < c->n_entries; j++)
		c->families[c->entry_family[j]].entries++;
	for (uint32 f = 0; f < c->n_families; f++)
	{
		c->families[f].first_entry = offset;
		offset += c->families[f].entries;
		c->families[f].entries = 0;
	}
	sorted = MemoryContextAllocHuge(c->cxt, sizeof(uint16) * Max(c->n_entries, 1));
	for (Size j = 0; j < c->n_entries; j++)
	{
		Family	   *f = &c->families[c->entry_family[j]];

		sorted[f->first_entry + f->entries++] = c->entry_day[j];
	}
	/* no contact read, no array */
	if (c->entry_family != NULL)
	{
		pfree(c->entry_family);
		pfree(c->entry_day);
		c->entry_family = NULL;
		c->entry_day = NULL;
	}

	for (uint32 f = 0; f < c->n_families; f++)
	{
		Family	   *fam = &c->families[f];
		uint16	   *day = &sorted[fam->first_entry];
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
	pfree(sorted);
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
	SET_IF(f->has_carer && !f->carer_not_male, c->bit.only_male_carer);
	SET_IF(f->youngest_carer >= c->twenty_cutoff[q] && f->youngest_carer <= c->quarter_end[q], c->bit.teenage_parent);
	SET_IF(f->youngest_carer >= c->twenty_five_cutoff[q] && f->youngest_carer <= c->quarter_end[q], c->bit.young_parent);
	SET_IF(f->youngest_pregnant >= c->twenty_cutoff[q] && f->youngest_pregnant <= c->quarter_end[q],
		   c->bit.pregnant_teenager);
	SET_IF(f->disabled_on & b, c->bit.disabled_child);
	SET_IF(f->child_in_need_on & b, c->bit.child_in_need);
	SET_IF(f->child_protection_on & b, c->bit.child_protection);
	SET_IF(f->looked_after_on & b, c->bit.looked_after);
	SET_IF(f->funded_on & b, c->bit.two_year_funding);
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
		int64		vulnerable[N_PERIODS][3] = {{0}};	/* registered, seen, sustained */
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
					{
						coverage_state_count(coverage[i], groups, f->days[i]);
						if (groups & c->vulnerable)
						{
							vulnerable[i][0]++;
							vulnerable[i][1] += f->days[i] >= 1;
							vulnerable[i][2] += f->days[i] >= c->threshold;
						}
					}
			}
		}

		old = MemoryContextSwitchTo(lsoa_cxt);
		for (int i = 0; i < N_PERIODS; i++)
		{
			int			q = period_last[i] - 1;
			Datum		values[14];
			bool		nulls[14] = {0};

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
			for (int k = 0; k < 3; k++)
				values[11 + k] = Int64GetDatum(vulnerable[i][k]);
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

/* The bits of the target groups the counting sets. */
static void
look_up_group_bits(Counting *c)
{
	c->bit.teenage_parent = group_bit("teenage_parent");
	c->bit.young_parent = group_bit("young_parent");
	c->bit.pregnant_teenager = group_bit("pregnant_teenager");
	c->bit.lone_parent = group_bit("lone_parent");
	c->bit.father = group_bit("father");
	c->bit.only_male_carer = group_bit("only_male_carer");
	c->bit.disabled_parent = group_bit("disabled_parent");
	c->bit.disabled_child = group_bit("disabled_child");
	c->bit.disabled_child_any_age = group_bit("disabled_child_any_age");
	c->bit.workless_household = group_bit("workless_household");
	c->bit.workless_by_status = group_bit("workless_by_status");
	c->bit.additional_language = group_bit("additional_language");
	c->bit.minority_ethnic = group_bit("minority_ethnic");
	c->bit.smoking_parent = group_bit("smoking_parent");
	c->bit.priority_family = group_bit("priority_family");
	c->bit.child_in_need = group_bit("child_in_need");
	c->bit.child_protection = group_bit("child_protection");
	c->bit.looked_after = group_bit("looked_after");
	c->bit.two_year_funding = group_bit("two_year_funding");
	c->bit.local_1 = group_bit("local_1");
}

PG_FUNCTION_INFO_V1(count_people);
/*
 * count_people(tables_schema, year_start, wanted, threshold, vulnerable): the people
 * figures of the wanted periods (bit i-1 for period i: Q1, Q2, Q3, Q4,
 * Q1-Q2, Q1-Q3, the year) of the financial year starting year_start (a
 * 1 April), one row per period and LSOA holding a family with a child
 * counted on one of the year's quarter ends: period number, LSOA, children
 * registered, seen and sustained, families registered, seen and sustained,
 * contacts, family contacts, coverage (null when no family is
 * registered), and the registered families in at least one of the
 * vulnerable groups, seen and sustained (vulnerable_reach: a family in two
 * such groups is one family, which coverage's counts per group cannot
 * tell).  tables_schema is the extension's schema, which holds the
 * person-level tables.
 */
Datum
count_people(PG_FUNCTION_ARGS)
{
	const char *schema = quote_identifier(NameStr(*PG_GETARG_NAME(0)));
	DateADT		year_start = PG_GETARG_DATEADT(1);
	int32		wanted = PG_GETARG_INT32(2);
	int32		threshold = PG_GETARG_INT32(3);
	uint64		vulnerable_groups = (uint64) PG_GETARG_TARGET_GROUPS(4);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Counting	c;
	int			y,
				m,
				d;
	int			first_quarter = N_QUARTERS,
				last_quarter = 1;

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
	memset(&c, 0, sizeof(c));
	look_up_group_bits(&c);
	c.cxt = AllocSetContextCreate(CurrentMemoryContext, "count_people", ALLOCSET_DEFAULT_SIZES);
	c.row_cxt = AllocSetContextCreate(c.cxt, "count_people row", ALLOCSET_SMALL_SIZES);
	c.threshold = threshold;
	c.vulnerable = vulnerable_groups;
	c.year_start = year_start;
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

	figures_read(&c, schema);
	count_family_days(&c);
	put_figures(&c, (uint8) wanted, rsinfo);
	MemoryContextDelete(c.cxt);
	return (Datum) 0;
}
