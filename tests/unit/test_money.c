/*
 * test_money.c - the one decimal reader and writer (salient/money.h) in the
 * plain form and en, da and ru, and named values in catalog texts
 * (salient/text.h), against hand-written expectations.
 */
#include <stdio.h>
#include <string.h>

#include "salient/money.h"
#include "salient/text.h"
#include "tap.h"

static void money(const char *s, const char *lang, long long want)
{
	sl_money v = -1;
	int rc = sl_money_parse(s, lang, &v);

	tap_ok(rc == SL_NUM_OK && v == want, "money '%s' (%s) = %lld (rc %d, got %lld)", s,
	    lang ? lang : "plain", want, rc, (long long)v);
}

static void refused(const char *s, const char *lang, int why)
{
	sl_money v = -1;
	int rc = sl_money_parse(s, lang, &v);

	tap_ok(rc == why && v == 0, "money '%s' (%s) refused with %d (got %d)", s ? s : "(null)",
	    lang ? lang : "plain", why, rc);
}

int main(void)
{
	char buf[SL_MONEY_TEXT_MAX], small[6], msg[64];
	int64_t d;
	const char *kv[] = { "field", "amount", "value", "12,5", NULL };

	money("1854.95", NULL, 18549500);
	money("-0.5", NULL, -5000);
	money("+7", NULL, 70000);
	money(".25", NULL, 2500);
	money("  12.5  ", NULL, 125000);
	money("1.50000", NULL, 15000);
	money("9999999999.9999", NULL, 99999999999999LL);
	money("0000000000012", NULL, 120000);
	refused("12,5", NULL, SL_NUM_SYNTAX);
	refused("1.00005", NULL, SL_NUM_PLACES);
	refused("12345678901", NULL, SL_NUM_RANGE);
	refused("", NULL, SL_NUM_EMPTY);
	refused("   ", "da", SL_NUM_EMPTY);
	refused(NULL, NULL, SL_NUM_EMPTY);
	refused("12.", NULL, SL_NUM_SYNTAX);
	refused("1e5", NULL, SL_NUM_SYNTAX);
	refused("--1", NULL, SL_NUM_SYNTAX);
	refused("0x10", NULL, SL_NUM_SYNTAX);

	/* en */
	money("1,854.95", "en", 18549500);
	money("1,234,567", "en", 12345670000LL);
	money("1854.95", "en", 18549500);
	refused("12,5", "en", SL_NUM_SYNTAX);
	refused("1,23", "en", SL_NUM_SYNTAX);
	refused("1234,567", "en", SL_NUM_SYNTAX);
	/* da */
	money("12,5", "da", 125000);
	money("1.854,95", "da", 18549500);
	money("1.854", "da", 18540000);      /* a group of three: the Danish reading */
	money("1.5", "da", 15000);           /* not a group: the plain form */
	money("1854.95", "da", 18549500);    /* the plain form, as the API sends it */
	money("-1.234.567,5", "da", -12345675000LL);
	refused("1,00005", "da", SL_NUM_PLACES);
	refused("1.85,5", "da", SL_NUM_SYNTAX);
	refused("12,5,1", "da", SL_NUM_SYNTAX);
	/* ru */
	money("12,5", "ru", 125000);
	money("1 854,95", "ru", 18549500);
	money("1\xc2\xa0" "854,95", "ru", 18549500);
	money("1\xe2\x80\xaf" "854,95", "ru", 18549500);
	money("12.5", "ru", 125000);
	refused("1 85,5", "ru", SL_NUM_SYNTAX);

	tap_ok(sl_decimal_parse("12,345", "da", 3, 4, &d) == SL_NUM_OK && d == 12345,
	    "decimal 12,345 with 3 places in da");
	tap_ok(sl_decimal_parse("12.5", NULL, 0, 4, &d) == SL_NUM_PLACES, "no places: 12.5 refused");
	tap_ok(sl_decimal_parse("12", NULL, 7, 4, &d) == SL_NUM_RANGE, "7 places is beyond the reader");

	sl_money_text(18549500, buf, sizeof(buf));
	tap_is_str(buf, "1854.9500", "money text");
	sl_money_text(-5, buf, sizeof(buf));
	tap_is_str(buf, "-0.0005", "negative money text");
	sl_decimal_text(-12, 0, buf, sizeof(buf));
	tap_is_str(buf, "-12", "decimal text without places");
	tap_ok(sl_money_text(18549500, small, sizeof(small)) == 0 && small[0] == '\0',
	    "too small a buffer writes nothing");

	tap_ok(sl_text_fill(msg, sizeof(msg), "{field}: '{value}' is not an amount", kv) > 0,
	    "text filled");
	tap_is_str(msg, "amount: '12,5' is not an amount", "named values in their places");
	sl_text_fill(msg, sizeof(msg), "{value} {{x} {unknown}", kv);
	tap_is_str(msg, "12,5 {x} {unknown}", "{{ and an unknown name are written as they stand");
	tap_ok(sl_text_fill(small, sizeof(small), "ЖЖЖЖ", kv) == -1, "too long a text is reported");
	tap_is_str(small, "ЖЖ", "and cut at a character boundary");
	return tap_done();
}
