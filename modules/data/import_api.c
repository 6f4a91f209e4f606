/*
 * import_api.c - POST /api/v1/import/{kind}: a JSON array of row objects
 * (Content-Type application/json) or one object per line
 * (application/x-ndjson; a row's index counts the non-blank lines from
 * 0), through the same sink as the CSV
 * command (import.h), in one transaction.
 *
 *   200 {"accepted": N, "rejected": []}            every row went in
 *   422 {"accepted": 0, "rejected": [{"index": i, "reason": "..."}]}
 *        some rows break the contract: nothing was written
 *   200 {"accepted": N, "rejected": [...]}  with ?partial=1 (a boolean,
 *        salient/input.h; kind is one of the contract's, else 400): the good rows
 *        went in, the bad ones are listed
 *
 * Rows are upserted by host id, so retrying a batch after a timeout
 * changes nothing the second time.  At most [import] batch_max rows.
 */
#include <string.h>

#include <json-c/json.h>

#include "salient/contract.h"
#include "import.h"
#include "import_api.h"
#include "jsonrow.h"
#include "salient/log.h"
#include "salient/db.h"
#include "salient/jsonread.h"
#include "salient/input.h"

#define REJECTS_MAX 1000	/* rejected rows listed in one answer */

/*
 * NDJSON -> a JSON array with one element per non-blank line: the parsed
 * value (the core's one JSON reader, salient/jsonread.h), or a string
 * "line N: invalid JSON at byte B: reason", as the core says it of a body
 * (rejected as that row).  Returns NULL when out of memory or past max
 * rows (*toomany set); free with json_object_put().
 */
static struct json_object *ndjson_rows(const char *body, size_t len, long max, int *toomany)
{
	struct json_object *arr = json_object_new_array(), *v;
	size_t i = 0, j, at, line = 0;
	long n = 0;
	char msg[SL_JSON_ERRMAX + 48], why[SL_JSON_ERRMAX];

	*toomany = 0;
	if (arr == NULL)
		return NULL;
	while (i < len) {
		for (j = i; j < len && body[j] != '\n'; j++)
			;
		line++;
		if (strspn(body + i, " \t\r") < j - i) {
			if (++n > max) {
				*toomany = 1;
				json_object_put(arr);
				return NULL;
			}
			if (sl_json_read(body + i, j - i, &v, &at, why, sizeof(why)) != 0) {
				snprintf(msg, sizeof(msg), "line %zu: invalid JSON at byte %zu: %s", line, at + 1,
				    why);
				v = json_object_new_string(msg);
			}
			json_object_array_add(arr, v);
		}
		i = j + 1;
	}
	return arr;
}

int import_api(struct sl_req *req, struct sl_resp *resp)
{
	long batch_max = sl_req_conf_long(req, "import.batch_max", 10000);
	struct json_object *body = sl_req_json(req), *rej = NULL, *m, *nd = NULL;
	const char *values[DC_MAXCOLS], *raw;
	size_t rawlen;
	int toomany;
	struct imp_sink *sink = NULL;
	char err[DC_ERRLEN];
	size_t i, n;
	int kind = sl_req_enum(req, "kind", -1), partial = sl_req_bool(req, "partial");
	int rc = -1, v, began = 0;
	long nrej = 0;

	if (kind < 0 || kind >= DC_NKINDS)
		return -1;   /* required: the core answered */
	if (body == NULL && (raw = sl_req_body(req, &rawlen)) != NULL) {
		if ((nd = ndjson_rows(raw, rawlen, batch_max, &toomany)) == NULL) {
			if (!toomany)
				return -1;
			sl_resp_error(resp, 413, "more than %ld rows in one request ([import] batch_max)",
			    batch_max);
			return 0;
		}
		body = nd;
	}
	if (body == NULL || !json_object_is_type(body, json_type_array)) {
		sl_resp_error(resp, 400, "body: expected a JSON array of %s rows "
		    "(Content-Type: application/json) or NDJSON (application/x-ndjson)",
		    dc_kinds[kind].name);
		json_object_put(nd);
		return 0;
	}
	n = json_object_array_length(body);
	if ((long)n > batch_max) {
		sl_resp_error(resp, 413, "%zu rows in one request; the limit is %ld ([import] batch_max)",
		    n, batch_max);
		json_object_put(nd);
		return 0;
	}
	if ((sink = imp_sink_new(sl_req_db(req), sl_req_conf(req, "site.timezone"), err, sizeof(err))) == NULL ||
	    (rej = json_object_new_array()) == NULL)
		goto out;
	if (imp_begin(sink, (enum dc_kind)kind, "request", err, sizeof(err)) != 0)
		goto out;
	began = 1;
	for (i = 0; i < n; i++) {
		struct json_object *row = json_object_array_get_idx(body, i), *r;

		if (json_object_is_type(row, json_type_string)) {
			snprintf(err, sizeof(err), "%s", json_object_get_string(row));
			v = 1;
		} else if (!json_object_is_type(row, json_type_object)) {
			snprintf(err, sizeof(err), "expected a JSON object");
			v = 1;
		} else if (dc_json_row((enum dc_kind)kind, row, values, err, sizeof(err)) != 0)
			v = 1;
		else if ((v = imp_row(sink, values, i, err, sizeof(err))) < 0)
			goto out;
		if (v == 1) {
			if (++nrej <= REJECTS_MAX) {
				r = json_object_new_object();
				json_object_object_add(r, "index", json_object_new_int64((int64_t)i));
				json_object_object_add(r, "reason", json_object_new_string(err));
				json_object_array_add(rej, r);
			}
		}
	}
	if (nrej > 0 && !partial) {
		imp_rollback(sink);
		began = 0;
	} else {
		if (imp_commit(sink, err, sizeof(err)) != 0)
			goto out;
		began = 0;
		if (imp_finish(sink, NULL, 0, err, sizeof(err)) < 0)
			goto out;
	}
	m = json_object_new_object();
	json_object_object_add(m, "accepted",
	    json_object_new_int64(nrej > 0 && !partial ? 0 : (int64_t)imp_accepted(sink)));
	json_object_object_add(m, "rejected", rej);
	rej = NULL;
	if (nrej > 0 && !partial)
		sl_resp_status(resp, 422);
	sl_resp_model(resp, m);
	rc = 0;
out:
	if (rc != 0)
		log_err("POST /api/v1/import/%s: %s", dc_kinds[kind].name, err);
	if (began)
		imp_rollback(sink);
	json_object_put(rej);
	json_object_put(nd);
	imp_sink_free(sink);
	return rc;
}
