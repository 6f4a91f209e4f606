/*
 * format.h - numbers, money, percentages and dates written the way each of
 * the theme's languages writes them, done in C before rendering so a
 * template only prints text (DESIGN.md section 2: the view model keeps the
 * raw value for JSON and adds the formatted text for HTML).
 *
 *            en               da                ru
 *   number   1,234.50         1.234,50          1 234,50   (ru groups with U+00A0)
 *   money    DKK 1,234.50     1.234,50 kr.      1 234,50 DKK
 *            €1,234.50        1.234,50 €        1 234,50 €
 *   percent  12.5%            12,5 %            12,5 %
 *   date     23 Nov 2026      23. nov. 2026     23 нояб. 2026
 *   month    Nov 2026         nov. 2026         нояб. 2026
 *
 * Money and decimals are read from their exact decimal text ("1234.5000",
 * as MariaDB returns DECIMAL columns) and rounded half away from zero on the
 * digits themselves, never through a double.  An unknown language is
 * written as English.
 *
 * Every function writes a NUL-terminated string into buf (len bytes) and
 * returns 0, or -1 when the input is not what it should be or buf is too
 * small (buf then holds "").
 */
#ifndef SALIENT_FORMAT_H
#define SALIENT_FORMAT_H

#include <stddef.h>

/* Longest text any function here writes, NUL included: a safe buf size. */
#define SL_FMT_MAX 96

/* A whole number with grouping: 1234567 -> "1,234,567". */
int sl_fmt_int(char *buf, size_t len, const char *lang, long long v);

/*
 * A decimal from its exact text ("-1234.5", "12", "0.125"; at most 40
 * digits, optional sign, '.' as the point), rounded to places decimals
 * (0..6), grouped.
 */
int sl_fmt_decimal(char *buf, size_t len, const char *lang, const char *dec, int places);

/*
 * An amount of money from its exact decimal text and ISO 4217 currency code
 * ("DKK"; NULL or "" writes the number alone): 2 decimals, 0 for currencies
 * without minor units (JPY, ISK, KRW).
 */
int sl_fmt_money(char *buf, size_t len, const char *lang, const char *amount,
    const char *currency);

/* A percentage of a double (12.5 -> "12.5%"), places decimals (0..3). */
int sl_fmt_percent(char *buf, size_t len, const char *lang, double pct, int places);

/* A date from ISO 8601 text ("2026-11-23", or a datetime; the date part). */
int sl_fmt_date(char *buf, size_t len, const char *lang, const char *iso);

/* A date and time from ISO 8601 ("2026-11-23T14:05:00Z"): date, then HH:MM. */
int sl_fmt_datetime(char *buf, size_t len, const char *lang, const char *iso);

/* A month from "2026-11" (or a longer ISO date): "Nov 2026". */
int sl_fmt_month(char *buf, size_t len, const char *lang, const char *iso);

#endif
