/*
 * test_jsonread.c - fcgi/jsonread.c: every JSON text accepted (a bare
 * number at the very end included), and each refusal with its reason and
 * byte offset: strict UTF-8, surrogates, \u0000, duplicate keys, depth,
 * numbers out of range, input cut short, data after the value.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/jsonread.h"
#include "tap.h"

/* Parses n bytes that must be accepted, and checks the value's compact text. */
static void good_n(const char *in, size_t n, const char *want, const char *what)
{
	struct json_object *v = (struct json_object *)1;
	char err[SL_JSON_ERRMAX] = "";
	size_t at = 99;
	int rc = sl_json_read(in, n, &v, &at, err, sizeof(err));

	if (!tap_ok(rc == 0, "%s: accepted", what))
		tap_diag("error at byte %zu: %s", at, err);
	tap_is_str(rc == 0 ? (v ? json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN) : "null")
	    : "", want, what);
	json_object_put(rc == 0 ? v : NULL);
}

static void good(const char *in, const char *want, const char *what)
{
	good_n(in, strlen(in), want, what);
}

static void bad_n(const char *in, size_t n, size_t want_at, const char *want_msg,
    const char *what)
{
	struct json_object *v = (struct json_object *)1;
	char err[SL_JSON_ERRMAX] = "";
	size_t at = 99;
	int rc = sl_json_read(in, n, &v, &at, err, sizeof(err));
	char name[256];

	tap_ok(rc == -1 && v == NULL, "%s: refused", what);
	tap_is_str(err, want_msg, what);
	snprintf(name, sizeof(name), "%s: offset", what);
	tap_is_long((long long)at, (long long)want_at, name);
}

static void bad(const char *in, size_t want_at, const char *want_msg, const char *what)
{
	bad_n(in, strlen(in), want_at, want_msg, what);
}

static void test_good(void)
{
	good("1", "1", "a bare number at the end, no newline");
	good("-0", "0", "minus zero");
	good("2.50", "2.50", "a number keeps its text");
	good(" 12 \n", "12", "white space around a number");
	good("\"x\"", "\"x\"", "a bare string");
	good("null", "null", "null");
	good("[true,false,null]", "[true,false,null]", "literals");
	good("{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}", "{\"a\":{\"b\":[1,{\"c\":\"d\"}]}}", "nesting");
	good("{\"t\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}",
	    "{\"t\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}", "2, 3 and 4 byte UTF-8");
	good("\"\\u00e9\\ud83d\\ude00\\n\"", "\"\xc3\xa9\xf0\x9f\x98\x80\\n\"",
	    "\\u escapes and a surrogate pair");
	good("-9223372036854775808", "-9223372036854775808", "the smallest int64");
	good("9223372036854775807", "9223372036854775807", "the largest int64");
	good("1e3", "1e3", "an exponent");
	good("{}", "{}", "an empty object");
	good("[]", "[]", "an empty array");
}

static void test_bad(void)
{
	char deep[80];

	bad("{\"title\":\"\xc0\xaf\"}", 10, "invalid UTF-8 in a string (in \"title\")",
	    "an overlong form");
	bad("{\"title\":\"\xed\xa0\x80\"}", 10, "invalid UTF-8 in a string (in \"title\")",
	    "an encoded surrogate");
	bad("\"\xf4\x90\x80\x80\"", 1, "invalid UTF-8 in a string", "above U+10FFFF");
	bad("\"\xe2\x82\"", 1, "invalid UTF-8 in a string", "a sequence cut short");
	bad("\"\\ud800\"", 1, "lone surrogate \\ud800", "a lone high surrogate");
	bad("\"\\udc00x\"", 1, "lone surrogate \\udc00", "a lone low surrogate");
	bad("\"\\ud800\\u0041\"", 1, "lone surrogate \\ud800", "a high surrogate and no low");
	bad("{\"t\":\"a\\u0000b\"}", 7, "\\u0000 in a string (in \"t\")", "\\u0000");
	bad("{\"title\":\"a\",\"title\":\"b\"}", 13, "duplicate key \"title\"", "a duplicate key");
	bad("{\"a\":{\"k\":1,\"k\":2}}", 12, "duplicate key \"k\"", "a nested duplicate key");
	/* a key is quoted as printable UTF-8: an escaped control character
	 * shown as '?', a long key cut between characters (found by fuzz_json) */
	bad("{\"pr\\roduct_id\":nope}", 16, "unexpected character 'n' (in \"pr?oduct_id\")",
	    "a key's escaped CR is not quoted raw");
	bad("{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa6\xc3\xa6\xc3\xa6\xc3\xa6\xc3\xa6\":1,"
	    "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa6\xc3\xa6\xc3\xa6\xc3\xa6\xc3\xa6\":2}", 55,
	    "duplicate key \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa6\xc3\xa6...\"",
	    "a long key is cut between characters");
	bad("{\"title\":\"abc", 13, "unexpected end of input (in \"title\")", "a string cut short");
	bad("{\"a\":1", 6, "unexpected end of input", "an object cut short");
	bad("[1,", 3, "unexpected end of input", "an array cut short");
	bad("", 0, "unexpected end of input", "nothing");
	bad("  ", 2, "unexpected end of input", "white space only");
	bad("{\"n\":18446744073709551616}", 5,
	    "integer 18446744073709551616 is out of range (in \"n\")", "a too large integer");
	bad("9223372036854775808", 0, "integer 9223372036854775808 is out of range",
	    "int64 + 1");
	bad("1e400", 0, "number 1e400 is out of range", "an infinite number");
	bad("01", 1, "data after the JSON value", "a leading zero");
	bad("1.", 2, "unexpected end of input", "a point and no digits");
	bad("-", 1, "unexpected end of input", "a minus alone");
	bad("{\"a\":1} x", 8, "data after the JSON value", "data after the value");
	bad("[1,]", 3, "unexpected character ']'", "a trailing comma");
	bad("{'a':1}", 1, "unexpected character '''", "single quotes");
	bad("nul", 0, "unexpected character 'n'", "a literal cut short");
	bad("\"a\tb\"", 2, "control character 0x09 in a string", "a raw tab in a string");
	bad("\"\\x\"", 1, "invalid escape in a string", "an unknown escape");
	bad("\"\\u12g4\"", 5, "\\u needs four hex digits", "a bad \\u escape");
	bad_n("[1\0]", 4, 2, "unexpected byte 0x00", "a NUL byte");
	memset(deep, '[', 33);
	memset(deep + 33, ']', 33);
	deep[66] = '\0';
	bad(deep, 32, "nested deeper than the limit of 32 levels", "33 levels");
	good_n(deep + 1, 64, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	    "32 levels");
}

int main(void)
{
	test_good();
	test_bad();
	return tap_done();
}
