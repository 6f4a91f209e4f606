/*
 * parse_header.c - header values: Content-Type parameters, Accept and
 * Accept-Language (see parse.h).
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

/* ---- header parameters, Content-Type ---- */

/*
 * The next ";" name "=" value parameter at *pp (before end).  Returns 1 with
 * the name and the raw value (quotes removed, escapes kept; *quoted set),
 * 0 when the next non-blank character is not ';' (*pp left on it), -1 when
 * malformed.
 */
int hpi_next_param(const char **pp, const char *end, const char **pn,
    size_t *pnl, const char **pv, size_t *pvl, int *quoted)
{
	const char *p = *pp, *s;

	while (p < end && hpi_is_ows(*p))
		p++;
	*pp = p;
	if (p == end || *p != ';')
		return 0;
	for (p++; p < end && hpi_is_ows(*p); p++)
		;
	for (s = p; p < end && hpi_is_tchar((unsigned char)*p); p++)
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
		for (s = p; p < end && hpi_is_tchar((unsigned char)*p); p++)
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
size_t hpi_unquote(char *dst, const char *v, size_t n, int quoted)
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

	while (p < end && hpi_is_tchar((unsigned char)*p)) {
		if (n + 1 >= max)
			return -1;
		dst[n++] = (char)hpi_lower((unsigned char)*p++);
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
	while (p < end && hpi_is_ows(*p))
		p++;
	if (take_token(&p, end, out->type, sizeof(out->type)) != 0 ||
	    p == end || *p++ != '/' ||
	    take_token(&p, end, out->subtype, sizeof(out->subtype)) != 0)
		goto bad;
	while ((r = hpi_next_param(&p, end, &pn, &pnl, &pv, &pvl, &quoted)) == 1) {
		if (hpi_ieq(pn, pnl, "charset")) {
			if (pvl >= sizeof(out->charset))
				goto bad;
			n = hpi_unquote(out->charset, pv, pvl, quoted);
			for (i = 0; i < n; i++)
				out->charset[i] =
				    (char)hpi_lower((unsigned char)out->charset[i]);
		} else if (hpi_ieq(pn, pnl, "boundary")) {
			why = "invalid multipart boundary";
			if (pvl >= sizeof(tmp))
				goto bad;
			n = hpi_unquote(tmp, pv, pvl, quoted);
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
	hpi_seterr(err, errsz, "Content-Type: %s", why);
	memset(out, 0, sizeof(*out));
	return HP_EMALFORMED;
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

	while (p < end && (hpi_is_ows(*p) || *p == ','))
		p++;
	if (p == end)
		return 0;
	*el = p;
	while (p < end && (hpi_is_tchar((unsigned char)*p) || *p == '/'))
		p++;
	*ell = (size_t)(p - *el);
	*q = *ell ? 1000 : -1;
	while ((r = hpi_next_param(&p, end, &pn, &pnl, &pv, &pvl, &quoted)) == 1)
		if (hpi_ieq(pn, pnl, "q") && *q >= 0)
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
		s = hpi_ieq(el, n, "application/json") ? 3 :
		    hpi_ieq(el, n, "application/*") ? 2 : hpi_ieq(el, n, "*/*");
		if (s > js) {
			js = s;
			jq = q;
		}
		s = hpi_ieq(el, n, "text/html") ? 3 :
		    hpi_ieq(el, n, "text/*") ? 2 : hpi_ieq(el, n, "*/*");
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
		if (hpi_lower((unsigned char)a[i]) != hpi_lower((unsigned char)b[i]))
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

