/*
 * test_mustache.c - the Mustache engine against the official spec files
 * (every JSON file in $SALIENT_SHARED/conformance/mustache-spec/ but
 * lambdas, one TAP line per spec test) and Salient's own cases: parse errors, recursion ceiling, escaping,
 * number formatting, the file cache and loader, repeat renders, threads.
 *
 * Run from the repository root (SALIENT_SHARED defaults to ../shared).
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json.h>

#include "mustache.h"
#include "tap.h"

#define MAX_PARTIALS	32

/* Serves a spec test's "partials" object, compiling each one once. */
struct spec_loader {
	struct json_object	*partials;
	const char		*names[MAX_PARTIALS];
	mst_tmpl		*tmpls[MAX_PARTIALS];
	size_t			 n;
};

static int
spec_load(void *arg, const mst_tmpl *from, const char *name,
    const mst_tmpl **out, char *err, size_t errlen)
{
	struct spec_loader	*sl = arg;
	struct json_object	*src;
	size_t			 i;

	(void)from;
	*out = NULL;
	for (i = 0; i < sl->n; i++)
		if (strcmp(sl->names[i], name) == 0) {
			*out = sl->tmpls[i];
			return 0;
		}
	if (sl->partials == NULL)
		return 0;
	if (sl->n == MAX_PARTIALS) {
		snprintf(err, errlen, "too many partials");
		return -1;
	}
	src = NULL;
	{
		/* keep the key: name may be transient ({{>*name}}) */
		json_object_object_foreach(sl->partials, key, val)
			if (strcmp(key, name) == 0) {
				sl->names[sl->n] = key;
				src = val;
			}
	}
	if (!json_object_is_type(src, json_type_string))
		return 0;
	sl->tmpls[sl->n] = mst_compile(name, json_object_get_string(src),
	    (size_t)json_object_get_string_len(src), err, errlen);
	if (sl->tmpls[sl->n] == NULL)
		return -1;
	*out = sl->tmpls[sl->n++];
	return 0;
}

static void
spec_loader_free(struct spec_loader *sl)
{
	size_t	 i;

	for (i = 0; i < sl->n; i++)
		mst_free(sl->tmpls[i]);
	sl->n = 0;
}

/* Renders src with data and a map of partials; returns a malloc'd string
 * (output, or "ERROR: message"). */
static char *
render_str(const char *src, struct json_object *data,
    struct json_object *partials)
{
	struct spec_loader	 sl;
	struct mst_loader	 ld;
	struct mst_buf		 b;
	mst_tmpl		*t;
	char			 err[512], *ret;
	size_t			 n;

	memset(&sl, 0, sizeof(sl));
	sl.partials = partials;
	ld.load = spec_load;
	ld.arg = &sl;
	mst_buf_init(&b);
	if ((t = mst_compile("test", src, strlen(src), err, sizeof(err))) ==
	    NULL || mst_render(t, data, &ld, &b, err, sizeof(err)) == -1) {
		n = strlen(err) + 8;
		ret = malloc(n);
		snprintf(ret, n, "ERROR: %s", err);
	} else
		ret = strdup(b.data);
	mst_free(t);
	mst_buf_free(&b);
	spec_loader_free(&sl);
	return ret;
}

static void
run_spec_file(const char *dir, const char *file, int *pass, int *total)
{
	struct json_object	*root = NULL, *tests, *t, *v, *data, *partials;
	char			 path[1024], name[512], *got;
	size_t			 i, n;

	snprintf(path, sizeof(path), "%s/conformance/mustache-spec/%s", dir,
	    file);
	if ((root = json_object_from_file(path)) == NULL ||
	    !json_object_object_get_ex(root, "tests", &tests)) {
		tap_ok(0, "%s: readable spec file", path);
		json_object_put(root);
		return;
	}
	n = json_object_array_length(tests);
	for (i = 0; i < n; i++) {
		t = json_object_array_get_idx(tests, i);
		data = json_object_object_get(t, "data");
		partials = json_object_object_get(t, "partials");
		snprintf(name, sizeof(name), "%s: %s", file,
		    json_object_get_string(json_object_object_get(t, "name")));
		got = render_str(json_object_get_string(
		    json_object_object_get(t, "template")), data, partials);
		v = json_object_object_get(t, "expected");
		(*total)++;
		if (tap_is_str(got, json_object_get_string(v), name))
			(*pass)++;
		free(got);
	}
	json_object_put(root);
}

static void
test_spec(void)
{
	static const char *files[] = {
		"comments.json", "delimiters.json", "interpolation.json",
		"inverted.json", "partials.json", "sections.json",
		"~inheritance.json", "~dynamic-names.json",
	};
	const char	*dir = getenv("SALIENT_SHARED");
	int		 pass, total;
	size_t		 i;

	if (dir == NULL || *dir == '\0')
		dir = "../shared";
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		pass = total = 0;
		run_spec_file(dir, files[i], &pass, &total);
		tap_diag("%s: %d/%d passed", files[i], pass, total);
		tap_is_long(pass, total, files[i]);
	}
}

static void
expect_parse_error(const char *src, const char *want, const char *what)
{
	char		 err[256];
	mst_tmpl	*t;

	t = mst_compile("admin/list.mustache", src, strlen(src), err,
	    sizeof(err));
	tap_ok(t == NULL, "parse error: %s fails", what);
	tap_is_str(t == NULL ? err : "(compiled)", want, what);
	mst_free(t);
}

static void
test_parse_errors(void)
{
	expect_parse_error("<ul>\n{{#rows}}\n<li>{{x}}</li>\n{{/row}}\n",
	    "admin/list.mustache:4: section 'rows' opened on line 2 is "
	    "closed by 'row'", "mismatched close tag");
	expect_parse_error("a\n\n{{#a}}\n{{^b}}\nx\n{{/b}}\n",
	    "admin/list.mustache:3: section 'a' is never closed",
	    "unclosed section");
	expect_parse_error("a\n{{<p}}\n{{$b}}\n{{/p}}\n",
	    "admin/list.mustache:4: block 'b' opened on line 3 is closed "
	    "by 'p'", "block closed by parent tag");
	expect_parse_error("x\n{{/a}}", "admin/list.mustache:2: closing tag "
	    "'a' has no open section", "close without open");
	expect_parse_error("x\n\n{{foo\n}", "admin/list.mustache:3: tag "
	    "opened by '{{' is never closed (want '}}')", "unclosed tag");
	expect_parse_error("{{=<% %>=}}\n\n<%{x}%>\n<%x",
	    "admin/list.mustache:4: tag opened by '<%' is never closed "
	    "(want '%>')", "unclosed tag after set delimiters");
	expect_parse_error("a\n{{=<% =}}", "admin/list.mustache:2: bad "
	    "set-delimiter tag (want {{=OPEN CLOSE=}})", "bad delimiter tag");
	expect_parse_error("{{! a\nmulti-line\ncomment }}\n{{ }}",
	    "admin/list.mustache:4: tag without a name", "empty tag");
	expect_parse_error("{{{x}}", "admin/list.mustache:1: tag opened by "
	    "'{{' is never closed (want '}}')", "unclosed triple mustache");
	/* a tag name's bytes are quoted as printable UTF-8 (found by
	 * fuzz_mustache): control characters and bad UTF-8 become '?' */
	expect_parse_error("{{#a\x01\xff}}x", "admin/list.mustache:1: section "
	    "'a?" "?' is never closed", "a name's odd bytes in a message");
}

static void
test_depth(void)
{
	struct json_object	*p = json_object_new_object();
	char			*got;

	json_object_object_add(p, "self", json_object_new_string(
	    "x{{>self}}"));
	got = render_str("{{>self}}", NULL, p);
	tap_ok(strncmp(got, "ERROR: self:1: partials nested deeper than 64",
	    45) == 0, "self-including partial stops at the depth ceiling");
	tap_diag("%.100s", got);
	free(got);
	json_object_object_add(p, "self", json_object_new_string(
	    "{{<self}}{{$b}}z{{/b}}{{/self}}"));
	got = render_str("{{<self}}{{/self}}", NULL, p);
	tap_ok(strstr(got, "nested deeper than 64") != NULL,
	    "self-inheriting parent stops at the depth ceiling");
	free(got);
	json_object_object_add(p, "loop", json_object_new_string(
	    "{{<loop}}{{$b}}[{{$b}}x{{/b}}]{{/b}}{{/loop}}"));
	got = render_str("{{>loop}}", NULL, p);
	tap_ok(strstr(got, "nested deeper than 64") != NULL,
	    "self-referencing block stops at the depth ceiling");
	free(got);
	json_object_put(p);
}

static void
check(const char *tmpl, const char *json, const char *want, const char *what)
{
	struct json_object	*data = json ? json_tokener_parse(json) : NULL;
	char			*got = render_str(tmpl, data, NULL);

	tap_is_str(got, want, what);
	free(got);
	json_object_put(data);
}

static void
test_values(void)
{
	struct json_object	*data;
	char			*got;

	check("{{s}}|{{{s}}}|{{&s}}", "{\"s\":\"<a href=\\\"x\\\">'&'</a>\"}",
	    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;|"
	    "<a href=\"x\">'&'</a>|<a href=\"x\">'&'</a>", "escaping");
	check("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
	    "{\"a\":1.21,\"b\":3.0,\"c\":0.30000000000000004,\"d\":-7,"
	    "\"e\":1e21,\"f\":18446744073709551615}",
	    "1.21 3 0.30000000000000004 -7 1e+21 18446744073709551615",
	    "numbers");
	check("{{t}} {{f}} [{{n}}] [{{missing}}] {{o}} {{l}}",
	    "{\"t\":true,\"f\":false,\"n\":null,\"o\":{\"k\":\"<\"},"
	    "\"l\":[1,2]}",
	    "true false [] [] {&quot;k&quot;:&quot;&lt;&quot;} [1,2]",
	    "booleans, null, missing, object, array");
	data = json_tokener_parse("{\"x\":0.1}");
	got = render_str("{{x}}", data, NULL);
	tap_is_near(tap_num(got), 0.1, 0.0, "0.1 reads back exactly");
	free(got);
	json_object_put(data);
	check("{{#e}}yes{{/e}}{{^e}}empty{{/e}} {{#z}}zero{{/z}} "
	    "{{#o}}obj{{/o}}", "{\"e\":\"\",\"z\":0,\"o\":{}}",
	    "empty zero obj", "empty string is falsey, 0 and {} are not");
	check("{{#rows}}{{name}}{{^last}}, {{/last}}{{/rows}}",
	    "{\"rows\":[{\"name\":\"a\"},{\"name\":\"b\",\"last\":true}]}",
	    "a, b", "list with inverted section");
	check("{{a.b.c}}", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "deep",
	    "dotted name");
	check("{{>missing}}[{{>*nope}}]", "{}", "[]", "missing partials are "
	    "empty");
}

static void
test_twice(void)
{
	const char		*src = "{{#rows}}<{{n}}>{{/rows}}{{>p}}";
	struct json_object	*data, *parts;
	struct spec_loader	 sl;
	struct mst_loader	 ld;
	struct mst_buf		 a, b;
	char			 err[256];
	mst_tmpl		*t;
	int			 ra, rb;

	data = json_tokener_parse("{\"rows\":[{\"n\":1},{\"n\":\"&\"}],"
	    "\"x\":\"y\"}");
	parts = json_tokener_parse("{\"p\":\"[{{x}}]\"}");
	memset(&sl, 0, sizeof(sl));
	sl.partials = parts;
	ld.load = spec_load;
	ld.arg = &sl;
	mst_buf_init(&a);
	mst_buf_init(&b);
	t = mst_compile("twice", src, strlen(src), err, sizeof(err));
	tap_ok(t != NULL, "compile once");
	ra = mst_render(t, data, &ld, &a, err, sizeof(err));
	rb = mst_render(t, data, &ld, &b, err, sizeof(err));
	tap_ok(ra == 0 && rb == 0, "render twice succeeds");
	tap_is_str(a.data, "<1><&amp;>[y]", "first render");
	tap_ok(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
	    "second render is identical");
	tap_ok(sl.n == 1, "partial compiled once for two renders");
	mst_free(t);
	mst_buf_free(&a);
	mst_buf_free(&b);
	spec_loader_free(&sl);
	json_object_put(data);
	json_object_put(parts);
}

static void
test_buf(void)
{
	struct mst_buf	 b;

	mst_buf_init(&b);
	tap_ok(mst_buf_append(&b, "abc", 3) == 0 && b.len == 3 &&
	    strcmp(b.data, "abc") == 0, "buffer append");
	tap_ok(mst_buf_append(&b, "x", SIZE_MAX) == -1 && b.len == 3,
	    "buffer refuses size overflow");
	tap_ok(mst_buf_append(&b, "x", MST_BUF_MAX - 2) == -1 && b.len == 3,
	    "buffer refuses to pass MST_BUF_MAX");
	mst_buf_reset(&b);
	tap_ok(b.len == 0 && b.data[0] == '\0', "buffer reset");
	mst_buf_free(&b);
	tap_ok(b.data == NULL && b.cap == 0, "buffer free");
}

static int
write_file(const char *dir, const char *rel, const char *body)
{
	char	 path[1024];
	FILE	*f;
	int	 ok;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	ok = fputs(body, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static void
remove_file(const char *dir, const char *rel)
{
	char	 path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (remove(path) == -1)
		tap_diag("remove %s: %s", path, strerror(errno));
}

struct thr {
	mst_cache		*c;
	struct json_object	*data;
	int			 ok;
};

static void *
thr_render(void *arg)
{
	struct thr		*th = arg;
	struct mst_loader	 ld = mst_cache_loader(th->c);
	const mst_tmpl		*t;
	struct mst_buf		 b;
	char			 err[256];
	int			 i;

	th->ok = 1;
	mst_buf_init(&b);
	for (i = 0; i < 200; i++) {
		mst_buf_reset(&b);
		if ((t = mst_cache_get(th->c, "page", err, sizeof(err))) ==
		    NULL || mst_render(t, th->data, &ld, &b, err,
		    sizeof(err)) == -1 ||
		    strcmp(b.data, "<h>T</h>|sub-y:T|\n") != 0)
			th->ok = 0;
	}
	mst_buf_free(&b);
	return NULL;
}

static void
test_cache(void)
{
	char			 tmp[] = "/tmp/salient-mst-XXXXXX";
	char			 d1[64], d2[64], sub[80], err[512];
	const char		*dirs[2];
	const mst_tmpl		*t, *t2;
	struct json_object	*data;
	struct mst_loader	 ld;
	struct mst_buf		 b;
	struct thr		 th[4];
	pthread_t		 tid[4];
	mst_cache		*c;
	int			 i, ok;

	if (mkdtemp(tmp) == NULL) {
		tap_ok(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	snprintf(d1, sizeof(d1), "%s/theme", tmp);
	snprintf(d2, sizeof(d2), "%s/partials", tmp);
	ok = mkdir(d1, 0700) == 0 && mkdir(d2, 0700) == 0;
	snprintf(sub, sizeof(sub), "%s/sub", d1);
	ok = ok && mkdir(sub, 0700) == 0;
	ok = ok && write_file(d1, "page.mustache",
	    "{{>head}}|{{>sub/x}}|{{>../partials/head}}{{>*evil}}\n") == 0;
	ok = ok && write_file(d2, "head.mustache", "<h>{{t}}</h>") == 0;
	ok = ok && write_file(d1, "sub/x.mustache", "{{>y}}") == 0;
	ok = ok && write_file(d1, "sub/y.mustache", "sub-y:{{t}}") == 0;
	ok = ok && write_file(d2, "y.mustache", "partials-y") == 0;
	ok = ok && write_file(d2, "bad.mustache", "a\nb\n{{#x}}\n") == 0;
	tap_ok(ok, "wrote template files under %s", tmp);

	dirs[0] = d1;
	dirs[1] = d2;
	c = mst_cache_new(dirs, 2);
	tap_ok(c != NULL, "cache created");
	t = mst_cache_get(c, "page", err, sizeof(err));
	t2 = mst_cache_get(c, "page", err, sizeof(err));
	tap_ok(t != NULL && t == t2, "cache compiles a template once");
	data = json_tokener_parse("{\"t\":\"T\",\"evil\":\"../../etc/x\"}");
	ld = mst_cache_loader(c);
	mst_buf_init(&b);
	tap_ok(t != NULL && mst_render(t, data, &ld, &b, err, sizeof(err)) ==
	    0, "render from cache");
	tap_is_str(b.data, "<h>T</h>|sub-y:T|\n",
	    "partials: own folder first, then the next directory; "
	    "'..' names are not found");
	mst_buf_free(&b);
	tap_ok(mst_cache_get(c, "nope", err, sizeof(err)) == NULL &&
	    strcmp(err, "template 'nope' not found") == 0,
	    "missing template reported");
	t = mst_cache_get(c, "bad", err, sizeof(err));
	tap_ok(t == NULL && strstr(err, "partials/bad.mustache:3: section "
	    "'x' is never closed") != NULL, "compile error names file and "
	    "line");
	tap_diag("%s", err);
	tap_ok(mst_cache_get(c, "/etc/passwd", err, sizeof(err)) == NULL,
	    "absolute names refused");

	for (i = 0; i < 4; i++) {
		th[i].c = c;
		th[i].data = data;
		pthread_create(&tid[i], NULL, thr_render, &th[i]);
	}
	for (ok = 1, i = 0; i < 4; i++) {
		pthread_join(tid[i], NULL);
		ok = ok && th[i].ok;
	}
	tap_ok(ok, "four threads render from one cache");
	mst_cache_free(c);
	json_object_put(data);

	remove_file(d1, "page.mustache");
	remove_file(d2, "head.mustache");
	remove_file(d1, "sub/x.mustache");
	remove_file(d1, "sub/y.mustache");
	remove_file(d2, "y.mustache");
	remove_file(d2, "bad.mustache");
	remove_file(d1, "sub");
	remove_file(tmp, "theme");
	remove_file(tmp, "partials");
	if (rmdir(tmp) == -1)
		tap_diag("rmdir %s: %s", tmp, strerror(errno));
}

int
main(void)
{
	test_spec();
	test_parse_errors();
	test_depth();
	test_values();
	test_twice();
	test_buf();
	test_cache();
	return tap_done();
}
