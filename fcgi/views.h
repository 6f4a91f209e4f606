/*
 * views.h - the theme: compiled templates and message catalogs of one
 * worker, and rendering a view model through them.
 */
#ifndef SALIENT_VIEWS_H
#define SALIENT_VIEWS_H

#include <stddef.h>

#include <json-c/json.h>

#include "mustache.h"

struct views;

/*
 * Loads the theme at dir: every templates/NAME.mustache is compiled now, so a
 * syntax error fails here with file, line and reason, not at request time;
 * locales/LANG.json plus locales/MODULE.KEYS.json are the message catalogs.  Returns NULL with the reason
 * in err; free with views_free().
 */
struct views *views_load(const char *dir, char *err, size_t errlen);
void views_free(struct views *v);

/*
 * The catalog message key ("nav.customers") in lang, else in English, else
 * key itself.  Borrowed from the loaded theme.
 */
const char *views_text(struct views *v, const char *lang, const char *key);

/* What the core knows about the request, beside the handler's view model. */
struct view_ctx {
	const char *lang;          /* "en", "da", "ru" */
	const char *prefix;        /* "/salient" */
	const char *path;          /* below the prefix, for the active nav entry */
	int role;                  /* enum sl_role of the signed-in user (0 = none) */
	struct json_object *me;    /* the signed-in user or customer, or NULL; borrowed */
};

/*
 * Renders template (a name below templates/, without .mustache) with the
 * view model as context, plus `t` (the catalog of vc->lang), `lang`,
 * `prefix`, `path`, `me`, `nav` (the admin navigation for vc->role, the
 * entry of vc->path marked active) and `langs` (the language switch).  Returns 0, or -1 with the reason in err.
 */
int views_render(struct views *v, const char *template, const struct view_ctx *vc,
    struct json_object *model, struct mst_buf *out, char *err, size_t errlen);

#endif
