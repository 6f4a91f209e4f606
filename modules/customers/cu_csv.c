/*
 * cu_csv.c - the customer export's CSV rows (see cu_csv.h for the format).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_csv.h"
#include "salient/csv.h"

const char cu_csv_header[] =
    "customer_id,email,first_name,last_name,smart_type,account_manager,"
    "revenue_cur,revenue_prev,orders_cur,orders_prev,risk_score,risk_change,"
    "revenue_rank,revenue_change,revenue_share,classifications,p_alive,"
    "expected_orders_90d,clv_12m\r\n";

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

void cu_money_text(int64_t v, char *buf, size_t len)
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t cents = (a + 50) / 100;

	snprintf(buf, len, "%s%llu.%02llu", v < 0 && cents > 0 ? "-" : "",
	    (unsigned long long)(cents / 100), (unsigned long long)(cents % 100));
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

int cu_csv_append(struct cu_buf *b, const struct cu_csv_row *r)
{
	static const unsigned bits[5] = { CU_DEF_RISK_SCORE, CU_DEF_RISK_CHANGE,
	    CU_DEF_REVENUE_RANK, CU_DEF_REVENUE_CHANGE, CU_DEF_REVENUE_SHARE };
	const double pct[5] = { r->risk_score, r->risk_change, r->revenue_rank,
	    r->revenue_change, r->revenue_share };
	const char *text[6] = { r->customer_id, r->email, r->first_name, r->last_name,
	    r->smart_type, r->account_manager };
	char num[64];
	int i;

	for (i = 0; i < 6; i++)
		if (field(b, text[i], SL_CSV_TEXT, 0) != 0)
			return -1;
	num[0] = '\0';
	if (r->has_metrics)
		cu_money_text(r->revenue_cur, num, sizeof(num));
	if (field(b, num, SL_CSV_NUMBER, 0) != 0)
		return -1;
	if (r->has_metrics)
		cu_money_text(r->revenue_prev, num, sizeof(num));
	if (field(b, num, SL_CSV_NUMBER, 0) != 0)
		return -1;
	if (r->has_metrics)
		snprintf(num, sizeof(num), "%lld", r->orders_cur);
	if (field(b, num, SL_CSV_NUMBER, 0) != 0)
		return -1;
	if (r->has_metrics)
		snprintf(num, sizeof(num), "%lld", r->orders_prev);
	if (field(b, num, SL_CSV_NUMBER, 0) != 0)
		return -1;
	for (i = 0; i < 5; i++) {
		num[0] = '\0';
		if (r->has_metrics && (r->def & bits[i]))
			cu_fixed_text(pct[i], 2, num, sizeof(num));
		if (field(b, num, SL_CSV_NUMBER, 0) != 0)
			return -1;
	}
	if (field(b, r->classifications, SL_CSV_TEXT, 0) != 0)
		return -1;
	num[0] = '\0';
	if (r->has_prediction)
		cu_fixed_text(r->p_alive, 4, num, sizeof(num));
	if (field(b, num, SL_CSV_NUMBER, 0) != 0)
		return -1;
	if (r->has_prediction)
		cu_fixed_text(r->expected_orders_90d, 4, num, sizeof(num));
	if (field(b, num, SL_CSV_NUMBER, 0) != 0)
		return -1;
	if (r->has_prediction)
		cu_money_text(r->clv_12m, num, sizeof(num));
	return field(b, num, SL_CSV_NUMBER, 1);
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
