/*
 * tr_suggest.c - product discovery for one customer (DESIGN.md section 5)
 * from the popularity lists of the last trade.popularity run: the most
 * popular products and categories it never bought, and with tag filtering
 * on only the products that share a (tag_group, tag_value) of the chosen
 * groups with something it bought.  Never computes popularity: it walks
 * the ranked list by position (the primary key) in growing slices until
 * enough are found, so a page reads a few dozen rows.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "log.h"
#include "salient/db.h"
#include "salient/settings.h"
#include "tr_int.h"
#include "tr_rank.h"
#include "tr_text.h"

static const char sql_run[] =
    "SELECT as_of, from_date, (SELECT COALESCE(MAX(pos), 0) FROM trade_popular_products) "
    "FROM trade_popularity_runs ORDER BY id DESC LIMIT 1";

static const char sql_walk[] =
    "SELECT pp.pos, pp.product_id, pp.customers, p.name, p.sku "
    "FROM trade_popular_products pp JOIN products p ON p.id = pp.product_id "
    "WHERE pp.pos > ? AND pp.pos <= ? AND p.active = 1 AND p.placeholder = 0 "
    "ORDER BY pp.pos";

static const char sql_walk_tagged[] =
    "SELECT pp.pos, pp.product_id, pp.customers, p.name, p.sku, pt.tag_group, pt.tag_value "
    "FROM trade_popular_products pp JOIN products p ON p.id = pp.product_id "
    "JOIN product_tags pt ON pt.product_id = pp.product_id "
    "WHERE pp.pos > ? AND pp.pos <= ? AND p.active = 1 AND p.placeholder = 0 "
    "AND FIND_IN_SET(pt.tag_group, ?) > 0 "
    "ORDER BY pp.pos, pt.tag_group, pt.tag_value";

static const char sql_categories[] =
    "SELECT pc.pos, pc.category_id, pc.customers, c.name "
    "FROM trade_popular_categories pc JOIN categories c ON c.id = pc.category_id "
    "WHERE c.placeholder = 0 ORDER BY pc.pos LIMIT ?";

int tr_opts_read(struct sl_db *db, struct tr_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->summary = sl_setting_int(db, "trade_summary") != 0;
	o->tag_filter = sl_setting_int(db, "trade_tag_filter") != 0;
	o->suggestions = (int)sl_setting_int(db, "trade_suggestions");
	o->tag_groups = sl_setting_get(db, "trade_tag_groups");
	o->url_pattern = sl_setting_get(db, "trade_product_url");
	return o->tag_groups != NULL && o->url_pattern != NULL ? 0 : -1;
}

void tr_opts_free(struct tr_opts *o)
{
	free(o->tag_groups);
	free(o->url_pattern);
	memset(o, 0, sizeof(*o));
}

/* One candidate product, in rank order. */
struct cand {
	long long pos, customers;
	uint32_t id;
	char *name, *sku, *group, *value;   /* group NULL: not through a tag */
};

struct cands {
	struct cand *v;
	uint32_t *ids;
	size_t n, cap;
};

static void cands_free(struct cands *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].name);
		free(cs->v[i].sku);
		free(cs->v[i].group);
		free(cs->v[i].value);
	}
	free(cs->v);
	free(cs->ids);
}

static char *dup_or_null(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static int cands_add(struct cands *cs, struct sl_stmt *st, int tagged)
{
	struct cand *c;

	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? cs->cap * 2 : 64;
		struct cand *nv = realloc(cs->v, cap * sizeof(*nv));
		uint32_t *ni;

		if (nv == NULL)
			return -1;
		cs->v = nv;
		if ((ni = realloc(cs->ids, cap * sizeof(*ni))) == NULL)
			return -1;
		cs->ids = ni;
		cs->cap = cap;
	}
	c = &cs->v[cs->n];
	c->pos = sl_stmt_int(st, 0);
	c->id = (uint32_t)sl_stmt_int(st, 1);
	c->customers = sl_stmt_int(st, 2);
	c->name = dup_or_null(sl_stmt_str(st, 3, NULL));
	c->sku = dup_or_null(sl_stmt_str(st, 4, NULL));
	c->group = tagged ? dup_or_null(sl_stmt_str(st, 5, NULL)) : NULL;
	c->value = tagged ? dup_or_null(sl_stmt_str(st, 6, NULL)) : NULL;
	cs->ids[cs->n++] = c->id;
	return 0;
}

/* True when one of the customer's products carries the pair group/value. */
static int shares_pair(const struct tr_ctx *c, const char *group, const char *value)
{
	size_t gl = strlen(group), vl = strlen(value), i;
	const char *s, *e;

	for (i = 0; i < c->nprod; i++) {
		for (s = c->prod[i].tags; s != NULL && *s != '\0'; s = *e ? e + 1 : e) {
			if ((e = strchr(s, '\x1e')) == NULL)
				e = s + strlen(s);
			if ((size_t)(e - s) == gl + 1 + vl && memcmp(s, group, gl) == 0 &&
			    s[gl] == '\x1f' && memcmp(s + gl + 1, value, vl) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * Walks the ranked products from position 1 in slices until want products
 * pass, or the list (npos long) ends; picks into pick[] (indexes in cs).
 * Returns how many were picked, or -1.
 */
static long walk(struct tr_ctx *c, const struct tr_opts *o, long long npos, size_t want,
    struct cands *cs, size_t *pick)
{
	struct sl_stmt *st;
	long long lo = 0, size = (long long)(want + c->nbought) + 8;
	size_t got = 0;
	int rc;

	if (o->tag_filter && size < 256)
		size = 256;
	while (lo < npos && got < want) {
		if (o->tag_filter) {
			st = sl_db_stmt(c->db, sql_walk_tagged);
			rc = st == NULL ? -1 : sl_stmt_exec(st, "iis", lo, lo + size,
			    o->tag_groups ? o->tag_groups : "");
		} else {
			st = sl_db_stmt(c->db, sql_walk);
			rc = st == NULL ? -1 : sl_stmt_exec(st, "ii", lo, lo + size);
		}
		if (rc != 0)
			return -1;
		while ((rc = sl_stmt_fetch(st)) == 1) {
			if (o->tag_filter && !shares_pair(c, sl_stmt_str(st, 5, NULL),
			    sl_stmt_str(st, 6, NULL)))
				continue;
			if (cands_add(cs, st, o->tag_filter) != 0) {
				sl_stmt_done(st);
				return -1;
			}
		}
		sl_stmt_done(st);
		if (rc < 0)
			return -1;
		got = tr_pick(cs->ids, cs->n, c->bought, c->nbought, want, pick);
		lo += size;
		size *= 2;
	}
	return (long)got;
}

static struct json_object *product_json(const struct tr_ctx *c, const struct tr_opts *o,
    const struct cand *p)
{
	struct json_object *j = json_object_new_object(), *why = json_object_new_object();
	char url[2048];

	json_object_object_add(j, "product_id", json_object_new_int64(p->id));
	json_object_object_add(j, "sku", p->sku ? json_object_new_string(p->sku) : NULL);
	json_object_object_add(j, "name", json_object_new_string(p->name ? p->name : ""));
	json_object_object_add(j, "url", tr_product_url(o->url_pattern, p->sku, url,
	    sizeof(url)) == 0 ? json_object_new_string(url) : NULL);
	json_object_object_add(j, "rank", json_object_new_int64(p->pos));
	json_object_object_add(j, "customers", tr_count(c->lang, p->customers));
	json_object_object_add(why, "kind", json_object_new_string(p->group ? "tag" : "popular"));
	if (p->group != NULL) {
		json_object_object_add(why, "tag_group", json_object_new_string(p->group));
		json_object_object_add(why, "tag_value", json_object_new_string(p->value ? p->value : ""));
	}
	json_object_object_add(j, "why", why);
	return j;
}

/* The popular categories the customer never bought from. */
static struct json_object *categories_json(struct tr_ctx *c, size_t want)
{
	struct json_object *arr = json_object_new_array(), *j;
	struct sl_stmt *st;
	int rc;

	if ((st = sl_db_stmt(c->db, sql_categories)) == NULL ||
	    sl_stmt_exec(st, "i", (long long)(want + c->nbought_cats)) != 0) {
		json_object_put(arr);
		return NULL;
	}
	while ((rc = sl_stmt_fetch(st)) == 1) {
		uint32_t id = (uint32_t)sl_stmt_int(st, 1);

		if (json_object_array_length(arr) >= want ||
		    tr_ids_has(c->bought_cats, c->nbought_cats, id))
			continue;
		j = json_object_new_object();
		json_object_object_add(j, "category_id", json_object_new_int64(id));
		json_object_object_add(j, "name", json_object_new_string(
		    sl_stmt_str(st, 3, NULL) ? sl_stmt_str(st, 3, NULL) : ""));
		json_object_object_add(j, "rank", json_object_new_int64(sl_stmt_int(st, 0)));
		json_object_object_add(j, "customers", tr_count(c->lang, sl_stmt_int(st, 2)));
		json_object_array_add(arr, j);
	}
	sl_stmt_done(st);
	if (rc < 0) {
		json_object_put(arr);
		return NULL;
	}
	return arr;
}

/* The tag groups as a JSON array. */
static struct json_object *groups_json(const char *list)
{
	struct json_object *arr = json_object_new_array();
	const char *p = list, *e;

	while (p != NULL && *p != '\0') {
		e = strchr(p, ',');
		json_object_array_add(arr, json_object_new_string_len(p,
		    e ? (int)(e - p) : (int)strlen(p)));
		p = e ? e + 1 : NULL;
	}
	return arr;
}

struct json_object *tr_suggest_model(struct tr_ctx *c, const struct tr_opts *o, int limit)
{
	struct json_object *m = NULL, *run = NULL, *arr = NULL, *cats = NULL;
	struct cands cs = { 0 };
	size_t pick[TR_SUGGEST_MAX], want, i;
	long long npos = 0;
	struct sl_stmt *st;
	long got = 0;
	int rc;

	want = (size_t)(limit > 0 ? limit : o->suggestions);
	if (want > TR_SUGGEST_MAX)
		want = TR_SUGGEST_MAX;
	if (tr_ctx_products(c) != 0)
		return NULL;
	if ((st = sl_db_stmt(c->db, sql_run)) == NULL || sl_stmt_exec(st, "") != 0)
		goto dberr;
	if ((rc = sl_stmt_fetch(st)) == 1) {
		run = json_object_new_object();
		if (sl_stmt_str(st, 0, NULL) != NULL) {
			json_object_object_add(run, "as_of", json_object_new_string(sl_stmt_str(st, 0, NULL)));
			json_object_object_add(run, "from", json_object_new_string(
			    sl_stmt_str(st, 1, NULL) ? sl_stmt_str(st, 1, NULL) : ""));
		}
		npos = sl_stmt_int(st, 2);
	}
	sl_stmt_done(st);
	if (rc < 0)
		goto dberr;
	if (want > 0 && (got = walk(c, o, npos, want, &cs, pick)) < 0)
		goto dberr;
	arr = json_object_new_array();
	for (i = 0; i < (size_t)got; i++)
		json_object_array_add(arr, product_json(c, o, &cs.v[pick[i]]));
	if (want > 0 && npos > 0) {
		if ((cats = categories_json(c, want)) == NULL)
			goto dberr;
	} else {
		cats = json_object_new_array();
	}
	m = json_object_new_object();
	json_object_object_add(m, "products", arr);
	json_object_object_add(m, "categories", cats);
	json_object_object_add(m, "tag_filter", json_object_new_boolean(o->tag_filter));
	json_object_object_add(m, "tag_groups", o->tag_filter ? groups_json(o->tag_groups) :
	    json_object_new_array());
	json_object_object_add(m, "popularity", run);
	run = json_object_new_object();
	json_object_object_add(run, "products", json_object_new_boolean(got > 0));
	json_object_object_add(run, "categories", json_object_new_boolean(
	    json_object_array_length(cats) > 0));
	json_object_object_add(m, "has", run);
	cands_free(&cs);
	return m;
dberr:
	log_err("trade: suggestions for customer %lld: %s", c->cid, sl_db_error(c->db));
	json_object_put(run);
	json_object_put(arr);
	cands_free(&cs);
	return NULL;
}
