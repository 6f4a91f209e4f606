/*
 * tr_text.h - small text helpers of the trade module: the product link
 * from the URL pattern setting, and the check of the tag groups setting.  Pure computation, tested in tests/unit/test_trade_rank.c.
 */
#ifndef SALIENT_TRADE_TEXT_H
#define SALIENT_TRADE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * The product's link: pattern with every "{sku}" replaced by sku,
 * percent-encoded (RFC 3986 unreserved characters kept as they are).
 * Returns 0, or -1 when the pattern or sku is empty or NULL, or the link
 * does not fit in len bytes.
 */
int tr_product_url(const char *pattern, const char *sku, char *buf, size_t len);

/*
 * Checks the product URL pattern setting: "" (no links) or an http:// or
 * https:// URL, or a path from "/", holding "{sku}".  0, or -1 with the
 * reason in err.
 */
int tr_check_url_pattern(const char *v, char *err, size_t errlen);

/*
 * Checks the tag groups setting: a comma list of tag_group names (as the
 * product_tags contract takes them: 1..64 bytes, no control characters, no
 * white space at either end, no comma), each once; "" is allowed.  0, or
 * -1 with the reason in err.
 */
int tr_check_tag_groups(const char *v, char *err, size_t errlen);

/* True when the comma list list holds name (whole entries only). */
int tr_list_has(const char *list, const char *name, size_t nlen);

#endif
