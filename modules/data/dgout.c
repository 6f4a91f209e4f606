/*
 * dgout.c - the demo generator's random numbers and buffered CSV writer.
 * Formatting is done by hand: the writer produces gigabytes at N=1,000,000.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "dgint.h"

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
dg_rng_seed(struct dg_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
dg_u64(struct dg_rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

uint64_t
dg_below(struct dg_rng *r, uint64_t n)
{
	return (uint64_t)(((unsigned __int128)dg_u64(r) * n) >> 64);
}

double
dg_unit(struct dg_rng *r)
{
	return (double)(dg_u64(r) >> 11) * 0x1.0p-53;
}

int
dg_chance(struct dg_rng *r, double p)
{
	return dg_unit(r) < p;
}

struct dg_out *
dg_open(const char *dir, const char *name)
{
	struct dg_out *o = NULL;
	char path[4096];
	int n;

	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "demo-data: %s: path too long\n", dir);
		goto fail;
	}
	if ((o = calloc(1, sizeof(*o))) == NULL) {
		fprintf(stderr, "demo-data: out of memory\n");
		goto fail;
	}
	if ((o->fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "demo-data: %s: %s\n", path, strerror(errno));
		goto fail;
	}
	return o;
fail:
	free(o);
	return NULL;
}

static void
flush(struct dg_out *o)
{
	if (o->used > 0 && fwrite(o->buf, 1, o->used, o->fp) != o->used)
		o->failed = 1;
	o->used = 0;
}

int
dg_close(struct dg_out *o)
{
	int rc;

	if (o == NULL)
		return 0;
	flush(o);
	rc = o->failed ? -1 : 0;
	if (fclose(o->fp) != 0)
		rc = -1;
	free(o);
	return rc;
}

/* Room for n more bytes (n <= DG_OUTBUF). */
static inline char *
room(struct dg_out *o, size_t n)
{
	if (o->used + n > sizeof(o->buf))
		flush(o);
	return o->buf + o->used;
}

void
dg_raw(struct dg_out *o, const char *s, size_t n)
{
	if (n > sizeof(o->buf)) {
		o->failed = 1;
		return;
	}
	memcpy(room(o, n), s, n);
	o->used += n;
}

void
dg_str(struct dg_out *o, const char *s)
{
	dg_raw(o, s, strlen(s));
}

void
dg_text(struct dg_out *o, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		dg_str(o, s);
		return;
	}
	dg_raw(o, "\"", 1);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			dg_raw(o, "\"", 1);
		dg_raw(o, p, 1);
	}
	dg_raw(o, "\"", 1);
}

void
dg_comma(struct dg_out *o)
{
	*room(o, 1) = ',';
	o->used++;
}

void
dg_eol(struct dg_out *o)
{
	*room(o, 1) = '\n';
	o->used++;
	o->rows++;
}

void
dg_uint_w(struct dg_out *o, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;
	char *p;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n < width && n < (int)sizeof(tmp))
		tmp[n++] = '0';
	p = room(o, (size_t)n);
	o->used += (size_t)n;
	while (n > 0)
		*p++ = tmp[--n];
}

void
dg_uint(struct dg_out *o, uint64_t v)
{
	dg_uint_w(o, v, 0);
}

void
dg_money(struct dg_out *o, int64_t cents)
{
	if (cents < 0) {
		dg_raw(o, "-", 1);
		cents = -cents;
	}
	dg_uint(o, (uint64_t)cents / 100);
	dg_raw(o, ".", 1);
	dg_uint_w(o, (uint64_t)cents % 100, 2);
}

void
dg_fixed6(struct dg_out *o, int64_t micro)
{
	if (micro < 0) {
		dg_raw(o, "-", 1);
		micro = -micro;
	}
	dg_uint(o, (uint64_t)micro / 1000000);
	dg_raw(o, ".", 1);
	dg_uint_w(o, (uint64_t)micro % 1000000, 6);
}

void
dg_date(struct dg_out *o, int64_t days)
{
	int y, m, d;

	dc_civil_from_days(days, &y, &m, &d);
	dg_uint_w(o, (uint64_t)y, 4);
	dg_raw(o, "-", 1);
	dg_uint_w(o, (uint64_t)m, 2);
	dg_raw(o, "-", 1);
	dg_uint_w(o, (uint64_t)d, 2);
}

void
dg_datetime(struct dg_out *o, int64_t secs)
{
	int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
	int64_t s = secs - days * 86400;

	dg_date(o, days);
	dg_raw(o, " ", 1);
	dg_uint_w(o, (uint64_t)(s / 3600), 2);
	dg_raw(o, ":", 1);
	dg_uint_w(o, (uint64_t)(s / 60 % 60), 2);
	dg_raw(o, ":", 1);
	dg_uint_w(o, (uint64_t)(s % 60), 2);
}
