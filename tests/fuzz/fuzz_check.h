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

#endif
