/*
 * surestart_test.c
 *		Test-only helpers for the regression suite; never installed with the
 *		extension.
 *
 * PostgreSQL gives SQL no way to hand bytes of its choosing to an
 * aggregate's deserialise function: only parallel and partial plans call it,
 * with bytes the serialise function made.  To test that hand-made, corrupt
 * or incompatible states are refused, this library provides one transition
 * function, merge_serialised_state(internal, regprocedure, bytea), for a
 * throwaway aggregate the test creates.  For each input row it looks up the
 * named aggregate's deserialise and combine functions and calls them, from
 * inside the test aggregate's own (real) aggregate context, exactly as the
 * executor's Finalize Aggregate step does; the test aggregate's final
 * function is the real aggregate's final function.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_aggregate.h"
#include "fmgr.h"
#include "utils/syscache.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(merge_serialised_state);
/*
 * Transition: deserialise the row's bytes with the aggregate's deserialise
 * function and combine the result into the running state with its combine
 * function.  A NULL bytea leaves the state alone.
 */
Datum
merge_serialised_state(PG_FUNCTION_ARGS)
{
	Oid			aggfn = PG_GETARG_OID(1);
	HeapTuple	tuple;
	Form_pg_aggregate agg;
	Oid			combinefn;
	Oid			deserialfn;
	FmgrInfo	dflinfo;
	FmgrInfo	cflinfo;
	Datum		incoming;
	Datum		result;

	LOCAL_FCINFO(dfcinfo, 2);
	LOCAL_FCINFO(cfcinfo, 2);

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "merge_serialised_state called in non-aggregate context");
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}

	tuple = SearchSysCache1(AGGFNOID, ObjectIdGetDatum(aggfn));
	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "function %u is not an aggregate", aggfn);
	agg = (Form_pg_aggregate) GETSTRUCT(tuple);
	combinefn = agg->aggcombinefn;
	deserialfn = agg->aggdeserialfn;
	ReleaseSysCache(tuple);
	if (!OidIsValid(combinefn) || !OidIsValid(deserialfn))
		elog(ERROR, "aggregate %u has no combine or deserialise function", aggfn);

	fmgr_info(deserialfn, &dflinfo);
	InitFunctionCallInfoData(*dfcinfo, &dflinfo, 2, InvalidOid, fcinfo->context, NULL);
	dfcinfo->args[0].value = PG_GETARG_DATUM(2);
	dfcinfo->args[0].isnull = false;
	dfcinfo->args[1].value = (Datum) 0;
	dfcinfo->args[1].isnull = false;
	incoming = FunctionCallInvoke(dfcinfo);
	if (dfcinfo->isnull)
		elog(ERROR, "deserialise function returned NULL");

	fmgr_info(combinefn, &cflinfo);
	InitFunctionCallInfoData(*cfcinfo, &cflinfo, 2, InvalidOid, fcinfo->context, NULL);
	cfcinfo->args[0].value = PG_ARGISNULL(0) ? (Datum) 0 : PG_GETARG_DATUM(0);
	cfcinfo->args[0].isnull = PG_ARGISNULL(0);
	cfcinfo->args[1].value = incoming;
	cfcinfo->args[1].isnull = false;
	result = FunctionCallInvoke(cfcinfo);
	if (cfcinfo->isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}
