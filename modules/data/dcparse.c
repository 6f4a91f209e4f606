/*
 * dcparse.c - exact parsers for the data contract: UTF-8, calendar dates,
 * ISO 8601 datetimes, money and fixed-point degrees.  No floating point
 * anywhere: every value is parsed from its digits into an integer.
 */
#include <stdint.h>
#include <string.h>

#include "salient/contract.h"
#include "dcparse.h"

/*
 * Checks that s[0..len) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF).  Returns 1 if valid; else 0 and *bad = offset of
 * the first bad byte (if bad is not NULL).
 */
int
dc_valid_utf8(const char *s, size_t len, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k;
	uint32_t cp, min;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf) {
			n = 1; cp = p[i] & 0x1f; min = 0x80;
		} else if (p[i] >= 0xe0 && p[i] <= 0xef) {
			n = 2; cp = p[i] & 0x0f; min = 0x800;
		} else if (p[i] >= 0xf0 && p[i] <= 0xf4) {
			n = 3; cp = p[i] & 0x07; min = 0x10000;
		} else
			goto fail;
		if (len - i <= n)
			goto fail;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				goto fail;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto fail;
		i += n + 1;
	}
	return 1;
fail:
	if (bad != NULL)
		*bad = i;
	return 0;
}

/* Code points in a valid UTF-8 string. */
size_t
dc_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Howard Hinnant's days_from_civil. */
int64_t
dc_days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
dc_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int
dc_month_days(int y, int m)
{
	static const int mdays[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : mdays[m - 1];
}

/* n digits at s into *v; 0 ok, -1 if any is not a digit. */
static int
digits(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* "YYYY-MM-DD" at s (exactly 10 bytes); 0 ok with y, m, d; -1 if not. */
static int
date_at(const char *s, int *y, int *m, int *d)
{
	if (digits(s, 4, y) || s[4] != '-' || digits(s + 5, 2, m) ||
	    s[7] != '-' || digits(s + 8, 2, d))
		return -1;
	if (*y < 1000 || *m < 1 || *m > 12 || *d < 1 ||
	    *d > dc_month_days(*y, *m))
		return -1;
	return 0;
}

int
dc_parse_date(const char *s, int64_t *days)
{
	int y, m, d;

	if (strlen(s) != 10 || date_at(s, &y, &m, &d))
		return -1;
	*days = dc_days_from_civil(y, m, d);
	return 0;
}

int
dc_parse_datetime(const char *s, struct dc_datetime *dt)
{
	size_t len = strlen(s), i;
	int hh, mm;

	memset(dt, 0, sizeof(*dt));
	if (len < 10 || date_at(s, &dt->y, &dt->mo, &dt->d))
		return -1;
	if (len == 10)
		return 0;
	if ((s[10] != 'T' && s[10] != ' ') || len < 16 ||
	    digits(s + 11, 2, &dt->h) || s[13] != ':' ||
	    digits(s + 14, 2, &dt->mi) || dt->h > 23 || dt->mi > 59)
		return -1;
	i = 16;
	if (i < len && s[i] == ':') {
		if (len < 19 || digits(s + 17, 2, &dt->s) || dt->s > 59)
			return -1;
		i = 19;
		if (i < len && s[i] == '.') {
			for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
				;
			if (i == 20)
				return -1;
		}
	}
	if (i == len)
		return 0;
	if (s[10] == ' ')
		return -1;	/* the SQL form takes no offset */
	if (s[i] == 'Z' && i + 1 == len) {
		dt->hastz = 1;
		return 0;
	}
	if ((s[i] != '+' && s[i] != '-') || len - i != 6 ||
	    digits(s + i + 1, 2, &hh) || s[i + 3] != ':' ||
	    digits(s + i + 4, 2, &mm) || hh > 14 || mm > 59)
		return -1;
	dt->hastz = 1;
	dt->tzmin = (hh * 60 + mm) * (s[i] == '-' ? -1 : 1);
	return 0;
}

/*
 * Fixed-point decimal: [-]D+[.D{1,maxdec}] with at most maxint integer
 * digits, into units of 10^-scale.  With round set, extra decimals are
 * rounded half away from zero instead of rejected.
 * Returns 0 ok, DC_NUM_BAD if not a number, DC_NUM_BIG if too many digits,
 * DC_NUM_DEC if too many decimals.
 */
int
dc_parse_fixed(const char *s, int maxint, int scale, int round, int64_t *out)
{
	int neg = 0, nint = 0, ndec = 0, up = 0, seen = 0;
	int64_t v = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++) {
		seen = 1;
		if (nint == 0 && *s == '0' && s[1] >= '0' && s[1] <= '9')
			continue;	/* leading zeros do not count */
		if (++nint > maxint)
			return DC_NUM_BIG;
		v = v * 10 + (*s - '0');
	}
	if (!seen)
		return DC_NUM_BAD;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return DC_NUM_BAD;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (ndec < scale) {
				v = v * 10 + (*s - '0');
				ndec++;
			} else if (!round)
				return DC_NUM_DEC;
			else if (ndec++ == scale)
				up = *s >= '5';
		}
	}
	if (*s != '\0')
		return DC_NUM_BAD;
	for (; ndec < scale; ndec++)
		v *= 10;
	v += up;
	*out = neg ? -v : v;
	return 0;
}

int
dc_parse_money(const char *s, int64_t *out)
{
	return dc_parse_fixed(s, 10, 4, 0, out) == 0 ? 0 : -1;
}

/* Writes v in units of 10^-scale as "[-]I.FFFF"; returns the length. */
size_t
dc_format_fixed(int64_t v, int scale, char *buf, size_t len)
{
	char tmp[32];
	size_t n = 0, i;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int k;

	for (k = 0; k < scale; k++) {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	}
	if (scale > 0)
		tmp[n++] = '.';
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		tmp[n++] = '-';
	if (len == 0)
		return 0;
	for (i = 0; i < n && i + 1 < len; i++)
		buf[i] = tmp[n - 1 - i];
	buf[i] = '\0';
	return i;
}

size_t
dc_format_money(int64_t v, char *buf, size_t len)
{
	return dc_format_fixed(v, 4, buf, len);
}
