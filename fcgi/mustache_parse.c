/*
 * mustache_parse.c - compiles Mustache source into a tree (mst_compile).
 *
 * Three passes over the source:
 *  1. tokenize: find every tag (honouring set-delimiter tags), record its
 *     type, name and position;
 *  2. standalone: mark tags that sit alone on their line (plus the pairs the
 *     inheritance spec treats as standalone: {{<p}}{{/p}}, {{$b}}{{/b}},
 *     {{<p}}{{$b}}, {{/b}}{{/p}}) and widen their cut to the whole line;
 *  3. build: turn text between cuts and the tags into nodes, matching
 *     section open and close tags.
 * Each node remembers whether its output starts a line (bol), which is where
 * the renderer adds partial and block indentation.
 */
#define MST_INTERNAL

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"
#include "parse.h"

#define DELIM_MAX	16		/* longest custom delimiter */
#define NOPOS		SIZE_MAX
#define NAME_SHOW	60		/* longest tag name shown in errors */

struct tok {
	int		 type;	/* v & { ! # ^ / > < $ = */
	int		 line;
	unsigned	 sa : 1;	/* standalone */
	unsigned	 dynamic : 1;
	size_t		 ts, te;	/* the tag itself */
	size_t		 cs, ce;	/* what the tag removes from output */
	size_t		 ws;		/* indentation is src[ws, ts) */
	size_t		 rs, rl;	/* raw name (with any '*') */
	size_t		 ns, nl;	/* name (after any '*') */
};

struct parser {
	const char	*name;
	const char	*src;
	size_t		 len;
	struct tok	*t;
	size_t		 nt;
	size_t		 capt;
	char		*err;
	size_t		 errlen;
};

struct open {
	struct mst_node	*n;
	size_t		 tok;
};

__attribute__((format(printf, 3, 4)))
static void
perr(struct parser *p, int line, const char *fmt, ...)
{
	char	 msg[256], safe[256];
	va_list	 ap;

	if (p->errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* tag names and delimiters are the template's bytes: printable UTF-8 */
	snprintf(p->err, p->errlen, "%s:%d: %s", p->name, line,
	    hp_log_safe(safe, sizeof(safe), msg));
}

static size_t
find(const char *s, size_t len, size_t from, const char *needle, size_t nlen)
{
	const char	*q;

	while (from < len && len - from >= nlen) {
		q = memchr(s + from, needle[0], len - from - nlen + 1);
		if (q == NULL)
			break;
		from = (size_t)(q - s);
		if (memcmp(q, needle, nlen) == 0)
			return from;
		from++;
	}
	return NOPOS;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
count_nl(const char *s, size_t n)
{
	const char	*e = s + n, *q;
	int		 c = 0;

	while (s < e && (q = memchr(s, '\n', (size_t)(e - s))) != NULL) {
		c++;
		s = q + 1;
	}
	return c;
}

static char *
dupmem(const char *s, size_t n)
{
	char	*d;

	if ((d = malloc(n + 1)) == NULL)
		return NULL;
	if (n > 0)
		memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static int
push_tok(struct parser *p, const struct tok *tk)
{
	struct tok	*nt;
	size_t		 ncap;

	if (p->nt == p->capt) {
		ncap = p->capt ? p->capt * 2 : 64;
		if (ncap > SIZE_MAX / sizeof(*nt))
			return -1;
		if ((nt = realloc(p->t, ncap * sizeof(*nt))) == NULL)
			return -1;
		p->t = nt;
		p->capt = ncap;
	}
	p->t[p->nt++] = *tk;
	return 0;
}

/* Parses "=OPEN CLOSE=" content [s, e) into od/cd.  Returns 0 or -1. */
static int
set_delims(const char *src, size_t s, size_t e, char *od, size_t *olen,
    char *cd, size_t *clen)
{
	size_t	 a, al, b, bl;

	if (e <= s || src[e - 1] != '=')
		return -1;
	e--;
	while (s < e && is_space(src[s]))
		s++;
	a = s;
	while (s < e && !is_space(src[s]))
		s++;
	al = s - a;
	while (s < e && is_space(src[s]))
		s++;
	b = s;
	while (s < e && !is_space(src[s]))
		s++;
	bl = s - b;
	while (s < e && is_space(src[s]))
		s++;
	if (s != e || al == 0 || bl == 0 || al > DELIM_MAX || bl > DELIM_MAX)
		return -1;
	if (memchr(src + a, '=', al) != NULL || memchr(src + b, '=', bl) != NULL)
		return -1;
	memcpy(od, src + a, al);
	*olen = al;
	memcpy(cd, src + b, bl);
	*clen = bl;
	return 0;
}

static int
tokenize(struct parser *p)
{
	const char	*src = p->src;
	char		 od[DELIM_MAX] = "{{", cd[DELIM_MAX + 1] = "}}";
	char		 tc[DELIM_MAX + 1];
	size_t		 olen = 2, clen = 2, pos = 0, lpos = 0;
	size_t		 ts, q, e, cs, ce;
	int		 line = 1;
	struct tok	 tk;

	while (pos < p->len) {
		if ((ts = find(src, p->len, pos, od, olen)) == NOPOS)
			break;
		line += count_nl(src + lpos, ts - lpos);
		lpos = ts;
		memset(&tk, 0, sizeof(tk));
		tk.ts = ts;
		tk.line = line;
		q = ts + olen;
		if (q < p->len && src[q] == '{') {
			tc[0] = '}';
			memcpy(tc + 1, cd, clen);
			if ((e = find(src, p->len, q + 1, tc, clen + 1)) == NOPOS)
				goto unclosed;
			tk.type = '{';
			cs = q + 1;
			ce = e;
			tk.te = e + clen + 1;
		} else {
			if ((e = find(src, p->len, q, cd, clen)) == NOPOS)
				goto unclosed;
			cs = q;
			ce = e;
			tk.te = e + clen;
			tk.type = 'v';
			if (cs < ce && src[cs] != '\0' &&
			    strchr("!#^/><$=&", src[cs]) != NULL)
				tk.type = src[cs++];
		}
		if (tk.type == '=') {
			if (set_delims(src, cs, ce, od, &olen, cd, &clen) == -1) {
				perr(p, line, "bad set-delimiter tag "
				    "(want {{=OPEN CLOSE=}})");
				return -1;
			}
		} else if (tk.type != '!') {
			while (cs < ce && is_space(src[cs]))
				cs++;
			while (ce > cs && is_space(src[ce - 1]))
				ce--;
			tk.rs = cs;
			tk.rl = ce - cs;
			if ((tk.type == '>' || tk.type == '<') && cs < ce &&
			    src[cs] == '*') {
				tk.dynamic = 1;
				cs++;
				while (cs < ce && is_space(src[cs]))
					cs++;
			}
			tk.ns = cs;
			tk.nl = ce - cs;
			if (tk.nl == 0) {
				perr(p, line, "tag without a name");
				return -1;
			}
			if (tk.nl > MST_NAME_MAX) {
				perr(p, line, "tag name longer than %d bytes",
				    MST_NAME_MAX);
				return -1;
			}
		}
		tk.cs = tk.ws = tk.ts;
		tk.ce = tk.te;
		if (push_tok(p, &tk) == -1) {
			perr(p, line, "out of memory");
			return -1;
		}
		pos = tk.te;
	}
	return 0;
unclosed:
	perr(p, line, "tag opened by '%.*s' is never closed (want '%.*s')",
	    (int)olen, od, (int)clen, cd);
	return -1;
}

/* Only blanks between the start of the line and ts?  Sets *ls. */
static int
line_before(const struct parser *p, size_t ts, size_t *ls)
{
	size_t	 i = ts;

	while (i > 0 && is_blank(p->src[i - 1]))
		i--;
	if (i > 0 && p->src[i - 1] != '\n')
		return 0;
	*ls = i;
	return 1;
}

/* Only blanks between te and the end of the line?  Sets *eol (the line
 * terminator) and *le (just past it). */
static int
line_after(const struct parser *p, size_t te, size_t *eol, size_t *le)
{
	size_t	 i = te;

	while (i < p->len && is_blank(p->src[i]))
		i++;
	*eol = i;
	if (i == p->len)
		*le = i;
	else if (p->src[i] == '\n')
		*le = i + 1;
	else if (p->src[i] == '\r' && i + 1 < p->len && p->src[i + 1] == '\n')
		*le = i + 2;
	else
		return 0;
	return 1;
}

static int
can_stand(int type)
{
	return type != 'v' && type != '&' && type != '{';
}

static int
is_opener(int type)
{
	return type == '#' || type == '^' || type == '<' || type == '$';
}

static int
mark_standalone(struct parser *p)
{
	struct tok	*a, *b;
	size_t		*opener = NULL, *stack = NULL, depth = 0, i;
	size_t		 ls, eol, le;
	int		 pair, rc = -1;

	if (p->nt == 0)
		return 0;
	if ((opener = calloc(p->nt, sizeof(*opener))) == NULL ||
	    (stack = calloc(p->nt, sizeof(*stack))) == NULL) {
		perr(p, 1, "out of memory");
		goto out;
	}
	for (i = 0; i < p->nt; i++) {
		opener[i] = NOPOS;
		if (is_opener(p->t[i].type))
			stack[depth++] = i;
		else if (p->t[i].type == '/' && depth > 0)
			opener[i] = stack[--depth];
	}

	for (i = 0; i < p->nt; i++) {
		a = &p->t[i];
		if (!can_stand(a->type) || !line_before(p, a->ts, &ls) ||
		    !line_after(p, a->te, &eol, &le))
			continue;
		a->sa = 1;
		a->cs = a->ws = ls;
		a->ce = le;
	}

	for (i = 0; i + 1 < p->nt; i++) {
		a = &p->t[i];
		b = &p->t[i + 1];
		if (a->sa || b->sa || a->te != b->ts)
			continue;
		if (a->type == '$' && b->type == '/' && opener[i + 1] == i)
			pair = 'A';	/* {{$b}}{{/b}} */
		else if (a->type == '<' && b->type == '/' &&
		    opener[i + 1] == i)
			pair = 'B';	/* {{<p}}{{/p}} */
		else if (a->type == '<' && b->type == '$')
			pair = 'C';	/* {{<p}}{{$b}} */
		else if (a->type == '/' && b->type == '/' &&
		    opener[i] != NOPOS && p->t[opener[i]].type == '$' &&
		    opener[i + 1] != NOPOS && p->t[opener[i + 1]].type == '<')
			pair = 'D';	/* {{/b}}{{/p}} */
		else
			continue;
		if (!line_before(p, a->ts, &ls) ||
		    !line_after(p, b->te, &eol, &le))
			continue;
		a->sa = b->sa = 1;
		a->cs = a->ws = ls;
		a->ce = a->te;
		b->cs = b->ws = b->ts;
		/* A block pair keeps its line's newline (spec PR 131). */
		b->ce = pair == 'A' ? eol : le;
		i++;
	}
	rc = 0;
out:
	free(opener);
	free(stack);
	return rc;
}

static struct mst_node *
add_kid(struct mst_node *parent, enum mst_kind kind)
{
	struct mst_node	*k;
	size_t		 ncap;

	if (parent->nkids == parent->capkids) {
		ncap = parent->capkids ? parent->capkids * 2 : 4;
		if (ncap > SIZE_MAX / sizeof(*k))
			return NULL;
		if ((k = realloc(parent->kids, ncap * sizeof(*k))) == NULL)
			return NULL;
		parent->kids = k;
		parent->capkids = ncap;
	}
	k = &parent->kids[parent->nkids++];
	memset(k, 0, sizeof(*k));
	k->kind = kind;
	return k;
}

/* Sets str (and, for lookups, keys and seg) from a tag name. */
static int
set_name(struct mst_node *n, const char *s, size_t len, int lookup)
{
	size_t	 i, nseg;

	if ((n->str = dupmem(s, len)) == NULL)
		return -1;
	n->len = len;
	if (!lookup || (len == 1 && s[0] == '.'))
		return 0;
	if ((n->keys = dupmem(s, len)) == NULL)
		return -1;
	for (nseg = 1, i = 0; i < len; i++)
		if (s[i] == '.')
			nseg++;
	if ((n->seg = calloc(nseg, sizeof(*n->seg))) == NULL)
		return -1;
	n->seg[0].off = 0;
	for (nseg = 1, i = 0; i < len; i++)
		if (s[i] == '.') {
			n->keys[i] = '\0';
			n->seg[nseg++].off = i + 1;
		}
	n->nseg = nseg;
	return 0;
}

/*
 * A standalone block's content is re-indented where it is expanded: its
 * own indentation (the whitespace all its non-blank lines share) is cut,
 * and the indentation of the expansion site is added.  Without content,
 * the site's indentation is the whitespace before the tag.
 */
static int
block_indent(struct parser *p, struct mst_node *n, const struct tok *o,
    const struct tok *c)
{
	const char	*src = p->src;
	size_t		 s, e, a, w, k, first = NOPOS, common = 0;

	if (!o->sa)
		return 0;
	s = o->ce;
	e = c->cs > s ? c->cs : s;
	for (a = s; a < e; a = s) {
		for (s = a; s < e && src[s] != '\n'; s++)
			continue;
		if (s < e)
			s++;
		for (w = a; w < s && is_blank(src[w]); w++)
			continue;
		if (w == s || src[w] == '\n' || src[w] == '\r')
			continue;	/* blank line */
		w -= a;
		if (first == NOPOS) {
			first = a;
			common = w;
			continue;
		}
		for (k = 0; k < common && k < w && src[a + k] == src[first + k];
		    k++)
			continue;
		common = k;
	}
	if (first != NOPOS) {
		n->dedent = common;
		n->indent = dupmem(src + first, common);
		n->indentlen = common;
	} else {
		n->indent = dupmem(src + o->ws, o->ts - o->ws);
		n->indentlen = o->ts - o->ws;
	}
	return n->indent == NULL ? -1 : 0;
}

static const char *
kind_word(enum mst_kind k)
{
	switch (k) {
	case MST_PARENT:
		return "parent";
	case MST_BLOCK:
		return "block";
	default:
		return "section";
	}
}

static int
build(struct parser *p, struct mst_node *root)
{
	static const struct {
		int		type;
		enum mst_kind	kind;
	} kinds[] = {
		{ 'v', MST_VAR }, { '&', MST_RAW }, { '{', MST_RAW },
		{ '#', MST_SECTION }, { '^', MST_INVERTED },
		{ '>', MST_PARTIAL }, { '<', MST_PARENT }, { '$', MST_BLOCK },
	};
	struct open	 stack[MST_MAX_NEST];
	struct mst_node	*top, *n;
	struct tok	*tk, *o;
	const char	*src = p->src;
	size_t		 depth = 0, cursor = 0, i, j;
	int		 pending = 0, bol, lookup;
	enum mst_kind	 kind;

	for (i = 0; i <= p->nt; i++) {
		top = depth ? stack[depth - 1].n : root;
		tk = i < p->nt ? &p->t[i] : NULL;
		j = tk ? tk->cs : p->len;
		if (j > cursor) {
			if ((n = add_kid(top, MST_TEXT)) == NULL ||
			    (n->str = dupmem(src + cursor, j - cursor)) == NULL)
				goto nomem;
			n->len = j - cursor;
			n->bol = pending || cursor == 0 || src[cursor - 1] == '\n';
			pending = 0;
		}
		if (tk == NULL)
			break;
		bol = !tk->sa && (pending || tk->ts == 0 ||
		    src[tk->ts - 1] == '\n');
		pending = 0;
		cursor = tk->ce;

		if (tk->type == '!' || tk->type == '=') {
			pending = bol;
			continue;
		}
		if (tk->type == '/') {
			if (depth == 0) {
				perr(p, tk->line, "closing tag '%.*s' has no "
				    "open section", (int)(tk->rl > NAME_SHOW ?
				    NAME_SHOW : tk->rl), src + tk->rs);
				return -1;
			}
			o = &p->t[stack[depth - 1].tok];
			n = stack[depth - 1].n;
			if (o->rl != tk->rl ||
			    memcmp(src + o->rs, src + tk->rs, o->rl) != 0) {
				perr(p, tk->line, "%s '%.*s' opened on line %d "
				    "is closed by '%.*s'", kind_word(n->kind),
				    (int)(o->rl > NAME_SHOW ? NAME_SHOW : o->rl),
				    src + o->rs, o->line,
				    (int)(tk->rl > NAME_SHOW ? NAME_SHOW : tk->rl),
				    src + tk->rs);
				return -1;
			}
			if (n->kind == MST_BLOCK && block_indent(p, n, o, tk))
				goto nomem;
			depth--;
			continue;
		}

		kind = MST_VAR;
		for (j = 0; j < sizeof(kinds) / sizeof(kinds[0]); j++)
			if (kinds[j].type == tk->type)
				kind = kinds[j].kind;
		if (is_opener(tk->type) && depth == MST_MAX_NEST) {
			perr(p, tk->line, "sections nested deeper than %d",
			    MST_MAX_NEST);
			return -1;
		}
		if ((n = add_kid(top, kind)) == NULL)
			goto nomem;
		n->line = tk->line;
		n->bol = bol;
		n->standalone = tk->sa;
		n->dynamic = tk->dynamic;
		lookup = kind == MST_VAR || kind == MST_RAW ||
		    kind == MST_SECTION || kind == MST_INVERTED || tk->dynamic;
		if (set_name(n, src + tk->ns, tk->nl, lookup) == -1)
			goto nomem;
		if ((kind == MST_PARTIAL || kind == MST_PARENT) && tk->sa) {
			n->indentlen = tk->ts - tk->ws;
			if ((n->indent = dupmem(src + tk->ws, n->indentlen)) ==
			    NULL)
				goto nomem;
		}
		if (is_opener(tk->type)) {
			stack[depth].n = n;
			stack[depth].tok = i;
			depth++;
		}
	}
	if (depth > 0) {
		o = &p->t[stack[depth - 1].tok];
		perr(p, o->line, "%s '%.*s' is never closed",
		    kind_word(stack[depth - 1].n->kind),
		    (int)(o->rl > NAME_SHOW ? NAME_SHOW : o->rl), src + o->rs);
		return -1;
	}
	return 0;
nomem:
	perr(p, tk ? tk->line : 1, "out of memory");
	return -1;
}

static void
node_clear(struct mst_node *n)
{
	size_t	 i;

	for (i = 0; i < n->nkids; i++)
		node_clear(&n->kids[i]);
	free(n->kids);
	free(n->str);
	free(n->keys);
	free(n->seg);
	free(n->indent);
}

mst_tmpl *
mst_compile(const char *name, const char *src, size_t len, char *err,
    size_t errlen)
{
	struct parser	 p;
	mst_tmpl	*t = NULL, *ret = NULL;

	memset(&p, 0, sizeof(p));
	p.name = name != NULL ? name : "(template)";
	p.src = src != NULL ? src : "";
	p.len = src != NULL ? len : 0;
	p.err = err;
	p.errlen = errlen;
	if (errlen > 0)
		err[0] = '\0';
	if (p.len > MST_SRC_MAX) {
		perr(&p, 1, "template larger than %u bytes", MST_SRC_MAX);
		goto out;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->name = dupmem(p.name, strlen(p.name))) == NULL) {
		perr(&p, 1, "out of memory");
		goto out;
	}
	t->root.kind = MST_SECTION;
	if (tokenize(&p) == -1 || mark_standalone(&p) == -1 ||
	    build(&p, &t->root) == -1)
		goto out;
	ret = t;
	t = NULL;
out:
	free(p.t);
	mst_free(t);
	return ret;
}

void
mst_free(mst_tmpl *t)
{
	if (t == NULL)
		return;
	node_clear(&t->root);
	free(t->name);
	free(t->key);
	free(t);
}

const char *
mst_name(const mst_tmpl *t)
{
	return t->name;
}
