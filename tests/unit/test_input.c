/*
 * test_input.c - the validators of declared inputs (salient/input.h) and
 * the route patterns' typed segments, against hand-written expectations.
 */
#include <stdlib.h>
#include <string.h>

#include "route_match.h"
#include "salient/input.h"
#include "tap.h"

static const char *const sorts[] = { "name", "revenue", NULL };

static int check(const struct sl_input *d, const char *v, const char *lang, struct sl_in_value *out)
{
	size_t at;

	memset(out, 0, sizeof(*out));
	return sl_in_check(d, v, strlen(v), lang, out, &at);
}

int main(void)
{
	const struct sl_input page = { "page", SL_IN_UINT, .min = 1, .max = 100000 };
	const struct sl_input id = { "id", SL_IN_UINT, .flags = 0 };
	const struct sl_input delta = { "delta", SL_IN_INT, .min = -5, .max = 5 };
	const struct sl_input amount = { "amount", SL_IN_MONEY, .flags = 0 };
	const struct sl_input capped = { "amount", SL_IN_MONEY, .min = 0, .max = 1000000 };
	const struct sl_input pct = { "pct", SL_IN_DECIMAL, .places = 1, .min = -1000, .max = 1000 };
	const struct sl_input day = { "as_of", SL_IN_DATE, .flags = 0 };
	const struct sl_input sort = { "sort", SL_IN_ENUM, .choices = sorts };
	const struct sl_input name = { "name", SL_IN_TEXT, .min = 2, .max = 10 };
	const struct sl_input note = { "note", SL_IN_TEXT, .flags = SL_IN_LINES, .max = 100 };
	const struct sl_input flag = { "on", SL_IN_BOOL, .flags = 0 };
	const struct sl_input ids = { "ids", SL_IN_IDS, .max = 3 };
	const struct sl_input bad_enum[] = { { "x", SL_IN_ENUM, .flags = 0 }, { 0 } };
	const struct sl_input dup[] = { { "x", SL_IN_UINT, .flags = 0 }, { "x", SL_IN_TEXT, .flags = 0 }, { 0 } };
	const struct sl_input path[] = { { "kind", SL_IN_ENUM, .flags = SL_IN_PATH, .choices = sorts }, { 0 } };
	struct sl_in_value v;
	struct rm_match m;
	size_t at = 0;

	tap_ok(check(&page, "42", NULL, &v) == SL_IN_OK && v.i == 42, "uint 42");
	tap_ok(check(&page, "0", NULL, &v) == SL_IN_ERR_RANGE, "uint below min");
	tap_ok(check(&page, "100001", NULL, &v) == SL_IN_ERR_RANGE, "uint above max");
	tap_ok(check(&page, "-1", NULL, &v) == SL_IN_ERR_UINT, "uint with a sign");
	tap_ok(check(&page, "4x", NULL, &v) == SL_IN_ERR_UINT, "uint with junk");
	tap_ok(check(&page, " 4", NULL, &v) == SL_IN_ERR_UINT, "uint with a space");
	tap_ok(check(&id, "9223372036854775807", NULL, &v) == SL_IN_OK && v.i == INT64_MAX,
	    "uint up to 2^63-1 by default");
	tap_ok(check(&id, "9223372036854775808", NULL, &v) == SL_IN_ERR_RANGE, "2^63 is out of range");
	tap_ok(check(&id, "184467440737095516150", NULL, &v) == SL_IN_ERR_RANGE,
	    "more digits than 64 bits is out of range, not wrapped");
	tap_ok(check(&delta, "-5", NULL, &v) == SL_IN_OK && v.i == -5, "int -5");
	tap_ok(check(&delta, "-6", NULL, &v) == SL_IN_ERR_RANGE, "int below min");
	tap_ok(check(&delta, "--1", NULL, &v) == SL_IN_ERR_INT, "int with two signs");
	tap_ok(check(&amount, "12,5", "da", &v) == SL_IN_OK && v.i == 125000, "money 12,5 in da");
	tap_ok(check(&amount, "1 854,95", "ru", &v) == SL_IN_OK && v.i == 18549500, "money in ru");
	tap_ok(check(&amount, "12,5", NULL, &v) == SL_IN_ERR_MONEY, "money 12,5 in the plain form");
	tap_ok(check(&amount, "1.00001", NULL, &v) == SL_IN_ERR_PLACES, "money with a fifth decimal");
	tap_ok(check(&capped, "-1", NULL, &v) == SL_IN_ERR_RANGE, "money below min");
	tap_ok(check(&pct, "12,5", "da", &v) == SL_IN_OK && v.i == 125, "decimal 12,5 with 1 place");
	tap_ok(check(&pct, "100.1", NULL, &v) == SL_IN_ERR_RANGE, "decimal above max");
	tap_ok(check(&pct, "1.25", NULL, &v) == SL_IN_ERR_PLACES, "decimal with too many places");
	tap_ok(check(&day, "2028-02-29", NULL, &v) == SL_IN_OK, "leap day");
	tap_ok(check(&day, "2027-02-29", NULL, &v) == SL_IN_ERR_DATE, "no leap day in 2027");
	tap_ok(check(&day, "2026-4-01", NULL, &v) == SL_IN_ERR_DATE, "short month");
	tap_ok(check(&day, "2026-04-31", NULL, &v) == SL_IN_ERR_DATE, "31 April");
	tap_ok(check(&sort, "revenue", NULL, &v) == SL_IN_OK && v.i == 1, "enum choice");
	tap_ok(check(&sort, "Revenue", NULL, &v) == SL_IN_ERR_ENUM, "enum is exact");
	tap_ok(check(&name, "Æø", NULL, &v) == SL_IN_OK, "text");
	tap_ok(check(&name, "a", NULL, &v) == SL_IN_ERR_SHORT, "text below min bytes");
	tap_ok(check(&name, "abcdefghijk", NULL, &v) == SL_IN_ERR_LONG, "text above max bytes");
	tap_ok(check(&name, "a\nb", NULL, &v) == SL_IN_ERR_CONTROL, "a line break in a line");
	tap_ok(check(&note, "a\nb\tc", NULL, &v) == SL_IN_OK, "line breaks in lines");
	tap_ok(check(&note, "a\x01", NULL, &v) == SL_IN_ERR_CONTROL, "other controls never");
	memset(&v, 0, sizeof(v));
	tap_ok(sl_in_check(&note, "ab\0c", 4, NULL, &v, &at) == SL_IN_ERR_CONTROL && at == 2,
	    "a NUL inside is a control at its byte");
	tap_ok(check(&note, "\xc0\xaf", NULL, &v) == SL_IN_ERR_UTF8, "overlong refused");
	tap_ok(check(&note, "\xed\xa0\x80", NULL, &v) == SL_IN_ERR_UTF8, "surrogate refused");
	tap_ok(check(&note, "\xf4\x90\x80\x80", NULL, &v) == SL_IN_ERR_UTF8, "above U+10FFFF refused");
	tap_ok(check(&note, "ok\xe2\x82", NULL, &v) == SL_IN_ERR_UTF8, "a cut character refused");
	tap_ok(check(&note, "\xf0\x9f\x98\x80", NULL, &v) == SL_IN_OK, "an emoji is fine");
	tap_ok(check(&flag, "on", NULL, &v) == SL_IN_OK && v.i == 1, "bool on");
	tap_ok(check(&flag, "0", NULL, &v) == SL_IN_OK && v.i == 0, "bool 0");
	tap_ok(check(&flag, "maybe", NULL, &v) == SL_IN_ERR_BOOL, "bool maybe");
	tap_ok(check(&ids, "3, 1,2", NULL, &v) == SL_IN_OK && v.nids == 3 && v.ids[0] == 3,
	    "ids, spaces allowed");
	free(v.ids);
	tap_ok(check(&ids, "1,2,3,4", NULL, &v) == SL_IN_ERR_MANY, "more ids than max");
	free(v.ids);
	tap_ok(check(&ids, "1,,2", NULL, &v) == SL_IN_ERR_IDS, "an empty id");
	free(v.ids);
	tap_ok(check(&ids, "0", NULL, &v) == SL_IN_ERR_IDS, "id 0");
	free(v.ids);
	tap_is_str(sl_in_err_code(SL_IN_ERR_RANGE), "range", "reason code");

	tap_ok(sl_in_decl_check(bad_enum, "/x") != NULL, "an enum without choices is refused");
	tap_ok(sl_in_decl_check(dup, "/x") != NULL, "two inputs of one name are refused");
	tap_ok(sl_in_decl_check(path, "/import/{kind}") == NULL, "a declared path segment");
	tap_ok(sl_in_decl_check(path, "/import/{other}") != NULL, "a path input without its segment");
	tap_ok(sl_in_decl_check(sl_no_inputs, "/x") == NULL, "no inputs");

	tap_ok(rm_pattern_check("/c/{id:uint}/x") == NULL, "a typed segment");
	tap_ok(rm_pattern_check("/c/{id:float}") != NULL, "an unknown type");
	tap_ok(rm_pattern_check("/c/{id:uint*}") != NULL, "a typed rest is refused");
	tap_ok(rm_match("/c/{id:uint}/x", "/c/12/x", &m) == 1 && m.count == 1 &&
	    m.params[0].nlen == 2 && strcmp(m.params[0].type, "uint") == 0,
	    "the name is 'id' and the type uint");
	tap_ok(rm_match("/c/{id:uint}", "/c/abc", &m) == 1,
	    "any segment matches (the validator answers 400 naming it)");
	return tap_done();
}
