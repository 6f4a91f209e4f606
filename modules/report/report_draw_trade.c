/*
 * report_draw_trade.c - the report's trade sections: sales summary,
 * monthly trend, top products and categories, target progress and
 * suggestions, drawn from the trade module's view models (salient/trade.h)
 * that report_data.c put in the model under summary, top, target and
 * suggestions.  Every figure is printed as the trade module wrote it
 * (its *_text fields, in the report's language); nothing is computed here
 * but the chart's axis and the period's first day.  Pure: no FastCGI or
 * MariaDB header.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "salient/contract.h"
#include "report_int.h"
#include "salient/format.h"

static struct json_object *obj(struct json_object *o, const char *key)
{
	struct json_object *v;

	return o != NULL && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* The text of a {value|amount, text} member of o ("–" when null). */
static const char *text_of(struct json_object *o, const char *key)
{
	const char *t = rp_str(obj(o, key), "text");

	return t != NULL ? t : "–";
}

static int flag(struct json_object *o, const char *key)
{
	struct json_object *v = obj(o, key);

	return v != NULL && json_object_get_boolean(v);
}

/* The model's section object, or NULL after saying it is missing. */
static struct json_object *section(const struct rp_draw_ctx *w, const char *key)
{
	struct json_object *s = obj(w->m, key);

	if (s == NULL || !json_object_is_type(s, json_type_object))
		pdf_text(w->d, PDF_BODY, rp_t(w, "report.pdf.no_data"));
	return s != NULL && json_object_is_type(s, json_type_object) ? s : NULL;
}

/* The day after iso in the report's language ("from" of a period is
 * exclusive: C = (from, to]). */
static void day_after(const struct rp_draw_ctx *w, const char *iso, char *buf, size_t len)
{
	char next[16];
	int64_t day;
	int y, m, d;

	buf[0] = '\0';
	if (iso == NULL || dc_parse_date(iso, &day) != 0)
		return;
	dc_civil_from_days(day + 1, &y, &m, &d);
	snprintf(next, sizeof(next), "%04d-%02d-%02d", y, m, d);
	if (sl_fmt_date(buf, len, w->lang, next) != 0)
		snprintf(buf, len, "%s", next);
}

static void period_line(const struct rp_draw_ctx *w, struct json_object *s)
{
	struct json_object *p = obj(s, "period");
	char cur[SL_FMT_MAX], prev[SL_FMT_MAX], line[512];
	const char *to = rp_str(p, "to_text"), *from = rp_str(p, "from_text");

	day_after(w, rp_str(p, "from"), cur, sizeof(cur));
	day_after(w, rp_str(p, "prev_from"), prev, sizeof(prev));
	snprintf(line, sizeof(line), "%s: %s – %s · %s: %s – %s", rp_t(w, "report.pdf.current"),
	    cur, to ? to : "", rp_t(w, "report.pdf.previous"), prev, from ? from : "");
	pdf_text(w->d, PDF_SMALL, line);
}

void rp_draw_summary(const struct rp_draw_ctx *w)
{
	struct pdf_col cols[] = {
		{ "", 2.2, PDF_LEFT }, { rp_t(w, "report.pdf.last_12"), 1.6, PDF_RIGHT },
		{ rp_t(w, "report.pdf.before_12"), 1.6, PDF_RIGHT },
		{ rp_t(w, "report.pdf.change"), 1, PDF_RIGHT },
	};
	struct json_object *s, *rev, *ord, *aov;
	const char *row[4];

	pdf_heading(w->d, rp_t(w, rp_sections[RP_SUMMARY].title));
	if ((s = section(w, "summary")) == NULL)
		return;
	period_line(w, s);
	rev = obj(s, "revenue");
	ord = obj(s, "orders");
	aov = obj(s, "aov");
	if (pdf_table_begin(w->d, cols, 4) != 0)
		return;
	row[0] = rp_t(w, "report.pdf.revenue");
	row[1] = text_of(rev, "current");
	row[2] = text_of(rev, "previous");
	row[3] = rp_str(rev, "change_text") ? rp_str(rev, "change_text") : "–";
	pdf_table_row(w->d, row);
	row[0] = rp_t(w, "report.pdf.orders");
	row[1] = text_of(ord, "current");
	row[2] = text_of(ord, "previous");
	row[3] = "";
	pdf_table_row(w->d, row);
	row[0] = rp_t(w, "report.pdf.aov");
	row[1] = text_of(aov, "current");
	row[2] = text_of(aov, "previous");
	pdf_table_row(w->d, row);
	pdf_table_end(w->d);
}

static int axis_text(char *buf, size_t len, double v, const void *arg)
{
	return sl_fmt_int(buf, len, arg, (long long)(v < 0 ? v - 0.5 : v + 0.5));
}

void rp_draw_trend(const struct rp_draw_ctx *w)
{
	struct json_object *s, *c, *labels, *cur, *prev;
	const char *lab[12], *currency;
	double vc[12], vp[12];
	char heading[256], two[12][48], *sp;
	struct pdf_chart ch;
	size_t i;

	currency = rp_str(obj(w->m, "summary"), "currency");
	snprintf(heading, sizeof(heading), "%s%s%s%s", rp_t(w, rp_sections[RP_TREND].title),
	    currency ? " (" : "", currency ? currency : "", currency ? ")" : "");
	pdf_heading(w->d, heading);
	if ((s = section(w, "summary")) == NULL)
		return;
	c = obj(s, "chart");
	labels = obj(c, "labels");
	cur = obj(c, "current");
	prev = obj(c, "previous");
	if (flag(c, "empty") || labels == NULL || cur == NULL || prev == NULL ||
	    json_object_array_length(labels) != 12 || json_object_array_length(cur) != 12 ||
	    json_object_array_length(prev) != 12) {
		pdf_text(w->d, PDF_BODY, rp_t(w, "report.pdf.no_orders_24"));
		return;
	}
	for (i = 0; i < 12; i++) {
		/* "Apr 2024" as two lines, month over year, the same for every month */
		snprintf(two[i], sizeof(two[i]), "%s",
		    json_object_get_string(json_object_array_get_idx(labels, i)));
		if ((sp = strrchr(two[i], ' ')) != NULL)
			*sp = '\n';
		lab[i] = two[i];
		vc[i] = json_object_get_double(json_object_array_get_idx(cur, i));
		vp[i] = json_object_get_double(json_object_array_get_idx(prev, i));
	}
	memset(&ch, 0, sizeof(ch));
	ch.n = 12;
	ch.labels = lab;
	ch.cur = vc;
	ch.prev = vp;
	ch.cur_name = rp_t(w, "report.pdf.last_12");
	ch.prev_name = rp_t(w, "report.pdf.before_12");
	ch.bars = 1;
	ch.ytext = axis_text;
	ch.arg = w->lang;
	pdf_chart_monthly(w->d, &ch);
}

void rp_draw_top(const struct rp_draw_ctx *w)
{
	struct pdf_col pc[] = {
		{ rp_t(w, "report.pdf.product"), 3, PDF_LEFT },
		{ rp_t(w, "report.pdf.category"), 2, PDF_LEFT },
		{ rp_t(w, "report.pdf.quantity"), 1, PDF_RIGHT },
		{ rp_t(w, "report.pdf.revenue"), 1.5, PDF_RIGHT },
		{ rp_t(w, "report.pdf.share"), 1, PDF_RIGHT },
	};
	struct pdf_col cc[] = {
		{ rp_t(w, "report.pdf.category"), 4, PDF_LEFT },
		{ rp_t(w, "report.pdf.products"), 1.2, PDF_RIGHT },
		{ rp_t(w, "report.pdf.revenue"), 1.6, PDF_RIGHT },
	};
	struct json_object *s, *list, *e;
	char name[400];
	const char *row[5];
	size_t i;

	pdf_heading(w->d, rp_t(w, rp_sections[RP_TOP].title));
	if ((s = section(w, "top")) == NULL)
		return;
	pdf_text(w->d, PDF_SMALL, rp_t(w, "report.pdf.top_note"));
	pdf_text(w->d, PDF_SUBHEADING, rp_t(w, "report.pdf.products"));
	list = obj(s, "products");
	if (!flag(obj(s, "has"), "products") || list == NULL)
		pdf_text(w->d, PDF_BODY, rp_t(w, "report.pdf.no_products"));
	else if (pdf_table_begin(w->d, pc, 5) == 0) {
		for (i = 0; i < json_object_array_length(list); i++) {
			e = json_object_array_get_idx(list, i);
			snprintf(name, sizeof(name), "%s%s%s%s", rp_str(e, "name") ? rp_str(e, "name") : "",
			    rp_str(e, "sku") ? " (" : "", rp_str(e, "sku") ? rp_str(e, "sku") : "",
			    rp_str(e, "sku") ? ")" : "");
			row[0] = name;
			row[1] = rp_str(e, "category");
			row[2] = text_of(e, "quantity");
			row[3] = text_of(e, "revenue");
			row[4] = rp_str(e, "share_text");
			pdf_table_row(w->d, row);
		}
		pdf_table_end(w->d);
	}
	pdf_text(w->d, PDF_SUBHEADING, rp_t(w, "report.pdf.categories"));
	list = obj(s, "categories");
	if (!flag(obj(s, "has"), "categories") || list == NULL)
		pdf_text(w->d, PDF_BODY, rp_t(w, "report.pdf.no_products"));
	else if (pdf_table_begin(w->d, cc, 3) == 0) {
		for (i = 0; i < json_object_array_length(list); i++) {
			e = json_object_array_get_idx(list, i);
			row[0] = rp_str(e, "name");
			row[1] = text_of(e, "products");
			row[2] = text_of(e, "revenue");
			pdf_table_row(w->d, row);
		}
		pdf_table_end(w->d);
	}
}

/* "1 Jan 2024 – 31 Dec 2024" of a target into buf. */
static void target_period(struct json_object *t, char *buf, size_t len)
{
	snprintf(buf, len, "%s – %s", rp_str(t, "period_start_text") ? rp_str(t, "period_start_text") :
	    rp_str(t, "period_start") ? rp_str(t, "period_start") : "",
	    rp_str(t, "period_end_text") ? rp_str(t, "period_end_text") :
	    rp_str(t, "period_end") ? rp_str(t, "period_end") : "");
}

void rp_draw_targets(const struct rp_draw_ctx *w)
{
	struct pdf_col kv[] = { { NULL, 2, PDF_LEFT }, { NULL, 2, PDF_RIGHT } };
	struct pdf_col all[] = {
		{ rp_t(w, "report.pdf.period"), 3, PDF_LEFT },
		{ rp_t(w, "report.pdf.target"), 1.5, PDF_RIGHT },
		{ rp_t(w, "report.pdf.actual"), 1.5, PDF_RIGHT },
		{ rp_t(w, "report.pdf.progress"), 1, PDF_RIGHT },
	};
	struct json_object *s, *t, *list, *e;
	char period[256], label[512], key[64];
	const char *row[4];
	long long days, elapsed;
	double pct;
	size_t i;

	pdf_heading(w->d, rp_t(w, rp_sections[RP_TARGETS].title));
	if ((s = section(w, "target")) == NULL)
		return;
	t = obj(s, "target");
	if (t == NULL || !json_object_is_type(t, json_type_object)) {
		pdf_text(w->d, PDF_BODY, rp_t(w, "report.pdf.no_target"));
		return;
	}
	target_period(t, period, sizeof(period));
	snprintf(key, sizeof(key), "report.pdf.state.%s", rp_str(t, "state") ? rp_str(t, "state") : "");
	snprintf(label, sizeof(label), "%s %s (%s): %s %s %s", rp_t(w, "report.pdf.target"), period,
	    rp_t(w, key), text_of(t, "actual"), rp_t(w, "report.pdf.of"), text_of(t, "amount"));
	pct = json_object_get_double(obj(t, "progress_pct"));
	days = json_object_get_int64(obj(t, "period_days"));
	elapsed = json_object_get_int64(obj(t, "elapsed_days"));
	pdf_progress(w->d, label, pct / 100.0, rp_str(t, "progress_text"),
	    days > 0 && elapsed >= 0 && elapsed <= days ? (double)elapsed / (double)days : -1);
	if (pdf_table_begin(w->d, kv, 2) == 0) {
		row[0] = rp_t(w, "report.pdf.target");
		row[1] = text_of(t, "amount");
		pdf_table_row(w->d, row);
		row[0] = rp_t(w, "report.pdf.actual");
		row[1] = text_of(t, "actual");
		pdf_table_row(w->d, row);
		row[0] = rp_t(w, "report.pdf.remaining");
		row[1] = text_of(t, "remaining");
		pdf_table_row(w->d, row);
		row[0] = rp_t(w, "report.pdf.forecast");
		row[1] = text_of(t, "forecast");
		pdf_table_row(w->d, row);
		pdf_table_end(w->d);
	}
	list = obj(s, "targets");
	if (list == NULL || json_object_array_length(list) < 2)
		return;
	pdf_text(w->d, PDF_SUBHEADING, rp_t(w, "report.pdf.all_targets"));
	if (pdf_table_begin(w->d, all, 4) != 0)
		return;
	for (i = 0; i < json_object_array_length(list); i++) {
		e = json_object_array_get_idx(list, i);
		target_period(e, period, sizeof(period));
		row[0] = period;
		row[1] = text_of(e, "amount");
		row[2] = text_of(e, "actual");
		row[3] = rp_str(e, "progress_text");
		pdf_table_row(w->d, row);
	}
	pdf_table_end(w->d);
}

void rp_draw_suggestions(const struct rp_draw_ctx *w)
{
	struct pdf_col pc[] = {
		{ rp_t(w, "report.pdf.product"), 3, PDF_LEFT },
		{ rp_t(w, "report.pdf.buyers"), 1, PDF_RIGHT },
		{ rp_t(w, "report.pdf.why"), 2.5, PDF_LEFT },
	};
	struct pdf_col cc[] = {
		{ rp_t(w, "report.pdf.category"), 4, PDF_LEFT },
		{ rp_t(w, "report.pdf.buyers"), 1, PDF_RIGHT },
	};
	struct json_object *s, *list, *e, *why;
	char name[400], reason[300];
	const char *row[3];
	size_t i;

	pdf_heading(w->d, rp_t(w, rp_sections[RP_SUGGESTIONS].title));
	if ((s = section(w, "suggestions")) == NULL)
		return;
	if (obj(s, "popularity") == NULL) {
		pdf_text(w->d, PDF_BODY, rp_t(w, "report.pdf.no_popularity"));
		return;
	}
	pdf_text(w->d, PDF_SMALL, rp_t(w, "report.pdf.suggest_note"));
	pdf_text(w->d, PDF_SUBHEADING, rp_t(w, "report.pdf.products"));
	list = obj(s, "products");
	if (!flag(obj(s, "has"), "products") || list == NULL)
		pdf_text(w->d, PDF_BODY, rp_t(w, "report.pdf.no_suggestions"));
	else if (pdf_table_begin(w->d, pc, 3) == 0) {
		for (i = 0; i < json_object_array_length(list); i++) {
			e = json_object_array_get_idx(list, i);
			why = obj(e, "why");
			snprintf(name, sizeof(name), "%s%s%s%s", rp_str(e, "name") ? rp_str(e, "name") : "",
			    rp_str(e, "sku") ? " (" : "", rp_str(e, "sku") ? rp_str(e, "sku") : "",
			    rp_str(e, "sku") ? ")" : "");
			if (rp_str(why, "kind") && strcmp(rp_str(why, "kind"), "tag") == 0)
				snprintf(reason, sizeof(reason), "%s %s: %s", rp_t(w, "report.pdf.why_tag"),
				    rp_str(why, "tag_group") ? rp_str(why, "tag_group") : "",
				    rp_str(why, "tag_value") ? rp_str(why, "tag_value") : "");
			else
				snprintf(reason, sizeof(reason), "%s", rp_t(w, "report.pdf.why_popular"));
			row[0] = name;
			row[1] = text_of(e, "customers");
			row[2] = reason;
			pdf_table_row(w->d, row);
		}
		pdf_table_end(w->d);
	}
	pdf_text(w->d, PDF_SUBHEADING, rp_t(w, "report.pdf.categories"));
	list = obj(s, "categories");
	if (!flag(obj(s, "has"), "categories") || list == NULL)
		pdf_text(w->d, PDF_BODY, rp_t(w, "report.pdf.no_suggestions"));
	else if (pdf_table_begin(w->d, cc, 2) == 0) {
		for (i = 0; i < json_object_array_length(list); i++) {
			e = json_object_array_get_idx(list, i);
			row[0] = rp_str(e, "name");
			row[1] = text_of(e, "customers");
			pdf_table_row(w->d, row);
		}
		pdf_table_end(w->d);
	}
}
