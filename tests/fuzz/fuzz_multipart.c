/*
 * fuzz_multipart.c - libFuzzer target: multipart/form-data bodies and
 * Content-Type values (fcgi/parse.c).  The input is parsed twice: whole,
 * as a body with boundary "XyZ", and split at its first newline into a
 * Content-Type and a body.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int clean(const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return hp_utf8_valid(s, n, NULL);
}

static void run(const char *ct, const char *body, size_t len,
    const struct hp_limits *lim)
{
	struct hp_kvlist *l = NULL;
	char err[HP_ERRMAX] = "";
	size_t i;
	int rc;

	rc = hp_parse_multipart(ct, body, len, lim, &l, err, sizeof(err));
	if ((rc == HP_OK) != (l != NULL))
		abort();
	if (rc != HP_OK) {
		fuzz_check_safe(err);
		return;
	}
	if (l->count > lim->max_fields)
		abort();
	for (i = 0; i < l->count; i++) {
		const struct hp_kv *kv = &l->items[i];

		if (kv->name[0] == '\0' || strlen(kv->name) > lim->max_name ||
		    !clean(kv->name) || kv->vlen > len ||
		    kv->value[kv->vlen] != '\0')
			abort();
		if (kv->filename == NULL && (strlen(kv->value) != kv->vlen ||
		    kv->vlen > lim->max_value ||
		    !hp_utf8_valid(kv->value, kv->vlen, NULL)))
			abort();
		if (kv->filename != NULL && (!clean(kv->filename) ||
		    strlen(kv->filename) > lim->max_filename ||
		    kv->vlen > lim->max_file))
			abort();
		if (kv->ctype != NULL && !clean(kv->ctype))
			abort();
	}
	hp_kvlist_free(l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hp_limits lim;
	struct hp_media m;
	const char *nl;
	char *ct = NULL;
	size_t cl, i;

	memset(&lim, 0, sizeof(lim));
	lim.max_fields = 16;
	lim.max_name = 32;
	lim.max_value = 512;
	lim.max_file = 2048;
	lim.max_filename = 64;
	lim.max_part_header = 256;
	run("multipart/form-data; boundary=XyZ", (const char *)data, size, &lim);

	nl = memchr(data, '\n', size < 300 ? size : 300);
	cl = nl ? (size_t)(nl - (const char *)data) : 0;
	if (nl == NULL || (ct = malloc(cl + 1)) == NULL)
		return 0;
	memcpy(ct, data, cl);
	ct[cl] = '\0';
	if (hp_parse_media_type(ct, &m, NULL, 0) == HP_OK) {
		for (i = 0; m.type[i]; i++)
			if (m.type[i] >= 'A' && m.type[i] <= 'Z')
				abort();
		cl = strlen(m.boundary);
		if (cl > 70 || (cl > 0 && m.boundary[cl - 1] == ' '))
			abort();
	}
	run(ct, nl + 1, size - (size_t)(nl + 1 - (const char *)data), &lim);
	free(ct);
	return 0;
}
