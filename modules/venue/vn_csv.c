/*
 * vn_csv.c - the table under each chart of the sales trajectory as CSV:
 *
 *   GET /admin/venue/trajectory.csv?production=P&chart=sales|progress|segments
 *   GET /api/v1/venue/trajectory.csv?...
 *
 * The same inputs and figures as the page (vn_page.c; chart default
 * sales); without a production, the productions the search finds (q, as
 * the page lists them: id, host_id, name, genre, first, last, events).
 * The columns are
 * the table's, in English names (a file for programs and spreadsheets),
 * numbers in the plain form, cells through salient/csv.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/csv.h"
#include "salient/input.h"
#include "vn_int.h"

static const char *const heads[] = {
	"date,revenue_actual,revenue_trajectory,revenue_forecast,tickets_actual,"
	    "tickets_trajectory,tickets_forecast,bookers_actual,bookers_trajectory,bookers_forecast\r\n",
	"date,revenue_pct,tickets_pct,bookers_pct\r\n",
	"segment,bookers,target,progress_pct\r\n",
};

/* Appends the cell of v (a JSON value, NULL: empty) to line at *n. */
static void cell(char *line, size_t len, size_t *n, struct json_object *v, int first)
{
	char out[SL_CSV_CELL_MAX(1024)];
	const char *s = v == NULL ? NULL : json_object_get_string(v);
	int number = v != NULL && !json_object_is_type(v, json_type_string);

	if (*n + 1 >= len)
		return;
	if (!first)
		line[(*n)++] = ',';
	if (sl_csv_cell(out, sizeof(out), s, number ? SL_CSV_NUMBER : SL_CSV_TEXT) != (size_t)-1)
		*n += (size_t)snprintf(line + *n, len - *n, "%s", out);
	if (*n >= len)
		*n = len - 1;
}

static struct json_object *get(struct json_object *o, const char *a, const char *b)
{
	struct json_object *v = json_object_object_get(o, a);

	return b != NULL ? json_object_object_get(v, b) : v;
}

static int write_rows(struct sl_resp *resp, int chart, struct json_object *rows)
{
	static const char *const ms[] = { "revenue", "tickets", "bookers" };
	static const char *const parts[] = { "actual", "trajectory", "forecast" };
	size_t i, n, len = rows ? json_object_array_length(rows) : 0;
	char line[1024];
	int k, p;

	for (i = 0; i < len; i++) {
		struct json_object *r = json_object_array_get_idx(rows, i);

		n = 0;
		if (chart == 2) {
			cell(line, sizeof(line), &n, get(r, "segment", NULL), 1);
			cell(line, sizeof(line), &n, get(r, "bookers", NULL), 0);
			cell(line, sizeof(line), &n, get(r, "target", NULL), 0);
			cell(line, sizeof(line), &n, get(r, "progress", NULL), 0);
		} else {
			cell(line, sizeof(line), &n, get(r, "date", NULL), 1);
			for (k = 0; k < 3; k++)
				for (p = 0; p < (chart == 0 ? 3 : 1); p++)
					cell(line, sizeof(line), &n, chart == 0 ? get(r, ms[k], parts[p]) :
					    get(r, ms[k], NULL), 0);
		}
		n += (size_t)snprintf(line + n, sizeof(line) - n, "\r\n");
		if (sl_resp_write(resp, line, n) != 0)
			return -1;
	}
	return 0;
}

/* The search's productions as CSV. */
static int found_csv(struct sl_req *req, struct sl_resp *resp)
{
	static const char head[] = "production_id,host_id,name,genre,first,last,events\r\n";
	static const char *const cols[] = { "id", "host_id", "name", "genre", "first", "last",
	    "events" };
	const char *q = sl_req_str(req, "q", NULL);
	struct json_object *rows = sl_db_rows(sl_req_db(req), SL_SQL(vn_sql, VN_SEARCH), q ? q : "",
	    q ? q : "");
	size_t i, k, n, len;
	char line[8192];

	if (rows == NULL)
		return -1;
	len = json_object_array_length(rows);
	if (sl_resp_download(resp, "text/csv; charset=utf-8", "productions.csv") != 0 ||
	    sl_resp_write(resp, head, sizeof(head) - 1) != 0)
		len = 0;
	for (i = 0; i < len; i++) {
		struct json_object *r = json_object_array_get_idx(rows, i);

		n = 0;
		for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
			cell(line, sizeof(line), &n, json_object_object_get(r, cols[k]), k == 0);
		n += (size_t)snprintf(line + n, sizeof(line) - n, "\r\n");
		if (sl_resp_write(resp, line, n) != 0)
			break;
	}
	json_object_put(rows);
	return 0;
}

int vn_page_csv(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m = json_object_new_object();
	struct vn_view *v = NULL;
	int chart = sl_req_enum(req, "chart", 0), rc;
	char name[64];

	if ((rc = vn_view_of(req, resp, m, &v)) != 1) {
		json_object_put(m);
		return rc == 0 ? found_csv(req, resp) : rc < 0 ? -1 : 0;
	}
	vn_add_view(req, m, v, chart);
	vn_view_free(v);
	snprintf(name, sizeof(name), "trajectory-%lld-%s.csv", v->prod, vn_chart_names[chart]);
	free(v);
	rc = 0;
	if (sl_resp_download(resp, "text/csv; charset=utf-8", name) != 0 ||
	    sl_resp_write(resp, heads[chart], strlen(heads[chart])) != 0 ||
	    write_rows(resp, chart, get(get(m, vn_chart_names[chart], NULL),
	    chart == 2 ? "rows" : "days", NULL)) != 0)
		rc = 0;	/* the client went away: nothing more to say */
	json_object_put(m);
	return rc;
}
