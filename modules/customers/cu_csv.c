/*
 * cu_csv.c - the customer export's CSV rows (see cu_csv.h for the format).
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_csv.h"
#include "salient/money.h"
#include "salient/csv.h"
#include "salient/metrics.h"

const char cu_csv_header[] =
    "customer_id,email,first_name,last_name,smart_type,account_manager,"
    "revenue_cur,revenue_prev,orders_cur,orders_prev,risk_score,risk_change,"
    "revenue_rank,revenue_change,revenue_share,classifications,p_alive,"
    "expected_orders_90d,clv_12m,phone,postcode,city,country,language,tags,"
    "last_order,rfm_r,rfm_f,rfm_m\r\n";

int cu_buf_add(struct cu_buf *b, const char *s, size_t n)
{
	size_t need, cap;
	char *p;

	if (n > SIZE_MAX - b->len - 1)
		return -1;
	need = b->len + n + 1;
	if (need > b->cap) {
		cap = b->cap ? b->cap : 4096;
		while (cap < need)
			cap = cap > SIZE_MAX / 2 ? need : cap * 2;
		if ((p = realloc(b->data, cap)) == NULL)
			return -1;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

void cu_buf_free(struct cu_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void cu_fixed_text(double v, int places, char *buf, size_t len)
{
	const char *p;

	if (!isfinite(v)) {
		snprintf(buf, len, "%s", "");
		return;
	}
	snprintf(buf, len, "%.*f", places, v);
	if (buf[0] != '-')
		return;
	for (p = buf + 1; *p != '\0'; p++)
		if (*p != '0' && *p != '.')
			return;
	memmove(buf, buf + 1, strlen(buf));   /* "-0.00" is "0.00" */
}

/* Appends one cell (salient/csv.h: quoted when RFC 4180 needs it, a text
 * that would be a formula neutralised) and a separator. */
static int field(struct cu_buf *b, const char *s, enum sl_csv_kind kind, int last)
{
	char small[512], *cell = small;
	size_t need = SL_CSV_CELL_MAX(s ? strlen(s) : 0), n;
	int rc = -1;

	if (need > sizeof(small) && (cell = malloc(need)) == NULL)
		return -1;
	if ((n = sl_csv_cell(cell, need, s, kind)) != (size_t)-1 && cu_buf_add(b, cell, n) == 0)
		rc = last ? cu_buf_add(b, "\r\n", 2) : cu_buf_add(b, ",", 1);
	if (cell != small)
		free(cell);
	return rc;
}

const char *const cu_cols[CU_NCOLS] = {
	"customer_id", "email", "first_name", "last_name", "smart_type", "account_manager",
	"revenue_cur", "revenue_prev", "orders_cur", "orders_prev", "risk_score", "risk_change",
	"revenue_rank", "revenue_change", "revenue_share", "classifications", "p_alive",
	"expected_orders_90d", "clv_12m", "phone", "postcode", "city", "country", "language",
	"tags", "last_order", "rfm_r", "rfm_f", "rfm_m",
};

/* The kinds of the columns, from the metrics' table once (the export asks per cell). */
static enum cu_col_kind col_kinds[CU_NCOLS];
static pthread_once_t col_kinds_once = PTHREAD_ONCE_INIT;

static void fill_col_kinds(void)
{
	const struct cl_metric *m;
	int i;

	for (i = 0; i < CU_NCOLS; i++) {
		if (strcmp(cu_cols[i], "last_order") == 0)
			col_kinds[i] = CU_COL_DATE;
		else if (strncmp(cu_cols[i], "rfm_", 4) == 0)
			col_kinds[i] = CU_COL_COUNT;
		else if ((m = cl_metric(cu_cols[i])) == NULL)
			col_kinds[i] = CU_COL_TEXT;
		else if (m->unit == CL_UNIT_MONEY)
			col_kinds[i] = CU_COL_MONEY;
		else if (m->unit == CL_UNIT_COUNT)
			col_kinds[i] = CU_COL_COUNT;
		else if (m->unit == CL_UNIT_PERCENT)
			col_kinds[i] = CU_COL_PCT;
		else
			col_kinds[i] = CU_COL_DEC4;
	}
}

enum cu_col_kind cu_col_kind(int i)
{
	pthread_once(&col_kinds_once, fill_col_kinds);
	return i >= 0 && i < CU_NCOLS ? col_kinds[i] : CU_COL_TEXT;
}

void cu_row_cells(const struct cu_csv_row *r, struct cu_cells *c)
{
	static const unsigned bits[5] = { CU_DEF_RISK_SCORE, CU_DEF_RISK_CHANGE,
	    CU_DEF_REVENUE_RANK, CU_DEF_REVENUE_CHANGE, CU_DEF_REVENUE_SHARE };
	const double pct[5] = { r->risk_score, r->risk_change, r->revenue_rank,
	    r->revenue_change, r->revenue_share };
	const char *text[6] = { r->customer_id, r->email, r->first_name, r->last_name,
	    r->smart_type, r->account_manager };
	const char *tail[7] = { r->phone, r->postcode, r->city, r->country, r->language,
	    r->tags, r->last_order };
	int i;

	memset(c->v, 0, sizeof(c->v));
	for (i = 0; i < 6; i++)
		c->v[i] = text[i];
	if (r->has_metrics) {
		sl_money_text_places(r->revenue_cur, 2, c->num[6], sizeof(c->num[6]));
		sl_money_text_places(r->revenue_prev, 2, c->num[7], sizeof(c->num[7]));
		snprintf(c->num[8], sizeof(c->num[8]), "%lld", r->orders_cur);
		snprintf(c->num[9], sizeof(c->num[9]), "%lld", r->orders_prev);
		for (i = 6; i < 10; i++)
			c->v[i] = c->num[i];
		for (i = 0; i < 5; i++)
			if (r->def & bits[i]) {
				cu_fixed_text(pct[i], 2, c->num[10 + i], sizeof(c->num[10 + i]));
				c->v[10 + i] = c->num[10 + i];
			}
	}
	c->v[15] = r->classifications;
	if (r->has_prediction) {
		cu_fixed_text(r->p_alive, 4, c->num[16], sizeof(c->num[16]));
		cu_fixed_text(r->expected_orders_90d, 4, c->num[17], sizeof(c->num[17]));
		sl_money_text_places(r->clv_12m, 2, c->num[18], sizeof(c->num[18]));
		for (i = 16; i < 19; i++)
			c->v[i] = c->num[i];
	}
	for (i = 0; i < 7; i++)
		c->v[19 + i] = tail[i];
	if (r->rfm_r > 0) {
		const int s[3] = { r->rfm_r, r->rfm_f, r->rfm_m };

		for (i = 0; i < 3; i++) {
			snprintf(c->num[26 + i], sizeof(c->num[26 + i]), "%d", s[i]);
			c->v[26 + i] = c->num[26 + i];
		}
	}
}

int cu_csv_append(struct cu_buf *b, const struct cu_csv_row *r)
{
	struct cu_cells c;
	int i;

	cu_row_cells(r, &c);
	for (i = 0; i < CU_NCOLS; i++)
		if (field(b, c.v[i], cu_col_kind(i) == CU_COL_TEXT ? SL_CSV_TEXT : SL_CSV_NUMBER,
		    i == CU_NCOLS - 1) != 0)
			return -1;
	return 0;
}

int cu_join_titles(struct cu_buf *b, const char *const *titles, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((i > 0 && cu_buf_add(b, "; ", 2) != 0) ||
		    cu_buf_add(b, titles[i], strlen(titles[i])) != 0)
			return -1;
	return 0;
}
