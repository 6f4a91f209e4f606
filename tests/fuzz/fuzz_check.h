/*
 * fuzz_check.h - checks the fuzz targets share.  A header of static
 * functions, so each target stays one file for libFuzzer and for
 * standalone_main.c.
 */
#ifndef SALIENT_FUZZ_CHECK_H
#define SALIENT_FUZZ_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "parse.h"

/* A message or log-safe string: valid UTF-8, no control characters. */
static inline void fuzz_check_safe(const char *s)
{
	size_t i, n = strlen(s);

	if (!hp_utf8_valid(s, n, NULL))
		abort();
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			abort();
}

/*
 * An import message (modules/data/dcmsg.h): a coded one is a mark byte, the
 * catalog key, then names and values behind separator bytes; each part is
 * held to fuzz_check_safe(), so a value can never carry a control
 * character into the words it is filled into.  A plain one is checked whole.
 */
static inline void fuzz_check_msg(const char *s)
{
	char part[2048];
	const char *p, *e;
	size_t n;

	if (s[0] != '\001') {
		fuzz_check_safe(s);
		return;
	}
	for (p = s + 1;; p = e + 1) {
		e = strchr(p, '\037');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n >= sizeof(part))
			abort();
		memcpy(part, p, n);
		part[n] = '\0';
		fuzz_check_safe(part);
		if (e == NULL)
			break;
	}
}

#endif
