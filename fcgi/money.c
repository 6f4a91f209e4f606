/*
 * money.c - the one decimal reader and writer (include/salient/money.h).
 */
#include <string.h>

#include "salient/money.h"

/* How one language writes a number: its point and its group separators. */
struct num_style {
	char point;
	const char *groups[3];   /* UTF-8 separators, NULL-terminated */
};

static const struct num_style plain = { '.', { NULL } };

static const struct {
	const char *lang;
	struct num_style style;
} styles[] = {
	{ "en", { '.', { ",", NULL } } },
	{ "da", { ',', { ".", NULL } } },
	{ "ru", { ',', { " ", "\xc2\xa0", "\xe2\x80\xaf" } } },
};

/* The length of the group separator at s, or 0. */
static size_t group_at(const struct num_style *st, const char *s)
{
	size_t i, n;

	for (i = 0; i < 3 && st->groups[i] != NULL; i++) {
		n = strlen(st->groups[i]);
		if (strncmp(s, st->groups[i], n) == 0)
			return n;
	}
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* One attempt in one style; SL_NUM_OK with *v, or the reason. */
static int parse_style(const char *s, const struct num_style *st, int places, int intdigits,
    int64_t *v)
{
	int64_t ip = 0, fp = 0;
	int neg = 0, nint = 0, sig = 0, nfrac = 0, group = -1;
	size_t g;

	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (;;) {
		if (is_digit(*s)) {
			if (group >= 0 && ++group > 3)
				return SL_NUM_SYNTAX;   /* a group of more than three */
			nint++;
			if (sig > 0 || *s != '0')
				sig++;
			if (sig > intdigits)
				return SL_NUM_RANGE;
			ip = ip * 10 + (*s - '0');
			s++;
		} else if (nint > 0 && (g = group_at(st, s)) > 0 && is_digit(s[g])) {
			/* the first group has 1..3 digits, every later one exactly 3 */
			if ((group < 0 && nint > 3) || (group >= 0 && group != 3))
				return SL_NUM_SYNTAX;
			group = 0;
			s += g;
		} else {
			break;
		}
	}
	if (group >= 0 && group != 3)
		return SL_NUM_SYNTAX;
	if (*s == st->point) {
		for (s++; is_digit(*s); s++) {
			if (++nfrac > places) {
				if (*s != '0')
					return SL_NUM_PLACES;
				continue;
			}
			fp = fp * 10 + (*s - '0');
		}
		if (nfrac == 0)
			return SL_NUM_SYNTAX;       /* "12." */
		if (nfrac > places)
			nfrac = places;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' || nint + nfrac == 0)
		return SL_NUM_SYNTAX;
	for (; nfrac < places; nfrac++)
		fp *= 10;
	for (nfrac = 0; nfrac < places; nfrac++)
		ip *= 10;
	*v = neg ? -(ip + fp) : ip + fp;
	return SL_NUM_OK;
}

int sl_decimal_parse(const char *s, const char *lang, int places, int intdigits, int64_t *v)
{
	const char *p;
	size_t i;
	int rc, first;

	*v = 0;
	if (places < 0 || places > 6 || intdigits < 1 || intdigits > 18 || intdigits + places > 18)
		return SL_NUM_RANGE;
	if (s == NULL)
		return SL_NUM_EMPTY;
	for (p = s; *p == ' '; p++)
		;
	if (*p == '\0')
		return SL_NUM_EMPTY;
	for (i = 0; lang != NULL && i < sizeof(styles) / sizeof(styles[0]); i++) {
		if (strcmp(lang, styles[i].lang) != 0)
			continue;
		if ((first = parse_style(s, &styles[i].style, places, intdigits, v)) == SL_NUM_OK)
			return SL_NUM_OK;
		/* the plain form, and the more telling of the two reasons */
		if ((rc = parse_style(s, &plain, places, intdigits, v)) == SL_NUM_OK)
			return SL_NUM_OK;
		*v = 0;
		return rc != SL_NUM_SYNTAX ? rc : first;
	}
	if ((rc = parse_style(s, &plain, places, intdigits, v)) != SL_NUM_OK)
		*v = 0;
	return rc;
}

int sl_money_parse(const char *s, const char *lang, sl_money *v)
{
	return sl_decimal_parse(s, lang, SL_MONEY_PLACES, SL_MONEY_INTDIGITS, v);
}

int sl_decimal_parse_strict(const char *s, int places, int intdigits, int64_t *v)
{
	const char *p;

	*v = 0;
	if (s == NULL || *s == '\0')
		return SL_NUM_EMPTY;
	p = s + (*s == '-');
	if (!is_digit(*p))
		return SL_NUM_SYNTAX;
	for (; *p != '\0'; p++)
		if (!is_digit(*p) && *p != '.')
			return SL_NUM_SYNTAX;
	return sl_decimal_parse(s, NULL, places, intdigits, v);
}

int sl_money_parse_db(const char *s, sl_money *v)
{
	if (s == NULL) {
		*v = 0;
		return SL_NUM_OK;
	}
	return sl_decimal_parse_strict(s, SL_MONEY_PLACES, SL_MONEY_DBDIGITS, v);
}

size_t sl_decimal_text(int64_t v, int places, char *buf, size_t len)
{
	char tmp[32];
	size_t n = 0, i;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int k;

	if (len > 0)
		buf[0] = '\0';
	if (places < 0 || places > 18)
		return 0;
	for (k = 0; k < places; k++) {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	}
	if (places > 0)
		tmp[n++] = '.';
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		tmp[n++] = '-';
	if (n + 1 > len)
		return 0;
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return n;
}

size_t sl_money_text(sl_money v, char *buf, size_t len)
{
	return sl_decimal_text(v, SL_MONEY_PLACES, buf, len);
}

size_t sl_money_text_places(sl_money v, int places, char *buf, size_t len)
{
	uint64_t d = 1, u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int k;

	if (places < 0 || places > SL_MONEY_PLACES) {
		if (len > 0)
			buf[0] = '\0';
		return 0;
	}
	for (k = places; k < SL_MONEY_PLACES; k++)
		d *= 10;
	u = u / d + (d > 1 && u % d >= d / 2);
	return sl_decimal_text(v < 0 ? -(int64_t)u : (int64_t)u, places, buf, len);
}
