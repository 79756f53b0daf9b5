/*
 * coverage.c
 *		The coverage type, a mergeable summary of target-group coverage: its
 *		text and binary forms and the functions that read a value.  The
 *		aggregates that build it (coverage(groups, contacts[, threshold]))
 *		and merge it (sum(coverage)) are in coverage_agg.c; the stored form
 *		is declared in coverage.h.
 *
 * A coverage value counts rows (families or children), each with the set of
 * target groups it belongs to and its number of meaningful contacts in a
 * period.  For every target group it holds three counts: the rows in the
 * group (in_group), those with at least one contact (any_contact) and those
 * with at least the sustained threshold of contacts (sustained).  It holds
 * the same three counts over all rows, and over the rows in at least one
 * national group, so that the "vulnerable" share of reach can be reported.
 * It remembers the sustained threshold it was built with: values built with
 * different thresholds do not add up, and merging them is an error.
 *
 * Counts only add, so summaries of disjoint sets of rows merge exactly
 * (centre -> lead partner -> county, or shard -> coordinator).
 *
 * Text form (a JSON object, so c::text::jsonb works):
 *
 *   {"threshold":3,"all":[100,60,20],"national":[40,30,10],
 *    "teenage_parent":[4,3,1],"lone_parent":[20,15,5]}
 *
 * (one line).  "all" and "national" and each group hold [in_group,
 * any_contact, sustained].  Output has no white space, the keys threshold,
 * all, national first, then the groups that have members in the canonical
 * group order; groups without members are left out.  Input accepts JSON
 * white space between tokens, keys in any order and group names in any case;
 * threshold, all and national are required, a key may not repeat, a group
 * written [0,0,0] is dropped.  Numbers are JSON integers (no sign, no
 * leading zeros) up to 9223372036854775807; threshold is at least 1 and at
 * most 2147483647.  Every value must satisfy the invariants checked by
 * coverage_invalid() below.
 *
 * Binary form (send/recv), which is also the serialised aggregate state
 * (one codec, the same bytes):
 *
 *   byte   format version (SURESTART_BINARY_VERSION)
 *   int32  threshold
 *   int64  x3 all
 *   int64  x3 national
 *   int64  mask of groups present (bits 0-34)
 *   int64  x3 for each group in the mask, in bit order
 *
 * all in network byte order; exactly 1 + 4 + 56 + 24 * groups bytes.
 */
#include "postgres.h"

#include <ctype.h>

#include "access/htup_details.h"
#include "common/int.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"

#include "coverage.h"

/* Bytes of the binary form before the group triples. */
#define COVERAGE_BINARY_FIXED	(1 + 4 + 6 * 8 + 8)

#define COVERAGE_TEXT_DETAIL \
	"Expected a JSON object such as {\"threshold\":3,\"all\":[100,60,20]," \
	"\"national\":[40,30,10],\"lone_parent\":[20,15,5]}, each triple being " \
	"[in_group,any_contact,sustained]."

/*
 * Check the invariants of a coverage value.  Returns NULL when it is
 * consistent, otherwise a sentence (for errdetail) saying what is wrong.
 * The invariants hold for every value the aggregates build and are kept by
 * addition, so a value breaking one was not made by this extension:
 *
 *  - threshold >= 1; no group bits beyond the 35 groups;
 *  - each triple has 0 <= sustained <= any_contact <= in_group, and a group
 *    present in the mask has in_group >= 1;
 *  - national <= all, count by count, and the rows outside the national
 *    groups (all - national) also form such a triple;
 *  - a national group's counts are at most national's, a local group's at
 *    most all's;
 *  - national's counts are at most the sums of the national groups' (a row
 *    in a national group is counted in at least one of them).
 */
static char *
coverage_invalid(const Coverage *c)
{
	int64		national_sum[3] = {0, 0, 0};
	int			k = 0;

	if (c->threshold < 1)
		return psprintf("The sustained threshold is %d; it must be at least 1.", c->threshold);
	if ((c->groups & ~ALL_GROUPS_MASK) != 0)
		return psprintf("The group mask has bits beyond the %d target groups.", TARGET_GROUP_COUNT);
	if (!(c->all[C_SUSTAINED] >= 0 && c->all[C_SUSTAINED] <= c->all[C_ANY] &&
		  c->all[C_ANY] <= c->all[C_IN]))
		return psprintf("Counts over all rows are [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "]; expected 0 <= sustained <= any_contact <= in_group.",
						c->all[0], c->all[1], c->all[2]);
	if (!(c->national[C_SUSTAINED] >= 0 && c->national[C_SUSTAINED] <= c->national[C_ANY] &&
		  c->national[C_ANY] <= c->national[C_IN]))
		return psprintf("National counts are [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "]; expected 0 <= sustained <= any_contact <= in_group.",
						c->national[0], c->national[1], c->national[2]);
	for (int i = 0; i < 3; i++)
		if (c->national[i] > c->all[i])
			return psprintf("National counts [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "] exceed the counts over all rows [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "].",
							c->national[0], c->national[1], c->national[2],
							c->all[0], c->all[1], c->all[2]);
	/* both triples are valid, so these differences cannot overflow */
	if (!(c->all[C_SUSTAINED] - c->national[C_SUSTAINED] <= c->all[C_ANY] - c->national[C_ANY] &&
		  c->all[C_ANY] - c->national[C_ANY] <= c->all[C_IN] - c->national[C_IN]))
		return psprintf("Counts over all rows [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "] less the national counts [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "] are not counts of rows outside the national groups.",
						c->all[0], c->all[1], c->all[2],
						c->national[0], c->national[1], c->national[2]);

	for (uint64 m = c->groups; m != 0; m &= m - 1)
	{
		int			g = pg_rightmost_one_pos64(m);
		const int64 *t = &c->counts[3 * k++];
		const int64 *bound = (g < TARGET_GROUP_NATIONAL_COUNT) ? c->national : c->all;

		if (!(t[C_SUSTAINED] >= 0 && t[C_SUSTAINED] <= t[C_ANY] &&
			  t[C_ANY] <= t[C_IN] && t[C_IN] >= 1))
			return psprintf("Group %s has [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "]; expected 0 <= sustained <= any_contact <= in_group and in_group >= 1.",
							target_group_names[g], t[0], t[1], t[2]);
		for (int i = 0; i < 3; i++)
			if (t[i] > bound[i])
				return psprintf("Group %s has [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "], more than the %s counts [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "].",
								target_group_names[g], t[0], t[1], t[2],
								(g < TARGET_GROUP_NATIONAL_COUNT) ? "national" : "all-row",
								bound[0], bound[1], bound[2]);
		if (g < TARGET_GROUP_NATIONAL_COUNT)
			for (int i = 0; i < 3; i++)
				if (pg_add_s64_overflow(national_sum[i], t[i], &national_sum[i]))
					national_sum[i] = PG_INT64_MAX; /* saturate: bound holds */
	}
	for (int i = 0; i < 3; i++)
		if (c->national[i] > national_sum[i])
			return psprintf("National counts [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "] exceed the sums over the national groups [" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "].",
							c->national[0], c->national[1], c->national[2],
							national_sum[0], national_sum[1], national_sum[2]);
	return NULL;
}

/* ---------------------------------------------------------------- the binary codec */

/*
 * Write a coverage value in the binary form (see the file header).  Used by
 * coverage_send and by the aggregates' serialise function.
 */
bytea *
coverage_write(const Coverage *c)
{
	StringInfoData buf;
	int			n = pg_popcount64(c->groups);

	surestart_binary_begin(&buf);
	pq_sendint32(&buf, c->threshold);
	for (int i = 0; i < 3; i++)
		pq_sendint64(&buf, c->all[i]);
	for (int i = 0; i < 3; i++)
		pq_sendint64(&buf, c->national[i]);
	pq_sendint64(&buf, (int64) c->groups);
	for (int i = 0; i < 3 * n; i++)
		pq_sendint64(&buf, c->counts[i]);
	return pq_endtypsend(&buf);
}

/*
 * Read a coverage value in the binary form from buf, which must hold
 * exactly one value from its cursor on; check the version, the length and
 * every invariant before returning it.  Used by coverage_recv and by the
 * aggregates' deserialise function, so corrupt bytes fail the same way on
 * both paths (22P03).  "what" names the source in messages.
 */
Coverage *
coverage_read(StringInfo buf, const char *what)
{
	int			avail = buf->len - buf->cursor;
	uint64		groups;
	int			n;
	Coverage   *c;
	char	   *problem;

	if (avail < COVERAGE_BINARY_FIXED)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: %d bytes is too short", what, avail),
				 errdetail("Expected at least %d bytes.", COVERAGE_BINARY_FIXED)));
	surestart_binary_check_version(buf, what);

	c = (Coverage *) palloc0(COVERAGE_SIZE(TARGET_GROUP_COUNT));
	c->threshold = (int32) pq_getmsgint(buf, 4);
	for (int i = 0; i < 3; i++)
		c->all[i] = pq_getmsgint64(buf);
	for (int i = 0; i < 3; i++)
		c->national[i] = pq_getmsgint64(buf);
	groups = (uint64) pq_getmsgint64(buf);
	if ((groups & ~ALL_GROUPS_MASK) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: unknown target groups in mask " UINT64_FORMAT, what, groups),
				 errdetail("Only bits 0 to %d stand for target groups.", TARGET_GROUP_COUNT - 1)));
	n = pg_popcount64(groups);
	if (avail != COVERAGE_BINARY_FIXED + 24 * n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s: %d bytes is the wrong length", what, avail),
				 errdetail_plural("A value with %d group in its mask is exactly %d bytes.",
								  "A value with %d groups in its mask is exactly %d bytes.",
								  n, n, COVERAGE_BINARY_FIXED + 24 * n)));
	c->groups = groups;
	for (int i = 0; i < 3 * n; i++)
		c->counts[i] = pq_getmsgint64(buf);
	SET_VARSIZE(c, COVERAGE_SIZE(n));

	problem = coverage_invalid(c);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary %s", what),
				 errdetail_internal("%s", problem)));
	return c;
}

/* ---------------------------------------------------------------- text I/O */

/*
 * Raise a syntax error for a coverage literal, with a specific detail.
 */
static void pg_attribute_noreturn()
coverage_syntax_error(const char *str, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type coverage: \"%s\"", str),
			 errdetail_internal("%s", detail ? detail : COVERAGE_TEXT_DETAIL)));
}

static inline const char *
skip_json_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * Parse a JSON non-negative integer at *pp (no sign, no leading zeros, no
 * fraction or exponent), advancing *pp.  A value above the int64 range or a
 * negative number is out of range (22003).
 */
static int64
parse_count(const char *str, const char **pp, const char *key)
{
	const char *p = *pp;
	const char *start = p;
	int64		value = 0;

	if (*p == '-' && isdigit((unsigned char) p[1]))
	{
		p++;
		while (isdigit((unsigned char) *p))
			p++;
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value \"%.*s\" is out of range for type coverage", (int) (p - start), start),
				 errdetail("Counts under \"%s\" are whole numbers of at least 0.", key)));
	}
	if (!isdigit((unsigned char) *p))
		coverage_syntax_error(str, psprintf("Expected a whole number for \"%s\".", key));
	if (*p == '0' && isdigit((unsigned char) p[1]))
		coverage_syntax_error(str, psprintf("A number for \"%s\" has a leading zero.", key));
	while (isdigit((unsigned char) *p))
	{
		if (pg_mul_s64_overflow(value, 10, &value) ||
			pg_add_s64_overflow(value, *p - '0', &value))
		{
			while (isdigit((unsigned char) *p))
				p++;
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value \"%.*s\" is out of range for type coverage", (int) (p - start), start),
					 errdetail("Counts are at most " INT64_FORMAT ".", PG_INT64_MAX)));
		}
		p++;
	}
	if (*p == '.' || *p == 'e' || *p == 'E')
		coverage_syntax_error(str, psprintf("Expected a whole number for \"%s\".", key));
	*pp = p;
	return value;
}

/*
 * Parse "[in,any,sustained]" at *pp into triple, advancing *pp.
 */
static void
parse_triple(const char *str, const char **pp, const char *key, int64 *triple)
{
	const char *p = *pp;

	if (*p != '[')
		coverage_syntax_error(str, psprintf("Expected [in_group,any_contact,sustained] for \"%s\".", key));
	for (int i = 0; i < 3; i++)
	{
		p = skip_json_space(p + 1);
		triple[i] = parse_count(str, &p, key);
		p = skip_json_space(p);
		if (*p != (i < 2 ? ',' : ']'))
			coverage_syntax_error(str, psprintf("Expected exactly three counts [in_group,any_contact,sustained] for \"%s\".", key));
	}
	*pp = p + 1;
}

PG_FUNCTION_INFO_V1(coverage_in);
/*
 * Text input (see the file header for the form).  Syntax errors are 22P02,
 * numbers beyond range 22003, and a well-formed value whose counts break an
 * invariant, or with a threshold below 1, 22023.
 */
Datum
coverage_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = skip_json_space(str);
	int64		triples[TARGET_GROUP_COUNT][3];
	uint64		seen_groups = 0;
	bool		have_threshold = false,
				have_all = false,
				have_national = false;
	int64		threshold = 0;
	int64		all[3],
				national[3];
	uint64		groups = 0;
	int			n;
	int			k = 0;
	Coverage   *c;
	char	   *problem;

	if (*p != '{')
		coverage_syntax_error(str, NULL);
	p = skip_json_space(p + 1);
	if (*p == '}')
		coverage_syntax_error(str, "Keys \"threshold\", \"all\" and \"national\" are required.");
	for (;;)
	{
		const char *key;
		int			len;
		char	   *keystr;

		if (*p != '"')
			coverage_syntax_error(str, "Expected a key in double quotes.");
		key = ++p;
		while (*p && *p != '"' && *p != '\\' && (unsigned char) *p >= 0x20)
			p++;
		if (*p != '"')
			coverage_syntax_error(str, "Expected a key in double quotes: a group name, \"threshold\", \"all\" or \"national\".");
		len = p - key;
		keystr = pnstrdup(key, len);
		p = skip_json_space(p + 1);
		if (*p != ':')
			coverage_syntax_error(str, psprintf("Expected \":\" after \"%s\".", keystr));
		p = skip_json_space(p + 1);

		if (len == 9 && strncmp(key, "threshold", 9) == 0)
		{
			if (have_threshold)
				coverage_syntax_error(str, "Key \"threshold\" appears twice.");
			have_threshold = true;
			threshold = parse_count(str, &p, keystr);
			if (threshold < 1 || threshold > PG_INT32_MAX)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid sustained threshold " INT64_FORMAT " for type coverage", threshold),
						 errdetail("Expected a whole number of contacts from 1 to %d.", PG_INT32_MAX)));
		}
		else if (len == 3 && strncmp(key, "all", 3) == 0)
		{
			if (have_all)
				coverage_syntax_error(str, "Key \"all\" appears twice.");
			have_all = true;
			parse_triple(str, &p, keystr, all);
		}
		else if (len == 8 && strncmp(key, "national", 8) == 0)
		{
			if (have_national)
				coverage_syntax_error(str, "Key \"national\" appears twice.");
			have_national = true;
			parse_triple(str, &p, keystr, national);
		}
		else
		{
			int			g = target_group_index(key, len);

			if (g < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("invalid input syntax for type coverage: \"%s\"", str),
						 errdetail("Unknown key \"%s\": expected \"threshold\", \"all\", \"national\" or a target group.", keystr),
						 errhint("Target groups are teenage_parent, young_parent, pregnant_teenager, "
								 "lone_parent, father, only_male_carer, disabled_parent, disabled_child, "
								 "disabled_child_any_age, workless_household, workless_by_status, "
								 "additional_language, minority_ethnic, smoking_parent, priority_family, "
								 "child_in_need, child_protection, looked_after, two_year_funding, and "
								 "local_1 to local_16.")));
			if (seen_groups & (UINT64CONST(1) << g))
				coverage_syntax_error(str, psprintf("Group \"%s\" appears twice.", target_group_names[g]));
			seen_groups |= UINT64CONST(1) << g;
			parse_triple(str, &p, keystr, triples[g]);
			if ((triples[g][0] | triples[g][1] | triples[g][2]) != 0)
				groups |= UINT64CONST(1) << g;
		}
		p = skip_json_space(p);
		if (*p == ',')
		{
			p = skip_json_space(p + 1);
			continue;
		}
		if (*p == '}')
			break;
		coverage_syntax_error(str, "Expected \",\" or \"}\" after a value.");
	}
	p = skip_json_space(p + 1);
	if (*p != '\0')
		coverage_syntax_error(str, "Unexpected text after the closing \"}\".");
	if (!have_threshold || !have_all || !have_national)
		coverage_syntax_error(str, psprintf("Key \"%s\" is missing; \"threshold\", \"all\" and \"national\" are required.",
											!have_threshold ? "threshold" : !have_all ? "all" : "national"));

	n = pg_popcount64(groups);
	c = (Coverage *) palloc0(COVERAGE_SIZE(n));
	SET_VARSIZE(c, COVERAGE_SIZE(n));
	c->threshold = (int32) threshold;
	c->groups = groups;
	memcpy(c->all, all, sizeof(all));
	memcpy(c->national, national, sizeof(national));
	for (uint64 m = groups; m != 0; m &= m - 1)
	{
		int			g = pg_rightmost_one_pos64(m);

		memcpy(&c->counts[3 * k++], triples[g], 3 * sizeof(int64));
	}
	problem = coverage_invalid(c);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("inconsistent counts in coverage value \"%s\"", str),
				 errdetail_internal("%s", problem)));
	PG_RETURN_COVERAGE_P(c);
}

/*
 * Append a key and triple to the text form.
 */
static void
append_triple(StringInfo out, const char *key, const int64 *t)
{
	appendStringInfo(out, ",\"%s\":[" INT64_FORMAT "," INT64_FORMAT "," INT64_FORMAT "]",
					 key, t[0], t[1], t[2]);
}

PG_FUNCTION_INFO_V1(coverage_out);
/*
 * Text output: the canonical form (no white space, fixed key order, groups
 * with members only, in canonical group order).
 */
Datum
coverage_out(PG_FUNCTION_ARGS)
{
	Coverage   *c = PG_GETARG_COVERAGE_P(0);
	StringInfoData out;
	int			k = 0;

	initStringInfo(&out);
	appendStringInfo(&out, "{\"threshold\":%d", c->threshold);
	append_triple(&out, "all", c->all);
	append_triple(&out, "national", c->national);
	for (uint64 m = c->groups; m != 0; m &= m - 1)
	{
		int			g = pg_rightmost_one_pos64(m);

		append_triple(&out, target_group_names[g], &c->counts[3 * k++]);
	}
	appendStringInfoChar(&out, '}');
	PG_RETURN_CSTRING(out.data);
}

PG_FUNCTION_INFO_V1(coverage_recv);
/*
 * Binary input: the same codec as the aggregate state, fully validated.
 */
Datum
coverage_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_COVERAGE_P(coverage_read(buf, "coverage value"));
}

PG_FUNCTION_INFO_V1(coverage_send);
/*
 * Binary output: the same codec as the aggregate state.
 */
Datum
coverage_send(PG_FUNCTION_ARGS)
{
	PG_RETURN_BYTEA_P(coverage_write(PG_GETARG_COVERAGE_P(0)));
}

/*
 * Whether two values have the same threshold and the same counts.  The
 * stored form is canonical (no padding, groups present exactly when they
 * have members), so comparing bytes is exact.
 */
static bool
coverage_same(const Coverage *a, const Coverage *b)
{
	return VARSIZE(a) == VARSIZE(b) &&
		memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0;
}

PG_FUNCTION_INFO_V1(coverage_eq);
/*
 * Equality: the same threshold and the same counts.
 */
Datum
coverage_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(coverage_same(PG_GETARG_COVERAGE_P(0), PG_GETARG_COVERAGE_P(1)));
}

PG_FUNCTION_INFO_V1(coverage_ne);
/*
 * Inequality, the negation of coverage_eq.
 */
Datum
coverage_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!coverage_same(PG_GETARG_COVERAGE_P(0), PG_GETARG_COVERAGE_P(1)));
}

/* ---------------------------------------------------------------- reading values */

PG_FUNCTION_INFO_V1(coverage_threshold);
/*
 * coverage_threshold(c): the sustained threshold the summary was built with.
 */
Datum
coverage_threshold(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_COVERAGE_P(0)->threshold);
}

PG_FUNCTION_INFO_V1(coverage_rows);
/*
 * coverage_rows(c): one row per group with members, in canonical group
 * order: (target_group, in_group, any_contact, sustained), the last two as
 * proportions of in_group.
 */
Datum
coverage_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Coverage   *c = PG_GETARG_COVERAGE_P(0);
	int			k = 0;

	InitMaterializedSRF(fcinfo, 0);
	for (uint64 m = c->groups; m != 0; m &= m - 1)
	{
		int			g = pg_rightmost_one_pos64(m);
		const int64 *t = &c->counts[3 * k++];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = CStringGetTextDatum(target_group_names[g]);
		values[1] = Int64GetDatum(t[C_IN]);
		values[2] = PointerGetDatum(proportion_new(t[C_ANY], t[C_IN]));
		values[3] = PointerGetDatum(proportion_new(t[C_SUSTAINED], t[C_IN]));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(coverage_totals);
/*
 * coverage_totals(c): (families, any_contact, sustained, in_national_group,
 * reached_in_national_group).  families counts every row; any_contact and
 * sustained are proportions of it; in_national_group counts the rows in at
 * least one national group; reached_in_national_group is the rows reached
 * that are in a national group over all rows reached (the "vulnerable"
 * share of reach).
 */
Datum
coverage_totals(PG_FUNCTION_ARGS)
{
	Coverage   *c = PG_GETARG_COVERAGE_P(0);
	TupleDesc	tupdesc;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "coverage_totals must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Int64GetDatum(c->all[C_IN]);
	values[1] = PointerGetDatum(proportion_new(c->all[C_ANY], c->all[C_IN]));
	values[2] = PointerGetDatum(proportion_new(c->all[C_SUSTAINED], c->all[C_IN]));
	values[3] = Int64GetDatum(c->national[C_IN]);
	values[4] = PointerGetDatum(proportion_new(c->national[C_ANY], c->all[C_ANY]));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
