/*
 * name.c - display names (include/salient/name.h).
 */
#include <string.h>

#include "salient/name.h"

static int given(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* Appends s at buf[*o], cut at a character boundary when it does not fit. */
static void put(char *buf, size_t len, size_t *o, const char *s)
{
	size_t n = strlen(s);

	if (n > len - 1 - *o) {
		n = len - 1 - *o;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;         /* s[n] would continue the character before it */
	}
	memcpy(buf + *o, s, n);
	*o += n;
	buf[*o] = '\0';
}

size_t sl_display_name(const char *first, const char *last, const char *email, const char *id,
    char *buf, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return 0;
	buf[0] = '\0';
	if (given(first) || given(last)) {
		if (given(first))
			put(buf, len, &o, first);
		if (given(first) && given(last))
			put(buf, len, &o, " ");
		if (given(last))
			put(buf, len, &o, last);
	} else if (given(email)) {
		put(buf, len, &o, email);
	} else if (given(id)) {
		put(buf, len, &o, id);
	}
	return o;
}
