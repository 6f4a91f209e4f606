/*
 * jsonrow.c - JSON import rows to contract values (see jsonrow.h).
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "salient/contract.h"
#include "dcmsg.h"
#include "dcparse.h"
#include "jsonrow.h"

/* The expected keys, for the message about an unknown one. */
static void
expected(const struct dc_kind_def *k, char *buf, size_t len)
{
	size_t i, used = 0;
	int n;

	buf[0] = '\0';
	for (i = 0; i < k->ncols; i++) {
		n = snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
		    k->cols[i].name);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
}

int
dc_json_row(enum dc_kind kind, struct json_object *obj,
    const char *values[DC_MAXCOLS], char *err, size_t errlen)
{
	const struct dc_kind_def *k = &dc_kinds[kind];
	char list[512], sh[64];
	size_t i;
	int c;

	for (i = 0; i < DC_MAXCOLS; i++)
		values[i] = NULL;
	if (!json_object_is_type(obj, json_type_object)) {
		return dc_msg(err, errlen, "data.json.object", NULL);
	}
	json_object_object_foreach(obj, key, val) {
		if ((c = dc_column_index(kind, key)) < 0) {
			expected(k, list, sizeof(list));
			return dc_msg(err, errlen, "data.json.unknown_key", "key",
			    dc_shown(key, sh, sizeof(sh)), "expected", list, NULL);
		}
		switch (json_object_get_type(val)) {
		case json_type_null:
			values[c] = NULL;
			break;
		case json_type_boolean:
			values[c] = json_object_get_boolean(val) ? "1" : "0";
			break;
		case json_type_string:
		case json_type_int:
		case json_type_double:
			/* a double's text is the original JSON text */
			values[c] = json_object_get_string(val);
			break;
		default:
			return dc_msg(err, errlen, "data.json.type", "column", key, NULL);
		}
	}
	return 0;
}
