/*
 * test_parse.c - fcgi/parse.c: forms, query strings, cookies, multipart,
 * Content-Type, Accept, Accept-Language, log-safe copies, hostile input.
 */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "tap.h"

/* Checks one parse result: status, message and that *l matches it. */
static void check(int rc, struct hp_kvlist *l, const char *err, int want_rc,
    const char *want_msg, const char *what)
{
	char name[512];

	snprintf(name, sizeof(name), "%s: status", what);
	tap_is_long(rc, want_rc, name);
	if (want_rc != HP_OK) {
		snprintf(name, sizeof(name), "%s: message", what);
		tap_is_str(err, want_msg, name);
		tap_ok(l == NULL, "%s: no list on error", what);
	} else
		tap_ok(l != NULL, "%s: list", what);
}

/* Parses a form of n bytes and checks status and message; frees. */
static void form_n(const char *in, size_t n, const struct hp_limits *lim,
    int want_rc, const char *want_msg, const char *what)
{
	struct hp_kvlist *l = (struct hp_kvlist *)1;
	char err[HP_ERRMAX] = "";
	int rc = hp_parse_form(in, n, lim, &l, err, sizeof(err));

	check(rc, l, err, want_rc, want_msg, what);
	hp_kvlist_free(l);
}

static void form(const char *in, int want_rc, const char *want_msg,
    const char *what)
{
	form_n(in, strlen(in), NULL, want_rc, want_msg, what);
}

/* Parses a form that must succeed; the caller frees. */
static struct hp_kvlist *form_ok(const char *in, const char *what)
{
	struct hp_kvlist *l = NULL;
	char err[HP_ERRMAX] = "";
	int rc = hp_parse_form(in, strlen(in), NULL, &l, err, sizeof(err));

	if (!tap_is_long(rc, HP_OK, what))
		tap_diag("error: %s", err);
	return l;
}

static void test_forms(void)
{
	struct hp_kvlist *l;
	const struct hp_kv *kv;
	const char *want[] = { "1", "3" };
	size_t i = 0;

	l = form_ok("a=1&b=2&a=3", "form: repeated names");
	tap_is_long((long long)l->count, 3, "form: three fields");
	tap_is_str(hp_get(l, "a"), "1", "form: hp_get first match");
	tap_is_str(hp_get(l, "b"), "2", "form: hp_get b");
	tap_ok(hp_get(l, "c") == NULL, "form: hp_get absent is NULL");
	tap_is_long((long long)hp_count(l, "a"), 2, "form: hp_count a");
	for (kv = hp_next(l, NULL, "a"); kv; kv = hp_next(l, kv, "a"), i++)
		tap_is_str(kv->value, i < 2 ? want[i] : "?", "form: hp_next");
	tap_is_long((long long)i, 2, "form: hp_next visits two");
	tap_ok(l->items[0].filename == NULL && l->items[0].ctype == NULL,
	    "form: no filename, no ctype");
	hp_kvlist_free(l);

	l = form_ok("q=hello+world%21&e=%e2%82%AC&k=a=b&x&&&=v&y=", "form: decoding");
	tap_is_str(hp_get(l, "q"), "hello world!", "form: + and %21");
	tap_is_str(hp_get(l, "e"), "\xe2\x82\xac", "form: euro sign");
	tap_is_long((long long)l->items[1].vlen, 3, "form: euro vlen");
	tap_is_str(hp_get(l, "k"), "a=b", "form: value with '='");
	tap_is_str(hp_get(l, "x"), "", "form: name without '='");
	tap_is_str(hp_get(l, "y"), "", "form: empty value");
	tap_is_long((long long)l->count, 5, "form: empty pairs, empty names skipped");
	hp_kvlist_free(l);

	l = form_ok("na%6De=%F4%8F%BF%BF%EF%BF%BF%E0%A0%80%C2%80", "form: UTF-8 edges");
	tap_is_str(hp_get(l, "name"), "\xf4\x8f\xbf\xbf\xef\xbf\xbf\xe0\xa0\x80\xc2\x80",
	    "form: U+10FFFF, U+FFFF, U+0800, U+0080 accepted");
	hp_kvlist_free(l);

	l = form_ok("", "form: empty body");
	tap_is_long((long long)l->count, 0, "form: empty body has no fields");
	hp_kvlist_free(l);
	l = form_ok("&&&;", "form: separators only");
	tap_is_long((long long)l->count, 1, "form: ';' is not a separator");
	hp_kvlist_free(l);

	if (hp_parse_query("a=1+2&b=%2B", NULL, &l, NULL, 0) == HP_OK) {
		tap_is_str(hp_get(l, "a"), "1 2", "query: + is space");
		tap_is_str(hp_get(l, "b"), "+", "query: %2B is +");
	}
	hp_kvlist_free(l);
	tap_is_long(hp_parse_query(NULL, NULL, &l, NULL, 0), HP_OK, "query: NULL");
	tap_is_long((long long)l->count, 0, "query: NULL is empty");
	hp_kvlist_free(l);

	/* Malformed escapes, NUL bytes, bad UTF-8. */
	form("q=abcdefg%4", HP_EMALFORMED,
	    "field 'q': invalid percent escape at byte 7", "form: truncated %4");
	form("q=abc%zz", HP_EMALFORMED,
	    "field 'q': invalid percent escape at byte 3", "form: %zz");
	form("q=%", HP_EMALFORMED,
	    "field 'q': invalid percent escape at byte 0", "form: lone %");
	form("q=%g0", HP_EMALFORMED,
	    "field 'q': invalid percent escape at byte 0", "form: %g0");
	form("q=a%00b", HP_EMALFORMED, "field 'q': NUL byte at byte 1",
	    "form: %00");
	form_n("q=a\0b", 5, NULL, HP_EMALFORMED, "field 'q': NUL byte at byte 1",
	    "form: raw NUL");
	form("name=%C0%AF", HP_EMALFORMED, "field 'name': not valid UTF-8",
	    "form: overlong /");
	form("name=%E0%80%AF", HP_EMALFORMED, "field 'name': not valid UTF-8",
	    "form: 3-byte overlong");
	form("name=%F0%80%80%AF", HP_EMALFORMED, "field 'name': not valid UTF-8",
	    "form: 4-byte overlong");
	form("name=%ED%A0%80", HP_EMALFORMED, "field 'name': not valid UTF-8",
	    "form: surrogate");
	form("name=%F4%90%80%80", HP_EMALFORMED, "field 'name': not valid UTF-8",
	    "form: above U+10FFFF");
	form("name=%F5%80%80%80", HP_EMALFORMED, "field 'name': not valid UTF-8",
	    "form: F5 lead byte");
	form("name=%E2%82", HP_EMALFORMED, "field 'name': not valid UTF-8",
	    "form: truncated sequence");
	form("name=%80", HP_EMALFORMED, "field 'name': not valid UTF-8",
	    "form: lone continuation");
	form("name=caf\xe9", HP_EMALFORMED, "field 'name': not valid UTF-8",
	    "form: raw Latin-1");
	form("a%zz=1", HP_EMALFORMED,
	    "field name 'a%zz': invalid percent escape at byte 1", "form: bad name escape");
	form("%C0%80=1", HP_EMALFORMED, "field name '%C0%80': not valid UTF-8",
	    "form: overlong NUL name");
	form("a%00=1", HP_EMALFORMED, "field name 'a%00': NUL byte at byte 1",
	    "form: NUL in name");
	form("a%0D%0Ab=%zz", HP_EMALFORMED,
	    "field 'a??b': invalid percent escape at byte 0",
	    "form: CR LF in a name are not echoed");
	form("ok=1&q=\x1b[31m%", HP_EMALFORMED,
	    "field 'q': invalid percent escape at byte 5", "form: later field");
}

static void test_form_limits(void)
{
	struct hp_limits lim;
	struct hp_kvlist *l = NULL;
	char *big, want[128];
	size_t i;

	memset(&lim, 0, sizeof(lim));
	lim.max_fields = 3;
	lim.max_name = 4;
	lim.max_value = 5;
	lim.max_total = 40;
	form_n("a=1&b=2&&c=3", 12, &lim, HP_OK, "", "limits: three fields");
	form_n("a=1&b=2&c=3&d=4", 15, &lim, HP_ETOOLARGE, "more than 3 fields",
	    "limits: four fields");
	form_n("abcde=1", 7, &lim, HP_ETOOLARGE,
	    "field 'abcde': name longer than 4 bytes", "limits: long name");
	form_n("ab%63d=1", 8, &lim, HP_OK, "", "limits: name of 4 decoded bytes");
	form_n("a=123456", 8, &lim, HP_ETOOLARGE,
	    "field 'a': value longer than 5 bytes", "limits: long value");
	form_n("a=%31%32%33%34%35", 17, &lim, HP_OK, "",
	    "limits: value measured decoded");
	form_n("a=1234567890123456789012345678901234567890", 42, &lim,
	    HP_ETOOLARGE, "input longer than 40 bytes", "limits: total");

	/* Default ceilings against huge input. */
	if ((big = malloc(200000)) == NULL)
		return;
	for (i = 0; i < 1001; i++)
		memcpy(big + 4 * i, "a=1&", 4);
	form_n(big, 4 * 1000 - 1, NULL, HP_OK, "", "huge: 1000 fields");
	form_n(big, 4 * 1001 - 1, NULL, HP_ETOOLARGE, "more than 1000 fields",
	    "huge: 1001 fields");
	memset(big, '&', 200000);
	if (hp_parse_form(big, 200000, NULL, &l, NULL, 0) == HP_OK)
		tap_is_long((long long)l->count, 0, "huge: 200000 '&' are no fields");
	hp_kvlist_free(l);
	memset(big, 'a', 300);
	memcpy(big + 300, "=1", 2);
	snprintf(want, sizeof(want), "field '%.*s...': name longer than 256 bytes",
	    40, big);
	form_n(big, 302, NULL, HP_ETOOLARGE, want, "huge: long name cut in message");
	memcpy(big, "v=", 2);
	memset(big + 2, 'x', 65537);
	form_n(big, 2 + 65536, NULL, HP_OK, "", "huge: value of 64 KiB");
	form_n(big, 2 + 65537, NULL, HP_ETOOLARGE,
	    "field 'v': value longer than 65536 bytes", "huge: value of 64 KiB + 1");
	for (i = 0; i + 3 <= 199990; i += 3)
		memcpy(big + 2 + i, "%41", 3);
	form_n(big, 2 + 199989, NULL, HP_ETOOLARGE,
	    "field 'v': value longer than 65536 bytes", "huge: escaped value");
	free(big);
	tap_is_long(hp_status_http(HP_OK), 200, "status: ok");
	tap_is_long(hp_status_http(HP_EMALFORMED), 400, "status: malformed");
	tap_is_long(hp_status_http(HP_ETOOLARGE), 413, "status: too large");
	tap_is_long(hp_status_http(HP_ENOMEM), 500, "status: nomem");
	hp_limits_default(&lim);
	tap_is_long((long long)lim.max_fields, 1000, "limits: default max_fields");
	tap_is_long((long long)lim.max_value, 65536, "limits: default max_value");
	memset(&lim, 0, sizeof(lim));
	form_n("a=1", 3, &lim, HP_OK, "", "limits: all zero means defaults");
	tap_is_long(hp_parse_form("a=%", 3, NULL, &l, NULL, 0), HP_EMALFORMED,
	    "form: err may be NULL");
	tap_ok(l == NULL, "form: err NULL, no list");
}

static struct hp_kvlist *cookie(const char *h, const struct hp_limits *lim,
    const char *what)
{
	struct hp_kvlist *l = NULL;
	char err[HP_ERRMAX] = "";

	if (!tap_is_long(hp_parse_cookie(h, lim, &l, err, sizeof(err)), HP_OK,
	    what))
		tap_diag("error: %s", err);
	return l;
}

static void test_cookies(void)
{
	struct hp_limits lim;
	struct hp_kvlist *l;
	char err[HP_ERRMAX];
	int rc;

	l = cookie("a=1; b=2", NULL, "cookie: two");
	tap_is_str(hp_get(l, "a"), "1", "cookie: a");
	tap_is_str(hp_get(l, "b"), "2", "cookie: b");
	hp_kvlist_free(l);

	l = cookie("  sid = abc ;theme=\"dark\"; bad; =x; c=;\td=4;;e=a=b", NULL,
	    "cookie: tolerant");
	tap_is_long((long long)l->count, 5, "cookie: malformed pairs ignored");
	tap_is_str(hp_get(l, "sid"), "abc", "cookie: spaces trimmed");
	tap_is_str(hp_get(l, "theme"), "dark", "cookie: quotes removed");
	tap_is_str(hp_get(l, "c"), "", "cookie: empty value");
	tap_is_str(hp_get(l, "d"), "4", "cookie: tab trimmed");
	tap_is_str(hp_get(l, "e"), "a=b", "cookie: '=' in value");
	hp_kvlist_free(l);

	l = cookie("x y=1; z=2; a=v\x01l; u=caf\xc3\xa9; q=\"; w=\"\"; "
	    "n%41=3; s=%41", NULL, "cookie: hostile");
	tap_ok(hp_get(l, "x y") == NULL, "cookie: name with space ignored");
	tap_is_str(hp_get(l, "z"), "2", "cookie: z kept");
	tap_ok(hp_get(l, "a") == NULL, "cookie: control byte ignored");
	tap_ok(hp_get(l, "u") == NULL, "cookie: non-ASCII ignored");
	tap_is_str(hp_get(l, "q"), "\"", "cookie: lone quote kept");
	tap_is_str(hp_get(l, "w"), "", "cookie: empty quoted value");
	tap_is_str(hp_get(l, "n%41"), "3", "cookie: names not decoded");
	tap_is_str(hp_get(l, "s"), "%41", "cookie: values not decoded");
	hp_kvlist_free(l);

	l = cookie("a=1; a=2", NULL, "cookie: repeated");
	tap_is_str(hp_get(l, "a"), "1", "cookie: first of repeated");
	tap_is_long((long long)hp_count(l, "a"), 2, "cookie: both kept");
	hp_kvlist_free(l);
	l = cookie(NULL, NULL, "cookie: NULL header");
	tap_is_long((long long)l->count, 0, "cookie: NULL is empty");
	hp_kvlist_free(l);

	memset(&lim, 0, sizeof(lim));
	lim.max_fields = 2;
	lim.max_value = 3;
	lim.max_name = 3;
	l = cookie("a=1234; b=1; long=1; c=2; d=3", &lim, "cookie: limits");
	tap_is_long((long long)l->count, 2, "cookie: max_fields stops");
	tap_ok(hp_get(l, "a") == NULL, "cookie: long value ignored");
	tap_ok(hp_get(l, "long") == NULL, "cookie: long name ignored");
	tap_is_str(hp_get(l, "c"), "2", "cookie: c kept");
	hp_kvlist_free(l);
	lim.max_total = 5;
	l = (struct hp_kvlist *)1;
	rc = hp_parse_cookie("a=1; b=2", &lim, &l, err, sizeof(err));
	check(rc, l, err, HP_ETOOLARGE, "Cookie header longer than 5 bytes", "cookie: max_total");
}

static void test_media(void)
{
	struct hp_media m;
	char err[HP_ERRMAX];
	const char *bad[] = { "text", "text/", "/html", "text/html; charset",
		"text/html; =x", "text/html;charset=\"abc", "text/html garbage",
		"te xt/html", "text/html;;", "", NULL,
		"text/html; charset=\"a\\", };
	char longtype[200];
	size_t i;

	tap_is_long(hp_parse_media_type("Text/HTML; Charset=\"UTF-8\"", &m, err,
	    sizeof(err)), HP_OK, "media: parse");
	tap_is_str(m.type, "text", "media: type lowercased");
	tap_is_str(m.subtype, "html", "media: subtype lowercased");
	tap_is_str(m.charset, "utf-8", "media: charset unquoted, lowercased");
	tap_is_long(hp_parse_media_type("application/x-www-form-urlencoded;"
	    "charset=utf-8 ; foo=\"b\\\"ar\"", &m, err, sizeof(err)), HP_OK,
	    "media: form type, unknown parameter");
	tap_is_str(m.subtype, "x-www-form-urlencoded", "media: subtype");
	tap_is_str(m.boundary, "", "media: no boundary");
	tap_is_long(hp_parse_media_type("multipart/form-data; boundary=\"a b:c\"",
	    &m, err, sizeof(err)), HP_OK, "media: quoted boundary");
	tap_is_str(m.boundary, "a b:c", "media: boundary kept as sent");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		tap_is_long(hp_parse_media_type(bad[i], &m, err, sizeof(err)),
		    HP_EMALFORMED, "media: malformed rejected");
		tap_is_str(err, "Content-Type: malformed media type",
		    bad[i] ? bad[i] : "(null)");
	}
	memset(longtype, 'a', 150);
	memcpy(longtype + 150, "/b", 3);
	tap_is_long(hp_parse_media_type(longtype, &m, err, sizeof(err)),
	    HP_EMALFORMED, "media: type longer than 127");
}

static void test_accept(void)
{
	struct { const char *h; int want; } a[] = {
		{ "text/html,application/xhtml+xml,application/xml;q=0.9,"
		  "image/avif,image/webp,*/*;q=0.8", 0 },
		{ "text/html,application/xhtml+xml,application/xml;q=0.9,"
		  "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7", 0 },
		{ "application/json", 1 },
		{ "application/json, text/plain, */*", 1 },
		{ "*/*", 0 }, { "", 0 }, { NULL, 0 },
		{ "application/json;q=0", 0 },
		{ "text/html;q=0.9, application/json", 1 },
		{ "text/html, application/json;q=0.9", 0 },
		{ "application/json, text/html", 1 },
		{ "application/*", 1 },
		{ "application/json;q=1.5", 0 },
		{ "application/json;q=0.001", 1 },
		{ "text/*;q=0.5, application/json;q=0.4", 0 },
		{ "APPLICATION/JSON", 1 },
		{ "application/json;charset=utf-8", 1 },
		{ "application/json; q=0.5, text/html; q=0.5", 1 },
		{ "application/json;q=\"1\"", 0 },
		{ "application/json;q=", 0 },
		{ "application/json garbage, text/html", 0 },
		{ ",,,application/json,,,", 1 },
		{ "text/html;level=1, application/json", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(a) / sizeof(a[0]); i++)
		tap_is_long(hp_accepts_json(a[i].h), a[i].want,
		    a[i].h ? a[i].h : "(null)");
}

static void test_language(void)
{
	const char *sup[] = { "en", "da", "ru" };
	const char *pt[] = { "en", "pt-BR" };
	struct { const char *h; const char *want; } a[] = {
		{ "da-DK,da;q=0.9,en;q=0.8", "da" },
		{ "en-US,en;q=0.9", "en" },
		{ "fr-FR,fr;q=0.9", NULL },
		{ "fr, *;q=0.1", "en" },
		{ "ru;q=0.5, da;q=0.8", "da" },
		{ "*;q=0.5, en;q=0", "da" },
		{ "", NULL },
		{ NULL, NULL },
		{ "DA", "da" },
		{ "en;q=0.5, da;q=0.5", "en" },
		{ "da;q=0.5, en;q=0.5", "da" },
		{ "en;q=bogus, da;q=0.1", "da" },
		{ "english, russian", NULL },
		{ "ru-RU;q=0.9, da-DK;q=0.8", "ru" },
		{ "en;q=0, da;q=0, ru;q=0", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(a) / sizeof(a[0]); i++)
		tap_is_str(hp_accept_language(a[i].h, sup, 3), a[i].want,
		    a[i].h ? a[i].h : "(null)");
	tap_is_str(hp_accept_language("pt", pt, 2), "pt-BR", "lang: range prefix of code");
	tap_is_str(hp_accept_language("pt-PT", pt, 2), NULL, "lang: sibling region");
	tap_is_str(hp_accept_language("pt-br", pt, 2), "pt-BR", "lang: case");
	tap_ok(hp_accept_language("da", sup, 3) == sup[1], "lang: points into list");
	tap_is_str(hp_accept_language("da", sup, 0), NULL, "lang: empty list");
}

static void test_log_safe(void)
{
	char d[64], small[8], big[300];

	tap_is_str(hp_log_safe(d, sizeof(d), "abc\r\nInjected: x"), "abc??Injected: x",
	    "log: CR LF replaced");
	tap_is_str(hp_log_safe(d, sizeof(d), "tab\there\x1b[0m\x7f"), "tab?here?[0m?",
	    "log: controls, ESC and DEL replaced");
	tap_is_str(hp_log_safe(d, sizeof(d), "\xff\xc0\xaf\xed\xa0\x80ok"), "??????ok",
	    "log: invalid UTF-8 replaced bytewise");
	tap_is_str(hp_log_safe(d, sizeof(d), "\xc2\x85x\xc2\xa0"), "?x\xc2\xa0",
	    "log: C1 control replaced, NBSP kept");
	tap_is_str(hp_log_safe(d, sizeof(d), "caf\xc3\xa9"), "caf\xc3\xa9", "log: UTF-8 kept");
	tap_is_str(hp_log_safe(d, sizeof(d), NULL), "", "log: NULL");
	tap_is_str(hp_log_safe(small, 4, "abc"), "abc", "log: exact fit");
	tap_is_str(hp_log_safe(small, 4, "abcd"), "...", "log: no room but dots");
	tap_is_str(hp_log_safe(small, 8, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"),
	    "\xc3\xa9\xc3\xa9...", "log: cut on a character boundary");
	tap_is_str(hp_log_safe(small, 1, "abc"), "", "log: size 1");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	tap_is_str(hp_log_safe(small, 8, big), "aaaa...", "log: long value cut");
	tap_is_long((long long)strlen(hp_log_safe(d, sizeof(d), big)), 63,
	    "log: fills the buffer");
	tap_is_str(hp_log_safe_n(d, sizeof(d), "a\0b", 3), "a?b", "log: NUL in _n");
}

static void test_primitives(void)
{
	char d[16];
	size_t n = 0, off = 0;

	tap_is_long(hp_pct_decode("%41%42+", 7, 0, d, &n, &off), 0, "pct: decode");
	tap_ok(n == 3 && memcmp(d, "AB+", 3) == 0, "pct: '+' kept without plus_space");
	tap_is_long(hp_pct_decode("ab%4", 4, 1, d, &n, &off), -1, "pct: truncated");
	tap_is_long((long long)off, 2, "pct: offset of '%'");
	tap_is_long(hp_pct_decode("a%00", 4, 1, d, &n, &off), -2, "pct: %00");
	tap_is_long(hp_utf8_valid("ab\xc0\xaf", 4, &off), 0, "utf8: overlong");
	tap_is_long((long long)off, 2, "utf8: offset");
	tap_is_long(hp_utf8_valid("", 0, NULL), 1, "utf8: empty");
	tap_is_long(hp_utf8_valid("\xf0\x9f\x98\x80", 4, NULL), 1, "utf8: emoji");
	tap_is_long(hp_utf8_valid("\xf0\x9f\x98", 3, NULL), 0, "utf8: cut emoji");
}

#define CT "multipart/form-data; boundary=XyZ"
#define CD "Content-Disposition: form-data; "

static int mp(const char *ct, const char *body, size_t len,
    const struct hp_limits *lim, struct hp_kvlist **l, char *err)
{
	err[0] = '\0';
	*l = (struct hp_kvlist *)1;
	return hp_parse_multipart(ct, body, len, lim, l, err, HP_ERRMAX);
}

/* A multipart body that must fail with want_rc and want_msg. */
static void mp_bad(const char *ct, const char *body, size_t len,
    const struct hp_limits *lim, int want_rc, const char *want_msg,
    const char *what)
{
	struct hp_kvlist *l;
	char err[HP_ERRMAX];
	int rc = mp(ct, body, len, lim, &l, err);

	check(rc, l, err, want_rc, want_msg, what);
	if (rc == HP_OK)
		hp_kvlist_free(l);
}

#define BAD(body, rc, msg, what) \
	mp_bad(CT, body, sizeof(body) - 1, NULL, rc, msg, what)

static void test_multipart_ok(void)
{
	static const char body[] =
	    "preamble, ignored\r\n"
	    "--XyZ\r\n"
	    CD "name=\"title\"\r\n"
	    "\r\n"
	    "Hello \xc3\xa9\r\n"
	    "--XyZ  \t\r\n"
	    "content-disposition: FORM-DATA; name=tag\r\n"
	    "X-Other: ignored\r\n"
	    "\r\n"
	    "one\r\n"
	    "--XyZ\r\n"
	    CD "name=\"tag\"\r\n"
	    "CONTENT-TYPE: text/plain; charset=utf-8\r\n"
	    "\r\n"
	    "two\r\n"
	    "--XyZ\r\n"
	    CD "name=\"empty\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    CD "name=\"a\\\"b\"; filename=\"C:\\\\x.txt\"; "
	    "filename*=UTF-8''na%C3%AFve%20file.txt\r\n"
	    "\r\n"
	    "x\r\n"
	    "--XyZ\r\n"
	    CD "name=\"l1\"; filename*=iso-8859-1'da'%E6bler.txt\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    CD "name=\"blank\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ--\r\n"
	    "epilogue --XyZ junk";
	struct hp_kvlist *l;
	const struct hp_kv *kv;
	char err[HP_ERRMAX];

	if (!tap_is_long(mp(CT, body, sizeof(body) - 1, NULL, &l, err), HP_OK,
	    "multipart: parse")) {
		tap_diag("error: %s", err);
		return;
	}
	tap_is_long((long long)l->count, 7, "multipart: seven parts");
	tap_is_str(hp_get(l, "title"), "Hello \xc3\xa9", "multipart: text field");
	tap_ok(l->items[0].filename == NULL && l->items[0].ctype == NULL,
	    "multipart: text has no filename, no ctype");
	tap_is_long((long long)hp_count(l, "tag"), 2, "multipart: repeated name");
	kv = hp_next(l, hp_next(l, NULL, "tag"), "tag");
	tap_is_str(kv ? kv->value : NULL, "two", "multipart: second tag");
	tap_is_str(kv ? kv->ctype : NULL, "text/plain; charset=utf-8",
	    "multipart: part Content-Type");
	kv = hp_next(l, NULL, "empty");
	tap_is_str(kv ? kv->filename : NULL, "", "multipart: empty filename kept");
	tap_is_long(kv ? (long long)kv->vlen : -1, 0, "multipart: empty file");
	kv = hp_next(l, NULL, "a\"b");
	tap_ok(kv != NULL, "multipart: escaped quote in name");
	tap_is_str(kv ? kv->filename : NULL, "na\xc3\xafve file.txt",
	    "multipart: filename* wins over filename");
	kv = hp_next(l, NULL, "l1");
	tap_is_str(kv ? kv->filename : NULL, "\xc3\xa6" "bler.txt",
	    "multipart: ISO-8859-1 filename* to UTF-8");
	tap_is_str(hp_get(l, "blank"), "", "multipart: empty text field");
	hp_kvlist_free(l);

	tap_is_long(mp(CT, "--XyZ--", 7, NULL, &l, err), HP_OK,
	    "multipart: no parts");
	if (l != (struct hp_kvlist *)1) {
		tap_is_long((long long)l->count, 0, "multipart: empty list");
		hp_kvlist_free(l);
	}
}

static void test_multipart_binary(void)
{
	static const char head[] = "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
	    CD "name=\"file\"; filename=\"blob.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n";
	static const char tail[] = "\r\n------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";
	static const char tricky[] = "\r\n------WebKitFormBoundary7MA4YWxkTrZu0gX"
	    "\r\n--\r\n\r\n--";
	const char *ct = "multipart/form-data; "
	    "boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";
	struct hp_kvlist *l;
	char err[HP_ERRMAX], data[1024 + sizeof(tricky)], *body;
	size_t i, dn, n, hl = sizeof(head) - 1, tl = sizeof(tail) - 1;

	for (i = 0; i < 1024; i++)
		data[i] = (char)(i * 7 + (i >> 8));
	memcpy(data + 1024, tricky, sizeof(tricky) - 1);
	dn = 1024 + sizeof(tricky) - 1;
	n = hl + dn + tl;
	if ((body = malloc(n)) == NULL)
		return;
	memcpy(body, head, hl);
	memcpy(body + hl, data, dn);
	memcpy(body + hl + dn, tail, tl);
	if (tap_is_long(mp(ct, body, n, NULL, &l, err), HP_OK,
	    "binary: parse")) {
		tap_is_long((long long)l->items[0].vlen, (long long)dn,
		    "binary: length");
		tap_ok(memcmp(l->items[0].value, data, dn) == 0,
		    "binary: bytes round trip");
		tap_ok(l->items[0].value[dn] == '\0', "binary: NUL after data");
		tap_is_str(l->items[0].filename, "blob.bin", "binary: filename");
		tap_is_str(l->items[0].ctype, "application/octet-stream",
		    "binary: ctype");
		hp_kvlist_free(l);
	} else
		tap_diag("error: %s", err);
	/* Every truncation before the close delimiter must fail cleanly. */
	for (i = 0; i < n - 2; i++)
		if (mp(ct, body, i, NULL, &l, err) != HP_EMALFORMED || l != NULL)
			break;
	tap_is_long((long long)i, (long long)(n - 2),
	    "binary: every truncation is malformed");
	tap_is_long(mp(ct, body, n - 2, NULL, &l, err), HP_OK,
	    "binary: close delimiter without CRLF is fine");
	if (l != (struct hp_kvlist *)1)
		hp_kvlist_free(l);
	free(body);
}

static void test_multipart_bad(void)
{
	char b71[128], ct[200];

	mp_bad(NULL, "", 0, NULL, HP_EMALFORMED,
	    "Content-Type: malformed media type", "multipart: no Content-Type");
	mp_bad("text/plain; boundary=x", "--x--", 5, NULL, HP_EMALFORMED,
	    "Content-Type is not multipart/form-data", "multipart: text/plain");
	mp_bad("multipart/form-data", "--x--", 5, NULL, HP_EMALFORMED,
	    "Content-Type: no multipart boundary", "multipart: no boundary");
	mp_bad("multipart/form-data; boundary=\"\"", "----", 4, NULL,
	    HP_EMALFORMED, "Content-Type: invalid multipart boundary",
	    "multipart: empty boundary");
	mp_bad("multipart/form-data; boundary=\"ab \"", "--ab --", 7, NULL,
	    HP_EMALFORMED, "Content-Type: invalid multipart boundary",
	    "multipart: boundary ending in space");
	mp_bad("multipart/form-data; boundary=\"a\\\"b\"", "--a\"b--", 7, NULL,
	    HP_EMALFORMED, "Content-Type: invalid multipart boundary",
	    "multipart: boundary with a quote");
	memset(b71, 'b', 71);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%.71s", b71);
	mp_bad(ct, "--", 2, NULL, HP_EMALFORMED,
	    "Content-Type: invalid multipart boundary", "multipart: boundary of 71");
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%.70s", b71);
	memmove(b71 + 2, b71, 70);
	memcpy(b71, "--", 2);
	memcpy(b71 + 72, "--", 2);
	mp_bad(ct, b71, 74, NULL, HP_OK, "", "multipart: boundary of 70");

	BAD("hello", HP_EMALFORMED, "multipart: no opening boundary",
	    "multipart: no boundary in body");
	BAD("", HP_EMALFORMED, "multipart: no opening boundary", "multipart: empty body");
	BAD("--XyZjunk\r\n", HP_EMALFORMED, "multipart: garbage after boundary",
	    "multipart: garbage after boundary");
	BAD("--XyZ", HP_EMALFORMED, "multipart: missing final boundary",
	    "multipart: only a boundary");
	BAD("--XyZ-", HP_EMALFORMED, "multipart: missing final boundary",
	    "multipart: half a close delimiter");
	BAD("--XyZ\r", HP_EMALFORMED, "multipart: missing final boundary",
	    "multipart: half a CRLF");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\nHello", HP_EMALFORMED,
	    "part 1 ('a'): missing closing boundary", "multipart: data cut");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\nHello\r\n--XyZ", HP_EMALFORMED,
	    "multipart: missing final boundary", "multipart: no close delimiter");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\nHello\r\n--XyZ\r\n", HP_EMALFORMED,
	    "part 2: truncated headers", "multipart: ends after delimiter");
	BAD("--XyZ\r\nContent-Disposition: form-da", HP_EMALFORMED,
	    "part 1: truncated headers", "multipart: truncated headers");
	BAD("--XyZ\r\n" CD "filename=\"x\"\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: no name in Content-Disposition", "multipart: no name");
	BAD("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: missing Content-Disposition", "multipart: no disposition");
	BAD("--XyZ\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: missing Content-Disposition", "multipart: no headers");
	BAD("--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1: malformed Content-Disposition",
	    "multipart: not form-data");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\n" CD "name=\"b\"\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1: malformed Content-Disposition",
	    "multipart: two dispositions");
	BAD("--XyZ\r\n" CD "name=\"a\"; name=\"b\"\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1: malformed Content-Disposition",
	    "multipart: two names");
	BAD("--XyZ\r\n" CD "name=\"a\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: malformed Content-Disposition", "multipart: unterminated quote");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\n\tfilename=\"x\"\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: malformed header line", "multipart: folded header");
	BAD("--XyZ\r\nno colon\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: malformed header line", "multipart: header without colon");
	BAD("--XyZ\r\n" CD "name=\"a\x01\"\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: control character in header", "multipart: control in header");
	BAD("--XyZ\r\n" CD "name=\"\"\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: empty name", "multipart: empty name");
	BAD("--XyZ\r\n" CD "name=\"\xc0\xaf\"\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: invalid name", "multipart: overlong name");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\nab\xed\xa0\x80\r\n--XyZ--",
	    HP_EMALFORMED, "field 'a': not valid UTF-8", "multipart: text not UTF-8");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\n\r\nab\0c\r\n--XyZ--", HP_EMALFORMED,
	    "field 'a': NUL byte at byte 2", "multipart: NUL in text");
	BAD("--XyZ\r\n" CD "name=\"f\"; filename=\"\xff.txt\"\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1 ('f'): filename not valid UTF-8",
	    "multipart: filename not UTF-8");
	BAD("--XyZ\r\n" CD "name=\"f\"; filename*=UTF-8''a%0Ab\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1 ('f'): filename not valid UTF-8",
	    "multipart: LF in filename*");
	BAD("--XyZ\r\n" CD "name=\"f\"; filename*=koi8-r''a\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1 ('f'): malformed filename*",
	    "multipart: unknown filename* charset");
	BAD("--XyZ\r\n" CD "name=\"f\"; filename*=UTF-8''%zz\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1 ('f'): malformed filename*",
	    "multipart: bad escape in filename*");
	BAD("--XyZ\r\n" CD "name=\"f\"; filename*=UTF-8''%00\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1 ('f'): malformed filename*",
	    "multipart: NUL in filename*");
	BAD("--XyZ\r\n" CD "name=\"a\r\n\"\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: malformed Content-Disposition", "multipart: CRLF in quoted name");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\nContent-Type:\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1: malformed Content-Type",
	    "multipart: empty part Content-Type");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\nContent-Type:\"application/octe\x8c\xc9"
	    "stream\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: malformed Content-Type", "multipart: fuzz find, 8-bit Content-Type");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\nContent-Type: text/plain; charset=\"\xc3\xa6\""
	    "\r\n\r\nx\r\n--XyZ--", HP_EMALFORMED,
	    "part 1: malformed Content-Type", "multipart: 8-bit Content-Type parameter");
	BAD("--XyZ\r\n" CD "name=\"a\"\r\nContent-Type: text\r\n\r\nx\r\n--XyZ--",
	    HP_EMALFORMED, "part 1: malformed Content-Type",
	    "multipart: Content-Type without subtype");
}

static void test_multipart_limits(void)
{
	static const char three[] = "--XyZ\r\n" CD "name=\"a\"\r\n\r\n1\r\n"
	    "--XyZ\r\n" CD "name=\"b\"\r\n\r\n2\r\n"
	    "--XyZ\r\n" CD "name=\"c\"\r\n\r\n3\r\n--XyZ--";
	static const char file[] = "--XyZ\r\n" CD "name=\"f\"; filename=\"ab.txt\"\r\n"
	    "\r\n0123456789A\r\n--XyZ--";
	static const char text[] = "--XyZ\r\n" CD "name=\"abcd\"\r\n\r\nHello\r\n"
	    "--XyZ--";
	struct hp_limits lim;
	char *big;
	size_t i, n;

	memset(&lim, 0, sizeof(lim));
	lim.max_fields = 3;
	mp_bad(CT, three, sizeof(three) - 1, &lim, HP_OK, "", "mp limits: three parts");
	lim.max_fields = 2;
	mp_bad(CT, three, sizeof(three) - 1, &lim, HP_ETOOLARGE,
	    "more than 2 parts", "mp limits: max parts");
	memset(&lim, 0, sizeof(lim));
	lim.max_file = 10;
	mp_bad(CT, file, sizeof(file) - 1, &lim, HP_ETOOLARGE,
	    "part 1 ('f'): file longer than 10 bytes", "mp limits: max_file");
	lim.max_file = 11;
	mp_bad(CT, file, sizeof(file) - 1, &lim, HP_OK, "", "mp limits: file fits");
	lim.max_filename = 5;
	mp_bad(CT, file, sizeof(file) - 1, &lim, HP_ETOOLARGE,
	    "part 1 ('f'): filename longer than 5 bytes", "mp limits: max_filename");
	memset(&lim, 0, sizeof(lim));
	lim.max_value = 4;
	mp_bad(CT, text, sizeof(text) - 1, &lim, HP_ETOOLARGE,
	    "part 1 ('abcd'): value longer than 4 bytes", "mp limits: max_value");
	lim.max_value = 0;
	lim.max_name = 3;
	mp_bad(CT, text, sizeof(text) - 1, &lim, HP_ETOOLARGE,
	    "part 1 ('abcd'): name longer than 3 bytes", "mp limits: max_name");
	lim.max_name = 0;
	lim.max_total = 20;
	mp_bad(CT, text, sizeof(text) - 1, &lim, HP_ETOOLARGE,
	    "body longer than 20 bytes", "mp limits: max_total");
	lim.max_total = 0;
	lim.max_part_header = 16;
	mp_bad(CT, text, sizeof(text) - 1, &lim, HP_ETOOLARGE,
	    "part 1: header block longer than 16 bytes", "mp limits: header block");
	lim.max_part_header = 46;
	mp_bad(CT, text, sizeof(text) - 1, &lim, HP_ETOOLARGE,
	    "part 1: header block longer than 46 bytes", "mp limits: header 47 > 46");
	lim.max_part_header = 47;
	mp_bad(CT, text, sizeof(text) - 1, &lim, HP_OK, "", "mp limits: header fits");

	/* 100000 parts without headers: the first one is refused. */
	n = 100000 * 9 + 7;
	if ((big = malloc(n)) == NULL)
		return;
	for (i = 0; i < 100000; i++)
		memcpy(big + 9 * i, "--XyZ\r\n\r\n", 9);
	memcpy(big + n - 7, "--XyZ--", 7);
	mp_bad(CT, big, n, NULL, HP_EMALFORMED, "part 1: missing Content-Disposition",
	    "mp huge: empty parts");
	free(big);
	n = 2000 * 51 + 7;
	if ((big = malloc(n + 1)) == NULL)
		return;
	for (i = 0; i < 2000; i++)
		memcpy(big + 51 * i, "--XyZ\r\n" CD "name=x\r\n\r\n\r\n", 52);
	memcpy(big + n - 7, "--XyZ--", 7);
	mp_bad(CT, big, n, NULL, HP_ETOOLARGE, "more than 1000 parts",
	    "mp huge: 2000 parts");
	free(big);
}

static void test_multipart(void)
{
	test_multipart_ok();
	test_multipart_binary();
	test_multipart_bad();
	test_multipart_limits();
}

int main(void)
{
	(void)tap_is_near;
	test_forms();
	test_form_limits();
	test_cookies();
	test_media();
	test_accept();
	test_language();
	test_log_safe();
	test_primitives();
	test_multipart();
	return tap_done();
}
