/*
 * import_cli.c - `salient import [--kind K] [--skip-bad REJECTS.csv] FILE...`
 *
 * Each file is one transaction: imported whole, or (on a bad row without
 * --skip-bad, or any CSV or database error) not at all, and the command
 * stops with status 1 and "file:line: column: reason" on stderr.  Files
 * before it stay imported.  With --skip-bad the good rows go in and each
 * bad row goes to REJECTS.csv: its original fields, then "line" and
 * "reason" (RFC 4180; a header row per input file that had rejects: the
 * file's own header plus line,reason).
 *
 * References are checked at the end of the command: a reference to a host
 * id that is still only a placeholder is reported on stderr
 * ("order_lines.csv:17: order_id 'O-99' was never imported").  That is a
 * warning, not a failure (status 0): the host may send the missing rows in
 * a later import, and the rows already committed could not be taken back
 * anyway.  `--strict-refs` makes it status 3.
 *
 * Messages are the catalogs' data.* texts (dcmsg.h) in the language of
 * --lang, else the locale's (LANG), else the site's ([site] language).
 *
 * A file of customers, customer tags, consents, product tags, orders or
 * order lines whose table is empty when the file starts (the first import
 * of a shop's history) goes in by LOAD DATA LOCAL INFILE of the validated
 * rows, their references resolved (import_load.h), on a connection of the
 * command's own; the same rows and the same promises as the multi-row
 * upserts every other file takes.  --upsert takes the upserts for every
 * file (for comparison: bench/import.sh).
 *
 * Times without an offset are in the site's zone ([site] timezone).
 * A progress line (rows so far, rows/s, the share of the file read, the
 * time left at that pace) goes to stderr when stderr is a terminal, or
 * with --progress.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "salient/contract.h"
#include "salient/db.h"
#include "csvin.h"
#include "dcmsg.h"
#include "import.h"
#include "import_cli.h"
#include "salient/cli.h"
#include "salient/salient.h"
#include "salient/text.h"

/* A message of this module (coded, dcmsg.h, or plain) in the command's language. */
static const char *words(const char *msg, char *buf, size_t len)
{
	return dc_msg_text(msg, dc_cli_text, NULL, buf, len);
}

struct run {
	struct imp_sink	*sink;
	FILE		*rej;		/* --skip-bad file, or NULL */
	int		 kind;		/* --kind, or -1 */
	int		 tty;
	unsigned long	 total_rows, total_bad;
};

/* One field in RFC 4180 form. */
static void csv_field(FILE *fp, const char *s, size_t len, int last)
{
	size_t i;
	int quote = len == 0 ? 0 : strcspn(s, ",\"\r\n") < len;

	if (quote) {
		fputc('"', fp);
		for (i = 0; i < len; i++) {
			if (s[i] == '"')
				fputc('"', fp);
			fputc(s[i], fp);
		}
		fputc('"', fp);
	} else
		fwrite(s, 1, len, fp);
	fputs(last ? "\r\n" : ",", fp);
}

static void reject(struct run *rn, const struct csvin_rec *hdr, int *hdr_done,
    const struct csvin_rec *rec, const char *reason)
{
	char num[32], text[SL_TEXT_MAX];
	size_t i;

	reason = words(reason, text, sizeof(text));
	if (!*hdr_done) {
		for (i = 0; i < hdr->nfields; i++)
			csv_field(rn->rej, hdr->fields[i], hdr->lens[i], 0);
		csv_field(rn->rej, "line", 4, 0);
		csv_field(rn->rej, "reason", 6, 1);
		*hdr_done = 1;
	}
	for (i = 0; i < rec->nfields; i++)
		csv_field(rn->rej, rec->fields[i], rec->lens[i], 0);
	snprintf(num, sizeof(num), "%lu", rec->line);
	csv_field(rn->rej, num, strlen(num), 0);
	csv_field(rn->rej, reason, strlen(reason), 1);
}

/*
 * The progress line: rows so far, rows/s, the share of the file read and
 * the time left at that pace (frac: bytes read / the file's size).
 */
static void progress(const char *path, unsigned long rows, double secs, double frac)
{
	char n[24], rate[24], pct[8], left[24], text[SL_TEXT_MAX];
	double eta = frac > 0 ? secs * (1 - frac) / frac : 0;

	snprintf(n, sizeof(n), "%lu", rows);
	snprintf(rate, sizeof(rate), "%.0f", rows / (secs + 1e-9));
	snprintf(pct, sizeof(pct), "%d", (int)(100 * frac));
	snprintf(left, sizeof(left), "%d:%02d", (int)(eta / 60), (int)eta % 60);
	fprintf(stderr, "\r%s   ", sl_cli_textf(text, sizeof(text), "data.cli.progress", "file", path,
	    "rows", n, "rate", rate, "percent", pct, "left", left, NULL));
}

/* Imports one file; 0, or -1 with the message printed (rolled back). */
static int import_file(struct run *rn, const char *path)
{
	struct csvin *r = NULL;
	struct csvin_rec rec, hdr;
	struct dc_header *h = NULL;
	const char *values[DC_MAXCOLS];
	const char **hnames = NULL;
	char err[DC_ERRLEN], text[SL_TEXT_MAX], **hcopy = NULL;
	unsigned long rows = 0, bad = 0;
	double t0 = sl_now(), last = t0;
	struct stat st;
	FILE *fp = NULL;
	int rc = -1, got, hdr_done = 0, began = 0;
	size_t i;

	memset(&hdr, 0, sizeof(hdr));
	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "salient import: %s: %s\n", path, strerror(errno));
		goto out;
	}
	if ((r = csvin_new(fp, path)) == NULL || (h = malloc(sizeof(*h))) == NULL) {
		fprintf(stderr, "salient import: out of memory\n");
		goto out;
	}
	if ((got = csvin_next(r, &rec)) <= 0) {
		if (got == 0)
			dc_msg(err, sizeof(err), "data.csv.empty", "file", path, NULL);
		fprintf(stderr, "%s\n", words(got < 0 ? csvin_error(r) : err, text, sizeof(text)));
		goto out;
	}
	/* keep the header: the reader reuses its buffers */
	hcopy = calloc(rec.nfields, sizeof(*hcopy));
	hnames = calloc(rec.nfields, sizeof(*hnames));
	if (hcopy == NULL || hnames == NULL) {
		fprintf(stderr, "salient import: out of memory\n");
		goto out;
	}
	for (i = 0; i < rec.nfields; i++) {
		if ((hcopy[i] = strdup(rec.fields[i])) == NULL) {
			fprintf(stderr, "salient import: out of memory\n");
			goto out;
		}
		hnames[i] = hcopy[i];
	}
	hdr.nfields = rec.nfields;
	hdr.fields = (const char *const *)hnames;
	hdr.lens = NULL;
	if (dc_header_check(rn->kind, hnames, rec.nfields, h, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s:%lu: %s\n", path, rec.line, words(err, text, sizeof(text)));
		goto out;
	}
	if (imp_begin(rn->sink, h->kind, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "salient import: %s\n", err);
		goto out;
	}
	began = 1;
	if (rn->tty && fstat(fileno(fp), &st) != 0)
		st.st_size = 0;
	while ((got = csvin_next(r, &rec)) == 1) {
		int v;

		rows++;
		if (dc_header_values(h, rec.fields, rec.nfields, values, err, sizeof(err)) != 0)
			v = 1;
		else if ((v = imp_row(rn->sink, values, rec.line, err, sizeof(err))) < 0) {
			fprintf(stderr, "%s:%lu: %s\n", path, rec.line, words(err, text, sizeof(text)));
			goto out;
		}
		if (v == 1) {
			if (rn->rej == NULL) {
				fprintf(stderr, "%s:%lu: %s\n", path, rec.line,
				    words(err, text, sizeof(text)));
				goto out;
			}
			if (hdr.lens == NULL) {
				static size_t hl[CSVIN_FIELDS_MAX];

				for (i = 0; i < hdr.nfields && i < CSVIN_FIELDS_MAX; i++)
					hl[i] = strlen(hnames[i]);
				hdr.lens = hl;
			}
			reject(rn, &hdr, &hdr_done, &rec, err);
			bad++;
		}
		if (rn->tty && (rows & 4095) == 0 && sl_now() - last > 0.5) {
			last = sl_now();
			progress(path, rows, last - t0, st.st_size > 0 ?
			    (double)csvin_bytes(r) / (double)st.st_size : 0);
		}
	}
	if (got < 0) {
		fprintf(stderr, "%s%s\n", rn->tty ? "\r" : "", words(csvin_error(r), text, sizeof(text)));
		goto out;
	}
	if (imp_commit(rn->sink, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", path, err);
		goto out;
	}
	began = 0;
	if (rn->tty)
		fprintf(stderr, "\r\033[K");
	printf("%s: %lu %s rows imported, %lu rejected, %.0f rows/s\n", path, rows - bad,
	    dc_kinds[h->kind].name, bad, (double)rows / (sl_now() - t0 + 1e-9));
	rn->total_rows += rows - bad;
	rn->total_bad += bad;
	rc = 0;
out:
	if (began)
		imp_rollback(rn->sink);
	if (rc != 0 && began)
		fprintf(stderr, "%s\n", sl_cli_textf(text, sizeof(text), "data.cli.nothing", "file", path,
		    NULL));
	for (i = 0; hcopy != NULL && i < hdr.nfields; i++)
		free(hcopy[i]);
	free(hcopy);
	free(hnames);
	free(h);
	csvin_free(r);
	if (fp)
		fclose(fp);
	return rc;
}

int cmd_import(int argc, char **argv)
{
	struct run rn;
	const char *rejpath = NULL;
	char err[DC_ERRLEN], text[SL_TEXT_MAX], num[24];
	struct sl_db *db, *ld = NULL;
	int i, rc = 1, strict = 0, upsert = 0;
	long open;
	double t0;

	memset(&rn, 0, sizeof(rn));
	rn.kind = -1;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc) {
			if ((rn.kind = dc_kind_by_name(argv[++i])) < 0) {
				fprintf(stderr, "salient import: --kind: no kind '%s'\n", argv[i]);
				return 2;
			}
		} else if (strcmp(argv[i], "--skip-bad") == 0 && i + 1 < argc)
			rejpath = argv[++i];
		else if (strcmp(argv[i], "--strict-refs") == 0)
			strict = 1;
		else if (strcmp(argv[i], "--upsert") == 0)
			upsert = 1;
		else if (strcmp(argv[i], "--progress") == 0)
			rn.tty = 1;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			if (sl_cli_set_lang(argv[++i]) != 0) {
				fprintf(stderr, "%s\n", sl_cli_text("data.cli.lang"));
				return 2;
			}
		}
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "usage: salient import [--kind K] [--skip-bad REJECTS.csv] "
			    "[--strict-refs] [--upsert] [--progress] [--lang en|da|ru] FILE...\n");
			return 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "usage: salient import [--kind K] [--skip-bad REJECTS.csv] "
		    "[--strict-refs] [--upsert] [--progress] [--lang en|da|ru] FILE...\n");
		return 2;
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	/* a connection of its own that may LOAD DATA into empty tables */
	if ((ld = sl_db_extra(db, 1, err, sizeof(err))) == NULL) {
		fprintf(stderr, "salient import: %s\n", err);
		return 1;
	}
	if ((rn.sink = imp_sink_new(ld, sl_cli_conf("site.timezone"), err, sizeof(err))) == NULL) {
		fprintf(stderr, "salient import: %s\n", err);
		sl_db_close(ld);
		return 1;
	}
	if (!upsert)
		imp_sink_allow_load(rn.sink);
	if (rejpath != NULL && (rn.rej = fopen(rejpath, "wb")) == NULL) {
		fprintf(stderr, "salient import: %s: %s\n", rejpath, strerror(errno));
		goto out;
	}
	if (isatty(STDERR_FILENO) && isatty(STDOUT_FILENO))
		rn.tty = 1;
	for (; i < argc; i++)
		if (import_file(&rn, argv[i]) != 0)
			goto out;
	t0 = sl_now();
	if ((open = imp_finish(rn.sink, stderr, 20, err, sizeof(err))) < 0) {
		fprintf(stderr, "salient import: %s\n", err);
		goto out;
	}
	/* the steps after the files (order totals, purchases) on their own */
	snprintf(num, sizeof(num), "%.1f", sl_now() - t0);
	printf("%s\n", sl_cli_textf(text, sizeof(text), "data.cli.summary", "seconds", num, NULL));
	if (open > 0) {
		snprintf(num, sizeof(num), "%ld", open);
		fprintf(stderr, "%s\n", sl_cli_textf(text, sizeof(text), "data.cli.refs", "count", num,
		    NULL));
	}
	if (rn.total_bad > 0) {
		snprintf(num, sizeof(num), "%lu", rn.total_bad);
		fprintf(stderr, "%s\n", sl_cli_textf(text, sizeof(text), "data.cli.rejects", "count",
		    num, "file", rejpath, NULL));
	}
	rc = strict && open > 0 ? 3 : 0;
out:
	if (rn.rej != NULL && fclose(rn.rej) != 0 && rc == 0) {
		fprintf(stderr, "salient import: %s: %s\n", rejpath, strerror(errno));
		rc = 1;
	}
	imp_sink_free(rn.sink);
	sl_db_close(ld);
	return rc;
}
