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

#include "parse.h"

#define CHUNK_MIN 4096
#define QNAME 44		/* buffer for a user-supplied name in messages */

struct hp_chunk {
	struct hp_chunk *next;
	size_t cap, used;
	char data[];
};

static const struct hp_limits defaults = {
	16u << 20, 1000, 256, 64u << 10, 16u << 20, 1024, 8u << 10
};

__attribute__((format(printf, 3, 4)))
static void seterr(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

/* Sets the out-of-memory message; returns HP_ENOMEM. */
static int nomem(char *err, size_t errsz)
{
	seterr(err, errsz, "out of memory");
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
static void limits_get(const struct hp_limits *lim, struct hp_limits *dst)
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

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* a[0..an-1] equals the NUL-terminated b, ignoring ASCII case. */
static int ieq(const char *a, size_t an, const char *b)
{
	size_t i;

	for (i = 0; i < an; i++)
		if (b[i] == '\0' || lower((unsigned char)a[i]) !=
		    lower((unsigned char)b[i]))
			return 0;
	return b[an] == '\0';
}

static int is_ows(int c)
{
	return c == ' ' || c == '\t';
}

/* RFC 7230 tchar. */
static int is_tchar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c));
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
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
static const char *qn(char buf[QNAME], const char *s, size_t n)
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
static char *arena_get(struct hp_kvlist *l, size_t n, size_t hint)
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

/* Gives back the last `unused` bytes of the latest arena_get(). */
static void arena_trim(struct hp_kvlist *l, size_t unused)
{
	l->chunks_->used -= unused;
}

/* A NUL-terminated copy of s[0..n-1] in the arena. */
static char *arena_dup(struct hp_kvlist *l, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX || (p = arena_get(l, n + 1, 0)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A new zeroed item at the end of the list, or NULL. */
static struct hp_kv *list_push(struct hp_kvlist *l)
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

	if (n == SIZE_MAX || (d = arena_get(l, n + 1, 0)) == NULL)
		return nomem(err, errsz);
	if ((r = hp_pct_decode(raw, n, 1, d, &dn, &off)) != 0) {
		seterr(err, errsz, "%s '%s': %s at byte %zu", what,
		    qn(qb, label, ll), r == -1 ? "invalid percent escape" :
		    "NUL byte", off);
		return HP_EMALFORMED;
	}
	d[dn] = '\0';
	arena_trim(l, n - dn);
	if (dn > max) {
		seterr(err, errsz, "field '%s': %s longer than %zu bytes",
		    isname ? qn(qb, d, dn) : qn(qb, label, ll),
		    isname ? "name" : "value", max);
		return HP_ETOOLARGE;
	}
	if (!hp_utf8_valid(d, dn, NULL)) {
		seterr(err, errsz, "%s '%s': not valid UTF-8", what,
		    qn(qb, label, ll));
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
	limits_get(lim, &L);
	if (len > L.max_total) {
		rc = HP_ETOOLARGE;
		seterr(err, errsz, "input longer than %zu bytes", L.max_total);
		goto out;
	}
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (len > 0 && arena_get(l, 0, len + 64) == NULL)) {
		rc = nomem(err, errsz);
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
			seterr(err, errsz, "more than %zu fields", L.max_fields);
			goto out;
		}
		if ((kv = list_push(l)) == NULL) {
			rc = nomem(err, errsz);
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
	limits_get(lim, &L);
	if (header == NULL)
		header = "";
	end = header + strlen(header);
	if ((size_t)(end - header) > L.max_total) {
		rc = HP_ETOOLARGE;
		seterr(err, errsz, "Cookie header longer than %zu bytes",
		    L.max_total);
		goto out;
	}
	if ((l = calloc(1, sizeof(*l))) == NULL) {
		rc = nomem(err, errsz);
		goto out;
	}
	for (p = header; p < end && l->count < L.max_fields;
	    p = semi + (semi < end)) {
		if ((semi = memchr(p, ';', (size_t)(end - p))) == NULL)
			semi = end;
		if ((eq = memchr(p, '=', (size_t)(semi - p))) == NULL)
			continue;
		for (n0 = p; n0 < eq && is_ows(*n0); n0++)
			;
		for (n1 = eq; n1 > n0 && is_ows(n1[-1]); n1--)
			;
		for (v0 = eq + 1; v0 < semi && is_ows(*v0); v0++)
			;
		for (v1 = semi; v1 > v0 && is_ows(v1[-1]); v1--)
			;
		if (v1 - v0 >= 2 && *v0 == '"' && v1[-1] == '"') {
			v0++;
			v1--;
		}
		if (n0 == n1 || (size_t)(n1 - n0) > L.max_name ||
		    (size_t)(v1 - v0) > L.max_value)
			continue;
		for (c = n0; c < n1 && is_tchar((unsigned char)*c); c++)
			;
		if (c < n1)
			continue;
		for (c = v0; c < v1 && *c >= 0x20 && *c < 0x7f; c++)
			;
		if (c < v1)
			continue;
		if ((kv = list_push(l)) == NULL ||
		    (kv->name = arena_dup(l, n0, (size_t)(n1 - n0))) == NULL ||
		    (kv->value = arena_dup(l, v0, (size_t)(v1 - v0))) == NULL) {
			rc = nomem(err, errsz);
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

/* ---- header parameters, Content-Type ---- */

/*
 * The next ";" name "=" value parameter at *pp (before end).  Returns 1 with
 * the name and the raw value (quotes removed, escapes kept; *quoted set),
 * 0 when the next non-blank character is not ';' (*pp left on it), -1 when
 * malformed.
 */
static int next_param(const char **pp, const char *end, const char **pn,
    size_t *pnl, const char **pv, size_t *pvl, int *quoted)
{
	const char *p = *pp, *s;

	while (p < end && is_ows(*p))
		p++;
	*pp = p;
	if (p == end || *p != ';')
		return 0;
	for (p++; p < end && is_ows(*p); p++)
		;
	for (s = p; p < end && is_tchar((unsigned char)*p); p++)
		;
	if (p == s || p == end || *p != '=')
		return -1;
	*pn = s;
	*pnl = (size_t)(p - s);
	p++;
	*quoted = p < end && *p == '"';
	if (*quoted) {
		for (s = ++p; p < end && *p != '"'; p++)
			if (*p == '\\' && ++p == end)
				return -1;
		if (p == end)
			return -1;
		*pv = s;
		*pvl = (size_t)(p - s);
		p++;
	} else {
		for (s = p; p < end && is_tchar((unsigned char)*p); p++)
			;
		if (p == s)
			return -1;
		*pv = s;
		*pvl = (size_t)(p - s);
	}
	*pp = p;
	return 1;
}

/* Unescapes a raw parameter value into dst (room for n + 1); its length. */
static size_t unquote(char *dst, const char *v, size_t n, int quoted)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (quoted && v[i] == '\\' && i + 1 < n)
			i++;
		dst[o++] = v[i];
	}
	dst[o] = '\0';
	return o;
}

/* RFC 2046 bchars. */
static int is_bchar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("'()+_,-./:=? ", c));
}

/* A token of at most max - 1 bytes at *pp, lowercased into dst. */
static int take_token(const char **pp, const char *end, char *dst, size_t max)
{
	const char *p = *pp;
	size_t n = 0;

	while (p < end && is_tchar((unsigned char)*p)) {
		if (n + 1 >= max)
			return -1;
		dst[n++] = (char)lower((unsigned char)*p++);
	}
	dst[n] = '\0';
	*pp = p;
	return n ? 0 : -1;
}

int hp_parse_media_type(const char *value, struct hp_media *out,
    char *err, size_t errsz)
{
	const char *p, *end, *pn, *pv, *why = "malformed media type";
	char tmp[256];
	size_t pnl, pvl, n, i;
	int quoted, r;

	memset(out, 0, sizeof(*out));
	if (value == NULL)
		value = "";
	p = value;
	end = value + strlen(value);
	while (p < end && is_ows(*p))
		p++;
	if (take_token(&p, end, out->type, sizeof(out->type)) != 0 ||
	    p == end || *p++ != '/' ||
	    take_token(&p, end, out->subtype, sizeof(out->subtype)) != 0)
		goto bad;
	while ((r = next_param(&p, end, &pn, &pnl, &pv, &pvl, &quoted)) == 1) {
		if (ieq(pn, pnl, "charset")) {
			if (pvl >= sizeof(out->charset))
				goto bad;
			n = unquote(out->charset, pv, pvl, quoted);
			for (i = 0; i < n; i++)
				out->charset[i] =
				    (char)lower((unsigned char)out->charset[i]);
		} else if (ieq(pn, pnl, "boundary")) {
			why = "invalid multipart boundary";
			if (pvl >= sizeof(tmp))
				goto bad;
			n = unquote(tmp, pv, pvl, quoted);
			for (i = 0; i < n && is_bchar((unsigned char)tmp[i]); i++)
				;
			if (n < 1 || n > 70 || tmp[n - 1] == ' ' || i < n)
				goto bad;
			why = "malformed media type";
			memcpy(out->boundary, tmp, n + 1);
		}
	}
	if (r < 0 || p != end)
		goto bad;
	return HP_OK;
bad:
	seterr(err, errsz, "Content-Type: %s", why);
	memset(out, 0, sizeof(*out));
	return HP_EMALFORMED;
}

/* ---- multipart/form-data ---- */

/* Everything one part's headers said, pointing into the body. */
struct part_hdr {
	const char *name, *fname, *fstar, *ctype;
	size_t namel, fnamel, fstarl, ctypel;
	int nameq, fnameq, seen_cd;
};

/* Parses a Content-Disposition value into *h. */
static int parse_disposition(const char *p, const char *end,
    struct part_hdr *h)
{
	const char *s = p, *pn, *pv;
	size_t pnl, pvl;
	int quoted, r;

	while (p < end && is_tchar((unsigned char)*p))
		p++;
	if (!ieq(s, (size_t)(p - s), "form-data"))
		return -1;
	while ((r = next_param(&p, end, &pn, &pnl, &pv, &pvl, &quoted)) == 1) {
		if (ieq(pn, pnl, "name")) {
			if (h->name != NULL)
				return -1;
			h->name = pv, h->namel = pvl, h->nameq = quoted;
		} else if (ieq(pn, pnl, "filename")) {
			if (h->fname != NULL)
				return -1;
			h->fname = pv, h->fnamel = pvl, h->fnameq = quoted;
		} else if (ieq(pn, pnl, "filename*")) {
			if (h->fstar != NULL || quoted)
				return -1;
			h->fstar = pv, h->fstarl = pvl;
		}
	}
	return r < 0 || p != end ? -1 : 0;
}

/* 1 when v[0..n-1] is a printable ASCII media type of < 256 bytes. */
static int media_ok(const char *v, size_t n)
{
	struct hp_media m;
	char tmp[256];
	size_t i;

	if (n == 0 || n >= sizeof(tmp))
		return 0;
	for (i = 0; i < n; i++)
		if (v[i] < 0x20 || v[i] > 0x7e)
			return 0;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	return hp_parse_media_type(tmp, &m, NULL, 0) == HP_OK;
}

/* Parses the header block [p, end) (lines ending in CRLF) into *h. */
static int parse_part_headers(const char *p, const char *end,
    struct part_hdr *h, const char **why)
{
	const char *eol, *colon, *v0, *v1, *c;

	for (; p < end; p = eol + 2) {
		eol = memmem(p, (size_t)(end - p), "\r\n", 2);
		if (is_ows(*p) || (colon = memchr(p, ':', (size_t)(eol - p))) ==
		    NULL || colon == p) {
			*why = "malformed header line";
			return -1;
		}
		for (v0 = colon + 1; v0 < eol && is_ows(*v0); v0++)
			;
		for (v1 = eol; v1 > v0 && is_ows(v1[-1]); v1--)
			;
		for (c = v0; c < v1; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f) {
				*why = "control character in header";
				return -1;
			}
		if (ieq(p, (size_t)(colon - p), "content-disposition")) {
			if (h->seen_cd++ || parse_disposition(v0, v1, h) != 0) {
				*why = "malformed Content-Disposition";
				return -1;
			}
		} else if (ieq(p, (size_t)(colon - p), "content-type")) {
			if (h->ctype != NULL || !media_ok(v0, (size_t)(v1 - v0))) {
				*why = "malformed Content-Type";
				return -1;
			}
			h->ctype = v0, h->ctypel = (size_t)(v1 - v0);
		}
	}
	if (!h->seen_cd)
		*why = "missing Content-Disposition";
	else if (h->name == NULL)
		*why = "no name in Content-Disposition";
	return h->name == NULL ? -1 : 0;
}

/*
 * The RFC 5987 value charset'lang'pct-encoded into a new arena string, in
 * UTF-8; NULL with *bad set when malformed or the charset is unknown.
 */
static char *ext_value(struct hp_kvlist *l, const char *v, size_t n,
    size_t *outl, int *bad)
{
	const char *q1, *q2;
	char *d;
	size_t dn, off, i, o;
	int latin1;

	*bad = 1;
	if ((q1 = memchr(v, '\'', n)) == NULL ||
	    (q2 = memchr(q1 + 1, '\'', n - (size_t)(q1 + 1 - v))) == NULL)
		return NULL;
	if (ieq(v, (size_t)(q1 - v), "utf-8"))
		latin1 = 0;
	else if (ieq(v, (size_t)(q1 - v), "iso-8859-1"))
		latin1 = 1;
	else
		return NULL;
	q2++;
	n -= (size_t)(q2 - v);
	*bad = 0;
	if (n > (SIZE_MAX - 1) / 2 || (d = arena_get(l, 2 * n + 1, 0)) == NULL)
		return NULL;
	*bad = 1;
	if (hp_pct_decode(q2, n, 0, d + n, &dn, &off) != 0)
		return NULL;
	for (i = o = 0; i < dn; i++) {
		unsigned char c = (unsigned char)d[n + i];

		if (latin1 && c >= 0x80) {
			d[o++] = (char)(0xc0 | c >> 6);
			d[o++] = (char)(0x80 | (c & 0x3f));
		} else
			d[o++] = (char)c;
	}
	d[o] = '\0';
	arena_trim(l, 2 * n - o);
	*bad = 0;
	*outl = o;
	return d;
}

/* 1 when s[0..n-1] is UTF-8 without control characters. */
static int clean_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return hp_utf8_valid(s, n, NULL);
}

/*
 * One part, *pos just after the CRLF that follows its delimiter; moves
 * *pos past the next delimiter.
 */
static int parse_part(struct hp_kvlist *l, const char *body, size_t len,
    size_t *pos, const char *delim, size_t dlen, size_t n,
    const struct hp_limits *L, char *err, size_t errsz)
{
	struct part_hdr h;
	struct hp_kv *kv;
	const char *hs = body + *pos, *he, *d, *why = NULL;
	char qb[QNAME];
	size_t rem = len - *pos, fl = 0, max;
	int bad;

	memset(&h, 0, sizeof(h));
	if (rem >= 2 && memcmp(hs, "\r\n", 2) == 0)
		he = hs;
	else if ((he = memmem(hs, rem < L->max_part_header ? rem :
	    L->max_part_header, "\r\n\r\n", 4)) != NULL)
		he += 2;
	else if (rem >= L->max_part_header) {
		seterr(err, errsz, "part %zu: header block longer than %zu "
		    "bytes", n, L->max_part_header);
		return HP_ETOOLARGE;
	} else {
		seterr(err, errsz, "part %zu: truncated headers", n);
		return HP_EMALFORMED;
	}
	if (parse_part_headers(hs, he, &h, &why) != 0) {
		seterr(err, errsz, "part %zu: %s", n, why);
		return HP_EMALFORMED;
	}
	if ((kv = list_push(l)) == NULL ||
	    (kv->name = arena_get(l, h.namel + 1, 0)) == NULL)
		return nomem(err, errsz);
	fl = unquote(kv->name, h.name, h.namel, h.nameq);
	arena_trim(l, h.namel - fl);
	if (fl > L->max_name) {
		seterr(err, errsz, "part %zu ('%s'): name longer than %zu bytes",
		    n, qn(qb, kv->name, fl), L->max_name);
		return HP_ETOOLARGE;
	}
	if (fl == 0 || !clean_text(kv->name, fl)) {
		seterr(err, errsz, "part %zu: %s name", n, fl ? "invalid" : "empty");
		return HP_EMALFORMED;
	}
	qn(qb, kv->name, fl);
	if (h.fstar != NULL) {
		if ((kv->filename = ext_value(l, h.fstar, h.fstarl, &fl, &bad))
		    == NULL && !bad)
			return nomem(err, errsz);
	} else if (h.fname != NULL) {
		if ((kv->filename = arena_get(l, h.fnamel + 1, 0)) == NULL)
			return nomem(err, errsz);
		fl = unquote(kv->filename, h.fname, h.fnamel, h.fnameq);
		arena_trim(l, h.fnamel - fl);
	}
	if (h.fstar != NULL && kv->filename == NULL) {
		seterr(err, errsz, "part %zu ('%s'): malformed filename*", n, qb);
		return HP_EMALFORMED;
	}
	if (kv->filename != NULL && fl > L->max_filename) {
		seterr(err, errsz, "part %zu ('%s'): filename longer than %zu "
		    "bytes", n, qb, L->max_filename);
		return HP_ETOOLARGE;
	}
	if (kv->filename != NULL && !clean_text(kv->filename, fl)) {
		seterr(err, errsz, "part %zu ('%s'): filename not valid UTF-8",
		    n, qb);
		return HP_EMALFORMED;
	}
	if (h.ctype != NULL &&
	    (kv->ctype = arena_dup(l, h.ctype, h.ctypel)) == NULL)
		return nomem(err, errsz);
	*pos = (size_t)(he - body) + 2;
	if ((d = memmem(body + *pos, len - *pos, delim, dlen)) == NULL) {
		seterr(err, errsz, "part %zu ('%s'): missing closing boundary",
		    n, qb);
		return HP_EMALFORMED;
	}
	kv->vlen = (size_t)(d - (body + *pos));
	max = kv->filename ? L->max_file : L->max_value;
	if (kv->vlen > max) {
		seterr(err, errsz, "part %zu ('%s'): %s longer than %zu bytes",
		    n, qb, kv->filename ? "file" : "value", max);
		return HP_ETOOLARGE;
	}
	if (kv->filename == NULL) {
		if ((d = memchr(body + *pos, '\0', kv->vlen)) != NULL) {
			seterr(err, errsz, "field '%s': NUL byte at byte %zu",
			    qb, (size_t)(d - (body + *pos)));
			return HP_EMALFORMED;
		}
		if (!hp_utf8_valid(body + *pos, kv->vlen, NULL)) {
			seterr(err, errsz, "field '%s': not valid UTF-8", qb);
			return HP_EMALFORMED;
		}
	}
	if ((kv->value = arena_dup(l, body + *pos, kv->vlen)) == NULL)
		return nomem(err, errsz);
	*pos += kv->vlen + dlen;
	return HP_OK;
}

int hp_parse_multipart(const char *content_type, const char *body,
    size_t len, const struct hp_limits *lim, struct hp_kvlist **out,
    char *err, size_t errsz)
{
	struct hp_limits L;
	struct hp_media m;
	struct hp_kvlist *l = NULL;
	char delim[4 + sizeof(m.boundary)];
	const char *p;
	size_t dlen, pos, n;
	int rc;

	*out = NULL;
	limits_get(lim, &L);
	if ((rc = hp_parse_media_type(content_type, &m, err, errsz)) != HP_OK)
		goto out;
	rc = HP_EMALFORMED;
	if (strcmp(m.type, "multipart") != 0 ||
	    strcmp(m.subtype, "form-data") != 0) {
		seterr(err, errsz, "Content-Type is not multipart/form-data");
		goto out;
	}
	if (m.boundary[0] == '\0') {
		seterr(err, errsz, "Content-Type: no multipart boundary");
		goto out;
	}
	if (body == NULL)
		len = 0;
	if (len > L.max_total) {
		rc = HP_ETOOLARGE;
		seterr(err, errsz, "body longer than %zu bytes", L.max_total);
		goto out;
	}
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", m.boundary);
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		pos = dlen - 2;
	else if (len > 0 && (p = memmem(body, len, delim, dlen)) != NULL)
		pos = (size_t)(p - body) + dlen;
	else {
		seterr(err, errsz, "multipart: no opening boundary");
		goto out;
	}
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    arena_get(l, 0, len + 64) == NULL) {
		rc = nomem(err, errsz);
		goto out;
	}
	for (n = 1;; n++) {
		if (len - pos >= 2 && memcmp(body + pos, "--", 2) == 0)
			break;
		while (pos < len && is_ows(body[pos]))
			pos++;
		if (len - pos < 2 || memcmp(body + pos, "\r\n", 2) != 0) {
			seterr(err, errsz, len - pos < 2 ? "multipart: missing final"
			    " boundary" : "multipart: garbage after boundary");
			goto out;
		}
		pos += 2;
		if (n > L.max_fields) {
			rc = HP_ETOOLARGE;
			seterr(err, errsz, "more than %zu parts", L.max_fields);
			goto out;
		}
		if ((rc = parse_part(l, body, len, &pos, delim, dlen, n, &L,
		    err, errsz)) != HP_OK)
			goto out;
		rc = HP_EMALFORMED;
	}
	*out = l;
	l = NULL;
	rc = HP_OK;
out:
	hp_kvlist_free(l);
	return rc;
}

/* ---- Accept, Accept-Language ---- */

/* A q-value ("0", "0.5", "1.000") in thousandths, or -1. */
static int q_parse(const char *v, size_t n)
{
	size_t i;
	int q, scale = 100;

	if (n == 0 || (v[0] != '0' && v[0] != '1'))
		return -1;
	q = (v[0] - '0') * 1000;
	if (n == 1)
		return q;
	if (v[1] != '.' || n > 5)
		return -1;
	for (i = 2; i < n; i++, scale /= 10) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		q += (v[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

/*
 * Walks the next comma-separated element of an Accept-style header at *pp:
 * sets the element's leading value (*el, *ell) and its q (1000 when absent,
 * -1 when the element is malformed), and moves *pp past it.  Returns 0 at
 * the end of the header.
 */
static int next_element(const char **pp, const char *end, const char **el,
    size_t *ell, int *q)
{
	const char *p = *pp, *pn, *pv;
	size_t pnl, pvl;
	int quoted, r;

	while (p < end && (is_ows(*p) || *p == ','))
		p++;
	if (p == end)
		return 0;
	*el = p;
	while (p < end && (is_tchar((unsigned char)*p) || *p == '/'))
		p++;
	*ell = (size_t)(p - *el);
	*q = *ell ? 1000 : -1;
	while ((r = next_param(&p, end, &pn, &pnl, &pv, &pvl, &quoted)) == 1)
		if (ieq(pn, pnl, "q") && *q >= 0)
			*q = quoted ? -1 : q_parse(pv, pvl);
	if (r < 0 || (p < end && *p != ',')) {
		*q = -1;
		while (p < end && *p != ',')
			p++;
	}
	*pp = p == *el ? p + 1 : p;
	return 1;
}

int hp_accepts_json(const char *accept)
{
	const char *p, *end, *el;
	size_t n;
	int q, js = 0, jq = 0, hs = 0, hq = 0, s;

	if (accept == NULL)
		return 0;
	p = accept;
	end = accept + strlen(accept);
	while (p < end && next_element(&p, end, &el, &n, &q)) {
		if (q < 0)
			continue;
		s = ieq(el, n, "application/json") ? 3 :
		    ieq(el, n, "application/*") ? 2 : ieq(el, n, "*/*");
		if (s > js) {
			js = s;
			jq = q;
		}
		s = ieq(el, n, "text/html") ? 3 :
		    ieq(el, n, "text/*") ? 2 : ieq(el, n, "*/*");
		if (s > hs) {
			hs = s;
			hq = q;
		}
	}
	return js >= 2 && jq > 0 && jq >= hq;
}

/* a[0..n-1] equals b[0..n-1], ignoring ASCII case. */
static int ieqn(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* How a language range matches a code: 4 exact ... 1 "*", 0 not at all. */
static int lang_level(const char *r, size_t rn, const char *code)
{
	size_t cn = strlen(code);

	if (rn == 1 && r[0] == '*')
		return 1;
	if (rn == cn && ieqn(r, code, rn))
		return 4;
	if (rn < cn && code[rn] == '-' && ieqn(r, code, rn))
		return 3;
	if (cn < rn && r[cn] == '-' && ieqn(r, code, cn))
		return 2;
	return 0;
}

const char *hp_accept_language(const char *header,
    const char *const *supported, size_t n)
{
	const char *p, *end, *el, *best = NULL;
	size_t i, elen, idx, bidx = 0, cidx;
	int q, lvl, clvl, cq, bq = 0;

	if (header == NULL || supported == NULL)
		return NULL;
	end = header + strlen(header);
	for (i = 0; i < n; i++) {
		if (supported[i] == NULL || supported[i][0] == '\0')
			continue;
		clvl = cq = 0;
		cidx = 0;
		for (p = header, idx = 0; p < end &&
		    next_element(&p, end, &el, &elen, &q); idx++) {
			if (q < 0 || (lvl = lang_level(el, elen,
			    supported[i])) <= clvl)
				continue;
			clvl = lvl;
			cq = q;
			cidx = idx;
		}
		if (cq > 0 && (best == NULL || cq > bq ||
		    (cq == bq && cidx < bidx))) {
			best = supported[i];
			bq = cq;
			bidx = cidx;
		}
	}
	return best;
}
