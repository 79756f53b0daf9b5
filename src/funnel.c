/*
 * funnel.c
 *		Funnel plots: control limits around a target proportion, where a
 *		unit's rate falls against them, and Spiegelhalter's estimate of
 *		overdispersion with the random-effects limits it gives.
 *
 * A league table of rates makes the smallest units look best and worst by
 * chance.  A funnel plot instead draws, for every denominator n, the range
 * a rate would fall in by chance alone if the unit's true proportion were
 * the target p0; the range narrows as n grows, giving the funnel.
 *
 * The limits are Wilson score limits (the method of Public Health
 * England's Fingertips tools): for a denominator n and the two-sided
 * normal quantile z of the confidence,
 *
 *		low, high = (2 n p0 + z^2 -/+ z sqrt(z^2 + 4 n p0 (1 - p0)))
 *					/ (2 (n + z^2)).
 *
 * They stay within [0, 1] and are honest for small n, unlike p0 +/- z s.
 *
 * Overdispersion follows Spiegelhalter (Statistics in Medicine 2005,
 * "Funnel plots for comparing institutional performance"): when units
 * differ by more than chance allows, the z-scores are too spread out; phi
 * measures by how much (from winsorised z-scores), tau^2 is the additive
 * between-unit variance that explains it, and the limits widen to
 * p0 +/- z sqrt(s^2 + tau^2).  doc/funnel.md explains how to read both.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "surestart.h"

/* The two confidences of a funnel plot's positions. */
#define FUNNEL_INNER_CONFIDENCE	0.95
#define FUNNEL_OUTER_CONFIDENCE	0.998

/* The share of z-scores winsorised at each end (Spiegelhalter 2005). */
#define FUNNEL_WINSOR_FRACTION	0.1

typedef struct FunnelLimits
{
	double		low;
	double		high;
} FunnelLimits;

/*
 * A float8 as its text form, for error messages.
 */
static char *
funnel_float8_text(double value)
{
	return DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(value)));
}

/*
 * A target proportion must be a number from 0 to 1 (22023 otherwise).  A
 * value that looks like a percentage says so.
 */
static void
funnel_check_p0(double p0)
{
	if (isnan(p0) || p0 < 0.0 || p0 > 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("target proportion %s is out of range", funnel_float8_text(p0)),
				 errdetail("Expected a proportion from 0 to 1."),
				 (p0 > 1.0 && p0 <= 100.0) ?
				 errhint("%s looks like a percentage: divide it by 100.", funnel_float8_text(p0)) :
				 0));
}

/*
 * A denominator is a count and cannot be negative (22003, as for the
 * counts of a proportion).
 */
static void
funnel_check_n(int64 n)
{
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("denominator " INT64_FORMAT " is out of range", n),
				 errdetail("Expected a count of 0 or more.")));
}

/*
 * A confidence must lie strictly between 0 and 1 (22023), as for
 * wilson_interval.
 */
static void
funnel_check_confidence(double confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence %s is out of range", funnel_float8_text(confidence)),
				 errdetail("Expected a confidence strictly between 0 and 1, such as 0.998 or 0.95.")));
}

/*
 * A between-unit variance must be a finite number of 0 or more (22023).
 */
static void
funnel_check_tau2(double tau2)
{
	if (!(tau2 >= 0.0 && isfinite(tau2)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("between-unit variance tau2 %s is out of range", funnel_float8_text(tau2)),
				 errdetail("Expected a finite variance of 0 or more, such as the tau2 of funnel_overdispersion.")));
}

/*
 * The two-sided critical value for a confidence: the z with
 * P(-z < Z < z) = confidence, from the project's one quantile function.
 * 1 - confidence is exact for confidences from 0.5 up (Sterbenz), and the
 * quantile works in the lower tail, so 0.998 keeps full precision.
 */
static double
funnel_z(double confidence)
{
	return -normal_quantile_internal((1.0 - confidence) / 2.0);
}

/*
 * The Wilson score limits around p0 for a denominator n (as a double) and
 * critical value z > 0.  The textbook form subtracts two nearly equal
 * terms for the low limit when n p0 is small; multiplying out by the
 * conjugate gives the same values without the cancellation:
 *
 *		low      = 2 n p0^2 / (2 n p0 + z^2 + r)
 *		1 - high = 2 n q0^2 / (2 n q0 + z^2 + r)
 *
 * with q0 = 1 - p0 and r = z sqrt(z^2 + 4 n p0 q0), every term positive.
 * So low is exactly 0 when p0 is 0, high exactly 1 when p0 is 1, and for
 * n = 0 the limits are (0, 1): with no denominator any rate is possible.
 */
static FunnelLimits
funnel_wilson(double p0, double n, double z)
{
	FunnelLimits limits;
	double		q0 = 1.0 - p0;
	double		z2 = z * z;
	double		r = z * sqrt(z2 + 4.0 * n * p0 * q0);

	limits.low = 2.0 * n * p0 * p0 / (2.0 * n * p0 + z2 + r);
	limits.high = 1.0 - 2.0 * n * q0 * q0 / (2.0 * n * q0 + z2 + r);
	return limits;
}

/*
 * The limits with the between-unit variance tau2 added (Spiegelhalter's
 * additive random-effects limits, p0 +/- z sqrt(p0 q0 / n + tau2)), never
 * inside the Wilson limits and clipped to [0, 1].  With tau2 = 0 (no
 * overdispersion) or n = 0 they are the Wilson limits themselves.
 *
 * Why "never inside the Wilson limits": the additive limits rest on the
 * normal approximation, which for a small n p0 puts the limit on the far
 * side of 0.5 closer to p0 than the Wilson limit does.  Taken alone, a
 * small tau2 would then flag as unusual a small unit that the unadjusted
 * (Wilson) limits call within; an adjustment for overdispersion should
 * only ever widen the funnel.
 */
static FunnelLimits
funnel_adjusted(double p0, int64 n, double z, double tau2)
{
	FunnelLimits limits = funnel_wilson(p0, (double) n, z);
	double		half;

	if (tau2 == 0.0 || n == 0)
		return limits;
	half = z * sqrt(p0 * (1.0 - p0) / (double) n + tau2);
	limits.low = Max(0.0, Min(limits.low, p0 - half));
	limits.high = Min(1.0, Max(limits.high, p0 + half));
	return limits;
}

/*
 * Where the rate part / whole falls against the limits around p0, with
 * between-unit variance tau2 (0 for the plain Wilson limits).  A rate
 * exactly on a limit is within it: only a rate strictly beyond is flagged.
 * (Exact ties happen only at 0 and 1, where the limits are exact: a rate of
 * 0 against a target of 0, or of 1 against 1, is within.)  The rate is the
 * double nearest part / whole.  whole must not be 0.
 */
static const char *
funnel_position_of(int64 part, int64 whole, double p0, double tau2)
{
	double		rate = (double) part / (double) whole;
	FunnelLimits outer = funnel_adjusted(p0, whole, funnel_z(FUNNEL_OUTER_CONFIDENCE), tau2);
	FunnelLimits inner = funnel_adjusted(p0, whole, funnel_z(FUNNEL_INNER_CONFIDENCE), tau2);

	if (rate > outer.high)
		return "above 99.8%";
	if (rate > inner.high)
		return "above 95%";
	if (rate < outer.low)
		return "below 99.8%";
	if (rate < inner.low)
		return "below 95%";
	return "within";
}

/*
 * Build the (low, high) record of a limits function.
 */
static Datum
funnel_limits_datum(FunctionCallInfo fcinfo, FunnelLimits limits)
{
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "funnel limits must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Float8GetDatum(limits.low);
	values[1] = Float8GetDatum(limits.high);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

PG_FUNCTION_INFO_V1(funnel_limits);
/*
 * funnel_limits(p0, n, confidence): the Wilson score control limits
 * (low, high) around the target proportion p0 for a denominator n at a
 * two-sided confidence (0.998 by default; 0.95 for the inner funnel).
 * (0, 1) for n = 0.
 */
Datum
funnel_limits(PG_FUNCTION_ARGS)
{
	float8		p0 = PG_GETARG_FLOAT8(0);
	int64		n = PG_GETARG_INT64(1);
	float8		confidence = PG_GETARG_FLOAT8(2);

	funnel_check_p0(p0);
	funnel_check_n(n);
	funnel_check_confidence(confidence);
	PG_RETURN_DATUM(funnel_limits_datum(fcinfo,
										funnel_wilson(p0, (double) n, funnel_z(confidence))));
}

PG_FUNCTION_INFO_V1(funnel_limits_adjusted);
/*
 * funnel_limits_adjusted(p0, n, tau2, confidence): the limits widened for
 * the between-unit variance tau2 (funnel_adjusted above); the Wilson
 * limits when tau2 is 0.
 */
Datum
funnel_limits_adjusted(PG_FUNCTION_ARGS)
{
	float8		p0 = PG_GETARG_FLOAT8(0);
	int64		n = PG_GETARG_INT64(1);
	float8		tau2 = PG_GETARG_FLOAT8(2);
	float8		confidence = PG_GETARG_FLOAT8(3);

	funnel_check_p0(p0);
	funnel_check_n(n);
	funnel_check_tau2(tau2);
	funnel_check_confidence(confidence);
	PG_RETURN_DATUM(funnel_limits_datum(fcinfo,
										funnel_adjusted(p0, n, funnel_z(confidence), tau2)));
}

PG_FUNCTION_INFO_V1(funnel_position);
/*
 * funnel_position(p, p0): 'above 99.8%', 'above 95%', 'within',
 * 'below 95%' or 'below 99.8%', the rate p against funnel_limits(p0,
 * whole(p)) at 0.998 and 0.95; on a limit is within.  NULL when the whole
 * is 0 (no rate to place).
 */
Datum
funnel_position(PG_FUNCTION_ARGS)
{
	Proportion *p = PG_GETARG_PROPORTION_P(0);
	float8		p0 = PG_GETARG_FLOAT8(1);

	funnel_check_p0(p0);
	if (p->whole == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(funnel_position_of(p->part, p->whole, p0, 0.0)));
}

PG_FUNCTION_INFO_V1(funnel_position_adjusted);
/*
 * funnel_position_adjusted(p, p0, tau2): the same against the limits
 * widened for overdispersion (funnel_limits_adjusted); equal to
 * funnel_position when tau2 is 0.
 */
Datum
funnel_position_adjusted(PG_FUNCTION_ARGS)
{
	Proportion *p = PG_GETARG_PROPORTION_P(0);
	float8		p0 = PG_GETARG_FLOAT8(1);
	float8		tau2 = PG_GETARG_FLOAT8(2);

	funnel_check_p0(p0);
	funnel_check_tau2(tau2);
	if (p->whole == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(funnel_position_of(p->part, p->whole, p0, tau2)));
}

/* One unit of funnel_overdispersion: its z-score and its denominator. */
typedef struct FunnelUnit
{
	double		z;
	int64		whole;
} FunnelUnit;

/*
 * qsort comparator for units: by z-score (none is NaN here), then by
 * denominator, so that the order, and with it every floating-point sum
 * taken in it, does not depend on the order of the input array.
 */
static int
funnel_unit_cmp(const void *a, const void *b)
{
	const FunnelUnit *x = (const FunnelUnit *) a;
	const FunnelUnit *y = (const FunnelUnit *) b;

	if (x->z != y->z)
		return (x->z > y->z) - (x->z < y->z);
	return (x->whole > y->whole) - (x->whole < y->whole);
}

/*
 * The fraction-th quantile of the z-scores of k units sorted by z, by
 * linear interpolation between order statistics (Hyndman and Fan's
 * definition 7, the default of R and of PostgreSQL's percentile_cont):
 * h = (k - 1) fraction, and the value at h counting the smallest as 0.
 */
static double
funnel_quantile_sorted(const FunnelUnit *sorted, int k, double fraction)
{
	double		h = (k - 1) * fraction;
	int			below = (int) floor(h);

	if (below >= k - 1)
		return sorted[k - 1].z;
	return sorted[below].z + (h - below) * (sorted[below + 1].z - sorted[below].z);
}

PG_FUNCTION_INFO_V1(funnel_overdispersion);
/*
 * funnel_overdispersion(rates proportion[], p0): Spiegelhalter's (2005)
 * overdispersion estimate for the units' rates against the target p0.
 * Returns (units, phi, tau2):
 *
 *	units	the k units used: the array's elements that are not NULL and
 *			whose whole is not 0;
 *	phi		the mean square of the winsorised z-scores, where
 *			z_i = (y_i - p0) / s_i, s_i^2 = p0 (1 - p0) / n_i, and the
 *			z-scores below their 10th percentile are raised to it and those
 *			above their 90th lowered to it (percentiles as in
 *			funnel_quantile_sorted); about 1 when the units differ only by
 *			chance;
 *	tau2	the additive between-unit variance
 *			max(0, (k phi - (k - 1)) / (sum w - sum w^2 / sum w)),
 *			w_i = 1 / s_i^2 (0 when k phi <= k - 1, as in the paper).
 *
 * phi and tau2 are NULL with fewer than two units (nothing to estimate a
 * spread from) and when p0 is 0 or 1 (no spread is possible around it).
 *
 * The winsorising uses the raw z-scores; phi and tau2 use every unit, summed
 * in the order of funnel_unit_cmp, so the result does not depend on the
 * order of the array (and every reader of a view gets the same bits).  The
 * denominator of tau2 is computed as sum n_i (N - n_i) / N / (p0 (1 - p0)),
 * N = sum n_i, which is the same quantity with N - n_i exact in integers,
 * so that one dominant unit does not cancel it away.
 */
Datum
funnel_overdispersion(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	float8		p0 = PG_GETARG_FLOAT8(1);
	Oid			element_type = ARR_ELEMTYPE(array);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elements;
	bool	   *element_nulls;
	int			count;
	int			k = 0;
	int128		total = 0;
	FunnelUnit *units;
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {false, true, true};

	funnel_check_p0(p0);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "funnel_overdispersion must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);

	get_typlenbyvalalign(element_type, &typlen, &typbyval, &typalign);
	deconstruct_array(array, element_type, typlen, typbyval, typalign,
					  &elements, &element_nulls, &count);

	units = (FunnelUnit *) palloc(sizeof(FunnelUnit) * Max(count, 1));
	for (int i = 0; i < count; i++)
	{
		Proportion *p;

		if (element_nulls[i])
			continue;
		p = DatumGetProportionP(elements[i]);
		if (p->whole == 0)
			continue;
		units[k].whole = p->whole;
		/* the rate for now; turned into a z-score below once p0 allows */
		units[k].z = (double) p->part / (double) p->whole;
		total += p->whole;
		k++;
	}
	values[0] = Int32GetDatum(k);

	if (k >= 2 && p0 > 0.0 && p0 < 1.0)
	{
		double		variance = p0 * (1.0 - p0);
		double		low;
		double		high;
		double		sum_squares = 0.0;
		double		spread = 0.0;
		double		phi;
		double		tau2;

		for (int i = 0; i < k; i++)
			units[i].z = (units[i].z - p0) / sqrt(variance / (double) units[i].whole);
		qsort(units, k, sizeof(FunnelUnit), funnel_unit_cmp);
		low = funnel_quantile_sorted(units, k, FUNNEL_WINSOR_FRACTION);
		high = funnel_quantile_sorted(units, k, 1.0 - FUNNEL_WINSOR_FRACTION);

		for (int i = 0; i < k; i++)
		{
			double		zw = Min(Max(units[i].z, low), high);

			sum_squares += zw * zw;
			spread += (double) units[i].whole *
				((double) (total - units[i].whole) / (double) total);
		}
		phi = sum_squares / k;
		tau2 = Max(0.0, (k * phi - (k - 1)) * variance / spread);
		if (!isfinite(phi) || !isfinite(tau2))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("overdispersion around target proportion %s is out of range",
							funnel_float8_text(p0)),
					 errdetail("The z-scores of the units overflow double precision.")));
		values[1] = Float8GetDatum(phi);
		values[2] = Float8GetDatum(tau2);
		nulls[1] = nulls[2] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
