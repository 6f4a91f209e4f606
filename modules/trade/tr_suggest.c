/*
 * tr_suggest.c - product discovery for one customer (DESIGN.md section 5)
 * from the last popularity run, held in memory (tr_disc.h): the most
 * popular active products and categories the customer never bought, and
 * with tag filtering on only the products that share a (tag_group,
 * tag_value) of the chosen groups with something it bought.  Never
 * computes popularity and reads no table: the customer's purchases come
 * from its context (tr_ctx_products()).
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/log.h"
#include "salient/settings.h"
#include "tr_disc.h"
#include "tr_int.h"
#include "tr_rank.h"
#include "tr_text.h"

static const char *const opt_keys[] = {
	"trade_summary", "trade_tag_filter", "trade_suggestions", "trade_tag_groups",
	"trade_product_url", "account_smart_types",
};
#define NOPTS (sizeof(opt_keys) / sizeof(opt_keys[0]))

static void opts_set(struct tr_opts *o, char **v)
{
	char *end;
	long n = strtol(v[2], &end, 10);

	o->summary = strcmp(v[0], "1") == 0;
	o->tag_filter = strcmp(v[1], "1") == 0;
	/* the setting is checked when saved: 0..TR_SUGGEST_MAX */
	o->suggestions = *end == '\0' && n >= 0 && n <= TR_SUGGEST_MAX ? (int)n : 0;
	o->tag_groups = v[3];
	o->url_pattern = v[4];
	o->smart_types = v[5];
	free(v[0]);
	free(v[1]);
	free(v[2]);
}

int tr_opts_read(struct sl_db *db, struct tr_opts *o)
{
	char *v[NOPTS];

	memset(o, 0, sizeof(*o));
	if (sl_setting_get_many(db, opt_keys, NOPTS, v) != 0)
		return -1;
	opts_set(o, v);
	return 0;
}

int tr_opts_read_at(struct sl_db *db, long long version, struct tr_opts *o)
{
	char *v[NOPTS];

	memset(o, 0, sizeof(*o));
	if (sl_setting_get_many_at(db, version, opt_keys, NOPTS, v) != 0)
		return -1;
	opts_set(o, v);
	return 0;
}

void tr_opts_free(struct tr_opts *o)
{
	free(o->tag_groups);
	free(o->url_pattern);
	free(o->smart_types);
	memset(o, 0, sizeof(*o));
}

/*
 * Marks in chosen[] the pairs of the tag groups in the list groups, and in
 * mine[] those of them carried by a product the customer bought.
 */
static void customer_pairs(const struct tr_ctx *c, const struct tr_disc *d, const char *groups,
    unsigned char *chosen, unsigned char *mine)
{
	const uint16_t *pv;
	size_t i, j, n;

	for (i = 0; i < d->npair; i++) {
		const char *sep = strchr(d->pair[i], '\x1f');

		chosen[i] = sep != NULL && tr_list_has(groups, d->pair[i], (size_t)(sep - d->pair[i]));
	}
	for (i = 0; i < c->nbought; i++) {
		pv = tr_disc_pairs(d, c->bought[i], &n);
		for (j = 0; j < n; j++)
			if (chosen[pv[j]])
				mine[pv[j]] = 1;
	}
}

static struct json_object *product_json(const struct tr_ctx *c, const struct tr_opts *o,
    const struct tr_disc *d, const struct tr_disc_prod *p, int pair)
{
	struct json_object *j = json_object_new_object(), *why = json_object_new_object();
	const struct tr_disc_item *it = tr_disc_item(d, p->id);
	const char *sku = it ? it->sku : NULL;
	char url[2048];

	sl_model_put(j, "product_id", json_object_new_int64(p->id));
	sl_model_put(j, "sku", sku ? json_object_new_string(sku) : NULL);
	sl_model_put(j, "name", json_object_new_string(it ? it->name : ""));
	/* its own page first, else the shop's pattern, else no link */
	sl_model_put(j, "url", it != NULL && it->url != NULL ? json_object_new_string(it->url) :
	    tr_product_url(o->url_pattern, sku, url, sizeof(url)) == 0 ?
	    json_object_new_string(url) : NULL);
	sl_model_put(j, "rank", json_object_new_int64(p->pos));
	sl_model_put(j, "customers", sl_model_count(c->lang, p->customers));
	sl_model_put(why, "kind", json_object_new_string(pair >= 0 ? "tag" : "popular"));
	if (pair >= 0) {
		const char *g = d->pair[pair], *sep = strchr(g, '\x1f');

		sl_model_put(why, "tag_group", json_object_new_string_len(g, (int)(sep - g)));
		sl_model_put(why, "tag_value", json_object_new_string(sep + 1));
	}
	sl_model_put(j, "why", why);
	return j;
}

/* The products: candidates in rank order, then tr_pick(). */
static int products_json(const struct tr_ctx *c, const struct tr_opts *o, const struct tr_disc *d,
    size_t want, struct json_object *arr)
{
	unsigned char *chosen = NULL, *mine = NULL;
	uint32_t *cand = NULL;
	int *why = NULL;
	size_t *at = NULL, pick[TR_SUGGEST_MAX], ncand = 0, need = want + c->nbought, i, j, n, got;
	const uint16_t *pv;
	int rc = -1;

	if ((cand = malloc((need + 1) * sizeof(*cand))) == NULL ||
	    (at = malloc((need + 1) * sizeof(*at))) == NULL ||
	    (why = malloc((need + 1) * sizeof(*why))) == NULL ||
	    (chosen = calloc(d->npair + 1, 1)) == NULL || (mine = calloc(d->npair + 1, 1)) == NULL)
		goto out;
	if (o->tag_filter)
		customer_pairs(c, d, o->tag_groups, chosen, mine);
	/* at most nbought candidates are left out, so need of them suffice */
	for (i = 0; i < d->nprod && ncand < need; i++) {
		int pair = -1;

		const struct tr_disc_item *it = tr_disc_item(d, d->prod[i].id);

		if (it == NULL || !it->active)
			continue;
		if (o->tag_filter) {
			pv = tr_disc_pairs(d, d->prod[i].id, &n);
			for (j = 0; j < n && !mine[pv[j]]; j++)
				;
			if (j == n)
				continue;   /* shares no chosen pair with the customer's purchases */
			pair = pv[j];   /* the first in (group, value) order: the why */
		}
		cand[ncand] = d->prod[i].id;
		at[ncand] = i;
		why[ncand++] = pair;
	}
	got = tr_pick(cand, ncand, c->bought, c->nbought, want, pick);
	for (i = 0; i < got; i++)
		json_object_array_add(arr, product_json(c, o, d, &d->prod[at[pick[i]]], why[pick[i]]));
	rc = 0;
out:
	free(cand);
	free(at);
	free(why);
	free(chosen);
	free(mine);
	return rc;
}

static int categories_json(const struct tr_ctx *c, const struct tr_disc *d, size_t want,
    struct json_object *arr)
{
	size_t need = want + c->nbought_cats, n = d->ncat < need ? d->ncat : need, i, got;
	size_t pick[TR_SUGGEST_MAX];
	uint32_t *cand = malloc((n + 1) * sizeof(*cand));
	struct json_object *j;

	if (cand == NULL)
		return -1;
	for (i = 0; i < n; i++)
		cand[i] = d->cat[i].id;
	got = tr_pick(cand, n, c->bought_cats, c->nbought_cats, want, pick);
	for (i = 0; i < got; i++) {
		const struct tr_disc_prod *k = &d->cat[pick[i]];
		uint32_t parent;
		const char *name = tr_disc_category(d, k->id, &parent);

		j = json_object_new_object();
		sl_model_put(j, "category_id", json_object_new_int64(k->id));
		sl_model_put(j, "name", json_object_new_string(name ? name : ""));
		sl_model_put(j, "rank", json_object_new_int64(k->pos));
		sl_model_put(j, "customers", sl_model_count(c->lang, k->customers));
		json_object_array_add(arr, j);
	}
	free(cand);
	return 0;
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
	struct json_object *m = NULL, *prods = NULL, *cats = NULL, *run = NULL, *has;
	struct tr_disc *d = NULL;
	size_t want;

	want = (size_t)(limit > 0 ? limit : o->suggestions);
	if (want > TR_SUGGEST_MAX)
		want = TR_SUGGEST_MAX;
	if (tr_ctx_load(c) != 0)
		return NULL;
	d = c->disc;
	prods = json_object_new_array();
	cats = json_object_new_array();
	if (want > 0 && (products_json(c, o, d, want, prods) != 0 ||
	    categories_json(c, d, want, cats) != 0)) {
		log_err("trade: suggestions for customer %lld: out of memory", c->cid);
		json_object_put(prods);
		json_object_put(cats);
		return NULL;
	}
	if (d->run_id > 0) {
		run = json_object_new_object();
		sl_model_put(run, "as_of", json_object_new_string(d->as_of));
		sl_model_put(run, "from", json_object_new_string(d->from));
	}
	m = json_object_new_object();
	sl_model_put(m, "products", prods);
	sl_model_put(m, "categories", cats);
	sl_model_put(m, "tag_filter", json_object_new_boolean(o->tag_filter));
	sl_model_put(m, "tag_groups", o->tag_filter ? groups_json(o->tag_groups) :
	    json_object_new_array());
	sl_model_put(m, "popularity", run);
	has = json_object_new_object();
	sl_model_put(has, "products", json_object_new_boolean(json_object_array_length(prods) > 0));
	sl_model_put(has, "categories", json_object_new_boolean(json_object_array_length(cats) > 0));
	sl_model_put(m, "has", has);
	/* neither gives a link: the staff view says so (trade/staff) */
	sl_model_put(m, "no_links", json_object_new_boolean(d->nurl == 0 &&
	    (o->url_pattern == NULL || o->url_pattern[0] == '\0')));
	return m;
}
