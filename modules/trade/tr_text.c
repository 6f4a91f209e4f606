/*
 * tr_text.c - product links and the tag groups check
 * (tr_text.h).  Pure computation.
 */
#include <stdio.h>
#include <string.h>

#include "salient/url.h"
#include "tr_text.h"

int tr_product_url(const char *pattern, const char *sku, char *buf, size_t len)
{
	struct sl_url u;
	const char *p, *q;

	sl_url_init(&u, buf, len);
	if (pattern == NULL || sku == NULL || pattern[0] == '\0' || sku[0] == '\0')
		return -1;
	for (p = pattern; (q = strstr(p, "{sku}")) != NULL; p = q + 5)
		if (sl_url_putn(&u, p, (size_t)(q - p)) != 0 || sl_url_enc(&u, sku) != 0)
			return -1;
	return sl_url_put(&u, p);
}

int tr_check_url_pattern(const char *v, char *err, size_t errlen)
{
	const char *p;

	if (v[0] == '\0')
		return 0;
	if (strstr(v, "{sku}") == NULL) {
		snprintf(err, errlen, "trade_product_url: must contain {sku} where the product's SKU goes, "
		    "e.g. https://shop.example/p/{sku}");
		return -1;
	}
	if (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0 && v[0] != '/') {
		snprintf(err, errlen, "trade_product_url: must start with https://, http:// or /");
		return -1;
	}
	for (p = v; *p != '\0'; p++) {
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\') {
			snprintf(err, errlen, "trade_product_url: no spaces, quotes, angle brackets or "
			    "backslashes (write them percent-encoded)");
			return -1;
		}
	}
	return 0;
}

int tr_list_has(const char *list, const char *name, size_t nlen)
{
	const char *p = list, *e;
	size_t n;

	if (list == NULL)
		return 0;
	for (;;) {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n == nlen && memcmp(p, name, n) == 0)
			return 1;
		if (e == NULL)
			return 0;
		p = e + 1;
	}
}

int tr_check_tag_groups(const char *v, char *err, size_t errlen)
{
	const char *p = v, *e, *q;
	size_t n;

	if (v[0] == '\0')
		return 0;
	for (;;) {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n == 0) {
			snprintf(err, errlen, "trade_tag_groups: an empty name in the list "
			    "(write names separated by single commas, e.g. manufacturer,material)");
			return -1;
		}
		if (n > 64) {
			snprintf(err, errlen, "trade_tag_groups: \"%.20s...\" is longer than 64 bytes", p);
			return -1;
		}
		if (p[0] == ' ' || p[0] == '\t' || p[n - 1] == ' ' || p[n - 1] == '\t') {
			snprintf(err, errlen, "trade_tag_groups: \"%.*s\" has white space at an end",
			    (int)n, p);
			return -1;
		}
		for (q = p; q < p + n; q++)
			if ((unsigned char)*q < 0x20 || *q == 0x7f) {
				snprintf(err, errlen, "trade_tag_groups: control characters are not allowed");
				return -1;
			}
		if (tr_list_has(e != NULL ? e + 1 : "", p, n)) {
			snprintf(err, errlen, "trade_tag_groups: \"%.*s\" is listed twice", (int)n, p);
			return -1;
		}
		if (e == NULL)
			return 0;
		p = e + 1;
	}
}
