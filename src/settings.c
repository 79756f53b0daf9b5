/*
 * settings.c
 *		Reading the council's settings (table setting) from C functions.
 *
 * This is the only C file that queries the database: every other one reads
 * settings through the functions here.
 */
#include "postgres.h"

#include <ctype.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "surestart.h"

/*
 * Read a whole-number setting from the setting table of the schema the
 * calling function (fn_oid) lives in, which is the extension's schema
 * wherever it was installed.  A missing row gives default_value.  A stored
 * value that is not a whole number from min to max can only come from
 * writing the table with its check trigger disabled; it is an error naming
 * the value and what was expected ("a whole number of at least 1"), never
 * a guess.
 */
int32
surestart_setting_int(Oid fn_oid, const char *name, int32 default_value,
					  int32 min, int32 max, const char *expected)
{
	char	   *schema = get_namespace_name(get_func_namespace(fn_oid));
	char	   *query;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];
	int32		result = default_value;
	int			ret;

	if (schema == NULL)
		elog(ERROR, "cannot find the schema of function %u", fn_oid);
	query = psprintf("SELECT value FROM %s.setting WHERE name OPERATOR(pg_catalog.=) $1",
					 quote_identifier(schema));
	args[0] = CStringGetTextDatum(name);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_with_args(query, 1, argtypes, args, NULL, true, 1);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading setting %s failed: %s", name, SPI_result_code_string(ret));
	if (SPI_processed > 0)
	{
		bool		isnull;
		Datum		value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc,
										  1, &isnull);
		char	   *str;
		char	   *end;
		long		parsed;

		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("setting %s is null", name),
					 errdetail("Expected %s.", expected)));
		str = TextDatumGetCString(value);
		errno = 0;
		parsed = strtol(str, &end, 10);
		if (errno != 0 || end == str || *end != '\0' || !isdigit((unsigned char) str[0]) ||
			parsed < min || parsed > max)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid value \"%s\" for setting %s", str, name),
					 errdetail("Expected %s.", expected)));
		result = (int32) parsed;
	}
	SPI_finish();
	pfree(query);
	return result;
}

/*
 * The sustained_contacts setting (default 3): how many meaningful contacts
 * in a period make sustained contact.
 */
int32
surestart_sustained_contacts(Oid fn_oid)
{
	return surestart_setting_int(fn_oid, "sustained_contacts",
								 SURESTART_DEFAULT_SUSTAINED_CONTACTS, 1, 999999999,
								 "a whole number of at least 1");
}

/*
 * The sustained_contacts setting, read once per call site: on the first
 * call the value is read and kept in the function's fn_extra, which lives
 * as long as the executor node (or expression) that calls it, so a query
 * with many groups, and every state of one aggregate in it, sees one value
 * and queries the setting table once.  The caller must not use fn_extra
 * for anything else.
 */
int32
surestart_sustained_contacts_cached(FmgrInfo *flinfo)
{
	int32	   *cached = (int32 *) flinfo->fn_extra;

	if (cached == NULL)
	{
		int32		threshold = surestart_sustained_contacts(flinfo->fn_oid);

		cached = MemoryContextAlloc(flinfo->fn_mcxt, sizeof(int32));
		*cached = threshold;
		flinfo->fn_extra = cached;
	}
	return *cached;
}
