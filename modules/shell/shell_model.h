/*
 * shell_model.h - pieces of view models shared by the shell's pages: values
 * that carry both their raw form (for the JSON API: numbers as numbers,
 * dates ISO 8601) and their text in the request's language (for HTML).
 */
#ifndef SALIENT_SHELL_MODEL_H
#define SALIENT_SHELL_MODEL_H

#include <stddef.h>

#include <json-c/json.h>

/* The as-of date: today (UTC) as "YYYY-MM-DD" into buf (11 bytes or more). */
void shell_today(char *buf, size_t len);

/*
 * The first day of the month n months before the month of the ISO date
 * iso, as "YYYY-MM-01", and each of the n + 1 months up to iso's as
 * "YYYY-MM" in months[] (n <= 23).  Returns 0 or -1.
 */
int shell_months_back(const char *iso, int n, char *first, size_t flen,
    char months[][8]);

/*
 * {"amount": 1234.5 (exact), "currency": "DKK" or null, "text": "DKK 1,234.50"}
 * from a DECIMAL value of a row (borrowed; NULL = 0).  Returns a new object.
 */
struct json_object *shell_money(const char *lang, struct json_object *amount,
    const char *currency);

/*
 * Adds key_text beside each of the named ISO date/datetime fields of obj
 * ("created_at" -> "created_at_text"); datetime selects the format.
 */
void shell_add_dates(struct json_object *obj, const char *lang, int datetime,
    const char *const *keys);

/* An integer column of a row (0 when missing or null). */
long long shell_int(struct json_object *row, const char *key);
/* A string column of a row, or NULL. */
const char *shell_str(struct json_object *row, const char *key);

#endif
