/*
 * coverage.h
 *		The coverage type's stored form and binary codec, shared by the type
 *		(coverage.c) and its aggregates (coverage_agg.c).
 *
 * Stored form (varlena, double aligned): threshold, a bit mask of the groups
 * with members, the "all" and "national" triples, then one triple per group
 * in the mask, in bit order.  Groups are stored sparsely because most
 * summaries (one per centre and period in the snapshots) use few of the 35.
 * A triple is (in_group, any_contact, sustained).
 */
#ifndef COVERAGE_H
#define COVERAGE_H

#include "surestart.h"

/* The national groups are bits 0 .. TARGET_GROUP_NATIONAL_COUNT - 1. */
#define NATIONAL_MASK	((uint64) ((UINT64CONST(1) << TARGET_GROUP_NATIONAL_COUNT) - 1))
#define ALL_GROUPS_MASK	((uint64) TARGET_GROUPS_ALL)

/* Positions in a triple. */
#define C_IN		0
#define C_ANY		1
#define C_SUSTAINED	2

/*
 * The stored value.  counts holds one triple (in_group, any_contact,
 * sustained) per bit set in groups, in bit order; a group is present if and
 * only if its in_group is above 0, so equal summaries have equal bytes.
 */
typedef struct Coverage
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	int32		threshold;		/* sustained = at least this many contacts */
	uint64		groups;			/* groups with members */
	int64		all[3];			/* over all rows */
	int64		national[3];	/* over rows in at least one national group */
	int64		counts[FLEXIBLE_ARRAY_MEMBER];
} Coverage;

#define COVERAGE_SIZE(ngroups)	(offsetof(Coverage, counts) + sizeof(int64) * 3 * (ngroups))
#define DatumGetCoverageP(X)	((Coverage *) PG_DETOAST_DATUM(X))
#define PG_GETARG_COVERAGE_P(n)	DatumGetCoverageP(PG_GETARG_DATUM(n))
#define PG_RETURN_COVERAGE_P(x)	PG_RETURN_POINTER(x)

/*
 * The aggregate state (coverage_agg.c): rows by contact level (0 none, 1
 * some, 2 sustained), for all rows, the national rows and each group.
 * rows is the number of rows counted, which bounds every other count.
 * figures.c counts the stored figures' coverage in the same state.
 */
typedef struct CoverageState
{
	int32		threshold;
	int64		rows;
	int64		all[3];
	int64		national[3];
	int64		group[TARGET_GROUP_COUNT][3];
} CoverageState;

extern CoverageState *coverage_state_new(MemoryContext cxt, int32 threshold);
extern void coverage_state_count(CoverageState *state, uint64 groups, int64 contacts);
extern Coverage *coverage_from_state(const CoverageState *state);

/*
 * The binary form (coverage.c), which is both send/recv and the serialised
 * aggregate state: one codec, the same bytes, the same checks.
 */
extern bytea *coverage_write(const Coverage *c);
extern Coverage *coverage_read(StringInfo buf, const char *what);

#endif							/* COVERAGE_H */
