/*
 * test_route_match.c - fcgi/route_match.c: patterns, captures, and the
 * path normaliser against hostile paths.
 */
#include <string.h>

#include "route_match.h"
#include "tap.h"

/* Matches and checks the result and, when given, one captured value. */
static void match(const char *pat, const char *path, int want,
    const char *pname, const char *pvalue)
{
	struct rm_match m;
	char v[256], name[512];
	int rc = rm_match(pat, path, &m);

	snprintf(name, sizeof(name), "match %s against %s", pat ? pat : "(null)",
	    path ? path : "(null)");
	tap_is_long(rc, want, name);
	if (rc != 1)
		tap_ok(m.count == 0, "%s: no captures", name);
	if (pname != NULL) {
		rm_copy(&m, pname, v, sizeof(v));
		tap_is_str(v, pvalue, name);
	}
}

static void test_match(void)
{
	struct rm_match m;
	const struct rm_param *p;
	const char *path = "/admin/customers/42/comments";
	char small[3];

	match("/admin/customers/{id}/comments", path, 1, "id", "42");
	p = rm_match("/admin/customers/{id}/comments", path, &m) == 1 ?
	    rm_get(&m, "id") : NULL;
	tap_ok(p != NULL && p->value == path + 17 && p->vlen == 2,
	    "match: value points into the path");
	tap_ok(p != NULL && p->nlen == 2 && memcmp(p->name, "id", 2) == 0,
	    "match: name points into the pattern");
	tap_ok(rm_get(&m, "i") == NULL && rm_get(&m, "idx") == NULL,
	    "match: rm_get compares whole names");
	tap_is_long(rm_copy(&m, "id", small, sizeof(small)), 2, "rm_copy: fits");
	tap_is_long(rm_copy(&m, "id", small, 2), -1, "rm_copy: too small");
	tap_is_str(small, "", "rm_copy: emptied when too small");
	tap_is_long(rm_copy(&m, "nope", small, sizeof(small)), -1, "rm_copy: absent");

	match("/admin/customers/{id}/comments", "/admin/customers//comments", 0, NULL, NULL);
	match("/admin/customers/{id}/comments", "/admin/customers/42/comments/", 0, NULL, NULL);
	match("/admin/customers/{id}/comments", "/admin/customers/42", 0, NULL, NULL);
	match("/admin/customers/{id}/comments", "/admin/customers/4/2/comments", 0, NULL, NULL);
	match("/admin/customers/{id}/comments", "/admin/customers/42/commentsx", 0, NULL, NULL);
	match("/admin/customers/{id}", "/admin/customers/", 0, NULL, NULL);
	match("/admin/customers/{id}", "/admin/customers/caf\xc3\xa9 1", 1, "id", "caf\xc3\xa9 1");
	match("/admin", "/admin", 1, NULL, NULL);
	match("/admin", "/admin/", 0, NULL, NULL);
	match("/admin/", "/admin", 0, NULL, NULL);
	match("/admin/", "/admin/", 1, NULL, NULL);
	match("/", "/", 1, NULL, NULL);
	match("/", "", 0, NULL, NULL);
	match("/admin", "/Admin", 0, NULL, NULL);
	match("/admin", NULL, 0, NULL, NULL);
	match("/caf\xc3\xa9", "/caf\xc3\xa9", 1, NULL, NULL);
	match("/a/{x}/b/{y}", "/a/1/b/2", 1, "y", "2");
	match("/a/{x}/b/{y}", "/a/1/b/2", 1, "x", "1");
	match("/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}", "/1/2/3/4/5/6/7/8", 1, "h", "8");
	match("/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}", "/1/2/3/4/5/6/7/8/9", -1, NULL, NULL);
	match("/static/{path*}", "/static/css/a.css", 1, "path", "css/a.css");
	match("/static/{path*}", "/static/", 1, "path", "");
	match("/static/{path*}", "/static", 0, NULL, NULL);
	match("/static/{path*}", "/static/a//b/", 1, "path", "a//b/");
	match("/t/{id}/{rest*}", "/t/7/x/y", 1, "rest", "x/y");
	match("/t/{id}/{rest*}", "/t/7/x/y", 1, "id", "7");
	match("/t/{id}/{rest*}", "/t//x", 0, NULL, NULL);
}

static void test_patterns(void)
{
	struct { const char *pat, *msg; } bad[] = {
		{ NULL, "pattern must start with '/'" },
		{ "", "pattern must start with '/'" },
		{ "admin", "pattern must start with '/'" },
		{ "/a{id}", "placeholder must fill a whole segment" },
		{ "/{id}x", "placeholder must fill a whole segment" },
		{ "/{id}{x}", "placeholder must fill a whole segment" },
		{ "/{}", "malformed placeholder" },
		{ "/{*}", "malformed placeholder" },
		{ "/{a-b}", "malformed placeholder" },
		{ "/{id", "malformed placeholder" },
		{ "/{id**}", "malformed placeholder" },
		{ "/a}", "stray '}' in pattern" },
		{ "/{rest*}/x", "{name*} must be the last segment" },
		{ "/{id}/{id}", "duplicate placeholder name" },
		{ "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}", "too many placeholders" },
	};
	struct rm_match m;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tap_is_str(rm_pattern_check(bad[i].pat), bad[i].msg,
		    bad[i].pat ? bad[i].pat : "(null)");
		tap_is_long(rm_match(bad[i].pat, "/x", &m), -1, "rm_match refuses it");
	}
	tap_ok(rm_pattern_check("/admin/customers/{id}/comments") == NULL,
	    "pattern: good");
	tap_ok(rm_pattern_check("/static/{path_1*}") == NULL, "pattern: rest");
	tap_ok(rm_pattern_check("/") == NULL, "pattern: root");
}

/* Normalises raw (n bytes) and checks the message and the result. */
static void norm_n(const char *raw, size_t n, const char *want_msg,
    const char *want_path, const char *what)
{
	char dst[64], name[256];
	const char *msg = rm_path_normalize(raw, n, dst, sizeof(dst));

	snprintf(name, sizeof(name), "normalize %s: message", what);
	tap_is_str(msg, want_msg, name);
	snprintf(name, sizeof(name), "normalize %s: path", what);
	tap_is_str(dst, want_path ? want_path : "", name);
}

static void norm(const char *raw, const char *want_msg, const char *want_path)
{
	norm_n(raw, strlen(raw), want_msg, want_path, raw);
}

static void test_normalize(void)
{
	char dst[8];

	norm("/admin/customers/42", NULL, "/admin/customers/42");
	norm("/", NULL, "/");
	norm("/a/", NULL, "/a/");
	norm("/caf%C3%A9", NULL, "/caf\xc3\xa9");
	norm("/a+b%20c", NULL, "/a+b c");
	norm("/...", NULL, "/...");
	norm("/a..b/.c", NULL, "/a..b/.c");
	norm("/%7Euser", NULL, "/~user");
	norm("/a%2Fb", "encoded slash in path", NULL);
	norm("/a%2fb", "encoded slash in path", NULL);
	norm("/a/../b", "dot segment in path", NULL);
	norm("/..", "dot segment in path", NULL);
	norm("/a/..", "dot segment in path", NULL);
	norm("/a/.", "dot segment in path", NULL);
	norm("/./a", "dot segment in path", NULL);
	norm("/a/%2e%2e/b", "dot segment in path", NULL);
	norm("/a/.%2E", "dot segment in path", NULL);
	norm("/a//b", "empty segment in path", NULL);
	norm("//", "empty segment in path", NULL);
	norm("//evil.example/", "empty segment in path", NULL);
	norm("/a%00b", "NUL byte in path", NULL);
	norm_n("/a\0b", 4, "NUL byte in path", NULL, "raw NUL");
	norm("/a%zz", "invalid percent escape in path", NULL);
	norm("/a%4", "invalid percent escape in path", NULL);
	norm("/a%", "invalid percent escape in path", NULL);
	norm("/a%C0%AF", "path not valid UTF-8", NULL);
	norm("/a%ED%A0%80", "path not valid UTF-8", NULL);
	norm("/a%F4%90%80%80", "path not valid UTF-8", NULL);
	norm("/\xff", "path not valid UTF-8", NULL);
	norm("/a%0D%0ASet-Cookie:x", "control character in path", NULL);
	norm("/a\tb", "control character in path", NULL);
	norm("/a%7F", "control character in path", NULL);
	norm("a/b", "path must start with '/'", NULL);
	norm("", "path must start with '/'", NULL);
	norm("%2Fa", "path must start with '/'", NULL);
	norm_n(NULL, 0, "path must start with '/'", NULL, "NULL");
	tap_is_str(rm_path_normalize("/abcdefg", 8, dst, sizeof(dst)),
	    "path too long", "normalize: dst too small");
	tap_is_str(dst, "", "normalize: dst emptied");
	tap_ok(rm_path_normalize("/abcdef", 7, dst, sizeof(dst)) == NULL,
	    "normalize: dst exactly big enough");
	tap_is_str(rm_path_normalize("/a", 2, dst, 0), "path too long",
	    "normalize: dstsz 0");
}

int main(void)
{
	(void)tap_is_near;
	test_match();
	test_patterns();
	test_normalize();
	return tap_done();
}
