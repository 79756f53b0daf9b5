/*
 * surestart.h
 *		Declarations shared by the surestart C sources.
 */
#ifndef SURESTART_H
#define SURESTART_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/date.h"

/*
 * Version of every binary (send/recv and aggregate-state) format this
 * extension writes.  Readers reject any other version rather than guess.
 */
#define SURESTART_BINARY_VERSION 1

/*
 * binary.c: the envelope of every binary form (send/recv of the types and
 * the serialised states of the aggregates): a format-version byte, then
 * fields in network byte order.  A form with its own version sequence (the
 * contact_reach state) passes it as format; every other form writes
 * SURESTART_BINARY_VERSION.
 */
extern void surestart_binary_begin_format(StringInfo buf, int format);
extern void surestart_binary_check_format(StringInfo buf, int format, const char *what);
extern void surestart_binary_open(StringInfo buf, bytea *bytes);

static inline void
surestart_binary_begin(StringInfo buf)
{
	surestart_binary_begin_format(buf, SURESTART_BINARY_VERSION);
}

static inline void
surestart_binary_check_version(StringInfo buf, const char *what)
{
	surestart_binary_check_format(buf, SURESTART_BINARY_VERSION, what);
}

/*
 * Hash an int64 id (a child's or a family's): the 64-bit finalising mix of
 * MurmurHash3, so that sequential ids spread over a whole hash table.
 * contact_reach's and the stored figures' tables key on ids with it.
 */
static inline uint32
surestart_hash_id(int64 id)
{
	uint64		h = (uint64) id;

	h ^= h >> 33;
	h *= UINT64CONST(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64CONST(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (uint32) h;
}

/* settings.c: the council's settings, read from C */
#define SURESTART_DEFAULT_SUSTAINED_CONTACTS 3
extern int32 surestart_setting_int(Oid fn_oid, const char *name, int32 default_value,
								   int32 min, int32 max, const char *expected);
extern int32 surestart_sustained_contacts(Oid fn_oid);
extern int32 surestart_sustained_contacts_cached(FmgrInfo *flinfo);

/*
 * aggregate.c: plumbing shared by the aggregates.  surestart_agg_context
 * returns the aggregate memory context (and, when kind is not NULL, what
 * AggCheckCallContext says the caller is), and refuses a call from outside
 * an aggregate, where updating a state in place would be unsafe.
 * surestart_agg_threshold reads a sustained threshold passed as argument
 * argno of an aggregate named aggname, checking it against the threshold
 * of the group's state (current; 0 before the first row); hint, unless
 * NULL, is the hint of its errors.
 */
extern MemoryContext surestart_agg_context(FunctionCallInfo fcinfo, int *kind);
extern int32 surestart_agg_threshold_check(FunctionCallInfo fcinfo, int argno, int32 current,
										   const char *aggname, const char *hint);

static inline int32
surestart_agg_threshold(FunctionCallInfo fcinfo, int argno, int32 current,
						const char *aggname, const char *hint)
{
	if (likely(current > 0 && !PG_ARGISNULL(argno) && PG_GETARG_INT32(argno) == current))
		return current;
	return surestart_agg_threshold_check(fcinfo, argno, current, aggname, hint);
}

/*
 * Return an aggregate's state, or SQL NULL when there is none yet: what a
 * non-strict transition or combine function returns when a row adds
 * nothing.
 */
#define SURESTART_RETURN_STATE(state) \
	do { \
		if ((state) == NULL) \
			PG_RETURN_NULL(); \
		PG_RETURN_POINTER(state); \
	} while (0)

/*
 * ofsted_grade: Ofsted's four-point scale, stored as its number so that the
 * natural order of the stored byte is the order of the grades, best first.
 */
typedef int8 OfstedGrade;

#define OFSTED_GRADE_OUTSTANDING	1
#define OFSTED_GRADE_GOOD			2
#define OFSTED_GRADE_RI				3
#define OFSTED_GRADE_INADEQUATE		4

#define DatumGetOfstedGrade(X)		((OfstedGrade) DatumGetChar(X))
#define OfstedGradeGetDatum(X)		CharGetDatum(X)
#define PG_GETARG_OFSTED_GRADE(n)	DatumGetOfstedGrade(PG_GETARG_DATUM(n))
#define PG_RETURN_OFSTED_GRADE(x)	return OfstedGradeGetDatum(x)

extern bool ofsted_grade_parse(const char *str, OfstedGrade *grade);
extern const char *ofsted_grade_name(OfstedGrade grade);

/*
 * target_groups: a set of target groups as a bit set in an int64, passed by
 * value.  Bit i (counting from the least significant) stands for
 * target_group_names[i]; the national groups come first, in the order of
 * the target_group table's display_order, then local_1 ... local_16.  Bits from TARGET_GROUP_COUNT upward are
 * always zero.
 */
typedef int64 TargetGroups;

#define TARGET_GROUP_NATIONAL_COUNT	19
#define TARGET_GROUP_LOCAL_COUNT	16
#define TARGET_GROUP_COUNT			(TARGET_GROUP_NATIONAL_COUNT + TARGET_GROUP_LOCAL_COUNT)
#define TARGET_GROUPS_ALL			((TargetGroups) ((UINT64CONST(1) << TARGET_GROUP_COUNT) - 1))

#define DatumGetTargetGroups(X)		((TargetGroups) DatumGetInt64(X))
#define TargetGroupsGetDatum(X)		Int64GetDatum(X)
#define PG_GETARG_TARGET_GROUPS(n)	DatumGetTargetGroups(PG_GETARG_DATUM(n))
#define PG_RETURN_TARGET_GROUPS(x)	return TargetGroupsGetDatum(x)

/* The code of group i, 0 <= i < TARGET_GROUP_COUNT, e.g. "lone_parent". */
extern const char *const target_group_names[TARGET_GROUP_COUNT];

/*
 * The index of a group name (ASCII case ignored, no white space allowed), or
 * -1 when it names no group.
 */
extern int	target_group_index(const char *name, int len);

/*
 * Parse the text form of a target_groups value; with raise false a bad
 * literal returns false instead of raising an error.
 */
extern bool target_groups_parse(const char *str, TargetGroups *result, bool raise);

/* calendar.c: shared date helpers */
extern void surestart_check_finite_date(DateADT date, const char *what);
extern DateADT surestart_make_date(int year, int month, int day);

/*
 * proportion: an exact part of a whole, two counts with 0 <= part <= whole.
 * 0/0 is allowed and means "no data".  Fixed-size (16 bytes), passed by
 * reference, double-aligned.
 */
typedef struct Proportion
{
	int64		part;
	int64		whole;
} Proportion;

#define DatumGetProportionP(X)		((Proportion *) DatumGetPointer(X))
#define ProportionPGetDatum(X)		PointerGetDatum(X)
#define PG_GETARG_PROPORTION_P(n)	DatumGetProportionP(PG_GETARG_DATUM(n))
#define PG_RETURN_PROPORTION_P(x)	return ProportionPGetDatum(x)

extern void proportion_check(int64 part, int64 whole);
extern Proportion *proportion_new(int64 part, int64 whole);
extern void proportion_pool(int64 *part, int64 *whole,
							int64 add_part, int64 add_whole);

/*
 * The standard normal quantile for 0 < p < 1 (proportion.c): the project's
 * one quantile function, used by wilson_interval and the funnel limits.
 */
extern double normal_quantile_internal(double p);

#endif							/* SURESTART_H */
