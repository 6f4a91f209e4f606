/*
 * settings.h - site settings, declared by the modules that use them.
 *
 * A module lists its settings in a const table (struct sl_settings, hung on
 * struct sl_module's settings field).  The core shows every module's section
 * on the settings page (/admin/settings), answers GET/PUT /api/v1/settings
 * with one flat JSON object keyed by each setting's key, validates every
 * value against its declaration before anything is written, and writes the
 * changes in one transaction with an audit row.  Values live in the settings
 * table (name, value) as text; a setting never written reads as its default.
 *
 * Modules read values with the accessors below; they never read the settings
 * table themselves.
 */
#ifndef SALIENT_SETTINGS_H
#define SALIENT_SETTINGS_H

#include <stddef.h>

struct sl_db;
struct sl_req;
struct json_object;

enum sl_setting_type {
	SL_SETTING_INT = 1, /* whole number in [min, max]; JSON number */
	SL_SETTING_BOOL,    /* stored "0"/"1"; JSON true/false */
	SL_SETTING_CHOICE,  /* one of choices; JSON string */
	SL_SETTING_SET,     /* a subset of choices, stored "a,b" in choice
	                       order; JSON array of strings */
	SL_SETTING_TEXT,    /* one line of UTF-8, at most max bytes (0 = 200);
	                       JSON string */
};

struct sl_setting {
	const char *key;             /* API/JSON name, unique across modules:
	                                "timeframe_months" */
	const char *name;            /* settings table row:
	                                "classify.timeframe_months" */
	enum sl_setting_type type;
	const char *def;             /* default, as stored text */
	long long min, max;          /* INT bounds; TEXT max length */
	const char *const *choices;  /* CHOICE and SET: NULL-terminated */
	const char *label;           /* catalog key of the field's label */
	const char *help;            /* catalog key of a help line, or NULL */
	/* Optional extra check of a value already valid for its type (stored
	 * text form); returns 0, or -1 with a reason in err. */
	int (*check)(const char *value, char *err, size_t errlen);
	/* CHOICE and SET: catalog key prefix of the choices' labels (prefix
	 * "smart_type" labels choice "trade" with smart_type.trade), or NULL to
	 * show the choices as they are. */
	const char *choice_label;
};

/* One module's section of the settings page. */
struct sl_settings {
	const char *title;             /* catalog key of the section heading */
	const char *intro;             /* catalog key of a paragraph shown above
	                                  the fields (plain words), or NULL */
	const struct sl_setting *items; /* ends with a zeroed entry */
	/* Optional: adds to the section's view model what words and figures
	 * the page should show besides the fields, as "notes": [{text}] (each
	 * a paragraph) and "facts": [{label, text}].  Returns 0, or -1 (the
	 * page answers 500). */
	int (*explain)(struct sl_req *req, struct json_object *section);
};

/*
 * The current value of the setting with this key (its default when never
 * written), as stored text.  Returns a string to free with free(), or NULL
 * when key is not declared by any module or the database failed (logged).
 */
char *sl_setting_get(struct sl_db *db, const char *key);
/*
 * Several settings in one round trip (a page that reads many): values[i]
 * gets the current value of keys[i] as sl_setting_get() would, each to
 * free with free().  Returns 0, or -1 (every values[i] NULL) when a key is
 * not declared or the database failed (logged).
 */
int sl_setting_get_many(struct sl_db *db, const char *const *keys, size_t n, char **values);

/*
 * The version of the settings' content as an SQL expression (a checksum of
 * every name and value), for a page to read in a query it makes anyway:
 * with that number, sl_setting_get_many_at() answers from the thread's
 * cache while nothing changed, so a page's settings cost no round trip.
 */
#define SL_SETTINGS_VERSION_SQL \
    "(SELECT COALESCE(SUM(CRC32(CONCAT(name, '=', value))), 0) FROM settings)"

/*
 * As sl_setting_get_many(), from this thread's cache when version (the
 * value of SL_SETTINGS_VERSION_SQL read by the caller just before) is the
 * cache's; else read from the table (one query) and cached.  Keys must be
 * string constants (the cache keeps the pointers).
 */
int sl_setting_get_many_at(struct sl_db *db, long long version, const char *const *keys,
    size_t n, char **values);

/* The value of an INT or BOOL setting; its default on any failure. */
long long sl_setting_int(struct sl_db *db, const char *key);
/* True when the SET (or CHOICE) setting key holds choice. */
int sl_setting_has(struct sl_db *db, const char *key, const char *choice);

/* ---- for the settings page and API (modules/settings) ---- */

/* The declaration with this key in any module, or NULL. */
const struct sl_setting *sl_setting_find(const char *key);
/* The stored value of s, or its default when unset or no longer valid;
 * free with free().  NULL when the database failed (logged). */
char *sl_setting_read(struct sl_db *db, const struct sl_setting *s);
/* Checks text v as a value of s: 0, or -1 with the reason (naming the key)
 * in err (err may be NULL). */
int sl_setting_check(const struct sl_setting *s, const char *v, char *err, size_t errlen);
/* True when the comma list list holds item. */
int sl_setting_list_has(const char *list, const char *item);
/*
 * The settings section of the i-th module that declares one (i from 0, in
 * the modules' order), with the module's name in *module; NULL after the
 * last.  Borrowed: the modules' const tables.
 */
const struct sl_settings *sl_settings_section(size_t i, const char **module);

#endif
