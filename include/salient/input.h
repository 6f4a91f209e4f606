/*
 * input.h - inputs declared on the route, validated by the core before the
 * handler runs (DESIGN.md section 10.2; kcgi's kvalid tables are the model).
 *
 * Each struct sl_route names its inputs in a const table ended by a zeroed
 * entry.  Before the handler runs, the core finds every declared input in
 * the path ({id:uint} or an SL_IN_PATH entry), the query string, the form
 * (urlencoded or multipart) or the members of a JSON object body, checks
 * it against its declaration and keeps the typed value.  A value that does
 * not fit, a required input that is missing, a field given twice or a field
 * the route does not declare is answered with 400 naming the field and what
 * it takes, in the caller's language, for pages and the API alike; the
 * handler never runs.  Handlers read typed values only (sl_req_uint() and
 * friends below).
 *
 * An empty form value ("") of an input that is not text counts as absent,
 * as browsers send empty fields.  A JSON null counts as given without a
 * value (sl_req_null()).  The query parameter lang and the form field
 * csrf_token are the core's own and are accepted on every route.
 *
 *   static const char *const sorts[] = { "name", "revenue", NULL };
 *   static const struct sl_input list_in[] = {
 *       { "page", SL_IN_UINT, .min = 1, .max = 100000 },
 *       { "sort", SL_IN_ENUM, .choices = sorts },
 *       { "q", SL_IN_TEXT, .max = 200 },
 *       { 0 },
 *   };
 *   { SL_GET, "/admin/customers/{id:uint}", cu_record, SL_ROLE_AGENT,
 *     "customers/record", .inputs = list_in },
 */
#ifndef SALIENT_INPUT_H
#define SALIENT_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "salient/money.h"

struct sl_req;

enum sl_in_type {
	SL_IN_NONE = 0,
	SL_IN_UINT,     /* digits only; min..max (default 0..2^63-1); {name:uint} in
	                   a path is 1..2^63-1 */
	SL_IN_INT,      /* an optional '-' and digits; min..max */
	SL_IN_DECIMAL,  /* a decimal with at most .places decimals, in the plain
	                   form or the caller's language's (salient/money.h);
	                   the value in units of 10^-places; min..max in those
	                   units when max > min */
	SL_IN_MONEY,    /* money (salient/money.h), ten-thousandths; min..max
	                   when max > min, else any amount DECIMAL(14,4) holds */
	SL_IN_DATE,     /* YYYY-MM-DD, a date of the calendar (year 1900..2999) */
	SL_IN_ENUM,     /* one of .choices (NULL-terminated), exactly */
	SL_IN_TEXT,     /* valid UTF-8 (no overlong forms, surrogates or code
	                   points above U+10FFFF), no control characters but
	                   TAB, CR and LF (SL_IN_LINES only), min..max bytes
	                   (max 0 = 1000) */
	SL_IN_BOOL,     /* 1/0, true/false, on/off, yes/no; JSON true/false;
	                   absent = false */
	SL_IN_IDS,      /* ids 1..2^63-1: the field repeated, or one value of ids
	                   separated by commas, or a JSON array; at most max
	                   (0 = 1000) of them, duplicates dropped, sorted */
	SL_IN_JSON,     /* a member of a JSON object body that is an object or
	                   an array, or a form field holding one as JSON text
	                   (max 0: either; 1: object; 2: array); its structure
	                   is the handler's, through json-c's typed accessors */
	SL_IN_FILE,     /* a multipart file part of at most max bytes (0 = the
	                   configured upload limit) */
};

/* struct sl_input flags */
#define SL_IN_REQUIRED 0x1u   /* absent or empty: 400 */
#define SL_IN_PATH     0x2u   /* a segment of the route's pattern: "{name}" */
#define SL_IN_LINES    0x4u   /* text may hold line breaks and TABs (a textarea) */

struct sl_input {
	const char *name;
	enum sl_in_type type;
	unsigned flags;
	long long min, max;           /* see the types */
	const char *const *choices;   /* SL_IN_ENUM */
	int places;                   /* SL_IN_DECIMAL: 0..6 */
};

/* The most inputs one route may declare, path segments included. */
#define SL_IN_MAX 48

/* The inputs of a route that takes none (a zeroed table). */
extern const struct sl_input sl_no_inputs[];

/* ---- typed values, valid during the handler ----
 * Reading a name the route does not declare is a bug: it is logged and the
 * default is returned. */

/* 1 when the input was given (a JSON null included), else 0. */
int sl_req_has(const struct sl_req *req, const char *name);
/* 1 when the input was given as JSON null. */
int sl_req_null(const struct sl_req *req, const char *name);
unsigned long long sl_req_uint(const struct sl_req *req, const char *name,
    unsigned long long dflt);
long long sl_req_int(const struct sl_req *req, const char *name, long long dflt);
/* SL_IN_DECIMAL in units of 10^-places, SL_IN_MONEY in ten-thousandths. */
int64_t sl_req_decimal(const struct sl_req *req, const char *name, int64_t dflt);
sl_money sl_req_money(const struct sl_req *req, const char *name, sl_money dflt);
/* SL_IN_DATE as "YYYY-MM-DD", or NULL when absent.  Borrowed. */
const char *sl_req_date(const struct sl_req *req, const char *name);
/* SL_IN_ENUM: the index of the choice, or dflt when absent. */
int sl_req_enum(const struct sl_req *req, const char *name, int dflt);
/* SL_IN_TEXT, SL_IN_ENUM (the choice) and SL_IN_DATE as text, or NULL when
 * absent.  Borrowed; *len (may be NULL) its length. */
const char *sl_req_str(const struct sl_req *req, const char *name, size_t *len);
/* SL_IN_BOOL: 0 or 1 (absent: 0). */
int sl_req_bool(const struct sl_req *req, const char *name);
/* SL_IN_IDS: the ids, sorted and unique, in *ids (borrowed); their count. */
size_t sl_req_ids(const struct sl_req *req, const char *name,
    const unsigned long long **ids);
/* SL_IN_JSON: the member (borrowed), or NULL. */
struct json_object *sl_req_member(const struct sl_req *req, const char *name);
/* SL_IN_FILE: the part's bytes (borrowed) and *len, *filename; or NULL. */
const char *sl_req_file(const struct sl_req *req, const char *name, size_t *len,
    const char **filename);

/* ---- the validators, pure (the core's, and the fuzz target's) ---- */

/* Why a value was refused; the catalog keys are "input.<code>". */
enum sl_in_err {
	SL_IN_OK = 0,
	SL_IN_ERR_REQUIRED,
	SL_IN_ERR_UNKNOWN,
	SL_IN_ERR_REPEATED,
	SL_IN_ERR_UINT,
	SL_IN_ERR_INT,
	SL_IN_ERR_RANGE,
	SL_IN_ERR_DECIMAL,
	SL_IN_ERR_PLACES,
	SL_IN_ERR_MONEY,
	SL_IN_ERR_DATE,
	SL_IN_ERR_ENUM,
	SL_IN_ERR_UTF8,
	SL_IN_ERR_CONTROL,
	SL_IN_ERR_LONG,
	SL_IN_ERR_SHORT,
	SL_IN_ERR_BOOL,
	SL_IN_ERR_IDS,
	SL_IN_ERR_MANY,
	SL_IN_ERR_JSON,
	SL_IN_ERR_FILE,
};

/* The machine-readable name of a reason ("range"), as the API answers it. */
const char *sl_in_err_code(int err);

/* A value as validated. */
struct sl_in_value {
	long long i;                  /* UINT (as unsigned), INT, DECIMAL, MONEY,
	                                 ENUM index, BOOL */
	const char *s;                /* the text (TEXT, ENUM, DATE) */
	size_t len;
	unsigned long long *ids;      /* IDS: malloc()ed, the caller frees */
	size_t nids;
};

/*
 * Checks one text value v (len bytes, NUL-terminated) against d, the
 * numbers read in language lang (NULL = the plain form).  Returns SL_IN_OK
 * with *out filled (out->s points into v), or the reason; *at is the byte
 * of the first bad character for UTF-8 and control errors.  For SL_IN_IDS,
 * appends to out->ids (out->nids so far): free() it.
 */
int sl_in_check(const struct sl_input *d, const char *v, size_t len, const char *lang,
    struct sl_in_value *out, size_t *at);

/*
 * NULL when a route's input table is well formed for its pattern, else a
 * static message (names unique and under 32 bytes, a type each, choices for
 * enums, places 0..6, min <= max, SL_IN_PATH entries naming a segment).
 * The core checks every route with it at start-up.
 */
const char *sl_in_decl_check(const struct sl_input *tab, const char *pattern);

/*
 * Strict UTF-8: 1 when s[0..n) is valid (no overlong forms, no surrogates,
 * nothing above U+10FFFF), else 0 with *at the first bad byte.
 */
int sl_utf8_valid(const char *s, size_t n, size_t *at);

#endif
