/*
 * money.h - the one money type and the one reader and writer of decimal
 * numbers.  Pure functions over strings: no allocation, no global state.
 *
 * Money is exact: an int64 of ten-thousandths of the currency unit, as the
 * DECIMAL(14,4) columns hold it (12.5 = 125000).  Never a double.
 *
 * What a person or a program may type, per language (lang "en", "da",
 * "ru"; NULL = the plain form alone, what the API and the CSV contract
 * take):
 *
 *   plain   -1234.5     '.' as the point, no grouping (always accepted)
 *   en      1,234.5     ',' groups of three
 *   da      1.234,5     ',' as the point, '.' groups of three ("12,5")
 *   ru      1 234,5     ',' as the point, space or U+00A0 groups ("12,5")
 *
 * The language's own form is tried first, so a Danish "1.854" is 1854 and
 * a Danish "1.5" (not a group of three) is the plain 1.5.  Spaces around the
 * number are ignored; an optional sign comes first; no exponent.  Decimals
 * beyond the allowed places must be zeros ("1.50000" is 1.5 as money,
 * "1.00005" is refused): a value is never silently rounded.
 */
#ifndef SALIENT_MONEY_H
#define SALIENT_MONEY_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t sl_money;

#define SL_MONEY_SCALE 10000         /* units per currency unit */
#define SL_MONEY_PLACES 4
#define SL_MONEY_INTDIGITS 10        /* DECIMAL(14,4) */
#define SL_MONEY_DBDIGITS 14         /* a sum of DECIMAL(14,4) that int64 still holds */
#define SL_MONEY_TEXT_MAX 32         /* sl_money_text()'s longest, NUL included */

/* Why a number was refused (0 = it was not). */
enum sl_num_err {
	SL_NUM_OK = 0,
	SL_NUM_EMPTY,    /* nothing but spaces */
	SL_NUM_SYNTAX,   /* not a number in the plain or the language's form */
	SL_NUM_PLACES,   /* more decimals than allowed */
	SL_NUM_RANGE,    /* more integer digits than allowed */
};

/*
 * Reads s as a decimal with at most places (0..6) decimals and intdigits
 * (1..18) integer digits into *v, in units of 10^-places.  Returns
 * SL_NUM_OK, or the reason (*v is then 0).
 */
int sl_decimal_parse(const char *s, const char *lang, int places, int intdigits, int64_t *v);

/* sl_decimal_parse() for money: 4 places, 10 integer digits. */
int sl_money_parse(const char *s, const char *lang, sl_money *v);

/*
 * The strict form of data files (the import contract, DESIGN.md section 4)
 * and of the database's DECIMAL text: "[-]D+[.D+]" and nothing else (no
 * spaces, no '+', no ".5", no grouping).  The rule for decimals beyond
 * places is sl_decimal_parse()'s: zeros are read ("1.50000" is 1.5), any
 * other digit is SL_NUM_PLACES.  Returns SL_NUM_OK or the reason (*v 0).
 */
int sl_decimal_parse_strict(const char *s, int places, int intdigits, int64_t *v);

/*
 * Money as the database writes it: a DECIMAL(x,4) column or a SUM of one
 * ("1234.5000", "-0.0001", "12"), in the strict form with up to
 * SL_MONEY_DBDIGITS integer digits.  NULL (an SQL NULL, a SUM over no rows)
 * reads as 0.  Returns SL_NUM_OK or the reason (*v is then 0).
 */
int sl_money_parse_db(const char *s, sl_money *v);


/*
 * Writes v (units of 10^-places) exactly as "[-]I.FFFF" (no grouping: what
 * SQL binds, CSV files and sl_fmt_money() read) into buf.  Returns the
 * length, or 0 when buf is too small (buf is then "").
 */
size_t sl_decimal_text(int64_t v, int places, char *buf, size_t len);

/* sl_decimal_text() for money: "1234.5000". */
size_t sl_money_text(sl_money v, char *buf, size_t len);

/*
 * v rounded half away from zero to places (0..4) decimals, written as
 * sl_money_text() does: (12350, 2) is "1.24", (-49, 2) is "0.00" (no
 * minus sign on a zero).  Returns the length, or 0 (buf "") when too small.
 */
size_t sl_money_text_places(sl_money v, int places, char *buf, size_t len);

#endif
