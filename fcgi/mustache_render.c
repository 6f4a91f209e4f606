/*
 * mustache_render.c - renders a compiled template over json-c values, and
 * the output buffer it writes into.
 *
 * Rendering walks the tree recursively.  The state that changes on the way
 * down lives in small frames on the C stack, linked to their parents:
 *  - ctxf: the context stack (sections push, lookups walk up);
 *  - pfx:  the indentation prefix written at each line start (standalone
 *          partials, parents and blocks add to it);
 *  - argf: the block arguments of the parents being expanded (the
 *          outermost argument for a name wins).
 * Nothing is allocated while rendering except output growth.
 */
#define MST_INTERNAL

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json.h>

#include "mustache.h"

struct ctxf {
	struct json_object	*v;
	const struct ctxf	*up;
};

struct pfx {
	const char		*s;
	size_t			 n;
	const struct pfx	*up;
};

struct argf {
	const struct mst_node	*parent;	/* MST_PARENT: kids are args */
	const mst_tmpl		*tmpl;		/* template holding parent */
	const struct argf	*up;
};

struct scope {
	const struct ctxf	*ctx;
	const struct pfx	*pfx;
	size_t			 strip;	/* leading blanks cut per line */
	const struct argf	*args;
	const mst_tmpl		*tmpl;	/* template the nodes belong to */
};

struct rstate {
	const struct mst_loader	*ld;
	struct mst_buf		*out;
	char			*err;
	size_t			 errlen;
	int			 depth;
};

static int	render_list(struct rstate *, const struct scope *,
		    const struct mst_node *, size_t);

void
mst_buf_init(struct mst_buf *b)
{
	memset(b, 0, sizeof(*b));
}

int
mst_buf_append(struct mst_buf *b, const char *s, size_t n)
{
	char	*nd;
	size_t	 ncap;

	if (n > MST_BUF_MAX || b->len > MST_BUF_MAX - n)
		return -1;
	if (b->data == NULL || b->len + n + 1 > b->cap) {
		ncap = b->cap ? b->cap : 256;
		while (ncap < b->len + n + 1)
			ncap *= 2;	/* cannot overflow: bounded by MAX */
		if (ncap > MST_BUF_MAX + 1)
			ncap = MST_BUF_MAX + 1;
		if ((nd = realloc(b->data, ncap)) == NULL)
			return -1;
		b->data = nd;
		b->cap = ncap;
	}
	if (n > 0)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

void
mst_buf_reset(struct mst_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
mst_buf_free(struct mst_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

static int
out(struct rstate *rs, const char *s, size_t n)
{
	if (mst_buf_append(rs->out, s, n) == 0)
		return 0;
	if (rs->errlen > 0)
		snprintf(rs->err, rs->errlen, "output larger than %u bytes "
		    "or out of memory", MST_BUF_MAX);
	return -1;
}

static int
out_pfx(struct rstate *rs, const struct pfx *p)
{
	if (p == NULL)
		return 0;
	if (out_pfx(rs, p->up) == -1)
		return -1;
	return out(rs, p->s, p->n);
}

static int
out_escaped(struct rstate *rs, const char *s, size_t n)
{
	size_t		 i, from = 0;
	const char	*rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		if (out(rs, s + from, i - from) == -1 ||
		    out(rs, rep, strlen(rep)) == -1)
			return -1;
		from = i + 1;
	}
	return out(rs, s + from, n - from);
}

/* Shortest "%.Ng" that reads back as the same double. */
static void
fmt_double(double d, char *buf, size_t len)
{
	int	 prec;
	char	*end;

	if (isnan(d)) {
		snprintf(buf, len, "NaN");
		return;
	}
	for (prec = 1; prec < 17; prec++) {
		snprintf(buf, len, "%.*g", prec, d);
		if (strtod(buf, &end) == d && *end == '\0')
			return;
	}
	snprintf(buf, len, "%.17g", d);
}

static int
out_value(struct rstate *rs, struct json_object *v, int escape)
{
	char		 num[40];
	const char	*s;
	size_t		 n;
	int64_t		 i;

	switch (json_object_get_type(v)) {
	case json_type_null:
		return 0;
	case json_type_boolean:
		s = json_object_get_boolean(v) ? "true" : "false";
		return out(rs, s, strlen(s));
	case json_type_int:
		i = json_object_get_int64(v);
		if (i == INT64_MAX)
			snprintf(num, sizeof(num), "%llu",
			    (unsigned long long)json_object_get_uint64(v));
		else
			snprintf(num, sizeof(num), "%lld", (long long)i);
		return out(rs, num, strlen(num));
	case json_type_double:
		fmt_double(json_object_get_double(v), num, sizeof(num));
		return out(rs, num, strlen(num));
	case json_type_string:
		s = json_object_get_string(v);
		n = (size_t)json_object_get_string_len(v);
		break;
	default:	/* object, array: their JSON text */
		s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
		n = s != NULL ? strlen(s) : 0;
		break;
	}
	return escape ? out_escaped(rs, s, n) : out(rs, s, n);
}

/* Resolves a node's (dotted) name against the context stack.  Missing and
 * null both give NULL. */
static struct json_object *
lookup(const struct ctxf *c, const struct mst_node *n)
{
	struct json_object	*v = NULL;
	size_t			 i;

	if (n->nseg == 0)
		return c != NULL ? c->v : NULL;
	for (; c != NULL; c = c->up)
		if (json_object_is_type(c->v, json_type_object) &&
		    json_object_object_get_ex(c->v, n->keys, &v))
			break;
	if (c == NULL)
		return NULL;
	for (i = 1; i < n->nseg && v != NULL; i++)
		if (!json_object_is_type(v, json_type_object) ||
		    !json_object_object_get_ex(v, n->keys + n->seg[i].off, &v))
			v = NULL;
	return v;
}

static int
truthy(struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		return 0;
	case json_type_boolean:
		return json_object_get_boolean(v);
	case json_type_array:
		return json_object_array_length(v) > 0;
	case json_type_string:
		return json_object_get_string_len(v) > 0;
	default:
		return 1;
	}
}

static int
render_text(struct rstate *rs, const struct scope *sc,
    const struct mst_node *n)
{
	const char	*s = n->str, *nl;
	size_t		 i = 0, k, len = n->len;
	int		 bol = n->bol;

	if (sc->pfx == NULL && sc->strip == 0)
		return out(rs, s, len);
	while (i < len) {
		if (bol) {
			if (out_pfx(rs, sc->pfx) == -1)
				return -1;
			for (k = 0; k < sc->strip && i < len &&
			    (s[i] == ' ' || s[i] == '\t'); k++)
				i++;
		}
		if ((nl = memchr(s + i, '\n', len - i)) == NULL)
			return out(rs, s + i, len - i);
		k = (size_t)(nl - s) + 1;
		if (out(rs, s + i, k - i) == -1)
			return -1;
		i = k;
		bol = 1;
	}
	return 0;
}

/* The name a partial/parent tag asks for: static, or a string value in
 * the context for {{>*name}}.  NULL when a dynamic name does not resolve. */
static const char *
include_name(const struct scope *sc, const struct mst_node *n)
{
	struct json_object	*v;

	if (!n->dynamic)
		return n->str;
	v = lookup(sc->ctx, n);
	return json_object_is_type(v, json_type_string) ?
	    json_object_get_string(v) : NULL;
}

/* Renders a partial ({{>x}}) or parent ({{<x}}) tag. */
static int
render_include(struct rstate *rs, const struct scope *sc,
    const struct mst_node *n)
{
	const mst_tmpl	*t = NULL;
	const char	*name;
	struct scope	 in;
	struct pfx	 p;
	struct argf	 a;
	size_t		 cut;
	int		 rc;

	if ((name = include_name(sc, n)) == NULL || rs->ld == NULL ||
	    rs->ld->load == NULL)
		return 0;
	if (rs->ld->load(rs->ld->arg, sc->tmpl, name, &t, rs->err,
	    rs->errlen) == -1)
		return -1;
	if (t == NULL)
		return 0;
	if (rs->depth >= MST_MAX_DEPTH) {
		if (rs->errlen > 0)
			snprintf(rs->err, rs->errlen, "%s:%d: partials nested "
			    "deeper than %d ('%.60s')", mst_name(sc->tmpl),
			    n->line, MST_MAX_DEPTH, name);
		return -1;
	}
	in = *sc;
	in.strip = 0;
	in.tmpl = t;
	in.pfx = NULL;
	if (n->standalone) {
		cut = sc->strip < n->indentlen ? sc->strip : n->indentlen;
		p.s = n->indent + cut;
		p.n = n->indentlen - cut;
		p.up = sc->pfx;
		in.pfx = &p;
	}
	if (n->kind == MST_PARENT) {
		a.parent = n;
		a.tmpl = sc->tmpl;
		a.up = sc->args;
		in.args = &a;
	}
	rs->depth++;
	rc = render_list(rs, &in, t->root.kids, t->root.nkids);
	rs->depth--;
	return rc;
}

/* Renders a block ({{$x}}): the outermost argument given for it by a
 * parent being expanded, else its own content. */
static int
render_block(struct rstate *rs, const struct scope *sc,
    const struct mst_node *n)
{
	const struct mst_node	*arg = NULL, *k;
	const struct argf	*a;
	const mst_tmpl		*argt = NULL;
	struct scope		 in;
	struct pfx		 p;
	size_t			 i, cut;
	int			 rc;

	for (a = sc->args; a != NULL; a = a->up)
		for (i = 0; i < a->parent->nkids; i++) {
			k = &a->parent->kids[i];
			if (k->kind == MST_BLOCK && k->len == n->len &&
			    memcmp(k->str, n->str, n->len) == 0) {
				arg = k;
				argt = a->tmpl;
			}
		}
	in = *sc;
	if (n->standalone) {
		cut = sc->strip < n->indentlen ? sc->strip : n->indentlen;
		p.s = n->indent + cut;
		p.n = n->indentlen - cut;
		p.up = sc->pfx;
		in.pfx = &p;
	}
	if (arg == NULL) {
		in.strip = n->standalone ? n->dedent : sc->strip;
		return render_list(rs, &in, n->kids, n->nkids);
	}
	if (rs->depth >= MST_MAX_DEPTH) {
		if (rs->errlen > 0)
			snprintf(rs->err, rs->errlen, "%s:%d: blocks nested "
			    "deeper than %d ('%.60s')", mst_name(sc->tmpl),
			    n->line, MST_MAX_DEPTH, n->str);
		return -1;
	}
	in.strip = arg->standalone ? arg->dedent : 0;
	in.tmpl = argt;
	rs->depth++;
	rc = render_list(rs, &in, arg->kids, arg->nkids);
	rs->depth--;
	return rc;
}

static int
render_section(struct rstate *rs, const struct scope *sc,
    const struct mst_node *n)
{
	struct json_object	*v = lookup(sc->ctx, n);
	struct scope		 in = *sc;
	struct ctxf		 f;
	size_t			 i, len;

	if (n->kind == MST_INVERTED)
		return truthy(v) ? 0 : render_list(rs, sc, n->kids, n->nkids);
	if (!truthy(v))
		return 0;
	f.up = sc->ctx;
	in.ctx = &f;
	if (!json_object_is_type(v, json_type_array)) {
		f.v = v;
		return render_list(rs, &in, n->kids, n->nkids);
	}
	len = json_object_array_length(v);
	for (i = 0; i < len; i++) {
		f.v = json_object_array_get_idx(v, i);
		if (render_list(rs, &in, n->kids, n->nkids) == -1)
			return -1;
	}
	return 0;
}

static int
render_node(struct rstate *rs, const struct scope *sc,
    const struct mst_node *n)
{
	if (n->kind == MST_TEXT)
		return render_text(rs, sc, n);
	if (n->bol && out_pfx(rs, sc->pfx) == -1)
		return -1;
	switch (n->kind) {
	case MST_VAR:
	case MST_RAW:
		return out_value(rs, lookup(sc->ctx, n), n->kind == MST_VAR);
	case MST_SECTION:
	case MST_INVERTED:
		return render_section(rs, sc, n);
	case MST_PARTIAL:
	case MST_PARENT:
		return render_include(rs, sc, n);
	case MST_BLOCK:
		return render_block(rs, sc, n);
	default:
		return 0;
	}
}

static int
render_list(struct rstate *rs, const struct scope *sc,
    const struct mst_node *kids, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (render_node(rs, sc, &kids[i]) == -1)
			return -1;
	return 0;
}

int
mst_render(const mst_tmpl *t, struct json_object *ctx,
    const struct mst_loader *loader, struct mst_buf *b, char *err,
    size_t errlen)
{
	struct rstate	 rs;
	struct scope	 sc;
	struct ctxf	 root;

	if (errlen > 0)
		err[0] = '\0';
	memset(&rs, 0, sizeof(rs));
	rs.ld = loader;
	rs.out = b;
	rs.err = err;
	rs.errlen = errlen;
	root.v = ctx;
	root.up = NULL;
	memset(&sc, 0, sizeof(sc));
	sc.ctx = &root;
	sc.tmpl = t;
	if (out(&rs, "", 0) == -1)	/* data is never NULL on success */
		return -1;
	return render_list(&rs, &sc, t->root.kids, t->root.nkids);
}
