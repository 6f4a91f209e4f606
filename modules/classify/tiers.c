/*
 * tiers.c - the words for tier ranges (see tiers.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "salient/format.h"
#include "tiers.h"

/* Index of the largest of v[0..k-1] (the first of equals); k > 0. */
static size_t top_before(const double *v, size_t k)
{
	size_t i, top = 0;

	for (i = 1; i < k; i++)
		if (v[i] > v[top])
			top = i;
	return top;
}

enum cl_range cl_range_of(const double *v, size_t n, size_t k, double floor)
{
	if (k >= n)
		return CL_RANGE_EMPTY;
	if (k == 0)
		return v[0] >= floor ? CL_RANGE_FIRST : CL_RANGE_EMPTY;
	return v[k] > v[top_before(v, k)] ? CL_RANGE_NEXT : CL_RANGE_EMPTY;
}

int cl_ascending(const double *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (!(v[i] > v[i - 1]))
			return 0;
	return 1;
}

int cl_fill(char *buf, size_t len, const char *pattern, const char *lo, const char *hi)
{
	size_t o = 0, n;
	const char *p = pattern, *s;

	if (len == 0)
		return -1;
	while (*p != '\0') {
		if (strncmp(p, "{lo}", 4) == 0 || strncmp(p, "{hi}", 4) == 0) {
			s = p[1] == 'l' ? lo : hi;
			n = strlen(s);
			p += 4;
		} else {
			s = p++;
			n = 1;
		}
		if (o + n >= len) {
			buf[0] = '\0';
			return -1;
		}
		memcpy(buf + o, s, n);
		o += n;
	}
	buf[o] = '\0';
	return 0;
}

int cl_bound_text(char *buf, size_t len, const char *lang, const char *dec)
{
	const char *point = strchr(dec, '.');
	int places = 0;

	if (point != NULL) {
		const char *end = point + strlen(point) - 1;

		while (end > point && *end == '0')
			end--;
		places = (int)(end - point);
		if (places > 6)
			places = 6;
	}
	return sl_fmt_decimal(buf, len, lang, dec, places);
}

int cl_bound_signed(char *buf, size_t len, const char *lang, const char *dec)
{
	const char *digits = dec[0] == '-' || dec[0] == '+' ? dec + 1 : dec;
	const char *sign = "", *p;
	char text[SL_FMT_MAX];
	int n;

	if (cl_bound_text(text, sizeof(text), lang, digits) != 0) {
		if (len > 0)
			buf[0] = '\0';
		return -1;
	}
	for (p = digits; *p != '\0'; p++)
		if (*p >= '1' && *p <= '9')
			sign = dec[0] == '-' ? "\xe2\x88\x92" : "+";   /* U+2212, or + */
	n = snprintf(buf, len, "%s%s", sign, text);
	if (n < 0 || (size_t)n >= len) {
		if (len > 0)
			buf[0] = '\0';
		return -1;
	}
	return 0;
}

int cl_tier_words(char *buf, size_t len, const struct cl_range_words *w,
    const double *v, const char *const *text, size_t n, size_t k,
    double floor, const char *floor_text)
{
	const char *lo;

	if (k >= n) {
		if (len > 0)
			buf[0] = '\0';
		return -1;
	}
	lo = k == 0 ? floor_text : text[top_before(v, k)];
	switch (cl_range_of(v, n, k, floor)) {
	case CL_RANGE_FIRST:
		return cl_fill(buf, len, isinf(v[k]) ? w->first_open : w->first, lo, text[k]);
	case CL_RANGE_NEXT:
		return cl_fill(buf, len, isinf(v[k]) ? w->next_open : w->next, lo, text[k]);
	case CL_RANGE_EMPTY:
		break;
	}
	return cl_fill(buf, len, w->empty, lo, text[k]);
}
