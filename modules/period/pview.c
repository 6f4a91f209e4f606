/*
 * pview.c - Insights > Sales by period (GET /admin/reports/period) and its
 * data (GET /api/v1/reports/period): the same view model.
 *
 *   categories       the form's choices [{id, name, parent, selected}]
 *   form             {product, from, to, step, preset, dip, sort}: as asked
 *   step_is, preset_is, sort_is  {NAME: true}
 *   report           null until a service type is asked for, else:
 *     from, to, from_text, to_text, step, dip_pct, currency
 *     series         one per service type asked for (at most 5), each
 *                    {kind, id, host_id, name, totals {orders, units,
 *                    revenue, revenue_text, clients}, periods [...], dips
 *                    [{label, text}], charts {...}}; a period: {label,
 *                    label_text, from, to, partial, orders, units, revenue,
 *                    revenue_text, clients, ye (the same a year earlier, or
 *                    null), dip, dip_prev, dip_ye, pct_prev, pct_ye,
 *                    churned, churned_revenue, churned_revenue_text,
 *                    win_back, churn [{id, customer_id, name, revenue,
 *                    revenue_text}] (the first series only; at most 20,
 *                    the biggest first)}
 *     compare        the series' revenue side by side (labels, sets)
 *     clients        the first series' clients in the order asked for (at
 *                    most 500; clients_total counts them all): {id,
 *                    customer_id, name, purchases, units, revenue,
 *                    revenue_text, first, last, last_text, gap, next,
 *                    next_text, overdue}
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period_int.h"
#include "salient/db.h"
#include "salient/format.h"
#include "salient/input.h"
#include "salient/log.h"
#include "salient/salient.h"
#include "salient/text.h"
#include "salient/url.h"

struct view {
	struct sl_req *req;
	const char *lang, *currency;
	struct json_object *names;   /* pv_names() of every customer shown */
};

char *pv_money_fmt(const char *lang, const char *currency, int64_t amount, char *buf, size_t len)
{
	char dec[48];

	pv_money_text(amount, dec, sizeof(dec));
	if (sl_fmt_money(buf, len, lang, dec, currency) != 0)
		snprintf(buf, len, "%s", dec);
	return buf;
}

static struct json_object *money(const struct view *v, int64_t amount, const char *key,
    struct json_object *o)
{
	char dec[48], text[SL_FMT_MAX], k[48];

	pv_money_text(amount, dec, sizeof(dec));
	pv_money_fmt(v->lang, v->currency, amount, text, sizeof(text));
	json_object_object_add(o, key, json_object_new_double_s((double)amount / 10000.0, dec));
	snprintf(k, sizeof(k), "%s_text", key);
	json_object_object_add(o, k, json_object_new_string(text));
	return o;
}

static void day_member(const struct view *v, struct json_object *o, const char *key, int32_t day)
{
	char iso[16], text[SL_FMT_MAX], k[48];

	pv_day_text(day, iso, sizeof(iso));
	json_object_object_add(o, key, json_object_new_string(iso));
	if (sl_fmt_date(text, sizeof(text), v->lang, iso) != 0)
		snprintf(text, sizeof(text), "%s", iso);
	snprintf(k, sizeof(k), "%s_text", key);
	json_object_object_add(o, k, json_object_new_string(text));
}

void pv_period_text(const char *lang, enum pc_step step, int year, int num, char *buf,
    size_t len)
{
	char iso[16];

	if (step == PC_WEEK) {
		snprintf(buf, len, "%04d-W%02d", year % 10000, num);
		return;
	}
	snprintf(iso, sizeof(iso), "%04d-%02d", year % 10000, num);
	if (sl_fmt_month(buf, len, lang, iso) != 0)
		snprintf(buf, len, "%s", iso);
}

static struct json_object *fig(const struct view *v, const struct pc_fig *f)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "orders", json_object_new_int64(f->orders));
	json_object_object_add(o, "units", json_object_new_int64(f->units));
	money(v, f->revenue, "revenue", o);
	json_object_object_add(o, "clients", json_object_new_int64(f->clients));
	return o;
}

static const char *name_of(const struct view *v, uint32_t id, const char *member)
{
	struct json_object *e;
	char key[16];

	snprintf(key, sizeof(key), "%u", id);
	if (v->names == NULL || !json_object_object_get_ex(v->names, key, &e))
		return "";
	return json_object_get_string(json_object_object_get(e, member));
}

static struct json_object *churn_list(const struct view *v, const struct pc_result *r,
    const struct pc_period *p)
{
	struct json_object *arr = json_object_new_array(), *e;
	size_t i;

	for (i = 0; i < p->nchurn && i < PV_MAX_CHURN; i++) {
		const struct pc_churn *c = &r->churn[p->churn_at + i];

		e = json_object_new_object();
		json_object_object_add(e, "id", json_object_new_int64(c->customer));
		json_object_object_add(e, "customer_id",
		    json_object_new_string(name_of(v, c->customer, "customer_id")));
		json_object_object_add(e, "name", json_object_new_string(name_of(v, c->customer, "name")));
		money(v, c->revenue, "revenue", e);
		json_object_array_add(arr, e);
	}
	return arr;
}

static void pct_text(const char *lang, double pct, char *buf, size_t len)
{
	if (sl_fmt_percent(buf, len, lang, pct, 0) != 0)
		snprintf(buf, len, "%.0f", pct);
}

/* The line of text under the chart for a dip (DESIGN: in plain words). */
void pv_dip_text(struct sl_req *req, const char *lang, const struct pc_result *r, size_t i,
    char *buf, size_t len)
{
	const struct pc_period *p = &r->periods[i], *b = &r->periods[i - 1];
	char name[SL_FMT_MAX], prev[SL_FMT_MAX], ye[SL_FMT_MAX], a[SL_FMT_MAX], c[SL_FMT_MAX];
	char line[SL_TEXT_MAX / 2], churn[SL_TEXT_MAX / 2], n1[24], n2[24];
	const char *key;

	pv_period_text(lang, r->step, p->year, p->num, name, sizeof(name));
	pv_period_text(lang, r->step, b->year, b->num, prev, sizeof(prev));
	pv_period_text(lang, r->step, p->year - 1, p->num, ye, sizeof(ye));
	pct_text(lang, p->pct_prev, a, sizeof(a));
	pct_text(lang, p->pct_ye, c, sizeof(c));
	key = p->dip_prev && p->dip_ye ? "period.dip.both" : p->dip_prev ? "period.dip.prev" :
	    "period.dip.ye";
	sl_req_textf(req, line, sizeof(line), key, "period", name, "prev", prev, "pct_prev", a,
	    "ye", ye, "pct_ye", c, (const char *)NULL);
	churn[0] = '\0';
	if (p->churned > 0) {
		snprintf(n1, sizeof(n1), "%lld", (long long)p->churned);
		snprintf(n2, sizeof(n2), "%lld", (long long)b->cur.clients);
		sl_req_textf(req, churn, sizeof(churn), "period.dip.churn", "churned", n1,
		    "clients", n2, (const char *)NULL);
	}
	if (snprintf(buf, len, "%s%s%s", line, churn[0] ? "; " : "", churn) >= (int)len)
		snprintf(buf, len, "%s", line);
}

static struct json_object *period_json(const struct view *v, const struct pc_result *r, size_t i,
    int first)
{
	const struct pc_period *p = &r->periods[i];
	struct json_object *o = fig(v, &p->cur);
	char label[24], text[SL_FMT_MAX];

	json_object_object_add(o, "label", json_object_new_string(pc_label(p, r->step, label,
	    sizeof(label))));
	pv_period_text(v->lang, r->step, p->year, p->num, text, sizeof(text));
	json_object_object_add(o, "label_text", json_object_new_string(text));
	day_member(v, o, "from", p->from);
	day_member(v, o, "to", p->to);
	json_object_object_add(o, "partial", json_object_new_boolean(p->partial));
	json_object_object_add(o, "ye", p->has_ye ? fig(v, &p->ye) : NULL);
	json_object_object_add(o, "dip", json_object_new_boolean(p->dip));
	json_object_object_add(o, "dip_prev", json_object_new_boolean(p->dip_prev));
	json_object_object_add(o, "dip_ye", json_object_new_boolean(p->dip_ye));
	json_object_object_add(o, "pct_prev", p->cmp_prev && r->periods[i - 1].cur.revenue > 0 ?
	    json_object_new_double(p->pct_prev) : NULL);
	json_object_object_add(o, "pct_ye", p->has_ye && p->ye.revenue > 0 ?
	    json_object_new_double(p->pct_ye) : NULL);
	json_object_object_add(o, "churned", json_object_new_int64(p->churned));
	money(v, p->churned_revenue, "churned_revenue", o);
	json_object_object_add(o, "win_back", json_object_new_int64(p->win_back));
	if (first)
		json_object_object_add(o, "churn", churn_list(v, r, p));
	return o;
}

/* JSON text of an array of numbers or strings, for the chart's data attributes. */
static void push_num(struct json_object *arr, double x)
{
	json_object_array_add(arr, json_object_new_double(x));
}

static void chart_add(struct json_object *charts, const char *key, struct json_object *values,
    struct json_object *ye, struct json_object *marks)
{
	struct json_object *c = json_object_new_object();

	json_object_object_add(c, "values", json_object_new_string(json_object_to_json_string(values)));
	json_object_object_add(c, "compare", json_object_new_string(json_object_to_json_string(ye)));
	json_object_object_add(c, "marks", json_object_new_string(json_object_to_json_string(marks)));
	json_object_object_add(charts, key, c);
	json_object_put(values);
	json_object_put(ye);
}

static struct json_object *charts_json(const struct pc_result *r, struct json_object *labels)
{
	struct json_object *charts = json_object_new_object(), *marks = json_object_new_array();
	struct json_object *v[4], *y[4];
	static const char *const keys[] = { "orders", "units", "revenue", "clients" };
	size_t i;
	int k;

	for (k = 0; k < 4; k++) {
		v[k] = json_object_new_array();
		y[k] = json_object_new_array();
	}
	for (i = 1; i <= r->nperiods; i++) {
		const struct pc_period *p = &r->periods[i];

		push_num(v[0], (double)p->cur.orders);
		push_num(v[1], (double)p->cur.units);
		push_num(v[2], (double)p->cur.revenue / 10000.0);
		push_num(v[3], (double)p->cur.clients);
		push_num(y[0], (double)p->ye.orders);
		push_num(y[1], (double)p->ye.units);
		push_num(y[2], (double)p->ye.revenue / 10000.0);
		push_num(y[3], (double)p->ye.clients);
		json_object_array_add(marks, json_object_new_boolean(p->dip));
	}
	json_object_object_add(charts, "labels",
	    json_object_new_string(json_object_to_json_string(labels)));
	for (k = 0; k < 4; k++)
		chart_add(charts, keys[k], v[k], y[k], marks);
	json_object_put(marks);
	return charts;
}

static struct json_object *series_json(const struct view *v, const struct pv_scope *s, int first)
{
	const struct pc_result *r = &s->r;
	struct json_object *o = json_object_new_object(), *periods = json_object_new_array();
	struct json_object *dips = json_object_new_array(), *labels = json_object_new_array(), *d;
	char text[SL_TEXT_MAX], name[SL_FMT_MAX];
	size_t i;

	json_object_object_add(o, "kind", json_object_new_string(s->is_product ? "product" :
	    "category"));
	json_object_object_add(o, "id", json_object_new_int64((int64_t)s->id));
	json_object_object_add(o, "host_id", json_object_new_string(s->host_id));
	json_object_object_add(o, "name", json_object_new_string(s->name));
	json_object_object_add(o, "first", json_object_new_boolean(first));
	json_object_object_add(o, "totals", fig(v, &r->total));
	for (i = 1; i <= r->nperiods; i++) {
		json_object_array_add(periods, period_json(v, r, i, first));
		pv_period_text(v->lang, r->step, r->periods[i].year, r->periods[i].num, name, sizeof(name));
		json_object_array_add(labels, json_object_new_string(name));
		if (!r->periods[i].dip)
			continue;
		pv_dip_text(v->req, v->lang, r, i, text, sizeof(text));
		d = json_object_new_object();
		json_object_object_add(d, "label", json_object_new_string(name));
		json_object_object_add(d, "text", json_object_new_string(text));
		json_object_array_add(dips, d);
	}
	json_object_object_add(o, "periods", periods);
	json_object_object_add(o, "any_dips", json_object_new_boolean(
	    json_object_array_length(dips) > 0));
	json_object_object_add(o, "dips", dips);
	json_object_object_add(o, "charts", charts_json(r, labels));
	json_object_put(labels);
	return o;
}

static struct json_object *client_json(const struct view *v, const struct pc_client *c)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(c->customer));
	json_object_object_add(o, "customer_id",
	    json_object_new_string(name_of(v, c->customer, "customer_id")));
	json_object_object_add(o, "name", json_object_new_string(name_of(v, c->customer, "name")));
	json_object_object_add(o, "purchases", json_object_new_int64(c->purchases));
	json_object_object_add(o, "units", json_object_new_int64(c->units));
	money(v, c->revenue, "revenue", o);
	day_member(v, o, "first", c->first);
	day_member(v, o, "last", c->last);
	json_object_object_add(o, "gap", c->has_gap ? json_object_new_double(c->gap) : NULL);
	if (c->has_gap) {
		char g[32], text[SL_FMT_MAX];

		snprintf(g, sizeof(g), "%.1f", c->gap);
		if (sl_fmt_decimal(text, sizeof(text), v->lang, g, 1) != 0)
			snprintf(text, sizeof(text), "%s", g);
		json_object_object_add(o, "gap_text", json_object_new_string(text));
		day_member(v, o, "next", c->next);
	}
	json_object_object_add(o, "overdue", json_object_new_boolean(c->overdue));
	return o;
}

/* The side-by-side chart: one revenue series per service type. */
static struct json_object *compare_json(const struct view *v, const struct pv_params *p)
{
	struct json_object *o = json_object_new_object(), *sets = json_object_new_array(), *s, *vals;
	struct json_object *labels = json_object_new_array();
	const struct pc_result *r0 = &p->scopes[0].r;
	char name[SL_FMT_MAX];
	size_t i, k;

	for (i = 1; i <= r0->nperiods; i++) {
		pv_period_text(v->lang, r0->step, r0->periods[i].year, r0->periods[i].num, name, sizeof(name));
		json_object_array_add(labels, json_object_new_string(name));
	}
	json_object_object_add(o, "labels", json_object_new_string(json_object_to_json_string(labels)));
	json_object_put(labels);

	for (k = 0; k < p->nscopes; k++) {
		const struct pc_result *r = &p->scopes[k].r;

		s = json_object_new_object();
		vals = json_object_new_array();
		for (i = 1; i <= r->nperiods; i++)
			push_num(vals, (double)r->periods[i].cur.revenue / 10000.0);
		json_object_object_add(s, "label", json_object_new_string(p->scopes[k].name));
		json_object_object_add(s, "values", vals);
		json_object_array_add(sets, s);
	}
	json_object_object_add(o, "sets", json_object_new_string(json_object_to_json_string(sets)));
	json_object_put(sets);
	return o;
}

/* The ids of every customer the model names (clients shown, churn lists). */
static int names_for(struct sl_db *db, struct view *v, const struct pv_params *p,
    const struct pc_client **sorted, size_t nshow)
{
	const struct pc_result *r = &p->scopes[0].r;
	uint32_t *ids;
	size_t n = 0, i, k;

	if ((ids = malloc((nshow + r->nperiods * PV_MAX_CHURN + 1) * sizeof(*ids))) == NULL)
		return -1;
	for (i = 0; i < nshow; i++)
		ids[n++] = sorted[i]->customer;
	for (i = 1; i <= r->nperiods; i++)
		for (k = 0; k < r->periods[i].nchurn && k < PV_MAX_CHURN; k++)
			ids[n++] = r->churn[r->periods[i].churn_at + k].customer;
	v->names = pv_names(db, ids, n);
	free(ids);
	return v->names == NULL ? -1 : 0;
}

static int report_json(struct sl_req *req, struct view *v, const struct pv_params *p,
    struct json_object **out)
{
	struct json_object *o = json_object_new_object(), *arr;
	const struct pc_client **sorted;
	size_t n, i, nshow;

	*out = NULL;
	if ((sorted = pv_sorted_clients(p, &n)) == NULL)
		goto fail;
	nshow = n < PV_MAX_CLIENTS ? n : PV_MAX_CLIENTS;
	if (names_for(sl_req_db(req), v, p, sorted, nshow) != 0) {
		free(sorted);
		goto fail;
	}
	day_member(v, o, "from", p->from);
	day_member(v, o, "to", p->to);
	day_member(v, o, "as_of", p->today);
	json_object_object_add(o, "step", json_object_new_string(pv_steps[p->step]));
	json_object_object_add(o, "dip_pct", json_object_new_int(p->dip));
	json_object_object_add(o, "currency", json_object_new_string(v->currency ? v->currency : ""));
	arr = json_object_new_array();
	for (i = 0; i < p->nscopes; i++)
		json_object_array_add(arr, series_json(v, &p->scopes[i], i == 0));
	json_object_object_add(o, "series", arr);
	json_object_object_add(o, "several", json_object_new_boolean(p->nscopes > 1));
	json_object_object_add(o, "compare", compare_json(v, p));
	json_object_object_add(o, "main_name", json_object_new_string(p->scopes[0].name));
	arr = json_object_new_array();
	for (i = 0; i < nshow; i++)
		json_object_array_add(arr, client_json(v, sorted[i]));
	free(sorted);
	json_object_object_add(o, "clients", arr);
	json_object_object_add(o, "clients_total", json_object_new_int64((int64_t)n));
	json_object_object_add(o, "clients_more", json_object_new_boolean(n > nshow));
	*out = o;
	return 0;
fail:
	json_object_put(o);
	return -1;
}

/* The report's inputs as a query ("?category=3&from=..."), for the CSV
 * link and the sort links; "" when it does not fit. */
static void query_of(const struct pv_params *p, int sort, char *buf, size_t len)
{
	struct sl_url u;
	char d[16];
	size_t k;

	sl_url_init(&u, buf, len);
	for (k = 0; k < p->nscopes; k++)
		if (p->scopes[k].is_product)
			sl_url_add(&u, "product", p->scopes[k].host_id);
		else
			sl_url_add_int(&u, "category", (long long)p->scopes[k].id);
	sl_url_add(&u, "from", pv_day_text(p->from, d, sizeof(d)));
	sl_url_add(&u, "to", pv_day_text(p->to, d, sizeof(d)));
	sl_url_add(&u, "step", pv_steps[p->step]);
	sl_url_add_int(&u, "dip", p->dip);
	sl_url_add(&u, "sort", pv_sorts[sort]);
	if (sl_url_get(&u) == NULL && len > 0)
		buf[0] = '\0';
}

/* The form: the categories to pick and what was asked. */
static int form_json(struct sl_req *req, const struct pv_params *p, struct json_object *m)
{
	struct json_object *cats, *c, *form = json_object_new_object(), *is;
	size_t i, k;
	long long id;
	int sel;
	char buf[16];

	if ((cats = sl_db_rows(sl_req_db(req), SL_SQL(pv_sql, PV_SQL_CATEGORIES))) == NULL)
		return -1;
	for (i = 0; i < json_object_array_length(cats); i++) {
		c = json_object_array_get_idx(cats, i);
		id = json_object_get_int64(json_object_object_get(c, "id"));
		for (sel = 0, k = 0; k < p->nscopes; k++)
			sel |= !p->scopes[k].is_product && p->scopes[k].id == (unsigned long long)id;
		json_object_object_add(c, "selected", json_object_new_boolean(sel));
		json_object_object_add(c, "sub", json_object_new_boolean(
		    json_object_object_get(c, "parent_id") != NULL));
	}
	sl_model_put(m, "categories", cats);
	for (k = 0; k < p->nscopes; k++)
		if (p->scopes[k].is_product)
			json_object_object_add(form, "product", json_object_new_string(p->scopes[k].host_id));
	json_object_object_add(form, "from", json_object_new_string(pv_day_text(p->from, buf,
	    sizeof(buf))));
	json_object_object_add(form, "to", json_object_new_string(pv_day_text(p->to, buf,
	    sizeof(buf))));
	json_object_object_add(form, "dip", json_object_new_int(p->dip));
	sl_model_put(m, "form", form);
	is = json_object_new_object();
	json_object_object_add(is, pv_steps[p->step], json_object_new_boolean(1));
	sl_model_put(m, "step_is", is);
	is = json_object_new_object();
	if (p->preset != NULL)
		json_object_object_add(is, p->preset, json_object_new_boolean(1));
	sl_model_put(m, "preset_is", is);
	is = json_object_new_object();
	json_object_object_add(is, pv_sorts[p->sort], json_object_new_boolean(1));
	sl_model_put(m, "sort_is", is);
	if (p->nscopes > 0) {
		struct json_object *links = json_object_new_object();
		char q[SL_URL_MAX];
		int j;

		query_of(p, p->sort, q, sizeof(q));
		sl_model_put(m, "query", json_object_new_string(q));
		for (j = 0; pv_sorts[j] != NULL; j++) {
			query_of(p, j, q, sizeof(q));
			json_object_object_add(links, pv_sorts[j], json_object_new_string(q));
		}
		sl_model_put(m, "sort_links", links);
	}
	return 0;
}

int pv_page(struct sl_req *req, struct sl_resp *resp)
{
	struct pv_params p;
	struct view v = { req, sl_req_lang(req), sl_req_conf(req, "site.currency"), NULL };
	struct json_object *m = NULL, *rep = NULL;
	int rc;

	if ((rc = pv_params(req, resp, &p)) == 1)
		return 0;
	if (rc < 0)
		return -1;
	if (rc == 2 && sl_req_wants_json(req)) {
		sl_resp_fail(req, resp, 400, "required", "period.err.no_scope", (const char *)NULL);
		return 0;
	}
	if (rc == 0 && (pv_compute(sl_req_db(req), &p) != 0 || report_json(req, &v, &p, &rep) != 0))
		goto fail;
	m = json_object_new_object();
	if (form_json(req, &p, m) != 0)
		goto fail;
	sl_model_put(m, "report", rep);
	rep = NULL;
	sl_resp_model(resp, m);
	json_object_put(v.names);
	pv_params_free(&p);
	return 0;
fail:
	json_object_put(m);
	json_object_put(rep);
	json_object_put(v.names);
	pv_params_free(&p);
	return -1;
}
