/*
 * trade_data.c - the summary, top lists and target of one customer as view
 * models (salient/trade.h), built from a struct tr_ctx (tr_ctx.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/contract.h"
#include "salient/log.h"
#include "salient/db.h"
#include "salient/format.h"
#include "salient/trade.h"
#include "tr_disc.h"
#include "tr_int.h"
#include "tr_target.h"
#include "tr_text.h"


/* ------------------------------------------------------------ customer */

int tr_customer_model(struct sl_db *db, long long cid, struct json_object **out)
{
	struct json_object *c = NULL, *is;
	const char *first, *last, *type;
	char name[256];
	int found;

	*out = NULL;
	if ((found = sl_db_row(db, &c, SL_SQL(tr_sql, TR_CUSTOMER), cid)) <= 0) {
		if (found < 0)
			log_err("trade: customer %lld: %s", cid, sl_db_error(db));
		return found;
	}
	first = tr_str(c, "first_name");
	last = tr_str(c, "last_name");
	if ((first && first[0]) || (last && last[0]))
		snprintf(name, sizeof(name), "%s%s%s", first ? first : "",
		    first && first[0] && last && last[0] ? " " : "", last ? last : "");
	else
		snprintf(name, sizeof(name), "%s", tr_str(c, "email") ? tr_str(c, "email") :
		    tr_str(c, "customer_id"));
	json_object_object_add(c, "name", json_object_new_string(name));
	is = json_object_new_object();
	if ((type = tr_str(c, "smart_type")) != NULL)
		json_object_object_add(is, type, json_object_new_boolean(1));
	json_object_object_add(c, "is", is);
	*out = c;
	return 1;
}

/* ------------------------------------------------------------ summary */

/* v / n rounded half away from zero (n > 0). */
static int64_t div_round(int64_t v, int64_t n)
{
	return v >= 0 ? (v + n / 2) / n : -((-v + n / 2) / n);
}

static struct json_object *aov(const struct tr_ctx *c, int64_t rev, int64_t n)
{
	return n > 0 ? tr_money(c->lang, div_round(rev, n), c->currency) : NULL;
}

struct json_object *tr_summary_model(struct tr_ctx *c)
{
	struct json_object *m, *o, *months, *labels, *cur, *prev;
	int64_t rev_c = 0, rev_q = 0, n_c = 0, n_q = 0;
	char iso[16], digits[32], text[SL_FMT_MAX];
	int k, any = 0;

	if (tr_ctx_load(c) != 0)
		return NULL;
	for (k = 0; k < 12; k++) {
		rev_q += c->slice_rev[k];
		n_q += c->slice_orders[k];
		rev_c += c->slice_rev[12 + k];
		n_c += c->slice_orders[12 + k];
	}
	m = json_object_new_object();
	tr_add_date(m, c->lang, "as_of", c->t);
	o = json_object_new_object();
	tr_add_date(o, c->lang, "from", c->b[12]);
	tr_add_date(o, c->lang, "to", c->t);
	tr_add_date(o, c->lang, "prev_from", c->b[0]);
	sl_model_put(m, "period", o);
	sl_model_put(m, "currency", c->currency[0] ? json_object_new_string(c->currency) : NULL);

	o = json_object_new_object();
	sl_model_put(o, "current", tr_money(c->lang, rev_c, c->currency));
	sl_model_put(o, "previous", tr_money(c->lang, rev_q, c->currency));
	if (rev_q > 0) {
		double pct = 100.0 * (double)(rev_c - rev_q) / (double)rev_q;

		sl_fmt_percent(text, sizeof(text), c->lang, pct, 1);
		sl_model_put(o, "change_pct", json_object_new_double(pct));
		sl_model_put(o, "change_text", json_object_new_string(text));
		sl_model_put(o, "up", json_object_new_boolean(rev_c >= rev_q));
	} else {
		sl_model_put(o, "change_pct", NULL);
	}
	sl_model_put(m, "revenue", o);

	o = json_object_new_object();
	sl_model_put(o, "current", sl_model_count(c->lang, n_c));
	sl_model_put(o, "previous", sl_model_count(c->lang, n_q));
	sl_model_put(m, "orders", o);
	o = json_object_new_object();
	sl_model_put(o, "current", aov(c, rev_c, n_c));
	sl_model_put(o, "previous", aov(c, rev_q, n_q));
	sl_model_put(m, "aov", o);

	o = json_object_new_object();
	months = json_object_new_array();
	labels = json_object_new_array();
	cur = json_object_new_array();
	prev = json_object_new_array();
	for (k = 0; k < 12; k++) {
		tr_iso(c->b[13 + k], iso, sizeof(iso));
		iso[7] = '\0';
		json_object_array_add(months, json_object_new_string(iso));
		if (sl_fmt_month(text, sizeof(text), c->lang, iso) != 0)
			snprintf(text, sizeof(text), "%s", iso);
		json_object_array_add(labels, json_object_new_string(text));
		tr_money_text(c->slice_rev[12 + k], digits, sizeof(digits));
		json_object_array_add(cur, json_object_new_double_s((double)c->slice_rev[12 + k] / 1e4, digits));
		tr_money_text(c->slice_rev[k], digits, sizeof(digits));
		json_object_array_add(prev, json_object_new_double_s((double)c->slice_rev[k] / 1e4, digits));
		any |= c->slice_orders[k] > 0 || c->slice_orders[12 + k] > 0;
	}
	sl_model_put(o, "months", months);
	sl_model_put(o, "labels", labels);
	sl_model_put(o, "current", cur);
	sl_model_put(o, "previous", prev);
	sl_model_put(o, "empty", json_object_new_boolean(!any));
	sl_model_put(m, "chart", o);
	return m;
}

/* ------------------------------------------------------------ top lists */

struct agg {
	uint32_t id;
	const char *name;       /* borrowed from the context */
	const char *group;      /* tags: the pair, borrowed, value after the 0x1f */
	size_t glen;
	int64_t rev;
	long long n;
};

static int agg_cmp(const void *a, const void *b)
{
	const struct agg *x = a, *y = b;
	int d;

	if (x->rev != y->rev)
		return x->rev > y->rev ? -1 : 1;
	if (x->group != NULL && y->group != NULL) {
		size_t n = x->glen < y->glen ? x->glen : y->glen;

		if ((d = memcmp(x->group, y->group, n)) != 0)
			return d;
		return x->glen < y->glen ? -1 : x->glen > y->glen;
	}
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Adds rev to the entry with id (or the pair group/glen) in a[0..*n). */
static void agg_add(struct agg *a, size_t *n, uint32_t id, const char *name, const char *group,
    size_t glen, int64_t rev)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (group != NULL ? (a[i].glen == glen && memcmp(a[i].group, group, glen) == 0) :
		    a[i].id == id)
			break;
	if (i == *n) {
		memset(&a[i], 0, sizeof(a[i]));
		a[i].id = id;
		a[i].name = name;
		a[i].group = group;
		a[i].glen = glen;
		(*n)++;
	}
	a[i].rev += rev;
	a[i].n++;
}

static int prod_cmp(const void *a, const void *b)
{
	const struct tr_prod *x = *(const struct tr_prod *const *)a;
	const struct tr_prod *y = *(const struct tr_prod *const *)b;

	if (x->rev_cur != y->rev_cur)
		return x->rev_cur > y->rev_cur ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static struct json_object *named(const struct tr_ctx *c, const char *idkey, uint32_t id,
    const char *name, int64_t rev)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, idkey, json_object_new_int64(id));
	sl_model_put(o, "name", json_object_new_string(name ? name : ""));
	sl_model_put(o, "revenue", tr_money(c->lang, rev, c->currency));
	return o;
}

/* The top lists' JSON from the sorted aggregates; without groups and tags
 * (NULL) for the customer's own page. */
static struct json_object *top_json(const struct tr_ctx *c, const struct tr_prod *const *act,
    size_t nact, int64_t total, const struct agg *cats, size_t ncats, const struct agg *groups,
    size_t ngroups, const struct agg *tags, size_t ntags, int limit)
{
	struct json_object *m, *arr, *o;
	char text[SL_FMT_MAX];
	size_t i;

	m = json_object_new_object();
	arr = json_object_new_array();
	for (i = 0; i < nact && i < (size_t)limit; i++) {
		const struct tr_prod *p = act[i];
		double pct = total > 0 ? 100.0 * (double)p->rev_cur / (double)total : 0;

		o = json_object_new_object();
		sl_model_put(o, "product_id", json_object_new_int64(p->id));
		sl_model_put(o, "sku", p->sku ? json_object_new_string(p->sku) : NULL);
		sl_model_put(o, "name", json_object_new_string(p->name ? p->name : ""));
		sl_model_put(o, "category", p->category ? json_object_new_string(p->category) : NULL);
		sl_model_put(o, "revenue", tr_money(c->lang, p->rev_cur, c->currency));
		sl_model_put(o, "quantity", sl_model_count(c->lang, p->qty_cur));
		sl_fmt_percent(text, sizeof(text), c->lang, pct, 1);
		sl_model_put(o, "share_pct", json_object_new_double(pct));
		sl_model_put(o, "share_text", json_object_new_string(text));
		json_object_array_add(arr, o);
	}
	sl_model_put(m, "products", arr);
	arr = json_object_new_array();
	for (i = 0; i < ncats && i < (size_t)limit; i++) {
		o = named(c, "category_id", cats[i].id, cats[i].name, cats[i].rev);
		sl_model_put(o, "products", sl_model_count(c->lang, cats[i].n));
		json_object_array_add(arr, o);
	}
	sl_model_put(m, "categories", arr);
	o = json_object_new_object();
	sl_model_put(o, "products", json_object_new_boolean(nact > 0));
	sl_model_put(o, "categories", json_object_new_boolean(ncats > 0));
	sl_model_put(m, "has", o);
	if (groups == NULL || tags == NULL)
		return m;   /* the customer's own page */
	sl_model_put(o, "groups", json_object_new_boolean(ngroups > 0));
	sl_model_put(o, "tags", json_object_new_boolean(ntags > 0));
	arr = json_object_new_array();
	for (i = 0; i < ngroups && i < (size_t)limit; i++)
		json_object_array_add(arr, named(c, "category_id", groups[i].id, groups[i].name,
		    groups[i].rev));
	sl_model_put(m, "groups", arr);
	arr = json_object_new_array();
	for (i = 0; i < ntags && i < (size_t)limit; i++) {
		const char *sep = memchr(tags[i].group, '\x1f', tags[i].glen);

		o = json_object_new_object();
		sl_model_put(o, "tag_group", json_object_new_string_len(tags[i].group,
		    (int)(sep - tags[i].group)));
		sl_model_put(o, "tag_value", json_object_new_string_len(sep + 1,
		    (int)(tags[i].group + tags[i].glen - sep - 1)));
		sl_model_put(o, "revenue", tr_money(c->lang, tags[i].rev, c->currency));
		json_object_array_add(arr, o);
	}
	sl_model_put(m, "tags", arr);
	return m;
}

struct json_object *tr_top_model(struct tr_ctx *c, int limit, int staff)
{
	struct json_object *m = NULL;
	const struct tr_prod **act = NULL;
	struct agg *cats = NULL, *groups = NULL;
	int64_t *tagrev = NULL, total = 0;
	unsigned char *tagseen = NULL;
	struct tr_disc *d = NULL;
	size_t nact = 0, ncats = 0, ngroups = 0, ntags = 0, i, j, n;
	const uint16_t *pv;

	if (limit <= 0)
		limit = TR_TOP_DEFAULT;
	if (tr_ctx_load(c) != 0)
		return NULL;
	d = c->disc;
	n = c->nprod ? c->nprod : 1;
	act = calloc(n, sizeof(*act));
	cats = calloc(n, sizeof(*cats));
	groups = calloc(n, sizeof(*groups));
	tagrev = calloc(staff ? d->npair + 1 : 1, sizeof(*tagrev));
	tagseen = calloc(staff ? d->npair + 1 : 1, 1);
	if (act == NULL || cats == NULL || groups == NULL || tagrev == NULL || tagseen == NULL)
		goto out;
	for (i = 0; i < c->nprod; i++) {
		const struct tr_prod *p = &c->prod[i];

		if (p->rev_cur <= 0 && p->qty_cur <= 0)
			continue;   /* bought before C only */
		act[nact++] = p;
		total += p->rev_cur;
		if (p->category_id != 0)
			agg_add(cats, &ncats, p->category_id, p->category, NULL, 0, p->rev_cur);
		if (!staff)
			continue;
		if (p->category_id != 0) {
			if (p->parent_id != 0)
				agg_add(groups, &ngroups, p->parent_id, p->parent, NULL, 0, p->rev_cur);
			else
				agg_add(groups, &ngroups, p->category_id, p->category, NULL, 0, p->rev_cur);
		}
		pv = tr_disc_pairs(d, p->id, &n);
		for (j = 0; j < n; j++) {
			tagrev[pv[j]] += p->rev_cur;
			tagseen[pv[j]] = 1;
		}
	}
	qsort(act, nact, sizeof(*act), prod_cmp);
	qsort(cats, ncats, sizeof(*cats), agg_cmp);
	qsort(groups, ngroups, sizeof(*groups), agg_cmp);
	for (i = 0; staff && i < d->npair; i++)
		ntags += tagseen[i];
	{
		struct agg *tags = calloc(ntags ? ntags : 1, sizeof(*tags));

		if (tags == NULL)
			goto out;
		for (i = 0, j = 0; staff && i < d->npair; i++)
			if (tagseen[i]) {
				tags[j].group = d->pair[i];
				tags[j].glen = strlen(d->pair[i]);
				tags[j++].rev = tagrev[i];
			}
		qsort(tags, ntags, sizeof(*tags), agg_cmp);
		m = top_json(c, act, nact, total, cats, ncats, staff ? groups : NULL, ngroups,
		    staff ? tags : NULL, ntags, limit);
		free(tags);
	}

out:
	if (m == NULL)
		log_err("trade: top lists of customer %lld: out of memory", c->cid);
	free(act);
	free(cats);
	free(groups);
	free(tagrev);
	free(tagseen);
	return m;
}

/* ------------------------------------------------------------ target */

/* qsort_r: the targets' order on the page, latest start first. */
static int tgt_cmp(const void *a, const void *b, void *arg)
{
	const struct tr_tgt *t = arg, *x = &t[*(const size_t *)a], *y = &t[*(const size_t *)b];

	if (x->start != y->start)
		return x->start > y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The view of one target [s, e] of amount with actual, as of the context's T. */
static struct json_object *target_json(struct tr_ctx *c, long long id, int64_t s, int64_t e,
    int64_t amount, int64_t actual)
{
	struct json_object *o, *is;
	struct tr_progress p;
	char text[SL_FMT_MAX];
	int bar;

	if (tr_target_progress(s, e, amount, actual, c->t, &p) != 0)
		return NULL;
	o = json_object_new_object();
	sl_model_put(o, "id", json_object_new_int64(id));
	tr_add_date(o, c->lang, "period_start", s);
	tr_add_date(o, c->lang, "period_end", e);
	sl_model_put(o, "period_days", json_object_new_int64(p.period_days));
	sl_model_put(o, "elapsed_days", json_object_new_int64(p.elapsed_days));
	sl_model_put(o, "state", json_object_new_string(tr_tstate_name(p.state)));
	is = json_object_new_object();
	json_object_object_add(is, tr_tstate_name(p.state), json_object_new_boolean(1));
	sl_model_put(o, "is", is);
	sl_model_put(o, "amount", tr_money(c->lang, amount, c->currency));
	sl_model_put(o, "actual", tr_money(c->lang, actual, c->currency));
	sl_model_put(o, "progress_pct", json_object_new_double(p.progress_pct));
	sl_fmt_percent(text, sizeof(text), c->lang, p.progress_pct, 1);
	sl_model_put(o, "progress_text", json_object_new_string(text));
	bar = p.progress_pct >= 100 ? 100 : p.progress_pct <= 0 ? 0 : (int)p.progress_pct;
	sl_model_put(o, "bar", json_object_new_int(bar));
	sl_model_put(o, "forecast", p.forecast_def ?
	    tr_money(c->lang, p.forecast, c->currency) : NULL);
	sl_model_put(o, "forecast_reaches", p.forecast_def ?
	    json_object_new_boolean(p.forecast >= amount) : NULL);
	sl_model_put(o, "remaining", tr_money(c->lang, p.remaining, c->currency));
	sl_model_put(o, "reached", json_object_new_boolean(actual >= amount));
	return o;
}

struct json_object *tr_target_model(struct tr_ctx *c)
{
	struct json_object *m, *all, *o;
	int64_t s[TR_MAX_TARGETS], e[TR_MAX_TARGETS];
	long long id[TR_MAX_TARGETS];
	size_t i, *order = NULL;
	long pick;

	if (tr_ctx_load(c) != 0)
		return NULL;
	for (i = 0; i < c->ntgt; i++) {
		s[i] = c->tgt[i].start;
		e[i] = c->tgt[i].end;
		id[i] = c->tgt[i].id;
	}
	pick = tr_target_choose(s, e, id, c->ntgt, c->t);
	m = json_object_new_object();
	all = json_object_new_array();
	/* latest start first, then latest end, then id */
	if ((order = malloc((c->ntgt + 1) * sizeof(*order))) == NULL) {
		json_object_put(m);
		json_object_put(all);
		return NULL;
	}
	for (i = 0; i < c->ntgt; i++)
		order[i] = i;
	qsort_r(order, c->ntgt, sizeof(*order), tgt_cmp, c->tgt);
	for (i = 0; i < c->ntgt; i++) {
		const struct tr_tgt *g = &c->tgt[order[i]];

		if ((o = target_json(c, g->id, g->start, g->end, g->amount, g->actual)) == NULL)
			continue;
		sl_model_put(o, "current", json_object_new_boolean((long)order[i] == pick));
		if ((long)order[i] == pick)
			sl_model_put(m, "target", json_object_get(o));
		json_object_array_add(all, o);
	}
	free(order);
	if (!json_object_object_get_ex(m, "target", NULL))
		sl_model_put(m, "target", NULL);
	sl_model_put(m, "targets", all);
	return m;
}

/* ------------------------------------------------------------ the API */

int tr_customer(struct sl_db *db, long long cid, const char *lang, struct json_object **out)
{
	(void)lang;
	return tr_customer_model(db, cid, out);
}

struct json_object *tr_summary(struct sl_db *db, long long cid, const char *as_of,
    const char *lang)
{
	struct json_object *m;
	struct tr_ctx c;

	if (tr_ctx_init(&c, db, cid, as_of, lang) != 0)
		return NULL;
	m = tr_summary_model(&c);
	tr_ctx_free(&c);
	return m;
}

struct json_object *tr_top(struct sl_db *db, long long cid, const char *as_of,
    const char *lang, int limit)
{
	struct json_object *m;
	struct tr_ctx c;

	if (tr_ctx_init(&c, db, cid, as_of, lang) != 0)
		return NULL;
	m = tr_top_model(&c, limit, 1);
	tr_ctx_free(&c);
	return m;
}

struct json_object *tr_target(struct sl_db *db, long long cid, const char *as_of,
    const char *lang)
{
	struct json_object *m;
	struct tr_ctx c;

	if (tr_ctx_init(&c, db, cid, as_of, lang) != 0)
		return NULL;
	m = tr_target_model(&c);
	tr_ctx_free(&c);
	return m;
}

struct json_object *tr_suggestions(struct sl_db *db, long long cid, const char *as_of,
    const char *lang, int limit)
{
	struct json_object *m = NULL;
	struct tr_opts o;
	struct tr_ctx c;

	if (tr_ctx_init(&c, db, cid, as_of, lang) != 0)
		return NULL;
	if (tr_opts_read(db, &o) == 0)
		m = tr_suggest_model(&c, &o, limit);
	tr_opts_free(&o);
	tr_ctx_free(&c);
	return m;
}
