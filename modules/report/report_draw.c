/*
 * report_draw.c - draws a customer report's model (report_data.c) on a PDF
 * document in the report's language.  Pure: no FastCGI or MariaDB header;
 * tests/unit/test_report_draw.c draws hand-written models and reads them
 * back with pdftotext.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "report_int.h"
#include "salient/classify.h"

const char *rp_text(struct json_object *catalogs, const char *lang, const char *key)
{
	struct json_object *cat, *v;

	if (catalogs != NULL && lang != NULL && json_object_object_get_ex(catalogs, lang, &cat) &&
	    json_object_object_get_ex(cat, key, &v) && json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (catalogs != NULL && json_object_object_get_ex(catalogs, "en", &cat) &&
	    json_object_object_get_ex(cat, key, &v) && json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return key;
}

const char *rp_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	return o != NULL && json_object_object_get_ex(o, key, &v) && v != NULL &&
	    !json_object_is_type(v, json_type_object) && !json_object_is_type(v, json_type_array) ?
	    json_object_get_string(v) : NULL;
}

const char *rp_t(const struct rp_draw_ctx *w, const char *key)
{
	return rp_text(w->cat, w->lang, key);
}


static void classifications(const struct rp_draw_ctx *w)
{
	struct json_object *rows, *r;
	char key[96], note[2048];
	size_t i, n;

	pdf_heading(w->d, rp_t(w, rp_sections[RP_CLASSIFICATIONS].title));
	if (!json_object_object_get_ex(w->m, "classifications", &rows) ||
	    (n = json_object_array_length(rows)) == 0) {
		pdf_text(w->d, PDF_BODY, rp_t(w, "report.pdf.no_classifications"));
		return;
	}
	for (i = 0; i < n; i++) {
		const char *type, *since, *comments, *title;
		char tkey[96];

		r = json_object_array_get_idx(rows, i);
		type = rp_str(r, "type");
		since = rp_str(r, "since_text") ? rp_str(r, "since_text") : rp_str(r, "since");
		comments = rp_str(r, "comments");
		title = rp_str(r, "title");
		/* a starter classification the shop has not edited: in the report's language */
		if (cl_starter_text_key(tkey, sizeof(tkey), rp_str(r, "starter_key"), "title") != NULL)
			title = rp_t(w, tkey);
		if (cl_starter_text_key(tkey, sizeof(tkey), rp_str(r, "starter_key"), "comments") != NULL)
			comments = rp_t(w, tkey);
		snprintf(key, sizeof(key), "metric.%s", type ? type : "");
		snprintf(note, sizeof(note), "%s · %s %s%s%s", type ? rp_t(w, key) : "",
		    rp_t(w, "report.pdf.since"), since ? since : "",
		    comments && comments[0] ? "\n" : "", comments ? comments : "");
		pdf_badge_row(w->d, title, rp_str(r, "colour"), note);
	}
}

/* The drawers of the sections, by enum rp_section. */
static void (*const drawers[RP_NSECTIONS])(const struct rp_draw_ctx *) = {
	[RP_SUMMARY] = rp_draw_summary,
	[RP_TREND] = rp_draw_trend,
	[RP_TOP] = rp_draw_top,
	[RP_TARGETS] = rp_draw_targets,
	[RP_CLASSIFICATIONS] = classifications,
	[RP_SUGGESTIONS] = rp_draw_suggestions,
};

static void title_block(const struct rp_draw_ctx *w)
{
	struct json_object *c = json_object_object_get(w->m, "customer");
	const char *email = rp_str(c, "email"), *type = rp_str(c, "smart_type");
	const char *city = rp_str(c, "city"), *country = rp_str(c, "country");
	char l1[512], l2[256], tkey[64];
	const char *lines[2] = { l1, l2 };

	snprintf(tkey, sizeof(tkey), "smart_type.%s", type ? type : "");
	snprintf(l1, sizeof(l1), "%s: %s%s%s%s%s%s%s%s%s", rp_t(w, "report.pdf.customer_id"),
	    rp_str(c, "customer_id") ? rp_str(c, "customer_id") : "",
	    email && email[0] ? " · " : "", email ? email : "",
	    type ? " · " : "", type ? rp_t(w, tkey) : "",
	    city && city[0] ? " · " : "", city ? city : "",
	    country && country[0] ? ", " : "", country ? country : "");
	snprintf(l2, sizeof(l2), "%s: %s", rp_t(w, "report.pdf.as_of"),
	    rp_str(w->m, "as_of_text") ? rp_str(w->m, "as_of_text") : rp_str(w->m, "as_of"));
	pdf_title_block(w->d, rp_t(w, "report.pdf.title"), rp_str(c, "name"), lines, 2);
}

void rp_draw(struct pdf_doc *d, struct json_object *model, struct json_object *catalogs)
{
	struct rp_draw_ctx w = { d, model, catalogs, rp_str(model, "lang") };
	struct json_object *keys;
	size_t i, k;

	title_block(&w);
	if (!json_object_object_get_ex(model, "sections", &keys))
		return;
	for (i = 0; i < json_object_array_length(keys); i++) {
		const char *key = json_object_get_string(json_object_array_get_idx(keys, i));

		for (k = 0; k < RP_NSECTIONS; k++)
			if (key != NULL && strcmp(key, rp_sections[k].key) == 0 && drawers[k] != NULL)
				drawers[k](&w);
	}
}
