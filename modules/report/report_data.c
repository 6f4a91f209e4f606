/*
 * report_data.c - the data of a customer report, as one JSON model that
 * report_draw.c draws and the API can show:
 *
 *   customer          {id, customer_id (host), name, email, smart_type, city,
 *                      country}
 *   as_of, as_of_text "2024-03-31", "31 Mar 2024" (in the report's language)
 *   lang              "en" | "da" | "ru"
 *   sections          ["classifications", ...] in table order
 *   classifications   [{id, title, comments, colour, type, since, since_text}]:
 *                     the classifications the customer held on the as-of day
 *                     by the history intervals of the classification runs
 *                     (from_date <= as_of < to_date, or still open); for a
 *                     day on or after the last run these are exactly the
 *                     current ones (customer_classifications)
 *
 *   summary           tr_summary(): revenue, orders and average order of the
 *                     last 12 months and the 12 before, and the monthly chart
 *                     (for the summary and trend sections)
 *   top               tr_top(), 10 of each list
 *   target            tr_target(): the target in force and all targets
 *   suggestions       tr_suggestions(), 10 of each list
 *
 * The trade sections' numbers come from the trade module's view models
 * (include/salient/trade.h, DESIGN.md section 5): this module never
 * computes them itself.  The module's own SQL is here, in const strings.
 */
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "report_int.h"
#include "salient/db.h"
#include "salient/format.h"
#include "salient/trade.h"

static const char *str(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) && v != NULL ? json_object_get_string(v) : NULL;
}

void rp_customer_name(struct json_object *c, char *buf, size_t len)
{
	const char *first = str(c, "first_name"), *last = str(c, "last_name");
	const char *email = str(c, "email"), *host = str(c, "customer_id");

	if ((first && first[0]) || (last && last[0]))
		snprintf(buf, len, "%s%s%s", first ? first : "",
		    first && first[0] && last && last[0] ? " " : "", last ? last : "");
	else
		snprintf(buf, len, "%s", email && email[0] ? email : host ? host : "");
}

static void add_date_text(struct json_object *o, const char *key, const char *lang)
{
	char name[64], text[SL_FMT_MAX];
	const char *v = str(o, key);

	if (v == NULL || sl_fmt_date(text, sizeof(text), lang, v) != 0)
		return;
	snprintf(name, sizeof(name), "%s_text", key);
	json_object_object_add(o, name, json_object_new_string(text));
}

static int classifications(struct sl_db *db, long long id, const struct rp_params *p,
    struct json_object *m)
{
	struct json_object *rows;
	size_t i;

	rows = sl_db_rows(db, SL_SQL(rp_sql, RP_SQL_CLASSIFICATIONS), id, p->as_of, p->as_of);
	if (rows == NULL)
		return -1;
	for (i = 0; i < json_object_array_length(rows); i++)
		add_date_text(json_object_array_get_idx(rows, i), "since", p->lang);
	json_object_object_add(m, "classifications", rows);
	return 0;
}

/* Adds a trade view model under key; -1 when it failed (logged there). */
static int put(struct json_object *m, const char *key, struct json_object *o)
{
	if (o == NULL)
		return -1;
	json_object_object_add(m, key, o);
	return 0;
}

/* The summary and the trend share one model. */
static int summary(struct sl_db *db, long long id, const struct rp_params *p,
    struct json_object *m)
{
	if (json_object_object_get_ex(m, "summary", NULL))
		return 0;
	return put(m, "summary", tr_summary(db, id, p->as_of, p->lang));
}

static int top(struct sl_db *db, long long id, const struct rp_params *p, struct json_object *m)
{
	return put(m, "top", tr_top(db, id, p->as_of, p->lang, RP_TOP_N));
}

static int targets(struct sl_db *db, long long id, const struct rp_params *p,
    struct json_object *m)
{
	return put(m, "target", tr_target(db, id, p->as_of, p->lang));
}

static int suggestions(struct sl_db *db, long long id, const struct rp_params *p,
    struct json_object *m)
{
	return put(m, "suggestions", tr_suggestions(db, id, p->as_of, p->lang, RP_TOP_N));
}

/* The fetchers of the sections, by enum rp_section. */
static int (*const fetchers[RP_NSECTIONS])(struct sl_db *, long long,
    const struct rp_params *, struct json_object *) = {
	[RP_SUMMARY] = summary,
	[RP_TREND] = summary,
	[RP_TOP] = top,
	[RP_TARGETS] = targets,
	[RP_CLASSIFICATIONS] = classifications,
	[RP_SUGGESTIONS] = suggestions,
};

int rp_customer(struct sl_db *db, const char *host, struct json_object **out)
{
	char name[256];
	int found;

	if ((found = sl_db_row(db, out, SL_SQL(rp_sql, RP_SQL_CUSTOMER), host)) == 1) {
		rp_customer_name(*out, name, sizeof(name));
		json_object_object_add(*out, "name", json_object_new_string(name));
	}
	return found;
}

int rp_fetch(struct sl_db *db, const struct rp_params *p, struct json_object **out)
{
	struct json_object *m = NULL, *c = NULL, *keys;
	long long id;
	int found, i;

	*out = NULL;
	if ((found = rp_customer(db, p->customer, &c)) <= 0)
		return found;
	id = json_object_get_int64(json_object_object_get(c, "id"));
	m = json_object_new_object();
	json_object_object_add(m, "customer", c);
	json_object_object_add(m, "as_of", json_object_new_string(p->as_of));
	add_date_text(m, "as_of", p->lang);
	json_object_object_add(m, "lang", json_object_new_string(p->lang));
	keys = json_object_new_array();
	json_object_object_add(m, "sections", keys);
	for (i = 0; i < RP_NSECTIONS; i++) {
		if (!(p->sections & (1u << i)))
			continue;
		if (fetchers[i] == NULL || !rp_sections[i].available)
			continue;       /* rp_sections_parse() refused it already */
		json_object_array_add(keys, json_object_new_string(rp_sections[i].key));
		if (fetchers[i](db, id, p, m) != 0) {
			json_object_put(m);
			return -1;
		}
	}
	*out = m;
	return 1;
}

/* q with LIKE's wildcards escaped and a '%' after it, into buf. */
static void like_prefix(const char *q, char *buf, size_t len)
{
	size_t n = 0;

	for (; *q != '\0' && n + 3 < len; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			buf[n++] = '\\';
		buf[n++] = *q;
	}
	buf[n++] = '%';
	buf[n] = '\0';
}

struct json_object *rp_search(struct sl_db *db, const char *q)
{
	struct json_object *rows;
	char pat[2 * 100 + 2], name[256];
	size_t i;

	like_prefix(q, pat, sizeof(pat));
	rows = sl_db_rows(db, SL_SQL(rp_sql, RP_SQL_SEARCH), pat, pat, pat, pat, pat);
	if (rows == NULL)
		return NULL;
	for (i = 0; i < json_object_array_length(rows); i++) {
		struct json_object *r = json_object_array_get_idx(rows, i);

		rp_customer_name(r, name, sizeof(name));
		json_object_object_add(r, "name", json_object_new_string(name));
	}
	return rows;
}
