/*
 * input_check.c - the validators of declared inputs (salient/input.h):
 * pure functions over one value's text, the core's and the fuzz target's.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/input.h"
#include "salient/money.h"

#define TEXT_MAX_DEFAULT 1000
#define IDS_MAX_DEFAULT 1000

static const char *const err_codes[] = {
	[SL_IN_OK] = "ok",
	[SL_IN_ERR_REQUIRED] = "required",
	[SL_IN_ERR_UNKNOWN] = "unknown",
	[SL_IN_ERR_REPEATED] = "repeated",
	[SL_IN_ERR_UINT] = "uint",
	[SL_IN_ERR_INT] = "int",
	[SL_IN_ERR_RANGE] = "range",
	[SL_IN_ERR_DECIMAL] = "decimal",
	[SL_IN_ERR_PLACES] = "places",
	[SL_IN_ERR_MONEY] = "money",
	[SL_IN_ERR_DATE] = "date",
	[SL_IN_ERR_ENUM] = "enum",
	[SL_IN_ERR_UTF8] = "utf8",
	[SL_IN_ERR_CONTROL] = "control",
	[SL_IN_ERR_LONG] = "long",
	[SL_IN_ERR_SHORT] = "short",
	[SL_IN_ERR_BOOL] = "bool",
	[SL_IN_ERR_IDS] = "ids",
	[SL_IN_ERR_MANY] = "many",
	[SL_IN_ERR_JSON] = "json",
	[SL_IN_ERR_FILE] = "file",
};

const char *sl_in_err_code(int err)
{
	if (err < 0 || (size_t)err >= sizeof(err_codes) / sizeof(err_codes[0]))
		return "invalid";
	return err_codes[err];
}

int sl_utf8_valid(const char *str, size_t n, size_t *at)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k, need;
	uint32_t cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF) {
			need = 1; cp = s[i] & 0x1F; min = 0x80;
		} else if (s[i] >= 0xE0 && s[i] <= 0xEF) {
			need = 2; cp = s[i] & 0x0F; min = 0x800;
		} else if (s[i] >= 0xF0 && s[i] <= 0xF4) {
			need = 3; cp = s[i] & 0x07; min = 0x10000;
		} else {
			goto bad;   /* a continuation byte, C0/C1 (overlong), F5..FF */
		}
		if (n - i <= need)
			goto bad;   /* cut short */
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += need + 1;
	}
	return 1;
bad:
	if (at != NULL)
		*at = i;
	return 0;
}

/* Digits of an unsigned value: SL_IN_OK with *v, SL_IN_ERR_UINT, or RANGE. */
static int read_uint(const char *s, size_t len, unsigned long long *v)
{
	unsigned long long x = 0;
	size_t i;

	if (len == 0)
		return SL_IN_ERR_UINT;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return SL_IN_ERR_UINT;
		if (x > (UINT64_MAX - 9) / 10)
			return SL_IN_ERR_RANGE;
		x = x * 10 + (unsigned)(s[i] - '0');
	}
	*v = x;
	return SL_IN_OK;
}

static int check_int(const struct sl_input *d, const char *v, size_t len, struct sl_in_value *out)
{
	unsigned long long u = 0;
	long long lo = d->min, hi = d->max, x;
	int neg = d->type == SL_IN_INT && len > 0 && v[0] == '-', rc;

	rc = read_uint(v + neg, len - (size_t)neg, &u);
	if (rc == SL_IN_ERR_UINT)
		return d->type == SL_IN_INT ? SL_IN_ERR_INT : SL_IN_ERR_UINT;
	if (rc != SL_IN_OK || u > (unsigned long long)INT64_MAX + (unsigned)neg)
		return SL_IN_ERR_RANGE;
	x = neg ? (long long)(0 - u) : (long long)u;
	if (lo == 0 && hi == 0) {
		lo = d->type == SL_IN_UINT ? 0 : INT64_MIN;
		hi = INT64_MAX;
	}
	if (x < lo || x > hi)
		return SL_IN_ERR_RANGE;
	out->i = x;
	return SL_IN_OK;
}

static int check_decimal(const struct sl_input *d, const char *v, const char *lang,
    struct sl_in_value *out)
{
	int64_t x;
	int places = d->type == SL_IN_MONEY ? SL_MONEY_PLACES : d->places;
	int rc = d->type == SL_IN_MONEY ? sl_money_parse(v, lang, &x)
	    : sl_decimal_parse(v, lang, places, 18 - places, &x);

	switch (rc) {
	case SL_NUM_OK:
		break;
	case SL_NUM_PLACES:
		return SL_IN_ERR_PLACES;
	case SL_NUM_RANGE:
		return SL_IN_ERR_RANGE;
	default:
		return d->type == SL_IN_MONEY ? SL_IN_ERR_MONEY : SL_IN_ERR_DECIMAL;
	}
	if (d->max > d->min && (x < d->min || x > d->max))
		return SL_IN_ERR_RANGE;
	out->i = x;
	return SL_IN_OK;
}

static int check_date(const char *v, size_t len)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, day, leap, i;

	if (len != 10 || v[4] != '-' || v[7] != '-')
		return SL_IN_ERR_DATE;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
			return SL_IN_ERR_DATE;
	y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
	m = (v[5] - '0') * 10 + (v[6] - '0');
	day = (v[8] - '0') * 10 + (v[9] - '0');
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || day < 1)
		return SL_IN_ERR_DATE;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (day > mdays[m - 1] + (m == 2 && leap))
		return SL_IN_ERR_DATE;
	return SL_IN_OK;
}

static int check_text(const struct sl_input *d, const char *v, size_t len, size_t *at)
{
	size_t i, max = d->max > 0 ? (size_t)d->max : TEXT_MAX_DEFAULT;

	if (!sl_utf8_valid(v, len, at))
		return SL_IN_ERR_UTF8;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];

		if ((c < 0x20 || c == 0x7F) &&
		    !((d->flags & SL_IN_LINES) && (c == '\n' || c == '\r' || c == '\t'))) {
			*at = i;
			return SL_IN_ERR_CONTROL;
		}
	}
	if (len > max)
		return SL_IN_ERR_LONG;
	if (d->min > 0 && len < (size_t)d->min)
		return SL_IN_ERR_SHORT;
	return SL_IN_OK;
}

static int check_bool(const char *v, struct sl_in_value *out)
{
	static const char *const yes[] = { "1", "true", "on", "yes" };
	static const char *const no[] = { "0", "false", "off", "no" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
			out->i = strcmp(v, yes[i]) == 0;
			return SL_IN_OK;
		}
	}
	return SL_IN_ERR_BOOL;
}

/* Appends the comma-separated ids of v to out->ids. */
static int check_ids(const struct sl_input *d, const char *v, size_t len, struct sl_in_value *out)
{
	size_t max = d->max > 0 ? (size_t)d->max : IDS_MAX_DEFAULT, i = 0, j, a, b;
	unsigned long long id, *grown;

	while (i <= len) {
		for (j = i; j < len && v[j] != ','; j++)
			;
		for (a = i; a < j && v[a] == ' '; a++)
			;
		for (b = j; b > a && v[b - 1] == ' '; b--)
			;
		if (read_uint(v + a, b - a, &id) != SL_IN_OK || id == 0 || id > INT64_MAX)
			return SL_IN_ERR_IDS;
		if (out->nids >= max)
			return SL_IN_ERR_MANY;
		if ((grown = realloc(out->ids, (out->nids + 1) * sizeof(*grown))) == NULL)
			return SL_IN_ERR_MANY;
		out->ids = grown;
		out->ids[out->nids++] = id;
		i = j + 1;
	}
	return SL_IN_OK;
}

int sl_in_check(const struct sl_input *d, const char *v, size_t len, const char *lang,
    struct sl_in_value *out, size_t *at)
{
	size_t i;
	int rc;

	*at = 0;
	out->s = v;
	out->len = len;
	if (d->type != SL_IN_TEXT && d->type != SL_IN_FILE && strlen(v) != len)
		return SL_IN_ERR_CONTROL;   /* a NUL inside */
	switch (d->type) {
	case SL_IN_UINT:
	case SL_IN_INT:
		return check_int(d, v, len, out);
	case SL_IN_DECIMAL:
	case SL_IN_MONEY:
		return check_decimal(d, v, lang, out);
	case SL_IN_DATE:
		return check_date(v, len);
	case SL_IN_ENUM:
		for (i = 0; d->choices != NULL && d->choices[i] != NULL; i++) {
			if (strcmp(v, d->choices[i]) == 0) {
				out->i = (long long)i;
				out->s = d->choices[i];
				return SL_IN_OK;
			}
		}
		return SL_IN_ERR_ENUM;
	case SL_IN_TEXT:
		return check_text(d, v, len, at);
	case SL_IN_BOOL:
		return check_bool(v, out);
	case SL_IN_IDS:
		rc = check_ids(d, v, len, out);
		return rc;
	case SL_IN_JSON:
		return SL_IN_ERR_JSON;
	case SL_IN_FILE:
	case SL_IN_NONE:
		break;
	}
	return SL_IN_ERR_FILE;
}

const char *sl_in_decl_check(const struct sl_input *tab, const char *pattern)
{
	const struct sl_input *d, *e;
	char want[40];
	size_t n = 0;

	for (d = tab; d != NULL && d->name != NULL; d++) {
		if (++n > SL_IN_MAX)
			return "more than SL_IN_MAX inputs";
		if (d->name[0] == '\0' || strlen(d->name) >= 32)
			return "an input's name is empty or longer than 31 bytes";
		if (d->type <= SL_IN_NONE || d->type > SL_IN_FILE)
			return "an input has no type";
		if (d->type == SL_IN_ENUM && (d->choices == NULL || d->choices[0] == NULL))
			return "an enum input has no choices";
		if (d->type == SL_IN_DECIMAL && (d->places < 0 || d->places > 6))
			return "a decimal input's places are not 0..6";
		if ((d->type == SL_IN_UINT || d->type == SL_IN_INT) && d->max < d->min)
			return "an input's max is below its min";
		for (e = tab; e != d; e++)
			if (strcmp(e->name, d->name) == 0 && ((e->flags ^ d->flags) & SL_IN_PATH) == 0)
				return "two inputs share a name";
		if (d->flags & SL_IN_PATH) {
			snprintf(want, sizeof(want), "{%s}", d->name);
			if (pattern == NULL || strstr(pattern, want) == NULL)
				return "a path input names no segment of the pattern";
		}
	}
	return NULL;
}
