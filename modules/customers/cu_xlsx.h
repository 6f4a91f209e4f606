/*
 * cu_xlsx.h - the customer export as a spreadsheet (.xlsx), for a shop
 * owner who opens it in Excel or LibreOffice: the same rows and columns as
 * the CSV (cu_csv.h's cu_cells), written with libxlsxwriter, so
 *   - text is text: a name that starts with = + - @ is a string cell,
 *     never a formula, and needs no apostrophe; æøå and Cyrillic open as
 *     they are, whatever the spreadsheet's import settings;
 *   - money, counts, percentages and the 4-decimal predictions are number
 *     cells (the CSV's rounded values), shown with the reader's own
 *     decimal and thousands separators; last_order is a date cell;
 *   - the header row holds the column titles in the caller's language,
 *     bold and frozen; an empty field is an empty cell;
 *   - a sheet holds 1,048,575 customers (the format's limit of rows); the
 *     next ones go on a further sheet with the same header.
 * Written in constant-memory mode: one row in memory at a time, the rest
 * in temporary files under tmpdir.  No FastCGI or MariaDB header.
 */
#ifndef SALIENT_CU_XLSX_H
#define SALIENT_CU_XLSX_H

#include <stddef.h>

#include "cu_csv.h"

struct cu_xlsx;

/*
 * Starts a workbook at path (created or truncated) whose sheets are named
 * sheet (cut to the format's 31 characters) and whose header row is
 * titles[0..CU_NCOLS-1].  NULL with the reason in err.
 */
struct cu_xlsx *cu_xlsx_open(const char *path, const char *tmpdir, const char *sheet,
    const char *const titles[CU_NCOLS], char *err, size_t errlen);

/* Appends one customer; 0, or -1 with the reason in err. */
int cu_xlsx_row(struct cu_xlsx *x, const struct cu_csv_row *row, char *err, size_t errlen);

/*
 * Finishes the file and frees x (NULL is fine); 0, or -1 with the reason
 * in err (the file is then not complete).
 */
int cu_xlsx_close(struct cu_xlsx *x, char *err, size_t errlen);

#endif
