/*
 * fuzz_origin.c - libFuzzer target: the Origin and Referer check of
 * fcgi/origin.c.  The input, split at newlines, is an Origin, a Referer, a
 * Host, an X-Forwarded-Host, an X-Forwarded-Proto and a base_url (missing
 * lines: absent headers).  Aborts when a normal form is not one (not
 * http(s)://, upper case, not a fixed point, too long), when what was seen
 * does not fit, or when a request whose Origin is its own Host is not SAME.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "origin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks a normal form: scheme, lower case, and parsing it again gives it. */
static void check_norm(const char *o)
{
	char again[ORIGIN_MAX];
	size_t i, n = strlen(o);

	if (n >= ORIGIN_MAX || (strncmp(o, "http://", 7) != 0 && strncmp(o, "https://", 8) != 0))
		abort();
	for (i = 0; i < n; i++)
		if ((o[i] >= 'A' && o[i] <= 'Z') || (unsigned char)o[i] <= 0x20 || (unsigned char)o[i] >= 0x7f)
			abort();
	if (origin_parse(o, 1, again) != 0 || strcmp(again, o) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *f[6] = { NULL };
	struct origin_in in;
	char *buf, *p, out[ORIGIN_MAX], seen[ORIGIN_MAX];
	size_t i;
	enum origin_verdict v;

	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (i = 0, p = buf; i < 6 && p != NULL; i++) {
		f[i] = p;
		if ((p = strchr(p, '\n')) != NULL)
			*p++ = '\0';
	}
	for (i = 0; i < 6; i++) {
		if (f[i] != NULL && origin_parse(f[i], 1, out) == 0)
			check_norm(out);
		if (f[i] != NULL && origin_parse(f[i], 0, out) == 0)
			check_norm(out);
	}
	if (origin_of_host("https", f[2], out) == 0)
		check_norm(out);
	memset(&in, 0, sizeof(in));
	in.origin = f[0];
	in.referer = f[1];
	in.host = f[2];
	in.fwd_host = f[3];
	in.fwd_proto = f[4];
	in.base_url = f[5];
	in.https = size > 0 && (data[0] & 1);
	v = origin_judge(&in, seen);
	if (strlen(seen) >= ORIGIN_MAX || v > ORIGIN_FOREIGN)
		abort();
	if (v == ORIGIN_SAME)
		check_norm(seen);
	/* a request from its own Host is SAME */
	memset(&in, 0, sizeof(in));
	in.host = f[0];
	if (f[0] != NULL && origin_of_host("http", f[0], out) == 0) {
		in.origin = out;
		if (origin_judge(&in, seen) != ORIGIN_SAME)
			abort();
	}
	free(buf);
	return 0;
}
