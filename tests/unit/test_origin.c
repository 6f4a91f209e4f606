/*
 * test_origin.c - the Origin (else Referer) check of fcgi/origin.h: the
 * normal form of an origin (scheme and host case, default ports, IPv6, no
 * user part, no other scheme), the request's own origin from Host or the
 * X-Forwarded pair, base_url as a second own origin, and the verdicts.
 */
#include <stdio.h>
#include <string.h>

#include "origin.h"
#include "tap.h"

/* The normal form of s, or "-" when it does not parse. */
static const char *norm(const char *s, int whole)
{
	static char out[ORIGIN_MAX];

	return origin_parse(s, whole, out) == 0 ? out : "-";
}

static const char *own(const char *scheme, const char *host)
{
	static char out[ORIGIN_MAX];

	return origin_of_host(scheme, host, out) == 0 ? out : "-";
}

static enum origin_verdict judge(const char *origin, const char *referer, const char *host)
{
	struct origin_in in = { origin, referer, host, NULL, NULL, 0, NULL };
	char seen[ORIGIN_MAX];

	return origin_judge(&in, seen);
}

static void forms(void)
{
	char big[400];

	tap_is_str(norm("https://shop.example", 1), "https://shop.example", "an origin");
	tap_is_str(norm("HTTPS://Shop.EXAMPLE", 1), "https://shop.example", "scheme and host in lower case");
	tap_is_str(norm("https://shop.example:443", 1), "https://shop.example", "the default port goes");
	tap_is_str(norm("http://shop.example:80", 1), "http://shop.example", "(80 for http)");
	tap_is_str(norm("http://shop.example:443", 1), "http://shop.example:443", "another port stays");
	tap_is_str(norm("http://127.0.0.1:8080", 1), "http://127.0.0.1:8080", "an address and port");
	tap_is_str(norm("http://[::1]:8080", 1), "http://[::1]:8080", "an IPv6 address");
	tap_is_str(norm("https://[2001:DB8::1]", 1), "https://[2001:db8::1]", "(lower case)");
	tap_is_str(norm("null", 1), "-", "\"null\" is no origin");
	tap_is_str(norm("", 1), "-", "nor is empty");
	tap_is_str(norm("ftp://shop.example", 1), "-", "nor another scheme");
	tap_is_str(norm("https:shop.example", 1), "-", "nor a scheme without //");
	tap_is_str(norm("https://", 1), "-", "nor an empty host");
	tap_is_str(norm("https://:443", 1), "-", "(with a port)");
	tap_is_str(norm("https://evil.example@shop.example", 1), "-", "a user part is refused");
	tap_is_str(norm("https://shop.example:", 1), "-", "an empty port is refused");
	tap_is_str(norm("https://shop.example:0", 1), "-", "port 0 is refused");
	tap_is_str(norm("https://shop.example:65536", 1), "-", "port 65536 is refused");
	tap_is_str(norm("https://shop.example:123456", 1), "-", "six digits are refused");
	tap_is_str(norm("https://shop.example:+80", 1), "-", "a sign is refused");
	tap_is_str(norm("https://shop example", 1), "-", "a space in the host is refused");
	tap_is_str(norm("https://[::1", 1), "-", "an open bracket is refused");
	tap_is_str(norm("https://[]", 1), "-", "empty brackets are refused");
	tap_is_str(norm("https://[::1]x", 1), "-", "bytes after the bracket are refused");
	tap_is_str(norm("https://shop.example/", 1), "-", "an Origin has no path");
	tap_is_str(norm("https://a.example https://b.example", 1), "-", "nor a list");
	tap_is_str(norm("https://shop.example/a/b?c#d", 0), "https://shop.example",
	    "a Referer's path, query and fragment are cut");
	tap_is_str(norm("https://shop.example?x", 0), "https://shop.example", "(a query at once)");
	tap_is_str(norm("https://evil.example@shop.example/", 0), "-", "a Referer with a user part");
	tap_is_str(norm("https://shop.example/@x", 0), "https://shop.example", "'@' in the path is no user part");
	memset(big, 'a', sizeof(big) - 1);
	memcpy(big, "https://", 8);
	big[sizeof(big) - 1] = '\0';
	tap_is_str(norm(big, 1), "-", "a host over 253 bytes is refused");
	big[8 + 253] = '\0';
	tap_ok(strlen(norm(big, 1)) == 8 + 253, "a host of 253 bytes fits");
	tap_is_str(own("https", "Shop.Example:443"), "https://shop.example", "Host in normal form");
	tap_is_str(own("HTTP", "shop.example:8080"), "http://shop.example:8080", "(the scheme too)");
	tap_is_str(own(" https , http", " shop.example , proxy.local"), "https://shop.example",
	    "the first value of a list header, trimmed");
	tap_is_str(own("gopher", "shop.example"), "-", "another scheme is refused");
	tap_is_str(own("https", ""), "-", "an empty Host is refused");
	tap_is_str(own("https", NULL), "-", "no Host is refused");
}

static void verdicts(void)
{
	struct origin_in in = { 0 };
	char seen[ORIGIN_MAX];

	tap_is_long(judge(NULL, NULL, "shop.example"), ORIGIN_NONE, "neither header: NONE");
	tap_is_long(judge("", "", "shop.example"), ORIGIN_NONE, "(empty ones too)");
	tap_is_long(judge("http://shop.example", NULL, "shop.example"), ORIGIN_SAME, "the same origin");
	tap_is_long(judge("http://SHOP.example:80", NULL, "shop.example:80"), ORIGIN_SAME,
	    "the same origin in another spelling");
	tap_is_long(judge("https://evil.example", NULL, "shop.example"), ORIGIN_FOREIGN, "another site");
	tap_is_long(judge("https://shop.example", NULL, "shop.example"), ORIGIN_FOREIGN,
	    "https on a plain-http request is another origin");
	tap_is_long(judge("http://shop.example:8080", NULL, "shop.example"), ORIGIN_FOREIGN,
	    "another port is another origin");
	tap_is_long(judge("http://shop.example.evil.example", NULL, "shop.example"), ORIGIN_FOREIGN,
	    "a longer host that starts with ours");
	tap_is_long(judge("null", NULL, "shop.example"), ORIGIN_FOREIGN, "\"null\" is foreign");
	tap_is_long(judge("http://shop.example", "https://evil.example/", "shop.example"), ORIGIN_SAME,
	    "Origin wins over Referer");
	tap_is_long(judge("https://evil.example", "http://shop.example/", "shop.example"), ORIGIN_FOREIGN,
	    "(both ways)");
	tap_is_long(judge(NULL, "http://shop.example/admin/users?x=1", "shop.example"), ORIGIN_SAME,
	    "without Origin the Referer counts");
	tap_is_long(judge(NULL, "https://evil.example/page", "shop.example"), ORIGIN_FOREIGN,
	    "a foreign Referer");
	tap_is_long(judge(NULL, "about:blank", "shop.example"), ORIGIN_FOREIGN, "a Referer that is no URL");
	tap_is_long(judge("http://shop.example", NULL, NULL), ORIGIN_FOREIGN,
	    "no Host and no base_url: nothing is own");

	in.origin = "https://shop.example";
	in.host = "127.0.0.1:9000";
	in.fwd_host = "shop.example";
	in.fwd_proto = "https";
	tap_is_long(origin_judge(&in, seen), ORIGIN_SAME, "X-Forwarded-Host and -Proto win over Host");
	tap_is_str(seen, "https://shop.example", "the origin seen, in normal form");
	in.fwd_proto = NULL;
	tap_is_long(origin_judge(&in, seen), ORIGIN_FOREIGN, "without -Proto the scheme is the request's");
	in.https = 1;
	tap_is_long(origin_judge(&in, seen), ORIGIN_SAME, "(HTTPS on)");
	in.fwd_host = NULL;
	tap_is_long(origin_judge(&in, seen), ORIGIN_FOREIGN, "Host alone is the proxy's address");
	in.base_url = "https://Shop.example/";
	tap_is_long(origin_judge(&in, seen), ORIGIN_SAME, "base_url's origin is this site's too");
	in.base_url = "https://shop.example:8443";
	tap_is_long(origin_judge(&in, seen), ORIGIN_FOREIGN, "(with its port)");
	in.base_url = "not a url";
	tap_is_long(origin_judge(&in, seen), ORIGIN_FOREIGN, "a base_url that is no URL adds nothing");
	in.origin = "https://evil.example\r\nX: y";
	tap_is_long(origin_judge(&in, seen), ORIGIN_FOREIGN, "a value with control bytes is foreign");
	tap_ok(strlen(seen) < ORIGIN_MAX, "and what was seen fits the log's buffer");
}

int main(void)
{
	forms();
	verdicts();
	return tap_done();
}
