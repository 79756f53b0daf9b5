/*
 * aggregate.c
 *		Plumbing shared by surestart's aggregates: the aggregate-context
 *		check every support function makes, and the reading of a sustained
 *		threshold passed as an argument.
 *
 * The aggregates with a sustained threshold (contact_reach and coverage)
 * take it either from the sustained_contacts setting (the signatures
 * without a threshold argument, read once per query through settings.c) or
 * as their last argument, as hll and tdigest take their parameters.  A
 * threshold argument is checked on every row: it must be given, at least 1
 * and the same for every row of a group, since one state can only count
 * sustained contact from one threshold.
 */
#include "postgres.h"

#include "utils/lsyscache.h"

#include "surestart.h"

/*
 * The aggregate memory context of a transition, combine, serialise,
 * deserialise or final function, and in *kind (unless kind is NULL) what
 * AggCheckCallContext says the caller is (AGG_CONTEXT_AGGREGATE or
 * AGG_CONTEXT_WINDOW).  A call from outside an aggregate is refused: states
 * are updated in place, which is only safe inside one.  The error names the
 * function, which is only looked up then.
 */
MemoryContext
surestart_agg_context(FunctionCallInfo fcinfo, int *kind)
{
	MemoryContext aggcontext;
	int			context = AggCheckCallContext(fcinfo, &aggcontext);

	if (context == 0)
		elog(ERROR, "%s called in non-aggregate context",
			 fcinfo->flinfo ? get_func_name(fcinfo->flinfo->fn_oid) : "aggregate support function");
	if (kind)
		*kind = context;
	return aggcontext;
}

/*
 * The sustained threshold given as argument argno of aggregate aggname (for
 * messages), on one row.  current is the threshold of the group's state, or
 * 0 when the group has none yet.  NULL (22004), below 1 (22023) or a value
 * other than current (22023, naming both) is an error, with hint (unless
 * NULL) as its hint.  The common case, the group's threshold again, is
 * answered by surestart_agg_threshold (surestart.h) without calling this.
 */
int32
surestart_agg_threshold_check(FunctionCallInfo fcinfo, int argno, int32 current,
							  const char *aggname, const char *hint)
{
	int32		threshold;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("sustained threshold of %s is NULL", aggname),
				 errdetail("Expected a whole number of contacts of at least 1."),
				 hint ? errhint("%s", hint) : 0));
	threshold = PG_GETARG_INT32(argno);
	if (likely(threshold == current && current > 0))
		return threshold;
	if (threshold < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid sustained threshold %d for %s", threshold, aggname),
				 errdetail("Expected a whole number of contacts of at least 1."),
				 hint ? errhint("%s", hint) : 0));
	if (current > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sustained threshold %d of %s differs from the threshold %d of an earlier row in the group",
						threshold, aggname, current),
				 errdetail("Every row of a group must give the same threshold."),
				 hint ? errhint("%s", hint) : 0));
	return threshold;
}
