/*
 * cron.c - cron expressions and retry backoff.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cron.h"
#include "salient/salient.h"

struct field {
	const char *name;
	int lo, hi;
};

static const struct field fields[5] = {
	{ "minute", 0, 59 }, { "hour", 0, 23 }, { "day of month", 1, 31 },
	{ "month", 1, 12 }, { "day of week", 0, 7 },
};

static int num(const char **p, const struct field *f, int *out, char *err, size_t errlen)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(*p, &end, 10);
	if (end == *p || errno) {
		snprintf(err, errlen, "%s: expected a number at '%.10s'", f->name, *p);
		return -1;
	}
	if (v < f->lo || v > f->hi) {
		snprintf(err, errlen, "%s: %ld is out of range %d-%d", f->name, v, f->lo, f->hi);
		return -1;
	}
	*p = end;
	*out = (int)v;
	return 0;
}

/* Parses one field of length len into bits; *any when it is a bare "*". */
static int parse_field(const char *s, size_t len, const struct field *f,
    uint64_t *bits, int *any, char *err, size_t errlen)
{
	char buf[128];
	const char *p;
	int a, b, step, v;

	if (len == 0 || len >= sizeof(buf)) {
		snprintf(err, errlen, "%s: empty or too long", f->name);
		return -1;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	*bits = 0;
	*any = strcmp(buf, "*") == 0;
	p = buf;
	for (;;) {
		if (*p == '*') {
			a = f->lo;
			b = f->hi;
			p++;
		} else {
			if (num(&p, f, &a, err, errlen) != 0)
				return -1;
			b = a;
			if (*p == '-') {
				p++;
				if (num(&p, f, &b, err, errlen) != 0)
					return -1;
				if (b < a) {
					snprintf(err, errlen, "%s: range %d-%d is backwards", f->name, a, b);
					return -1;
				}
			}
		}
		step = 1;
		if (*p == '/') {
			struct field sf = { f->name, 1, f->hi };

			p++;
			if (num(&p, &sf, &step, err, errlen) != 0)
				return -1;
			if (b == a)
				b = f->hi;
		}
		for (v = a; v <= b; v += step)
			*bits |= 1ULL << v;
		if (*p == '\0')
			break;
		if (*p != ',') {
			snprintf(err, errlen, "%s: unexpected '%c'", f->name, *p);
			return -1;
		}
		p++;
	}
	return 0;
}

int cron_parse(const char *expr, struct cron *c, char *err, size_t errlen)
{
	uint64_t bits[5];
	int any[5];
	const char *p = expr;
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < 5; i++) {
		const char *start;

		while (*p == ' ' || *p == '\t')
			p++;
		start = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (p == start) {
			snprintf(err, errlen, "expected 5 fields (minute hour day month weekday), got %zu", i);
			return -1;
		}
		if (parse_field(start, (size_t)(p - start), &fields[i], &bits[i], &any[i],
		    err, errlen) != 0)
			return -1;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0') {
		snprintf(err, errlen, "more than 5 fields at '%.20s'", p);
		return -1;
	}
	if (bits[4] & (1ULL << 7))
		bits[4] = (bits[4] | 1) & 0x7f;
	c->minute = bits[0];
	c->hour = (uint32_t)bits[1];
	c->mday = (uint32_t)bits[2];
	c->month = (uint16_t)bits[3];
	c->wday = (uint8_t)bits[4];
	c->mday_any = any[2];
	c->wday_any = any[4];
	return 0;
}

int cron_matches(const struct cron *c, const struct tm *tm)
{
	int dom = (c->mday >> tm->tm_mday) & 1;
	int dow = (c->wday >> tm->tm_wday) & 1;
	int day;

	if (!((c->minute >> tm->tm_min) & 1) || !((c->hour >> tm->tm_hour) & 1) ||
	    !((c->month >> (tm->tm_mon + 1)) & 1))
		return 0;
	if (c->mday_any || c->wday_any)
		day = dom && dow;
	else
		day = dom || dow;
	return day;
}

long cron_backoff(unsigned attempt)
{
	long s = 30;

	while (attempt > 1 && s < 3600) {
		s *= 2;
		attempt--;
	}
	return s > 3600 ? 3600 : s;
}

#define DAY_MINUTES 1440

int sl_schedule_minute(long per_day, long i)
{
	if (per_day < 1 || per_day > DAY_MINUTES || i < 0 || i >= per_day)
		return -1;
	return (int)(i * DAY_MINUTES / per_day);
}

long cron_slot_at(long per_day, int minute)
{
	long i;

	if (per_day < 1 || per_day > DAY_MINUTES || minute < 0 || minute >= DAY_MINUTES)
		return -1;
	/* the first run at or after minute: ceil(minute * per_day / 1440) */
	i = ((long)minute * per_day + DAY_MINUTES - 1) / DAY_MINUTES;
	return i < per_day && sl_schedule_minute(per_day, i) == minute ? i : -1;
}
