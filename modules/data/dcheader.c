/*
 * dcheader.c - header rows: detect the kind of data, reject unknown,
 * duplicate and missing columns by name, map file columns to the contract.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "salient/contract.h"
#include "dcmsg.h"
#include "dcparse.h"

/* A bounded message under construction; overflow just truncates. */
struct msg {
	char	*buf;
	size_t	 len, used;
};

__attribute__((format(printf, 2, 3)))
static void
add(struct msg *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (m->used + 1 >= m->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->used, m->len - m->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	m->used += (size_t)n < m->len - m->used ? (size_t)n
	    : m->len - m->used - 1;
}

static int
col_in(const struct dc_kind_def *k, const char *name)
{
	size_t i;

	for (i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
has_name(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

struct fit {
	size_t	known;		/* header names the kind knows */
	int	reqok;		/* all its required columns present */
};

static struct fit
fit_of(const struct dc_kind_def *k, const char *const *names, size_t n)
{
	struct fit f = { 0, 1 };
	size_t i;

	for (i = 0; i < n; i++)
		if (col_in(k, names[i]) >= 0)
			f.known++;
	for (i = 0; i < k->ncols; i++)
		if (k->cols[i].required && !has_name(names, n, k->cols[i].name))
			f.reqok = 0;
	return f;
}

/* Score of a kind as the header's kind: higher is better; -1 = no. */
static long
score(struct fit f, size_t n, int pass)
{
	if (pass == 0)		/* all required present, all known */
		return f.reqok && f.known == n ? 1 : -1;
	if (pass == 1)		/* all required present, fewest unknown */
		return f.reqok ? (long)f.known : -1;
	return f.known > 0 ? (long)f.known : -1;	/* most known */
}

static int
detect(const struct dc_kind_def *kinds, size_t nkinds,
    const char *const *names, size_t n, struct msg *m)
{
	long best, s;
	size_t k, nbest;
	int pass, found = -1;

	for (pass = 0; pass < 3; pass++) {
		best = -1;
		nbest = 0;
		for (k = 0; k < nkinds; k++) {
			s = score(fit_of(&kinds[k], names, n), n, pass);
			if (s < 0 || s < best)
				continue;
			if (s > best) {
				best = s;
				nbest = 0;
			}
			nbest++;
			found = (int)k;
		}
		if (nbest == 1)
			return found;
		if (nbest > 1) {
			char list[256];
			struct msg l = { list, sizeof(list), 0 };

			list[0] = '\0';
			for (k = 0, nbest = 0; k < nkinds; k++)
				if (score(fit_of(&kinds[k], names, n), n,
				    pass) == best)
					add(&l, "%s%s", nbest++ ? ", " : "",
					    kinds[k].name);
			dc_msg(m->buf, m->len, "data.header.several", "kinds", list, NULL);
			return -1;
		}
	}
	dc_msg(m->buf, m->len, "data.header.unknown_kind", NULL);
	return -1;
}

/* The kind's column names, ", " between them. */
static void
add_expected(struct msg *m, const struct dc_kind_def *k)
{
	size_t i;

	for (i = 0; i < k->ncols; i++)
		add(m, "%s%s", i ? ", " : "", k->cols[i].name);
}

int
dc_header_check_in(const struct dc_kind_def *kinds, size_t nkinds, int kind,
    const char *const *names, size_t n, struct dc_header *h,
    char *err, size_t errlen)
{
	struct msg m = { err, errlen, 0 };
	const struct dc_kind_def *k;
	char sh[64], list[512], exp[512], a[24], b[24];
	struct msg l = { list, sizeof(list), 0 }, e = { exp, sizeof(exp), 0 };
	size_t i, j, nbad = 0;
	int c;

	if (errlen > 0)
		err[0] = '\0';
	list[0] = exp[0] = '\0';
	if (n == 0 || (n == 1 && names[0][0] == '\0'))
		return dc_msg(err, errlen, "data.header.empty", NULL);
	if (n > DC_MAXFIELDS) {
		snprintf(a, sizeof(a), "%d", DC_MAXFIELDS);
		return dc_msg(err, errlen, "data.header.wide", "max", a, NULL);
	}
	if (kind < 0 && (kind = detect(kinds, nkinds, names, n, &m)) < 0)
		return -1;
	if ((size_t)kind >= nkinds)
		return dc_msg(err, errlen, "data.header.no_kind", NULL);
	k = &kinds[kind];

	for (i = 0; i < n; i++)
		if (col_in(k, names[i]) < 0)
			nbad++;
	if (nbad > 0) {
		for (i = 0, j = 0; i < n; i++)
			if (col_in(k, names[i]) < 0)
				add(&l, "%s'%s'", j++ ? ", " : "",
				    dc_shown(names[i], sh, sizeof(sh)));
		add_expected(&e, k);
		return dc_msg(err, errlen, nbad > 1 ? "data.header.unknown_columns" :
		    "data.header.unknown_column", "columns", list, "expected", exp, NULL);
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(names[i], names[j]) == 0) {
				snprintf(a, sizeof(a), "%zu", i + 1);
				snprintf(b, sizeof(b), "%zu", j + 1);
				return dc_msg(err, errlen, "data.header.duplicate", "column",
				    dc_shown(names[i], sh, sizeof(sh)), "first", a, "second", b,
				    NULL);
			}
	for (i = 0; i < k->ncols; i++)
		if (k->cols[i].required && !has_name(names, n, k->cols[i].name))
			nbad++;
	if (nbad > 0) {
		for (i = 0, j = 0; i < k->ncols; i++)
			if (k->cols[i].required &&
			    !has_name(names, n, k->cols[i].name))
				add(&l, "%s'%s'", j++ ? ", " : "",
				    k->cols[i].name);
		return dc_msg(err, errlen, nbad > 1 ? "data.header.missing_columns" :
		    "data.header.missing_column", "columns", list, NULL);
	}

	h->kind = (enum dc_kind)kind;
	h->nfields = n;
	for (i = 0; i < n; i++) {
		c = col_in(k, names[i]);
		h->map[i] = c;
	}
	return 0;
}

int
dc_header_check(int kind, const char *const *names, size_t n,
    struct dc_header *h, char *err, size_t errlen)
{
	return dc_header_check_in(dc_kinds, DC_NKINDS, kind, names, n, h,
	    err, errlen);
}

int
dc_header_values(const struct dc_header *h, const char *const *fields,
    size_t n, const char *values[DC_MAXCOLS], char *err, size_t errlen)
{
	size_t i;

	if (n != h->nfields) {
		char a[24], b[24];

		snprintf(a, sizeof(a), "%zu", n);
		snprintf(b, sizeof(b), "%zu", h->nfields);
		return dc_msg(err, errlen, n == 1 ? "data.row.fields_one" : "data.row.fields",
		    "fields", a, "header", b, NULL);
	}
	for (i = 0; i < DC_MAXCOLS; i++)
		values[i] = NULL;
	for (i = 0; i < n; i++)
		values[h->map[i]] = fields[i];
	return 0;
}
