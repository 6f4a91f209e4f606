/*
 * jsonrow.h - one JSON import row (an object from the API's JSON array or
 * NDJSON) as the same values[] a CSV record gives, so both paths share
 * dc_validate_row().
 */
#ifndef SALIENT_DATA_JSONROW_H
#define SALIENT_DATA_JSONROW_H

#include <json-c/json.h>

#include "salient/contract.h"

/*
 * Fills values[] (contract order, NULL = absent or null) from obj.
 * Strings are taken as they are; numbers by their text as written in the
 * JSON (json-c keeps a double's original text), so "12.10" and 12.10 give
 * the same amount and nothing passes through a double; true/false become
 * "1"/"0".  The pointers belong to obj: valid while obj lives and is not
 * changed.  Returns 0, or -1 with a message in err: an unknown key is
 * named with the expected ones, objects and arrays are refused.
 */
int	dc_json_row(enum dc_kind kind, struct json_object *obj,
	    const char *values[DC_MAXCOLS], char *err, size_t errlen);

#endif
