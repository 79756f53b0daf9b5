/*
 * disclosure.c
 *		Secondary suppression: which further cells of a set of additive
 *		tables to withhold so that no withheld cell can be worked out from
 *		the published ones by adding and subtracting.
 *
 * The caller (surestart_internal.disclosure_cells, 87_disclosure.sql)
 * describes one block of linked tables: cells with their values, and
 * relations, each a linear equation sum(coefficient * cell) = 0 over the
 * cells (a total minus its parts, or a count minus its complement and its
 * part).  A cell is either shown (published somewhere) or hidden (never
 * published, such as the complement families - any contact, which a
 * reader could still work out).  Some cells are protected: their value is
 * a count from 1 to suppress_below - 1, so they must not be derivable.
 *
 * A reader knows the shown cells that are not withheld and every relation.
 * A cell is derivable when its unit vector lies in the row space of the
 * relations restricted to the unknown cells (the withheld and the hidden
 * ones): then some combination of the equations gives its value from the
 * published values alone.  Withheld cells and protected hidden cells must
 * not be derivable.
 *
 * The method, in the manner of the DfE's and ONS's published practice:
 *   1. withhold every protected shown cell (primary suppression);
 *   2. while some relation has exactly one unknown cell that must be
 *      protected, withhold the smallest shown cell of that relation
 *      (smallest value first, then the lowest index; a zero is never
 *      withheld: see disclosure_candidate);
 *   3. audit the whole block exactly.  A relation that holds an unknown
 *      cell no other relation holds (a hidden complement, say) is private
 *      (disclosure_private): no other cell's derivation can use it, so it
 *      is set aside, and its own cell is checked against the span of the
 *      others.  The other relations fall apart into small connected parts
 *      of unknown cells, each reduced by Gaussian elimination modulo the
 *      prime 2^31 - 1 (a combination with rational coefficients that
 *      isolates a cell also isolates it modulo any prime that divides none
 *      of its denominators; a spurious hit only withholds one cell more).
 *      For each cell still derivable, withhold the smallest shown cell of
 *      a relation that holds it (or that its derivation uses), and go back
 *      to 2; after DISCLOSURE_SMALL_ROUNDS such rounds, withhold every
 *      shown non-zero cell of the relations linked to a still-derivable
 *      cell instead.
 * Every choice depends only on the values, the order of the cells and the
 * relations, so the same block gives the same answer every time, for
 * every reader.  The loop ends: after the small rounds each round
 * withholds at least one more cell (disclosure_exposed sets aside a cell
 * whose linked relations hold no published non-zero cell: it would be 0).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "surestart.h"

/*
 * Rounds of one cell per exposed cell before a round withholds every
 * shown cell of the relations linked to an exposed cell (see
 * disclosure_close_parts).
 */
#define DISCLOSURE_SMALL_ROUNDS 100

/* The largest block worked out (secondary_suppression says why). */
#define DISCLOSURE_MAX_CELLS 20000

#include "disclosure.h"


/*
 * A relation is private when it holds an unknown cell that no other
 * relation holds (a hidden complement, say, or a withheld LSOA outside the
 * most deprived ones, which only its centre's total holds).  Any
 * combination of relations that uses a private relation keeps that cell,
 * so no other cell's derivation uses it: the audit reduces the other
 * relations only, and the private cell h of a relation r is derivable
 * exactly when r without h lies in their span (never when r holds two
 * private cells).  This keeps the parts small: the hidden complements
 * would otherwise link every seen cell with its sustained cell.
 */
void
disclosure_private(DisclosureBlock *b)
{
	for (int r = 0; r < b->nrelations; r++)
	{
		b->private_cell[r] = -1;
		for (int t = b->start[r]; t < b->start[r + 1]; t++)
		{
			int			c = b->term_cell[t];

			if (!disclosure_unknown(b, c) || b->nrel_of_cell[c] != 1 || c == b->private_cell[r])
				continue;
			b->private_cell[r] = b->private_cell[r] == -1 ? c : -2;
		}
	}
}

/*
 * Whether shown cell a is a better secondary cell than shown cell b:
 * smaller non-zero value first, zeros last, then the lower index.
 */
static bool
disclosure_better(const DisclosureBlock *b, int a, int c)
{
	bool		a_zero = b->value[a] == 0;
	bool		c_zero = b->value[c] == 0;

	if (a_zero != c_zero)
		return c_zero;
	if (b->value[a] != b->value[c])
		return b->value[a] < b->value[c];
	return a < c;
}

/*
 * The best cell of relation r that could still be withheld, or -1.  A
 * zero is never withheld: every cell that must stay hidden is at least 1
 * (a protected count, or a secondary cell, which is never zero), so a
 * combination of relations that gives it uses a published cell that is
 * not zero, and withholding that one is what can hide it.
 */
static int
disclosure_candidate(const DisclosureBlock *b, int r)
{
	int			best = -1;

	for (int t = b->start[r]; t < b->start[r + 1]; t++)
	{
		int			cell = b->term_cell[t];

		if (disclosure_unknown(b, cell) || b->value[cell] == 0)
			continue;
		if (best < 0 || disclosure_better(b, cell, best))
			best = cell;
	}
	return best;
}

/*
 * Step 2: withhold a partner for every relation with a single unknown cell
 * that must stay hidden, until none is left.  Returns the cells withheld.
 */
static int
disclosure_pairs(DisclosureBlock *b)
{
	int			added = 0;
	bool		changed = true;

	while (changed)
	{
		changed = false;
		for (int r = 0; r < b->nrelations; r++)
		{
			int			unknown = 0;
			int			lone = -1;

			for (int t = b->start[r]; t < b->start[r + 1]; t++)
			{
				int			cell = b->term_cell[t];

				if (disclosure_unknown(b, cell) && cell != lone)
				{
					unknown++;
					lone = cell;
				}
			}
			if (unknown == 1 && disclosure_must_hide(b, lone))
			{
				int			cell = disclosure_candidate(b, r);

				if (cell >= 0)
				{
					b->withheld[cell] = true;
					added++;
					changed = true;
				}
			}
		}
	}
	return added;
}

/*
 * Mark in mark[] the relations through which unknown cell x is linked to
 * other unknown cells: those of its part, or, for the private cell of a
 * relation, that relation and those of the parts its other cells are in.
 * Every derivation of x uses only these relations.
 */
static void
disclosure_linked(const DisclosureBlock *b, int x, const int *comp, const int *relcomp, bool *mark)
{
	int			own = -1;

	for (int r = 0; r < b->nrelations && own < 0; r++)
		if (b->private_cell[r] == x)
			own = r;
	if (own < 0)
	{
		for (int r = 0; r < b->nrelations; r++)
			if (comp[x] >= 0 && relcomp[r] == comp[x])
				mark[r] = true;
		return;
	}
	mark[own] = true;
	for (int t = b->start[own]; t < b->start[own + 1]; t++)
	{
		int			c = b->term_cell[t];

		if (c == x || comp[c] < 0)
			continue;
		for (int r = 0; r < b->nrelations; r++)
			if (relcomp[r] == comp[c])
				mark[r] = true;
	}
}

/*
 * Whether any relation marked in mark[] holds a cell the reader knows
 * that is not zero (one that could be withheld).
 */
static bool
disclosure_any_known(const DisclosureBlock *b, const bool *mark)
{
	for (int r = 0; r < b->nrelations; r++)
		if (mark[r])
			for (int t = b->start[r]; t < b->start[r + 1]; t++)
				if (!disclosure_unknown(b, b->term_cell[t]) && b->value[b->term_cell[t]] != 0)
					return true;
	return false;
}

/*
 * Mark in exposed[] the cells that must stay hidden but are derivable;
 * returns how many.  A derivable cell whose linked relations
 * (disclosure_linked) hold no known cell is derived from the relations
 * alone, as 0 (a combination of relations that gives it uses no published
 * value), so no withholding can hide it: it is marked hopeless instead,
 * and left alone from then on.  That is decided here, at the audit, before
 * a round withholds anything.
 */
static int
disclosure_exposed(DisclosureBlock *b, bool *hopeless, bool *exposed)
{
	int			found = 0;
	int		   *comp = palloc(sizeof(int) * (b->ncells + 1));
	int		   *relcomp = palloc(sizeof(int) * (b->nrelations + 1));
	bool	   *mark = palloc(sizeof(bool) * (b->nrelations + 1));

	memset(exposed, 0, sizeof(bool) * b->ncells);
	disclosure_audit(b, exposed);
	disclosure_parts(b, comp, relcomp);
	for (int c = 0; c < b->ncells; c++)
	{
		exposed[c] = exposed[c] && disclosure_must_hide(b, c) && !hopeless[c];
		if (!exposed[c])
			continue;
		memset(mark, 0, sizeof(bool) * b->nrelations);
		disclosure_linked(b, c, comp, relcomp, mark);
		if (!disclosure_any_known(b, mark))
		{
			hopeless[c] = true;
			exposed[c] = false;
			continue;
		}
		found++;
	}
	pfree(comp);
	pfree(relcomp);
	pfree(mark);
	return found;
}

/*
 * Mark in used[] the relations of one combination that gives cell x (not
 * the private cell of a relation) from the published cells: the relations
 * of x's part, restricted to its unknown cells, are reduced modulo p
 * beside an identity matrix, which records how each reduced row was made
 * from them.  Returns false when x is not derivable modulo p.
 */
static bool
disclosure_derivation(const DisclosureBlock *b, int x, const int *comp, const int *relcomp, bool *used)
{
	int		   *column = palloc(sizeof(int) * (b->ncells + 1));
	int		   *rows = palloc(sizeof(int) * (b->nrelations + 1));
	int		   *pivot_of_row = palloc(sizeof(int) * (b->nrelations + 1));
	int			ncols = 0;
	int			nrows = 0;
	int			width;
	int			rank;
	int64	   *m;
	bool		found = false;

	for (int c = 0; c < b->ncells; c++)
		column[c] = (comp[x] >= 0 && comp[c] == comp[x]) ? ncols++ : -1;
	for (int r = 0; r < b->nrelations; r++)
		if (relcomp[r] >= 0 && relcomp[r] == comp[x])
			rows[nrows++] = r;
	width = ncols + nrows;
	m = disclosure_part_matrix(b, rows, nrows, column, width);
	for (int i = 0; i < nrows; i++)
		m[(Size) i * width + ncols + i] = 1;
	rank = disclosure_reduce(nrows, ncols, width, m, pivot_of_row);
	for (int r = 0; r < rank && !found; r++)
	{
		int			nonzero = 0;

		for (int k = 0; k < ncols; k++)
			if (m[(Size) r * width + k] != 0)
				nonzero++;
		if (nonzero == 1 && column[x] >= 0 && pivot_of_row[r] == column[x])
		{
			found = true;
			for (int q = 0; q < nrows; q++)
				if (m[(Size) r * width + ncols + q] != 0)
					used[rows[q]] = true;
		}
	}
	pfree(m);
	pfree(column);
	pfree(rows);
	pfree(pivot_of_row);
	return found;
}

/*
 * Withhold one more cell so that exposed cell x may stop being derivable:
 * the best candidate of the relations that hold x and that a derivation
 * of x may use (its own relation for the private cell of one; else those
 * that are not private); failing that (every cell of those relations is
 * unknown already), the best candidate of the relations that one
 * derivation of x uses (for a private cell, of the relations linked to
 * it).  Returns false when there is none this time.
 */
static bool
disclosure_widen(DisclosureBlock *b, int x)
{
	int			best = -1;
	int			own = -1;
	int		   *comp = palloc(sizeof(int) * (b->ncells + 1));
	int		   *relcomp = palloc(sizeof(int) * (b->nrelations + 1));
	bool	   *used = palloc0(sizeof(bool) * (b->nrelations + 1));

	disclosure_private(b);
	disclosure_parts(b, comp, relcomp);
	for (int r = 0; r < b->nrelations && own < 0; r++)
		if (b->private_cell[r] == x)
			own = r;
	for (int r = 0; r < b->nrelations; r++)
	{
		bool		holds = false;
		int			cell;

		if (own >= 0 ? r != own : b->private_cell[r] != -1)
			continue;
		for (int t = b->start[r]; t < b->start[r + 1] && !holds; t++)
			holds = b->term_cell[t] == x;
		if (!holds)
			continue;
		cell = disclosure_candidate(b, r);
		if (cell >= 0 && (best < 0 || disclosure_better(b, cell, best)))
			best = cell;
	}
	if (best < 0)
	{
		bool		some;

		if (own >= 0)
		{
			disclosure_linked(b, x, comp, relcomp, used);
			some = true;
		}
		else
			some = disclosure_derivation(b, x, comp, relcomp, used);
		if (some)
			for (int r = 0; r < b->nrelations; r++)
			{
				int			cell;

				if (!used[r])
					continue;
				cell = disclosure_candidate(b, r);
				if (cell >= 0 && (best < 0 || disclosure_better(b, cell, best)))
					best = cell;
			}
	}
	pfree(comp);
	pfree(relcomp);
	pfree(used);
	if (best < 0)
		return false;
	b->withheld[best] = true;
	return true;
}

/*
 * The heavy round: for each exposed cell, withhold every shown cell of the
 * relations linked to it (disclosure_linked: those through which it is
 * derived).  Its part then takes in all their cells, so few such rounds
 * are needed; each withholds at least one cell, since disclosure_exposed
 * leaves out the cells whose linked relations hold no known cell.
 */
static void
disclosure_close_parts(DisclosureBlock *b, const bool *exposed)
{
	int		   *comp = palloc(sizeof(int) * (b->ncells + 1));
	int		   *relcomp = palloc(sizeof(int) * (b->nrelations + 1));
	bool	   *mark = palloc0(sizeof(bool) * (b->nrelations + 1));

	disclosure_private(b);
	disclosure_parts(b, comp, relcomp);
	for (int x = 0; x < b->ncells; x++)
		if (exposed[x])
			disclosure_linked(b, x, comp, relcomp, mark);
	for (int r = 0; r < b->nrelations; r++)
		if (mark[r])
			for (int t = b->start[r]; t < b->start[r + 1]; t++)
				if (!disclosure_unknown(b, b->term_cell[t]) && b->value[b->term_cell[t]] != 0)
					b->withheld[b->term_cell[t]] = true;
	pfree(comp);
	pfree(relcomp);
	pfree(mark);
}

/*
 * A one-dimensional array argument without nulls, of the given element
 * type, and its length.
 */
static void
disclosure_array(ArrayType *a, Oid type, const char *name, Datum **elems, int *n)
{
	bool	   *nulls;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", name)));
	get_typlenbyvalalign(type, &typlen, &typbyval, &typalign);
	deconstruct_array(a, type, typlen, typbyval, typalign, elems, &nulls, n);
	for (int i = 0; i < *n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s[%d] is null", name, i + 1),
					 errdetail("Expected no null element.")));
}

/*
 * The statuses of a block's cells as secondary_suppression returns them.
 * unprotected: the block was not worked out (too large), so every shown
 * cell not withheld as primary is 'pending', withheld until it is.
 */
static ArrayType *
disclosure_result(const DisclosureBlock *b, bool unprotected)
{
	int			n = b->ncells;
	Datum	   *result = palloc(sizeof(Datum) * (n + 1));
	bool	   *result_null = palloc(sizeof(bool) * (n + 1));
	int			dims[1] = {n};
	int			lbs[1] = {1};

	for (int i = 0; i < n; i++)
	{
		const char *status = NULL;

		if (b->protect[i])
			status = "primary";
		else if (b->shown[i] && unprotected)
			status = "pending";
		else if (b->shown[i] && b->withheld[i])
			status = "secondary";
		result_null[i] = status == NULL;
		result[i] = status ? CStringGetTextDatum(status) : (Datum) 0;
	}
	return construct_md_array(result, result_null, 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT);
}

PG_FUNCTION_INFO_V1(disclosure_max_cells);
/*
 * disclosure_max_cells(): DISCLOSURE_MAX_CELLS, for protect_period, which
 * withholds the periods whose blocks would be larger without building them.
 */
Datum
disclosure_max_cells(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(DISCLOSURE_MAX_CELLS);
}

/*
 * secondary_suppression(value bigint[], shown boolean[], protect boolean[],
 *						 relation integer[], cell integer[], coefficient integer[])
 *		returns text[]
 *
 * One entry per cell: 'primary' for a protected shown cell, 'secondary'
 * for a shown cell withheld to protect others, null for a cell published
 * as it is, and for a hidden cell 'primary' when it is protected (it is
 * not derivable), else null; in a block too large to work out, 'pending'
 * for every shown cell not primary.  The relations are given term by term:
 * relation numbers (any integers; terms of one relation need not be
 * adjacent), 1-based cell numbers and integer coefficients.
 */
PG_FUNCTION_INFO_V1(secondary_suppression);
Datum
secondary_suppression(PG_FUNCTION_ARGS)
{
	Datum	   *values,
			   *shown,
			   *protect,
			   *rel,
			   *cells,
			   *coefs;
	int			n,
				n_shown,
				n_protect,
				nterms,
				n_cells,
				n_coefs;
	DisclosureBlock b;
	int		   *order;
	bool	   *hopeless;
	bool	   *exposed;

	disclosure_array(PG_GETARG_ARRAYTYPE_P(0), INT8OID, "value", &values, &n);
	disclosure_array(PG_GETARG_ARRAYTYPE_P(1), BOOLOID, "shown", &shown, &n_shown);
	disclosure_array(PG_GETARG_ARRAYTYPE_P(2), BOOLOID, "protect", &protect, &n_protect);
	disclosure_array(PG_GETARG_ARRAYTYPE_P(3), INT4OID, "relation", &rel, &nterms);
	disclosure_array(PG_GETARG_ARRAYTYPE_P(4), INT4OID, "cell", &cells, &n_cells);
	disclosure_array(PG_GETARG_ARRAYTYPE_P(5), INT4OID, "coefficient", &coefs, &n_coefs);
	if (n_shown != n || n_protect != n)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("value, shown and protect have %d, %d and %d elements", n, n_shown, n_protect),
				 errdetail("Expected one element per cell in each.")));
	if (n_cells != nterms || n_coefs != nterms)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("relation, cell and coefficient have %d, %d and %d elements", nterms, n_cells, n_coefs),
				 errdetail("Expected one element per term in each.")));

	b.ncells = n;
	b.value = palloc(sizeof(int64) * (n + 1));
	b.shown = palloc(sizeof(bool) * (n + 1));
	b.protect = palloc(sizeof(bool) * (n + 1));
	b.withheld = palloc0(sizeof(bool) * (n + 1));
	for (int i = 0; i < n; i++)
	{
		b.value[i] = DatumGetInt64(values[i]);
		if (b.value[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("value[%d] is %lld", i + 1, (long long) b.value[i]),
					 errdetail("Expected a count of at least 0.")));
		b.shown[i] = DatumGetBool(shown[i]);
		b.protect[i] = DatumGetBool(protect[i]);
		b.withheld[i] = b.shown[i] && b.protect[i];
	}

	/*
	 * The exact audit reduces dense matrices of a block's connected parts:
	 * a council's blocks (a few thousand cells) take a fraction of a
	 * second, but a whole country's in one database would take hours and
	 * gigabytes.  Such a block is left unprotected: its counts are
	 * withheld as pending rather than published unchecked (protect_period
	 * says so).
	 */
	if (n > DISCLOSURE_MAX_CELLS)
		PG_RETURN_ARRAYTYPE_P(disclosure_result(&b, true));

	/* Group the terms by relation number, keeping their order within one. */
	order = palloc(sizeof(int) * (nterms + 1));
	for (int t = 0; t < nterms; t++)
	{
		int			c = DatumGetInt32(cells[t]);

		if (c < 1 || c > n)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cell[%d] is %d", t + 1, c),
					 errdetail("Expected a cell number from 1 to %d.", n)));
		order[t] = t;
	}
	/* insertion sort by relation number: stable, and blocks are small */
	for (int i = 1; i < nterms; i++)
	{
		int			t = order[i];
		int32		key = DatumGetInt32(rel[t]);
		int			j = i - 1;

		while (j >= 0 && DatumGetInt32(rel[order[j]]) > key)
		{
			order[j + 1] = order[j];
			j--;
		}
		order[j + 1] = t;
	}
	b.start = palloc(sizeof(int) * (nterms + 2));
	b.term_cell = palloc(sizeof(int) * (nterms + 1));
	b.term_coef = palloc(sizeof(int64) * (nterms + 1));
	b.nrelations = 0;
	for (int i = 0; i < nterms; i++)
	{
		int			t = order[i];

		if (i == 0 || DatumGetInt32(rel[t]) != DatumGetInt32(rel[order[i - 1]]))
			b.start[b.nrelations++] = i;
		b.term_cell[i] = DatumGetInt32(cells[t]) - 1;
		b.term_coef[i] = DatumGetInt32(coefs[t]);
	}
	b.start[b.nrelations] = nterms;
	b.private_cell = palloc(sizeof(int) * (b.nrelations + 1));
	b.nrel_of_cell = palloc0(sizeof(int) * (n + 1));
	{
		int		   *last = palloc(sizeof(int) * (n + 1));

		for (int c = 0; c < n; c++)
			last[c] = -1;
		for (int r = 0; r < b.nrelations; r++)
			for (int t = b.start[r]; t < b.start[r + 1]; t++)
				if (last[b.term_cell[t]] != r)
				{
					last[b.term_cell[t]] = r;
					b.nrel_of_cell[b.term_cell[t]]++;
				}
		pfree(last);
	}

	/*
	 * Each round widens every exposed cell, in cell order, then audits
	 * again: a round per exposed cell would audit the block as many times.
	 * A cell that an earlier widening of the round already hid is skipped
	 * only at the next audit, which costs at most a cell more.
	 */
	hopeless = palloc0(sizeof(bool) * (n + 1));
	exposed = palloc(sizeof(bool) * (n + 1));
	for (int round = 1;; round++)
	{
		CHECK_FOR_INTERRUPTS();
		disclosure_pairs(&b);
		if (disclosure_exposed(&b, hopeless, exposed) == 0)
			break;
		if (round <= DISCLOSURE_SMALL_ROUNDS)
		{
			for (int x = 0; x < n; x++)
				if (exposed[x])
					disclosure_widen(&b, x);
		}
		else
			disclosure_close_parts(&b, exposed);
	}

	PG_RETURN_ARRAYTYPE_P(disclosure_result(&b, false));
}
