/*
 * calendar.c
 *		Dates as children's centres count them: ages, funded-entitlement
 *		start dates, school terms and the local-government financial calendar.
 *
 * Every function here refuses infinite dates: an age on "infinity" or the
 * financial year of "-infinity" has no meaning, and a silent infinity in a
 * report column would be worse than an error.
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "surestart.h"

/*
 * Raise an error unless a date is finite; "what" says which argument it was
 * ("date of birth"), so that the message names it.
 */
void
surestart_check_finite_date(DateADT date, const char *what)
{
	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be a finite date, not \"%s\"", what,
						DatumGetCString(DirectFunctionCall1(date_out,
															DateADTGetDatum(date)))),
				 errdetail("Only a real calendar day can be used here.")));
}

/*
 * Build a date from year, month and day, raising "date out of range" when it
 * falls outside what PostgreSQL's date type can hold (only possible near the
 * ends of that range).
 */
DateADT
surestart_make_date(int year, int month, int day)
{
	DateADT		date;

	if (!IS_VALID_JULIAN(year, month, day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range: %d-%02d-%02d", year, month, day)));
	date = date2j(year, month, day) - POSTGRES_EPOCH_JDATE;
	if (!IS_VALID_DATE(date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range: %d-%02d-%02d", year, month, day)));
	return date;
}

/*
 * Split a finite date into year, month and day.
 */
static void
split_date(DateADT date, int *year, int *month, int *day)
{
	j2date(date + POSTGRES_EPOCH_JDATE, year, month, day);
}

/*
 * The text of a date for messages, always in ISO form (2013-06-15, with BC
 * for early dates) whatever DateStyle says, so that messages read the same
 * everywhere.
 */
static char *
date_text(DateADT date)
{
	int			y,
				m,
				d;

	split_date(date, &y, &m, &d);
	if (y <= 0)
		return psprintf("%04d-%02d-%02d BC", 1 - y, m, d);
	return psprintf("%04d-%02d-%02d", y, m, d);
}

PG_FUNCTION_INFO_V1(age_on);
/*
 * age_on(dob, on_day): age in completed years on a day.
 *
 * Comparing (month, day) pairs gives English law's rule for a child born on
 * 29 February without special cases: in a non-leap year 28 February sorts
 * before (2, 29), so the birthday has not come, and 1 March sorts after it,
 * so the child is a year older from 1 March.
 */
Datum
age_on(PG_FUNCTION_ARGS)
{
	DateADT		dob = PG_GETARG_DATEADT(0);
	DateADT		on_day = PG_GETARG_DATEADT(1);
	int			by,
				bm,
				bd;
	int			y,
				m,
				d;
	int			age;

	surestart_check_finite_date(dob, "date of birth");
	surestart_check_finite_date(on_day, "day to compute the age on");
	if (on_day < dob)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compute an age on %s for a date of birth of %s",
						date_text(on_day), date_text(dob)),
				 errdetail("The day must not be before the date of birth.")));
	split_date(dob, &by, &bm, &bd);
	split_date(on_day, &y, &m, &d);
	age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	PG_RETURN_INT32(age);
}

PG_FUNCTION_INFO_V1(funded_from);
/*
 * funded_from(dob): the first day of the term from which a child gets the
 * universal entitlement for 3-year-olds, the first of 1 January, 1 April or
 * 1 September strictly after the third birthday.  Which one depends only on
 * the birth month: born January-March, 1 April; April-August, 1 September;
 * September-December, 1 January of the following year.  A child born on
 * 29 February turns three on 1 March, which also leads to 1 April.
 */
Datum
funded_from(PG_FUNCTION_ARGS)
{
	DateADT		dob = PG_GETARG_DATEADT(0);
	int			y,
				m,
				d;

	surestart_check_finite_date(dob, "date of birth");
	split_date(dob, &y, &m, &d);
	if (m <= 3)
		PG_RETURN_DATEADT(surestart_make_date(y + 3, 4, 1));
	if (m <= 8)
		PG_RETURN_DATEADT(surestart_make_date(y + 3, 9, 1));
	PG_RETURN_DATEADT(surestart_make_date(y + 4, 1, 1));
}

/*
 * The first month (1, 4 or 9) of the school term in progress in a month:
 * the spring term runs from 1 January, the summer term from 1 April and the
 * autumn term from 1 September, each until the next begins.
 */
static int
term_first_month(int month)
{
	if (month >= 9)
		return 9;
	if (month >= 4)
		return 4;
	return 1;
}

PG_FUNCTION_INFO_V1(term_start);
/*
 * term_start(date): the first day of the term in progress on a date, 1
 * January, 1 April or 1 September of the same year.  The take-up measures
 * read a term as a state on a reference date, and once-per-term contact
 * modes count once per child and term: both key on this day.  Only the
 * first days of the date range (24 November to 31 December 4714 BC) have no
 * term start that a date can hold: they raise "date out of range".
 */
Datum
term_start(PG_FUNCTION_ARGS)
{
	DateADT		date = PG_GETARG_DATEADT(0);
	int			y,
				m,
				d;

	surestart_check_finite_date(date, "date");
	split_date(date, &y, &m, &d);
	PG_RETURN_DATEADT(surestart_make_date(y, term_first_month(m), 1));
}

PG_FUNCTION_INFO_V1(term_name);
/*
 * term_name(date): the name of the term in progress on a date, "Autumn
 * 2013" (September-December), "Spring 2014" (January-March) or "Summer
 * 2014" (April-August).  The year is written as extract(year FROM date)
 * writes it, without leading zeros and negative before the Christian era
 * (1 BC is -1), so that the name reads as the views always wrote it.
 */
Datum
term_name(PG_FUNCTION_ARGS)
{
	DateADT		date = PG_GETARG_DATEADT(0);
	int			y,
				m,
				d;
	const char *season;

	surestart_check_finite_date(date, "date");
	split_date(date, &y, &m, &d);
	switch (term_first_month(m))
	{
		case 9:
			season = "Autumn";
			break;
		case 4:
			season = "Summer";
			break;
		default:
			season = "Spring";
			break;
	}
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s %d", season, y > 0 ? y : y - 1)));
}

/*
 * The year in which the financial year holding a date starts (1 April),
 * checked to be one that the four-digit names can express.
 */
static int
financial_start_year(DateADT date)
{
	int			y,
				m,
				d;
	int			start;

	surestart_check_finite_date(date, "date");
	split_date(date, &y, &m, &d);
	start = (m >= 4) ? y : y - 1;
	if (start < 1 || start > 9999)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date %s is outside the financial years that can be named", date_text(date)),
				 errdetail("Financial years are named from \"0001-02\" to \"9999-00\".")));
	return start;
}

/*
 * The name of the financial year starting in a year: "2013-14".  The second
 * part is the last two digits of the next year, so 2099 gives "2099-00".
 */
static char *
financial_year_name(int start)
{
	return psprintf("%04d-%02d", start, (start + 1) % 100);
}

PG_FUNCTION_INFO_V1(financial_year);
/*
 * financial_year(date): the local-government financial year, from 1 April.
 */
Datum
financial_year(PG_FUNCTION_ARGS)
{
	int			start = financial_start_year(PG_GETARG_DATEADT(0));

	PG_RETURN_TEXT_P(cstring_to_text(financial_year_name(start)));
}

PG_FUNCTION_INFO_V1(financial_quarter);
/*
 * financial_quarter(date): "2013-14 Q3"; Q1 is April-June, Q4 January-March.
 */
Datum
financial_quarter(PG_FUNCTION_ARGS)
{
	DateADT		date = PG_GETARG_DATEADT(0);
	int			start = financial_start_year(date);
	int			y,
				m,
				d;

	split_date(date, &y, &m, &d);
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s Q%d", financial_year_name(start),
											  (m + 8) % 12 / 3 + 1)));
}

/*
 * Report a financial period that does not have the expected form.
 */
static void
bad_financial_period(const char *period, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid financial period: \"%s\"", period),
			 errdetail_internal("%s", detail),
			 errhint("Write a financial year as \"2013-14\", a quarter as \"2013-14 Q3\" or a year to date as \"2013-14 Q1-Q3\".")));
}

PG_FUNCTION_INFO_V1(financial_period_bounds);
/*
 * financial_period_bounds(period): the first and last day of a financial
 * year ("2013-14"), quarter ("2013-14 Q3") or year to date at the end of
 * Q2 or Q3 ("2013-14 Q1-Q2", "2013-14 Q1-Q3": 1 April to that quarter's
 * last day), the inverse of financial_year() and financial_quarter().
 * Only those exact forms are accepted (no extra spaces, capital Q, no
 * "Q1-Q1" or "Q1-Q4", which are the quarter and the year), because
 * periods are keys in reports and a second spelling of one would split
 * its rows.
 */
Datum
financial_period_bounds(PG_FUNCTION_ARGS)
{
	char	   *period = text_to_cstring(PG_GETARG_TEXT_PP(0));
	int			len = strlen(period);
	int			start;
	int			next;
	int			quarter = 0;
	int			to_quarter = 0;
	int			first_month;
	int			first_year;
	int			months;
	DateADT		first;
	DateADT		last;
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if ((len != 7 && len != 10 && len != 13) ||
		!isdigit((unsigned char) period[0]) || !isdigit((unsigned char) period[1]) ||
		!isdigit((unsigned char) period[2]) || !isdigit((unsigned char) period[3]) ||
		period[4] != '-' ||
		!isdigit((unsigned char) period[5]) || !isdigit((unsigned char) period[6]) ||
		(len >= 10 && (period[7] != ' ' || period[8] != 'Q' ||
					   !isdigit((unsigned char) period[9]))) ||
		(len == 13 && (period[10] != '-' || period[11] != 'Q' ||
					   !isdigit((unsigned char) period[12]))))
		bad_financial_period(period,
							 "Expected a four-digit year, a hyphen and the next year's last two digits, optionally followed by a space and Q1 to Q4, or by Q1-Q2 or Q1-Q3 for a year to date.");
	start = (period[0] - '0') * 1000 + (period[1] - '0') * 100 +
		(period[2] - '0') * 10 + (period[3] - '0');
	next = (period[5] - '0') * 10 + (period[6] - '0');
	if (start == 0)
		bad_financial_period(period, "There is no year 0000.");
	if (next != (start + 1) % 100)
		bad_financial_period(period,
							 psprintf("A financial year runs from 1 April to 31 March, so the one starting in %04d is \"%s\".",
									  start, financial_year_name(start)));
	if (len == 10)
	{
		quarter = period[9] - '0';
		if (quarter < 1 || quarter > 4)
			bad_financial_period(period,
								 "Quarters are Q1 (April-June), Q2 (July-September), Q3 (October-December) and Q4 (January-March).");
	}
	if (len == 13)
	{
		to_quarter = period[12] - '0';
		if (period[9] != '1' || to_quarter < 2 || to_quarter > 3)
			bad_financial_period(period,
								 "A year to date runs from Q1 to the end of Q2 or Q3 (\"Q1-Q2\", \"Q1-Q3\"); Q1 alone is the quarter and Q1-Q4 the year.");
	}

	if (quarter == 0)
	{
		first_month = 4;
		first_year = start;
		months = to_quarter == 0 ? 12 : 3 * to_quarter;
	}
	else
	{
		first_month = 4 + 3 * (quarter - 1);
		first_year = start;
		if (first_month > 12)
		{
			first_month -= 12;
			first_year++;
		}
		months = 3;
	}
	first = surestart_make_date(first_year, first_month, 1);
	/* the day before the first day of the next period */
	first_month += months;
	if (first_month > 12)
	{
		first_month -= 12;
		first_year++;
	}
	last = surestart_make_date(first_year, first_month, 1) - 1;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "financial_period_bounds must return a record");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = DateADTGetDatum(first);
	values[1] = DateADTGetDatum(last);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
