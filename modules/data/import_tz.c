/*
 * import_tz.c - see import_tz.h.  TZif (RFC 8536) version 1 data, or the
 * 64-bit version 2+ data and its footer.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "import_tz.h"

#define TZFILE_MAX	(256 * 1024)

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* [+-]hh[:mm[:ss]] -> seconds; returns characters used, 0 if none. */
static size_t posix_time(const char *s, int32_t *out)
{
	const char *p = s;
	int sign = 1, part = 0;
	long v = 0, cur;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (part < 3) {
		cur = 0;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p) && cur < 1000)
			cur = cur * 10 + (*p++ - '0');
		v += cur * (part == 0 ? 3600 : part == 1 ? 60 : 1);
		part++;
		if (*p != ':')
			break;
		p++;
	}
	*out = (int32_t)(sign * v);
	return (size_t)(p - s);
}

static size_t posix_name(const char *s)
{
	const char *p = s;

	if (*p == '<') {
		while (*p && *p != '>')
			p++;
		return *p == '>' ? (size_t)(p - s + 1) : 0;
	}
	while (isalpha((unsigned char)*p))
		p++;
	return (size_t)(p - s) >= 3 ? (size_t)(p - s) : 0;
}

/* ",Mm.w.d[/time]" -> rule; characters used, 0 if not understood. */
static size_t posix_rule(const char *s, struct itz_rule *r)
{
	const char *p = s;
	int n = 0;

	if (p[0] != ',' || p[1] != 'M')
		return 0;
	p += 2;
	if (sscanf(p, "%d.%d.%d%n", &r->month, &r->week, &r->wday, &n) != 3 ||
	    r->month < 1 || r->month > 12 || r->week < 1 || r->week > 5 ||
	    r->wday < 0 || r->wday > 6)
		return 0;
	p += n;
	r->secs = 7200;
	if (*p == '/') {
		size_t k = posix_time(p + 1, &r->secs);

		if (k == 0)
			return 0;
		p += 1 + k;
	}
	return (size_t)(p - s);
}

static void parse_footer(struct itz *z, const char *s)
{
	size_t k;
	int32_t o;

	if ((k = posix_name(s)) == 0)
		return;
	s += k;
	if ((k = posix_time(s, &o)) == 0)
		return;
	s += k;
	z->std_off = -o;
	z->has_footer = 1;
	if (*s == '\0' || (k = posix_name(s)) == 0)
		return;
	s += k;
	z->dst_off = z->std_off + 3600;
	if (*s != ',' && (k = posix_time(s, &o)) != 0) {
		z->dst_off = -o;
		s += k;
	}
	if ((k = posix_rule(s, &z->start)) == 0)
		return;
	s += k;
	if (posix_rule(s, &z->end) == 0)
		return;
	z->has_rule = 1;
}

int itz_parse(struct itz *z, const unsigned char *b, size_t len)
{
	size_t isut, isstd, leap, tcnt, types, chars, hdr = 44, tsz = 4, i, need;
	const unsigned char *p;

	memset(z, 0, sizeof(*z));
	if (len < hdr || memcmp(b, "TZif", 4) != 0)
		return -1;
	isut = be32(b + 20); isstd = be32(b + 24); leap = be32(b + 28);
	tcnt = be32(b + 32); types = be32(b + 36); chars = be32(b + 40);
	if (b[4] >= '2') {
		/* skip the version 1 block to the 64-bit one */
		need = hdr + tcnt * 5 + types * 6 + chars + leap * 8 + isstd + isut;
		if (need + hdr > len || memcmp(b + need, "TZif", 4) != 0)
			return -1;
		b += need;
		len -= need;
		isut = be32(b + 20); isstd = be32(b + 24); leap = be32(b + 28);
		tcnt = be32(b + 32); types = be32(b + 36); chars = be32(b + 40);
		tsz = 8;
	}
	if (tcnt > ITZ_MAXTRANS || types == 0 || types > ITZ_MAXTYPES)
		return -1;
	need = hdr + tcnt * (tsz + 1) + types * 6 + chars + leap * (tsz + 4) + isstd + isut;
	if (need > len)
		return -1;
	p = b + hdr;
	for (i = 0; i < tcnt; i++, p += tsz)
		z->trans[i] = tsz == 8 ? be64(p) : (int64_t)(int32_t)be32(p);
	for (i = 0; i < tcnt; i++, p++) {
		if (*p >= types)
			return -1;
		z->idx[i] = *p;
	}
	for (i = 0; i < types; i++, p += 6) {
		z->off[i] = (int32_t)be32(p);
		z->dst[i] = p[4];
	}
	z->ntrans = tcnt;
	z->ntypes = types;
	if (tsz == 8 && need < len && b[need] == '\n') {
		char foot[128];
		size_t fl = 0;

		for (i = need + 1; i < len && b[i] != '\n' && fl < sizeof(foot) - 1; i++)
			foot[fl++] = (char)b[i];
		foot[fl] = '\0';
		parse_footer(z, foot);
	}
	return 0;
}

int itz_load(struct itz *z, const char *dir, const char *name, char *err, size_t errlen)
{
	unsigned char *buf = NULL;
	char path[512];
	FILE *fp = NULL;
	size_t n;
	int rc = -1;

	memset(z, 0, sizeof(*z));
	if (name == NULL || name[0] == '\0' || strcmp(name, "UTC") == 0) {
		z->ntypes = 1;
		return 0;
	}
	if (strstr(name, "..") != NULL || name[0] == '/') {
		snprintf(err, errlen, "time zone '%.64s' is not a zone name", name);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "/usr/share/zoneinfo", name);
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "time zone '%.64s': no such zone (%.200s)", name, path);
		goto out;
	}
	if ((buf = malloc(TZFILE_MAX)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	n = fread(buf, 1, TZFILE_MAX, fp);
	if (n == TZFILE_MAX || itz_parse(z, buf, n) != 0) {
		snprintf(err, errlen, "time zone '%.64s': %.200s is not a TZif file", name, path);
		goto out;
	}
	rc = 0;
out:
	free(buf);
	if (fp)
		fclose(fp);
	return rc;
}

/* UTC time of rule r in year y, the rule's clock running at offset off. */
static int64_t rule_utc(const struct itz_rule *r, int y, int32_t off)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int64_t first = dc_days_from_civil(y, r->month, 1);
	int wd = (int)(((first + 4) % 7 + 7) % 7), last = mdays[r->month - 1];
	int d;

	if (r->month == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		last = 29;
	d = (r->wday - wd + 7) % 7 + 1 + (r->week - 1) * 7;
	while (d > last)
		d -= 7;
	return (first + d - 1) * 86400 + r->secs - off;
}

int32_t itz_offset(const struct itz *z, int64_t u)
{
	size_t lo = 0, hi = z->ntrans;

	if (z->ntrans == 0 || u < z->trans[0]) {
		size_t i;

		if (z->ntrans == 0 && z->has_footer && !z->has_rule)
			return z->std_off;
		for (i = 0; i < z->ntypes; i++)
			if (!z->dst[i])
				return z->off[i];
		return z->off[0];
	}
	if (u >= z->trans[z->ntrans - 1] && (z->has_rule || z->has_footer)) {
		int y, m, d;
		int64_t s, e;

		if (!z->has_rule)
			return z->std_off;
		dc_civil_from_days((u + z->std_off) / 86400 - ((u + z->std_off) % 86400 < 0), &y, &m, &d);
		s = rule_utc(&z->start, y, z->std_off);
		e = rule_utc(&z->end, y, z->dst_off);
		if (s < e)
			return u >= s && u < e ? z->dst_off : z->std_off;
		return u >= e && u < s ? z->std_off : z->dst_off;
	}
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (z->trans[mid] <= u)
			lo = mid;
		else
			hi = mid;
	}
	return z->off[z->idx[lo]];
}

int64_t itz_to_utc(const struct itz *z, int64_t w)
{
	int32_t before = itz_offset(z, w - 86400 - 14 * 3600);
	int32_t after = itz_offset(z, w + 86400 + 14 * 3600);
	int64_t u1 = w - before, u2 = w - after, best;
	int ok1 = itz_offset(z, u1) == before, ok2 = itz_offset(z, u2) == after;

	if (ok1 && ok2)
		return u1 < u2 ? u1 : u2;
	if (ok1)
		return u1;
	if (ok2)
		return u2;
	/* in a gap: the offset in force before the change */
	best = u1;
	return best;
}
