/*
 * fuzz_form.c - libFuzzer target: urlencoded forms and query strings,
 * percent-decoding, UTF-8 checks and log-safe copies (fcgi/parse.c).
 * Aborts when a result breaks a promise of parse.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_list(const struct hp_kvlist *l, const struct hp_limits *lim)
{
	size_t i, nl;

	for (i = 0; i < l->count; i++) {
		const struct hp_kv *kv = &l->items[i];

		nl = strlen(kv->name);
		if (nl == 0 || (lim && nl > lim->max_name) ||
		    !hp_utf8_valid(kv->name, nl, NULL) ||
		    strlen(kv->value) != kv->vlen ||
		    (lim && kv->vlen > lim->max_value) ||
		    !hp_utf8_valid(kv->value, kv->vlen, NULL) ||
		    kv->filename != NULL || kv->ctype != NULL ||
		    hp_get(l, kv->name) == NULL)
			abort();
	}
	if (lim && l->count > lim->max_fields)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hp_limits lim;
	struct hp_kvlist *l = NULL;
	char err[HP_ERRMAX], safe[40], *qs = NULL, *dec = NULL;
	size_t dn, off;
	int rc;

	memset(&lim, 0, sizeof(lim));
	lim.max_fields = 32;
	lim.max_name = 16;
	lim.max_value = 256;
	err[0] = '\0';
	rc = hp_parse_form((const char *)data, size, &lim, &l, err, sizeof(err));
	if ((rc == HP_OK) != (l != NULL))
		abort();
	if (rc == HP_OK)
		check_list(l, &lim);
	else
		fuzz_check_safe(err);
	hp_kvlist_free(l);
	l = NULL;

	if ((qs = malloc(size + 1)) == NULL || (dec = malloc(size + 1)) == NULL)
		goto out;
	memcpy(qs, data, size);
	qs[size] = '\0';
	if (hp_parse_query(qs, NULL, &l, err, sizeof(err)) == HP_OK)
		check_list(l, NULL);
	hp_kvlist_free(l);
	l = NULL;

	if (hp_pct_decode(qs, size, 0, dec, &dn, &off) == 0) {
		if (dn > size || memchr(dec, '\0', dn) != NULL)
			abort();
	} else if (off >= size)
		abort();
	fuzz_check_safe(hp_log_safe_n(safe, sizeof(safe), qs, size));
	fuzz_check_safe(hp_log_safe(safe, 4, qs));
out:
	free(qs);
	free(dec);
	return 0;
}
