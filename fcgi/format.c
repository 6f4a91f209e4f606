/*
 * format.c - numbers, money, percentages and dates per language (see
 * include/salient/format.h).  Pure functions over buffers: no locale(3),
 * no allocation, no double for money digits.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "salient/format.h"

#define NBSP "\xc2\xa0"
#define MAX_DIGITS 40

struct lang_fmt {
	const char *code;
	const char *group;          /* thousands separator */
	const char *point;          /* decimal point */
	const char *pct;            /* between number and % */
	const char *month[12];      /* in a date: "23 Nov 2026" */
	const char *month_alone[12];/* a month on its own: "Nov 2026" */
	const char *date;           /* order: day, month name, year */
	const char *time_sep;       /* between date and time */
	char time_colon;
};

static const struct lang_fmt langs[] = {
	{ "en", ",", ".", "",
	  { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
	  { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
	  "%d %s %d", ", ", ':' },
	{ "da", ".", ",", NBSP,
	  { "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec." },
	  { "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec." },
	  "%d. %s %d", " ", '.' },
	{ "ru", NBSP, ",", NBSP,
	  { "янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек." },
	  { "янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек." },
	  "%d %s %d г.", ", ", ':' },
};

/* Currency symbols written instead of the code; everything else uses the code. */
static const struct { const char *code, *symbol; } symbols[] = {
	{ "EUR", "€" }, { "USD", "$" }, { "GBP", "£" }, { "RUB", "₽" },
};

static const struct lang_fmt *lang_of(const char *lang)
{
	size_t i;

	for (i = 0; lang != NULL && i < sizeof(langs) / sizeof(langs[0]); i++)
		if (strcmp(langs[i].code, lang) == 0)
			return &langs[i];
	return &langs[0];
}

/* snprintf that reports truncation as -1 and leaves "" then. */
static int put(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int put(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (len == 0)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len) {
		buf[0] = '\0';
		return -1;
	}
	return 0;
}

/* Leaves "" in buf and returns -1: the failure answer of every function. */
static int empty(char *buf, size_t len)
{
	if (len > 0)
		buf[0] = '\0';
	return -1;
}

/* Writes the digits ds (n of them) grouped by threes with sep into out. */
static int group_digits(char *out, size_t len, const char *ds, size_t n, const char *sep)
{
	size_t i, o = 0, sl = strlen(sep);

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			if (o + sl >= len)
				return -1;
			memcpy(out + o, sep, sl);
			o += sl;
		}
		if (o + 1 >= len)
			return -1;
		out[o++] = ds[i];
	}
	out[o] = '\0';
	return 0;
}

/*
 * Parses and rounds the decimal text dec to places decimals: the integer
 * digits go to ip (no leading zeros, at least "0"), the fraction to fp
 * (exactly places digits), *neg to the sign of a non-zero result.
 */
static int round_decimal(const char *dec, int places, char *ip, size_t *ipn, char *fp, int *neg)
{
	char d[MAX_DIGITS + 8];
	size_t ni = 0, nf = 0, n, i;
	const char *s = dec, *dot;
	int carry, nonzero = 0;

	*neg = 0;
	if (s == NULL || places < 0 || places > 6)
		return -1;
	if (*s == '-' || *s == '+')
		*neg = *s++ == '-';
	dot = strchr(s, '.');
	for (i = 0; s[i] != '\0'; i++) {
		if (s + i == dot)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (dot == NULL || s + i < dot)
			ni++;
		else
			nf++;
	}
	if (ni + nf == 0 || ni + nf > MAX_DIGITS)
		return -1;
	/* d = a leading 0 (room for a carry), the integer digits, places fraction digits */
	d[0] = '0';
	memcpy(d + 1, s, ni);
	for (i = 0; i < (size_t)places; i++)
		d[1 + ni + i] = i < nf ? dot[1 + i] : '0';
	n = 1 + ni + (size_t)places;
	carry = (size_t)places < nf && dot[1 + places] >= '5';
	for (i = n; carry && i-- > 0;) {
		if (d[i] == '9') {
			d[i] = '0';
		} else {
			d[i]++;
			carry = 0;
		}
	}
	for (i = 0; i < n; i++)
		nonzero |= d[i] != '0';
	if (!nonzero)
		*neg = 0;
	/* integer part: skip leading zeros, keep one */
	for (i = 0; i + 1 < n - (size_t)places && d[i] == '0'; i++)
		;
	*ipn = n - (size_t)places - i;
	memcpy(ip, d + i, *ipn);
	memcpy(fp, d + n - (size_t)places, (size_t)places);
	fp[places] = '\0';
	return 0;
}

/* The number alone, without sign: "1,234.50". */
static int number_text(char *buf, size_t len, const struct lang_fmt *lf, const char *dec,
    int places, int *neg)
{
	char ip[MAX_DIGITS + 8], fp[8], grouped[SL_FMT_MAX];
	size_t ipn;

	if (round_decimal(dec, places, ip, &ipn, fp, neg) != 0 ||
	    group_digits(grouped, sizeof(grouped), ip, ipn, lf->group) != 0)
		goto fail;
	if (places == 0)
		return put(buf, len, "%s", grouped);
	return put(buf, len, "%s%s%s", grouped, lf->point, fp);
fail:
	return empty(buf, len);
}

int sl_fmt_decimal(char *buf, size_t len, const char *lang, const char *dec, int places)
{
	char num[SL_FMT_MAX];
	int neg;

	if (number_text(num, sizeof(num), lang_of(lang), dec, places, &neg) != 0)
		return empty(buf, len);
	return put(buf, len, "%s%s", neg ? "-" : "", num);
}

int sl_fmt_int(char *buf, size_t len, const char *lang, long long v)
{
	char dec[32];

	snprintf(dec, sizeof(dec), "%lld", v);
	return sl_fmt_decimal(buf, len, lang, dec, 0);
}

static int currency_places(const char *cur)
{
	static const char *const none[] = { "JPY", "ISK", "KRW" };
	size_t i;

	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (strcmp(cur, none[i]) == 0)
			return 0;
	return 2;
}

int sl_fmt_money(char *buf, size_t len, const char *lang, const char *amount,
    const char *currency)
{
	const struct lang_fmt *lf = lang_of(lang);
	const char *sym = NULL, *sign;
	char num[SL_FMT_MAX];
	size_t i;
	int neg;

	if (currency == NULL || currency[0] == '\0') {
		if (number_text(num, sizeof(num), lf, amount, 2, &neg) != 0)
			goto fail;
		return put(buf, len, "%s%s", neg ? "-" : "", num);
	}
	if (strlen(currency) != 3)
		goto fail;
	for (i = 0; i < 3; i++)
		if (currency[i] < 'A' || currency[i] > 'Z')
			goto fail;
	for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++)
		if (strcmp(symbols[i].code, currency) == 0)
			sym = symbols[i].symbol;
	if (number_text(num, sizeof(num), lf, amount, currency_places(currency), &neg) != 0)
		goto fail;
	sign = neg ? "-" : "";
	if (strcmp(lf->code, "en") == 0) {
		if (sym != NULL && strcmp(currency, "RUB") != 0)
			return put(buf, len, "%s%s%s", sign, sym, num);
		return put(buf, len, "%s%s" NBSP "%s", sign, currency, num);
	}
	if (strcmp(lf->code, "da") == 0 && strcmp(currency, "DKK") == 0)
		sym = "kr.";
	else if (strcmp(lf->code, "da") == 0 && strcmp(currency, "EUR") != 0)
		sym = NULL;
	return put(buf, len, "%s%s" NBSP "%s", sign, num, sym ? sym : currency);
fail:
	return empty(buf, len);
}

int sl_fmt_percent(char *buf, size_t len, const char *lang, double pct, int places)
{
	const struct lang_fmt *lf = lang_of(lang);
	char dec[64], num[SL_FMT_MAX];
	int neg;

	if (places < 0 || places > 3 || !(pct > -1e15 && pct < 1e15))
		goto fail;
	snprintf(dec, sizeof(dec), "%.*f", places, pct);
	if (number_text(num, sizeof(num), lf, dec, places, &neg) != 0)
		goto fail;
	return put(buf, len, "%s%s%s%%", neg ? "-" : "", num, lf->pct);
fail:
	return empty(buf, len);
}

/* Reads n digits at s; -1 when one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "YYYY-MM" and, when want_day, "-DD"; the day is 0 when not wanted. */
static int parse_date(const char *iso, int want_day, int *y, int *m, int *d)
{
	if (iso == NULL || strlen(iso) < (want_day ? 10u : 7u) || iso[4] != '-')
		return -1;
	*y = digits(iso, 4);
	*m = digits(iso + 5, 2);
	*d = 0;
	if (want_day) {
		if (iso[7] != '-' || (*d = digits(iso + 8, 2)) < 1 || *d > 31)
			return -1;
	}
	return *y < 0 || *m < 1 || *m > 12 ? -1 : 0;
}

int sl_fmt_date(char *buf, size_t len, const char *lang, const char *iso)
{
	const struct lang_fmt *lf = lang_of(lang);
	int y, m, d;

	if (parse_date(iso, 1, &y, &m, &d) != 0 || (iso[10] != '\0' && iso[10] != 'T' &&
	    iso[10] != ' '))
		return empty(buf, len);
	return put(buf, len, lf->date, d, lf->month[m - 1], y);
}

int sl_fmt_datetime(char *buf, size_t len, const char *lang, const char *iso)
{
	const struct lang_fmt *lf = lang_of(lang);
	char date[SL_FMT_MAX];
	int hh, mm;

	if (iso == NULL || strlen(iso) < 16 || (iso[10] != 'T' && iso[10] != ' ') ||
	    iso[13] != ':' || (hh = digits(iso + 11, 2)) < 0 || hh > 23 ||
	    (mm = digits(iso + 14, 2)) < 0 || mm > 59 ||
	    sl_fmt_date(date, sizeof(date), lang, iso) != 0)
		return empty(buf, len);
	return put(buf, len, "%s%s%02d%c%02d", date, lf->time_sep, hh, lf->time_colon, mm);
}

int sl_fmt_month(char *buf, size_t len, const char *lang, const char *iso)
{
	const struct lang_fmt *lf = lang_of(lang);
	int y, m, d;

	if (parse_date(iso, 0, &y, &m, &d) != 0)
		return empty(buf, len);
	return put(buf, len, "%s %d", lf->month_alone[m - 1], y);
}
