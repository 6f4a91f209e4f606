/*
 * route_match.h - route patterns against request paths, and the path
 * normaliser that runs before them.  Pure functions over strings: no
 * allocation, no global state, safe from any thread.
 *
 * A pattern is a path of literal segments and placeholders that each take a
 * whole segment: "/admin/customers/{id}/comments".  {name} matches one
 * non-empty segment (no '/'); a final {name*} matches the rest of the path,
 * slashes included, possibly empty ("/files/{rest*}" matches "/files/" and
 * "/files/a/b", not "/files").  {name:uint} names the placeholder's
 * type for the core's input validation (salient/input.h); the match itself
 * takes any segment, so a bad id is a 400 naming it, not a 404.  Literal
 * bytes compare exactly, so
 * "/admin/" and "/admin" do not match each other (the core redirects).
 */
#ifndef SALIENT_ROUTE_MATCH_H
#define SALIENT_ROUTE_MATCH_H

#include <stddef.h>

#define RM_MAX_PARAMS 8

/*
 * A captured parameter.  name points into the pattern and value into the
 * path (neither is NUL-terminated; use the lengths, or rm_copy()), so both
 * strings must outlive the match.
 */
struct rm_param {
	const char *name;
	size_t nlen;
	const char *type;	/* "uint" for {name:uint}, or NULL */
	const char *value;
	size_t vlen;
};

struct rm_match {
	size_t count;
	struct rm_param params[RM_MAX_PARAMS];
};

/*
 * NULL when pattern is well formed, else a static message: it must start
 * with '/', placeholders must fill whole segments, have a name of
 * [A-Za-z0-9_] characters, be unique, number at most RM_MAX_PARAMS, and
 * only the last segment may be {name*}.  The core checks its route table
 * with this once at start-up.
 */
const char *rm_pattern_check(const char *pattern);

/*
 * 1 when path matches pattern, filling *m; 0 when it does not (*m then
 * holds no parameters); -1 when the pattern is malformed (see
 * rm_pattern_check()).  path is the normalised, decoded path.
 */
int rm_match(const char *pattern, const char *path, struct rm_match *m);

/* The captured parameter called name, or NULL.  Borrowed from m. */
const struct rm_param *rm_get(const struct rm_match *m, const char *name);

/*
 * Copies parameter name into dst (dstsz bytes, NUL-terminated).  Returns
 * its length, or -1 when there is no such parameter or it does not fit
 * (dst is then "").
 */
long rm_copy(const struct rm_match *m, const char *name, char *dst,
    size_t dstsz);

/*
 * Decodes and checks a raw request path (the part of the URI before '?'):
 * percent escapes are decoded ('+' stays '+'), and the path is refused when
 * it does not start with '/', has a malformed escape, an encoded slash
 * (%2F), a NUL byte (raw or %00) or another control character, an empty
 * segment ("//"), a "." or ".." segment (also when encoded), or is not
 * valid UTF-8.  On success writes the decoded path into dst (dstsz bytes,
 * NUL-terminated) and returns NULL; otherwise returns a static message
 * such as "encoded slash in path" (dst is then "").
 */
const char *rm_path_normalize(const char *raw, size_t rawlen, char *dst,
    size_t dstsz);

#endif
