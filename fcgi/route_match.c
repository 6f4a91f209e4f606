/*
 * route_match.c - route patterns and the path normaliser (see
 * route_match.h).  No allocation: captures point into the strings given.
 */
#include <string.h>

#include "parse.h"
#include "route_match.h"

static int is_namechar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* The types a placeholder may name: {id:uint}. */
static const char *const types[] = { "uint", NULL };

/*
 * The placeholder at p (on its '{'): sets its name, its type (after a ':',
 * or NULL) and whether it ends in '*', and returns the pointer after its
 * '}', or NULL when malformed.
 */
static const char *placeholder(const char *p, const char **name,
    size_t *nlen, const char **type, int *star)
{
	const char *q = p + 1, *t;
	size_t i;

	while (is_namechar((unsigned char)*q))
		q++;
	*name = p + 1;
	*nlen = (size_t)(q - (p + 1));
	*type = NULL;
	if (*q == ':') {
		for (t = ++q; *q >= 'a' && *q <= 'z'; q++)
			;
		for (i = 0; types[i] != NULL; i++)
			if (strlen(types[i]) == (size_t)(q - t) && memcmp(types[i], t, (size_t)(q - t)) == 0)
				*type = types[i];
		if (*type == NULL)
			return NULL;
	}
	*star = *q == '*';
	q += *star;
	if (*q != '}' || *nlen == 0 || (*star && *type != NULL))
		return NULL;
	return q + 1;
}

const char *rm_pattern_check(const char *pattern)
{
	const char *p, *q, *names[RM_MAX_PARAMS], *name, *type;
	size_t lens[RM_MAX_PARAMS], nlen, n = 0, i;
	int star;

	if (pattern == NULL || pattern[0] != '/')
		return "pattern must start with '/'";
	for (p = pattern; *p != '\0'; p++) {
		if (*p == '}')
			return "stray '}' in pattern";
		if (*p != '{')
			continue;
		if (p[-1] != '/')
			return "placeholder must fill a whole segment";
		if ((q = placeholder(p, &name, &nlen, &type, &star)) == NULL)
			return "malformed placeholder";
		if (*q != '/' && *q != '\0')
			return "placeholder must fill a whole segment";
		if (star && *q != '\0')
			return "{name*} must be the last segment";
		for (i = 0; i < n; i++)
			if (lens[i] == nlen && memcmp(names[i], name, nlen) == 0)
				return "duplicate placeholder name";
		if (n == RM_MAX_PARAMS)
			return "too many placeholders";
		names[n] = name;
		lens[n++] = nlen;
		p = q - 1;
	}
	return NULL;
}

int rm_match(const char *pattern, const char *path, struct rm_match *m)
{
	const char *p = pattern, *s = path, *e, *name, *type;
	struct rm_param *pr;
	size_t nlen;
	int star, rc = 0;

	m->count = 0;
	if (rm_pattern_check(pattern) != NULL)
		return -1;
	if (path == NULL)
		goto out;
	while (*p != '\0') {
		if (*p != '{') {
			if (*p++ != *s++)
				goto out;
			continue;
		}
		p = placeholder(p, &name, &nlen, &type, &star);
		for (e = s; *e != '\0' && (star || *e != '/'); e++)
			;
		if (e == s && !star)
			goto out;
		pr = &m->params[m->count++];
		pr->name = name;
		pr->nlen = nlen;
		pr->type = type;
		pr->value = s;
		pr->vlen = (size_t)(e - s);
		s = e;
	}
	rc = *s == '\0';
out:
	if (rc == 0)
		m->count = 0;
	return rc;
}

const struct rm_param *rm_get(const struct rm_match *m, const char *name)
{
	size_t i, n;

	if (m == NULL || name == NULL)
		return NULL;
	n = strlen(name);
	for (i = 0; i < m->count; i++)
		if (m->params[i].nlen == n &&
		    memcmp(m->params[i].name, name, n) == 0)
			return &m->params[i];
	return NULL;
}

long rm_copy(const struct rm_match *m, const char *name, char *dst,
    size_t dstsz)
{
	const struct rm_param *pr = rm_get(m, name);

	if (dstsz == 0)
		return -1;
	dst[0] = '\0';
	if (pr == NULL || pr->vlen >= dstsz)
		return -1;
	memcpy(dst, pr->value, pr->vlen);
	dst[pr->vlen] = '\0';
	return (long)pr->vlen;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

const char *rm_path_normalize(const char *raw, size_t rawlen, char *dst,
    size_t dstsz)
{
	const char *msg = NULL, *seg, *end, *slash;
	size_t i, o = 0, sl;
	int hi, lo;
	char c;

	if (dstsz == 0)
		return "path too long";
	if (raw == NULL || rawlen == 0 || raw[0] != '/') {
		msg = "path must start with '/'";
		goto out;
	}
	for (i = 0; i < rawlen; i++) {
		c = raw[i];
		if (c == '%') {
			if (rawlen - i < 3 ||
			    (hi = hexval((unsigned char)raw[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)raw[i + 2])) < 0) {
				msg = "invalid percent escape in path";
				goto out;
			}
			if ((c = (char)(hi << 4 | lo)) == '/') {
				msg = "encoded slash in path";
				goto out;
			}
			i += 2;
		}
		if (c == '\0') {
			msg = "NUL byte in path";
			goto out;
		}
		if ((unsigned char)c < 0x20 || c == 0x7f) {
			msg = "control character in path";
			goto out;
		}
		if (o + 1 >= dstsz) {
			msg = "path too long";
			goto out;
		}
		dst[o++] = c;
	}
	dst[o] = '\0';
	end = dst + o;
	for (seg = dst + 1;; seg = slash + 1) {
		slash = memchr(seg, '/', (size_t)(end - seg));
		sl = slash ? (size_t)(slash - seg) : (size_t)(end - seg);
		if (sl == 0 && slash != NULL) {
			msg = "empty segment in path";
			goto out;
		}
		if ((sl == 1 && seg[0] == '.') ||
		    (sl == 2 && seg[0] == '.' && seg[1] == '.')) {
			msg = "dot segment in path";
			goto out;
		}
		if (slash == NULL)
			break;
	}
	if (!hp_utf8_valid(dst, o, NULL))
		msg = "path not valid UTF-8";
out:
	if (msg != NULL)
		dst[0] = '\0';
	return msg;
}
