/*
 * src/disclosure_audit.c: the exact audit of secondary suppression
 *
 * Which unknown cells of a block a reader can work out from the shown
 * ones, by any combination of its relations: Gaussian elimination modulo
 * the prime 2^31 - 1, one connected part of the block at a time, with the
 * private relations set aside (disclosure.c says why).  disclosure.c calls
 * it between its rounds of choosing cells.
 */
#include "postgres.h"

#include "miscadmin.h"

#include "disclosure.h"

/*
 * Arithmetic modulo the Mersenne prime 2^31 - 1: a product of two residues
 * fits in 62 bits and folds back with shifts, far faster than a division.
 */
static inline int64
disclosure_fold(int64 x)
{
	x = (x & DISCLOSURE_PRIME) + (x >> 31);
	x = (x & DISCLOSURE_PRIME) + (x >> 31);
	return x >= DISCLOSURE_PRIME ? x - DISCLOSURE_PRIME : x;
}

/*
 * x^(p-2) mod p: the inverse of a non-zero residue x.
 */
static int64
disclosure_inverse(int64 x)
{
	int64		result = 1;
	int64		e = DISCLOSURE_PRIME - 2;

	while (e > 0)
	{
		if (e & 1)
			result = disclosure_fold(result * x);
		x = disclosure_fold(x * x);
		e >>= 1;
	}
	return result;
}

/*
 * Reduce the first ncols columns of the nrows x width matrix m (row-major,
 * residues modulo DISCLOSURE_PRIME) to reduced row echelon form, carrying
 * the other columns along; pivot_of_row[] gets each pivot row's column.
 * Returns the rank.
 */
int
disclosure_reduce(int nrows, int ncols, int width, int64 *m, int *pivot_of_row)
{
	int			rank = 0;
	int		   *nz = palloc(sizeof(int) * (width + 1));

	for (int col = 0; col < ncols && rank < nrows; col++)
	{
		int			sel = -1;
		int64		inv;
		int64	   *pivot;
		int			nnz = 0;

		CHECK_FOR_INTERRUPTS();
		for (int r = rank; r < nrows; r++)
			if (m[(Size) r * width + col] != 0)
			{
				sel = r;
				break;
			}
		if (sel < 0)
			continue;
		if (sel != rank)
			for (int k = 0; k < width; k++)
			{
				int64		tmp = m[(Size) sel * width + k];

				m[(Size) sel * width + k] = m[(Size) rank * width + k];
				m[(Size) rank * width + k] = tmp;
			}
		pivot = &m[(Size) rank * width];
		inv = disclosure_inverse(pivot[col]);
		for (int k = col; k < width; k++)
			if (pivot[k] != 0)
			{
				pivot[k] = disclosure_fold(pivot[k] * inv);
				nz[nnz++] = k;
			}
		for (int r = 0; r < nrows; r++)
		{
			int64	   *row = &m[(Size) r * width];
			int64		f;

			if (r == rank || row[col] == 0)
				continue;
			f = DISCLOSURE_PRIME - row[col];
			for (int i = 0; i < nnz; i++)
			{
				int			k = nz[i];

				row[k] = disclosure_fold(row[k] + f * pivot[k]);
			}
		}
		pivot_of_row[rank++] = col;
	}
	pfree(nz);
	return rank;
}

/*
 * The connected parts of the unknown cells: two unknown cells are linked
 * when a relation that is not private (disclosure_private) holds both.  A derivation uses the relations of one part
 * only, so each part is reduced on its own (a county's tables fall apart
 * into many small parts).  comp[] gets each unknown cell's part (the
 * lowest cell of it; -1 for known cells), relcomp[] each relation's (-1
 * for relations without unknown cells, and for private relations).
 */
void
disclosure_parts(const DisclosureBlock *b, int *comp, int *relcomp)
{
	for (int c = 0; c < b->ncells; c++)
		comp[c] = disclosure_unknown(b, c) ? c : -1;
	for (int r = 0; r < b->nrelations; r++)
	{
		int			first = -1;

		if (b->private_cell[r] != -1)
			continue;
		for (int t = b->start[r]; t < b->start[r + 1]; t++)
		{
			int			c = b->term_cell[t];
			int			a,
						z;

			if (comp[c] < 0)
				continue;
			if (first < 0)
			{
				first = c;
				continue;
			}
			for (a = first; comp[a] != a; a = comp[a]);
			for (z = c; comp[z] != z; z = comp[z]);
			if (a < z)
				comp[z] = a;
			else
				comp[a] = z;
		}
	}
	for (int c = 0; c < b->ncells; c++)
		if (comp[c] >= 0)
		{
			int			a;

			for (a = c; comp[a] != a; a = comp[a]);
			comp[c] = a;
		}
	for (int r = 0; r < b->nrelations; r++)
	{
		relcomp[r] = -1;
		if (b->private_cell[r] != -1)
			continue;
		for (int t = b->start[r]; t < b->start[r + 1] && relcomp[r] < 0; t++)
			relcomp[r] = comp[b->term_cell[t]];
	}
}

/*
 * Build the matrix of one part: its relations (rows, listed in rows[])
 * restricted to its unknown cells (columns: column[cell]), with extra zero
 * columns up to width.
 */
int64 *
disclosure_part_matrix(const DisclosureBlock *b, const int *rows, int nrows,
					   const int *column, int width)
{
	int64	   *m = palloc0(sizeof(int64) * (Size) Max(nrows, 1) * width);

	for (int i = 0; i < nrows; i++)
	{
		int			r = rows[i];

		for (int t = b->start[r]; t < b->start[r + 1]; t++)
		{
			int			col = column[b->term_cell[t]];
			int64		coef = b->term_coef[t] % DISCLOSURE_PRIME;

			if (col < 0)
				continue;
			if (coef < 0)
				coef += DISCLOSURE_PRIME;
			m[(Size) i * width + col] = disclosure_fold(m[(Size) i * width + col] + coef);
		}
	}
	return m;
}

/*
 * Mark in derivable[] the unknown cells a reader can work out, by reducing
 * each part's relations (restricted to its unknown cells) to reduced row
 * echelon form modulo p: a cell is derivable exactly when it is a pivot
 * whose row has no other non-zero entry.  The private cell of a relation
 * (disclosure_private) is derivable when the rest of its relation reduces
 * to zero against the parts it touches.
 */
void
disclosure_audit(DisclosureBlock *b, bool *derivable)
{
	int		   *comp = palloc(sizeof(int) * (b->ncells + 1));
	int		   *relcomp = palloc(sizeof(int) * (b->nrelations + 1));
	int		   *column = palloc(sizeof(int) * (b->ncells + 1));
	int		   *cells = palloc(sizeof(int) * (b->ncells + 1));
	int		   *rows = palloc(sizeof(int) * (b->nrelations + 1));
	int		   *pivot_of_row = palloc(sizeof(int) * (b->nrelations + 1));
	int		   *members = palloc(sizeof(int) * (b->ncells + 1));
	int		   *next_member = palloc(sizeof(int) * (b->ncells + 1));
	int		   *part_rows = palloc(sizeof(int) * (b->ncells + 1));
	int		   *next_row = palloc(sizeof(int) * (b->nrelations + 1));
	bool	   *in_span = palloc(sizeof(bool) * (b->nrelations + 1));
	int		   *priv_list = palloc(sizeof(int) * (b->nrelations + 1));
	int		   *priv_next = palloc(sizeof(int) * (b->nrelations + 1));
	int		   *priv_head = palloc(sizeof(int) * (b->ncells + 1));
	int64	   *w = palloc(sizeof(int64) * (b->ncells + 1));

	disclosure_private(b);
	disclosure_parts(b, comp, relcomp);

	/* members and relations of each part, as linked lists by root */
	for (int c = 0; c < b->ncells; c++)
	{
		members[c] = -1;
		part_rows[c] = -1;
		priv_head[c] = -1;
		column[c] = -1;
	}
	for (int c = b->ncells - 1; c >= 0; c--)
		if (comp[c] >= 0)
		{
			next_member[c] = members[comp[c]];
			members[comp[c]] = c;
		}
	for (int r = b->nrelations - 1; r >= 0; r--)
		if (relcomp[r] >= 0)
		{
			next_row[r] = part_rows[relcomp[r]];
			part_rows[relcomp[r]] = r;
		}

	/*
	 * The private relations with one private cell, listed under each part
	 * that the rest of the relation touches (a relation may be listed under
	 * a few parts: priv_list holds (relation, next) pairs by part).
	 */
	{
		int			nlist = 0;
		int			cap = b->nrelations + 1;

		for (int r = 0; r < b->nrelations; r++)
		{
			in_span[r] = true;
			if (b->private_cell[r] < 0)
				continue;
			for (int t = b->start[r]; t < b->start[r + 1]; t++)
			{
				int			c = b->term_cell[t];
				int			root = comp[c];
				bool		listed = false;

				if (c == b->private_cell[r] || root < 0)
					continue;
				for (int i = priv_head[root]; i >= 0 && !listed; i = priv_next[i])
					listed = priv_list[i] == r;
				if (listed)
					continue;
				if (nlist >= cap)
				{
					cap *= 2;
					priv_list = repalloc(priv_list, sizeof(int) * cap);
					priv_next = repalloc(priv_next, sizeof(int) * cap);
				}
				priv_list[nlist] = r;
				priv_next[nlist] = priv_head[root];
				priv_head[root] = nlist++;
			}
		}
	}

	for (int root = 0; root < b->ncells; root++)
	{
		int			ncols = 0;
		int			nrows = 0;
		int			rank = 0;
		int64	   *m = NULL;

		if (comp[root] != root)
			continue;
		for (int c = members[root]; c >= 0; c = next_member[c])
		{
			column[c] = ncols;
			cells[ncols++] = c;
		}
		for (int r = part_rows[root]; r >= 0; r = next_row[r])
			rows[nrows++] = r;
		if (nrows > 0)
		{
			if (ncols > 50) elog(DEBUG1, "disclosure: part %d x %d", nrows, ncols);
			m = disclosure_part_matrix(b, rows, nrows, column, ncols);
			rank = disclosure_reduce(nrows, ncols, ncols, m, pivot_of_row);
			for (int r = 0; r < rank; r++)
			{
				int			nonzero = 0;

				for (int k = pivot_of_row[r]; k < ncols && nonzero < 2; k++)
					if (m[(Size) r * ncols + k] != 0)
						nonzero++;
				if (nonzero == 1)
					derivable[cells[pivot_of_row[r]]] = true;
			}
		}
		/* the rest of each private relation that touches this part */
		for (int i = priv_head[root]; i >= 0; i = priv_next[i])
		{
			int			r = priv_list[i];

			if (!in_span[r])
				continue;
			for (int k = 0; k < ncols; k++)
				w[k] = 0;
			for (int t = b->start[r]; t < b->start[r + 1]; t++)
			{
				int			col = column[b->term_cell[t]];
				int64		coef = b->term_coef[t] % DISCLOSURE_PRIME;

				if (col < 0)
					continue;
				if (coef < 0)
					coef += DISCLOSURE_PRIME;
				w[col] = disclosure_fold(w[col] + coef);
			}
			for (int q = 0; q < rank; q++)
			{
				int64		f = w[pivot_of_row[q]];

				if (f == 0)
					continue;
				f = DISCLOSURE_PRIME - f;
				for (int k = pivot_of_row[q]; k < ncols; k++)
					if (m[(Size) q * ncols + k] != 0)
						w[k] = disclosure_fold(w[k] + f * m[(Size) q * ncols + k]);
			}
			for (int k = 0; k < ncols && in_span[r]; k++)
				if (w[k] != 0)
					in_span[r] = false;
		}
		if (m)
			pfree(m);
		for (int i = 0; i < ncols; i++)
			column[cells[i]] = -1;
	}
	for (int r = 0; r < b->nrelations; r++)
		if (b->private_cell[r] >= 0 && in_span[r])
			derivable[b->private_cell[r]] = true;
	pfree(comp);
	pfree(relcomp);
	pfree(column);
	pfree(cells);
	pfree(rows);
	pfree(pivot_of_row);
	pfree(members);
	pfree(next_member);
	pfree(part_rows);
	pfree(next_row);
	pfree(in_span);
	pfree(priv_list);
	pfree(priv_next);
	pfree(priv_head);
	pfree(w);
}
