/*
 * url.c - URLs in bounded buffers (include/salient/url.h).
 */
#include <stdio.h>
#include <string.h>

#include "salient/url.h"

/* What stays as it is: RFC 3986 unreserved, plus '/' where keep_slash. */
static int plain(unsigned char c, int keep_slash)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/');
}

static int fail(struct sl_url *u)
{
	u->failed = 1;
	u->len = 0;
	if (u->size > 0)
		u->buf[0] = '\0';
	return -1;
}

void sl_url_init(struct sl_url *u, char *buf, size_t size)
{
	u->buf = buf;
	u->size = size;
	u->len = 0;
	u->query = 0;
	u->failed = 0;
	if (size == 0 || buf == NULL)
		u->failed = 1;
	else
		buf[0] = '\0';
}

int sl_url_putn(struct sl_url *u, const char *s, size_t n)
{
	if (u->failed || s == NULL)
		return fail(u);
	if (n >= u->size - u->len)       /* the NUL needs its byte */
		return fail(u);
	memcpy(u->buf + u->len, s, n);
	if (memchr(s, '?', n) != NULL)
		u->query = 1;
	u->len += n;
	u->buf[u->len] = '\0';
	return 0;
}

int sl_url_put(struct sl_url *u, const char *s)
{
	return sl_url_putn(u, s, s != NULL ? strlen(s) : 0);
}

/* Appends s percent-encoded; the URL fails whole when it does not fit. */
static int encode(struct sl_url *u, const char *s, int keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t o;

	if (u->failed || s == NULL)
		return fail(u);
	for (o = u->len, p = (const unsigned char *)s; *p != '\0'; p++) {
		if (plain(*p, keep_slash)) {
			if (o + 1 >= u->size)
				return fail(u);
			u->buf[o++] = (char)*p;
		} else {
			if (o + 3 >= u->size)
				return fail(u);
			u->buf[o++] = '%';
			u->buf[o++] = hex[*p >> 4];
			u->buf[o++] = hex[*p & 15];
		}
	}
	u->len = o;
	u->buf[o] = '\0';
	return 0;
}

int sl_url_path(struct sl_url *u, const char *path)
{
	return encode(u, path, 1);
}

int sl_url_enc(struct sl_url *u, const char *s)
{
	return encode(u, s, 0);
}

int sl_url_add(struct sl_url *u, const char *key, const char *value)
{
	if (u->failed || key == NULL)
		return fail(u);
	if (value == NULL)
		return 0;
	if (sl_url_putn(u, u->query ? "&" : "?", 1) != 0 || encode(u, key, 1) != 0 ||
	    sl_url_putn(u, "=", 1) != 0 || encode(u, value, 1) != 0)
		return -1;
	u->query = 1;
	return 0;
}

int sl_url_add_int(struct sl_url *u, const char *key, long long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", v);
	return sl_url_add(u, key, num);
}

const char *sl_url_get(const struct sl_url *u)
{
	return u->failed ? NULL : u->buf;
}
