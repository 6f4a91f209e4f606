/*
 * fuzz_csv.c - libFuzzer target: the import contract's CSV path, as
 * `salient import` reads a file (modules/data/import_cli.c): the streaming
 * reader (csvin.c), the header check and kind detection (dcheader.c) and
 * every row through dc_validate_row() (contract.c, dcparse.c).  The first
 * byte picks the kind (or detection from the header); the rest is the file.
 * Aborts when a result breaks a promise of csvin.h or contract.h: a field
 * that is not UTF-8, holds a NUL or is not as long as said, a line number
 * that goes back, a message that is not printable UTF-8, or a validated
 * row whose canonical values do not validate again to the same values.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "parse.h"
#include "salient/contract.h"
#include "csvin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ROWS_MAX 256

static void check_rec(const struct csvin_rec *rec, unsigned long *line)
{
	size_t i;

	if (rec->nfields == 0 || rec->nfields > CSVIN_FIELDS_MAX || rec->line < *line)
		abort();
	*line = rec->line;
	for (i = 0; i < rec->nfields; i++)
		if (strlen(rec->fields[i]) != rec->lens[i] || rec->lens[i] > CSVIN_FIELD_MAX ||
		    !hp_utf8_valid(rec->fields[i], rec->lens[i], NULL))
			abort();
}

/* The canonical values of a valid row validate again to the same row. */
static void check_row(const struct dc_row *row)
{
	static struct dc_row again;
	const char *values[DC_MAXCOLS];
	char err[DC_ERRLEN];
	size_t i;

	for (i = 0; i < DC_MAXCOLS; i++)
		values[i] = i < row->ncols ? row->v[i].str : NULL;
	if (dc_validate_row(row->kind, values, &again, err, sizeof(err)) != 0 ||
	    again.ncols != row->ncols)
		abort();
	for (i = 0; i < row->ncols; i++) {
		const struct dc_value *a = &row->v[i], *b = &again.v[i];

		if ((a->str == NULL) != (b->str == NULL) || a->num != b->num ||
		    (a->str != NULL && strcmp(a->str, b->str) != 0))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dc_header h;
	static struct dc_row row;
	struct csvin *r = NULL;
	struct csvin_rec rec;
	const char *values[DC_MAXCOLS];
	char **names = NULL, err[DC_ERRLEN];
	unsigned long line = 0;
	size_t i, n = 0, rows;
	FILE *fp;
	int kind, got, hdr = -1;

	if (size < 2)
		return 0;
	kind = data[0] % (DC_NKINDS + 1) == DC_NKINDS ? -1 : data[0] % (DC_NKINDS + 1);
	if ((fp = fmemopen((void *)(data + 1), size - 1, "rb")) == NULL)
		return 0;
	if ((r = csvin_new(fp, "fuzz.csv")) == NULL)
		goto out;
	if ((got = csvin_next(r, &rec)) == 1) {
		check_rec(&rec, &line);
		n = rec.nfields;
		if ((names = calloc(n, sizeof(*names))) == NULL)
			goto out;
		for (i = 0; i < n; i++)
			if ((names[i] = strdup(rec.fields[i])) == NULL)
				goto out;
		err[0] = '\0';
		if ((hdr = dc_header_check(kind, (const char *const *)names, n, &h, err,
		    sizeof(err))) != 0)
			fuzz_check_msg(err);
		else if (h.nfields != n || (kind >= 0 && (int)h.kind != kind))
			abort();
	}
	for (rows = 0; got == 1 && rows < ROWS_MAX; rows++) {
		if ((got = csvin_next(r, &rec)) != 1)
			break;
		check_rec(&rec, &line);
		if (hdr != 0)
			continue;
		err[0] = '\0';
		if (dc_header_values(&h, rec.fields, rec.nfields, values, err, sizeof(err)) != 0 ||
		    dc_validate_row(h.kind, values, &row, err, sizeof(err)) != 0)
			fuzz_check_msg(err);
		else
			check_row(&row);
	}
	if (got < 0)
		fuzz_check_msg(csvin_error(r));
out:
	if (names != NULL)
		for (i = 0; i < n; i++)
			free(names[i]);
	free(names);
	csvin_free(r);
	fclose(fp);
	return 0;
}
