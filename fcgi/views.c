/*
 * views.c - theme loading and rendering.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

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

static int load_catalogs(struct views *v, const char *dir, char *err, size_t errlen)
{
	char path[4096];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "%s/locales", dir);
	if ((d = opendir(path)) == NULL)
		return 0;   /* a theme without catalogs renders t.* empty */
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		struct json_object *cat;

		if (n < 6 || n > 12 || strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		if (v->nlang == MAX_LANGS)
			break;
		snprintf(path, sizeof(path), "%s/locales/%s", dir, de->d_name);
		if ((cat = json_object_from_file(path)) == NULL ||
		    !json_object_is_type(cat, json_type_object)) {
			snprintf(err, errlen, "%s: not a JSON object: %s", path, json_util_get_last_err());
			json_object_put(cat);
			closedir(d);
			return -1;
		}
		snprintf(v->lang[v->nlang].code, sizeof(v->lang[0].code), "%.*s", (int)(n - 5),
		    de->d_name);
		v->lang[v->nlang++].catalog = cat;
	}
	closedir(d);
	return 0;
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

int views_render(struct views *v, const char *template, const struct view_ctx *vc,
    struct json_object *model, struct mst_buf *out, char *err, size_t errlen)
{
	struct json_object *ctx = NULL, *cat;
	const mst_tmpl *t;
	int rc = -1;

	if ((t = mst_cache_get(v->cache, template, err, errlen)) == NULL)
		goto out;
	/* the model's own keys plus t, lang and prefix; the model is not changed */
	if ((ctx = json_object_new_object()) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (json_object_is_type(model, json_type_object)) {
		json_object_object_foreach(model, k, val)
			json_object_object_add(ctx, k, json_object_get(val));
	}
	if ((cat = catalog(v, vc->lang)) != NULL)
		json_object_object_add(ctx, "t", json_object_get(cat));
	json_object_object_add(ctx, "lang", json_object_new_string(vc->lang));
	json_object_object_add(ctx, "prefix", json_object_new_string(vc->prefix));
	if (vc->me != NULL)
		json_object_object_add(ctx, "me", json_object_get(vc->me));
	rc = mst_render(t, ctx, &v->loader, out, err, errlen);
out:
	json_object_put(ctx);
	return rc;
}
