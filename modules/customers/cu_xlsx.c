/*
 * cu_xlsx.c - the customer export as a spreadsheet (see cu_xlsx.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "cu_xlsx.h"
#include "salient/num.h"

/* The format's longest text in a cell, in bytes (libxlsxwriter's check). */
#define CELL_TEXT_MAX 32767

struct cu_xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *fmt[CU_COL_DATE + 1];
	const char *titles[CU_NCOLS];
	char sheet[128];
	unsigned sheets;
	lxw_row_t row;         /* the next row of ws */
	char *cut;             /* a text cut to CELL_TEXT_MAX, when one was */
};

static int fail(char *err, size_t errlen, const char *what, lxw_error e)
{
	snprintf(err, errlen, "spreadsheet: %s: %s", what, lxw_strerror(e));
	return -1;
}

/* A further sheet, its header row written and frozen. */
static int new_sheet(struct cu_xlsx *x, char *err, size_t errlen)
{
	static const double width[CU_COL_DATE + 1] = { 18, 12, 8, 10, 10, 11 };
	char name[160];
	lxw_col_t c;
	lxw_error e;

	x->sheets++;
	if (x->sheets == 1)
		snprintf(name, sizeof(name), "%s", x->sheet);
	else
		snprintf(name, sizeof(name), "%s (%u)", x->sheet, x->sheets);
	if ((x->ws = workbook_add_worksheet(x->wb, name)) == NULL)
		return fail(err, errlen, "adding a sheet", LXW_ERROR_MEMORY_MALLOC_FAILED);
	worksheet_freeze_panes(x->ws, 1, 0);
	for (c = 0; c < CU_NCOLS; c++) {
		if ((e = worksheet_set_column(x->ws, c, c, width[cu_col_kind((int)c)], NULL)) != LXW_NO_ERROR)
			return fail(err, errlen, "column widths", e);
		if ((e = worksheet_write_string(x->ws, 0, c, x->titles[c], x->head)) != LXW_NO_ERROR)
			return fail(err, errlen, "the header", e);
	}
	x->row = 1;
	return 0;
}

/*
 * The sheets' name: the format allows 31 characters and none of []:*?/\;
 * 26 leave room for a further sheet's " (NN)".
 */
static void sheet_name(char *out, size_t len, const char *s)
{
	size_t n = 0, chars = 0;

	for (; *s != '\0' && n + 5 < len; s++) {
		if ((*s & 0xC0) != 0x80 && ++chars > 26)
			break;
		out[n++] = strchr("[]:*?/\\", *s) != NULL ? '_' : *s;
	}
	out[n] = '\0';
	if (n == 0)
		snprintf(out, len, "%s", "customers");
}

struct cu_xlsx *cu_xlsx_open(const char *path, const char *tmpdir, const char *sheet,
    const char *const titles[CU_NCOLS], char *err, size_t errlen)
{
	static const char *const numfmt[CU_COL_DATE + 1] = {
		[CU_COL_MONEY] = "#,##0.00", [CU_COL_COUNT] = "0", [CU_COL_PCT] = "0.00",
		[CU_COL_DEC4] = "0.0000", [CU_COL_DATE] = "yyyy-mm-dd",
	};
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir,
	    .use_zip64 = LXW_TRUE };
	struct cu_xlsx *x;
	int k;

	if ((x = calloc(1, sizeof(*x))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	memcpy(x->titles, titles, sizeof(x->titles));
	sheet_name(x->sheet, sizeof(x->sheet), sheet);
	if ((x->wb = workbook_new_opt(path, &opt)) == NULL) {
		snprintf(err, errlen, "spreadsheet: cannot create %s", path);
		free(x);
		return NULL;
	}
	if ((x->head = workbook_add_format(x->wb)) == NULL)
		goto nomem;
	format_set_bold(x->head);
	for (k = CU_COL_MONEY; k <= CU_COL_DATE; k++) {
		if ((x->fmt[k] = workbook_add_format(x->wb)) == NULL)
			goto nomem;
		format_set_num_format(x->fmt[k], numfmt[k]);
	}
	if (new_sheet(x, err, errlen) != 0) {
		cu_xlsx_close(x, NULL, 0);
		return NULL;
	}
	return x;
nomem:
	snprintf(err, errlen, "out of memory");
	cu_xlsx_close(x, NULL, 0);
	return NULL;
}

/* s cut to the format's longest text, at a character boundary. */
static const char *fitting(struct cu_xlsx *x, const char *s)
{
	size_t n = strlen(s);

	if (n <= CELL_TEXT_MAX)
		return s;
	n = CELL_TEXT_MAX;
	while (n > 0 && (s[n] & 0xC0) == 0x80)
		n--;
	free(x->cut);
	if ((x->cut = malloc(n + 1)) == NULL)
		return "";
	memcpy(x->cut, s, n);
	x->cut[n] = '\0';
	return x->cut;
}

/* One cell of the current row: v is the CSV's text of it. */
static lxw_error cell(struct cu_xlsx *x, lxw_col_t c, const char *v)
{
	enum cu_col_kind kind = cu_col_kind((int)c);
	lxw_datetime dt;
	double d;

	if (v == NULL || *v == '\0')
		return LXW_NO_ERROR;
	if (kind == CU_COL_TEXT)
		return worksheet_write_string(x->ws, x->row, c, fitting(x, v), NULL);
	if (kind == CU_COL_DATE) {
		memset(&dt, 0, sizeof(dt));
		if (sscanf(v, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day) == 3)
			return worksheet_write_datetime(x->ws, x->row, c, &dt, x->fmt[kind]);
		return worksheet_write_string(x->ws, x->row, c, v, NULL);
	}
	if (sl_num_double(v, &d) != 0)
		return worksheet_write_string(x->ws, x->row, c, v, NULL);
	return worksheet_write_number(x->ws, x->row, c, d, x->fmt[kind]);
}

int cu_xlsx_row(struct cu_xlsx *x, const struct cu_csv_row *row, char *err, size_t errlen)
{
	struct cu_cells cells;
	lxw_col_t c;
	lxw_error e;

	if (x->row >= LXW_ROW_MAX && new_sheet(x, err, errlen) != 0)
		return -1;
	cu_row_cells(row, &cells);
	for (c = 0; c < CU_NCOLS; c++)
		if ((e = cell(x, c, cells.v[c])) != LXW_NO_ERROR)
			return fail(err, errlen, cu_cols[c], e);
	x->row++;
	return 0;
}

int cu_xlsx_close(struct cu_xlsx *x, char *err, size_t errlen)
{
	lxw_error e;

	if (x == NULL)
		return 0;
	e = workbook_close(x->wb);
	free(x->cut);
	free(x);
	if (e != LXW_NO_ERROR && err != NULL)
		return fail(err, errlen, "writing the file", e);
	return e == LXW_NO_ERROR ? 0 : -1;
}
