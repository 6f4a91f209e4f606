/*
 * test_csv.c - the one CSV cell writer (salient/csv.h): RFC 4180 quoting,
 * formulas neutralised in text cells and not in numbers, and a cell that
 * does not fit refused, never cut.
 */
#include <stdio.h>
#include <string.h>

#include "salient/csv.h"
#include "tap.h"

static void is_cell(const char *in, enum sl_csv_kind kind, const char *want)
{
	static int k;
	char out[256], name[64];
	size_t n = sl_csv_cell(out, sizeof(out), in, kind);

	snprintf(name, sizeof(name), "cell %d is written as expected", ++k);
	tap_is_str(out, want, name);
	tap_is_long((long long)n, (long long)strlen(want), "  its length");
}

int main(void)
{
	char small[8];

	is_cell("Anna", SL_CSV_TEXT, "Anna");
	is_cell(NULL, SL_CSV_TEXT, "");
	is_cell("", SL_CSV_TEXT, "");
	is_cell("Berg, Anna", SL_CSV_TEXT, "\"Berg, Anna\"");
	is_cell("say \"hi\"", SL_CSV_TEXT, "\"say \"\"hi\"\"\"");
	is_cell("two\r\nlines", SL_CSV_TEXT, "\"two\r\nlines\"");
	is_cell("=HYPERLINK(\"http://evil\")", SL_CSV_TEXT, "\"'=HYPERLINK(\"\"http://evil\"\")\"");
	is_cell("+45 12 34", SL_CSV_TEXT, "\"'+45 12 34\"");
	is_cell("-2+3", SL_CSV_TEXT, "\"'-2+3\"");
	is_cell("@SUM(A1)", SL_CSV_TEXT, "\"'@SUM(A1)\"");
	is_cell("\tx", SL_CSV_TEXT, "\"'\tx\"");
	is_cell("\rx", SL_CSV_TEXT, "\"'\rx\"");
	is_cell("a=b", SL_CSV_TEXT, "a=b");
	is_cell("-12.50", SL_CSV_NUMBER, "-12.50");
	is_cell("Ærø Søren", SL_CSV_TEXT, "Ærø Søren");
	tap_ok(sl_csv_formula("=1") && sl_csv_formula("@x") && !sl_csv_formula("x=") &&
	    !sl_csv_formula("") && !sl_csv_formula(NULL), "sl_csv_formula: the first byte decides");
	tap_ok(sl_csv_cell(small, sizeof(small), "1234567", SL_CSV_TEXT) == 7, "7 bytes fit in 8");
	tap_ok(sl_csv_cell(small, sizeof(small), "12345678", SL_CSV_TEXT) == (size_t)-1 &&
	    small[0] == '\0', "8 bytes do not fit in 8: refused, the buffer empty");
	tap_ok(sl_csv_cell(small, sizeof(small), "a,b,c", SL_CSV_TEXT) == 7 &&
	    strcmp(small, "\"a,b,c\"") == 0, "a quoted cell that just fits");
	tap_ok(sl_csv_cell(small, sizeof(small), "\"\"\"", SL_CSV_TEXT) == (size_t)-1,
	    "doubled quotes that do not fit: refused, never cut inside the quotes");
	tap_ok(sl_csv_cell(small, sizeof(small), "=a", SL_CSV_TEXT) == 5 &&
	    strcmp(small, "\"'=a\"") == 0, "the apostrophe counts in the size");
	tap_ok(sl_csv_cell(small, 0, "x", SL_CSV_TEXT) == (size_t)-1, "no room at all");
	return tap_done();
}
