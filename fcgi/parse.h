/*
 * parse.h - pure parsers for outside input: urlencoded forms and query
 * strings, cookies, multipart/form-data, Content-Type, Accept,
 * Accept-Language, and a sanitizer for values bound for logs or headers.
 *
 * Nothing here includes libfcgi or MariaDB headers; everything works on
 * buffers, keeps no global mutable state and may be called from any thread.
 *
 * Errors: the parsers return an enum hp_status and, when err is not NULL,
 * write a short human message into err (at most errsz bytes, always
 * NUL-terminated), e.g. "field 'q': invalid percent escape at byte 7".
 * User text quoted in a message has passed through hp_log_safe(), so the
 * message may be logged or sent back as-is.
 */
#ifndef SALIENT_PARSE_H
#define SALIENT_PARSE_H

#include <stddef.h>

/* A comfortable size for the err buffers below. */
#define HP_ERRMAX 256

enum hp_status {
	HP_OK = 0,
	HP_EMALFORMED = -1,	/* bad input: answer 400 */
	HP_ETOOLARGE = -2,	/* a ceiling in struct hp_limits: answer 413 */
	HP_ENOMEM = -3		/* allocation failed: answer 500 */
};

/* The HTTP status for a status code: 200, 400, 413 or 500. */
int hp_status_http(int status);

/*
 * Ceilings, set by the core from its configuration.  A zero field means
 * "use the default" (the values in brackets).  Exceeding any of them is
 * HP_ETOOLARGE.
 */
struct hp_limits {
	size_t max_total;	/* bytes of the whole input [16 MiB] */
	size_t max_fields;	/* pairs or parts [1000] */
	size_t max_name;	/* bytes of one decoded field name [256] */
	size_t max_value;	/* bytes of one decoded text value [64 KiB] */
	size_t max_file;	/* bytes of one multipart file part [16 MiB] */
	size_t max_filename;	/* bytes of one multipart filename [1024] */
	size_t max_part_header;	/* one part's headers + blank line [8 KiB] */
};

/* Fills *lim with the defaults above. */
void hp_limits_default(struct hp_limits *lim);

/*
 * One field.  name and value are NUL-terminated; value may hold binary
 * data (file parts), so vlen is its exact length.  For form, query and
 * cookie fields, and multipart parts without a filename, value is valid
 * UTF-8 without NUL bytes, so strlen(value) == vlen.  filename is NULL
 * unless the multipart part had one (it may be "" for an empty file
 * input); ctype is the part's Content-Type as sent (a well-formed media
 * type in printable ASCII), or NULL.
 */
struct hp_kv {
	char *name;
	char *value;
	size_t vlen;
	char *filename;
	char *ctype;
};

struct hp_chunk;

/* A list of fields in input order.  All strings live in the list's arena. */
struct hp_kvlist {
	struct hp_kv *items;
	size_t count;
	size_t cap_;			/* private */
	struct hp_chunk *chunks_;	/* private */
};

/* Frees a list from any parser below and all its strings.  NULL is fine. */
void hp_kvlist_free(struct hp_kvlist *list);

/* The value of the first field called name, or NULL.  Borrowed from list. */
const char *hp_get(const struct hp_kvlist *list, const char *name);

/*
 * Iteration over repeated names: the first field called name after prev
 * (prev NULL: from the start), or NULL.  Borrowed from list.
 *   for (kv = hp_next(l, NULL, "tag"); kv; kv = hp_next(l, kv, "tag"))
 */
const struct hp_kv *hp_next(const struct hp_kvlist *list,
    const struct hp_kv *prev, const char *name);

/* How many fields are called name. */
size_t hp_count(const struct hp_kvlist *list, const char *name);

/*
 * application/x-www-form-urlencoded (a body, or a query string without
 * the '?'): pairs split on '&', name and value split on the first '=',
 * percent-decoded with '+' as space, each checked to be UTF-8 without NUL
 * bytes.  Empty pairs and pairs with an empty name are skipped.  lim may be
 * NULL (defaults).  On HP_OK *out is a list (possibly empty) to free with
 * hp_kvlist_free(); otherwise *out is NULL.
 */
int hp_parse_form(const char *buf, size_t len, const struct hp_limits *lim,
    struct hp_kvlist **out, char *err, size_t errsz);
/* The same for a NUL-terminated query string (NULL is an empty one). */
int hp_parse_query(const char *qs, const struct hp_limits *lim,
    struct hp_kvlist **out, char *err, size_t errsz);

/*
 * A Cookie header (RFC 6265 5.4 syntax, parsed as in 5.2): pairs split on
 * ';', spaces and tabs trimmed, one pair of surrounding double quotes
 * removed from the value.  Values are not percent-decoded.  Pairs that are
 * malformed (no '=', empty or non-token name, control or non-ASCII bytes
 * in the value), or longer than max_name / max_value, are ignored, as are
 * pairs beyond max_fields: another site's cookie must not break a request.
 * A header longer than max_total is HP_ETOOLARGE.  On HP_OK free *out with
 * hp_kvlist_free().
 */
int hp_parse_cookie(const char *header, const struct hp_limits *lim,
    struct hp_kvlist **out, char *err, size_t errsz);

/*
 * multipart/form-data (RFC 7578).  content_type is the request's
 * Content-Type header; its boundary parameter (quoted or not, 1..70
 * characters of RFC 2046 bchars) delimits the parts.  Each part needs a
 * Content-Disposition "form-data" with a name; filename and filename*
 * (RFC 5987, UTF-8 or ISO-8859-1; it wins over filename) are kept, as is
 * the part's Content-Type.  Data is binary safe (value + vlen).  Parts
 * without a filename are text fields: UTF-8, no NUL, at most max_value
 * bytes; file parts may hold max_file bytes.  The preamble and epilogue are
 * ignored; a missing final boundary is malformed.  On HP_OK free *out with
 * hp_kvlist_free(); the data is copied, so body may be freed.
 */
int hp_parse_multipart(const char *content_type, const char *body,
    size_t len, const struct hp_limits *lim, struct hp_kvlist **out,
    char *err, size_t errsz);

/* A parsed Content-Type. */
struct hp_media {
	char type[128];		/* lowercased, e.g. "multipart" */
	char subtype[128];	/* lowercased, e.g. "form-data" */
	char charset[64];	/* lowercased; "" when absent */
	char boundary[71];	/* as sent; "" when absent */
};

/*
 * Parses a Content-Type value: type "/" subtype *( ";" name "=" ( token |
 * quoted-string ) ).  Unknown parameters are skipped; a boundary outside
 * RFC 2046 (1..70 bchars, no trailing space) is malformed.  Returns HP_OK
 * or HP_EMALFORMED.
 */
int hp_parse_media_type(const char *value, struct hp_media *out,
    char *err, size_t errsz);

/*
 * 1 when an Accept header asks for JSON: application/json has q > 0 from
 * an explicit "application/json" or "application/\*" range, and its q is at
 * least that of text/html (most specific range wins).  A browser's
 * "text/html,...,*\/\*;q=0.8", a bare "*\/\*" and a missing header give 0,
 * so HTML stays the default.  Ranges with a malformed q are ignored.
 */
int hp_accepts_json(const char *accept);

/*
 * The best language in supported[0..n-1] (codes like "en", "da", "pt-BR")
 * for an Accept-Language header, or NULL when none is acceptable.  A range
 * matches a code exactly, as a prefix ("en" matches "en-GB"), or the code
 * is its prefix ("da-DK" matches "da"); "*" matches any code.  A code takes
 * the q of its most specific matching range; the highest q > 0 wins, ties
 * going to the range listed first, then to the earlier code.  The result
 * points into supported.
 */
const char *hp_accept_language(const char *header,
    const char *const *supported, size_t n);

/*
 * Copies src into dst (dstsz bytes, always NUL-terminated) so it can go
 * into a log line or a header: control characters (CR and LF included),
 * DEL and bytes that are not valid UTF-8 become '?'; a value that does not
 * fit is cut on a character boundary and ends in "...".  Returns dst.
 * src NULL gives "".  hp_log_safe_n() takes a length and allows NUL bytes
 * in src (they become '?').
 */
char *hp_log_safe(char *dst, size_t dstsz, const char *src);
char *hp_log_safe_n(char *dst, size_t dstsz, const char *src, size_t len);

/*
 * Percent-decodes src[0..len-1] into dst (room for len bytes; the result
 * is never longer and is not NUL-terminated), '+' becoming a space when
 * plus_space.  Returns 0 and sets *dlen, or -1 for a malformed escape
 * ("%zz", a truncated "%4") and -2 for a NUL byte (raw or "%00"), with
 * *erroff the offset in src of the offending byte.
 */
int hp_pct_decode(const char *src, size_t len, int plus_space, char *dst,
    size_t *dlen, size_t *erroff);

/*
 * 1 when s[0..len-1] is valid UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF), else 0 with *erroff (may be NULL) at the first
 * bad byte.  NUL bytes are valid UTF-8; callers check them separately.
 */
int hp_utf8_valid(const char *s, size_t len, size_t *erroff);

#endif
