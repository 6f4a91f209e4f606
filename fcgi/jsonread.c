/*
 * jsonread.c - the one JSON reader (include/salient/jsonread.h): a
 * recursive-descent parser over a buffer that builds json-c objects.
 *
 * json-c's tokener is not used because it cannot say what we need to
 * refuse: it keeps the last of two equal keys, cuts a key at \u0000, lets
 * CESU-style surrogates and overlong forms through its UTF-8 check, clamps
 * large integers to UINT64_MAX, and cannot finish a number at the end of
 * the input.  Here every byte is looked at once; strings are decoded into
 * one scratch buffer as long as the input (a decoded string is never
 * longer than its source), so the ceiling is the caller's input ceiling.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/jsonread.h"
#include "parse.h"

#define NUM_MAX 64   /* longest number text taken (digits, sign, point, exponent) */
#define KEY_SHOW 48  /* bytes of a key quoted in a message (hp_log_safe: printable UTF-8) */

struct jr {
	const char *s;
	size_t len, pos;
	char *scratch;       /* len + 1 bytes: one decoded string at a time */
	size_t at;           /* the error's byte offset */
	char err[SL_JSON_ERRMAX];
	int failed;
	int keyed;           /* err already names its key */
	int max_depth;       /* deepest nesting taken */
};

static int jr_fail(struct jr *p, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int jr_fail(struct jr *p, size_t at, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return -1;
	p->failed = 1;
	p->at = at;
	va_start(ap, fmt);
	vsnprintf(p->err, sizeof(p->err), fmt, ap);
	va_end(ap);
	return -1;
}

static void skip_ws(struct jr *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
	    p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
		p->pos++;
}

/* "unexpected end of input", or the unexpected character in words. */
static int unexpected(struct jr *p)
{
	unsigned char c;

	if (p->pos >= p->len)
		return jr_fail(p, p->pos, "unexpected end of input");
	c = (unsigned char)p->s[p->pos];
	if (c > 0x20 && c < 0x7f)
		return jr_fail(p, p->pos, "unexpected character '%c'", c);
	return jr_fail(p, p->pos, "unexpected byte 0x%02x", c);
}

/*
 * Length of the strictly valid UTF-8 sequence at s (n bytes left), 0 when
 * it is not one: overlong, a surrogate, above U+10FFFF, or cut short.
 */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 1;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2;
		if (s[0] == 0xe0)
			lo = 0xa0;          /* overlong below U+0800 */
		else if (s[0] == 0xed)
			hi = 0x9f;          /* U+D800..U+DFFF */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3;
		if (s[0] == 0xf0)
			lo = 0x90;          /* overlong below U+10000 */
		else if (s[0] == 0xf4)
			hi = 0x8f;          /* above U+10FFFF */
	} else
		return 0;
	if (n < need + 1 || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i <= need; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return need + 1;
}

/* Four hex digits at pos into *v; 0, or -1. */
static int hex4(struct jr *p, unsigned *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = p->pos + i < p->len ? p->s[p->pos + i] : '\0';
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
		    c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
		    c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;

		if (d == 16) {
			if (p->pos + i >= p->len)
				return jr_fail(p, p->len, "unexpected end of input");
			return jr_fail(p, p->pos + i, "\\u needs four hex digits");
		}
		*v = *v << 4 | d;
	}
	p->pos += 4;
	return 0;
}

/* A \uXXXX escape (pos after the 'u', start at the backslash) as UTF-8 into d. */
static int unicode_escape(struct jr *p, size_t start, char *d, size_t *dn)
{
	unsigned cp, lo;

	if (hex4(p, &cp) != 0)
		return -1;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return jr_fail(p, start, "lone surrogate \\u%04x", cp);
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (p->pos + 1 >= p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
			return jr_fail(p, start, "lone surrogate \\u%04x", cp);
		p->pos += 2;
		if (hex4(p, &lo) != 0)
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return jr_fail(p, start, "lone surrogate \\u%04x", cp);
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return jr_fail(p, start, "\\u0000 in a string");
	if (cp < 0x80)
		d[(*dn)++] = (char)cp;
	else if (cp < 0x800) {
		d[(*dn)++] = (char)(0xc0 | cp >> 6);
		d[(*dn)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		d[(*dn)++] = (char)(0xe0 | cp >> 12);
		d[(*dn)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		d[(*dn)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		d[(*dn)++] = (char)(0xf0 | cp >> 18);
		d[(*dn)++] = (char)(0x80 | (cp >> 12 & 0x3f));
		d[(*dn)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		d[(*dn)++] = (char)(0x80 | (cp & 0x3f));
	}
	return 0;
}

/* The string at pos (a '"') decoded into p->scratch, NUL-terminated; its length in *n. */
static int read_string(struct jr *p, size_t *n)
{
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
	char *d = p->scratch;
	size_t dn = 0, k;
	const char *e;

	p->pos++;
	for (;;) {
		unsigned char c;

		if (p->pos >= p->len)
			return jr_fail(p, p->len, "unexpected end of input");
		c = (unsigned char)p->s[p->pos];
		if (c == '"')
			break;
		if (c < 0x20)
			return jr_fail(p, p->pos, "control character 0x%02x in a string", c);
		if (c == '\\') {
			size_t start = p->pos;

			if (++p->pos >= p->len)
				return jr_fail(p, p->len, "unexpected end of input");
			if (p->s[p->pos] == 'u') {
				p->pos++;
				if (unicode_escape(p, start, d, &dn) != 0)
					return -1;
				continue;
			}
			if (p->s[p->pos] == '\0' || (e = strchr(esc_in, p->s[p->pos])) == NULL)
				return jr_fail(p, start, "invalid escape in a string");
			d[dn++] = esc_out[e - esc_in];
			p->pos++;
			continue;
		}
		if ((k = utf8_len((const unsigned char *)p->s + p->pos, p->len - p->pos)) == 0)
			return jr_fail(p, p->pos, "invalid UTF-8 in a string");
		memcpy(d + dn, p->s + p->pos, k);
		dn += k;
		p->pos += k;
	}
	p->pos++;
	d[dn] = '\0';
	*n = dn;
	return 0;
}

/* A number at pos; int64 when it has no fraction or exponent, else a finite double. */
static struct json_object *read_number(struct jr *p)
{
	size_t start = p->pos, n;
	char text[NUM_MAX + 1], *end;
	int real = 0;

	if (p->pos < p->len && p->s[p->pos] == '-')
		p->pos++;
	if (p->pos < p->len && p->s[p->pos] == '0')
		p->pos++;
	else if (p->pos < p->len && p->s[p->pos] >= '1' && p->s[p->pos] <= '9')
		while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
			p->pos++;
	else
		return unexpected(p), NULL;
	if (p->pos < p->len && p->s[p->pos] == '.') {
		real = 1;
		if (++p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
			return unexpected(p), NULL;
		while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
			p->pos++;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		real = 1;
		if (++p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
			return unexpected(p), NULL;
		while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
			p->pos++;
	}
	n = p->pos - start;
	if (n > NUM_MAX) {
		jr_fail(p, start, "number of %zu characters is too long (at most %d)", n, NUM_MAX);
		return NULL;
	}
	memcpy(text, p->s + start, n);
	text[n] = '\0';
	errno = 0;
	if (!real) {
		long long v = strtoll(text, &end, 10);

		if (errno == ERANGE || *end != '\0') {
			jr_fail(p, start, "integer %s is out of range", text);
			return NULL;
		}
		return json_object_new_int64(v);
	} else {
		double v = strtod(text, &end);

		if (*end != '\0' || !isfinite(v)) {
			jr_fail(p, start, "number %s is out of range", text);
			return NULL;
		}
		return json_object_new_double_s(v, text);
	}
}

static int read_value(struct jr *p, int depth, struct json_object **out);

/* An object at pos (a '{'). */
static int read_object(struct jr *p, int depth, struct json_object **out)
{
	struct json_object *o = json_object_new_object(), *v = NULL;
	size_t n, kat;
	char *key = NULL, shown[KEY_SHOW];

	if (o == NULL)
		goto nomem;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		*out = o;
		return 0;
	}
	for (;;) {
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '"') {
			unexpected(p);
			goto fail;
		}
		kat = p->pos;
		if (read_string(p, &n) != 0)
			goto fail;
		if (json_object_object_get_ex(o, p->scratch, NULL)) {
			jr_fail(p, kat, "duplicate key \"%s\"", hp_log_safe(shown, sizeof(shown), p->scratch));
			p->keyed = 1;
			goto fail;
		}
		if ((key = strdup(p->scratch)) == NULL)
			goto nomem;
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			unexpected(p);
			goto fail;
		}
		p->pos++;
		if (read_value(p, depth + 1, &v) != 0) {
			if (!p->keyed) {
				size_t l = strlen(p->err);

				snprintf(p->err + l, sizeof(p->err) - l, " (in \"%s\")",
				    hp_log_safe(shown, sizeof(shown), key));
				p->keyed = 1;
			}
			goto fail;
		}
		if (json_object_object_add(o, key, v) != 0) {
			json_object_put(v);
			goto nomem;
		}
		free(key);
		key = NULL;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}') {
			p->pos++;
			*out = o;
			return 0;
		}
		unexpected(p);
		goto fail;
	}
nomem:
	jr_fail(p, p->pos, "out of memory");
fail:
	free(key);
	json_object_put(o);
	return -1;
}

/* An array at pos (a '['). */
static int read_array(struct jr *p, int depth, struct json_object **out)
{
	struct json_object *a = json_object_new_array(), *v = NULL;

	if (a == NULL)
		goto nomem;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		*out = a;
		return 0;
	}
	for (;;) {
		if (read_value(p, depth + 1, &v) != 0)
			goto fail;
		if (json_object_array_add(a, v) != 0) {
			json_object_put(v);
			goto nomem;
		}
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			*out = a;
			return 0;
		}
		unexpected(p);
		goto fail;
	}
nomem:
	jr_fail(p, p->pos, "out of memory");
fail:
	json_object_put(a);
	return -1;
}

static const struct {
	const char *word;
	size_t len;
	int kind;          /* 0 null, 1 true, 2 false */
} literals[] = {
	{ "null", 4, 0 }, { "true", 4, 1 }, { "false", 5, 2 },
};

static int read_value(struct jr *p, int depth, struct json_object **out)
{
	size_t i, n;
	char c;

	*out = NULL;
	if (depth > p->max_depth)
		return jr_fail(p, p->pos, "nested deeper than the limit of %d levels", p->max_depth);
	skip_ws(p);
	if (p->pos >= p->len)
		return unexpected(p);
	c = p->s[p->pos];
	if (c == '{')
		return read_object(p, depth, out);
	if (c == '[')
		return read_array(p, depth, out);
	if (c == '"') {
		if (read_string(p, &n) != 0)
			return -1;
		if ((*out = json_object_new_string_len(p->scratch, (int)n)) == NULL)
			return jr_fail(p, p->pos, "out of memory");
		return 0;
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return (*out = read_number(p)) != NULL ? 0 :
		    p->failed ? -1 : jr_fail(p, p->pos, "out of memory");
	for (i = 0; i < sizeof(literals) / sizeof(literals[0]); i++) {
		if (p->len - p->pos < literals[i].len ||
		    memcmp(p->s + p->pos, literals[i].word, literals[i].len) != 0)
			continue;
		p->pos += literals[i].len;
		if (literals[i].kind == 0)
			return 0;
		if ((*out = json_object_new_boolean(literals[i].kind == 1)) == NULL)
			return jr_fail(p, p->pos, "out of memory");
		return 0;
	}
	return unexpected(p);
}

int sl_json_read(const char *buf, size_t len, struct json_object **out, size_t *at,
    char *err, size_t errlen)
{
	return sl_json_read_depth(buf, len, SL_JSON_MAX_DEPTH, out, at, err, errlen);
}

int sl_json_read_depth(const char *buf, size_t len, int max_depth, struct json_object **out,
    size_t *at, char *err, size_t errlen)
{
	struct jr p;
	struct json_object *v = NULL;

	memset(&p, 0, sizeof(p));
	p.max_depth = max_depth > 0 && max_depth < SL_JSON_MAX_DEPTH ? max_depth : SL_JSON_MAX_DEPTH;
	p.s = buf;
	p.len = len;
	*out = NULL;
	*at = 0;
	if (len > (size_t)1 << 31)   /* json-c strings take an int length */
		jr_fail(&p, 0, "input of %zu bytes is too large", len);
	else if ((p.scratch = malloc(len + 1)) == NULL)
		jr_fail(&p, 0, "out of memory");
	else if (read_value(&p, 1, &v) == 0) {
		skip_ws(&p);
		if (p.pos < len)
			jr_fail(&p, p.pos, "data after the JSON value");
	}
	free(p.scratch);
	if (p.failed) {
		json_object_put(v);
		*at = p.at;
		snprintf(err, errlen, "%s", p.err);
		return -1;
	}
	*out = v;
	return 0;
}
