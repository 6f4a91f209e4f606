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

/* sl_money_text_places(): ten-thousandths, places, the text */
static const struct {
	sl_money v;
	int places;
	const char *want;
} rounded[] = {
	{ 12345, 2, "1.23" },
	{ 12350, 2, "1.24" },                   /* half away from zero */
	{ -12350, 2, "-1.24" },
	{ -49, 2, "0.00" },                     /* no minus sign on a zero */
	{ 15000, 0, "2" },
	{ -12345, 4, "-1.2345" },
	{ 12345678901234LL, 2, "1234567890.12" },   /* no grouping */
	{ -9223372036854775807LL - 1, 2, "-922337203685477.58" },   /* no overflow */
};

int main(void)
{
	size_t i;
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

	/* the one rule for a fifth decimal, in every form: zeros are exact and read,
	 * any other digit is more precision than DECIMAL(x,4) stores: refused */
	refused("1.23456", NULL, SL_NUM_PLACES);
	refused("1,23456", "da", SL_NUM_PLACES);
	money("1.23450", NULL, 12345);
	tap_ok(sl_money_parse_db("1.23456", &d) == SL_NUM_PLACES && d == 0,
	    "db text with a fifth decimal is refused, not cut");
	tap_ok(sl_decimal_parse_strict("1.23456", 4, 10, &d) == SL_NUM_PLACES,
	    "and so in the strict form");
	/* the database's text: strict, 14 integer digits (sums), NULL is 0 */
	tap_ok(sl_money_parse_db("1234.5", &d) == SL_NUM_OK && d == 12345000, "db 1234.5");
	tap_ok(sl_money_parse_db("-0.0001", &d) == SL_NUM_OK && d == -1, "db -0.0001");
	tap_ok(sl_money_parse_db("12", &d) == SL_NUM_OK && d == 120000, "db 12");
	tap_ok(sl_money_parse_db(NULL, &d) == SL_NUM_OK && d == 0, "db NULL (SQL NULL) reads 0");
	tap_ok(sl_money_parse_db("12345678901234.5", &d) == SL_NUM_OK &&
	    d == 123456789012345000LL, "db sums hold 14 integer digits");
	tap_ok(sl_money_parse_db("123456789012345", &d) == SL_NUM_RANGE && d == 0,
	    "db: 15 integer digits refused");
	tap_ok(sl_money_parse_db("", &d) == SL_NUM_EMPTY && sl_money_parse_db(".", &d) != 0 &&
	    sl_money_parse_db("12a", &d) == SL_NUM_SYNTAX && sl_money_parse_db(" 1", &d) != 0,
	    "db: not numbers refused");
	tap_ok(sl_decimal_parse_strict("-12.5", 4, 10, &d) == SL_NUM_OK && d == -125000,
	    "strict -12.5");
	tap_ok(sl_decimal_parse_strict("+12", 4, 10, &d) == SL_NUM_SYNTAX &&
	    sl_decimal_parse_strict(".5", 4, 10, &d) == SL_NUM_SYNTAX &&
	    sl_decimal_parse_strict("1 000", 4, 10, &d) == SL_NUM_SYNTAX &&
	    sl_decimal_parse_strict("-", 4, 10, &d) == SL_NUM_SYNTAX,
	    "strict: no '+', no '.5', no grouping, no lone sign");
	/* rounded to fewer places, half away from zero */
	for (i = 0; i < sizeof(rounded) / sizeof(rounded[0]); i++) {
		sl_money_text_places(rounded[i].v, rounded[i].places, buf, sizeof(buf));
		tap_ok(strcmp(buf, rounded[i].want) == 0, "%lld with %d places: '%s' (got '%s')",
		    (long long)rounded[i].v, rounded[i].places, rounded[i].want, buf);
	}
	tap_ok(sl_money_text_places(1, 5, buf, sizeof(buf)) == 0 && buf[0] == '\0',
	    "5 places refused");

	tap_ok(sl_text_fill(msg, sizeof(msg), "{field}: '{value}' is not an amount", kv) > 0,
	    "text filled");
	tap_is_str(msg, "amount: '12,5' is not an amount", "named values in their places");
	sl_text_fill(msg, sizeof(msg), "{value} {{x} {unknown}", kv);
	tap_is_str(msg, "12,5 {x} {unknown}", "{{ and an unknown name are written as they stand");
	tap_ok(sl_text_fill(small, sizeof(small), "ЖЖЖЖ", kv) == -1, "too long a text is reported");
	tap_is_str(small, "ЖЖ", "and cut at a character boundary");
	return tap_done();
}
