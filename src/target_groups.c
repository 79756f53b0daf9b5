/*
 * target_groups.c
 *		A set of target groups as an 8-byte, pass-by-value bit set.
 *
 * Families belong to any number of the nineteen national target groups and
 * of a council's sixteen local ones.  A set of them fits in one int64, so
 * the set operations are single machine instructions and a table column of
 * this type costs eight bytes a row.
 *
 * Text form: the group codes in braces, separated by commas, like an array:
 * '{lone_parent,teenage_parent}'.  Input ignores white space around the
 * braces, commas and names, ignores the case of names, accepts a name in
 * double quotes (so the text of a text[] re-parses), and collapses
 * duplicates; '{}' is the empty set.  Output is always lower case in the
 * canonical order of the groups (the national ones in the order of the
 * target_group table's display_order, then local_1 ...
 * local_16), so equal sets print identically.
 *
 * Ordering (for ORDER BY, btree indexes and merge joins) compares the
 * members as lists in canonical order, like a dictionary: '{}' first, then
 * '{teenage_parent}', '{teenage_parent,young_parent}', ..., '{young_parent}'.
 * The ordering operators are spelled #<# etc. so that nobody mistakes them
 * for subset tests, which are @> and <@.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "surestart.h"

const char *const target_group_names[TARGET_GROUP_COUNT] = {
	"teenage_parent",
	"young_parent",
	"pregnant_teenager",
	"lone_parent",
	"father",
	"only_male_carer",
	"disabled_parent",
	"disabled_child",
	"disabled_child_any_age",
	"workless_household",
	"workless_by_status",
	"additional_language",
	"minority_ethnic",
	"smoking_parent",
	"priority_family",
	"child_in_need",
	"child_protection",
	"looked_after",
	"two_year_funding",
	"local_1",
	"local_2",
	"local_3",
	"local_4",
	"local_5",
	"local_6",
	"local_7",
	"local_8",
	"local_9",
	"local_10",
	"local_11",
	"local_12",
	"local_13",
	"local_14",
	"local_15",
	"local_16"
};

/* The hint every unknown-name error carries. */
#define TARGET_GROUPS_VALID_HINT \
	"Valid target groups are teenage_parent, young_parent, pregnant_teenager, " \
	"lone_parent, father, only_male_carer, disabled_parent, disabled_child, " \
	"disabled_child_any_age, workless_household, workless_by_status, " \
	"additional_language, minority_ethnic, smoking_parent, priority_family, " \
	"child_in_need, child_protection, looked_after, two_year_funding, and " \
	"local_1 to local_16."

#define TARGET_GROUPS_SYNTAX_DETAIL \
	"Expected target group names in braces, separated by commas, such as " \
	"\"{lone_parent,teenage_parent}\"; \"{}\" is the empty set."

/*
 * Find a group by name: an exact match of the code, ignoring ASCII case.
 * The name need not be NUL-terminated.
 */
int
target_group_index(const char *name, int len)
{
	for (int i = 0; i < TARGET_GROUP_COUNT; i++)
	{
		const char *code = target_group_names[i];

		if ((int) strlen(code) == len && pg_strncasecmp(code, name, len) == 0)
			return i;
	}
	return -1;
}

/*
 * Report a malformed literal (or just return false when not raising).  The
 * hint shows the braces when the whole input is one valid name, since
 * "lone_parent" for "{lone_parent}" is the likeliest slip.
 */
static bool
target_groups_syntax_error(const char *str, bool raise)
{
	const char *start = str;
	int			len;

	if (!raise)
		return false;

	while (isspace((unsigned char) *start))
		start++;
	len = strlen(start);
	while (len > 0 && isspace((unsigned char) start[len - 1]))
		len--;
	if (target_group_index(start, len) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type target_groups: \"%s\"", str),
				 errdetail(TARGET_GROUPS_SYNTAX_DETAIL),
				 errhint("Write a single group in braces: \"{%s}\".",
						 target_group_names[target_group_index(start, len)])));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type target_groups: \"%s\"", str),
			 errdetail(TARGET_GROUPS_SYNTAX_DETAIL)));
	return false;				/* not reached */
}

/*
 * Parse the text form (see the file header).  With raise, a bad literal is
 * an error naming it and saying what was expected; without, the result is
 * false, so a loader can test a value and record a reject instead.
 */
bool
target_groups_parse(const char *str, TargetGroups *result, bool raise)
{
	const char *p = str;
	TargetGroups set = 0;

	while (isspace((unsigned char) *p))
		p++;
	if (*p != '{')
		return target_groups_syntax_error(str, raise);
	p++;
	while (isspace((unsigned char) *p))
		p++;
	if (*p == '}')
		p++;
	else
	{
		for (;;)
		{
			const char *name;
			int			len;
			int			index;

			while (isspace((unsigned char) *p))
				p++;
			if (*p == '"')
			{
				name = ++p;
				while (*p && *p != '"' && *p != '\\')
					p++;
				if (*p != '"')
					return target_groups_syntax_error(str, raise);
				len = p - name;
				p++;
			}
			else
			{
				name = p;
				while (*p && !isspace((unsigned char) *p) &&
					   *p != ',' && *p != '{' && *p != '}' &&
					   *p != '"' && *p != '\\')
					p++;
				len = p - name;
			}
			if (len == 0)
				return target_groups_syntax_error(str, raise);
			index = target_group_index(name, len);
			if (index < 0)
			{
				if (!raise)
					return false;
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("invalid input syntax for type target_groups: \"%s\"", str),
						 errdetail("Unknown target group \"%.*s\".", len, name),
						 errhint(TARGET_GROUPS_VALID_HINT)));
			}
			set |= INT64CONST(1) << index;
			while (isspace((unsigned char) *p))
				p++;
			if (*p == ',')
			{
				p++;
				continue;
			}
			if (*p == '}')
			{
				p++;
				break;
			}
			return target_groups_syntax_error(str, raise);
		}
	}
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		return target_groups_syntax_error(str, raise);
	*result = set;
	return true;
}

PG_FUNCTION_INFO_V1(target_groups_in);
/*
 * Text input.
 */
Datum
target_groups_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	TargetGroups set;

	target_groups_parse(str, &set, true);
	PG_RETURN_TARGET_GROUPS(set);
}

PG_FUNCTION_INFO_V1(target_groups_out);
/*
 * Text output: the members in canonical order, so that equal sets print the
 * same and the text re-parses to the same set.
 */
Datum
target_groups_out(PG_FUNCTION_ARGS)
{
	TargetGroups set = PG_GETARG_TARGET_GROUPS(0);
	StringInfoData buf;
	bool		first = true;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int i = 0; i < TARGET_GROUP_COUNT; i++)
	{
		if (set & (INT64CONST(1) << i))
		{
			if (!first)
				appendStringInfoChar(&buf, ',');
			appendStringInfoString(&buf, target_group_names[i]);
			first = false;
		}
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(target_groups_recv);
/*
 * Binary input: a format-version byte, then the bit set as an int64 in
 * network byte order, nine bytes in all.  A set with a bit beyond the 35 groups is refused,
 * since it would print as fewer groups than it holds and compare unequal to
 * its own text.
 */
Datum
target_groups_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			length = buf->len - buf->cursor;
	int64		set;

	if (length != 1 + sizeof(int64))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary length %d for type target_groups", length),
				 errdetail("Expected 9 bytes: a format-version byte and the 8-byte bit set.")));
	surestart_binary_check_version(buf, "type target_groups");
	set = pq_getmsgint64(buf);
	if ((set & ~TARGET_GROUPS_ALL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value 0x%016llx for type target_groups",
						(unsigned long long) set),
				 errdetail("Only the lowest %d bits stand for target groups.",
						   TARGET_GROUP_COUNT)));
	PG_RETURN_TARGET_GROUPS(set);
}

PG_FUNCTION_INFO_V1(target_groups_send);
/*
 * Binary output: the format-version byte and the bit set as an int64.
 */
Datum
target_groups_send(PG_FUNCTION_ARGS)
{
	TargetGroups set = PG_GETARG_TARGET_GROUPS(0);
	StringInfoData buf;

	surestart_binary_begin(&buf);
	pq_sendint64(&buf, set);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(target_groups_from_array);
/*
 * Constructor from an array of names (any number of dimensions, read in
 * storage order).  Names are matched as in text input: case ignored,
 * surrounding white space ignored, duplicates collapsed.  A NULL element is
 * an error rather than being skipped, because it usually means a lookup
 * that found nothing.
 */
Datum
target_groups_from_array(PG_FUNCTION_ARGS)
{
	ArrayType  *names = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			count;
	TargetGroups set = 0;

	deconstruct_array(names, TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &count);
	for (int i = 0; i < count; i++)
	{
		char	   *name;
		char	   *start;
		int			len;
		int			index;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("target group name must not be null"),
					 errdetail("Element %d of the array is null.", i + 1)));
		name = TextDatumGetCString(elems[i]);
		start = name;
		while (isspace((unsigned char) *start))
			start++;
		len = strlen(start);
		while (len > 0 && isspace((unsigned char) start[len - 1]))
			len--;
		index = target_group_index(start, len);
		if (index < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("unknown target group \"%s\"", name),
					 errhint(TARGET_GROUPS_VALID_HINT)));
		set |= INT64CONST(1) << index;
		pfree(name);
	}
	PG_RETURN_TARGET_GROUPS(set);
}

PG_FUNCTION_INFO_V1(target_groups_to_array);
/*
 * The members as a text[] in canonical order ('{}' for the empty set), for
 * unnest() and for tools that read arrays but not this type.
 */
Datum
target_groups_to_array(PG_FUNCTION_ARGS)
{
	TargetGroups set = PG_GETARG_TARGET_GROUPS(0);
	Datum		elems[TARGET_GROUP_COUNT];
	int			count = 0;

	for (int i = 0; i < TARGET_GROUP_COUNT; i++)
		if (set & (INT64CONST(1) << i))
			elems[count++] = CStringGetTextDatum(target_group_names[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, count, TEXTOID, -1, false,
										  TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(target_groups_cardinality);
/*
 * Number of groups in the set.
 */
Datum
target_groups_cardinality(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(pg_popcount64((uint64) PG_GETARG_TARGET_GROUPS(0)));
}

PG_FUNCTION_INFO_V1(target_groups_contains);
/*
 * a @> b: every group of b is in a.
 */
Datum
target_groups_contains(PG_FUNCTION_ARGS)
{
	TargetGroups a = PG_GETARG_TARGET_GROUPS(0);
	TargetGroups b = PG_GETARG_TARGET_GROUPS(1);

	PG_RETURN_BOOL((b & ~a) == 0);
}

PG_FUNCTION_INFO_V1(target_groups_contained);
/*
 * a <@ b: every group of a is in b.
 */
Datum
target_groups_contained(PG_FUNCTION_ARGS)
{
	TargetGroups a = PG_GETARG_TARGET_GROUPS(0);
	TargetGroups b = PG_GETARG_TARGET_GROUPS(1);

	PG_RETURN_BOOL((a & ~b) == 0);
}

PG_FUNCTION_INFO_V1(target_groups_overlaps);
/*
 * a && b: the sets share at least one group.
 */
Datum
target_groups_overlaps(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL((PG_GETARG_TARGET_GROUPS(0) & PG_GETARG_TARGET_GROUPS(1)) != 0);
}

PG_FUNCTION_INFO_V1(target_groups_union);
/*
 * a | b: groups in either set.
 */
Datum
target_groups_union(PG_FUNCTION_ARGS)
{
	PG_RETURN_TARGET_GROUPS(PG_GETARG_TARGET_GROUPS(0) | PG_GETARG_TARGET_GROUPS(1));
}

PG_FUNCTION_INFO_V1(target_groups_intersect);
/*
 * a & b: groups in both sets.
 */
Datum
target_groups_intersect(PG_FUNCTION_ARGS)
{
	PG_RETURN_TARGET_GROUPS(PG_GETARG_TARGET_GROUPS(0) & PG_GETARG_TARGET_GROUPS(1));
}

PG_FUNCTION_INFO_V1(target_groups_minus);
/*
 * a - b: groups in a but not in b.
 */
Datum
target_groups_minus(PG_FUNCTION_ARGS)
{
	PG_RETURN_TARGET_GROUPS(PG_GETARG_TARGET_GROUPS(0) & ~PG_GETARG_TARGET_GROUPS(1));
}

/*
 * Three-way comparison of two sets as lists of members in canonical order
 * (see the file header).  Both lists agree on every group before the first
 * group d that only one of them holds.  The list holding d is the smaller
 * one unless the other list ends there, i.e. holds nothing after d.
 */
static int
target_groups_compare(TargetGroups a, TargetGroups b)
{
	uint64		ua = (uint64) a;
	uint64		ub = (uint64) b;
	uint64		first_difference;
	uint64		after;

	if (ua == ub)
		return 0;
	first_difference = (ua ^ ub) & (~(ua ^ ub) + 1);
	after = ~((first_difference << 1) - 1);
	if (ua & first_difference)
		return (ub & after) ? -1 : 1;
	return (ua & after) ? 1 : -1;
}

PG_FUNCTION_INFO_V1(target_groups_cmp);
/*
 * btree support: three-way comparison.
 */
Datum
target_groups_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(target_groups_compare(PG_GETARG_TARGET_GROUPS(0),
										  PG_GETARG_TARGET_GROUPS(1)));
}

/*
 * Equality and the sort-order operators, all defined through the same
 * comparison so that btree, hash and sorting agree.
 */
#define TARGET_GROUPS_COMPARISON(name, test) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	int			c = target_groups_compare(PG_GETARG_TARGET_GROUPS(0), \
										  PG_GETARG_TARGET_GROUPS(1)); \
	PG_RETURN_BOOL(test); \
}

TARGET_GROUPS_COMPARISON(target_groups_eq, c == 0)
TARGET_GROUPS_COMPARISON(target_groups_ne, c != 0)
TARGET_GROUPS_COMPARISON(target_groups_lt, c < 0)
TARGET_GROUPS_COMPARISON(target_groups_le, c <= 0)
TARGET_GROUPS_COMPARISON(target_groups_gt, c > 0)
TARGET_GROUPS_COMPARISON(target_groups_ge, c >= 0)

PG_FUNCTION_INFO_V1(target_groups_hash);
/*
 * Hash for the hash operator class.  Equal sets have equal bits (there is
 * only one representation of each set), so hashing the bits is consistent
 * with equality.  Both halves take part, so local groups (bits 32-34)
 * affect the hash.
 */
Datum
target_groups_hash(PG_FUNCTION_ARGS)
{
	uint64		set = (uint64) PG_GETARG_TARGET_GROUPS(0);

	return hash_uint32((uint32) set ^ (uint32) (set >> 32));
}

PG_FUNCTION_INFO_V1(target_groups_hash_extended);
/*
 * Seeded 64-bit hash, so the type can key hash-partitioned tables.
 */
Datum
target_groups_hash_extended(PG_FUNCTION_ARGS)
{
	uint64		set = (uint64) PG_GETARG_TARGET_GROUPS(0);

	return hash_uint32_extended((uint32) set ^ (uint32) (set >> 32),
								PG_GETARG_INT64(1));
}
