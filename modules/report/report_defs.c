/*
 * report_defs.c - saved report definitions (sql/010_report.sql): a name,
 * the sections, the language and optionally the customer ("pick at run
 * time" when none).  Listed on the builder page with Run and Delete, and
 * on the API:
 *
 *   GET    /api/v1/reports/definitions            {definitions, section_keys}
 *   POST   /api/v1/reports/definitions            201 {definition}
 *   DELETE /api/v1/reports/definitions/{id}       {deleted}
 *   GET    /api/v1/reports/definitions/{id}/pdf   ?customer=&as_of=: runs it
 *
 * A definition names its customer by customer_id (or customer, the builder
 * form's field) unless pick_at_run_time is 1 (or true).  A definition's
 * JSON: {id, name, customer_id (host) or null, sections [keys], has {key:
 * true}, lang, created_by, created_by_email, created_at}.
 * Changes are audited (report.definition.create / .delete).
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "report_http.h"
#include "salient/db.h"
#include "salient/format.h"

/* sections "a,b" -> sections [a, b] and has {a: true, b: true}; lang_is
 * {LANG: true}; created_at_text in the answer's language (lang; NULL: none). */
static void decorate(struct json_object *d, const char *lang)
{
	struct json_object *v, *arr = json_object_new_array(), *has = json_object_new_object();
	struct json_object *is = json_object_new_object();
	char text[SL_FMT_MAX];
	const char *s = json_object_object_get_ex(d, "sections", &v) ? json_object_get_string(v) : "";
	unsigned bits = 0;
	char err[160];
	int i;

	if (rp_sections_parse(s, &bits, err, sizeof(err)) != 0)
		bits = 0;
	for (i = 0; i < RP_NSECTIONS; i++)
		if (bits & (1u << i)) {
			json_object_array_add(arr, json_object_new_string(rp_sections[i].key));
			json_object_object_add(has, rp_sections[i].key, json_object_new_boolean(1));
		}
	json_object_object_add(d, "sections", arr);
	json_object_object_add(d, "has", has);
	if (json_object_object_get_ex(d, "lang", &v) && v != NULL)
		json_object_object_add(is, json_object_get_string(v), json_object_new_boolean(1));
	json_object_object_add(d, "lang_is", is);
	if (lang != NULL && json_object_object_get_ex(d, "created_at", &v) && v != NULL &&
	    sl_fmt_datetime(text, sizeof(text), lang, json_object_get_string(v)) == 0)
		json_object_object_add(d, "created_at_text", json_object_new_string(text));
}

struct json_object *rp_defs_list(struct sl_db *db, const char *lang)
{
	struct json_object *rows = sl_db_rows(db, SL_SQL(rp_sql, RP_SQL_DEF_LIST));
	size_t i;

	for (i = 0; rows != NULL && i < json_object_array_length(rows); i++)
		decorate(json_object_array_get_idx(rows, i), lang);
	return rows;
}

int rp_def_get(struct sl_db *db, long long id, struct json_object **out)
{
	int found = sl_db_row(db, out, SL_SQL(rp_sql, RP_SQL_DEF_ONE), id);

	if (found == 1)
		decorate(*out, NULL);
	return found;
}

/* Characters (code points) of valid UTF-8. */
static size_t chars(const char *s)
{
	size_t c = 0;

	for (; *s != '\0'; s++)
		c += ((unsigned char)*s & 0xC0) != 0x80;
	return c;
}

/*
 * Validates and stores a definition from the request (json: the API's JSON
 * body, sections an array).  Returns the new id, 0 after answering the
 * client (400, 404, 409: status in *status and the message in msg), or -1
 * on a database error.
 */
static long long create(struct sl_req *req, int json, int *status, char *msg, size_t msglen)
{
	struct sl_db *db = sl_req_db(req);
	const char *name = sl_req_str(req, "name", NULL), *cust = sl_req_str(req, "customer_id", NULL);
	struct json_object *row = NULL, *after;
	char sections[512], list[256], idtext[24], by[24];
	struct rp_params p;
	long long id;
	int found;

	if (cust == NULL)
		cust = sl_req_str(req, "customer", NULL);
	if (sl_req_bool(req, "pick_at_run_time"))
		cust = NULL;
	*status = 400;
	if (name == NULL || name[0] == '\0' || chars(name) > RP_NAME_MAX) {
		snprintf(msg, msglen, "name: required, at most %d characters", RP_NAME_MAX);
		return 0;
	}
	if (rp_in_sections(req, json, sections, sizeof(sections), msg, msglen) != 0 ||
	    rp_params_set(&p, cust, sections, sl_req_str(req, "lang", NULL), NULL, sl_req_lang(req),
	    msg, msglen) != 0)
		return 0;
	if (p.customer[0] != '\0') {
		if ((found = rp_customer(db, p.customer, &row)) < 0)
			return -1;
		json_object_put(row);
		row = NULL;
		if (!found) {
			*status = 404;
			snprintf(msg, msglen, "customer_id: no customer with id '%s'", p.customer);
			return 0;
		}
	}
	if ((found = sl_db_row(db, &row, SL_SQL(rp_sql, RP_SQL_DEF_BY_NAME), name)) < 0)
		return -1;
	json_object_put(row);
	if (found) {
		*status = 409;
		snprintf(msg, msglen, "name: a report definition with this name exists already");
		return 0;
	}
	rp_sections_text(p.sections, list, sizeof(list));
	snprintf(by, sizeof(by), "%lld", sl_req_user_id(req));
	if (sl_db_exec(db, SL_SQL(rp_sql, RP_SQL_DEF_INSERT), name,
	    p.customer[0] ? p.customer : NULL, list,
	    p.lang, sl_req_user_id(req) > 0 ? by : NULL) < 0)
		return -1;
	row = NULL;
	if (sl_db_row(db, &row, SL_SQL(rp_sql, RP_SQL_DEF_BY_NAME), name) != 1)
		return -1;
	id = json_object_get_int64(json_object_object_get(row, "id"));
	json_object_put(row);
	snprintf(idtext, sizeof(idtext), "%lld", id);
	after = json_object_new_object();
	json_object_object_add(after, "name", json_object_new_string(name));
	json_object_object_add(after, "customer_id", p.customer[0] ?
	    json_object_new_string(p.customer) : NULL);
	json_object_object_add(after, "sections", json_object_new_string(list));
	json_object_object_add(after, "lang", json_object_new_string(p.lang));
	sl_audit(req, "report.definition.create", idtext, NULL, after);
	json_object_put(after);
	*status = 201;
	return id;
}

/* Deletes definition id: 1 deleted, 0 none such, -1 error. */
static int delete(struct sl_req *req, long long id)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *row = NULL, *before;
	char idtext[24];
	int found;

	if ((found = rp_def_get(db, id, &row)) <= 0)
		return found;
	if (sl_db_exec(db, SL_SQL(rp_sql, RP_SQL_DEF_DELETE), id) < 0) {
		json_object_put(row);
		return -1;
	}
	snprintf(idtext, sizeof(idtext), "%lld", id);
	before = json_object_new_object();
	json_object_object_add(before, "name", json_object_get(json_object_object_get(row, "name")));
	json_object_object_add(before, "customer_id",
	    json_object_get(json_object_object_get(row, "customer_id")));
	json_object_object_add(before, "sections",
	    json_object_get(json_object_object_get(row, "sections")));
	json_object_object_add(before, "lang", json_object_get(json_object_object_get(row, "lang")));
	sl_audit(req, "report.definition.delete", idtext, before, NULL);
	json_object_put(before);
	json_object_put(row);
	return 1;
}

int rp_defs_api_list(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m, *rows = rp_defs_list(sl_req_db(req), sl_req_lang(req)), *keys;
	int i;

	if (rows == NULL)
		return -1;
	keys = json_object_new_array();
	for (i = 0; i < RP_NSECTIONS; i++)
		if (rp_sections[i].available)
			json_object_array_add(keys, json_object_new_string(rp_sections[i].key));
	m = json_object_new_object();
	json_object_object_add(m, "definitions", rows);
	json_object_object_add(m, "section_keys", keys);
	sl_resp_model(resp, m);
	return 0;
}

int rp_defs_api_create(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m, *d = NULL;
	char msg[256];
	long long id;
	int status;

	if ((id = create(req, 1, &status, msg, sizeof(msg))) < 0)
		return -1;
	if (id == 0) {
		sl_resp_error(resp, status, "%s", msg);
		return 0;
	}
	if (rp_def_get(sl_req_db(req), id, &d) != 1)
		return -1;
	m = json_object_new_object();
	json_object_object_add(m, "definition", d);
	sl_resp_status(resp, 201);
	sl_resp_model(resp, m);
	return 0;
}

int rp_defs_api_delete(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m;
	long long id = (long long)sl_req_uint(req, "id", 0);
	int found;

	if ((found = delete(req, id)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 404, "id: no report definition %lld", id);
		return 0;
	}
	m = json_object_new_object();
	json_object_object_add(m, "deleted", json_object_new_int64(id));
	sl_resp_model(resp, m);
	return 0;
}

/*
 * Runs definition id: its sections and language, its customer or the one
 * the request names (customer, required when the definition has none), as
 * of the request's as_of or today.
 */
static int run(struct sl_req *req, struct sl_resp *resp, int page)
{
	struct json_object *d = NULL, *v;
	const char *cust, *given = sl_req_str(req, "customer", NULL);
	struct rp_params p;
	char err[256], list[256];
	long long id = (long long)sl_req_uint(req, "id", 0);
	int found, rc = -1;

	if ((found = rp_def_get(sl_req_db(req), id, &d)) < 0)
		return -1;
	if (!found) {
		rc = 0;
		if (page)
			rc = rp_builder_answer(req, resp, 404, "danger", "id: no such report definition", NULL);
		else
			sl_resp_error(resp, 404, "id: no report definition %lld", id);
		goto out;
	}
	cust = json_object_object_get_ex(d, "customer_id", &v) && v ? json_object_get_string(v) : NULL;
	if (cust == NULL)
		cust = given;
	list[0] = '\0';
	if (json_object_object_get_ex(d, "sections", &v)) {
		size_t i, n = 0;

		for (i = 0; i < json_object_array_length(v) && n < sizeof(list); i++)
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", n ? "," : "",
			    json_object_get_string(json_object_array_get_idx(v, i)));
	}
	if (rp_params_set(&p, cust, list, json_object_get_string(json_object_object_get(d, "lang")),
	    sl_req_date(req, "as_of"), sl_req_lang(req), err, sizeof(err)) != 0) {
		rc = 0;
		if (page)
			rc = rp_builder_answer(req, resp, 400, "danger", err, NULL);
		else
			sl_resp_error(resp, 400, "%s", err);
		goto out;
	}
	rc = rp_send_pdf(req, resp, &p, page);
out:
	json_object_put(d);
	return rc;
}

int rp_defs_api_pdf(struct sl_req *req, struct sl_resp *resp)
{
	return run(req, resp, 0);
}

int rp_defs_page_run(struct sl_req *req, struct sl_resp *resp)
{
	return run(req, resp, 1);
}

/* The builder form's values as parameters, to show them again; NULL when
 * they do not parse. */
static const struct rp_params *form_params(struct sl_req *req, struct rp_params *p)
{
	char sections[512], err[256];

	if (rp_in_sections(req, 0, sections, sizeof(sections), err, sizeof(err)) != 0 ||
	    rp_params_set(p, sl_req_str(req, "customer", NULL), sections,
	    sl_req_str(req, "lang", NULL), sl_req_date(req, "as_of"), sl_req_lang(req), err,
	    sizeof(err)) != 0)
		return NULL;
	return p;
}

int rp_defs_page_create(struct sl_req *req, struct sl_resp *resp)
{
	struct rp_params p;
	char msg[256];
	long long id;
	int status;

	if ((id = create(req, 0, &status, msg, sizeof(msg))) < 0)
		return -1;
	if (id == 0)
		return rp_builder_answer(req, resp, status, "danger", msg, NULL);
	return rp_builder_answer(req, resp, 201, "success",
	    sl_req_text(req, "report.flash.saved"), form_params(req, &p));
}

int rp_defs_page_delete(struct sl_req *req, struct sl_resp *resp)
{
	long long id = (long long)sl_req_uint(req, "id", 0);
	int found;

	if ((found = delete(req, id)) < 0)
		return -1;
	if (!found)
		return rp_builder_answer(req, resp, 404, "danger", "id: no such report definition", NULL);
	return rp_builder_answer(req, resp, 200, "success",
	    sl_req_text(req, "report.flash.deleted"), NULL);
}
