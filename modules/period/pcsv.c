/*
 * pcsv.c - the clients of a service type as CSV (GET /admin/reports/
 * period.csv, the page's inputs): every client of the first service type
 * in the order asked for, one row each, streamed.  Cells go through
 * salient/csv.h, so a name starting with = + - @ or TAB is neutralised.
 *
 *   customer_id,name,purchases,units,revenue,first_purchase,last_purchase,
 *   mean_gap_days,next_expected,overdue
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period_int.h"
#include "salient/csv.h"
#include "salient/db.h"
#include "salient/log.h"
#include "salient/salient.h"

#define PV_CSV_BATCH 1000

static const char header[] = "customer_id,name,purchases,units,revenue,first_purchase,"
    "last_purchase,mean_gap_days,next_expected,overdue\r\n";

static const char *member(struct json_object *names, uint32_t id, const char *key)
{
	struct json_object *e;
	char k[16];

	snprintf(k, sizeof(k), "%u", id);
	if (!json_object_object_get_ex(names, k, &e))
		return "";
	return json_object_get_string(json_object_object_get(e, key));
}

/* One row into buf; its length, or 0 when it does not fit. */
static size_t row(char *buf, size_t len, const struct pc_client *c, struct json_object *names)
{
	char host[SL_CSV_CELL_MAX(72)], name[SL_CSV_CELL_MAX(512)], rev[48], d1[16], d2[16];
	char gap[32] = "", next[16] = "";
	int n;

	if (sl_csv_cell(host, sizeof(host), member(names, c->customer, "customer_id"),
	    SL_CSV_TEXT) == (size_t)-1 ||
	    sl_csv_cell(name, sizeof(name), member(names, c->customer, "name"), SL_CSV_TEXT) ==
	    (size_t)-1)
		return 0;
	if (c->has_gap) {
		snprintf(gap, sizeof(gap), "%.1f", c->gap);
		pv_day_text(c->next, next, sizeof(next));
	}
	n = snprintf(buf, len, "%s,%s,%lld,%lld,%s,%s,%s,%s,%s,%d\r\n", host, name,
	    (long long)c->purchases, (long long)c->units, pv_money_text(c->revenue, rev, sizeof(rev)),
	    pv_day_text(c->first, d1, sizeof(d1)), pv_day_text(c->last, d2, sizeof(d2)), gap, next,
	    c->overdue);
	return n > 0 && (size_t)n < len ? (size_t)n : 0;
}

static int write_rows(struct sl_db *db, struct sl_resp *resp, const struct pc_client **v, size_t n)
{
	struct json_object *names;
	uint32_t ids[PV_CSV_BATCH];
	char line[4096];
	size_t i, k, len;

	for (i = 0; i < n; i += PV_CSV_BATCH) {
		size_t m = n - i < PV_CSV_BATCH ? n - i : PV_CSV_BATCH;

		for (k = 0; k < m; k++)
			ids[k] = v[i + k]->customer;
		if ((names = pv_names(db, ids, m)) == NULL)
			return -1;
		for (k = 0; k < m; k++)
			if ((len = row(line, sizeof(line), v[i + k], names)) == 0 ||
			    sl_resp_write(resp, line, len) != 0) {
				json_object_put(names);
				return -1;
			}
		json_object_put(names);
	}
	return 0;
}

int pv_csv(struct sl_req *req, struct sl_resp *resp)
{
	struct pv_params p;
	const struct pc_client **v = NULL;
	char file[128];
	size_t n;
	int rc;

	if ((rc = pv_load(req, resp, &p)) != 0)
		return rc > 0 ? 0 : -1;
	if ((v = pv_sorted_clients(&p, &n)) == NULL) {
		pv_params_free(&p);
		return -1;
	}
	snprintf(file, sizeof(file), "clients-%s.csv", p.scopes[0].host_id);
	rc = sl_resp_download(resp, "text/csv; charset=utf-8", file) != 0 ||
	    sl_resp_write(resp, header, sizeof(header) - 1) != 0 ||
	    write_rows(sl_req_db(req), resp, v, n) != 0;
	if (rc)
		log_err("period: the clients' CSV was cut (the client went away or the database failed)");
	free(v);
	pv_params_free(&p);
	return 0;   /* once the download started, a failure can only cut it */
}
