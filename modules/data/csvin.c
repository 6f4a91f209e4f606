/*
 * csvin.c - streaming RFC 4180 reader on libcsv (see csvin.h).
 *
 * The input is fed to libcsv in segments that end at each CR or LF (and at
 * most SEGMENT bytes long), so the reader always knows the physical line of
 * the byte being parsed and can stop a runaway field early.  A record's
 * first line is the line of its terminator minus the line ends inside its
 * (quoted) fields.
 */
#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "csvin.h"
#include "dcparse.h"
#include "dcmsg.h"

#define SEGMENT		4096
#define NAME_MAX_LEN	256
#define ERR_LEN		512
#define ROW_NOT_BEGUN	0	/* libcsv's parser state between records */

struct csvin {
	FILE			*fp;
	char			 name[NAME_MAX_LEN];
	struct csv_parser	 p;
	int			 pinit;
	unsigned char		 chunk[CSVIN_CHUNK];
	size_t			 clen, cpos;
	uint64_t		 bytes;
	int			 started;	/* BOM checked */
	int			 eof;		/* fp exhausted, fini done */
	unsigned long		 line;		/* line of the next byte */
	unsigned long		 open_line;	/* line the open record began */
	int			 prev_cr;

	/* the record being built */
	char			*rbuf;
	size_t			 rused, rcap;
	size_t			 off[CSVIN_FIELDS_MAX];
	size_t			 lens[CSVIN_FIELDS_MAX];
	size_t			 nf;
	unsigned long		 nl;		/* line ends inside its fields */
	int			 ready;
	unsigned long		 rline;		/* its first line */
	const char		*fields[CSVIN_FIELDS_MAX];

	/* the header, kept for messages */
	char			*hbuf;
	size_t			 hoff[CSVIN_FIELDS_MAX];
	size_t			 hn;

	int			 failed;
	char			 err[ERR_LEN];
};

/*
 * The reader's error at line: the coded message of key (dcmsg.h) with the
 * file and line, and up to two more named values (a NULL name ends them).
 */
static void
fail_at2(struct csvin *r, unsigned long line, const char *key, const char *n1,
    const char *v1, const char *n2, const char *v2)
{
	char l[24];

	if (r->failed)
		return;
	r->failed = 1;
	snprintf(l, sizeof(l), "%lu", line);
	dc_msg(r->err, sizeof(r->err), key, "file", r->name, "line", l, n1, v1, n2, v2, NULL);
}

static void
fail_at(struct csvin *r, unsigned long line, const char *key, const char *name,
    const char *value)
{
	fail_at2(r, line, key, name, value, NULL, NULL);
}

/* "field N is longer than CSVIN_FIELD_MAX bytes" of the field being read. */
static void
fail_field_long(struct csvin *r)
{
	char f[24], max[24];

	snprintf(f, sizeof(f), "%zu", r->nf + 1);
	snprintf(max, sizeof(max), "%d", CSVIN_FIELD_MAX);
	fail_at2(r, r->line, "data.csv.field_long", "field", f, "max", max);
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Line ends in s[0..n): CR, LF, CRLF count once each. */
static unsigned long
line_ends(const char *s, size_t n)
{
	unsigned long k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\r' || (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')))
			k++;
	return k;
}

struct csvin *
csvin_new(FILE *fp, const char *name)
{
	struct csvin *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		goto fail;
	r->fp = fp;
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->line = 1;
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL))
		goto fail;
	r->pinit = 1;
	csv_set_space_func(&r->p, no_space);
	return r;
fail:
	csvin_free(r);
	return NULL;
}

void
csvin_free(struct csvin *r)
{
	if (r == NULL)
		return;
	if (r->pinit)
		csv_free(&r->p);
	free(r->rbuf);
	free(r->hbuf);
	free(r);
}

/* libcsv: one field ended. */
static void
on_field(void *data, size_t len, void *ctx)
{
	struct csvin *r = ctx;
	size_t need, cap;
	char *nb;

	if (r->failed)
		return;
	if (data == NULL)
		data = "";
	if (r->nf >= CSVIN_FIELDS_MAX) {
		char max[24];

		snprintf(max, sizeof(max), "%d", CSVIN_FIELDS_MAX);
		fail_at(r, r->line, "data.csv.fields", "max", max);
		return;
	}
	if (len > CSVIN_FIELD_MAX) {
		fail_field_long(r);
		return;
	}
	need = r->rused + len + 1;
	if (need > CSVIN_RECORD_MAX) {
		char max[24];

		snprintf(max, sizeof(max), "%d", CSVIN_RECORD_MAX);
		fail_at(r, r->line, "data.csv.record_long", "max", max);
		return;
	}
	if (need > r->rcap) {
		for (cap = r->rcap ? r->rcap : 4096; cap < need; cap *= 2)
			;
		if (cap > CSVIN_RECORD_MAX)
			cap = CSVIN_RECORD_MAX;
		if ((nb = realloc(r->rbuf, cap)) == NULL) {
			fail_at(r, r->line, "data.csv.memory", NULL, NULL);
			return;
		}
		r->rbuf = nb;
		r->rcap = cap;
	}
	memcpy(r->rbuf + r->rused, data, len);
	r->rbuf[r->rused + len] = '\0';
	r->off[r->nf] = r->rused;
	r->lens[r->nf] = len;
	r->nf++;
	r->rused = need;
	r->nl += line_ends(data, len);
}

/* libcsv: one record ended. */
static void
on_record(int c, void *ctx)
{
	struct csvin *r = ctx;

	(void)c;
	if (r->failed)
		return;
	r->ready = 1;
	r->rline = r->line - r->nl;
}

/* Feeds the next segment of the chunk; reads a chunk when empty. */
static void
feed(struct csvin *r)
{
	size_t n, i, end;
	int before;
	unsigned char last;

	if (r->cpos == r->clen) {
		r->clen = fread(r->chunk, 1, sizeof(r->chunk), r->fp);
		r->cpos = 0;
		r->bytes += r->clen;
		if (ferror(r->fp)) {
			fail_at(r, r->line, "data.csv.read", NULL, NULL);
			return;
		}
		if (!r->started) {
			r->started = 1;
			if (r->clen >= 3 && memcmp(r->chunk, "\xef\xbb\xbf", 3) == 0)
				r->cpos = 3;
		}
		if (r->clen == 0) {
			if (csv_fini(&r->p, on_field, on_record, r) != 0)
				fail_at(r, r->open_line, "data.csv.unclosed", NULL, NULL);
			r->eof = 1;
			return;
		}
	}
	end = r->clen - r->cpos < SEGMENT ? r->clen : r->cpos + SEGMENT;
	for (i = r->cpos; i < end; i++)
		if (r->chunk[i] == '\n' || r->chunk[i] == '\r') {
			i++;
			break;
		}
	n = i - r->cpos;
	before = r->p.pstate;
	if (csv_parse(&r->p, r->chunk + r->cpos, n, on_field, on_record, r)
	    != n) {
		fail_at(r, r->line, csv_error(&r->p) == CSV_EPARSE ? "data.csv.quote" :
		    "data.csv.memory", NULL, NULL);
		return;
	}
	if (before == ROW_NOT_BEGUN && r->p.pstate != ROW_NOT_BEGUN)
		r->open_line = r->line;
	r->cpos += n;
	last = r->chunk[r->cpos - 1];
	/* a segment stops at its first CR or LF, so an LF ends a CRLF only
	 * when it is the whole segment, right after one that ended in CR */
	if (last == '\r' || (last == '\n' && !(n == 1 && r->prev_cr)))
		r->line++;
	r->prev_cr = last == '\r';
	if (r->p.entry_pos > CSVIN_FIELD_MAX)
		fail_field_long(r);
}

const char *
csvin_column(const struct csvin *r, size_t i, char *buf, size_t len)
{
	if (r->hbuf != NULL && i < r->hn)
		return r->hbuf + r->hoff[i];
	snprintf(buf, len, "column %zu", i + 1);
	return buf;
}

/* UTF-8 and NUL checks of the ready record; 0 ok, -1 failed. */
static int
check_record(struct csvin *r)
{
	unsigned long line = r->rline;
	char nbuf[32], shown[64];
	size_t i, bad;
	const char *f;

	for (i = 0; i < r->nf; i++) {
		f = r->rbuf + r->off[i];
		if (!dc_valid_utf8(f, r->lens[i], &bad)) {
			fail_at(r, line + line_ends(f, bad), "data.csv.utf8", "column",
			    dc_shown(csvin_column(r, i, nbuf, sizeof(nbuf)), shown, sizeof(shown)));
			return -1;
		}
		if (memchr(f, '\0', r->lens[i]) != NULL) {
			fail_at(r, line, "data.csv.nul", "column",
			    dc_shown(csvin_column(r, i, nbuf, sizeof(nbuf)), shown, sizeof(shown)));
			return -1;
		}
		line += line_ends(f, r->lens[i]);
	}
	return 0;
}

/* Keeps the first record as the header. */
static int
keep_header(struct csvin *r)
{
	size_t i;

	if ((r->hbuf = malloc(r->rused ? r->rused : 1)) == NULL) {
		fail_at(r, r->rline, "data.csv.memory", NULL, NULL);
		return -1;
	}
	memcpy(r->hbuf, r->rbuf, r->rused);
	for (i = 0; i < r->nf; i++)
		r->hoff[i] = r->off[i];
	r->hn = r->nf;
	return 0;
}

int
csvin_next(struct csvin *r, struct csvin_rec *rec)
{
	size_t i;

	r->ready = 0;
	r->nf = 0;
	r->rused = 0;
	r->nl = 0;
	while (!r->ready && !r->failed && !r->eof)
		feed(r);
	if (r->failed)
		return -1;
	if (!r->ready)
		return 0;
	if (check_record(r))
		return -1;
	if (r->hbuf == NULL && keep_header(r))
		return -1;
	for (i = 0; i < r->nf; i++)
		r->fields[i] = r->rbuf + r->off[i];
	rec->nfields = r->nf;
	rec->fields = r->fields;
	rec->lens = r->lens;
	rec->line = r->rline;
	return 1;
}

const char *
csvin_error(const struct csvin *r)
{
	return r->err;
}

uint64_t
csvin_bytes(const struct csvin *r)
{
	return r->bytes;
}
