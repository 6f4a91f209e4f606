/*
 * fuzz_num.c - libFuzzer target: numbers, money and dates as people type
 * them and as Salient writes them, in every language (plain, en, da, ru):
 * fcgi/money.c (the reader), fcgi/format.c (the writer), fcgi/num.c, the
 * declared date input (fcgi/input_check.c) and the contract's date and
 * datetime parsers (modules/data/dcparse.c).  The first byte picks the
 * language and the decimal places; the rest is the text.
 *
 * Every value read must survive parse -> format -> parse: a decimal or an
 * amount written by sl_fmt_decimal() in the language reads back as the same
 * value in that language, a whole number written by sl_fmt_int() too, a
 * date taken by the date input is the contract's same date and is written
 * with its day and year in every language, and a datetime's canonical text
 * reads back to the same wall clock.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "salient/contract.h"
#include "salient/format.h"
#include "salient/input.h"
#include "salient/money.h"
#include "salient/num.h"
#include "dcparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const langs[] = { NULL, "en", "da", "ru" };

static void check_text(const char *s)
{
	if (!hp_utf8_valid(s, strlen(s), NULL))
		abort();
}

/* v (units of 10^-places) written in each language reads back as v. */
static void round_trip(int64_t v, int places, int intdigits)
{
	char plain[SL_MONEY_TEXT_MAX + 8], fmt[SL_FMT_MAX];
	int64_t again;
	size_t k;

	if (sl_decimal_text(v, places, plain, sizeof(plain)) == 0 ||
	    sl_decimal_parse_strict(plain, places, intdigits, &again) != SL_NUM_OK || again != v)
		abort();
	/* the writer knows en, da and ru (plain is written as English) */
	for (k = 1; k < 4; k++) {
		if (sl_fmt_decimal(fmt, sizeof(fmt), langs[k], plain, places) != 0)
			abort();
		check_text(fmt);
		if (sl_decimal_parse(fmt, langs[k], places, intdigits, &again) != SL_NUM_OK || again != v)
			abort();
	}
}

static void check_number(const char *s, const char *lang, int places)
{
	char fmt[SL_FMT_MAX], plain[SL_MONEY_TEXT_MAX];
	long long ll, back;
	int64_t v;
	double d;

	if (sl_decimal_parse(s, lang, places, 18 - places, &v) == SL_NUM_OK)
		round_trip(v, places, 18 - places);
	else if (v != 0)
		abort();
	if (sl_money_parse(s, lang, &v) == SL_NUM_OK) {
		round_trip(v, SL_MONEY_PLACES, SL_MONEY_INTDIGITS);
		if (sl_money_text(v, plain, sizeof(plain)) == 0 ||
		    sl_fmt_money(fmt, sizeof(fmt), lang, plain, "DKK") != 0 ||
		    sl_fmt_money(fmt, sizeof(fmt), lang, plain, "EUR") != 0)
			abort();
		check_text(fmt);
	}
	if (sl_num_ll(s, &ll) == 0) {
		if (snprintf(fmt, sizeof(fmt), "%lld", ll) <= 0 || sl_num_ll(fmt, &back) != 0 || back != ll)
			abort();
		/* plain is written as English */
		if (sl_fmt_int(fmt, sizeof(fmt), lang ? lang : "en", ll) != 0)
			abort();
		check_text(fmt);
		if (ll > -1000000000000000000LL && ll < 1000000000000000000LL &&
		    (sl_decimal_parse(fmt, lang ? lang : "en", 0, 18, &v) != SL_NUM_OK || v != ll))
			abort();
	} else if (ll != 0)
		abort();
	if (sl_num_double(s, &d) != 0 && d != 0)
		abort();
}

static void check_dates(const char *s, size_t len)
{
	const struct sl_input decl = { "d", SL_IN_DATE, .flags = 0 };
	struct sl_in_value out;
	struct dc_datetime dt, dt2;
	char iso[32], fmt[SL_FMT_MAX];
	int64_t days, days2;
	size_t at = 0, k;
	int y, m, d, first, last;

	memset(&out, 0, sizeof(out));
	if (sl_in_check(&decl, s, len, NULL, &out, &at) == SL_IN_OK) {
		/* the date input and the contract agree on the calendar */
		if (dc_parse_date(s, &days) != 0)
			abort();
		dc_civil_from_days(days, &y, &m, &d);
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
		if (strcmp(iso, s) != 0 || dc_parse_date(iso, &days2) != 0 || days2 != days)
			abort();
		for (k = 0; k < 4; k++) {
			const char *p;

			if (sl_fmt_date(fmt, sizeof(fmt), langs[k], s) != 0)
				abort();
			check_text(fmt);
			/* the first number written is the day, the last the year */
			for (first = 0, p = fmt; *p >= '0' && *p <= '9'; p++)
				first = first * 10 + (*p - '0');
			for (p = fmt + strlen(fmt); p > fmt && (p[-1] < '0' || p[-1] > '9'); p--)
				;
			while (p > fmt && p[-1] >= '0' && p[-1] <= '9')
				p--;
			for (last = 0; *p >= '0' && *p <= '9'; p++)
				last = last * 10 + (*p - '0');
			if (first != d || last != y)
				abort();
		}
	}
	if (dc_parse_date(s, &days) == 0) {
		dc_civil_from_days(days, &y, &m, &d);
		if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > dc_month_days(y, m) ||
		    dc_days_from_civil(y, m, d) != days)
			abort();
	}
	if (dc_parse_datetime(s, &dt) == 0) {
		if (dt.mo < 1 || dt.mo > 12 || dt.d < 1 || dt.d > dc_month_days(dt.y, dt.mo) ||
		    dt.h < 0 || dt.h > 23 || dt.mi < 0 || dt.mi > 59 || dt.s < 0 || dt.s > 59)
			abort();
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d %02d:%02d:%02d", dt.y, dt.mo, dt.d,
		    dt.h, dt.mi, dt.s);
		if (dc_parse_datetime(iso, &dt2) != 0 || dt2.y != dt.y || dt2.mo != dt.mo ||
		    dt2.d != dt.d || dt2.h != dt.h || dt2.mi != dt.mi || dt2.s != dt.s || dt2.hastz)
			abort();
		for (k = 0; k < 4; k++)
			if (sl_fmt_datetime(fmt, sizeof(fmt), langs[k], iso) != 0)
				abort();
	}
	for (k = 0; k < 4; k++) {
		sl_fmt_datetime(fmt, sizeof(fmt), langs[k], s);
		check_text(fmt);
		sl_fmt_month(fmt, sizeof(fmt), langs[k], s);
		check_text(fmt);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *lang;
	char *s;
	size_t len;
	int places;

	if (size < 1 || size > 256)
		return 0;
	lang = langs[data[0] & 3];
	places = (data[0] >> 2) % 7;
	len = size - 1;
	if ((s = malloc(len + 1)) == NULL)
		return 0;
	memcpy(s, data + 1, len);
	s[len] = '\0';
	if (strlen(s) == len) {
		check_number(s, lang, places);
		check_dates(s, len);
	}
	free(s);
	return 0;
}
