/*
 * quartile.c
 *		Quartiles of a ranking, as the FSP-versus-contact reports use them.
 *
 * Rank 1 is the best.  The quartile of rank r among n is ceil(4r/n), so for
 * 53 centres the quartiles hold 13, 13, 13 and 14: any remainder falls to
 * the lower quartiles, never to the top one.
 */
#include "postgres.h"

#include "utils/builtins.h"

#include "surestart.h"

static const char *const quartile_names[] = {
	NULL,
	"Top quartile",
	"Upper middle quartile",
	"Lower middle quartile",
	"Bottom quartile"
};

PG_FUNCTION_INFO_V1(quartile_of);
/*
 * quartile_of(rank, n): ceil(4 * rank / n), 1 = top, computed exactly.
 *
 * 4 * rank can overflow for huge ranks, so instead of dividing we find the
 * smallest k in 1..4 with 4 * rank <= k * n, i.e. rank <= floor(k * n / 4).
 * That bound is k * (n / 4) + (k * (n % 4)) / 4, whose terms never exceed n.
 */
Datum
quartile_of(PG_FUNCTION_ARGS)
{
	int64		rank = PG_GETARG_INT64(0);
	int64		n = PG_GETARG_INT64(1);

	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot place a rank among %lld ranked units", (long long) n),
				 errdetail("The number of ranked units must be at least 1.")));
	if (rank < 1 || rank > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rank %lld is outside 1 to %lld", (long long) rank, (long long) n),
				 errdetail("A rank among %lld ranked units runs from 1 (the best) to %lld.",
						   (long long) n, (long long) n)));
	for (int k = 1; k < 4; k++)
	{
		if (rank <= k * (n / 4) + (k * (n % 4)) / 4)
			PG_RETURN_INT32(k);
	}
	PG_RETURN_INT32(4);
}

PG_FUNCTION_INFO_V1(quartile_name);
/*
 * quartile_name(quartile): the report wording for a quartile 1-4.
 */
Datum
quartile_name(PG_FUNCTION_ARGS)
{
	int32		quartile = PG_GETARG_INT32(0);

	if (quartile < 1 || quartile > 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quartile %d does not exist", quartile),
				 errdetail("Quartiles run from 1 (top) to 4 (bottom).")));
	PG_RETURN_TEXT_P(cstring_to_text(quartile_names[quartile]));
}
