/*
 * fuzz_mustache.c - libFuzzer target: Mustache templates and their data
 * (fcgi/mustache_parse.c, fcgi/mustache_render.c, data through the JSON
 * reader fcgi/jsonread.c).  The input is a template, a line "~~~" and the
 * data as JSON (no such line: the whole input is the template, no data).
 * Every partial or parent name loads the template itself, a few times per
 * render, so partials, parents, blocks and dynamic names run too.
 * Aborts when a result breaks a promise of mustache.h: a compile error
 * that is not "NAME:LINE: reason" in printable UTF-8, a render that is not
 * the same twice, output that is not UTF-8 from a UTF-8 template, or a
 * value written by {{x}} that is not HTML-escaped exactly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "mustache.h"
#include "fuzz_check.h"
#include "parse.h"
#include "salient/jsonread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define LOADS_MAX 6

struct self {
	const mst_tmpl *t;
	int loads;
};

static int load_self(void *arg, const mst_tmpl *from, const char *name,
    const mst_tmpl **out, char *err, size_t errlen)
{
	struct self *s = arg;

	(void)from;
	(void)err;
	(void)errlen;
	*out = NULL;
	if (strcmp(name, "missing") != 0 && s->loads++ < LOADS_MAX)
		*out = s->t;
	return 0;
}

/* The first string found in v, or NULL. */
static struct json_object *first_string(struct json_object *v, int depth)
{
	struct json_object *s;
	size_t i, n;

	if (depth > 40)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return v;
	if (json_object_is_type(v, json_type_array)) {
		n = json_object_array_length(v);
		for (i = 0; i < n; i++)
			if ((s = first_string(json_object_array_get_idx(v, i), depth + 1)) != NULL)
				return s;
	} else if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, key, val) {
			(void)key;
			if ((s = first_string(val, depth + 1)) != NULL)
				return s;
		}
	}
	return NULL;
}

/* {{v}} writes the string with & < > " ' as entities and nothing else changed. */
static void check_escape(struct json_object *str)
{
	static const char *const ent[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
	static const char raw[] = "&<>\"'";
	struct json_object *ctx = json_object_new_object();
	struct mst_buf out = { 0 };
	const char *s = json_object_get_string(str), *o;
	size_t n = (size_t)json_object_get_string_len(str), i, k;
	char err[256];
	mst_tmpl *t = mst_compile("esc", "{{v}}", 5, err, sizeof(err));

	if (t == NULL || ctx == NULL ||
	    json_object_object_add(ctx, "v", json_object_get(str)) != 0 ||
	    mst_render(t, ctx, NULL, &out, err, sizeof(err)) != 0)
		abort();
	o = out.data ? out.data : "";
	for (i = 0; i < n; i++) {
		const char *hit = strchr(raw, s[i]);

		if (hit != NULL && s[i] != '\0') {
			k = strlen(ent[hit - raw]);
			if (strncmp(o, ent[hit - raw], k) != 0)
				abort();
			o += k;
		} else if (*o++ != s[i])
			abort();
	}
	if (*o != '\0')
		abort();
	mst_buf_free(&out);
	mst_free(t);
	json_object_put(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data, *sep;
	struct json_object *ctx = NULL, *str;
	struct mst_buf a = { 0 }, b = { 0 };
	struct self self = { NULL, 0 };
	struct mst_loader loader = { load_self, &self };
	char err[512];
	size_t tlen = size, at;
	mst_tmpl *t;
	int ra, rb;

	if ((sep = memmem(src, size, "\n~~~\n", 5)) != NULL) {
		tlen = (size_t)(sep - src) + 1;
		if (sl_json_read(sep + 5, size - tlen - 4, &ctx, &at, err, sizeof(err)) != 0)
			ctx = NULL;
	}
	if ((str = first_string(ctx, 0)) != NULL)
		check_escape(str);
	err[0] = '\0';
	if ((t = mst_compile("fuzz", src, tlen, err, sizeof(err))) == NULL) {
		if (strncmp(err, "fuzz:", 5) != 0)
			abort();
		fuzz_check_safe(err);
		goto out;
	}
	self.t = t;
	ra = mst_render(t, ctx, &loader, &a, err, sizeof(err));
	if (ra != 0)
		fuzz_check_safe(err);
	self.loads = 0;
	rb = mst_render(t, ctx, &loader, &b, err, sizeof(err));
	if (ra != rb || a.len != b.len || (a.len > 0 && memcmp(a.data, b.data, a.len) != 0))
		abort();
	if (ra == 0 && hp_utf8_valid(src, tlen, NULL) && !hp_utf8_valid(a.data ? a.data : "", a.len, NULL))
		abort();
	mst_free(t);
out:
	mst_buf_free(&a);
	mst_buf_free(&b);
	json_object_put(ctx);
	return 0;
}
