/*
 * parse.c - pure parsers for outside input (see parse.h).
 *
 * Lists keep their strings in a chain of arena chunks owned by the list, so
 * a parse is a handful of allocations and one hp_kvlist_free().  Every
 * length is checked against struct hp_limits before it is used, and sizes
 * that are added or multiplied are checked for overflow first.
 */
#ifndef _GNU_SOURCE		/* memmem */
#define _GNU_SOURCE
#endif
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_int.h"

static const struct hp_limits defaults = {
	16u << 20, 1000, 256, 64u << 10, 16u << 20, 1024, 8u << 10
};

void hpi_seterr(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

/* Sets the out-of-memory message; returns HP_ENOMEM. */
int hpi_nomem(char *err, size_t errsz)
{
	hpi_seterr(err, errsz, "out of memory");
	return HP_ENOMEM;
}

int hp_status_http(int status)
{
	switch (status) {
	case HP_OK:		return 200;
	case HP_EMALFORMED:	return 400;
	case HP_ETOOLARGE:	return 413;
	default:		return 500;
	}
}

void hp_limits_default(struct hp_limits *lim)
{
	*lim = defaults;
}

/* *dst = *lim with zero fields replaced by the defaults. */
void hpi_limits_get(const struct hp_limits *lim, struct hp_limits *dst)
{
	*dst = defaults;
	if (lim == NULL)
		return;
	/* Clamped so that adding a few bytes to a limit cannot overflow. */
#define TAKE(f) if (lim->f != 0) \
	dst->f = lim->f < SIZE_MAX / 4 ? lim->f : SIZE_MAX / 4
	TAKE(max_total); TAKE(max_fields); TAKE(max_name); TAKE(max_value);
	TAKE(max_file); TAKE(max_filename); TAKE(max_part_header);
#undef TAKE
}

/* ---- ASCII helpers (locale-independent) ---- */

int hpi_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* a[0..an-1] equals the NUL-terminated b, ignoring ASCII case. */
int hpi_ieq(const char *a, size_t an, const char *b)
{
	size_t i;

	for (i = 0; i < an; i++)
		if (b[i] == '\0' || hpi_lower((unsigned char)a[i]) !=
		    hpi_lower((unsigned char)b[i]))
			return 0;
	return b[an] == '\0';
}

int hpi_is_ows(int c)
{
	return c == ' ' || c == '\t';
}

/* RFC 7230 tchar. */
int hpi_is_tchar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c));
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = hpi_lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* ---- UTF-8, percent-decoding, log-safe copies ---- */

/* Length of the valid UTF-8 sequence at s (rem > 0 bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t rem)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (c == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;	/* overlong */
		else if (c == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	} else
		return 0;
	if (rem < n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

int hp_utf8_valid(const char *s, size_t len, size_t *erroff)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if ((n = utf8_seq(u + i, len - i)) == 0) {
			if (erroff != NULL)
				*erroff = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

int hp_pct_decode(const char *src, size_t len, int plus_space, char *dst,
    size_t *dlen, size_t *erroff)
{
	size_t i, o = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		char c = src[i];

		if (c == '%') {
			if (len - i < 3 || (hi = hexval((unsigned char)src[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)src[i + 2])) < 0) {
				*erroff = i;
				return -1;
			}
			if ((c = (char)(hi << 4 | lo)) == '\0') {
				*erroff = i;
				return -2;
			}
			i += 2;
		} else if (c == '+' && plus_space)
			c = ' ';
		else if (c == '\0') {
			*erroff = i;
			return -2;
		}
		dst[o++] = c;
	}
	*dlen = o;
	return 0;
}

/*
 * One output unit of a log-safe copy at s: sets *k to the bytes it takes
 * from s, returns 1 when they are copied as-is and 0 when they become '?'.
 */
static int safe_unit(const unsigned char *s, size_t rem, size_t *k)
{
	size_t n = utf8_seq(s, rem);

	*k = n ? n : 1;
	if (n == 0 || s[0] < 0x20 || s[0] == 0x7f)
		return 0;
	if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0)
		return 0;		/* C1 controls */
	return 1;
}

char *hp_log_safe_n(char *dst, size_t dstsz, const char *src, size_t len)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i, o = 0, k, need = 0, room;
	int keep;

	if (dstsz == 0)
		return dst;
	if (src == NULL)
		len = 0;
	for (i = 0; i < len; i += k)
		need += safe_unit(s + i, len - i, &k) ? k : 1;
	room = dstsz - 1;
	if (need > room)
		room = room > 3 ? room - 3 : 0;
	for (i = 0; i < len; i += k) {
		keep = safe_unit(s + i, len - i, &k);
		if (o + (keep ? k : 1) > room)
			break;
		if (keep)
			memcpy(dst + o, s + i, k);
		else
			dst[o] = '?';
		o += keep ? k : 1;
	}
	if (need > dstsz - 1)
		for (k = 0; k < 3 && o < dstsz - 1; k++)
			dst[o++] = '.';
	dst[o] = '\0';
	return dst;
}

char *hp_log_safe(char *dst, size_t dstsz, const char *src)
{
	return hp_log_safe_n(dst, dstsz, src, src ? strlen(src) : 0);
}

/* A short log-safe rendering of a user-supplied name for messages. */
const char *hpi_qn(char buf[QNAME], const char *s, size_t n)
{
	return hp_log_safe_n(buf, QNAME, s, n);
}

/* ---- lists and their arena ---- */

void hp_kvlist_free(struct hp_kvlist *list)
{
	struct hp_chunk *c, *next;

	if (list == NULL)
		return;
	for (c = list->chunks_; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(list->items);
	free(list);
}

/* n bytes from the list's arena (a new chunk of >= hint bytes if needed). */
char *hpi_arena_get(struct hp_kvlist *l, size_t n, size_t hint)
{
	struct hp_chunk *c = l->chunks_;
	size_t sz;
	char *p;

	if (c == NULL || c->cap - c->used < n) {
		sz = n > hint ? n : hint;
		if (sz < CHUNK_MIN)
			sz = CHUNK_MIN;
		if (sz > SIZE_MAX - sizeof(*c))
			return NULL;
		if ((c = malloc(sizeof(*c) + sz)) == NULL)
			return NULL;
		c->cap = sz;
		c->used = 0;
		c->next = l->chunks_;
		l->chunks_ = c;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

/* Gives back the last `unused` bytes of the latest hpi_arena_get(). */
void hpi_arena_trim(struct hp_kvlist *l, size_t unused)
{
	l->chunks_->used -= unused;
}

/* A NUL-terminated copy of s[0..n-1] in the arena. */
char *hpi_arena_dup(struct hp_kvlist *l, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX || (p = hpi_arena_get(l, n + 1, 0)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A new zeroed item at the end of the list, or NULL. */
struct hp_kv *hpi_list_push(struct hp_kvlist *l)
{
	struct hp_kv *items;
	size_t cap;

	if (l->count == l->cap_) {
		cap = l->cap_ ? l->cap_ : 8;
		if (l->cap_ != 0 && cap > SIZE_MAX / 2 / sizeof(*items))
			return NULL;
		cap = l->cap_ ? cap * 2 : cap;
		if ((items = realloc(l->items, cap * sizeof(*items))) == NULL)
			return NULL;
		l->items = items;
		l->cap_ = cap;
	}
	items = &l->items[l->count++];
	memset(items, 0, sizeof(*items));
	return items;
}

const struct hp_kv *hp_next(const struct hp_kvlist *list,
    const struct hp_kv *prev, const char *name)
{
	size_t i;

	if (list == NULL || name == NULL)
		return NULL;
	i = prev == NULL ? 0 : (size_t)(prev - list->items) + 1;
	for (; i < list->count; i++)
		if (strcmp(list->items[i].name, name) == 0)
			return &list->items[i];
	return NULL;
}

const char *hp_get(const struct hp_kvlist *list, const char *name)
{
	const struct hp_kv *kv = hp_next(list, NULL, name);

	return kv ? kv->value : NULL;
}

size_t hp_count(const struct hp_kvlist *list, const char *name)
{
	const struct hp_kv *kv;
	size_t n = 0;

	for (kv = hp_next(list, NULL, name); kv; kv = hp_next(list, kv, name))
		n++;
	return n;
}

/* ---- application/x-www-form-urlencoded ---- */

/*
 * Decodes raw[0..n-1] into a new arena string (*out, *outlen) of at most
 * max bytes.  isname says which half of a pair it is; label[0..ll-1] names
 * the field in messages (the raw name for a name, the decoded one for a
 * value).
 */
static int form_decode(struct hp_kvlist *l, const char *raw, size_t n,
    size_t max, int isname, const char *label, size_t ll, char **out,
    size_t *outlen, char *err, size_t errsz)
{
	char qb[QNAME];
	const char *what = isname ? "field name" : "field";
	size_t dn = 0, off = 0;
	char *d;
	int r;

	if (n == SIZE_MAX || (d = hpi_arena_get(l, n + 1, 0)) == NULL)
		return hpi_nomem(err, errsz);
	if ((r = hp_pct_decode(raw, n, 1, d, &dn, &off)) != 0) {
		hpi_seterr(err, errsz, "%s '%s': %s at byte %zu", what,
		    hpi_qn(qb, label, ll), r == -1 ? "invalid percent escape" :
		    "NUL byte", off);
		return HP_EMALFORMED;
	}
	d[dn] = '\0';
	hpi_arena_trim(l, n - dn);
	if (dn > max) {
		hpi_seterr(err, errsz, "field '%s': %s longer than %zu bytes",
		    isname ? hpi_qn(qb, d, dn) : hpi_qn(qb, label, ll),
		    isname ? "name" : "value", max);
		return HP_ETOOLARGE;
	}
	if (!hp_utf8_valid(d, dn, NULL)) {
		hpi_seterr(err, errsz, "%s '%s': not valid UTF-8", what,
		    hpi_qn(qb, label, ll));
		return HP_EMALFORMED;
	}
	*out = d;
	*outlen = dn;
	return HP_OK;
}

int hp_parse_form(const char *buf, size_t len, const struct hp_limits *lim,
    struct hp_kvlist **out, char *err, size_t errsz)
{
	struct hp_limits L;
	struct hp_kvlist *l = NULL;
	struct hp_kv *kv;
	const char *pair, *amp, *eq;
	size_t pos = 0, plen, nlen, nf = 0, dn;
	int rc = HP_ENOMEM;

	*out = NULL;
	hpi_limits_get(lim, &L);
	if (len > L.max_total) {
		rc = HP_ETOOLARGE;
		hpi_seterr(err, errsz, "input longer than %zu bytes", L.max_total);
		goto out;
	}
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (len > 0 && hpi_arena_get(l, 0, len + 64) == NULL)) {
		rc = hpi_nomem(err, errsz);
		goto out;
	}
	while (pos < len) {
		pair = buf + pos;
		amp = memchr(pair, '&', len - pos);
		plen = amp ? (size_t)(amp - pair) : len - pos;
		pos += plen + (amp != NULL);
		eq = memchr(pair, '=', plen);
		nlen = eq ? (size_t)(eq - pair) : plen;
		if (nlen == 0)
			continue;
		if (++nf > L.max_fields) {
			rc = HP_ETOOLARGE;
			hpi_seterr(err, errsz, "more than %zu fields", L.max_fields);
			goto out;
		}
		if ((kv = hpi_list_push(l)) == NULL) {
			rc = hpi_nomem(err, errsz);
			goto out;
		}
		if ((rc = form_decode(l, pair, nlen, L.max_name, 1, pair, nlen,
		    &kv->name, &dn, err, errsz)) != HP_OK ||
		    (rc = form_decode(l, eq ? eq + 1 : pair + plen,
		    eq ? plen - nlen - 1 : 0, L.max_value, 0, kv->name, dn,
		    &kv->value, &kv->vlen, err, errsz)) != HP_OK)
			goto out;
	}
	*out = l;
	l = NULL;
	rc = HP_OK;
out:
	hp_kvlist_free(l);
	return rc;
}

int hp_parse_query(const char *qs, const struct hp_limits *lim,
    struct hp_kvlist **out, char *err, size_t errsz)
{
	return hp_parse_form(qs ? qs : "", qs ? strlen(qs) : 0, lim, out, err,
	    errsz);
}

/* ---- Cookie ---- */

int hp_parse_cookie(const char *header, const struct hp_limits *lim,
    struct hp_kvlist **out, char *err, size_t errsz)
{
	struct hp_limits L;
	struct hp_kvlist *l = NULL;
	struct hp_kv *kv;
	const char *p, *end, *semi, *eq, *n0, *n1, *v0, *v1, *c;
	int rc = HP_ENOMEM;

	*out = NULL;
	hpi_limits_get(lim, &L);
	if (header == NULL)
		header = "";
	end = header + strlen(header);
	if ((size_t)(end - header) > L.max_total) {
		rc = HP_ETOOLARGE;
		hpi_seterr(err, errsz, "Cookie header longer than %zu bytes",
		    L.max_total);
		goto out;
	}
	if ((l = calloc(1, sizeof(*l))) == NULL) {
		rc = hpi_nomem(err, errsz);
		goto out;
	}
	for (p = header; p < end && l->count < L.max_fields;
	    p = semi + (semi < end)) {
		if ((semi = memchr(p, ';', (size_t)(end - p))) == NULL)
			semi = end;
		if ((eq = memchr(p, '=', (size_t)(semi - p))) == NULL)
			continue;
		for (n0 = p; n0 < eq && hpi_is_ows(*n0); n0++)
			;
		for (n1 = eq; n1 > n0 && hpi_is_ows(n1[-1]); n1--)
			;
		for (v0 = eq + 1; v0 < semi && hpi_is_ows(*v0); v0++)
			;
		for (v1 = semi; v1 > v0 && hpi_is_ows(v1[-1]); v1--)
			;
		if (v1 - v0 >= 2 && *v0 == '"' && v1[-1] == '"') {
			v0++;
			v1--;
		}
		if (n0 == n1 || (size_t)(n1 - n0) > L.max_name ||
		    (size_t)(v1 - v0) > L.max_value)
			continue;
		for (c = n0; c < n1 && hpi_is_tchar((unsigned char)*c); c++)
			;
		if (c < n1)
			continue;
		for (c = v0; c < v1 && *c >= 0x20 && *c < 0x7f; c++)
			;
		if (c < v1)
			continue;
		if ((kv = hpi_list_push(l)) == NULL ||
		    (kv->name = hpi_arena_dup(l, n0, (size_t)(n1 - n0))) == NULL ||
		    (kv->value = hpi_arena_dup(l, v0, (size_t)(v1 - v0))) == NULL) {
			rc = hpi_nomem(err, errsz);
			goto out;
		}
		kv->vlen = (size_t)(v1 - v0);
	}
	*out = l;
	l = NULL;
	rc = HP_OK;
out:
	hp_kvlist_free(l);
	return rc;
}

