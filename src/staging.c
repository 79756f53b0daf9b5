/*
 * staging.c
 *		Checks used by load_staged() to test staged text without raising.
 *
 * PostgreSQL 15 has no pg_input_is_valid(), and catching the input
 * function's error for every staged value would need a subtransaction per
 * value.  load_staged() therefore tests the built-in types with regular
 * expressions and range checks in SQL, and the extension's own types here,
 * through the same parser their input functions use, so that a value this
 * says is valid always casts.
 */
#include "postgres.h"

#include "utils/builtins.h"

#include "surestart.h"

PG_FUNCTION_INFO_V1(is_valid_ofsted_grade);
/*
 * True when the text is a spelling ofsted_grade's input accepts (a word, RI,
 * Satisfactory or a number 1-4, any case and spacing), false otherwise.
 */
Datum
is_valid_ofsted_grade(PG_FUNCTION_ARGS)
{
	char	   *str = text_to_cstring(PG_GETARG_TEXT_PP(0));
	OfstedGrade grade;

	PG_RETURN_BOOL(ofsted_grade_parse(str, &grade));
}
