/*
 * ppdf.c - the report as PDF (GET /admin/reports/period.pdf, the page's
 * inputs) in the reader's language, drawn with the report module's PDF
 * layer (salient/pdf.h, cairo and pango): a title block, per service type
 * its revenue chart against a year earlier (24 periods a chart), the table
 * of periods, the dips in words; then the first service type's clients
 * (the first PV_PDF_CLIENTS in the order asked for).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period_int.h"
#include "salient/db.h"
#include "salient/log.h"
#include "salient/pdf.h"
#include "salient/salient.h"
#include "salient/text.h"

#define PV_PDF_CLIENTS 100
#define PV_CHART_MAX 24

struct pdf_ctx {
	struct sl_req *req;
	const char *lang, *currency;
};

static int ytext(char *buf, size_t len, double v, const void *arg)
{
	const struct pdf_ctx *c = arg;

	return pv_money_fmt(c->lang, NULL, (int64_t)(v * 10000.0), buf, len) ? 0 : -1;
}

static void charts(struct pdf_doc *d, const struct pdf_ctx *c, const struct pc_result *r)
{
	char lab[PV_CHART_MAX][32];
	const char *labels[PV_CHART_MAX];
	double cur[PV_CHART_MAX], ye[PV_CHART_MAX];
	size_t at, k;

	for (at = 1; at <= r->nperiods; at += PV_CHART_MAX) {
		struct pdf_chart ch;

		memset(&ch, 0, sizeof(ch));
		for (k = 0; k < PV_CHART_MAX && at + k <= r->nperiods; k++) {
			const struct pc_period *p = &r->periods[at + k];

			pv_period_text(c->lang, r->step, p->year, p->num, lab[k], sizeof(lab[k]));
			labels[k] = lab[k];
			cur[k] = (double)p->cur.revenue / 10000.0;
			ye[k] = (double)p->ye.revenue / 10000.0;
		}
		ch.n = k;
		ch.labels = labels;
		ch.cur = cur;
		ch.prev = ye;
		ch.cur_name = sl_req_text(c->req, "period.series.now");
		ch.prev_name = sl_req_text(c->req, "period.series.ye");
		ch.bars = 1;
		ch.ytext = ytext;
		ch.arg = c;
		pdf_need(d, 220);
		pdf_chart_monthly(d, &ch);
		pdf_space(d, 6);
	}
}

static void periods_table(struct pdf_doc *d, const struct pdf_ctx *c, const struct pc_result *r)
{
	struct pdf_col cols[] = {
		{ sl_req_text(c->req, "period.col.period"), 1.4, PDF_LEFT },
		{ sl_req_text(c->req, "period.col.orders"), 0.9, PDF_RIGHT },
		{ sl_req_text(c->req, "period.col.units"), 0.8, PDF_RIGHT },
		{ sl_req_text(c->req, "period.col.revenue"), 1.3, PDF_RIGHT },
		{ sl_req_text(c->req, "period.col.revenue_ye"), 1.3, PDF_RIGHT },
		{ sl_req_text(c->req, "period.col.clients"), 0.8, PDF_RIGHT },
		{ sl_req_text(c->req, "period.col.churned"), 0.9, PDF_RIGHT },
		{ sl_req_text(c->req, "period.col.win_back"), 0.9, PDF_RIGHT },
	};
	char cell[8][64];
	const char *row[8];
	size_t i, k;

	if (pdf_table_begin(d, cols, 8) != 0)
		return;
	for (i = 1; i <= r->nperiods; i++) {
		const struct pc_period *p = &r->periods[i];

		pv_period_text(c->lang, r->step, p->year, p->num, cell[0], sizeof(cell[0]));
		if (p->dip)   /* a dip: a small triangle after its name */
			snprintf(cell[0] + strlen(cell[0]), sizeof(cell[0]) - strlen(cell[0]), " \xe2\x96\xbc");
		snprintf(cell[1], sizeof(cell[1]), "%lld", (long long)p->cur.orders);
		snprintf(cell[2], sizeof(cell[2]), "%lld", (long long)p->cur.units);
		pv_money_fmt(c->lang, c->currency, p->cur.revenue, cell[3], sizeof(cell[3]));
		if (p->has_ye)
			pv_money_fmt(c->lang, c->currency, p->ye.revenue, cell[4], sizeof(cell[4]));
		else
			cell[4][0] = '\0';
		snprintf(cell[5], sizeof(cell[5]), "%lld", (long long)p->cur.clients);
		snprintf(cell[6], sizeof(cell[6]), "%lld", (long long)p->churned);
		snprintf(cell[7], sizeof(cell[7]), "%lld", (long long)p->win_back);
		for (k = 0; k < 8; k++)
			row[k] = cell[k];
		pdf_table_row(d, row);
	}
	pdf_table_end(d);
}

static void clients_table(struct pdf_doc *d, const struct pdf_ctx *c, const struct pv_params *p)
{
	struct pdf_col cols[] = {
		{ sl_req_text(c->req, "period.col.client"), 2.2, PDF_LEFT },
		{ sl_req_text(c->req, "period.col.purchases"), 0.9, PDF_RIGHT },
		{ sl_req_text(c->req, "period.col.revenue"), 1.3, PDF_RIGHT },
		{ sl_req_text(c->req, "period.col.gap"), 1.0, PDF_RIGHT },
		{ sl_req_text(c->req, "period.col.last"), 1.1, PDF_LEFT },
		{ sl_req_text(c->req, "period.col.next"), 1.3, PDF_LEFT },
	};
	const struct pc_client **v;
	struct json_object *names = NULL, *e;
	uint32_t ids[PV_PDF_CLIENTS];
	char cell[6][300], key[16];
	const char *row[6];
	size_t n, i, k, shown;

	if ((v = pv_sorted_clients(p, &n)) == NULL)
		return;
	shown = n < PV_PDF_CLIENTS ? n : PV_PDF_CLIENTS;
	for (i = 0; i < shown; i++)
		ids[i] = v[i]->customer;
	if (shown > 0 && (names = pv_names(sl_req_db(c->req), ids, shown)) == NULL) {
		free(v);
		return;
	}
	if (pdf_table_begin(d, cols, 6) != 0)
		goto done;
	for (i = 0; i < shown; i++) {
		snprintf(key, sizeof(key), "%u", v[i]->customer);
		e = json_object_object_get(names, key);
		snprintf(cell[0], sizeof(cell[0]), "%s (%s)",
		    json_object_get_string(json_object_object_get(e, "name")),
		    json_object_get_string(json_object_object_get(e, "customer_id")));
		snprintf(cell[1], sizeof(cell[1]), "%lld", (long long)v[i]->purchases);
		pv_money_fmt(c->lang, c->currency, v[i]->revenue, cell[2], sizeof(cell[2]));
		cell[3][0] = cell[5][0] = '\0';
		if (v[i]->has_gap) {
			snprintf(cell[3], sizeof(cell[3]), "%.1f", v[i]->gap);
			pv_day_text(v[i]->next, cell[5], sizeof(cell[5]));
			if (v[i]->overdue)
				snprintf(cell[5] + strlen(cell[5]), sizeof(cell[5]) - strlen(cell[5]), " (%s)",
				    sl_req_text(c->req, "period.overdue"));
		}
		pv_day_text(v[i]->last, cell[4], sizeof(cell[4]));
		for (k = 0; k < 6; k++)
			row[k] = cell[k];
		pdf_table_row(d, row);
	}
	pdf_table_end(d);
done:
	json_object_put(names);
	free(v);
}

/* The document into *pdf (malloc()ed, *len bytes); 0 or -1 (logged). */
static int render(struct sl_req *req, const struct pv_params *p, unsigned char **pdf, size_t *len)
{
	struct pdf_ctx c = { req, sl_req_lang(req), sl_req_conf(req, "site.currency") };
	struct pdf_opts o = { NULL, 0, sl_req_text(req, "period.title"),
	    sl_req_text(req, "period.title"), sl_req_text(req, "period.pdf.page") };
	struct pdf_doc *d;
	char err[256], range[160], from[16], to[16], dip[SL_TEXT_MAX], text[SL_TEXT_MAX], pct[8];
	const char *lines[2];
	const unsigned char *data;
	size_t i, k;

	if ((d = pdf_open(&o, err, sizeof(err))) == NULL)
		goto fail;
	snprintf(range, sizeof(range), "%s – %s · %s", pv_day_text(p->from, from, sizeof(from)),
	    pv_day_text(p->to, to, sizeof(to)), sl_req_text(req, p->step == PC_WEEK ?
	    "period.step.week" : "period.step.month"));
	snprintf(pct, sizeof(pct), "%d", p->dip);
	sl_req_textf(req, dip, sizeof(dip), "period.pdf.dip", "pct", pct, (const char *)NULL);
	lines[0] = range;
	lines[1] = dip;
	pdf_title_block(d, sl_req_text(req, "period.title"), p->scopes[0].name, lines, 2);
	for (k = 0; k < p->nscopes; k++) {
		const struct pc_result *r = &p->scopes[k].r;

		char money[64];

		pdf_heading(d, p->scopes[k].name);
		pv_money_fmt(c.lang, c.currency, r->total.revenue, money, sizeof(money));
		snprintf(text, sizeof(text), "%s: %lld · %s: %lld · %s: %s · %s: %lld",
		    sl_req_text(req, "period.col.orders"), (long long)r->total.orders,
		    sl_req_text(req, "period.col.units"), (long long)r->total.units,
		    sl_req_text(req, "period.col.revenue"), money,
		    sl_req_text(req, "period.col.clients"), (long long)r->total.clients);
		pdf_text(d, PDF_BODY, text);
		charts(d, &c, r);
		periods_table(d, &c, r);
		for (i = 1; i <= r->nperiods; i++)
			if (r->periods[i].dip) {
				pv_dip_text(req, c.lang, r, i, text, sizeof(text));
				pdf_text(d, PDF_BODY, text);
			}
		pdf_space(d, 8);
	}
	pdf_heading(d, sl_req_text(req, "period.clients"));
	clients_table(d, &c, p);
	if (pdf_finish(d, err, sizeof(err)) != 0 || (data = pdf_data(d, len)) == NULL ||
	    (*pdf = malloc(*len)) == NULL)
		goto fail;
	memcpy(*pdf, data, *len);
	pdf_free(d);
	return 0;
fail:
	log_err("period: the PDF failed: %s", d ? err : "cannot start a document");
	pdf_free(d);
	return -1;
}

int pv_pdf(struct sl_req *req, struct sl_resp *resp)
{
	struct pv_params p;
	unsigned char *pdf = NULL;
	char file[128];
	size_t len = 0;
	int rc;

	if ((rc = pv_load(req, resp, &p)) != 0)
		return rc > 0 ? 0 : -1;
	if (render(req, &p, &pdf, &len) != 0) {
		pv_params_free(&p);
		return -1;
	}
	snprintf(file, sizeof(file), "sales-%s.pdf", p.scopes[0].host_id);
	rc = sl_resp_download(resp, "application/pdf", file) != 0 || sl_resp_write(resp, pdf, len) != 0;
	free(pdf);
	pv_params_free(&p);
	return rc ? -1 : 0;
}
