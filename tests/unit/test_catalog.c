/*
 * test_catalog.c - the theme's message catalogs and templates:
 *  - every language's catalog (locales/LANG.json plus every *.KEYS.json)
 *    holds exactly the same keys, each key reported by name;
 *  - every {{t.KEY}} (any tag kind) in any template or partial exists in
 *    every catalog, and so does every module's nav key and the keys kept
 *    ready for the sections still to come;
 *  - so does every key the C code uses (read from the sources below
 *    $SALIENT_SRC, else the current directory): the literal key of a
 *    sl_req_text(), sl_req_textf(), views_text(), text_or(), sl_cli_text(),
 *    sl_cli_textf(), dc_msg() (the import's coded messages),
 *    sl_job_fail_key() or sl_resp_fail() call, every
 *    key-like literal of three parts or more (a table's) that shares its
 *    group (all before the last dot) with a catalog key, "jobs.kind.KIND" for every job kind a
 *    module declares and "access.audit.action.WHAT" for every sl_audit()
 *    action, so a page never shows a code instead of words;
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

#include "fileio.h"
#include "router.h"
#include "tap.h"
#include "salient/metrics.h"
#include "salient/settings.h"
#include "salient/text.h"
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

/* A file's bytes, NUL-terminated (free()), or NULL (fileio.h's reader). */
static char *slurp(const char *path)
{
	char *buf = NULL, err[256];
	size_t len;

	return fio_slurp(path, (size_t)64 << 20, &buf, &len, err, sizeof(err)) == 1 ? buf : NULL;
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

/* Whether s[0..n) looks like a catalog key with at least min_dots dots:
 * a.b(.c)*, lower case. */
static int keylike(const char *s, size_t n, size_t min_dots)
{
	size_t i, dots = 0;

	if (n == 0 || n >= 160 || !(s[0] >= 'a' && s[0] <= 'z') || s[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return 0;
			dots++;
		} else if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) {
			return 0;
		}
	}
	return dots >= min_dots;
}

/* Adds "prefix" + s[0..n) to keys with where as its place. */
static void add_key(struct json_object *keys, const char *prefix, const char *s, size_t n,
    const char *where)
{
	char key[200];

	snprintf(key, sizeof(key), "%s%.*s", prefix, (int)n, s);
	if (!json_object_object_get_ex(keys, key, NULL))
		json_object_object_add(keys, key, json_object_new_string(where));
}

/* The calls whose key-like literal arguments are catalog keys, and the
 * prefix the catalog key gets. */
static const struct { const char *call, *prefix; } key_calls[] = {
	{ "sl_req_text(", "" }, { "sl_req_textf(", "" }, { "views_text(", "" },
	{ "text_or(", "" }, { "sl_audit(", "access.audit.action." },
	{ "sl_job_fail_key(", "" },   /* a job's reason, worded where it is shown */
	{ "sl_cli_text(", "" }, { "sl_cli_textf(", "" }, { "dc_msg(", "" },
	{ "sl_resp_fail(", "" },      /* a refusal in the reader's words */
};

/* Whether the group of key (all before its last dot) is some catalog key's group. */
static int known_group(struct json_object *en, const char *s, size_t n)
{
	size_t g = n;

	while (g > 0 && s[g - 1] != '.')
		g--;
	json_object_object_foreach(en, key, v) {
		(void)v;
		if (strncmp(key, s, g) == 0 && strchr(key + g, '.') == NULL)
			return 1;
	}
	return 0;
}

/*
 * Adds the keys one C source uses to keys: key-like literals among a
 * key_calls[] call's arguments (with its prefix), and elsewhere those
 * whose group a catalog key of en has (tables of keys, ternaries).
 */
static void c_keys(struct json_object *keys, struct json_object *en, const char *src,
    const char *file)
{
	const char *p, *q, *call_end = NULL, *prefix = "";
	size_t i, n;

	for (p = src; *p != '\0'; p++) {
		if (p[0] == '/' && p[1] == '*') {
			if ((q = strstr(p + 2, "*/")) == NULL)
				return;
			p = q + 1;
			continue;
		}
		if (p[0] == '\'' ) {
			for (q = p + 1; *q != '\0' && *q != '\'' && *q != '\n'; q++)
				if (*q == '\\' && q[1] != '\0')
					q++;
			p = *q == '\'' ? q : p;
			continue;
		}
		for (i = 0; i < sizeof(key_calls) / sizeof(key_calls[0]); i++) {
			n = strlen(key_calls[i].call);
			if (strncmp(p, key_calls[i].call, n) == 0 && (p == src ||
			    !((p[-1] >= 'a' && p[-1] <= 'z') || p[-1] == '_'))) {
				int depth = 1;

				for (q = p + n; *q != '\0' && depth > 0; q++) {
					if (*q == '(')
						depth++;
					else if (*q == ')')
						depth--;
					else if (*q == '"')
						for (q++; *q != '\0' && *q != '"'; q++)
							if (*q == '\\' && q[1] != '\0')
								q++;
				}
				call_end = q;
				prefix = key_calls[i].prefix;
				break;
			}
		}
		if (*p != '"')
			continue;
		for (q = p + 1; *q != '\0' && *q != '"'; q++)
			if (*q == '\\' && q[1] != '\0')
				q++;
		if (*q == '\0')
			return;
		n = (size_t)(q - p - 1);
		if (call_end != NULL && p < call_end) {
			if (keylike(p + 1, n, prefix[0] ? 0 : 1))
				add_key(keys, prefix, p + 1, n, file);
		} else if (keylike(p + 1, n, 2) && known_group(en, p + 1, n)) {
			add_key(keys, "", p + 1, n, file);
		}
		p = q;
	}
}

/* c_keys() over every .c file below dir. */
static void c_tree_keys(struct json_object *keys, struct json_object *en, const char *dir)
{
	struct dirent *de;
	struct stat sb;
	char path[4096];
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		char *src;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode)) {
			c_tree_keys(keys, en, path);
		} else if (n > 2 && strcmp(de->d_name + n - 2, ".c") == 0 && (src = slurp(path)) != NULL) {
			c_keys(keys, en, src, path);
			free(src);
		}
	}
	closedir(d);
}

/*
 * The whole check over a theme folder; returns the number of problems and
 * prints them as diagnostics (quiet: counts only).  When report is set,
 * each language pair and each used key is its own TAP line; modules adds
 * the nav keys and job kinds of the modules compiled in and the keys the
 * C sources below src use (src NULL: none).
 */
static int check_theme(const char *theme, int report, int modules, const char *src)
{
	struct json_object *all, *en, *used = json_object_new_object();
	struct files f = { 0 };
	char err[512], dir[4096];
	int problems = 0;
	size_t i, j;

	if ((all = sl_catalogs_load(theme, err, sizeof(err))) == NULL) {
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
		char *text = slurp(f.path[i]);

		if (text != NULL)
			used_keys(used, text, f.path[i] + strlen(theme) + 1);
		free(text);
	}
	for (i = 0; ready_keys[i] != NULL; i++)
		json_object_object_add(used, ready_keys[i], json_object_new_string("(sections to come)"));
	for (i = 0; modules && sl_modules[i] != NULL; i++) {
		const struct sl_nav *nv;

		const struct sl_job_kind *jk;

		for (nv = sl_modules[i]->nav; nv != NULL && nv->key != NULL; nv++)
			json_object_object_add(used, nv->key, json_object_new_string(sl_modules[i]->name));
		for (jk = sl_modules[i]->jobs; jk != NULL && jk->kind != NULL; jk++)
			add_key(used, "jobs.kind.", jk->kind, strlen(jk->kind), sl_modules[i]->name);
	}
	if (src != NULL) {
		static const char *const dirs[] = { "fcgi", "modules" };

		for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
			snprintf(dir, sizeof(dir), "%s/%s", src, dirs[i]);
			c_tree_keys(used, en, dir);
		}
	}
	for (i = 0; modules && sl_nav_groups[i].key != NULL; i++)
		json_object_object_add(used, sl_nav_groups[i].key, json_object_new_string("nav group"));
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

/* The scan of C sources finds the keys of calls, tables and audit actions
 * and nothing else. */
static void check_c_scan(void)
{
	static const char src[] =
	    "/* sl_req_text(req, \"in.a.comment\") */\n"
	    "static const struct { const char *d, *key; } m[] = {\n"
	    "\t{ \"created\", \"grp.flash.created\" }, { \"x\", \"grp.flash.typo\" },\n"
	    "\t{ \"setting\", \"other.label.retail\" },\n"
	    "};\n"
	    "t = sl_req_text(req, ok ? \"call.one\" : \"call.two\");\n"
	    "sl_req_textf(req, buf, sizeof(buf), \"call.three\", \"name\", v, NULL);\n"
	    "sl_audit(req, c ? \"thing.create\" : \"thing.update\", id, NULL, NULL);\n"
	    "sl_audit(req, \"settings\", NULL, b, a); x = \"grp.stats\";\n"
	    "x = '\"'; log_info(\"grp.flash.created? no: %s\", s);\n";
	static const char *const want[] = {
		"grp.flash.created", "grp.flash.typo", "call.one", "call.two", "call.three",
		"access.audit.action.thing.create", "access.audit.action.thing.update",
		"access.audit.action.settings", NULL,
	};
	struct json_object *en = json_object_new_object(), *keys = json_object_new_object();
	size_t i, n = 0;

	json_object_object_add(en, "grp.flash.saved", json_object_new_string("Saved"));
	c_keys(keys, en, src, "sample.c");
	for (i = 0; want[i] != NULL; i++)
		n += json_object_object_get_ex(keys, want[i], NULL);
	tap_ok(n == i && json_object_object_length(keys) == (int)i,
	    "the C scan finds keys of calls, of tables in a known group and of audit actions, "
	    "and no others (%zu of %zu, %d in all)", n, i, json_object_object_length(keys));
	json_object_put(keys);
	json_object_put(en);
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
	tap_ok(check_theme(tmp, 0, 0, NULL) == 5,
	    "the check catches a key missing in one language and a template key missing "
	    "in all (got %d problems, want 5)", check_theme(tmp, 0, 0, NULL));
	/* a KEYS file with the key restores it */
	snprintf(path, sizeof(path), "%s/locales/extra.KEYS.json", tmp);
	{
		FILE *fp = fopen(path, "w");

		if (fp) {
			fputs("{\"only.in.template\": {\"en\": \"x\", \"da\": \"x\", \"ru\": \"x\"}}\n", fp);
			fclose(fp);
		}
	}
	tap_ok(check_theme(tmp, 0, 0, NULL) == 2,
	    "a module's KEYS file is merged into every language (got %d problems, want 2)",
	    check_theme(tmp, 0, 0, NULL));
	/* a C source using a key no catalog has: one problem per language */
	snprintf(path, sizeof(path), "mkdir -p '%s/src/modules/m'", tmp);
	if (system(path) != 0)
		tap_diag("could not make %s/src/modules/m", tmp);
	snprintf(path, sizeof(path), "%s/src/modules/m/m.c", tmp);
	{
		FILE *fp = fopen(path, "w");

		if (fp) {
			fputs("sl_flash(m, \"success\", sl_req_text(req, \"only.in.c\"));\n", fp);
			fclose(fp);
		}
	}
	snprintf(path, sizeof(path), "%s/src", tmp);
	tap_ok(check_theme(tmp, 0, 0, path) == 5,
	    "the check catches a key a C source uses that no catalog has (got %d problems, want 5)",
	    check_theme(tmp, 0, 0, path));
	snprintf(path, sizeof(path), "rm -rf '%s'", tmp);
	if (system(path) != 0)
		tap_diag("could not remove %s", tmp);
}

/*
 * A person tells two settings apart by their labels: no two settings of
 * any module share a label, in any language (issue 15 item 13: two were
 * both "Recalculations per day").
 */
static void check_setting_labels(const char *theme)
{
	struct json_object *all, *cat, *seen, *v;
	const struct sl_settings *sec;
	const struct sl_setting *s;
	const char *module, *text, *langs[] = { "en", "da", "ru" };
	char err[512];
	size_t i, k, n = 0;
	int dups = 0;

	if ((all = sl_catalogs_load(theme, err, sizeof(err))) == NULL) {
		tap_ok(0, "catalogs load for the settings labels: %s", err);
		return;
	}
	for (k = 0; k < 3; k++) {
		if (!json_object_object_get_ex(all, langs[k], &cat))
			continue;
		seen = json_object_new_object();
		for (i = 0; (sec = sl_settings_section(i, &module)) != NULL; i++)
			for (s = sec->items; s->key != NULL; s++, n++) {
				if (s->label == NULL || !json_object_object_get_ex(cat, s->label, &v))
					continue;
				text = json_object_get_string(v);
				if (json_object_object_get_ex(seen, text, NULL)) {
					dups++;
					tap_diag("%s: settings %s and %s are both labelled '%s'", langs[k],
					    json_object_get_string(json_object_object_get(seen, text)),
					    s->name, text);
				} else {
					json_object_object_add(seen, text, json_object_new_string(s->name));
				}
			}
		json_object_put(seen);
	}
	tap_ok(n > 0 && dups == 0, "no two settings share a label in en, da or ru (%zu labels, %d shared)",
	    n, dups);
	json_object_put(all);
}

/* Every metric of salient/metrics.h has its label, metric.NAME, in en, da and ru. */
static void check_metric_labels(const char *theme)
{
	struct json_object *all, *cat;
	const struct cl_metric *m;
	const char *langs[] = { "en", "da", "ru" };
	char err[512], key[96];
	size_t k, n = 0;
	int missing = 0;

	if ((all = sl_catalogs_load(theme, err, sizeof(err))) == NULL) {
		tap_ok(0, "catalogs load for the metric labels: %s", err);
		return;
	}
	for (m = cl_metrics; m->name != NULL; m++, n++)
		for (k = 0; k < 3; k++) {
			snprintf(key, sizeof(key), "metric.%s", m->name);
			if (!json_object_object_get_ex(all, langs[k], &cat) ||
			    !json_object_object_get_ex(cat, key, NULL)) {
				missing++;
				tap_diag("%s: no label %s", langs[k], key);
			}
		}
	tap_ok(n >= 13 && missing == 0, "every metric (%zu) has its label in en, da and ru (%d missing)",
	    n, missing);
	json_object_put(all);
}

int main(void)
{
	const char *theme = getenv("SALIENT_THEME") ? getenv("SALIENT_THEME") : "themes/default";

	const char *src = getenv("SALIENT_SRC") ? getenv("SALIENT_SRC") : ".";

	tap_ok(check_theme(theme, 1, 1, src) == 0, "the theme's catalogs, templates and C sources agree");
	check_c_scan();
	render_pages(theme);
	render_partials(theme);
	render_threads(theme);
	check_catches_missing(theme);
	check_setting_labels(theme);
	check_metric_labels(theme);
	return tap_done();
}
