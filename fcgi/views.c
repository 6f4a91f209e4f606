/*
 * views.c - theme loading and rendering.
 *
 * A theme folder holds templates/ (pages: NAME.mustache, in subfolders
 * admin/, account/), partials/ (layouts and shared pieces) and locales/.
 *
 * Message catalogs.  locales/LANG.json (en.json, da.json, ru.json) holds
 * the theme's messages for one language as a flat object of dotted keys:
 * {"nav.customers": "Customers", ...}.  A module's own messages live in one
 * file locales/MODULE.KEYS.json with every language of a key together:
 * {"access.login.title": {"en": "Sign in", "da": "Log ind", "ru": "Вход"}}.
 * At load every *.KEYS.json is merged into the language catalogs (a key
 * defined twice is a load error, so a module cannot silently override the
 * theme), and the flat keys are nested so a template reads
 * {{t.nav.customers}}.  Templates get the catalog of the request's language
 * as `t`; a message missing in a language falls back to English at run
 * time, and tests/unit/test_catalog.c fails the build's tests for it: every
 * catalog must hold the same keys, and every {{t.KEY}} in a template and
 * every module's nav key must exist.
 *
 * Context of every render, beside the handler's view model: t, lang,
 * prefix, path, me, nav (the admin navigation from the modules' struct
 * sl_nav entries the role may see, plain ones and dropdown groups from
 * sl_nav_groups[], with the active entry and its group marked) and langs
 * (the language switch: code, name, href to this page with ?lang=, active).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "salient/log.h"
#include "router.h"
#include "salient/salient.h"
#include "salient/url.h"
#include "salient/text.h"
#include "views.h"

#define MAX_LANGS 8
#define MAX_DEPTH 4

struct views {
	mst_cache *cache;
	struct mst_loader loader;
	struct { char code[8]; struct json_object *catalog; } lang[MAX_LANGS];
	size_t nlang;
};

/* Compiles every .mustache below dir/rel (recursively, MAX_DEPTH deep). */
static int precompile(struct views *v, const char *root, const char *rel, int depth,
    char *err, size_t errlen)
{
	char path[4096], name[512];
	struct dirent *de;
	struct stat sb;
	DIR *d;
	int rc = 0;

	snprintf(path, sizeof(path), "%s%s%s", root, rel[0] ? "/" : "", rel);
	if ((d = opendir(path)) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		snprintf(name, sizeof(name), "%s%s%s", rel, rel[0] ? "/" : "", de->d_name);
		snprintf(path, sizeof(path), "%s/%s", root, name);
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			if (depth < MAX_DEPTH)
				rc = precompile(v, root, name, depth + 1, err, errlen);
		} else if (n > 9 && strcmp(de->d_name + n - 9, ".mustache") == 0) {
			name[strlen(name) - 9] = '\0';
			if (mst_cache_get(v->cache, name, err, errlen) == NULL)
				rc = -1;
		}
	}
	closedir(d);
	return rc;
}

/* ------------------------------------------------------------ catalogs */

/* "en.json": a language file's name (two or three lower-case letters). */
static int lang_file(const char *name, char *code, size_t len)
{
	size_t n = strlen(name), i;

	if (n < 7 || n > 8 || strcmp(name + n - 5, ".json") != 0 || len < 4)
		return 0;
	for (i = 0; i < n - 5; i++)
		if (name[i] < 'a' || name[i] > 'z')
			return 0;
	snprintf(code, len, "%.*s", (int)(n - 5), name);
	return 1;
}

static int keys_file(const char *name)
{
	size_t n = strlen(name);

	return n > 10 && strcmp(name + n - 10, ".KEYS.json") == 0;
}

/* A JSON object read from path, or NULL with the reason in err. */
static struct json_object *read_object(const char *path, char *err, size_t errlen)
{
	struct json_object *o = json_object_from_file(path);

	if (o == NULL || !json_object_is_type(o, json_type_object)) {
		snprintf(err, errlen, "%s: not a JSON object: %s", path,
		    o ? "another JSON value" : json_util_get_last_err());
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* Adds one message; a key twice or a text that is not a string is an error. */
static int add_message(struct json_object *cat, const char *key, struct json_object *text,
    const char *path, char *err, size_t errlen)
{
	if (!json_object_is_type(text, json_type_string)) {
		snprintf(err, errlen, "%s: %s: the text is not a string", path, key);
		return -1;
	}
	if (json_object_object_get_ex(cat, key, NULL)) {
		snprintf(err, errlen, "%s: %s: the key is defined twice", path, key);
		return -1;
	}
	json_object_object_add(cat, key, json_object_get(text));
	return 0;
}

/* Merges a KEYS file ({"key": {"en": ..., "da": ...}}) into every language. */
static int merge_keys(struct json_object *all, const char *path, char *err, size_t errlen)
{
	struct json_object *keys, *cat;
	int rc = -1;

	if ((keys = read_object(path, err, errlen)) == NULL)
		return -1;
	json_object_object_foreach(keys, key, per) {
		if (!json_object_is_type(per, json_type_object)) {
			snprintf(err, errlen, "%s: %s: expected {\"en\": ..., \"da\": ..., \"ru\": ...}",
			    path, key);
			goto out;
		}
		json_object_object_foreach(per, code, text) {
			if (!json_object_object_get_ex(all, code, &cat)) {
				snprintf(err, errlen, "%s: %s: no catalog locales/%s.json for this language",
				    path, key, code);
				goto out;
			}
			if (add_message(cat, key, text, path, err, errlen) != 0)
				goto out;
		}
	}
	rc = 0;
out:
	json_object_put(keys);
	return rc;
}

const char *sl_catalogs_text(struct json_object *catalogs, const char *lang, const char *key)
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

/*
 * Two passes over locales/: the language files first (they name the
 * languages), then every *.KEYS.json, in name order so errors repeat.
 */
struct json_object *sl_catalogs_load(const char *dir, char *err, size_t errlen)
{
	struct json_object *all = NULL, *cat, *flat;
	struct dirent **names = NULL;
	char path[4096], code[8];
	int n = -1, i, pass;

	snprintf(path, sizeof(path), "%s/locales", dir);
	if ((n = scandir(path, &names, NULL, alphasort)) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if ((all = json_object_new_object()) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			const char *name = names[i]->d_name;

			snprintf(path, sizeof(path), "%s/locales/%s", dir, name);
			if (pass == 0 && lang_file(name, code, sizeof(code))) {
				if ((cat = json_object_new_object()) == NULL)
					goto fail;
				json_object_object_add(all, code, cat);
				if ((flat = read_object(path, err, errlen)) == NULL)
					goto fail;
				json_object_object_foreach(flat, key, text) {
					if (add_message(cat, key, text, path, err, errlen) != 0) {
						json_object_put(flat);
						goto fail;
					}
				}
				json_object_put(flat);
			} else if (pass == 1 && keys_file(name) &&
			    merge_keys(all, path, err, errlen) != 0) {
				goto fail;
			}
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return all;
fail:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	json_object_put(all);
	return NULL;
}

/*
 * Turns flat keys into nested objects, as Mustache's dotted names read
 * them: "nav.customers" becomes t.nav.customers.  A key that is both a
 * message and a prefix of another ("nav" and "nav.x") is an error.
 */
static int nest_key(struct json_object *root, const char *key, struct json_object *text,
    char *err, size_t errlen)
{
	struct json_object *o = root, *next;
	const char *p = key, *dot;
	char part[128];

	while ((dot = strchr(p, '.')) != NULL) {
		if (dot == p || (size_t)(dot - p) >= sizeof(part))
			goto bad;
		snprintf(part, sizeof(part), "%.*s", (int)(dot - p), p);
		if (!json_object_object_get_ex(o, part, &next)) {
			next = json_object_new_object();
			json_object_object_add(o, part, next);
		} else if (!json_object_is_type(next, json_type_object)) {
			goto bad;
		}
		o = next;
		p = dot + 1;
	}
	if (*p == '\0' || json_object_object_get_ex(o, p, NULL))
		goto bad;
	json_object_object_add(o, p, json_object_get(text));
	return 0;
bad:
	snprintf(err, errlen, "catalog key '%s' clashes with another key or is malformed", key);
	return -1;
}

/*
 * Loads the catalogs nested per language.  A message missing in a language
 * falls back to English at run time (the catalog check fails the tests).
 */
static int load_catalogs(struct views *v, const char *dir, char *err, size_t errlen)
{
	struct json_object *all, *en = NULL, *nested;
	int rc = -1;

	if ((all = sl_catalogs_load(dir, err, errlen)) == NULL)
		return -1;
	json_object_object_get_ex(all, "en", &en);
	json_object_object_foreach(all, code, flat) {
		if (v->nlang == MAX_LANGS) {
			snprintf(err, errlen, "more than %d languages in locales/", MAX_LANGS);
			goto out;
		}
		if ((nested = json_object_new_object()) == NULL)
			goto out;
		snprintf(v->lang[v->nlang].code, sizeof(v->lang[0].code), "%s", code);
		v->lang[v->nlang++].catalog = nested;
		json_object_object_foreach(flat, key, text) {
			if (nest_key(nested, key, text, err, errlen) != 0)
				goto out;
		}
		if (en != NULL && en != flat) {
			json_object_object_foreach(en, ekey, etext) {
				if (!json_object_object_get_ex(flat, ekey, NULL) &&
				    nest_key(nested, ekey, etext, err, errlen) != 0)
					goto out;
			}
		}
	}
	rc = 0;
out:
	json_object_put(all);
	return rc;
}

struct views *views_load(const char *dir, char *err, size_t errlen)
{
	char tdir[4096], pdir[4096];
	const char *dirs[2];
	struct views *v;

	if ((v = calloc(1, sizeof(*v))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(tdir, sizeof(tdir), "%s/templates", dir);
	snprintf(pdir, sizeof(pdir), "%s/partials", dir);
	dirs[0] = tdir;
	dirs[1] = pdir;
	if ((v->cache = mst_cache_new(dirs, 2)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	v->loader = mst_cache_loader(v->cache);
	if (precompile(v, tdir, "", 0, err, errlen) != 0 ||
	    load_catalogs(v, dir, err, errlen) != 0)
		goto fail;
	return v;
fail:
	views_free(v);
	return NULL;
}

void views_free(struct views *v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < v->nlang; i++)
		json_object_put(v->lang[i].catalog);
	mst_cache_free(v->cache);
	free(v);
}

static struct json_object *catalog(struct views *v, const char *lang)
{
	size_t i;

	for (i = 0; i < v->nlang; i++)
		if (strcmp(v->lang[i].code, lang) == 0)
			return v->lang[i].catalog;
	for (i = 0; i < v->nlang; i++)
		if (strcmp(v->lang[i].code, "en") == 0)
			return v->lang[i].catalog;
	return NULL;
}

/* ------------------------------------------------------------ render */

/* Whether the staff role may see a nav entry of role want. */
static int role_sees(int role, enum sl_role want)
{
	if (role == SL_ROLE_ADMIN)
		return want == SL_ROLE_ADMIN || want == SL_ROLE_AGENT;
	if (role == SL_ROLE_AGENT)
		return want == SL_ROLE_AGENT;
	return 0;
}

/* "/admin/" is active on itself only; "/admin/customers" also below it. */
static int nav_active(const char *entry, const char *path)
{
	size_t n = strlen(entry);

	if (path == NULL)
		return 0;
	if (strcmp(entry, path) == 0)
		return 1;
	if (n > 1 && entry[n - 1] == '/' && strlen(path) == n - 1 && strncmp(entry, path, n - 1) == 0)
		return 1;
	return n > 0 && entry[n - 1] != '/' && strncmp(entry, path, n) == 0 && path[n] == '/';
}

/* A catalog message by dotted key, or NULL. */
static const char *message(struct json_object *cat, const char *key)
{
	struct json_object *o = cat;
	const char *p = key, *dot;
	char part[128];

	while (o != NULL && (dot = strchr(p, '.')) != NULL) {
		snprintf(part, sizeof(part), "%.*s", (int)(dot - p), p);
		if (!json_object_object_get_ex(o, part, &o))
			return NULL;
		p = dot + 1;
	}
	if (o == NULL || !json_object_object_get_ex(o, p, &o) ||
	    !json_object_is_type(o, json_type_string))
		return NULL;
	return json_object_get_string(o);
}

const char *views_text(struct views *v, const char *lang, const char *key)
{
	const char *t = NULL;
	struct json_object *cat = catalog(v, lang);

	if (cat != NULL)
		t = message(cat, key);
	if (t == NULL && (cat = catalog(v, "en")) != NULL)
		t = message(cat, key);
	return t != NULL ? t : key;
}

#define MAX_NAV 64

static int nav_cmp(const void *a, const void *b)
{
	const struct sl_nav *x = *(const struct sl_nav *const *)a;
	const struct sl_nav *y = *(const struct sl_nav *const *)b;

	return x->order != y->order ? (x->order < y->order ? -1 : 1) : strcmp(x->key, y->key);
}

/* One entry of the bar or of a group: {key, label, href, active}. */
static struct json_object *nav_entry(const struct view_ctx *vc, struct json_object *cat,
    const struct sl_nav *n)
{
	struct json_object *e = json_object_new_object();
	const char *label = message(cat, n->key);
	char href[1024];

	snprintf(href, sizeof(href), "%s%s", vc->prefix, n->path);
	json_object_object_add(e, "key", json_object_new_string(n->key));
	json_object_object_add(e, "label", json_object_new_string(label ? label : n->key));
	json_object_object_add(e, "href", json_object_new_string(href));
	json_object_object_add(e, "active", json_object_new_boolean(nav_active(n->path, vc->path)));
	return e;
}

/* A top-level item of the bar: a plain entry, or a group with its entries. */
struct nav_item {
	int order;
	const struct sl_nav *entry;            /* or NULL for a group */
	const struct sl_nav_group_def *group;
};

static int item_cmp(const void *a, const void *b)
{
	const struct nav_item *x = a, *y = b;

	return x->order != y->order ? (x->order < y->order ? -1 : 1) :
	    strcmp(x->entry ? x->entry->key : x->group->key, y->entry ? y->entry->key : y->group->key);
}

/*
 * The navigation for vc, in the bar's order: plain entries
 * {is_group: false, key, label, href, active} and groups {is_group: true,
 * name, key, label, active (one of its entries is), entries: [...]}.  A
 * group of which the role sees no entry is left out.
 */
static struct json_object *build_nav(const struct view_ctx *vc, struct json_object *cat)
{
	const struct sl_nav *list[MAX_NAV];
	struct nav_item items[MAX_NAV];
	struct json_object *arr = json_object_new_array(), *e, *sub;
	const struct sl_nav *n;
	const struct sl_nav_group_def *g;
	size_t i, j, count = 0, nitems = 0;
	int active;

	for (i = 0; sl_modules[i] != NULL; i++)
		for (n = sl_modules[i]->nav; n != NULL && n->key != NULL; n++)
			if (count < MAX_NAV && role_sees(vc->role, n->role))
				list[count++] = n;
	qsort(list, count, sizeof(list[0]), nav_cmp);
	for (i = 0; i < count; i++)
		if (list[i]->group == SL_NAV_NONE)
			items[nitems++] = (struct nav_item){ list[i]->order, list[i], NULL };
	for (g = sl_nav_groups; g->key != NULL && nitems < MAX_NAV; g++)
		for (i = 0; i < count; i++)
			if (list[i]->group == g->group) {
				items[nitems++] = (struct nav_item){ g->order, NULL, g };
				break;
			}
	qsort(items, nitems, sizeof(items[0]), item_cmp);
	for (i = 0; arr != NULL && i < nitems; i++) {
		if (items[i].entry != NULL) {
			e = nav_entry(vc, cat, items[i].entry);
			json_object_object_add(e, "is_group", json_object_new_boolean(0));
			json_object_array_add(arr, e);
			continue;
		}
		g = items[i].group;
		e = json_object_new_object();
		sub = json_object_new_array();
		active = 0;
		for (j = 0; j < count; j++)
			if (list[j]->group == g->group) {
				active |= nav_active(list[j]->path, vc->path);
				json_object_array_add(sub, nav_entry(vc, cat, list[j]));
			}
		json_object_object_add(e, "is_group", json_object_new_boolean(1));
		json_object_object_add(e, "name", json_object_new_string(g->name));
		json_object_object_add(e, "key", json_object_new_string(g->key));
		json_object_object_add(e, "label", json_object_new_string(message(cat, g->key) ?
		    message(cat, g->key) : g->key));
		json_object_object_add(e, "active", json_object_new_boolean(active));
		json_object_object_add(e, "entries", sub);
		json_object_array_add(arr, e);
	}
	return arr;
}

/* The language switch: every loaded language, named in its own language. */
static struct json_object *build_langs(struct views *v, const struct view_ctx *vc)
{
	struct json_object *arr = json_object_new_array(), *e;
	const char *name, *href;
	char buf[SL_URL_MAX];
	struct sl_url u;
	size_t i;

	for (i = 0; arr != NULL && i < v->nlang; i++) {
		name = message(v->lang[i].catalog, "lang.self");
		sl_url_init(&u, buf, sizeof(buf));
		sl_url_put(&u, vc->prefix);
		sl_url_path(&u, vc->path ? vc->path : "/");
		sl_url_add(&u, "lang", v->lang[i].code);
		/* a path too long for a link: the page renders, the switch has no link */
		if ((href = sl_url_get(&u)) == NULL)
			log_err("views: the language link of a %zu-byte path does not fit in %zu bytes",
			    vc->path ? strlen(vc->path) : 1, sizeof(buf));
		e = json_object_new_object();
		json_object_object_add(e, "code", json_object_new_string(v->lang[i].code));
		json_object_object_add(e, "name", json_object_new_string(name ? name : v->lang[i].code));
		json_object_object_add(e, "href", href ? json_object_new_string(href) : NULL);
		json_object_object_add(e, "active", json_object_new_boolean(vc->lang != NULL &&
		    strcmp(vc->lang, v->lang[i].code) == 0));
		json_object_array_add(arr, e);
	}
	return arr;
}

int views_render(struct views *v, const char *template, const struct view_ctx *vc,
    struct json_object *model, struct mst_buf *out, char *err, size_t errlen)
{
	struct json_object *ctx = NULL, *cat;
	const mst_tmpl *t;
	int rc = -1;

	if ((t = mst_cache_get(v->cache, template, err, errlen)) == NULL)
		goto out;
	/* the model's own keys plus the context's; the model is not changed */
	if ((ctx = json_object_new_object()) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (json_object_is_type(model, json_type_object)) {
		json_object_object_foreach(model, k, val)
			json_object_object_add(ctx, k, json_object_get(val));
	}
	/*
	 * The catalog is shared by every thread, and json-c's reference
	 * counts are not atomic (Debian builds it without ENABLE_THREADING):
	 * a json_object_get()/put() pair here from two threads at once lost
	 * counts, freed the catalog under load (pages without their texts,
	 * then heap corruption).  So ctx borrows it without a reference and
	 * lets go of it before ctx is freed.
	 */
	if ((cat = catalog(v, vc->lang)) != NULL)
		json_object_object_add(ctx, "t", cat);
	json_object_object_add(ctx, "lang", json_object_new_string(vc->lang));
	json_object_object_add(ctx, "prefix", json_object_new_string(vc->prefix));
	json_object_object_add(ctx, "path", json_object_new_string(vc->path ? vc->path : "/"));
	json_object_object_add(ctx, "nav", build_nav(vc, cat));
	json_object_object_add(ctx, "langs", build_langs(v, vc));
	if (vc->me != NULL)
		json_object_object_add(ctx, "me", json_object_get(vc->me));
	rc = mst_render(t, ctx, &v->loader, out, err, errlen);
	if (cat != NULL)
		lh_entry_set_val(lh_table_lookup_entry(json_object_get_object(ctx), "t"), NULL);
out:
	json_object_put(ctx);
	return rc;
}
