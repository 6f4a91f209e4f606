/*
 * fuzz_json.c - libFuzzer target: JSON request bodies and NDJSON import
 * lines through the one JSON reader (fcgi/jsonread.c), then each object as
 * an import row (modules/data/jsonrow.c, contract.c).  The first byte picks
 * the import kind; the rest is the body, read whole and line by line.
 * Aborts when a result breaks a promise of jsonread.h: a string or key that
 * is not strict UTF-8 or holds U+0000, nesting past SL_JSON_MAX_DEPTH, a
 * value that does not read back the same after json-c writes it, or a
 * message that is not printable UTF-8 (messages go into answers and logs).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "fuzz_check.h"
#include "parse.h"
#include "salient/contract.h"
#include "salient/jsonread.h"
#include "jsonrow.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_str(const char *s, size_t n)
{
	if (strlen(s) != n || !hp_utf8_valid(s, n, NULL))
		abort();
}

static void walk(struct json_object *v, int depth)
{
	size_t i, n;

	if (depth > SL_JSON_MAX_DEPTH)
		abort();
	switch (json_object_get_type(v)) {
	case json_type_string:
		check_str(json_object_get_string(v), (size_t)json_object_get_string_len(v));
		break;
	case json_type_array:
		n = json_object_array_length(v);
		for (i = 0; i < n; i++)
			walk(json_object_array_get_idx(v, i), depth + 1);
		break;
	case json_type_object: {
		json_object_object_foreach(v, key, val) {
			check_str(key, strlen(key));
			walk(val, depth + 1);
		}
		break;
	}
	default:
		break;
	}
}

/* Each object of an array (or the value itself) as an import row. */
static void rows(struct json_object *v, enum dc_kind kind)
{
	const char *values[DC_MAXCOLS];
	char err[DC_ERRLEN];
	static struct dc_row row;
	size_t i, n = json_object_is_type(v, json_type_array) ? json_object_array_length(v) : 1;

	for (i = 0; i < n && i < 64; i++) {
		struct json_object *o = json_object_is_type(v, json_type_array) ?
		    json_object_array_get_idx(v, i) : v;

		err[0] = '\0';
		if (dc_json_row(kind, o, values, err, sizeof(err)) != 0 ||
		    dc_validate_row(kind, values, &row, err, sizeof(err)) != 0)
			fuzz_check_msg(err);
	}
}

/* One JSON text: read, check, write with json-c and read back the same. */
static void one(const char *s, size_t len, enum dc_kind kind)
{
	struct json_object *v = NULL, *again = NULL;
	char err[SL_JSON_ERRMAX];
	const char *text;
	size_t at = (size_t)-1;

	err[0] = '\0';
	if (sl_json_read(s, len, &v, &at, err, sizeof(err)) != 0) {
		if (v != NULL || at > len || err[0] == '\0')
			abort();
		fuzz_check_msg(err);
		return;
	}
	if (v == NULL)          /* the text null */
		return;
	walk(v, 1);
	text = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
	if (text == NULL || sl_json_read(text, strlen(text), &again, &at, err, sizeof(err)) != 0 ||
	    !json_object_equal(v, again))
		abort();
	json_object_put(again);
	rows(v, kind);
	json_object_put(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 1;
	enum dc_kind kind;
	size_t len, i, j;

	if (size < 1)
		return 0;
	kind = (enum dc_kind)(data[0] % DC_NKINDS);
	len = size - 1;
	one(s, len, kind);
	/* NDJSON: each line that is not blank, as modules/data/import_api.c splits them */
	for (i = 0; i < len; i = j + 1) {
		for (j = i; j < len && s[j] != '\n'; j++)
			;
		if (j < len || i > 0)
			one(s + i, j - i, kind);
	}
	return 0;
}
