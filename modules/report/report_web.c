/*
 * report_web.c - the report builder page (GET/POST /admin/reports/customer)
 * and the PDF downloads (the page's POST, GET /api/v1/reports/customer/
 * {ID}.pdf).  The builder's view model (also the JSON API):
 *
 *   sec              {KEY: {checked}} for each section this build draws
 *   section_keys     [KEY...] the same, in table order
 *   report_lang      "da" and lang_is {da: true}: the report's language
 *   as_of            "2024-03-31": the report's day (default today)
 *   customer_input   the customer id typed, and customer {customer_id, name,
 *                    email, smart_type} when it is known
 *   q, matches       a search and the customers it found (at most 20)
 *   definitions      the saved definitions (report_defs.c); any_definitions
 *   any_matches, no_matches  whether the search found anyone
 *   flash            [{kind, text}]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/log.h"
#include "report_http.h"
#include "salient/db.h"

int rp_in_sections(const struct sl_req *req, int json, char *buf, size_t len, char *err,
    size_t errlen)
{
	struct json_object *v, *e;
	const char *s;
	char name[64];
	size_t n = 0, i;
	int k;

	buf[0] = '\0';
	if (!json && (s = sl_req_str(req, "sections", NULL)) != NULL) {
		snprintf(buf, len, "%s", s);
		return 0;
	}
	if (json && (v = sl_req_member(req, "sections")) != NULL) {
		for (i = 0; i < json_object_array_length(v) && n < len; i++) {
			e = json_object_array_get_idx(v, i);
			if (!json_object_is_type(e, json_type_string)) {
				snprintf(err, errlen, "sections: expected an array of section names");
				return -1;
			}
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "",
			    json_object_get_string(e));
		}
		if (n >= len) {
			snprintf(err, errlen, "sections: too long");
			return -1;
		}
		return 0;
	}
	for (k = 0; k < RP_NSECTIONS && n < len; k++) {
		snprintf(name, sizeof(name), "section_%s", rp_sections[k].key);
		if (sl_req_bool(req, name))
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "", rp_sections[k].key);
	}
	/* the builder's form says it has checkboxes: none ticked is a mistake,
	 * not "every section" */
	if (n == 0 && sl_req_bool(req, "section_form")) {
		snprintf(err, errlen, "sections: tick at least one section");
		return -1;
	}
	return 0;
}

static const char *theme_dir(struct sl_req *req)
{
	return sl_req_conf(req, "paths.theme_dir");
}

/* The builder's model for the values of p (NULL: defaults), the search q
 * and the customer typed (NULL: none); NULL on error. */
static struct json_object *builder_model(struct sl_req *req, const struct rp_params *p,
    const char *q, const char *cust)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *m = json_object_new_object(), *sec = json_object_new_object();
	struct json_object *keys = json_object_new_array(), *is = json_object_new_object();
	struct json_object *c = NULL, *rows;
	const char *lang = p ? p->lang : sl_req_lang(req);
	char today[16];
	int i, found;

	json_object_object_add(m, "sec", sec);
	json_object_object_add(m, "section_keys", keys);
	for (i = 0; i < RP_NSECTIONS; i++) {
		struct json_object *s;

		if (!rp_sections[i].available)
			continue;
		s = json_object_new_object();
		json_object_object_add(s, "checked", json_object_new_boolean(
		    p == NULL || (p->sections & (1u << i))));
		json_object_object_add(sec, rp_sections[i].key, s);
		json_object_array_add(keys, json_object_new_string(rp_sections[i].key));
	}
	if (!rp_lang_ok(lang))
		lang = "en";
	json_object_object_add(m, "report_lang", json_object_new_string(lang));
	json_object_object_add(is, lang, json_object_new_boolean(1));
	json_object_object_add(m, "lang_is", is);
	rp_today(today, sizeof(today));
	json_object_object_add(m, "as_of", json_object_new_string(p ? p->as_of : today));
	json_object_object_add(m, "customer_input", json_object_new_string(cust ? cust : ""));
	if (cust != NULL && cust[0] != '\0') {
		if ((found = rp_customer(db, cust, &c)) < 0)
			goto fail;
		json_object_object_add(m, "customer", found ? c : NULL);
	}
	if (q != NULL && q[0] != '\0') {
		if ((rows = rp_search(db, q)) == NULL)
			goto fail;
		json_object_object_add(m, "q", json_object_new_string(q));
		json_object_object_add(m, "matches", rows);
		json_object_object_add(m, "no_matches", json_object_new_boolean(
		    json_object_array_length(rows) == 0));
		json_object_object_add(m, "any_matches", json_object_new_boolean(
		    json_object_array_length(rows) > 0));
	}
	if ((rows = rp_defs_list(db, sl_req_lang(req))) == NULL)
		goto fail;
	json_object_object_add(m, "definitions", rows);
	json_object_object_add(m, "any_definitions", json_object_new_boolean(
	    json_object_array_length(rows) > 0));
	return m;
fail:
	json_object_put(m);
	return NULL;
}

int rp_builder_answer(struct sl_req *req, struct sl_resp *resp, int status,
    const char *kind, const char *msg, const struct rp_params *p)
{
	struct json_object *m;

	if (status >= 400 && sl_req_wants_json(req)) {
		sl_resp_error(resp, status, "%s", msg);
		return 0;
	}
	if ((m = builder_model(req, p, NULL, p ? p->customer : NULL)) == NULL)
		return -1;
	if (msg != NULL)
		sl_flash(m, kind, msg);
	sl_resp_status(resp, status);
	sl_resp_model(resp, m);
	return 0;
}

int rp_builder(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m = builder_model(req, NULL, sl_req_str(req, "q", NULL),
	    sl_req_str(req, "customer", NULL));

	if (m == NULL)
		return -1;
	sl_resp_model(resp, m);
	return 0;
}

/* A file name of safe bytes: customer-HOST-ASOF.pdf. */
static void file_name(char *buf, size_t len, const struct rp_params *p)
{
	char host[RP_HOST_MAX + 1];
	size_t i;

	snprintf(host, sizeof(host), "%s", p->customer);
	for (i = 0; host[i] != '\0'; i++)
		if (!((host[i] >= 'A' && host[i] <= 'Z') || (host[i] >= 'a' && host[i] <= 'z') ||
		    (host[i] >= '0' && host[i] <= '9') || host[i] == '-' || host[i] == '.'))
			host[i] = '_';
	snprintf(buf, len, "customer-%s-%s.pdf", host, p->as_of);
}

int rp_send_pdf(struct sl_req *req, struct sl_resp *resp, const struct rp_params *p, int page)
{
	unsigned char *pdf = NULL;
	char err[512], name[128];
	size_t len = 0;
	int rc;

	if (p->customer[0] == '\0') {
		if (page)
			return rp_builder_answer(req, resp, 400, "danger", "customer: required", p);
		sl_resp_error(resp, 400, "customer: required");
		return 0;
	}
	rc = rp_render(sl_req_db(req), theme_dir(req), p, NULL, &pdf, &len, err, sizeof(err));
	if (rc == 404) {
		if (page)
			return rp_builder_answer(req, resp, 404, "danger", err, p);
		sl_resp_error(resp, 404, "%s", err);
		return 0;
	}
	if (rc != 200) {
		log_err("report for customer %.64s: %s", p->customer, err);
		return -1;
	}
	file_name(name, sizeof(name), p);
	rc = 0;
	if (sl_resp_download(resp, "application/pdf", name) != 0 ||
	    sl_resp_write(resp, pdf, len) != 0)
		rc = -1;
	free(pdf);
	return rc;
}

/*
 * The report's parameters from the request; -1 after answering 400.  The
 * builder's form (page) names the report's language in its field lang; on
 * the API's GET, ?lang= is the core's (the answer's language, which the
 * report then takes).
 */
static int read_params(struct sl_req *req, struct sl_resp *resp, struct rp_params *p,
    const char *customer, int page)
{
	char sections[512], err[256];

	if (rp_in_sections(req, 0, sections, sizeof(sections), err, sizeof(err)) != 0 ||
	    rp_params_set(p, customer, sections, page ? sl_req_str(req, "lang", NULL) : NULL,
	    sl_req_date(req, "as_of"), sl_req_lang(req), err, sizeof(err)) != 0) {
		if (page && rp_builder_answer(req, resp, 400, "danger", err, NULL) != 0)
			return -2;
		if (!page)
			sl_resp_error(resp, 400, "%s", err);
		return -1;
	}
	return 0;
}

int rp_builder_post(struct sl_req *req, struct sl_resp *resp)
{
	struct rp_params p;
	int rc;

	if ((rc = read_params(req, resp, &p, sl_req_str(req, "customer", NULL), 1)) != 0)
		return rc == -2 ? -1 : 0;
	return rp_send_pdf(req, resp, &p, 1);
}

/* GET /api/v1/reports/customer/{file}: file is HOSTID.pdf. */
int rp_api_pdf(struct sl_req *req, struct sl_resp *resp)
{
	const char *file = sl_req_str(req, "file", NULL);
	char host[RP_HOST_MAX + 1];
	struct rp_params p;
	size_t n = file ? strlen(file) : 0;

	if (n <= 4 || strcmp(file + n - 4, ".pdf") != 0 || n - 4 > RP_HOST_MAX) {
		sl_resp_error(resp, 400, "customer: expected /api/v1/reports/customer/ID.pdf "
		    "with a customer id of at most %d characters", RP_HOST_MAX);
		return 0;
	}
	snprintf(host, sizeof(host), "%.*s", (int)(n - 4), file);
	if (read_params(req, resp, &p, host, 0) != 0)
		return 0;
	return rp_send_pdf(req, resp, &p, 0);
}
