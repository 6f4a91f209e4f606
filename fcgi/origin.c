/*
 * origin.c - origins in their normal form and the judgement of a
 * state-changing request's Origin or Referer (fcgi/origin.h).  Pure.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "origin.h"

#define HOST_MAX 253

static int host_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '-' || c == '.' || c == '_' || c == '~';
}

static int v6_char(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
	    c == ':' || c == '.';
}

/*
 * The authority a[0..n) (host[:port], no user part) with scheme (lower
 * case, "http" or "https") in normal form into out.  0 or -1.
 */
static int authority(const char *scheme, const char *a, size_t n, char *out)
{
	char host[HOST_MAX + 1];
	size_t i = 0, h = 0;
	unsigned long port = 0;
	unsigned long dflt = strcmp(scheme, "https") == 0 ? 443 : 80;

	if (n > 0 && a[0] == '[') {
		for (i = 1; i < n && a[i] != ']'; i++)
			if (!v6_char((unsigned char)a[i]))
				return -1;
		if (i >= n || i == 1)
			return -1;
		i++;   /* past ']' */
	} else {
		while (i < n && a[i] != ':') {
			if (!host_char((unsigned char)a[i]))
				return -1;
			i++;
		}
		if (i == 0)
			return -1;
	}
	if (i > HOST_MAX)
		return -1;
	for (h = 0; h < i; h++)
		host[h] = (a[h] >= 'A' && a[h] <= 'Z') ? (char)(a[h] - 'A' + 'a') : a[h];
	host[h] = '\0';
	if (i < n) {
		size_t d;

		if (a[i] != ':' || i + 1 == n || n - i - 1 > 5)
			return -1;
		for (d = i + 1; d < n; d++) {
			if (a[d] < '0' || a[d] > '9')
				return -1;
			port = port * 10 + (unsigned long)(a[d] - '0');
		}
		if (port == 0 || port > 65535)
			return -1;
	}
	if (port == 0 || port == dflt)
		snprintf(out, ORIGIN_MAX, "%s://%s", scheme, host);
	else
		snprintf(out, ORIGIN_MAX, "%s://%s:%lu", scheme, host, port);
	return 0;
}

/* "http" or "https" for s[0..n) in any case, else NULL. */
static const char *scheme_of(const char *s, size_t n)
{
	if (n == 4 && strncasecmp(s, "http", 4) == 0)
		return "http";
	if (n == 5 && strncasecmp(s, "https", 5) == 0)
		return "https";
	return NULL;
}

int origin_parse(const char *s, int whole, char *out)
{
	const char *colon, *a, *scheme;
	size_t n;

	if (s == NULL || (colon = strchr(s, ':')) == NULL ||
	    (scheme = scheme_of(s, (size_t)(colon - s))) == NULL || strncmp(colon, "://", 3) != 0)
		return -1;
	a = colon + 3;
	n = whole ? strlen(a) : strcspn(a, "/?#");
	if (memchr(a, '@', n) != NULL)
		return -1;
	return authority(scheme, a, n, out);
}

/* The first value of a list header ("a, b"), spaces and tabs trimmed. */
static size_t first_value(const char *v, const char **start)
{
	size_t n;

	while (*v == ' ' || *v == '\t')
		v++;
	n = strcspn(v, ",");
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	*start = v;
	return n;
}

int origin_of_host(const char *scheme, const char *host, char *out)
{
	const char *s, *h;
	size_t n;

	if (scheme == NULL || host == NULL)
		return -1;
	n = first_value(scheme, &s);
	if ((s = scheme_of(s, n)) == NULL)
		return -1;
	n = first_value(host, &h);
	return authority(s, h, n, out);
}

/* The web server's view of this request's origin, or -1. */
static int own_origin(const struct origin_in *in, char *out)
{
	const char *scheme = in->https ? "https" : "http";
	const char *host = in->host;

	if (in->fwd_proto != NULL && in->fwd_proto[0] != '\0')
		scheme = in->fwd_proto;
	if (in->fwd_host != NULL && in->fwd_host[0] != '\0')
		host = in->fwd_host;
	return origin_of_host(scheme, host, out);
}

enum origin_verdict origin_judge(const struct origin_in *in, char *seen)
{
	char own[ORIGIN_MAX];
	const char *v = in->origin;
	int whole = 1;

	seen[0] = '\0';
	if (v == NULL || v[0] == '\0') {
		v = in->referer;
		whole = 0;
	}
	if (v == NULL || v[0] == '\0')
		return ORIGIN_NONE;
	if (origin_parse(v, whole, seen) != 0) {
		snprintf(seen, ORIGIN_MAX, "%s", v);
		return ORIGIN_FOREIGN;
	}
	if (own_origin(in, own) == 0 && strcmp(own, seen) == 0)
		return ORIGIN_SAME;
	if (in->base_url != NULL && origin_parse(in->base_url, 0, own) == 0 && strcmp(own, seen) == 0)
		return ORIGIN_SAME;
	return ORIGIN_FOREIGN;
}
