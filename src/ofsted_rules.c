/*
 * ofsted_rules.c
 *		The council's rules that follow from Ofsted judgements: when a
 *		centre is next due for inspection, and its level in the support and
 *		intervention framework (doc/views.md, "Performance management").
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"

#include "surestart.h"

/* Defaults used when a setting row is missing (they are also seeded). */
#define DEFAULT_REINSPECT_RI_YEARS	2
#define DEFAULT_REINSPECT_YEARS		5

/* RAG ratings as numbers; 0 is "not rated". */
#define RAG_NONE	0
#define RAG_GREEN	1
#define RAG_AMBER	2
#define RAG_RED		3

/* Support and intervention levels. */
#define SUPPORT_NORMAL		1
#define SUPPORT_RAISED		2
#define SUPPORT_SUPPORTED	3
#define SUPPORT_INTENSIVE	4

static const char *const support_level_names[] = {
	NULL,
	"Normal",
	"Raised",
	"Supported",
	"Intensive"
};

/*
 * A whole number of years from the setting table, or the default when the
 * row is missing.
 */
static int
read_years_setting(Oid fn_oid, const char *name, int default_years)
{
	return surestart_setting_int(fn_oid, name, default_years, 1, 20,
								 "a whole number of years from 1 to 20");
}

PG_FUNCTION_INFO_V1(next_inspection_due);
/*
 * next_inspection_due(inspected, overall): the date by which a centre should
 * next be inspected.  A centre judged Requires improvement or Inadequate is
 * due reinspect_ri_years (setting, default 2) after the inspection, any
 * other centre (including one inspected but not graded overall, NULL)
 * reinspect_years (default 5) after it.  Years are added as date +
 * interval does: 29 February plus whole years falls on 28 February of a
 * non-leap year, the conservative deadline.
 *
 * Not strict, because a NULL grade is meaningful; a NULL date gives NULL.
 * STABLE, since it reads the setting table.
 */
Datum
next_inspection_due(PG_FUNCTION_ARGS)
{
	DateADT		inspected;
	int			years;
	int			y,
				m,
				d;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	inspected = PG_GETARG_DATEADT(0);
	surestart_check_finite_date(inspected, "inspection date");

	if (!PG_ARGISNULL(1) && PG_GETARG_OFSTED_GRADE(1) >= OFSTED_GRADE_RI)
		years = read_years_setting(fcinfo->flinfo->fn_oid, "reinspect_ri_years",
								   DEFAULT_REINSPECT_RI_YEARS);
	else
		years = read_years_setting(fcinfo->flinfo->fn_oid, "reinspect_years",
								   DEFAULT_REINSPECT_YEARS);

	j2date(inspected + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	y += years;
	if (d > day_tab[isleap(y)][m - 1])
		d = day_tab[isleap(y)][m - 1];
	PG_RETURN_DATEADT(surestart_make_date(y, m, d));
}

/*
 * Parse a RAG rating: green, amber or red in any case, surrounding white
 * space ignored; "which" names the argument in the error.
 */
static int
parse_rag(text *rating, const char *which)
{
	char	   *str = text_to_cstring(rating);
	char	   *start = str;
	int			len;

	while (isspace((unsigned char) *start))
		start++;
	len = strlen(start);
	while (len > 0 && isspace((unsigned char) start[len - 1]))
		len--;
	if (len == 5 && pg_strncasecmp(start, "green", 5) == 0)
		return RAG_GREEN;
	if (len == 5 && pg_strncasecmp(start, "amber", 5) == 0)
		return RAG_AMBER;
	if (len == 3 && pg_strncasecmp(start, "red", 3) == 0)
		return RAG_RED;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s RAG rating \"%s\"", which, str),
			 errdetail("Expected green, amber or red (in any case), or NULL when not rated.")));
	return RAG_NONE;			/* not reached */
}

/*
 * The level the overall Ofsted grades trigger, grades newest first with
 * NULLs already removed:
 *   none (not yet inspected), or newest Outstanding or Good: Normal;
 *   newest Requires improvement: Raised once, Supported when the newest two
 *   are RI (twice running), Intensive when the newest three are;
 *   newest Inadequate: Supported, or Intensive when any earlier grade is
 *   RI or Inadequate.
 */
static int
grades_level(const OfstedGrade *grades, int count)
{
	int			run = 0;

	if (count == 0 || grades[0] <= OFSTED_GRADE_GOOD)
		return SUPPORT_NORMAL;
	if (grades[0] == OFSTED_GRADE_INADEQUATE)
	{
		for (int i = 1; i < count; i++)
			if (grades[i] >= OFSTED_GRADE_RI)
				return SUPPORT_INTENSIVE;
		return SUPPORT_SUPPORTED;
	}
	while (run < count && grades[run] == OFSTED_GRADE_RI)
		run++;
	if (run >= 3)
		return SUPPORT_INTENSIVE;
	if (run == 2)
		return SUPPORT_SUPPORTED;
	return SUPPORT_RAISED;
}

/*
 * The level the quality and leadership RAG ratings trigger: both red,
 * Intensive; either red, Supported; either amber, Raised; both green,
 * Normal.  A rating that is not given triggers nothing, so one green
 * rating alone gives 0 (no level), as does no rating at all.
 */
static int
rag_level(int quality, int leadership)
{
	if (quality == RAG_RED && leadership == RAG_RED)
		return SUPPORT_INTENSIVE;
	if (quality == RAG_RED || leadership == RAG_RED)
		return SUPPORT_SUPPORTED;
	if (quality == RAG_AMBER || leadership == RAG_AMBER)
		return SUPPORT_RAISED;
	if (quality == RAG_GREEN && leadership == RAG_GREEN)
		return SUPPORT_NORMAL;
	return 0;
}

PG_FUNCTION_INFO_V1(support_level);
/*
 * support_level(overall_grades, quality_rag, leadership_rag): the centre's
 * level in the support and intervention framework, 1 (Normal) to 4
 * (Intensive): the highest level that the grades or the RAG ratings
 * trigger.  Grades are newest first and NULL elements are skipped; a NULL
 * or empty array means not yet inspected.  A NULL RAG means not rated.
 * Not strict, so that every argument may be NULL.
 */
Datum
support_level(PG_FUNCTION_ARGS)
{
	int			level;
	int			quality = RAG_NONE;
	int			leadership = RAG_NONE;
	OfstedGrade *grades = NULL;
	int			count = 0;

	if (!PG_ARGISNULL(0))
	{
		ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		if (ARR_NDIM(array) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("overall grades must be a one-dimensional array, not %d-dimensional",
							ARR_NDIM(array)),
					 errdetail("List the overall grades newest first, such as ARRAY['RI', 'Good']::ofsted_grade[].")));
		deconstruct_array(array, ARR_ELEMTYPE(array), 1, true, TYPALIGN_CHAR,
						  &elems, &nulls, &n);
		grades = palloc(sizeof(OfstedGrade) * Max(n, 1));
		for (int i = 0; i < n; i++)
		{
			OfstedGrade grade;

			if (nulls[i])
				continue;
			grade = DatumGetOfstedGrade(elems[i]);
			if (grade < OFSTED_GRADE_OUTSTANDING || grade > OFSTED_GRADE_INADEQUATE)
				elog(ERROR, "corrupt ofsted_grade value %d", grade);
			grades[count++] = grade;
		}
	}
	if (!PG_ARGISNULL(1))
		quality = parse_rag(PG_GETARG_TEXT_PP(1), "quality");
	if (!PG_ARGISNULL(2))
		leadership = parse_rag(PG_GETARG_TEXT_PP(2), "leadership");

	level = Max(grades_level(grades, count), rag_level(quality, leadership));
	PG_RETURN_INT32(level);
}

PG_FUNCTION_INFO_V1(support_level_name);
/*
 * support_level_name(level): the framework's name for a level 1-4.
 */
Datum
support_level_name(PG_FUNCTION_ARGS)
{
	int32		level = PG_GETARG_INT32(0);

	if (level < SUPPORT_NORMAL || level > SUPPORT_INTENSIVE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("support level %d does not exist", level),
				 errdetail("Support levels run from 1 (Normal) to 4 (Intensive).")));
	PG_RETURN_TEXT_P(cstring_to_text(support_level_names[level]));
}
