/*
 * fuzz_cookie.c - libFuzzer target: the request headers parsed in
 * fcgi/parse.c: Cookie, Accept, Accept-Language and Content-Type.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int tchar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "en", "da", "ru", "pt-BR" };
	struct hp_limits lim;
	struct hp_kvlist *l = NULL;
	struct hp_media m;
	const char *best;
	char *h;
	size_t i, j;

	if ((h = malloc(size + 1)) == NULL)
		return 0;
	memcpy(h, data, size);
	h[size] = '\0';

	memset(&lim, 0, sizeof(lim));
	lim.max_fields = 8;
	lim.max_name = 16;
	lim.max_value = 64;
	if (hp_parse_cookie(h, &lim, &l, NULL, 0) == HP_OK) {
		if (l->count > lim.max_fields)
			abort();
		for (i = 0; i < l->count; i++) {
			const struct hp_kv *kv = &l->items[i];

			if (kv->name[0] == '\0' || strlen(kv->value) != kv->vlen ||
			    kv->vlen > lim.max_value)
				abort();
			for (j = 0; kv->name[j]; j++)
				if (!tchar((unsigned char)kv->name[j]))
					abort();
			for (j = 0; j < kv->vlen; j++)
				if (kv->value[j] < 0x20 || kv->value[j] == 0x7f)
					abort();
		}
	} else
		abort();		/* only HP_ETOOLARGE or ENOMEM */
	hp_kvlist_free(l);

	if (hp_accepts_json(h) > 1)
		abort();
	best = hp_accept_language(h, langs, 4);
	for (i = 0; best != NULL && i < 4 && best != langs[i]; i++)
		;
	if (i == 4)
		abort();
	if (hp_parse_media_type(h, &m, NULL, 0) == HP_OK &&
	    (m.type[0] == '\0' || m.subtype[0] == '\0'))
		abort();
	free(h);
	return 0;
}
