/*
 * text.h - catalog texts with named values: "{field}: '{value}' is not a
 * whole number".  Each language's catalog places the values where its
 * grammar wants them, so a message is a key and its values, never an
 * English format string.
 */
#ifndef SALIENT_TEXT_H
#define SALIENT_TEXT_H

#include <stddef.h>

struct sl_req;

/* Longest message the helpers below write, NUL included. */
#define SL_TEXT_MAX 1024

/*
 * Writes tmpl into buf (len bytes, always NUL-terminated) with each
 * {name} replaced by the value of that name in kv: pairs of name and value,
 * ended by a NULL name.  A placeholder that kv does not name is written as
 * it stands; "{{" writes "{".  A value is cut to 200 bytes (at a UTF-8
 * character boundary) so a long input cannot fill the message.  Returns the
 * length, or -1 when buf was too small (buf then holds a prefix that ends
 * at a character boundary).  Pure.
 */
int sl_text_fill(char *buf, size_t len, const char *tmpl, const char *const *kv);

/*
 * The catalog text of key in the request's language (sl_req_text()) filled
 * as sl_text_fill() does, the pairs given as arguments: name, value, ...,
 * NULL.  Returns buf.
 */
const char *sl_req_textf(const struct sl_req *req, char *buf, size_t len, const char *key, ...)
    __attribute__((sentinel));

/*
 * The catalog text of the key prefix + name ("jobs.kind." and
 * "classify.recompute"): a readable name for a code kept in the database
 * (job kinds, audit actions).  When no catalog has that key (or it is
 * longer than 160 bytes), name itself.  Borrowed, like sl_req_text().
 */
const char *sl_req_text_of(const struct sl_req *req, const char *prefix, const char *name);

struct json_object;

/*
 * The theme's message catalogs as they are on disk, merged but not nested
 * and without the English fallback: {"en": {"nav.customers": "Customers",
 * ...}, "da": {...}} from locales/LANG.json and every locales/MODULE.KEYS.json
 * (fcgi/views.c).  For work outside a request (the PDF job) and the
 * catalog check (tests/unit/test_catalog.c).
 * Returns NULL with the reason in err; free with json_object_put().
 */
struct json_object *sl_catalogs_load(const char *dir, char *err, size_t errlen);

/*
 * The text of key in language lang of catalogs (as sl_catalogs_load()
 * returns them; NULL is none): English when lang lacks it, key itself
 * when no catalog has it.  Borrowed from catalogs.
 */
const char *sl_catalogs_text(struct json_object *catalogs, const char *lang, const char *key);

#endif
