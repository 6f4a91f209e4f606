/*
 * cookie.c - cookies for the core and the modules (include/salient/salient.h):
 * reading one of the request's (parsed once in the pipeline, fcgi/parse.c)
 * and adding Set-Cookie with the flags every cookie of Salient shares:
 * Path at the prefix, SameSite=Lax, Secure over HTTPS, HttpOnly on request.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "context.h"
#include "parse.h"
#include "reqtypes.h"

const char *sl_req_cookie(const struct sl_req *req, const char *name)
{
	return req->cookies != NULL && name != NULL ? hp_get(req->cookies, name) : NULL;
}

/* RFC 6265 4.1.1: a name is an RFC 7230 token, a value cookie-octets. */
static int cookie_name_ok(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f ||
		    strchr("()<>@,;:\\\"/[]?={}", *s) != NULL)
			return 0;
	return 1;
}

static int cookie_value_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f ||
		    *s == '"' || *s == ',' || *s == ';' || *s == '\\')
			return 0;
	return 1;
}

int sl_resp_cookie(struct sl_resp *resp, const char *name, const char *value, long max_age,
    unsigned flags)
{
	struct sl_req *req = resp->req;
	const char *prefix = req->tc->app->conf->prefix;
	char line[512], age[40] = "";
	int n;

	if (value == NULL)
		value = "";
	if (!cookie_name_ok(name) || !cookie_value_ok(value))
		return -1;
	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	n = snprintf(line, sizeof(line), "%s=%s; Path=%s%s; SameSite=Lax%s%s", name, value,
	    prefix[0] ? prefix : "/", flags & SL_COOKIE_HTTPONLY ? "; HttpOnly" : "", age,
	    req->https ? "; Secure" : "");
	if (n < 0 || (size_t)n >= sizeof(line))
		return -1;
	return sl_resp_header(resp, "Set-Cookie", line);
}
