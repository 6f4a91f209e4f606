/*
 * contract.h - the import data contract (DESIGN.md section 4) as a const
 * table, and the checks every imported row goes through.
 *
 * Pure: no FastCGI or MariaDB header.  The CSV path (csvin.h) and the JSON
 * path (dc_json_row) both end in dc_validate_row(), so a row means the same
 * thing whichever way it arrives.
 *
 * Values are passed as "values[]": an array of DC_MAXCOLS C strings in the
 * contract's column order for the kind; NULL or "" means blank.
 *
 * Decisions (also documented in sql/002_data.sql):
 *  - money is a decimal string with an optional '-', at least one integer
 *    digit, at most 10 integer digits and at most 4 decimals ("1234.5",
 *    "0.1250"); it is parsed exactly into int64 ten-thousandths (never via
 *    double) and stored as DECIMAL(14,4).  Every money column of the
 *    contract is non-negative; targets.amount must be greater than 0.
 *  - datetimes: 'YYYY-MM-DDTHH:MM[:SS][.fff][Z|+hh:mm|-hh:mm]',
 *    'YYYY-MM-DD HH:MM:SS' or a bare date (midnight).  Without an offset the
 *    time is the site's local time.  The canonical string is
 *    'YYYY-MM-DD HH:MM:SS' of the wall clock as written (fractions dropped);
 *    the offset, when given, is in dc_value.tzmin with hastz = 1.
 *  - latitude/longitude: decimal degrees, rounded to 7 decimals (exactly,
 *    on the digit string), kept in num as 1e-7 degrees.
 *  - enums match case-insensitively and are stored in the table's spelling.
 *  - text: valid UTF-8, no control characters except tab, CR and LF; the
 *    limit counts characters (code points), as MariaDB VARCHAR does.
 *  - host ids: 1..64 characters, no control characters, no leading or
 *    trailing white space; compared by bytes.
 *  - urls (products.url): "http://" or "https://" (any case) and a host,
 *    then no white space, control characters, quotes, angle brackets or
 *    backslashes; kept as written.  Any other scheme (javascript:, data:)
 *    is refused, so a link the pages print is always a web page.
 */
#ifndef SALIENT_DATA_CONTRACT_H
#define SALIENT_DATA_CONTRACT_H

#include <stddef.h>
#include <stdint.h>

#define DC_MAXCOLS	20	/* most columns of any kind */
#define DC_MAXFIELDS	1000	/* most columns a header may have */
#define DC_ROWBUF	16384	/* canonical strings of one row */
#define DC_ERRLEN	512	/* enough for any message of this module */

enum dc_kind {
	DC_CUSTOMERS = 0,
	DC_CUSTOMER_TAGS,
	DC_CONSENTS,
	DC_CATEGORIES,
	DC_PRODUCTS,
	DC_PRODUCT_TAGS,
	DC_PRODUCTIONS,
	DC_EVENTS,
	DC_ORDERS,
	DC_ORDER_LINES,
	DC_TARGETS,
	DC_PRODUCTION_TARGETS,
	DC_NKINDS
};

enum dc_type {
	DC_T_ID,	/* host id */
	DC_T_TEXT,	/* free text, maxlen characters */
	DC_T_EMAIL,
	DC_T_DATE,	/* num = days since 1970-01-01 */
	DC_T_DATETIME,	/* num = wall-clock seconds since 1970-01-01 */
	DC_T_MONEY,	/* num = ten-thousandths */
	DC_T_ENUM,	/* num = index in enums[] */
	DC_T_FLAG,	/* num = 0 or 1 */
	DC_T_INT,	/* num in [min, max] */
	DC_T_LAT,	/* num = 1e-7 degrees */
	DC_T_LON,
	DC_T_CURRENCY,
	DC_T_URL	/* http:// or https://, a host, no spaces, maxlen characters */
};

struct dc_column {
	const char		*name;
	enum dc_type		 type;
	int			 required;
	size_t			 maxlen;	/* ID, TEXT, EMAIL: characters */
	long long		 min, max;	/* INT range; MONEY: min only */
	const char *const	*enums;		/* ENUM: NULL-terminated */
	const char		*deflt;		/* used when blank, or NULL */
};

struct dc_kind_def {
	const char		*name;		/* "orders" */
	const struct dc_column	*cols;
	size_t			 ncols;
};

/* One normalized cell. */
struct dc_value {
	const char	*str;	/* canonical text for the DB; NULL = NULL */
	int64_t		 num;	/* see enum dc_type */
	int		 hastz;	/* DATETIME: an offset was given */
	int		 tzmin;	/* DATETIME: minutes east of UTC */
};

/* A validated row; strings point into buf.  Plain data, no free needed. */
struct dc_row {
	enum dc_kind	 kind;
	size_t		 ncols;
	struct dc_value	 v[DC_MAXCOLS];
	char		 buf[DC_ROWBUF];
	size_t		 used;
};

/* A checked header: file column i holds contract column map[i]. */
struct dc_header {
	enum dc_kind	 kind;
	size_t		 nfields;
	int		 map[DC_MAXFIELDS];
};

/* The contract; dc_kinds[k] for k < DC_NKINDS.  Static, never freed. */
extern const struct dc_kind_def dc_kinds[DC_NKINDS];

/* dc_kinds[k].name at k, NULL-terminated (an SL_IN_ENUM's choices). */
extern const char *const dc_kind_names[DC_NKINDS + 1];

/* Kind by name ("orders"); -1 if none. */
int	dc_kind_by_name(const char *name);

/* Column index of name within kind; -1 if none. */
int	dc_column_index(enum dc_kind kind, const char *name);

/*
 * Checks a header row.  kind is a dc_kind, or -1 to detect it (the unique
 * kind whose required columns are all present and all columns known).
 * Returns 0 and fills h, or -1 with a message in err (no file or line
 * prefix: the caller adds "orders.csv:1: ").
 */
int	dc_header_check(int kind, const char *const *names, size_t n,
	    struct dc_header *h, char *err, size_t errlen);

/*
 * The same over any table of kinds (for tests of the detection rules);
 * dc_header_check() is this over dc_kinds.
 */
int	dc_header_check_in(const struct dc_kind_def *kinds, size_t nkinds,
	    int kind, const char *const *names, size_t n,
	    struct dc_header *h, char *err, size_t errlen);

/*
 * Puts the n fields of one record into values[] in contract order (absent
 * columns NULL).  Pointers are the caller's fields.  -1 with a message when
 * the record has a different number of fields than the header.
 */
int	dc_header_values(const struct dc_header *h, const char *const *fields,
	    size_t n, const char *values[DC_MAXCOLS], char *err, size_t errlen);

/*
 * Validates one row of kind: values[] in contract order (NULL or "" is
 * blank).  Returns 0 and fills out, or -1 with "column: reason" in err,
 * e.g. "ordered_at: '2024-13-01' is not a date".  Blank optional cells are
 * NULL (str == NULL); defaults are applied.
 */
int	dc_validate_row(enum dc_kind kind, const char *const *values,
	    struct dc_row *out, char *err, size_t errlen);

/* Exact parsers, also used by the importer and the demo generator. */
int	dc_parse_date(const char *s, int64_t *days);	/* 0 ok, -1 bad */
int	dc_valid_utf8(const char *s, size_t len, size_t *bad);

/* Days since 1970-01-01 <-> civil date (proleptic Gregorian). */
int64_t	dc_days_from_civil(int y, int m, int d);
void	dc_civil_from_days(int64_t z, int *y, int *m, int *d);

#endif
