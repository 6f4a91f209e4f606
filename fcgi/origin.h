/*
 * origin.h - the second layer against cross-site requests (after the CSRF
 * token, fcgi/auth.c): where a state-changing request came from, by its
 * Origin header, else its Referer, compared with this site's own origin.
 *
 * Pure: no FastCGI, no database (the pipeline step is auth_origin() in
 * auth.c, which reads the headers; tests/unit/test_origin.c and
 * tests/fuzz/fuzz_origin.c call these directly).
 *
 * An origin is compared in its normal form "scheme://host[:port]": the
 * scheme http or https, the host in lower case (a name, an IPv4 address or
 * a bracketed IPv6 address, no user part), the port only when it is not the
 * scheme's default (80, 443).
 */
#ifndef SALIENT_ORIGIN_H
#define SALIENT_ORIGIN_H

#include <stddef.h>

/* The longest normal form kept: "https://" + a 253-byte host + ":65535". */
#define ORIGIN_MAX 272

/*
 * The normal form of the origin at the start of URL text s into out
 * (ORIGIN_MAX bytes).  With whole (an Origin header) s must be exactly
 * scheme://authority; without (a Referer, the configured base_url) a path,
 * query or fragment may follow.  Returns 0, or -1 when s is not such a URL
 * (other scheme, "null", a user part, an empty or malformed host, a port
 * outside 1..65535, a byte that cannot be in a host).
 */
int origin_parse(const char *s, int whole, char *out);

/*
 * The normal form of scheme ("http"/"https", any case) with host, a Host
 * or X-Forwarded-Host value (host[:port]) into out.  0 or -1 as above.
 */
int origin_of_host(const char *scheme, const char *host, char *out);

/* What the request carries, as the web server passed it (NULL: absent). */
struct origin_in {
	const char *origin;      /* Origin */
	const char *referer;     /* Referer */
	const char *host;        /* Host */
	const char *fwd_host;    /* X-Forwarded-Host: wins over Host (first value) */
	const char *fwd_proto;   /* X-Forwarded-Proto: wins over https (first value) */
	int https;               /* the web server's HTTPS parameter */
	const char *base_url;    /* [server] base_url: its origin is this site's too */
};

enum origin_verdict {
	ORIGIN_NONE = 0,   /* neither Origin nor Referer: an old client, let through */
	ORIGIN_SAME,       /* this site's own origin */
	ORIGIN_FOREIGN,    /* another site, "null", or a value that is not a URL */
};

/*
 * Judges a request: the Origin header when present and not empty, else the
 * Referer, against the request's own origin (X-Forwarded-Proto or https,
 * with X-Forwarded-Host or Host) and base_url's.  The origin seen (normal
 * form, or the raw value cut to fit) goes to seen (ORIGIN_MAX bytes) for
 * the log.
 */
enum origin_verdict origin_judge(const struct origin_in *in, char *seen);

#endif
