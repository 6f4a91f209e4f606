/*
 * test_catalog.c - the theme's message catalogs and templates:
 *  - every language's catalog (locales/LANG.json plus every *.KEYS.json)
 *    holds exactly the same keys, each key reported by name;
 *  - every {{t.KEY}} (any tag kind) in any template or partial exists in
 *    every catalog, and so does every module's nav key and the keys kept
 *    ready for the sections still to come;
 *  - the theme loads, and every page template renders in every language
 *    with an empty view model without leaking a tag into the output;
 *  - the check itself catches a missing key (a broken theme in a temp dir);
 *  - four threads rendering at once keep the shared catalog whole (json-c's
 *    reference counts are not atomic: renders once took and dropped
 *    references to it, and lost counts freed it under load).
 * The theme is $SALIENT_THEME, else themes/default (run from the repo root).
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "router.h"
#include "tap.h"
#include "views.h"

#define MAX_FILES 256

static const char *const ready_keys[] = {
	"nav.dashboard", "nav.customers", "nav.classifications", "nav.targets",
	"nav.segments", "nav.campaigns", "nav.reports", "nav.settings", NULL,
};

struct files {
	char *path[MAX_FILES];   /* full path */
	char *name[MAX_FILES];   /* below templates/ without .mustache, or NULL for partials */
	size_t n;
};

static void collect(struct files *f, const char *root, const char *rel, int pages)
{
	char path[4096], sub[1024];
	struct dirent *de;
	struct stat sb;
	DIR *d;

	snprintf(path, sizeof(path), "%s%s%s", root, rel[0] ? "/" : "", rel);
	if ((d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && f->n < MAX_FILES) {
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "", de->d_name);
		snprintf(path, sizeof(path), "%s/%s", root, sub);
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			collect(f, root, sub, pages);
		} else if (n > 9 && strcmp(de->d_name + n - 9, ".mustache") == 0) {
			f->path[f->n] = strdup(path);
			sub[strlen(sub) - 9] = '\0';
			f->name[f->n] = pages ? strdup(sub) : NULL;
			f->n++;
		}
	}
	closedir(d);
}

static void files_free(struct files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->path[i]);
		free(f->name[i]);
	}
	f->n = 0;
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
		}
	}
	fclose(fp);
	return buf;
}

/*
 * Adds every t.KEY used in src to keys ({"key": "file"}): tags {{t.x}},
 * {{#t.x}}, {{^t.x}}, {{&t.x}}, {{{t.x}}}; the default delimiters only.
 */
static void used_keys(struct json_object *keys, const char *src, const char *file)
{
	const char *p = src, *k;
	char key[160];
	size_t n;

	while ((p = strstr(p, "{{")) != NULL) {
		p += 2;
		while (*p == '{' || *p == '#' || *p == '^' || *p == '&' || *p == '/' || *p == ' ')
			p++;
		if (strncmp(p, "t.", 2) != 0)
			continue;
		k = p + 2;
		for (n = 0; k[n] && (k[n] == '.' || k[n] == '_' || k[n] == '-' ||
		    (k[n] >= 'a' && k[n] <= 'z') || (k[n] >= 'A' && k[n] <= 'Z') ||
		    (k[n] >= '0' && k[n] <= '9')); n++)
			;
		if (n > 0 && n < sizeof(key)) {
			snprintf(key, sizeof(key), "%.*s", (int)n, k);
			if (!json_object_object_get_ex(keys, key, NULL))
				json_object_object_add(keys, key, json_object_new_string(file));
		}
		p = k + n;
	}
}

/*
 * The whole check over a theme folder; returns the number of problems and
 * prints them as diagnostics (quiet: counts only).  When report is set,
 * each language pair and each used key is its own TAP line; modules adds
 * the nav keys of the modules compiled in.
 */
static int check_theme(const char *theme, int report, int modules)
{
	struct json_object *all, *en, *used = json_object_new_object();
	struct files f = { 0 };
	char err[512], dir[4096];
	int problems = 0;
	size_t i, j;

	if ((all = views_catalogs(theme, err, sizeof(err))) == NULL) {
		if (report)
			tap_ok(0, "catalogs of %s load: %s", theme, err);
		json_object_put(used);
		return 1;
	}
	if (report)
		tap_ok(json_object_object_length(all) >= 3, "%s has catalogs for %d languages", theme,
		    json_object_object_length(all));
	if (!json_object_object_get_ex(all, "en", &en)) {
		problems++;
		if (report)
			tap_ok(0, "an English catalog exists");
		goto out;
	}
	/* the same keys everywhere */
	json_object_object_foreach(all, code, cat) {
		int missing = 0, extra = 0;

		json_object_object_foreach(en, key, v1) {
			(void)v1;
			if (!json_object_object_get_ex(cat, key, NULL)) {
				missing++;
				if (report)
					tap_diag("%s: missing key %s", code, key);
			}
		}
		json_object_object_foreach(cat, key2, v2) {
			(void)v2;
			if (!json_object_object_get_ex(en, key2, NULL)) {
				extra++;
				if (report)
					tap_diag("%s: key %s is not in en", code, key2);
			}
		}
		problems += missing + extra;
		if (report)
			tap_ok(missing + extra == 0, "catalog %s has exactly the keys of en (%d missing, %d extra)",
			    code, missing, extra);
	}
	/* every key a template uses */
	snprintf(dir, sizeof(dir), "%s/templates", theme);
	collect(&f, dir, "", 0);
	snprintf(dir, sizeof(dir), "%s/partials", theme);
	collect(&f, dir, "", 0);
	for (i = 0; i < f.n; i++) {
		char *src = slurp(f.path[i]);

		if (src != NULL)
			used_keys(used, src, f.path[i] + strlen(theme) + 1);
		free(src);
	}
	for (i = 0; ready_keys[i] != NULL; i++)
		json_object_object_add(used, ready_keys[i], json_object_new_string("(sections to come)"));
	for (i = 0; modules && sl_modules[i] != NULL; i++) {
		const struct sl_nav *nv;

		for (nv = sl_modules[i]->nav; nv != NULL && nv->key != NULL; nv++)
			json_object_object_add(used, nv->key, json_object_new_string(sl_modules[i]->name));
	}
	json_object_object_foreach(used, ukey, where) {
		char langs[64] = "";
		size_t ln = 0;

		j = 0;
		json_object_object_foreach(all, code2, cat2) {
			struct json_object *txt;

			if (!json_object_object_get_ex(cat2, ukey, &txt) ||
			    !json_object_is_type(txt, json_type_string) || json_object_get_string_len(txt) == 0) {
				j++;
				if (ln + strlen(code2) + 2 < sizeof(langs)) {
					ln += (size_t)snprintf(langs + ln, sizeof(langs) - ln, " %s", code2);
				}
			}
		}
		problems += (int)j;
		if (report)
			tap_ok(j == 0, "t.%s (%s) is translated%s%s", ukey, json_object_get_string(where),
			    j ? ": missing in" : "", langs);
	}
out:
	files_free(&f);
	json_object_put(used);
	json_object_put(all);
	return problems;
}

/* Renders every page template in every language with an empty model. */
static void render_pages(const char *theme)
{
	static const char *const langs[] = { "en", "da", "ru" };
	struct views *v;
	struct files f = { 0 };
	char err[512], dir[4096];
	size_t i, l;

	v = views_load(theme, err, sizeof(err));
	if (!tap_ok(v != NULL, "the theme loads%s%s", v ? "" : ": ", v ? "" : err))
		return;
	snprintf(dir, sizeof(dir), "%s/templates", theme);
	collect(&f, dir, "", 1);
	for (i = 0; i < f.n; i++) {
		for (l = 0; l < 3; l++) {
			struct view_ctx vc = { langs[l], "/salient", "/admin/", 4, NULL };
			struct json_object *model = json_object_new_object();
			struct mst_buf out = { 0 };
			int rc = views_render(v, f.name[i], &vc, model, &out, err, sizeof(err));

			tap_ok(rc == 0 && out.data != NULL && strstr(out.data, "{{") == NULL &&
			    strstr(out.data, "}}") == NULL,
			    "%s renders in %s without leaking a tag%s%s", f.name[i], langs[l],
			    rc ? ": " : "", rc ? err : "");
			mst_buf_free(&out);
			json_object_put(model);
		}
	}
	files_free(&f);
	views_free(v);
}

/* Every partial alone, with an empty context: a comment that swallowed a
 * tag's closing braces shows up as text. */
static void render_partials(const char *theme)
{
	struct files f = { 0 };
	char err[512], dir[4096];
	size_t i;

	snprintf(dir, sizeof(dir), "%s/partials", theme);
	collect(&f, dir, "", 1);
	for (i = 0; i < f.n; i++) {
		char *src = slurp(f.path[i]);
		mst_tmpl *t = src ? mst_compile(f.name[i], src, strlen(src), err, sizeof(err)) : NULL;
		struct mst_buf out = { 0 };
		int rc = t ? mst_render(t, NULL, NULL, &out, err, sizeof(err)) : -1;

		tap_ok(rc == 0 && (out.data == NULL || (strstr(out.data, "{{") == NULL &&
		    strstr(out.data, "}}") == NULL)), "partial %s compiles and leaks no tag%s%s",
		    f.name[i], rc ? ": " : "", rc ? err : "");
		mst_buf_free(&out);
		mst_free(t);
		free(src);
	}
	files_free(&f);
}

/* One thread's renders of the layout; how many lacked the app's name. */
struct racer {
	struct views *v;
	long bad;
};

#define RACE_RENDERS 20000

static void *race(void *arg)
{
	struct racer *r = arg;
	char err[512];
	long i;

	for (i = 0; i < RACE_RENDERS; i++) {
		struct view_ctx vc = { "en", "/salient", "/account/", 0, NULL };
		struct json_object *model = json_object_new_object();
		struct mst_buf out = { 0 };

		if (views_render(r->v, "trade/home", &vc, model, &out, err, sizeof(err)) != 0 ||
		    out.data == NULL || strstr(out.data, "Salient</title>") == NULL)
			r->bad++;
		mst_buf_free(&out);
		json_object_put(model);
	}
	return NULL;
}

static void render_threads(const char *theme)
{
	struct racer r[4];
	pthread_t th[4];
	struct views *v;
	char err[512];
	long bad = 0;
	int i, started = 0;

	if ((v = views_load(theme, err, sizeof(err))) == NULL) {
		tap_ok(0, "the theme loads for the threads: %s", err);
		return;
	}
	for (i = 0; i < 4; i++) {
		r[i].v = v;
		r[i].bad = 0;
		if (pthread_create(&th[i], NULL, race, &r[i]) == 0)
			started++;
	}
	for (i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		bad += r[i].bad;
	}
	tap_ok(started == 4 && bad == 0, "4 threads x %d renders at once: all with the "
	    "catalog's texts (%ld without)", RACE_RENDERS, bad);
	tap_ok(strcmp(views_text(v, "en", "app.name"), "Salient") == 0,
	    "the catalog is whole after them");
	views_free(v);
}

/* A copy of the theme's catalogs with one key gone from da must fail the check. */
static void check_catches_missing(const char *theme)
{
	char tmp[] = "/tmp/salient-catalog-XXXXXX", path[4096], src[4096];
	struct json_object *da;
	const char *langs[] = { "en", "ru" };
	size_t i;

	if (mkdtemp(tmp) == NULL) {
		tap_ok(0, "temp dir");
		return;
	}
	snprintf(path, sizeof(path), "%s/locales", tmp);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/templates", tmp);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/templates/page.mustache", tmp);
	{
		FILE *fp = fopen(path, "w");

		if (fp) {
			fputs("<p>{{t.nav.dashboard}} {{t.only.in.template}}</p>\n", fp);
			fclose(fp);
		}
	}
	for (i = 0; i < 2; i++) {
		struct json_object *c;

		snprintf(src, sizeof(src), "%s/locales/%s.json", theme, langs[i]);
		snprintf(path, sizeof(path), "%s/locales/%s.json", tmp, langs[i]);
		c = json_object_from_file(src);
		json_object_to_file(path, c);
		json_object_put(c);
	}
	snprintf(src, sizeof(src), "%s/locales/da.json", theme);
	da = json_object_from_file(src);
	json_object_object_del(da, "nav.dashboard");
	snprintf(path, sizeof(path), "%s/locales/da.json", tmp);
	json_object_to_file(path, da);
	json_object_put(da);
	/* da lacks nav.dashboard: 1 (keys differ from en) + 1 (a used key);
	 * t.only.in.template is in no catalog: 3 */
	tap_ok(check_theme(tmp, 0, 0) == 5,
	    "the check catches a key missing in one language and a template key missing "
	    "in all (got %d problems, want 5)", check_theme(tmp, 0, 0));
	/* a KEYS file with the key restores it */
	snprintf(path, sizeof(path), "%s/locales/extra.KEYS.json", tmp);
	{
		FILE *fp = fopen(path, "w");

		if (fp) {
			fputs("{\"only.in.template\": {\"en\": \"x\", \"da\": \"x\", \"ru\": \"x\"}}\n", fp);
			fclose(fp);
		}
	}
	tap_ok(check_theme(tmp, 0, 0) == 2,
	    "a module's KEYS file is merged into every language (got %d problems, want 2)",
	    check_theme(tmp, 0, 0));
	snprintf(path, sizeof(path), "rm -rf '%s'", tmp);
	if (system(path) != 0)
		tap_diag("could not remove %s", tmp);
}

int main(void)
{
	const char *theme = getenv("SALIENT_THEME") ? getenv("SALIENT_THEME") : "themes/default";

	tap_ok(check_theme(theme, 1, 1) == 0, "the theme's catalogs and templates agree");
	render_pages(theme);
	render_partials(theme);
	render_threads(theme);
	check_catches_missing(theme);
	return tap_done();
}
