/*
 * proportion.c
 *		An exact part of a whole: two int64 counts with 0 <= part <= whole.
 *
 * A proportion keeps the counts a rate was computed from, so that rates pool
 * correctly (parts add, wholes add: never an average of percentages) and
 * compare exactly.  0/0 is a valid value meaning "no data": percentages,
 * words, intervals and casts of it are NULL.
 *
 * Text form: "part/whole" in decimal digits, e.g. "9629/12312".  White space
 * before and after the value is ignored; nothing else is: no signs, no white
 * space around the slash, no decimal points.  Leading zeros are accepted
 * ("007/10"); output never writes them.
 *
 * Order: by value, exactly (cross-multiplication in 128 bits), so 1/2 = 2/4.
 * 0/0 sorts before every other value and equals only itself.  The hash of a
 * value is the hash of its reduced fraction, so equal values hash equally.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "surestart.h"

/* Widest accepted digits argument of percent(). */
#define PERCENT_MAX_DIGITS 12

/*
 * Raise the error for counts that do not make a proportion.  Negative counts
 * are out of range (22003); a part greater than its whole is a bad argument
 * (22023).  Used by every path that builds a proportion from numbers.
 */
void
proportion_check(int64 part, int64 whole)
{
	if (part < 0 || whole < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("proportion " INT64_FORMAT "/" INT64_FORMAT " is out of range",
						part, whole),
				 errdetail("Part and whole are counts and cannot be negative.")));
	if (part > whole)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("proportion " INT64_FORMAT "/" INT64_FORMAT " has part greater than whole",
						part, whole),
				 whole == 0 ?
				 errdetail("A whole of 0 allows only 0/0, which means no data.") :
				 errdetail("Expected 0 <= part <= whole.")));
}

/*
 * A new palloc'd proportion from counts already checked.
 */
Proportion *
proportion_new(int64 part, int64 whole)
{
	Proportion *result = (Proportion *) palloc(sizeof(Proportion));

	result->part = part;
	result->whole = whole;
	return result;
}

/*
 * Pool one proportion into running counts: parts add, wholes add.  Overflow
 * of either count is an error (22003) rather than a wrapped value.
 */
void
proportion_pool(int64 *part, int64 *whole, int64 add_part, int64 add_whole)
{
	int64		new_part;
	int64		new_whole;

	if (unlikely(pg_add_s64_overflow(*part, add_part, &new_part) ||
				 pg_add_s64_overflow(*whole, add_whole, &new_whole)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("proportion out of range"),
				 errdetail("Pooling " INT64_FORMAT "/" INT64_FORMAT " and " INT64_FORMAT "/" INT64_FORMAT " needs a count above " INT64_FORMAT ".",
						   *part, *whole, add_part, add_whole, PG_INT64_MAX)));
	*part = new_part;
	*whole = new_whole;
}

/*
 * Read a run of decimal digits at *p into *value, advancing *p.  Returns
 * false when there is no digit; sets *overflow when the number does not fit
 * in int64 (the digits are still consumed so the caller can tell the two
 * errors apart).
 */
static bool
parse_count(const char **p, int64 *value, bool *overflow)
{
	const char *s = *p;
	int64		v = 0;

	if (!isdigit((unsigned char) *s))
		return false;
	for (; isdigit((unsigned char) *s); s++)
	{
		if (!*overflow &&
			(pg_mul_s64_overflow(v, 10, &v) ||
			 pg_add_s64_overflow(v, *s - '0', &v)))
			*overflow = true;
	}
	*p = s;
	*value = v;
	return true;
}

PG_FUNCTION_INFO_V1(proportion_in);
/*
 * Text input: "part/whole", surrounding white space allowed.  Bad syntax is
 * 22P02, a count beyond int64 is 22003, part > whole is 22023.
 */
Datum
proportion_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	int64		part = 0;
	int64		whole = 0;
	bool		overflow = false;

	while (isspace((unsigned char) *p))
		p++;
	if (!parse_count(&p, &part, &overflow) || *p++ != '/' ||
		!parse_count(&p, &whole, &overflow))
		goto syntax_error;
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		goto syntax_error;

	if (overflow)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value \"%s\" is out of range for type proportion", str),
				 errdetail("Part and whole must each be at most " INT64_FORMAT ".",
						   PG_INT64_MAX)));
	proportion_check(part, whole);
	PG_RETURN_PROPORTION_P(proportion_new(part, whole));

syntax_error:
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type proportion: \"%s\"", str),
			 errdetail("Expected \"part/whole\": two whole numbers with 0 <= part <= whole, such as \"9629/12312\".")));
	PG_RETURN_NULL();			/* keep the compiler quiet */
}

PG_FUNCTION_INFO_V1(proportion_out);
/*
 * Text output: "part/whole" exactly as stored (not reduced).
 */
Datum
proportion_out(PG_FUNCTION_ARGS)
{
	Proportion *p = PG_GETARG_PROPORTION_P(0);

	PG_RETURN_CSTRING(psprintf(INT64_FORMAT "/" INT64_FORMAT, p->part, p->whole));
}

PG_FUNCTION_INFO_V1(proportion_recv);
/*
 * Binary input: a format-version byte, then part and whole as int64 in
 * network byte order.  The version and the invariant are checked (22P03),
 * since the bytes come from outside; a short message is refused by
 * pq_getmsgint64 and trailing bytes by the caller.
 */
Datum
proportion_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		part;
	int64		whole;

	surestart_binary_check_version(buf, "type proportion");
	part = pq_getmsgint64(buf);
	whole = pq_getmsgint64(buf);
	if (part < 0 || whole < 0 || part > whole)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value " INT64_FORMAT "/" INT64_FORMAT " for type proportion",
						part, whole),
				 errdetail("Expected 0 <= part <= whole.")));
	PG_RETURN_PROPORTION_P(proportion_new(part, whole));
}

PG_FUNCTION_INFO_V1(proportion_send);
/*
 * Binary output: the format-version byte, part and whole (int64, network
 * byte order): 17 bytes.
 */
Datum
proportion_send(PG_FUNCTION_ARGS)
{
	Proportion *p = PG_GETARG_PROPORTION_P(0);
	StringInfoData buf;

	surestart_binary_begin(&buf);
	pq_sendint64(&buf, p->part);
	pq_sendint64(&buf, p->whole);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(proportion_construct);
/*
 * proportion(part, whole): the constructor, with the checks of text input.
 */
Datum
proportion_construct(PG_FUNCTION_ARGS)
{
	int64		part = PG_GETARG_INT64(0);
	int64		whole = PG_GETARG_INT64(1);

	proportion_check(part, whole);
	PG_RETURN_PROPORTION_P(proportion_new(part, whole));
}

PG_FUNCTION_INFO_V1(proportion_part);
/*
 * part(p): the part, as given.
 */
Datum
proportion_part(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_PROPORTION_P(0)->part);
}

PG_FUNCTION_INFO_V1(proportion_whole);
/*
 * whole(p): the whole, as given.
 */
Datum
proportion_whole(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_PROPORTION_P(0)->whole);
}

/*
 * 100 * part / whole * 10^digits, rounded half away from zero (all values
 * are non-negative, so half up), exactly in 128-bit integers.  The whole
 * must not be 0.  With part and whole below 2^63 and digits at most
 * PERCENT_MAX_DIGITS the intermediate stays below 2^112.
 */
static int64
scaled_percent(const Proportion *p, int digits)
{
	int128		scale = 100;
	int128		n;

	Assert(p->whole > 0 && digits >= 0 && digits <= PERCENT_MAX_DIGITS);
	for (int i = 0; i < digits; i++)
		scale *= 10;
	n = (int128) p->part * scale;
	return (int64) ((2 * n + p->whole) / (2 * (int128) p->whole));
}

PG_FUNCTION_INFO_V1(proportion_percent);
/*
 * percent(p, digits): 100 * part / whole rounded half away from zero to
 * digits decimal places, computed exactly and returned as numeric with
 * exactly that many decimals.  NULL for 0/0.
 */
Datum
proportion_percent(PG_FUNCTION_ARGS)
{
	Proportion *p = PG_GETARG_PROPORTION_P(0);
	int32		digits = PG_GETARG_INT32(1);

	if (digits < 0 || digits > PERCENT_MAX_DIGITS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("percent digits %d is out of range", digits),
				 errdetail("Digits must be from 0 to %d.", PERCENT_MAX_DIGITS)));
	if (p->whole == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(int64_div_fast_to_numeric(scaled_percent(p, digits), digits));
}

PG_FUNCTION_INFO_V1(numeric_percent_of);
/*
 * percent_of(part, whole, digits): round(100 * part / whole, digits) in
 * numeric arithmetic, exactly as the SQL expression gives it; NULL when
 * whole is 0.  For counts that need not be parts of their whole (an ONS
 * estimate can be below the children registered), where a proportion
 * would refuse.  It is C rather than a SQL function because a SQL function
 * with a pinned search_path is not inlined: the views call it for every
 * row, and the SQL function's call overhead was most of a large county's
 * data_pack.
 */
Datum
numeric_percent_of(PG_FUNCTION_ARGS)
{
	Datum		part = PG_GETARG_DATUM(0);
	Datum		whole = PG_GETARG_DATUM(1);
	int32		digits = PG_GETARG_INT32(2);
	Datum		zero = NumericGetDatum(int64_to_numeric(0));
	Datum		hundred = NumericGetDatum(int64_to_numeric(100));
	Datum		quotient;

	if (DatumGetBool(DirectFunctionCall2(numeric_eq, whole, zero)))
		PG_RETURN_NULL();
	quotient = DirectFunctionCall2(numeric_div, DirectFunctionCall2(numeric_mul, hundred, part), whole);
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_round, quotient, Int32GetDatum(digits)));
}

/*
 * The Ofsted words bands, read once per query from the ofsted_word table of
 * the extension's schema and kept in the calling expression's fn_extra.
 * from_tenths is ceil(from_percent * 10): a percentage of t tenths is in a
 * band when from_percent <= t / 10, that is when from_tenths <= t.  Bands
 * are in descending order of from_percent, so the first match is the
 * highest band starting at or below the percentage.
 */
typedef struct OfstedBands
{
	int			nbands;
	int32	   *from_tenths;
	text	  **words;
} OfstedBands;

/*
 * Get the bands for this call site, reading them through SPI on the first
 * call.  They live in fn_mcxt, so they last for the query and no longer: a
 * change to the table is seen by the next query.
 */
static OfstedBands *
ofsted_bands(FunctionCallInfo fcinfo)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	OfstedBands *bands;
	char	   *schema;
	char	   *query;
	MemoryContext oldcxt;
	int			ret;

	if (flinfo == NULL)
		elog(ERROR, "ofsted_words called without function call information");
	if (flinfo->fn_extra != NULL)
		return (OfstedBands *) flinfo->fn_extra;

	schema = get_namespace_name(get_func_namespace(flinfo->fn_oid));
	if (schema == NULL)
		elog(ERROR, "could not find the schema of function %u", flinfo->fn_oid);
	query = psprintf("SELECT pg_catalog.ceil(w.from_percent OPERATOR(pg_catalog.*) 10::pg_catalog.numeric)::pg_catalog.int4, w.words"
					 " FROM %s.ofsted_word AS w ORDER BY w.from_percent DESC",
					 quote_identifier(schema));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute(query, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed reading the Ofsted words bands: %s",
			 SPI_result_code_string(ret));

	oldcxt = MemoryContextSwitchTo(flinfo->fn_mcxt);
	bands = (OfstedBands *) palloc(sizeof(OfstedBands));
	bands->nbands = (int) SPI_processed;
	bands->from_tenths = (int32 *) palloc(sizeof(int32) * (SPI_processed + 1));
	bands->words = (text **) palloc(sizeof(text *) * (SPI_processed + 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		d;

		d = SPI_getbinval(tuple, desc, 1, &isnull);
		Assert(!isnull);
		bands->from_tenths[i] = DatumGetInt32(d);
		d = SPI_getbinval(tuple, desc, 2, &isnull);
		Assert(!isnull);
		bands->words[i] = DatumGetTextPCopy(d);
	}
	MemoryContextSwitchTo(oldcxt);
	SPI_finish();

	flinfo->fn_extra = bands;
	return bands;
}

/*
 * The words of the band holding a percentage of `tenths` tenths (0-1000),
 * copied into the caller's memory.
 */
static text *
ofsted_words_for(FunctionCallInfo fcinfo, int32 tenths)
{
	OfstedBands *bands = ofsted_bands(fcinfo);

	for (int i = 0; i < bands->nbands; i++)
	{
		if (bands->from_tenths[i] <= tenths)
		{
			text	   *w = bands->words[i];
			Size		len = VARSIZE_ANY(w);
			text	   *result = (text *) palloc(len);

			memcpy(result, w, len);
			return result;
		}
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATA_EXCEPTION),
			 errmsg("no Ofsted words band covers %d.%d%%", tenths / 10, tenths % 10),
			 errhint("Add a row with from_percent 0 to table ofsted_word.")));
	return NULL;				/* keep the compiler quiet */
}

PG_FUNCTION_INFO_V1(proportion_ofsted_words);
/*
 * ofsted_words(p): Ofsted's words for a proportion, chosen on its
 * percentage rounded to one decimal place, as printed (so 99.96% is 100.0%
 * and "All").  NULL for 0/0.
 */
Datum
proportion_ofsted_words(PG_FUNCTION_ARGS)
{
	Proportion *p = PG_GETARG_PROPORTION_P(0);

	if (p->whole == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(ofsted_words_for(fcinfo, (int32) scaled_percent(p, 1)));
}

PG_FUNCTION_INFO_V1(numeric_ofsted_words);
/*
 * ofsted_words(fraction): the same for a fraction from 0 to 1, rounded half
 * away from zero to one decimal place of its percentage.  A value outside
 * [0, 1] is an error, not a guess; one that looks like a percentage says so.
 */
Datum
numeric_ofsted_words(PG_FUNCTION_ARGS)
{
	Numeric		fraction = PG_GETARG_NUMERIC(0);
	Datum		zero = NumericGetDatum(int64_to_numeric(0));
	Datum		one = NumericGetDatum(int64_to_numeric(1));
	Datum		hundred = NumericGetDatum(int64_to_numeric(100));
	Datum		value = NumericGetDatum(fraction);
	Datum		tenths;

	if (numeric_is_nan(fraction) ||
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, value, zero)) < 0 ||
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, value, one)) > 0)
	{
		char	   *shown = DatumGetCString(DirectFunctionCall1(numeric_out, value));
		bool		looks_like_percent =
			!numeric_is_nan(fraction) &&
			DatumGetInt32(DirectFunctionCall2(numeric_cmp, value, one)) > 0 &&
			DatumGetInt32(DirectFunctionCall2(numeric_cmp, value, hundred)) <= 0;

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fraction %s is out of range", shown),
				 errdetail("Expected a fraction from 0 to 1."),
				 looks_like_percent ?
				 errhint("%s looks like a percentage, not a fraction: divide it by 100, or pass a proportion.", shown) :
				 0));
	}

	tenths = DirectFunctionCall2(numeric_round,
								 DirectFunctionCall2(numeric_mul, value,
													 NumericGetDatum(int64_to_numeric(1000))),
								 Int32GetDatum(0));
	PG_RETURN_TEXT_P(ofsted_words_for(fcinfo,
									  DatumGetInt32(DirectFunctionCall1(numeric_int4, tenths))));
}

/*
 * The standard normal distribution function, from the complementary error
 * function so that the lower tail keeps full relative precision.
 */
static double
normal_cdf(double x)
{
	return 0.5 * erfc(-x / M_SQRT2);
}

/*
 * The standard normal quantile for 0 < p < 1.  A rational approximation
 * (Abramowitz and Stegun 26.2.23, error below 4.5e-4) gives a start in the
 * lower tail; Halley's method on normal_cdf then converges cubically, so
 * three steps reach double precision.  Working in the lower tail and
 * reflecting keeps precision for p near 1 as far as p itself has it.
 */
double
normal_quantile_internal(double p)
{
	double		q = (p < 0.5) ? p : 1.0 - p;
	double		t;
	double		x;

	if (q == 0.5)
		return 0.0;
	t = sqrt(-2.0 * log(q));
	x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
		  (1.0 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
	for (int i = 0; i < 4; i++)
	{
		double		e = normal_cdf(x) - q;
		double		u = e * sqrt(2.0 * M_PI) * exp(x * x / 2.0);

		if (!isfinite(u))
			break;
		x = x - u / (1.0 + x * u / 2.0);
	}
	return (p < 0.5) ? x : -x;
}

PG_FUNCTION_INFO_V1(normal_quantile);
/*
 * normal_quantile(p): the z with P(Z <= z) = p for a standard normal Z, as
 * used for the critical value of the Wilson interval.
 */
Datum
normal_quantile(PG_FUNCTION_ARGS)
{
	float8		p = PG_GETARG_FLOAT8(0);

	if (!(p > 0.0 && p < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("probability %s is out of range",
						DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(p)))),
				 errdetail("Expected a probability strictly between 0 and 1.")));
	PG_RETURN_FLOAT8(normal_quantile_internal(p));
}

/*
 * What wilson_interval keeps between calls of one call site: the result's
 * tuple descriptor and the critical value of the last confidence asked for.
 * Working them out is most of a call's cost, and a report computes an
 * interval for every row at the same confidence.
 */
typedef struct WilsonCache
{
	TupleDesc	tupdesc;
	float8		confidence;
	double		z;
} WilsonCache;

PG_FUNCTION_INFO_V1(proportion_wilson_interval);
/*
 * wilson_interval(p, confidence): the Wilson score interval (low, high) for
 * the rate behind p at the given two-sided confidence.  Unlike the normal
 * approximation it stays within [0, 1] and is honest for small wholes,
 * which is what comparing small centres needs.  (NULL, NULL) for 0/0.
 */
Datum
proportion_wilson_interval(PG_FUNCTION_ARGS)
{
	Proportion *p = PG_GETARG_PROPORTION_P(0);
	float8		confidence = PG_GETARG_FLOAT8(1);
	WilsonCache *cache = (WilsonCache *) fcinfo->flinfo->fn_extra;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence %s is out of range",
						DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(confidence)))),
				 errdetail("Expected a confidence strictly between 0 and 1, such as 0.95.")));
	if (cache == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	tupdesc;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "wilson_interval must return a composite type");
		cache = (WilsonCache *) palloc(sizeof(WilsonCache));
		cache->tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		cache->confidence = -1.0;
		cache->z = 0.0;
		fcinfo->flinfo->fn_extra = cache;
		MemoryContextSwitchTo(old);
	}
	if (cache->confidence != confidence)
	{
		cache->z = -normal_quantile_internal((1.0 - confidence) / 2.0);
		cache->confidence = confidence;
	}

	if (p->whole == 0)
	{
		nulls[0] = nulls[1] = true;
		values[0] = values[1] = (Datum) 0;
	}
	else
	{
		double		n = (double) p->whole;
		double		phat = (double) p->part / n;
		double		z = cache->z;
		double		z2n = z * z / n;
		double		centre = (phat + z2n / 2.0) / (1.0 + z2n);
		double		half = z / (1.0 + z2n) *
			sqrt(phat * (1.0 - phat) / n + z2n / (4.0 * n));
		double		low = (p->part == 0) ? 0.0 : Max(0.0, centre - half);
		double		high = (p->part == p->whole) ? 1.0 : Min(1.0, centre + half);

		values[0] = Float8GetDatum(low);
		values[1] = Float8GetDatum(high);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(cache->tupdesc, values, nulls)));
}

/*
 * Three-way comparison by value: a/b against c/d is a*d against c*b, exact
 * in 128 bits.  0/0 comes before every other value and equals only itself.
 */
static int
proportion_cmp_internal(const Proportion *a, const Proportion *b)
{
	int128		left;
	int128		right;

	if (a->whole == 0 || b->whole == 0)
		return (a->whole != 0) - (b->whole != 0);
	left = (int128) a->part * b->whole;
	right = (int128) b->part * a->whole;
	return (left > right) - (left < right);
}

/*
 * Comparison operators, all through proportion_cmp_internal.
 */
#define PROPORTION_COMPARISON(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(proportion_cmp_internal(PG_GETARG_PROPORTION_P(0), \
										   PG_GETARG_PROPORTION_P(1)) op 0); \
}

PROPORTION_COMPARISON(proportion_eq, ==)
PROPORTION_COMPARISON(proportion_ne, !=)
PROPORTION_COMPARISON(proportion_lt, <)
PROPORTION_COMPARISON(proportion_le, <=)
PROPORTION_COMPARISON(proportion_gt, >)
PROPORTION_COMPARISON(proportion_ge, >=)

PG_FUNCTION_INFO_V1(proportion_cmp);
/*
 * Three-way comparison for the btree operator class.
 */
Datum
proportion_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(proportion_cmp_internal(PG_GETARG_PROPORTION_P(0),
											PG_GETARG_PROPORTION_P(1)));
}

/*
 * The reduced form of a proportion, as the 16 bytes hashed: part and whole
 * divided by their greatest common divisor, so every value equal under
 * proportion_cmp_internal has the same key (0/n reduces to 0/1; 0/0, whose
 * gcd is 0, stays 0/0).
 */
static void
proportion_hash_key(const Proportion *p, int64 key[2])
{
	uint64		a = (uint64) p->part;
	uint64		b = (uint64) p->whole;

	while (b != 0)
	{
		uint64		r = a % b;

		a = b;
		b = r;
	}
	if (a == 0)
	{
		key[0] = p->part;
		key[1] = p->whole;
	}
	else
	{
		key[0] = p->part / (int64) a;
		key[1] = p->whole / (int64) a;
	}
}

PG_FUNCTION_INFO_V1(proportion_hash);
/*
 * Hash for the hash operator class: the hash of the reduced fraction.
 */
Datum
proportion_hash(PG_FUNCTION_ARGS)
{
	int64		key[2];

	proportion_hash_key(PG_GETARG_PROPORTION_P(0), key);
	return hash_any((const unsigned char *) key, sizeof(key));
}

PG_FUNCTION_INFO_V1(proportion_hash_extended);
/*
 * Seeded 64-bit hash of the reduced fraction, for hash partitioning.
 */
Datum
proportion_hash_extended(PG_FUNCTION_ARGS)
{
	int64		key[2];

	proportion_hash_key(PG_GETARG_PROPORTION_P(0), key);
	return hash_any_extended((const unsigned char *) key, sizeof(key),
							 PG_GETARG_INT64(1));
}

PG_FUNCTION_INFO_V1(proportion_add);
/*
 * p + q: pooling, parts add and wholes add.  Overflow is an error.
 */
Datum
proportion_add(PG_FUNCTION_ARGS)
{
	Proportion *a = PG_GETARG_PROPORTION_P(0);
	Proportion *b = PG_GETARG_PROPORTION_P(1);
	int64		part = a->part;
	int64		whole = a->whole;

	proportion_pool(&part, &whole, b->part, b->whole);
	PG_RETURN_PROPORTION_P(proportion_new(part, whole));
}

PG_FUNCTION_INFO_V1(proportion_to_numeric);
/*
 * Cast to numeric: the fraction part / whole (not a percentage), by numeric
 * division.  NULL for 0/0.
 */
Datum
proportion_to_numeric(PG_FUNCTION_ARGS)
{
	Proportion *p = PG_GETARG_PROPORTION_P(0);

	if (p->whole == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_div,
										NumericGetDatum(int64_to_numeric(p->part)),
										NumericGetDatum(int64_to_numeric(p->whole))));
}

PG_FUNCTION_INFO_V1(proportion_to_float8);
/*
 * Cast to double precision: the fraction part / whole.  NULL for 0/0.
 */
Datum
proportion_to_float8(PG_FUNCTION_ARGS)
{
	Proportion *p = PG_GETARG_PROPORTION_P(0);

	if (p->whole == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((float8) p->part / (float8) p->whole);
}
