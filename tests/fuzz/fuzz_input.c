/*
 * fuzz_input.c - libFuzzer target: the declared-input validators
 * (fcgi/input_check.c), the money and decimal reader in every language
 * (fcgi/money.c) and catalog texts with named values (fcgi/text.c).  The
 * first byte picks the declaration, the second the language; the rest is
 * the value.  Aborts when a result breaks a promise of input.h, money.h or
 * text.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "salient/input.h"
#include "salient/money.h"
#include "salient/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const choices[] = { "name", "revenue", "", NULL };
static const char *const langs[] = { NULL, "en", "da", "ru" };

static const struct sl_input decls[] = {
	{ "u", SL_IN_UINT, .flags = 0 },
	{ "p", SL_IN_UINT, .min = 1, .max = 1000 },
	{ "i", SL_IN_INT, .min = -50, .max = 50 },
	{ "m", SL_IN_MONEY, .flags = 0 },
	{ "mc", SL_IN_MONEY, .min = 0, .max = 1000000 },
	{ "d", SL_IN_DECIMAL, .places = 2 },
	{ "d6", SL_IN_DECIMAL, .places = 6, .min = -1, .max = 1 },
	{ "date", SL_IN_DATE, .flags = 0 },
	{ "e", SL_IN_ENUM, .choices = choices },
	{ "t", SL_IN_TEXT, .max = 64 },
	{ "l", SL_IN_TEXT, .flags = SL_IN_LINES, .min = 2, .max = 300 },
	{ "b", SL_IN_BOOL, .flags = 0 },
	{ "ids", SL_IN_IDS, .max = 16 },
};

static void check_ok(const struct sl_input *d, const char *v, size_t len, const char *lang,
    const struct sl_in_value *out)
{
	char text[SL_MONEY_TEXT_MAX];
	int64_t again;
	size_t i;

	switch (d->type) {
	case SL_IN_UINT:
	case SL_IN_INT:
		if (d->max > d->min && (out->i < d->min || out->i > d->max))
			abort();
		if (d->type == SL_IN_UINT && out->i < 0)
			abort();
		break;
	case SL_IN_MONEY:
	case SL_IN_DECIMAL: {
		int places = d->type == SL_IN_MONEY ? SL_MONEY_PLACES : d->places;

		if (d->max > d->min && (out->i < d->min || out->i > d->max))
			abort();
		/* the exact text reads back as the same value in the plain form */
		if (sl_decimal_text(out->i, places, text, sizeof(text)) == 0 ||
		    sl_decimal_parse(text, NULL, places, 18 - places, &again) != SL_NUM_OK ||
		    again != out->i)
			abort();
		break;
	}
	case SL_IN_DATE:
		if (len != 10 || v[4] != '-' || v[7] != '-')
			abort();
		break;
	case SL_IN_ENUM:
		if (out->i < 0 || out->i > 2 || strcmp(out->s, choices[out->i]) != 0)
			abort();
		break;
	case SL_IN_TEXT:
		if (!sl_utf8_valid(v, len, NULL) || len > (size_t)(d->max ? d->max : 1000))
			abort();
		for (i = 0; i < len; i++)
			if ((unsigned char)v[i] < 0x20 && !(d->flags & SL_IN_LINES))
				abort();
		break;
	case SL_IN_BOOL:
		if (out->i != 0 && out->i != 1)
			abort();
		break;
	case SL_IN_IDS:
		if (out->nids == 0 || out->nids > 16)
			abort();
		for (i = 0; i < out->nids; i++)
			if (out->ids[i] == 0 || out->ids[i] > INT64_MAX)
				abort();
		break;
	default:
		abort();
	}
	(void)lang;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct sl_input *d;
	struct sl_in_value out;
	const char *lang;
	char *v, msg[96];
	const char *kv[] = { "field", NULL, "value", NULL, NULL };
	size_t len, at = 0, n;
	int rc;

	if (size < 2)
		return 0;
	d = &decls[data[0] % (sizeof(decls) / sizeof(decls[0]))];
	lang = langs[data[1] % 4];
	len = size - 2;
	if ((v = malloc(len + 1)) == NULL)
		return 0;
	memcpy(v, data + 2, len);
	v[len] = '\0';
	memset(&out, 0, sizeof(out));
	rc = sl_in_check(d, v, len, lang, &out, &at);
	if (rc == SL_IN_OK)
		check_ok(d, v, len, lang, &out);
	else if (at > len || strcmp(sl_in_err_code(rc), "invalid") == 0)
		abort();
	free(out.ids);

	/* the value as a catalog template and as a named value */
	if (strlen(v) == len) {
		kv[1] = d->name;
		kv[3] = v;
		rc = sl_text_fill(msg, sizeof(msg), v, kv);
		n = strlen(msg);
		if (n >= sizeof(msg) || (rc >= 0 && (size_t)rc != n) ||
		    (sl_utf8_valid(v, len, NULL) && !sl_utf8_valid(msg, n, NULL)))
			abort();
	}
	free(v);
	return 0;
}
