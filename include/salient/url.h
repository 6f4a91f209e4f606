/*
 * url.h - building a URL into a bounded buffer (curl's dynbuf is the
 * model): the caller's storage and its ceiling, appends that either fit
 * whole or fail, and a failure that sticks.  Pure: no allocation, no
 * global state.
 *
 *	char href[SL_URL_MAX];
 *	struct sl_url u;
 *
 *	sl_url_init(&u, href, sizeof(href));
 *	sl_url_put(&u, "/admin/customers");
 *	sl_url_add(&u, "q", "Jens Ø");          -> ?q=Jens%20%C3%98
 *	sl_url_add_int(&u, "page", 2);          -> &page=2
 *	if (sl_url_get(&u) == NULL)             the URL did not fit
 *
 * Encoding (RFC 3986): the unreserved characters A-Z a-z 0-9 - . _ ~ stay
 * as they are, every other byte (UTF-8 bytes too) is written %XX with
 * capital hex digits; a space is %20, which form decoders read as a space.
 * A path also keeps '/', and a query key or value keeps '/' (RFC 3986
 * section 3.4 allows it there; "next=/admin/users").
 *
 * Once an append does not fit (or is given NULL where text is required),
 * the URL is unusable: buf holds "", sl_url_get() answers NULL and every
 * later append returns -1.  A truncated URL that works is never left.
 */
#ifndef SALIENT_URL_H
#define SALIENT_URL_H

#include <stddef.h>

/* A size for the links of a page (the ceiling a caller usually gives). */
#define SL_URL_MAX 2048

struct sl_url {
	char *buf;       /* the caller's storage */
	size_t size;     /* its size, NUL included: the ceiling */
	size_t len;      /* bytes written, NUL excluded */
	int query;       /* a '?' is written: the next pair begins with '&' */
	int failed;      /* an append did not fit: unusable */
};

/* Starts an empty URL in buf (size bytes; size 0 starts it failed). */
void sl_url_init(struct sl_url *u, char *buf, size_t size);

/* Appends s as it is (a prefix, a trusted pattern's text); the n-byte form
 * for a part of a string.  0, or -1 (the URL is then unusable). */
int sl_url_put(struct sl_url *u, const char *s);
int sl_url_putn(struct sl_url *u, const char *s, size_t n);

/* Appends path percent-encoded, '/' kept.  0 or -1. */
int sl_url_path(struct sl_url *u, const char *path);

/* Appends s percent-encoded as one path segment ('/' too is encoded). */
int sl_url_enc(struct sl_url *u, const char *s);

/*
 * Appends the query pair "?key=value" (the first) or "&key=value", both
 * percent-encoded.  A NULL value adds nothing and returns 0; "" adds
 * "key=".  0 or -1.
 */
int sl_url_add(struct sl_url *u, const char *key, const char *value);

/* sl_url_add() of a whole number. */
int sl_url_add_int(struct sl_url *u, const char *key, long long v);

/* The URL (borrowed: it is the caller's buf), or NULL when it is unusable. */
const char *sl_url_get(const struct sl_url *u);

#endif
