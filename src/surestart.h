/*
 * surestart.h
 *		Declarations shared by the surestart C sources.
 */
#ifndef SURESTART_H
#define SURESTART_H

#include "postgres.h"
#include "fmgr.h"

/*
 * Version of every binary (send/recv and aggregate-state) format this
 * extension writes.  Readers reject any other version rather than guess.
 */
#define SURESTART_BINARY_VERSION 1

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

#endif							/* SURESTART_H */
