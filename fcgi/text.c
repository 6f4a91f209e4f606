/*
 * text.c - catalog texts with named values (include/salient/text.h).
 */
#include <stdio.h>
#include <string.h>

#include "salient/salient.h"
#include "salient/text.h"

#define VALUE_MAX 200

/* n cut back so that s[0..n) does not end inside a UTF-8 character. */
static size_t utf8_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static int put(char *buf, size_t len, size_t *at, const char *s, size_t n)
{
	if (*at + n + 1 > len) {
		n = len > *at + 1 ? utf8_cut(s, len - *at - 1) : 0;
		memcpy(buf + *at, s, n);
		*at += n;
		return -1;
	}
	memcpy(buf + *at, s, n);
	*at += n;
	return 0;
}

static const char *lookup(const char *const *kv, const char *name, size_t nlen)
{
	size_t i;

	for (i = 0; kv != NULL && kv[i] != NULL; i += 2)
		if (strlen(kv[i]) == nlen && memcmp(kv[i], name, nlen) == 0)
			return kv[i + 1] != NULL ? kv[i + 1] : "";
	return NULL;
}

int sl_text_fill(char *buf, size_t len, const char *tmpl, const char *const *kv)
{
	size_t at = 0, n;
	const char *p = tmpl, *end, *v;
	int rc = 0;

	if (len == 0)
		return -1;
	while (rc == 0 && *p != '\0') {
		if (p[0] == '{' && p[1] == '{') {
			rc = put(buf, len, &at, "{", 1);
			p += 2;
			continue;
		}
		if (*p == '{' && (end = strchr(p + 1, '}')) != NULL &&
		    (v = lookup(kv, p + 1, (size_t)(end - p - 1))) != NULL) {
			n = strlen(v);
			if (n > VALUE_MAX)
				n = utf8_cut(v, VALUE_MAX);
			rc = put(buf, len, &at, v, n);
			p = end + 1;
			continue;
		}
		n = strcspn(p + 1, "{") + 1;
		rc = put(buf, len, &at, p, n);
		p += n;
	}
	buf[at] = '\0';
	return rc == 0 ? (int)at : -1;
}
