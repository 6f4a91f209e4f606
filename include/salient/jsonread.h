/*
 * jsonread.h - the one JSON reader (fcgi/jsonread.c): request bodies, data
 * files, NDJSON lines.  Stricter than json-c's tokener, whose objects it
 * builds: exactly one JSON text (RFC 8259) with only white space around it;
 * every string valid UTF-8 (no overlong forms, no surrogates, nothing above
 * U+10FFFF, \u escapes included) and free of U+0000; no key twice in one
 * object; integers within int64 and other numbers finite; nesting at most
 * SL_JSON_MAX_DEPTH.  Pure: no FastCGI, no database.
 */
#ifndef SALIENT_JSONREAD_H
#define SALIENT_JSONREAD_H

#include <stddef.h>

#include <json-c/json.h>

#define SL_JSON_MAX_DEPTH 32
#define SL_JSON_ERRMAX 192

/*
 * Parses the len bytes of buf (no NUL needed) into *out: a new reference
 * (free with json_object_put()), NULL for the JSON text null.  Returns 0,
 * or -1 with *out NULL, *at the byte offset of the error and err (errlen
 * bytes; SL_JSON_ERRMAX is enough) the reason in words, naming the key when
 * the error is in a key's value: "duplicate key \"title\"", "invalid UTF-8
 * in a string (in \"title\")", "unexpected end of input".
 */
int sl_json_read(const char *buf, size_t len, struct json_object **out, size_t *at,
    char *err, size_t errlen);
/* The same with nesting at most max_depth (at most SL_JSON_MAX_DEPTH): the
 * request bodies' limit from the configuration ([server] max_json_depth). */
int sl_json_read_depth(const char *buf, size_t len, int max_depth, struct json_object **out,
    size_t *at, char *err, size_t errlen);

#endif
