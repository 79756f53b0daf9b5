/*
 * ofsted_grade.c
 *		Ofsted's four-point grading scale as a one-byte, pass-by-value type.
 *
 * Input is loose because grades arrive from spreadsheets and old reports:
 * the canonical words in any case, the abbreviation RI, the pre-2013 word
 * Satisfactory (which Ofsted renamed Requires improvement), and the grade
 * numbers 1-4, with surrounding and repeated inner white space ignored.
 * Output is always the canonical word.  Grades order by number, so
 * 'Outstanding' < 'Good': the smaller grade is the better one.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "surestart.h"

/* Longest accepted spelling, "requires improvement", with room to spare. */
#define OFSTED_GRADE_MAX_INPUT 32

static const char *const grade_names[] = {
	NULL,
	"Outstanding",
	"Good",
	"Requires improvement",
	"Inadequate"
};

static const struct
{
	const char *spelling;		/* lower case, single spaces */
	OfstedGrade grade;
}			grade_spellings[] = {
	{"outstanding", OFSTED_GRADE_OUTSTANDING},
	{"good", OFSTED_GRADE_GOOD},
	{"requires improvement", OFSTED_GRADE_RI},
	{"ri", OFSTED_GRADE_RI},
	{"satisfactory", OFSTED_GRADE_RI},
	{"inadequate", OFSTED_GRADE_INADEQUATE},
	{"1", OFSTED_GRADE_OUTSTANDING},
	{"2", OFSTED_GRADE_GOOD},
	{"3", OFSTED_GRADE_RI},
	{"4", OFSTED_GRADE_INADEQUATE},
};

/*
 * Parse a grade in any accepted spelling.  Returns false instead of raising
 * so that loaders can test a value and record a reject.
 */
bool
ofsted_grade_parse(const char *str, OfstedGrade *grade)
{
	char		folded[OFSTED_GRADE_MAX_INPUT + 1];
	int			len = 0;
	bool		pending_space = false;

	for (const char *p = str; *p; p++)
	{
		unsigned char c = (unsigned char) *p;

		if (isspace(c))
		{
			pending_space = (len > 0);
			continue;
		}
		if (pending_space)
		{
			if (len >= OFSTED_GRADE_MAX_INPUT)
				return false;
			folded[len++] = ' ';
			pending_space = false;
		}
		if (len >= OFSTED_GRADE_MAX_INPUT)
			return false;
		folded[len++] = (char) pg_ascii_tolower(c);
	}
	folded[len] = '\0';

	for (int i = 0; i < lengthof(grade_spellings); i++)
	{
		if (strcmp(folded, grade_spellings[i].spelling) == 0)
		{
			*grade = grade_spellings[i].grade;
			return true;
		}
	}
	return false;
}

/*
 * The canonical word for a valid grade.
 */
const char *
ofsted_grade_name(OfstedGrade grade)
{
	Assert(grade >= OFSTED_GRADE_OUTSTANDING && grade <= OFSTED_GRADE_INADEQUATE);
	return grade_names[grade];
}

/*
 * Raise the error for a grade number outside 1-4, naming the number.
 */
static void
ofsted_grade_check_range(int64 value)
{
	if (value < OFSTED_GRADE_OUTSTANDING || value > OFSTED_GRADE_INADEQUATE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("Ofsted grade %lld is out of range", (long long) value),
				 errdetail("Grades run from 1 (Outstanding) to 4 (Inadequate).")));
}

PG_FUNCTION_INFO_V1(ofsted_grade_in);
/*
 * Text input: any accepted spelling, or an error that lists them.
 */
Datum
ofsted_grade_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	OfstedGrade grade;

	if (!ofsted_grade_parse(str, &grade))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type ofsted_grade: \"%s\"", str),
				 errdetail("Expected Outstanding, Good, Requires improvement (also RI or Satisfactory), Inadequate, or a grade number from 1 to 4.")));
	PG_RETURN_OFSTED_GRADE(grade);
}

PG_FUNCTION_INFO_V1(ofsted_grade_out);
/*
 * Text output: the canonical word.
 */
Datum
ofsted_grade_out(PG_FUNCTION_ARGS)
{
	OfstedGrade grade = PG_GETARG_OFSTED_GRADE(0);

	PG_RETURN_CSTRING(pstrdup(ofsted_grade_name(grade)));
}

PG_FUNCTION_INFO_V1(ofsted_grade_recv);
/*
 * Binary input: a format-version byte, then the grade number as one byte.
 * Both are checked, since the bytes come from outside.
 */
Datum
ofsted_grade_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			grade;

	surestart_binary_check_version(buf, "type ofsted_grade");
	grade = pq_getmsgbyte(buf);
	if (grade < OFSTED_GRADE_OUTSTANDING || grade > OFSTED_GRADE_INADEQUATE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value %d for type ofsted_grade", grade),
				 errdetail("Grades run from 1 (Outstanding) to 4 (Inadequate).")));
	PG_RETURN_OFSTED_GRADE((OfstedGrade) grade);
}

PG_FUNCTION_INFO_V1(ofsted_grade_send);
/*
 * Binary output: the format-version byte and the grade number.
 */
Datum
ofsted_grade_send(PG_FUNCTION_ARGS)
{
	OfstedGrade grade = PG_GETARG_OFSTED_GRADE(0);
	StringInfoData buf;

	surestart_binary_begin(&buf);
	pq_sendbyte(&buf, grade);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(ofsted_grade_to_int4);
/*
 * Cast to integer: the grade number, 1 best.
 */
Datum
ofsted_grade_to_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) PG_GETARG_OFSTED_GRADE(0));
}

PG_FUNCTION_INFO_V1(int4_to_ofsted_grade);
/*
 * Cast from integer, for sources that record grades as numbers.
 */
Datum
int4_to_ofsted_grade(PG_FUNCTION_ARGS)
{
	int32		value = PG_GETARG_INT32(0);

	ofsted_grade_check_range(value);
	PG_RETURN_OFSTED_GRADE((OfstedGrade) value);
}

/*
 * Comparison support: grades compare by number.
 */
#define OFSTED_GRADE_COMPARISON(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_OFSTED_GRADE(0) op PG_GETARG_OFSTED_GRADE(1)); \
}

OFSTED_GRADE_COMPARISON(ofsted_grade_eq, ==)
OFSTED_GRADE_COMPARISON(ofsted_grade_ne, !=)
OFSTED_GRADE_COMPARISON(ofsted_grade_lt, <)
OFSTED_GRADE_COMPARISON(ofsted_grade_le, <=)
OFSTED_GRADE_COMPARISON(ofsted_grade_gt, >)
OFSTED_GRADE_COMPARISON(ofsted_grade_ge, >=)

PG_FUNCTION_INFO_V1(ofsted_grade_cmp);
/*
 * Three-way comparison for the btree operator class.
 */
Datum
ofsted_grade_cmp(PG_FUNCTION_ARGS)
{
	OfstedGrade a = PG_GETARG_OFSTED_GRADE(0);
	OfstedGrade b = PG_GETARG_OFSTED_GRADE(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

PG_FUNCTION_INFO_V1(ofsted_grade_hash);
/*
 * Hash for the hash operator class; equal grades hash equally because
 * equality is equality of the stored number.
 */
Datum
ofsted_grade_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_OFSTED_GRADE(0));
}

PG_FUNCTION_INFO_V1(ofsted_grade_hash_extended);
/*
 * Seeded 64-bit hash, so the type can key hash-partitioned tables.
 */
Datum
ofsted_grade_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_OFSTED_GRADE(0),
								PG_GETARG_INT64(1));
}
