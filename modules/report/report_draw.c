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

static const char *str(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) && v != NULL ? json_object_get_string(v) : NULL;
}

struct draw {
	struct pdf_doc *d;
	struct json_object *m, *cat;
	const char *lang;
};

static const char *T(const struct draw *w, const char *key)
{
	return rp_text(w->cat, w->lang, key);
}

static void classifications(const struct draw *w)
{
	struct json_object *rows, *r;
	char key[96], note[2048];
	size_t i, n;

	pdf_heading(w->d, T(w, rp_sections[RP_CLASSIFICATIONS].title));
	if (!json_object_object_get_ex(w->m, "classifications", &rows) ||
	    (n = json_object_array_length(rows)) == 0) {
		pdf_text(w->d, PDF_BODY, T(w, "report.pdf.no_classifications"));
		return;
	}
	for (i = 0; i < n; i++) {
		const char *type, *since, *comments;

		r = json_object_array_get_idx(rows, i);
		type = str(r, "type");
		since = str(r, "since_text") ? str(r, "since_text") : str(r, "since");
		comments = str(r, "comments");
		snprintf(key, sizeof(key), "report.ctype.%s", type ? type : "");
		snprintf(note, sizeof(note), "%s · %s %s%s%s", type ? T(w, key) : "",
		    T(w, "report.pdf.since"), since ? since : "",
		    comments && comments[0] ? "\n" : "", comments ? comments : "");
		pdf_badge_row(w->d, str(r, "title"), str(r, "colour"), note);
	}
}

/* The drawers of the sections this build has, by enum rp_section. */
static void (*const drawers[RP_NSECTIONS])(const struct draw *) = {
	[RP_CLASSIFICATIONS] = classifications,
};

static void title_block(const struct draw *w)
{
	struct json_object *c = json_object_object_get(w->m, "customer");
	const char *email = str(c, "email"), *type = str(c, "smart_type");
	const char *city = str(c, "city"), *country = str(c, "country");
	char l1[512], l2[256], tkey[64];
	const char *lines[2] = { l1, l2 };

	snprintf(tkey, sizeof(tkey), "smart_type.%s", type ? type : "");
	snprintf(l1, sizeof(l1), "%s: %s%s%s%s%s%s%s%s%s", T(w, "report.pdf.customer_id"),
	    str(c, "customer_id") ? str(c, "customer_id") : "",
	    email && email[0] ? " · " : "", email ? email : "",
	    type ? " · " : "", type ? T(w, tkey) : "",
	    city && city[0] ? " · " : "", city ? city : "",
	    country && country[0] ? ", " : "", country ? country : "");
	snprintf(l2, sizeof(l2), "%s: %s", T(w, "report.pdf.as_of"),
	    str(w->m, "as_of_text") ? str(w->m, "as_of_text") : str(w->m, "as_of"));
	pdf_title_block(w->d, T(w, "report.pdf.title"), str(c, "name"), lines, 2);
}

void rp_draw(struct pdf_doc *d, struct json_object *model, struct json_object *catalogs)
{
	struct draw w = { d, model, catalogs, str(model, "lang") };
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
