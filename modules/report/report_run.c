/*
 * report_run.c - the one pipeline from validated parameters to a PDF:
 * fetch the model, load the theme's catalogs, draw, finish.  Used by the
 * builder page, the API and `salient report`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "report_int.h"
#include "salient/db.h"
#include "salient/text.h"

int rp_render(struct sl_db *db, const char *theme_dir, const struct rp_params *p,
    const char *path, unsigned char **pdf, size_t *len, char *err, size_t errlen)
{
	struct json_object *m = NULL, *cat = NULL, *c;
	struct pdf_opts o = { 0 };
	struct pdf_doc *d = NULL;
	const unsigned char *data;
	char title[400], footer[400];
	const char *name, *asof;
	int rc = 500, found;

	if (pdf != NULL)
		*pdf = NULL;
	if (len != NULL)
		*len = 0;
	if ((found = rp_fetch(db, p, &m)) < 0) {
		snprintf(err, errlen, "database: %s", sl_db_error(db));
		goto out;
	}
	if (found == 0) {
		snprintf(err, errlen, "customer: no customer with id '%s'", p->customer);
		rc = 404;
		goto out;
	}
	if ((cat = sl_catalogs_load(theme_dir, err, errlen)) == NULL)
		goto out;
	c = json_object_object_get(m, "customer");
	name = json_object_get_string(json_object_object_get(c, "name"));
	asof = json_object_get_string(json_object_object_get(m, "as_of_text"));
	snprintf(title, sizeof(title), "%s: %s", rp_text(cat, p->lang, "report.pdf.title"), name);
	snprintf(footer, sizeof(footer), "Salient · %s · %s", name, asof ? asof : p->as_of);
	o.path = path;
	o.title = title;
	o.footer = footer;
	o.page_word = rp_text(cat, p->lang, "report.pdf.page");
	if ((d = pdf_open(&o, err, errlen)) == NULL)
		goto out;
	rp_draw(d, m, cat);
	if (pdf_finish(d, err, errlen) != 0)
		goto out;
	if (path == NULL) {
		data = pdf_data(d, len);
		if ((*pdf = malloc(*len)) == NULL) {
			snprintf(err, errlen, "out of memory");
			*len = 0;
			goto out;
		}
		memcpy(*pdf, data, *len);
	}
	rc = 200;
out:
	pdf_free(d);
	json_object_put(cat);
	json_object_put(m);
	return rc;
}
