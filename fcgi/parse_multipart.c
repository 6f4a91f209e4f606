/*
 * parse_multipart.c - multipart/form-data bodies (RFC 7578, see parse.h).
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

	while (p < end && hpi_is_tchar((unsigned char)*p))
		p++;
	if (!hpi_ieq(s, (size_t)(p - s), "form-data"))
		return -1;
	while ((r = hpi_next_param(&p, end, &pn, &pnl, &pv, &pvl, &quoted)) == 1) {
		if (hpi_ieq(pn, pnl, "name")) {
			if (h->name != NULL)
				return -1;
			h->name = pv, h->namel = pvl, h->nameq = quoted;
		} else if (hpi_ieq(pn, pnl, "filename")) {
			if (h->fname != NULL)
				return -1;
			h->fname = pv, h->fnamel = pvl, h->fnameq = quoted;
		} else if (hpi_ieq(pn, pnl, "filename*")) {
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
		if (hpi_is_ows(*p) || (colon = memchr(p, ':', (size_t)(eol - p))) ==
		    NULL || colon == p) {
			*why = "malformed header line";
			return -1;
		}
		for (v0 = colon + 1; v0 < eol && hpi_is_ows(*v0); v0++)
			;
		for (v1 = eol; v1 > v0 && hpi_is_ows(v1[-1]); v1--)
			;
		for (c = v0; c < v1; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f) {
				*why = "control character in header";
				return -1;
			}
		if (hpi_ieq(p, (size_t)(colon - p), "content-disposition")) {
			if (h->seen_cd++ || parse_disposition(v0, v1, h) != 0) {
				*why = "malformed Content-Disposition";
				return -1;
			}
		} else if (hpi_ieq(p, (size_t)(colon - p), "content-type")) {
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
	if (hpi_ieq(v, (size_t)(q1 - v), "utf-8"))
		latin1 = 0;
	else if (hpi_ieq(v, (size_t)(q1 - v), "iso-8859-1"))
		latin1 = 1;
	else
		return NULL;
	q2++;
	n -= (size_t)(q2 - v);
	*bad = 0;
	if (n > (SIZE_MAX - 1) / 2 || (d = hpi_arena_get(l, 2 * n + 1, 0)) == NULL)
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
	hpi_arena_trim(l, 2 * n - o);
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
		hpi_seterr(err, errsz, "part %zu: header block longer than %zu "
		    "bytes", n, L->max_part_header);
		return HP_ETOOLARGE;
	} else {
		hpi_seterr(err, errsz, "part %zu: truncated headers", n);
		return HP_EMALFORMED;
	}
	if (parse_part_headers(hs, he, &h, &why) != 0) {
		hpi_seterr(err, errsz, "part %zu: %s", n, why);
		return HP_EMALFORMED;
	}
	if ((kv = hpi_list_push(l)) == NULL ||
	    (kv->name = hpi_arena_get(l, h.namel + 1, 0)) == NULL)
		return hpi_nomem(err, errsz);
	fl = hpi_unquote(kv->name, h.name, h.namel, h.nameq);
	hpi_arena_trim(l, h.namel - fl);
	if (fl > L->max_name) {
		hpi_seterr(err, errsz, "part %zu ('%s'): name longer than %zu bytes",
		    n, hpi_qn(qb, kv->name, fl), L->max_name);
		return HP_ETOOLARGE;
	}
	if (fl == 0 || !clean_text(kv->name, fl)) {
		hpi_seterr(err, errsz, "part %zu: %s name", n, fl ? "invalid" : "empty");
		return HP_EMALFORMED;
	}
	hpi_qn(qb, kv->name, fl);
	if (h.fstar != NULL) {
		if ((kv->filename = ext_value(l, h.fstar, h.fstarl, &fl, &bad))
		    == NULL && !bad)
			return hpi_nomem(err, errsz);
	} else if (h.fname != NULL) {
		if ((kv->filename = hpi_arena_get(l, h.fnamel + 1, 0)) == NULL)
			return hpi_nomem(err, errsz);
		fl = hpi_unquote(kv->filename, h.fname, h.fnamel, h.fnameq);
		hpi_arena_trim(l, h.fnamel - fl);
	}
	if (h.fstar != NULL && kv->filename == NULL) {
		hpi_seterr(err, errsz, "part %zu ('%s'): malformed filename*", n, qb);
		return HP_EMALFORMED;
	}
	if (kv->filename != NULL && fl > L->max_filename) {
		hpi_seterr(err, errsz, "part %zu ('%s'): filename longer than %zu "
		    "bytes", n, qb, L->max_filename);
		return HP_ETOOLARGE;
	}
	if (kv->filename != NULL && !clean_text(kv->filename, fl)) {
		hpi_seterr(err, errsz, "part %zu ('%s'): filename not valid UTF-8",
		    n, qb);
		return HP_EMALFORMED;
	}
	if (h.ctype != NULL &&
	    (kv->ctype = hpi_arena_dup(l, h.ctype, h.ctypel)) == NULL)
		return hpi_nomem(err, errsz);
	*pos = (size_t)(he - body) + 2;
	if ((d = memmem(body + *pos, len - *pos, delim, dlen)) == NULL) {
		hpi_seterr(err, errsz, "part %zu ('%s'): missing closing boundary",
		    n, qb);
		return HP_EMALFORMED;
	}
	kv->vlen = (size_t)(d - (body + *pos));
	max = kv->filename ? L->max_file : L->max_value;
	if (kv->vlen > max) {
		hpi_seterr(err, errsz, "part %zu ('%s'): %s longer than %zu bytes",
		    n, qb, kv->filename ? "file" : "value", max);
		return HP_ETOOLARGE;
	}
	if (kv->filename == NULL) {
		if ((d = memchr(body + *pos, '\0', kv->vlen)) != NULL) {
			hpi_seterr(err, errsz, "field '%s': NUL byte at byte %zu",
			    qb, (size_t)(d - (body + *pos)));
			return HP_EMALFORMED;
		}
		if (!hp_utf8_valid(body + *pos, kv->vlen, NULL)) {
			hpi_seterr(err, errsz, "field '%s': not valid UTF-8", qb);
			return HP_EMALFORMED;
		}
	}
	if ((kv->value = hpi_arena_dup(l, body + *pos, kv->vlen)) == NULL)
		return hpi_nomem(err, errsz);
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
	hpi_limits_get(lim, &L);
	if ((rc = hp_parse_media_type(content_type, &m, err, errsz)) != HP_OK)
		goto out;
	rc = HP_EMALFORMED;
	if (strcmp(m.type, "multipart") != 0 ||
	    strcmp(m.subtype, "form-data") != 0) {
		hpi_seterr(err, errsz, "Content-Type is not multipart/form-data");
		goto out;
	}
	if (m.boundary[0] == '\0') {
		hpi_seterr(err, errsz, "Content-Type: no multipart boundary");
		goto out;
	}
	if (body == NULL)
		len = 0;
	if (len > L.max_total) {
		rc = HP_ETOOLARGE;
		hpi_seterr(err, errsz, "body longer than %zu bytes", L.max_total);
		goto out;
	}
	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", m.boundary);
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		pos = dlen - 2;
	else if (len > 0 && (p = memmem(body, len, delim, dlen)) != NULL)
		pos = (size_t)(p - body) + dlen;
	else {
		hpi_seterr(err, errsz, "multipart: no opening boundary");
		goto out;
	}
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    hpi_arena_get(l, 0, len + 64) == NULL) {
		rc = hpi_nomem(err, errsz);
		goto out;
	}
	for (n = 1;; n++) {
		if (len - pos >= 2 && memcmp(body + pos, "--", 2) == 0)
			break;
		while (pos < len && hpi_is_ows(body[pos]))
			pos++;
		if (len - pos < 2 || memcmp(body + pos, "\r\n", 2) != 0) {
			hpi_seterr(err, errsz, len - pos < 2 ? "multipart: missing final"
			    " boundary" : "multipart: garbage after boundary");
			goto out;
		}
		pos += 2;
		if (n > L.max_fields) {
			rc = HP_ETOOLARGE;
			hpi_seterr(err, errsz, "more than %zu parts", L.max_fields);
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

