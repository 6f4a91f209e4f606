/*
 * import_api.c - POST /api/v1/import/{kind}: a JSON array of row objects
 * (Content-Type application/json), one object per line
 * (application/x-ndjson; a row's index counts the non-blank lines from
 * 0), or the contract's CSV file (text/csv: a header row, then the rows,
 * read by the same reader and header check as `salient import`; a row's
 * index counts the data rows from 0 and "line" is its line in the body),
 * through the same sink as the CSV command (import.h), in one
 * transaction.  Another Content-Type is 415 naming these three (the
 * route declares them: struct sl_route's bodies).
 *
 *   200 {"accepted": N, "rejected": []}            every row went in
 *   422 {"accepted": 0, "rejected": [{"index": i, "line": l, "column": c,
 *        "reason_key": "data.row.date", "reason": "..."}]}
 *        some rows break the contract: nothing was written
 *   200 {"accepted": N, "rejected": [...]}  with ?partial=1 (a boolean,
 *        salient/input.h; kind is one of the contract's, else 400): the good rows
 *        went in, the bad ones are listed
 *
 * A rejected row's reason is in the caller's language (the catalogs'
 * data.* texts, dcmsg.h); reason_key is its stable code, column the
 * contract column it names (when it names one), line the line of a CSV
 * or NDJSON body.  A CSV header that does not fit the kind, or a CSV the
 * reader cannot read on, is one rejected entry without an index, and
 * nothing is written even with ?partial=1.
 *
 * Rows are upserted by host id, so retrying a batch after a timeout
 * changes nothing the second time.  At most [import] batch_max rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/contract.h"
#include "csvin.h"
#include "dcmsg.h"
#include "import.h"
#include "import_api.h"
#include "jsonrow.h"
#include "salient/log.h"
#include "salient/db.h"
#include "salient/jsonread.h"
#include "salient/input.h"
#include "salient/text.h"

#define REJECTS_MAX 1000	/* rejected rows listed in one answer */

/* One request's import. */
struct api_run {
	struct sl_req		*req;
	struct imp_sink		*sink;
	struct json_object	*rej;		/* the rejected rows */
	long			 nrej;
	long			 max;		/* [import] batch_max */
	int			 kind;
	int			 fatal;		/* nothing may be written */
};

static const char *req_text(void *ctx, const char *key)
{
	return sl_req_text(ctx, key);
}

/*
 * Lists a rejected row: its index (-1: none), its line (0: none) and the
 * message err (coded, dcmsg.h, or plain) in the caller's language.
 */
static void reject(struct api_run *a, long index, unsigned long line, const char *err)
{
	struct json_object *r;
	char key[96], col[96], text[SL_TEXT_MAX];

	if (++a->nrej > REJECTS_MAX || (r = json_object_new_object()) == NULL)
		return;
	if (index >= 0)
		json_object_object_add(r, "index", json_object_new_int64(index));
	if (line > 0)
		json_object_object_add(r, "line", json_object_new_int64((int64_t)line));
	if (dc_msg_arg(err, "column", col, sizeof(col)) != NULL)
		json_object_object_add(r, "column", json_object_new_string(col));
	if (dc_msg_key(err, key, sizeof(key)) != NULL)
		json_object_object_add(r, "reason_key", json_object_new_string(key));
	json_object_object_add(r, "reason", json_object_new_string(dc_msg_text(err, req_text,
	    a->req, text, sizeof(text))));
	json_object_array_add(a->rej, r);
}

/* 413 for more than max rows. */
static int too_many(struct api_run *a, struct sl_resp *resp)
{
	char max[24], msg[SL_TEXT_MAX];

	snprintf(max, sizeof(max), "%ld", a->max);
	sl_resp_error(resp, 413, "%s", sl_req_textf(a->req, msg, sizeof(msg), "data.api.too_many",
	    "max", max, NULL));
	return 0;
}

/*
 * NDJSON -> a JSON array with one element per non-blank line: the parsed
 * value (the core's one JSON reader, salient/jsonread.h), or the coded
 * message data.json.line (its line, byte and the reader's reason) as a
 * string (rejected as that row).  Returns NULL when out of memory or past
 * max rows (*toomany set); free with json_object_put().
 */
static struct json_object *ndjson_rows(const char *body, size_t len, long max, int *toomany)
{
	struct json_object *arr = json_object_new_array(), *v;
	size_t i = 0, j, at, line = 0;
	long n = 0;
	char msg[SL_JSON_ERRMAX + 96], why[SL_JSON_ERRMAX], ln[24], byte[24];

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
				snprintf(ln, sizeof(ln), "%zu", line);
				snprintf(byte, sizeof(byte), "%zu", at + 1);
				dc_msg(msg, sizeof(msg), "data.json.line", "line", ln, "byte", byte,
				    "why", why, NULL);
				v = json_object_new_string(msg);
			}
			json_object_array_add(arr, v);
		}
		i = j + 1;
	}
	return arr;
}

/* The rows of a JSON array (from a JSON or NDJSON body).  0, or -1 (err). */
static int json_rows(struct api_run *a, struct json_object *body, char *err, size_t errlen)
{
	const char *values[DC_MAXCOLS];
	size_t i, n = json_object_array_length(body);
	int v;

	for (i = 0; i < n; i++) {
		struct json_object *row = json_object_array_get_idx(body, i);

		if (json_object_is_type(row, json_type_string)) {
			snprintf(err, errlen, "%s", json_object_get_string(row));
			v = 1;
		} else if (dc_json_row((enum dc_kind)a->kind, row, values, err, errlen) != 0)
			v = 1;
		else if ((v = imp_row(a->sink, values, i, err, errlen)) < 0)
			return -1;
		if (v == 1)
			reject(a, (long)i, 0, err);
	}
	return 0;
}

/* The line a coded reader message names (csvin.h), 0 when none. */
static unsigned long msg_line(const char *err)
{
	char l[24], *end;
	unsigned long v;

	if (dc_msg_arg(err, "line", l, sizeof(l)) == NULL)
		return 0;
	v = strtoul(l, &end, 10);
	return *end == '\0' ? v : 0;
}

/*
 * The rows of a contract CSV body, read as `salient import` reads a file
 * of the route's kind.  0 (rows and rejects noted; *toomany past max
 * rows), or -1 (err: out of memory or the database).
 */
static int csv_rows(struct api_run *a, const char *body, size_t len, int *toomany, char *err,
    size_t errlen)
{
	const char *values[DC_MAXCOLS];
	struct csvin_rec rec;
	struct dc_header h;
	struct csvin *r = NULL;
	FILE *fp;
	long n = 0;
	int got, v, rc = -1;

	*toomany = 0;
	if ((fp = fmemopen((void *)body, len, "rb")) == NULL || (r = csvin_new(fp, "request")) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if ((got = csvin_next(r, &rec)) <= 0) {
		if (got < 0)
			reject(a, -1, msg_line(csvin_error(r)), csvin_error(r));
		else {
			dc_msg(err, errlen, "data.csv.empty", "file", "request", NULL);
			reject(a, -1, 1, err);
		}
		a->fatal = 1;
		rc = 0;
		goto out;
	}
	if (dc_header_check(a->kind, rec.fields, rec.nfields, &h, err, errlen) != 0) {
		reject(a, -1, rec.line, err);
		a->fatal = 1;
		rc = 0;
		goto out;
	}
	while ((got = csvin_next(r, &rec)) == 1) {
		if (++n > a->max) {
			*toomany = 1;
			rc = 0;
			goto out;
		}
		if (dc_header_values(&h, rec.fields, rec.nfields, values, err, errlen) != 0)
			v = 1;
		else if ((v = imp_row(a->sink, values, rec.line, err, errlen)) < 0)
			goto out;
		if (v == 1)
			reject(a, n - 1, rec.line, err);
	}
	if (got < 0) {
		reject(a, -1, msg_line(csvin_error(r)), csvin_error(r));
		a->fatal = 1;
	}
	rc = 0;
out:
	csvin_free(r);
	if (fp != NULL)
		fclose(fp);
	return rc;
}

/*
 * The request's rows into a->sink (begun): JSON, NDJSON or CSV by the
 * body's type.  0 with the rows read (or an answer given: *answered),
 * -1 (err) on a failure.
 */
static int read_rows(struct api_run *a, struct sl_resp *resp, int *answered, char *err,
    size_t errlen)
{
	const char *type = sl_req_body_type(a->req), *raw;
	struct json_object *body = sl_req_json(a->req), *nd = NULL;
	size_t rawlen = 0;
	int toomany = 0, rc = -1;
	char msg[SL_TEXT_MAX];

	*answered = 1;
	raw = sl_req_body(a->req, &rawlen);
	if (type != NULL && strcmp(type, "text/csv") == 0) {
		if (csv_rows(a, raw ? raw : "", rawlen, &toomany, err, errlen) != 0)
			return -1;
		if (toomany)
			return too_many(a, resp);
		*answered = 0;
		return 0;
	}
	if (body == NULL && raw != NULL) {
		if ((nd = ndjson_rows(raw, rawlen, a->max, &toomany)) == NULL) {
			if (!toomany) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			return too_many(a, resp);
		}
		body = nd;
	}
	if (body == NULL || !json_object_is_type(body, json_type_array)) {
		sl_resp_error(resp, 400, "%s", sl_req_textf(a->req, msg, sizeof(msg), "data.api.body",
		    "kind", dc_kinds[a->kind].name, NULL));
		rc = 0;
	} else if ((long)json_object_array_length(body) > a->max)
		rc = too_many(a, resp);
	else if ((rc = json_rows(a, body, err, errlen)) == 0)
		*answered = 0;
	json_object_put(nd);
	return rc;
}

int import_api(struct sl_req *req, struct sl_resp *resp)
{
	struct api_run a = { .req = req, .max = sl_req_conf_long(req, "import.batch_max", 10000) };
	struct json_object *m;
	char err[DC_ERRLEN];
	int partial = sl_req_bool(req, "partial"), rc = -1, began = 0, answered, none;

	a.kind = sl_req_enum(req, "kind", -1);
	if (a.kind < 0 || a.kind >= DC_NKINDS)
		return -1;   /* required: the core answered */
	if ((a.sink = imp_sink_new(sl_req_db(req), sl_req_conf(req, "site.timezone"), err,
	    sizeof(err))) == NULL || (a.rej = json_object_new_array()) == NULL)
		goto out;
	if (imp_begin(a.sink, (enum dc_kind)a.kind, "request", err, sizeof(err)) != 0)
		goto out;
	began = 1;
	if (read_rows(&a, resp, &answered, err, sizeof(err)) != 0)
		goto out;
	if (answered) {
		rc = 0;
		goto out;
	}
	none = a.fatal || (a.nrej > 0 && !partial);
	if (none) {
		imp_rollback(a.sink);
		began = 0;
	} else {
		if (imp_commit(a.sink, err, sizeof(err)) != 0)
			goto out;
		began = 0;
		if (imp_finish(a.sink, NULL, 0, err, sizeof(err)) < 0)
			goto out;
	}
	m = json_object_new_object();
	json_object_object_add(m, "accepted", json_object_new_int64(none ? 0 :
	    (int64_t)imp_accepted(a.sink)));
	json_object_object_add(m, "rejected", a.rej);
	a.rej = NULL;
	if (none)
		sl_resp_status(resp, 422);
	sl_resp_model(resp, m);
	rc = 0;
out:
	if (rc != 0)
		log_err("POST /api/v1/import/%s: %s", dc_kinds[a.kind].name, err);
	if (began)
		imp_rollback(a.sink);
	json_object_put(a.rej);
	imp_sink_free(a.sink);
	return rc;
}
