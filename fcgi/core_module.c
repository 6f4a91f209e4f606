/*
 * core_module.c - the core's own routes and jobs: the health answer and the
 * clean-up of old jobs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "config.h"
#include "context.h"
#include "core_module.h"
#include "core_sql.h"
#include "db_conn.h"
#include "jobs.h"
#include "migrate.h"
#include "reqtypes.h"
#include "salient/csv.h"
#include "salient/input.h"
#include "salient/text.h"

static const char *const core_tables[] = { "jobs", "sessions", "schema_migrations", "audit_log", NULL };
/* the access module's tokens: the core marks one used when it signs a call in */
static const char *const core_touches[] = { "api_tokens", NULL };

/*
 * Old jobs are found by a plain (non-locking) read and deleted one by one by
 * primary key: a locking range DELETE over the claim index took gap locks
 * that deadlocked with other workers marking their jobs done.
 */
#define CLEANUP_BATCH 10000

/*
 * GET /healthz: 200 {status:"ok", db:"up", version, migrations:{...}} when
 * the database answers, else 503 {status:"unavailable", db:"down", ...}.
 */
static int health(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m = json_object_new_object(), *mig;
	struct migrate_state ms;
	struct sl_db *db = sl_req_db(req);
	int insider = req->role == SL_ROLE_ADMIN || req->auth_kind == AUTH_KIND_BEARER, up;

	up = db_ensure(db) == 0 &&
	    migrate_state(db, req->tc->app->migrations, &ms) == 0;
	json_object_object_add(m, "status", json_object_new_string(up ? "ok" : "unavailable"));
	json_object_object_add(m, "db", json_object_new_string(up ? "up" : "down"));
	if (!insider) {
		/* strangers learn up or down; the version and the schema are for
		   staff admins and API tokens (they tell an attacker what runs) */
		if (!up) {
			sl_resp_status(resp, 503);
			sl_resp_header(resp, "Retry-After", "5");
		}
		sl_resp_model(resp, m);
		return 0;
	}
	json_object_object_add(m, "version", json_object_new_string(SL_VERSION));
	if (up) {
		mig = json_object_new_object();
		json_object_object_add(mig, "applied", json_object_new_int(ms.applied));
		json_object_object_add(mig, "available", json_object_new_int(ms.available));
		json_object_object_add(mig, "pending", json_object_new_int(ms.pending));
		json_object_object_add(mig, "latest", json_object_new_string(ms.latest));
		json_object_object_add(m, "migrations", mig);
	} else {
		json_object_object_add(m, "migrations", NULL);
		sl_resp_status(resp, 503);
		sl_resp_header(resp, "Retry-After", "5");
	}
	sl_resp_model(resp, m);
	return 0;
}


/* POST /api/v1/jobs {kind, args}: queues a job; 202 with its id. */
static int job_create(struct sl_req *req, struct sl_resp *resp)
{
	const char *kind = sl_req_str(req, "kind", NULL);
	struct json_object *m, *args = sl_req_member(req, "args");
	long long id;
	int rc = -1;

	if (!jobs_kind_known(kind)) {
		char safe[80], kinds[512];

		sl_resp_fail(req, resp, 400, "unknown", "core.err.job_kind", "kind",
		    hp_log_safe(safe, sizeof(safe), kind), "kinds", jobs_kind_list(kinds, sizeof(kinds)),
		    NULL);
		rc = 0;
		goto out;
	}
	if ((id = sl_job_enqueue(sl_req_db(req), kind, args)) < 0)
		goto out;
	m = json_object_new_object();
	json_object_object_add(m, "id", json_object_new_int64(id));
	json_object_object_add(m, "kind", json_object_new_string(kind));
	json_object_object_add(m, "state", json_object_new_string("queued"));
	sl_resp_status(resp, 202);
	sl_resp_model(resp, m);
	rc = 0;
out:
	if (resp->errmsg != NULL)
		rc = 0;
	return rc;
}

/* Adds last_error_text: the row's last_error as the caller reads it. */
static void add_error_text(const struct sl_req *req, struct json_object *row)
{
	struct json_object *v;
	char buf[SL_TEXT_MAX];

	if (json_object_object_get_ex(row, "last_error", &v) && v != NULL)
		json_object_object_add(row, "last_error_text", json_object_new_string(
		    sl_job_error_text(req, json_object_get_string(v), buf, sizeof(buf))));
}

/* GET /api/v1/jobs/{id}: a job's state and progress (last_error_text: why it failed, in words). */
static int job_get(struct sl_req *req, struct sl_resp *resp)
{
	long long id = (long long)sl_req_uint(req, "id", 0);
	struct json_object *row;
	int found;

	if ((found = sl_db_row(sl_req_db(req), &row, SL_SQL(core_sql, CORE_JOB_GET), id)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 404, "no job %lld", id);
		return 0;
	}
	add_error_text(req, row);
	sl_resp_model(resp, row);
	return 0;
}


/* GET /api/v1/jobs: the 200 most recent jobs, each kind also by its name
 * in the caller's language (kind_text), and the reason a job failed too
 * (last_error_text, sl_job_error_text()). */
static int job_list(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *rows, *m, *row, *v;
	size_t i;

	if ((rows = sl_db_rows(sl_req_db(req), SL_SQL(core_sql, CORE_JOB_RECENT))) == NULL)
		return -1;
	for (i = 0; i < json_object_array_length(rows); i++) {
		row = json_object_array_get_idx(rows, i);
		if (json_object_object_get_ex(row, "kind", &v))
			json_object_object_add(row, "kind_text", json_object_new_string(
			    sl_req_text_of(req, "jobs.kind.", json_object_get_string(v))));
		add_error_text(req, row);
	}
	m = json_object_new_object();
	json_object_object_add(m, "jobs", rows);
	sl_resp_model(resp, m);
	return 0;
}

/* The longest last_error a row of jobs.csv carries (the rest is cut). */
#define JOB_CSV_ERROR_MAX 1000

/* GET /api/v1/jobs.csv: the same list as a CSV download, streamed. */
static int job_csv(struct sl_req *req, struct sl_resp *resp)
{
	static const char head[] =
	    "id,kind,state,attempts,progress_done,progress_total,last_error,"
	    "created_at,started_at,finished_at\r\n";
	struct sl_stmt *st;
	char line[SL_CSV_CELL_MAX(JOB_CSV_ERROR_MAX) + 1024], cut[JOB_CSV_ERROR_MAX + 1];
	char reason[SL_TEXT_MAX];
	unsigned c;
	int rc;

	if ((st = sl_db_stmt(sl_req_db(req), core_sql[CORE_JOB_RECENT].sql)) == NULL ||
	    sl_stmt_exec(st, core_sql[CORE_JOB_RECENT].types) != 0)
		return -1;
	if (sl_resp_download(resp, "text/csv; charset=utf-8", "jobs.csv") != 0 ||
	    sl_resp_write(resp, head, sizeof(head) - 1) != 0)
		goto fail;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		size_t n = 0;

		/* ten columns (salient/csv.h cells); a last_error longer than
		   JOB_CSV_ERROR_MAX bytes is cut, at a character, before it is
		   written: never a cell cut in its quotes */
		for (c = 0; c < sl_stmt_ncols(st); c++) {
			const char *v = sl_stmt_str(st, c, NULL);
			size_t k;

			if (c == 6)   /* last_error, in the caller's words */
				v = sl_job_error_text(req, v, reason, sizeof(reason));

			if (v != NULL && strlen(v) > JOB_CSV_ERROR_MAX) {
				k = JOB_CSV_ERROR_MAX;
				while (k > 0 && ((unsigned char)v[k] & 0xC0) == 0x80)
					k--;
				memcpy(cut, v, k);
				cut[k] = '\0';
				v = cut;
			}
			if (c > 0)
				line[n++] = ',';
			if ((k = sl_csv_cell(line + n, sizeof(line) - n - 2, v, SL_CSV_TEXT)) ==
			    (size_t)-1)
				goto fail;
			n += k;
		}
		line[n++] = '\r';
		line[n++] = '\n';
		if (sl_resp_write(resp, line, n) != 0)
			goto fail;
	}
	sl_stmt_done(st);
	return rc < 0 ? -1 : 0;
fail:
	sl_stmt_done(st);
	return -1;
}

static int cleanup(struct sl_job *job)
{
	struct sl_db *db = sl_job_db(job);
	struct sl_stmt *st;
	long long *ids = malloc(CLEANUP_BATCH * sizeof(*ids));
	size_t n = 0, i;
	int rc = -1, r = 0;

	if (ids == NULL) {
		sl_job_fail_key(job, "core.job.out_of_memory", NULL);
		goto out;
	}
	if ((st = sl_db_stmt(db, core_sql[CORE_CLEANUP_FIND].sql)) == NULL ||
	    sl_stmt_exec(st, core_sql[CORE_CLEANUP_FIND].types) != 0)
		goto dberr;
	while (n < CLEANUP_BATCH && (r = sl_stmt_fetch(st)) == 1)
		ids[n++] = sl_stmt_int(st, 0);
	sl_stmt_done(st);
	if (r < 0)
		goto dberr;
	for (i = 0; i < n; i++)
		if (sl_db_exec(db, SL_SQL(core_sql, CORE_CLEANUP_DELETE), ids[i]) < 0)
			goto dberr;
	rc = 0;
	goto out;
dberr:
	sl_job_fail_key(job, "core.job.cleanup_failed", "detail", sl_db_error(db), NULL);
out:
	free(ids);
	return rc;
}

static const struct sl_input job_in[] = {
	{ "kind", SL_IN_TEXT, .flags = SL_IN_REQUIRED, .max = 64 },
	{ "args", SL_IN_JSON, .max = 1 },
	{ 0 },
};

static const struct sl_route routes[] = {
	{ SL_GET, "/healthz", health, SL_ROLE_PUBLIC, NULL, .inputs = sl_no_inputs },
	{ SL_POST, "/api/v1/jobs", job_create, SL_ROLE_ADMIN, NULL, .inputs = job_in },
	{ SL_GET, "/api/v1/jobs", job_list, SL_ROLE_AGENT, NULL, .inputs = sl_no_inputs },
	{ SL_GET, "/api/v1/jobs.csv", job_csv, SL_ROLE_AGENT, NULL, .inputs = sl_no_inputs,
	  .flags = SL_ROUTE_LONG },
	{ SL_GET, "/api/v1/jobs/{id:uint}", job_get, SL_ROLE_AGENT, NULL, .inputs = sl_no_inputs },
	{ 0 },
};

static const struct sl_job_kind jobs[] = {
	{ "core.cleanup", cleanup },
	{ 0 },
};

const struct sl_module core_module = {
	.name = "core",
	.nav = NULL,
	.routes = routes,
	.jobs = jobs,
	.sql = core_sql,
	.nsql = CORE_NSQL,
	.tables = core_tables,
	.touches = core_touches,
};
