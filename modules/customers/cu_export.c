/*
 * cu_export.c - the customers as CSV (the format is cu_csv.h's):
 *
 *   GET /admin/customers.csv, GET /api/v1/customers.csv
 *       the customer list's filters (sort and page do not apply), streamed
 *       with sl_resp_download()/sl_resp_write() as the rows arrive
 *   GET /admin/customers.xlsx, GET /api/v1/customers.xlsx
 *       the same rows as a spreadsheet (cu_xlsx.h), written to a temporary
 *       file under $TMPDIR (else /tmp) first, then sent and removed
 *   salient export customers [--as-of DATE] [--out FILE]
 *       every customer: without --as-of the stored results of the last
 *       classification run (customer_metrics, customer_classifications);
 *       with --as-of computed in memory as of DATE, nothing written
 *
 * Rows come in internal id order (the order customers were first seen by
 * the importer), on every path, and every path formats them with
 * cu_csv_append() (or its cells, cu_row_cells(), into the spreadsheet), so
 * the same data gives the same bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cu_csv.h"
#include "cu_int.h"
#include "cu_xlsx.h"
#include "salient/classify.h"
#include "salient/contract.h"
#include "salient/orderscan.h"
#include "salient/cli.h"
#include "salient/db.h"
#include "salient/log.h"
#include "salient/metrics.h"
#include "salient/money.h"
#include "salient/num.h"

/* Written out whenever this much is buffered. */
#define FLUSH_AT (64 * 1024)
#define MAX_CLASSES_PER_ROW 256

/* Where the rows go: CSV to the HTTP response or a FILE, or a spreadsheet. */
struct sink {
	struct sl_resp *resp;
	FILE *out;
	struct cu_xlsx *xlsx;
	char err[256];
	const struct cu_classes *cls;
	struct cu_buf buf, titles;
	long long rows;
};

static int flush(struct sink *s, int force)
{
	int rc = 0;

	if (s->buf.len == 0 || (!force && s->buf.len < FLUSH_AT))
		return 0;
	if (s->resp != NULL)
		rc = sl_resp_write(s->resp, s->buf.data, s->buf.len);
	else if (fwrite(s->buf.data, 1, s->buf.len, s->out) != s->buf.len)
		rc = -1;
	s->buf.len = 0;
	return rc;
}

/* One customer to the sink. */
static int put(struct sink *s, const struct cu_csv_row *r)
{
	if (s->xlsx != NULL)
		return cu_xlsx_row(s->xlsx, r, s->err, sizeof(s->err));
	return cu_csv_append(&s->buf, r) != 0 ? -1 : flush(s, 0);
}

static int titles_of(const struct cu_classes *cls, long long *ids, size_t n,
    struct cu_buf *out)
{
	const char *titles[MAX_CLASSES_PER_ROW];
	size_t i, k = 0;

	out->len = 0;
	if (cu_buf_add(out, "", 0) != 0)
		return -1;
	cu_class_sort(cls, ids, n);
	for (i = 0; i < n && k < MAX_CLASSES_PER_ROW; i++) {
		const struct cu_class *c = cu_class_find(cls, ids[i]);

		if (c != NULL)
			titles[k++] = c->title;
	}
	return cu_join_titles(out, titles, k);
}

static double dbl(struct sl_stmt *st, unsigned col)
{
	const char *v = sl_stmt_str(st, col, NULL);
	double d;

	return v != NULL && sl_num_double(v, &d) == 0 ? d : 0;
}

/* A DECIMAL column's money; 0 when NULL (or, never seen, not money). */
static int64_t money(struct sl_stmt *st, unsigned col)
{
	sl_money v;

	sl_money_parse_db(sl_stmt_str(st, col, NULL), &v);
	return v;
}

/*
 * The customer's own columns, 1 to 6 of both export statements (the stored
 * one of cu_sql.c and sql_asof_customers): host id, email, names, smart
 * type, account manager.
 */
static void identity(struct cu_csv_row *r, struct sl_stmt *st)
{
	r->customer_id = sl_stmt_str(st, 1, NULL);
	r->email = sl_stmt_str(st, 2, NULL);
	r->first_name = sl_stmt_str(st, 3, NULL);
	r->last_name = sl_stmt_str(st, 4, NULL);
	r->smart_type = sl_stmt_str(st, 5, NULL);
	r->account_manager = sl_stmt_str(st, 6, NULL);
}

/*
 * The columns after the numbers, from first on (cu_sql.c's CONTACT_COLS):
 * phone, postcode, city, country, language, tags, last paid order.
 */
static void contact(struct cu_csv_row *r, struct sl_stmt *st, unsigned first)
{
	r->phone = sl_stmt_str(st, first, NULL);
	r->postcode = sl_stmt_str(st, first + 1, NULL);
	r->city = sl_stmt_str(st, first + 2, NULL);
	r->country = sl_stmt_str(st, first + 3, NULL);
	r->language = sl_stmt_str(st, first + 4, NULL);
	r->tags = sl_stmt_str(st, first + 5, NULL);
	r->last_order = sl_stmt_str(st, first + 6, NULL);
}

/* One row of cu_sql.c's export statement to CSV. */
static int stored_row(void *ctx, struct sl_stmt *st)
{
	static const unsigned bits[5] = { CU_DEF_RISK_SCORE, CU_DEF_RISK_CHANGE,
	    CU_DEF_REVENUE_RANK, CU_DEF_REVENUE_CHANGE, CU_DEF_REVENUE_SHARE };
	struct sink *s = ctx;
	struct cu_csv_row r;
	double *pct[5];
	long long ids[MAX_CLASSES_PER_ROW];
	size_t n = 0;
	int k;

	memset(&r, 0, sizeof(r));
	pct[0] = &r.risk_score;
	pct[1] = &r.risk_change;
	pct[2] = &r.revenue_rank;
	pct[3] = &r.revenue_change;
	pct[4] = &r.revenue_share;
	identity(&r, st);
	r.has_metrics = sl_stmt_int(st, 7) != 0;
	r.revenue_cur = money(st, 8);
	r.revenue_prev = money(st, 9);
	r.orders_cur = sl_stmt_int(st, 10);
	r.orders_prev = sl_stmt_int(st, 11);
	for (k = 0; k < 5; k++) {
		if (!sl_stmt_isnull(st, 12 + (unsigned)k)) {
			*pct[k] = dbl(st, 12 + (unsigned)k);
			r.def |= bits[k];
		}
	}
	n = cu_class_ids(sl_stmt_str(st, 17, NULL), ids, MAX_CLASSES_PER_ROW);
	if (titles_of(s->cls, ids, n, &s->titles) != 0)
		return -1;
	r.classifications = s->titles.data;
	r.has_prediction = sl_stmt_int(st, 18) != 0;
	r.p_alive = dbl(st, 19);
	r.expected_orders_90d = dbl(st, 20);
	r.clv_12m = money(st, 21);
	contact(&r, st, 22);
	if (!sl_stmt_isnull(st, 29)) {
		r.rfm_r = (int)sl_stmt_int(st, 29);
		r.rfm_f = (int)sl_stmt_int(st, 30);
		r.rfm_m = (int)sl_stmt_int(st, 31);
	}
	if (put(s, &r) != 0)
		return -1;
	s->rows++;
	return 0;
}

int cu_csv_download(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	struct cu_filter f;
	struct cu_classes cls;
	struct sink s;
	int rc = -1;

	cu_filter_read(req, &f, 0);
	if (cu_classes_load(db, req, &cls) != 0)
		return -1;
	memset(&s, 0, sizeof(s));
	s.resp = resp;
	s.cls = &cls;
	if (sl_resp_download(resp, "text/csv; charset=utf-8", "customers.csv") != 0 ||
	    sl_resp_write(resp, cu_csv_header, strlen(cu_csv_header)) != 0 ||
	    cu_export_rows(db, &f, stored_row, &s) != 0 || flush(&s, 1) != 0)
		goto out;
	rc = 0;
out:
	cu_buf_free(&s.buf);
	cu_buf_free(&s.titles);
	cu_classes_free(&cls);
	return rc;
}

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Sends the finished file at path as the download; 0 or -1. */
static int send_file(struct sl_resp *resp, const char *path)
{
	char chunk[64 * 1024];
	size_t n;
	FILE *in;
	int rc = -1;

	if ((in = fopen(path, "rb")) == NULL) {
		log_err("customers: %s: %s", path, strerror(errno));
		return -1;
	}
	if (sl_resp_download(resp, XLSX_TYPE, "customers.xlsx") != 0)
		goto out;
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (sl_resp_write(resp, chunk, n) != 0)
			goto out;
	rc = ferror(in) ? -1 : 0;
out:
	fclose(in);
	return rc;
}

int cu_xlsx_download(struct sl_req *req, struct sl_resp *resp)
{
	struct sl_db *db = sl_req_db(req);
	const char *tmpdir = getenv("TMPDIR"), *titles[CU_NCOLS];
	char path[512], key[80];
	struct cu_filter f;
	struct cu_classes cls;
	struct sink s;
	int fd, i, rc = -1;

	if (tmpdir == NULL || *tmpdir == '\0')
		tmpdir = "/tmp";
	cu_filter_read(req, &f, 0);
	for (i = 0; i < CU_NCOLS; i++) {
		snprintf(key, sizeof(key), cl_metric(cu_cols[i]) != NULL ? "metric.%s" :
		    "customers.xlsx.col.%s", cu_cols[i]);
		titles[i] = sl_req_text(req, key);
	}
	if (cu_classes_load(db, req, &cls) != 0)
		return -1;
	memset(&s, 0, sizeof(s));
	s.cls = &cls;
	snprintf(path, sizeof(path), "%s/salient-customers-XXXXXX", tmpdir);
	if ((fd = mkstemp(path)) < 0) {
		log_err("customers: a temporary file in %s: %s", tmpdir, strerror(errno));
		path[0] = '\0';
		goto out;
	}
	close(fd);
	if ((s.xlsx = cu_xlsx_open(path, tmpdir, sl_req_text(req, "customers.xlsx.sheet"), titles,
	    s.err, sizeof(s.err))) == NULL || cu_export_rows(db, &f, stored_row, &s) != 0) {
		log_err("customers: the spreadsheet: %s", s.err[0] ? s.err : sl_db_error(db));
		goto out;
	}
	i = cu_xlsx_close(s.xlsx, s.err, sizeof(s.err));
	s.xlsx = NULL;
	if (i != 0) {
		log_err("customers: the spreadsheet: %s", s.err);
		goto out;
	}
	rc = send_file(resp, path);
out:
	cu_xlsx_close(s.xlsx, NULL, 0);
	if (path[0] != '\0')
		unlink(path);
	cu_buf_free(&s.titles);
	cu_classes_free(&cls);
	return rc;
}

/* ------------------------------------------------------------ as of a date */

/* cl_row's definition bits (1 << enum cl_type) to cu_csv_row's. */
static unsigned def_bits(unsigned def)
{
	static const struct { int type; unsigned bit; } map[] = {
		{ CL_RISK_SCORE, CU_DEF_RISK_SCORE }, { CL_RISK_CHANGE, CU_DEF_RISK_CHANGE },
		{ CL_REVENUE_RANK, CU_DEF_REVENUE_RANK },
		{ CL_REVENUE_CHANGE, CU_DEF_REVENUE_CHANGE },
		{ CL_REVENUE_SHARE, CU_DEF_REVENUE_SHARE },
	};
	unsigned out = 0;
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (def & (1u << map[i].type))
			out |= map[i].bit;
	return out;
}

/*
 * Every customer as of day (asof, the same as text): the metrics and classifications from
 * cl_compute() (classify's run without its writes), the rest of the row
 * from the customers and their stored predictions.  0, or -1 with err.
 */
static int asof_rows(struct sl_db *db, int64_t day, const char *asof, struct sink *s,
    char *err, size_t errlen)
{
	struct cl_result *res;
	struct sl_stmt *st;
	struct cu_csv_row r;
	struct cl_row cr;
	long long ids[MAX_CLASSES_PER_ROW];
	size_t n, k;
	int rc = -1, f;

	if ((res = cl_compute(db, day, NULL, err, errlen)) == NULL)
		return -1;
	if ((st = sl_db_stmt(db, cu_sql[CU_SQL_ASOF_CUSTOMERS].sql)) == NULL ||
	    sl_stmt_exec(st, cu_sql[CU_SQL_ASOF_CUSTOMERS].types, asof) != 0) {
		snprintf(err, errlen, "customers: %s", sl_db_error(db));
		goto out;
	}
	while ((f = sl_stmt_fetch(st)) == 1) {
		memset(&r, 0, sizeof(r));
		identity(&r, st);
		n = 0;
		if (cl_result_row(res, (unsigned)sl_stmt_int(st, 0), &cr) == 1) {
			r.has_metrics = 1;
			r.revenue_cur = cr.revenue_cur;
			r.revenue_prev = cr.revenue_prev;
			r.orders_cur = cr.orders_cur;
			r.orders_prev = cr.orders_prev;
			r.risk_score = cr.risk_score;
			r.risk_change = cr.risk_change;
			r.revenue_rank = cr.revenue_rank;
			r.revenue_change = cr.revenue_change;
			r.revenue_share = cr.revenue_share;
			r.def = def_bits(cr.def);
			r.rfm_r = cr.rfm_r;
			r.rfm_f = cr.rfm_f;
			r.rfm_m = cr.rfm_m;
			for (k = 0; k < cr.nclasses && n < MAX_CLASSES_PER_ROW; k++)
				ids[n++] = cr.classes[k];
		}
		if (titles_of(s->cls, ids, n, &s->titles) != 0)
			break;
		r.classifications = s->titles.data;
		r.has_prediction = sl_stmt_int(st, 7) != 0;
		r.p_alive = dbl(st, 8);
		r.expected_orders_90d = dbl(st, 9);
		r.clv_12m = money(st, 10);
		contact(&r, st, 11);
		if (put(s, &r) != 0)
			break;
		s->rows++;
	}
	if (f != 0) {
		sl_stmt_done(st);
		snprintf(err, errlen, "%s", f < 0 ? sl_db_error(db) : "writing the file failed");
		goto out;
	}
	rc = 0;
out:
	cl_result_free(res);
	return rc;
}

/* ------------------------------------------------------------ command */

static int usage(void)
{
	fprintf(stderr, "usage: salient export customers [--as-of YYYY-MM-DD] [--out FILE]\n");
	return 2;
}

int cu_cmd_export(int argc, char **argv)
{
	const char *asof = NULL, *outpath = NULL;
	struct sl_db *db;
	struct cu_filter f;
	struct cu_classes cls;
	struct sink s;
	char err[512];
	int64_t day = 0;
	int i, rc = 1;

	if (argc < 2 || strcmp(argv[1], "customers") != 0)
		return usage();
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc)
			asof = argv[++i];
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			outpath = argv[++i];
		else
			return usage();
	}
	if (asof != NULL && dc_parse_date(asof, &day) != 0) {
		fprintf(stderr, "salient export: --as-of: '%s' is not a date (YYYY-MM-DD)\n", asof);
		return 2;
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	if (cu_classes_load(db, NULL, &cls) != 0) {
		fprintf(stderr, "salient export: classifications: %s\n", sl_db_error(db));
		return 1;
	}
	memset(&s, 0, sizeof(s));
	memset(&f, 0, sizeof(f));
	f.has_target = -1;
	cu_today(f.today, sizeof(f.today));
	s.cls = &cls;
	s.out = stdout;
	if (outpath != NULL && (s.out = fopen(outpath, "w")) == NULL) {
		fprintf(stderr, "salient export: %s: %s\n", outpath, strerror(errno));
		goto out;
	}
	err[0] = '\0';
	if (fputs(cu_csv_header, s.out) == EOF)
		goto fail;
	if (asof != NULL) {
		if (asof_rows(db, day, asof, &s, err, sizeof(err)) != 0)
			goto fail;
	} else if (cu_export_rows(db, &f, stored_row, &s) != 0) {
		snprintf(err, sizeof(err), "%s", sl_db_error(db));
		goto fail;
	}
	if (flush(&s, 1) != 0 || fflush(s.out) != 0 || (s.out != stdout && fclose(s.out) != 0)) {
		s.out = NULL;
		goto fail;
	}
	s.out = NULL;
	fprintf(stderr, "salient export: %lld customers%s%s\n", s.rows,
	    outpath ? " to " : "", outpath ? outpath : "");
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "salient export: %s\n", err[0] ? err : strerror(errno));
	if (s.out != NULL && s.out != stdout)
		fclose(s.out);
	s.out = NULL;
	if (outpath != NULL)
		unlink(outpath);
out:
	if (s.out != NULL && s.out != stdout)
		fclose(s.out);
	cu_buf_free(&s.buf);
	cu_buf_free(&s.titles);
	cu_classes_free(&cls);
	return rc;
}
