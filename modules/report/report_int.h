/*
 * report_int.h - private to modules/report: customer reports as PDF.
 *
 * One pipeline serves the builder page, the API and `salient report`:
 *
 *   rp_params (customer host id, sections, language, as-of day), validated
 *   once by rp_params_check()            -> 400/404 naming the field
 *   rp_fetch()   the report's data as one JSON model (report_data.c, SQL)
 *   rp_draw()    the model drawn on a pdf_doc (report_draw.c, pure: no
 *                FastCGI or MariaDB header; tests/unit/test_report_draw.c)
 *   rp_render()  all three into a PDF file or memory (report_run.c)
 *
 * The sections are one table (report_sections.c): a key, the catalog key of
 * its title, and whether this build can draw it.  The trade sections
 * (summary, trend, top, targets, suggestions) print the trade module's view
 * models (include/salient/trade.h); classifications are this module's.
 */
#ifndef REPORT_INT_H
#define REPORT_INT_H

#include <stddef.h>

#include <json-c/json.h>

#include "salient/pdf.h"
#include "salient/db.h"

struct sl_db;

enum rp_section {
	RP_SUMMARY,
	RP_TREND,
	RP_TOP,
	RP_TARGETS,
	RP_CLASSIFICATIONS,
	RP_SUGGESTIONS,
	RP_NSECTIONS
};

struct rp_section_def {
	const char *key;        /* "classifications": in URLs, forms, definitions */
	const char *title;      /* catalog key of its heading */
	int available;          /* this build has its data */
};

extern const struct rp_section_def rp_sections[RP_NSECTIONS];

/* Entries of each top list and suggestion list in a report. */
#define RP_TOP_N 10

/* Longest host customer id (customers.host_id) and definition name. */
#define RP_HOST_MAX 64
#define RP_NAME_MAX 100

/* The module's statements (report_sql.c): sl_db_*(db, SL_SQL(rp_sql, RP_X), ...). */
enum rp_sql {
	RP_SQL_CUSTOMER,          /* a customer by host id */
	RP_SQL_CLASSIFICATIONS,   /* a customer's classifications on a day */
	RP_SQL_SEARCH,            /* the builder's search */
	RP_SQL_DEF_LIST,          /* the definitions by name */
	RP_SQL_DEF_ONE,
	RP_SQL_DEF_BY_NAME,
	RP_SQL_DEF_INSERT,
	RP_SQL_DEF_DELETE,
	RP_NSQL
};
extern const struct sl_sql rp_sql[RP_NSQL];
/* The tables the module owns (writes), NULL-ended. */
extern const char *const rp_tables[];

struct rp_params {
	char customer[RP_HOST_MAX + 1]; /* host id ("" = none given) */
	unsigned sections;              /* bits 1 << enum rp_section */
	char lang[3];                   /* en, da, ru */
	char as_of[11];                 /* YYYY-MM-DD */
};

/*
 * Parses a comma-separated list of section keys ("summary,classifications";
 * spaces ignored; empty or NULL = every available section) into *bits.
 * Returns 0, or -1 with "sections: ..." in err naming the bad key.
 */
int rp_sections_parse(const char *list, unsigned *bits, char *err, size_t errlen);
/* The keys of bits in table order, comma-separated, into buf. */
void rp_sections_text(unsigned bits, char *buf, size_t len);
/* Every available section. */
unsigned rp_sections_all(void);
/* 1 for en, da, ru. */
int rp_lang_ok(const char *lang);
/* 1 when s is a real calendar day YYYY-MM-DD. */
int rp_day_ok(const char *s);
/* Today in the site's time zone (TZ is set from [site] timezone). */
void rp_today(char *buf, size_t len);

/*
 * Fills p from text inputs (any may be NULL: sections -> all available,
 * lang -> deflang, as_of -> today).  Returns 0, or -1 with the reason in
 * err, naming the field: "lang: expected en, da or ru".
 */
int rp_params_set(struct rp_params *p, const char *customer, const char *sections,
    const char *lang, const char *as_of, const char *deflang, char *err, size_t errlen);

/* ---- data (report_data.c) ---- */

/*
 * The report's model for p: {customer {...}, as_of, lang, sections [keys],
 * classifications [...] when asked}.  Returns 1 with the model in *out
 * (json_object_put()), 0 when the customer is not in the data, -1 on a
 * database error.
 */
int rp_fetch(struct sl_db *db, const struct rp_params *p, struct json_object **out);

/* The customer with host id host, with its name: 1 with *out
 * (json_object_put()), 0 none, -1 error. */
int rp_customer(struct sl_db *db, const char *host, struct json_object **out);

/*
 * Customers whose host id, e-mail or name starts with q (at most 20):
 * [{customer_id, name, email, smart_type}].  NULL on a database error.
 */
struct json_object *rp_search(struct sl_db *db, const char *q);

/* ---- drawing (report_draw.c: pure) ---- */

/*
 * Draws the model on d with the texts of catalogs (sl_catalogs_load()
 * shape: {"en": {key: text}, "da": ...}; the model's lang, else English,
 * else the key itself).  Problems go to the document (pdf_finish() tells).
 */
void rp_draw(struct pdf_doc *d, struct json_object *model, struct json_object *catalogs);

/* The text of key in lang from catalogs (as above).  Borrowed. */
const char *rp_text(struct json_object *catalogs, const char *lang, const char *key);

/* What a section's drawer gets (report_draw.c, report_draw_trade.c). */
struct rp_draw_ctx {
	struct pdf_doc *d;
	struct json_object *m, *cat;
	const char *lang;
};
/* The section's text in the report's language. */
const char *rp_t(const struct rp_draw_ctx *w, const char *key);
/* A string member of o, or NULL. */
const char *rp_str(struct json_object *o, const char *key);
/* The trade sections (report_draw_trade.c). */
void rp_draw_summary(const struct rp_draw_ctx *w);
void rp_draw_trend(const struct rp_draw_ctx *w);
void rp_draw_top(const struct rp_draw_ctx *w);
void rp_draw_targets(const struct rp_draw_ctx *w);
void rp_draw_suggestions(const struct rp_draw_ctx *w);

/* ---- the pipeline (report_run.c) ---- */

/*
 * Renders the report for p with the theme at theme_dir: to the file path,
 * or (path NULL) into memory, *pdf then holding the PDF (free() it) of *len
 * bytes.  Returns 200, 404 (no such customer: err says so), or 500 with the
 * reason in err.
 */
int rp_render(struct sl_db *db, const char *theme_dir, const struct rp_params *p,
    const char *path, unsigned char **pdf, size_t *len, char *err, size_t errlen);

/* ---- saved definitions (report_defs.c) ---- */

/*
 * The saved definitions: [{id, name, customer_id (host) or null, sections
 * [keys], has {key: true}, lang, lang_is {LANG: true}, created_by,
 * created_by_email, created_at, created_at_text (in lang)}].  NULL on a
 * database error.
 */
struct json_object *rp_defs_list(struct sl_db *db, const char *lang);
/* One definition by id: 1 with *out, 0 none, -1 error. */
int rp_def_get(struct sl_db *db, long long id, struct json_object **out);

#endif
