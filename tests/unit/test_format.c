/*
 * test_format.c - numbers, money, percentages and dates in en, da and ru
 * (include/salient/format.h), each against hand-written expected text.
 */
#include <stdio.h>
#include <string.h>

#include "salient/format.h"
#include "tap.h"

#define NB "\xc2\xa0"

static char buf[SL_FMT_MAX];

static void money(const char *lang, const char *amount, const char *cur, const char *want)
{
	char name[160];
	int rc = sl_fmt_money(buf, sizeof(buf), lang, amount, cur);

	snprintf(name, sizeof(name), "money %s %s %s", lang, amount, cur ? cur : "(none)");
	tap_ok(rc == 0, "%s: accepted", name);
	tap_is_str(buf, want, name);
}

static void dec(const char *lang, const char *d, int places, const char *want)
{
	char name[160];
	int rc = sl_fmt_decimal(buf, sizeof(buf), lang, d, places);

	snprintf(name, sizeof(name), "decimal %s %s /%d", lang, d, places);
	tap_ok(rc == 0, "%s: accepted", name);
	tap_is_str(buf, want, name);
}

static void bad_decimal(const char *d)
{
	tap_ok(sl_fmt_decimal(buf, sizeof(buf), "en", d, 2) == -1 && buf[0] == '\0',
	    "decimal '%s' is refused", d ? d : "(null)");
}

int main(void)
{
	/* the three examples of the issue */
	money("en", "1234.5000", NULL, "1,234.50");
	money("da", "1234.5000", NULL, "1.234,50");
	money("ru", "1234.5000", NULL, "1" NB "234,50");

	/* currencies from the data */
	money("en", "1234.5000", "DKK", "DKK" NB "1,234.50");
	money("en", "1234.5", "EUR", "€1,234.50");
	money("en", "-5", "USD", "-$5.00");
	money("en", "99.99", "RUB", "RUB" NB "99.99");
	money("da", "1234.5000", "DKK", "1.234,50" NB "kr.");
	money("da", "1234.5000", "EUR", "1.234,50" NB "€");
	money("da", "1234.5000", "SEK", "1.234,50" NB "SEK");
	money("ru", "1234.5000", "RUB", "1" NB "234,50" NB "₽");
	money("ru", "1234567.0000", "DKK", "1" NB "234" NB "567,00" NB "DKK");
	money("en", "1234.5", "JPY", "JPY" NB "1,235");
	money("en", "0", "DKK", "DKK" NB "0.00");

	/* rounding on the digits, half away from zero, with carries */
	dec("en", "0.125", 2, "0.13");
	dec("en", "0.124", 2, "0.12");
	dec("en", "-0.125", 2, "-0.13");
	dec("en", "-0.004", 2, "0.00");
	dec("en", "999.995", 2, "1,000.00");
	dec("en", "9999999.9999", 2, "10,000,000.00");
	dec("en", "12", 0, "12");
	dec("en", "12.5", 0, "13");
	dec("en", ".5", 1, "0.5");
	dec("en", "007", 0, "7");
	dec("en", "123456789012345678901234567890.4", 0,
	    "123,456,789,012,345,678,901,234,567,890");
	/* a value a double cannot hold exactly */
	dec("en", "0.285", 2, "0.29");
	dec("da", "1000000", 2, "1.000.000,00");
	dec("xx", "1000", 1, "1,000.0");

	bad_decimal(NULL);
	bad_decimal("");
	bad_decimal("-");
	bad_decimal("1.2.3");
	bad_decimal("1e5");
	bad_decimal("12a");
	bad_decimal("1 000");
	bad_decimal("12345678901234567890123456789012345678901");
	tap_ok(sl_fmt_money(buf, sizeof(buf), "en", "1", "dkk") == -1, "lower-case currency refused");
	tap_ok(sl_fmt_money(buf, sizeof(buf), "en", "1", "DKKK") == -1, "long currency refused");
	tap_ok(sl_fmt_decimal(buf, 5, "en", "123456", 0) == -1 && buf[0] == '\0',
	    "a too small buffer fails and leaves \"\"");
	tap_ok(sl_fmt_decimal(buf, sizeof(buf), "en", "1", 7) == -1, "more than 6 places refused");

	tap_ok(sl_fmt_int(buf, sizeof(buf), "en", 1234567) == 0, "int en");
	tap_is_str(buf, "1,234,567", "int en text");
	sl_fmt_int(buf, sizeof(buf), "da", -1234567);
	tap_is_str(buf, "-1.234.567", "int da negative");
	sl_fmt_int(buf, sizeof(buf), "ru", 999);
	tap_is_str(buf, "999", "int ru under a thousand");
	sl_fmt_int(buf, sizeof(buf), "en", -9223372036854775807LL - 1);
	tap_is_str(buf, "-9,223,372,036,854,775,808", "int minimum");

	sl_fmt_percent(buf, sizeof(buf), "en", 12.5, 1);
	tap_is_str(buf, "12.5%", "percent en");
	sl_fmt_percent(buf, sizeof(buf), "da", 12.5, 1);
	tap_is_str(buf, "12,5" NB "%", "percent da");
	sl_fmt_percent(buf, sizeof(buf), "ru", -3.14159, 2);
	tap_is_str(buf, "-3,14" NB "%", "percent ru");
	sl_fmt_percent(buf, sizeof(buf), "en", 1234.0, 0);
	tap_is_str(buf, "1,234%", "percent grouped");

	sl_fmt_date(buf, sizeof(buf), "en", "2026-11-23");
	tap_is_str(buf, "23 Nov 2026", "date en");
	sl_fmt_date(buf, sizeof(buf), "da", "2026-05-03");
	tap_is_str(buf, "3. maj 2026", "date da");
	sl_fmt_date(buf, sizeof(buf), "ru", "2026-11-23T10:00:00Z");
	tap_is_str(buf, "23 нояб. 2026 г.", "date ru from a datetime");
	sl_fmt_datetime(buf, sizeof(buf), "en", "2026-11-23T14:05:09.123Z");
	tap_is_str(buf, "23 Nov 2026, 14:05", "datetime en");
	sl_fmt_datetime(buf, sizeof(buf), "da", "2026-11-23 14:05:09");
	tap_is_str(buf, "23. nov. 2026 14.05", "datetime da");
	sl_fmt_datetime(buf, sizeof(buf), "ru", "2026-01-02T03:04:00Z");
	tap_is_str(buf, "2 янв. 2026 г., 03:04", "datetime ru");
	sl_fmt_month(buf, sizeof(buf), "en", "2026-03");
	tap_is_str(buf, "Mar 2026", "month en");
	sl_fmt_month(buf, sizeof(buf), "ru", "2026-03-01");
	tap_is_str(buf, "март 2026", "month ru stands alone");
	tap_ok(sl_fmt_date(buf, sizeof(buf), "en", "2026-13-01") == -1, "month 13 refused");
	tap_ok(sl_fmt_date(buf, sizeof(buf), "en", "2026-11-3") == -1, "short date refused");
	tap_ok(sl_fmt_date(buf, sizeof(buf), "en", "2026-11-23x") == -1, "trailing junk refused");
	tap_ok(sl_fmt_datetime(buf, sizeof(buf), "en", "2026-11-23") == -1, "datetime needs a time");
	tap_ok(sl_fmt_datetime(buf, sizeof(buf), "en", "2026-11-23T25:00") == -1, "hour 25 refused");
	tap_ok(sl_fmt_month(buf, sizeof(buf), "en", NULL) == -1, "NULL month refused");
	return tap_done();
}
