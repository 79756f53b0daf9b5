/*
 * src/disclosure.h: what the two files of secondary suppression share
 *
 * disclosure.c chooses the cells to withhold (pairs, rounds, the
 * SQL-callable secondary_suppression); disclosure_audit.c decides exactly
 * which unknown cells a reader could work out from the shown ones
 * (elimination modulo a prime, one connected part at a time).  A block is
 * the cells and linear relations of one linked table.
 */
#ifndef SURESTART_DISCLOSURE_H
#define SURESTART_DISCLOSURE_H

/* The prime of the exact audit: 2^31 - 1. */
#define DISCLOSURE_PRIME	INT64CONST(2147483647)

typedef struct DisclosureBlock
{
	int			ncells;
	int			nrelations;
	int64	   *value;
	bool	   *shown;
	bool	   *protect;
	bool	   *withheld;
	/* relations in compressed form: terms start[r] .. start[r + 1] - 1 */
	int		   *start;
	int		   *term_cell;		/* 0-based */
	int64	   *term_coef;
	/* how many relations hold each cell */
	int		   *nrel_of_cell;
	/*
	 * Per relation, set by disclosure_private: the one unknown cell that no
	 * other relation holds (-2: two or more such cells; -1: none).
	 */
	int		   *private_cell;
} DisclosureBlock;

/*
 * A cell is unknown to a reader when it is withheld or never shown.
 */
static inline bool
disclosure_unknown(const DisclosureBlock *b, int cell)
{
	return !b->shown[cell] || b->withheld[cell];
}

/*
 * A cell must not be derivable when it is withheld, or hidden and
 * protected.
 */
static inline bool
disclosure_must_hide(const DisclosureBlock *b, int cell)
{
	return b->shown[cell] ? b->withheld[cell] : b->protect[cell];
}

extern void disclosure_private(DisclosureBlock *b);
extern int disclosure_reduce(int nrows, int ncols, int width, int64 *m, int *pivot_of_row);
extern int64 *disclosure_part_matrix(const DisclosureBlock *b, const int *rows, int nrows,
					   const int *column, int width);
extern void disclosure_parts(const DisclosureBlock *b, int *comp, int *relcomp);
extern void disclosure_audit(DisclosureBlock *b, bool *derivable);

#endif							/* SURESTART_DISCLOSURE_H */
