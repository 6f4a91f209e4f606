/*
 * csv.h - one CSV cell writer for every file Salient writes for a person
 * (RFC 4180), so every download and export quotes and neutralises alike.
 *
 *   - a cell is enclosed in double quotes when it holds a comma, a double
 *     quote, CR or LF (or is neutralised), and a double quote inside it is
 *     doubled;
 *   - a text cell a spreadsheet would read as a formula, one that starts
 *     with = + - @, TAB or CR, is written with a leading apostrophe inside
 *     the quotes ("'=HYPERLINK(...)"): the spreadsheet shows the text, and
 *     nothing runs.  Numbers (SL_CSV_NUMBER: "-12.50") are written as
 *     they are.
 * Pure computation.
 */
#ifndef SALIENT_CSV_H
#define SALIENT_CSV_H

#include <stddef.h>

enum sl_csv_kind { SL_CSV_TEXT, SL_CSV_NUMBER };

/* The most bytes sl_csv_cell() writes for n bytes of input, NUL included. */
#define SL_CSV_CELL_MAX(n) (2 * (n) + 4)

/*
 * Writes s (NULL: an empty cell) as one cell into out (len bytes, NUL
 * terminated).  Returns the cell's length, or (size_t)-1 when it does not
 * fit, with out "" (never a cut cell).
 */
size_t sl_csv_cell(char *out, size_t len, const char *s, enum sl_csv_kind kind);

/* Whether sl_csv_cell() would neutralise text s (a formula's first byte). */
int sl_csv_formula(const char *s);

#endif
