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
#include "db_conn.h"
#include "jobs.h"
#include "migrate.h"
#include "reqtypes.h"

/*
 * Old jobs are found by a plain (non-locking) read and deleted one by one by
 * primary key: a locking range DELETE over the claim index took gap locks
 * that deadlocked with other workers marking their jobs done.
 */
#define CLEANUP_BATCH 10000
static const char sql_cleanup_find[] =
    "SELECT id FROM jobs WHERE state IN ('done', 'failed') "
    "AND finished_at < NOW(3) - INTERVAL 30 DAY ORDER BY id LIMIT 10000";
static const char sql_cleanup_delete[] =
    "DELETE FROM jobs WHERE id = ? AND state IN ('done', 'failed')";

/*
 * GET /healthz: 200 {status:"ok", db:"up", version, migrations:{...}} when
 * the database answers, else 503 {status:"unavailable", db:"down", ...}.
 */
static int health(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *m = json_object_new_object(), *mig;
	struct migrate_state ms;
	struct sl_db *db = sl_req_db(req);
	int up;

	up = db_ensure(db) == 0 &&
	    migrate_state(db, req->tc->app->migrations, &ms) == 0;
	json_object_object_add(m, "status", json_object_new_string(up ? "ok" : "unavailable"));
	json_object_object_add(m, "db", json_object_new_string(up ? "up" : "down"));
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

static const char sql_job_get[] =
    "SELECT id, kind, state, attempts, max_attempts, progress_done, progress_total, "
    "last_error, created_at, started_at, finished_at, run_after FROM jobs WHERE id = ?";

/* POST /api/v1/jobs {kind, args}: queues a job; 202 with its id. */
static int job_create(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *body = sl_req_json(req), *v, *args = NULL, *m;
	const char *kind = NULL, *argtext = NULL;
	long long id;
	int rc = -1;

	if (body != NULL) {
		if (!json_object_is_type(body, json_type_object)) {
			sl_resp_error(resp, 400, "body: expected a JSON object {\"kind\": ..., \"args\": {...}}");
			return 0;
		}
		if (json_object_object_get_ex(body, "kind", &v) && json_object_is_type(v, json_type_string))
			kind = json_object_get_string(v);
		if (json_object_object_get_ex(body, "args", &v) && v != NULL) {
			if (!json_object_is_type(v, json_type_object)) {
				sl_resp_error(resp, 400, "args: expected a JSON object");
				return 0;
			}
			args = json_object_get(v);
		}
	} else {
		kind = sl_req_input(req, "kind");
		argtext = sl_req_input(req, "args");
		if (argtext != NULL && argtext[0] != '\0' &&
		    ((args = json_tokener_parse(argtext)) == NULL ||
		    !json_object_is_type(args, json_type_object))) {
			json_object_put(args);
			sl_resp_error(resp, 400, "args: expected a JSON object");
			return 0;
		}
	}
	if (kind == NULL || kind[0] == '\0') {
		sl_resp_error(resp, 400, "kind: required");
		goto out;
	}
	if (!jobs_kind_known(kind)) {
		char safe[80];

		sl_resp_error(resp, 400, "kind: no module runs jobs of kind '%s'",
		    hp_log_safe(safe, sizeof(safe), kind));
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
	json_object_put(args);
	return rc;
}

/* GET /api/v1/jobs/{id}: a job's state and progress. */
static int job_get(struct sl_req *req, struct sl_resp *resp)
{
	const char *p = sl_req_param(req, "id");
	struct json_object *row;
	char *end;
	long long id;
	int found;

	id = strtoll(p, &end, 10);
	if (*end != '\0' || id <= 0 || p[0] == '+' || p[0] == '-' || p[0] == ' ') {
		sl_resp_error(resp, 400, "id: expected a positive whole number");
		return 0;
	}
	if ((found = sl_db_row(sl_req_db(req), &row, sql_job_get, "i", id)) < 0)
		return -1;
	if (!found) {
		sl_resp_error(resp, 404, "no job %lld", id);
		return 0;
	}
	sl_resp_model(resp, row);
	return 0;
}

static const char sql_job_recent[] =
    "SELECT id, kind, state, attempts, progress_done, progress_total, last_error, "
    "created_at, started_at, finished_at FROM jobs ORDER BY id DESC LIMIT 200";

/* GET /api/v1/jobs: the 200 most recent jobs. */
static int job_list(struct sl_req *req, struct sl_resp *resp)
{
	struct json_object *rows, *m;

	if ((rows = sl_db_rows(sl_req_db(req), sql_job_recent, "")) == NULL)
		return -1;
	m = json_object_new_object();
	json_object_object_add(m, "jobs", rows);
	sl_resp_model(resp, m);
	return 0;
}

/* One CSV field (RFC 4180): quoted when it holds a comma, quote or newline. */
static size_t csv_field(char *dst, size_t cap, const char *s)
{
	size_t n = 0, i;
	int q = s != NULL && strpbrk(s, ",\"\r\n") != NULL;

	if (s == NULL)
		return 0;
	if (q && n < cap)
		dst[n++] = '"';
	for (i = 0; s[i] != '\0' && n + 3 < cap; i++) {
		if (s[i] == '"')
			dst[n++] = '"';
		dst[n++] = s[i];
	}
	if (q && n < cap)
		dst[n++] = '"';
	return n;
}

/* GET /api/v1/jobs.csv: the same list as a CSV download, streamed. */
static int job_csv(struct sl_req *req, struct sl_resp *resp)
{
	static const char head[] =
	    "id,kind,state,attempts,progress_done,progress_total,last_error,"
	    "created_at,started_at,finished_at\r\n";
	struct sl_stmt *st;
	char line[4096];
	unsigned c;
	int rc;

	if ((st = sl_db_stmt(sl_req_db(req), sql_job_recent)) == NULL || sl_stmt_exec(st, "") != 0)
		return -1;
	if (sl_resp_download(resp, "text/csv; charset=utf-8", "jobs.csv") != 0 ||
	    sl_resp_write(resp, head, sizeof(head) - 1) != 0)
		goto fail;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		size_t n = 0;

		/* ten columns; a very long last_error is cut to fit the line */
		for (c = 0; c < sl_stmt_ncols(st) && n + 16 < sizeof(line); c++) {
			if (c > 0)
				line[n++] = ',';
			n += csv_field(line + n, sizeof(line) - n - 8, sl_stmt_str(st, c, NULL));
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
		sl_job_fail(job, "out of memory");
		goto out;
	}
	if ((st = sl_db_stmt(db, sql_cleanup_find)) == NULL || sl_stmt_exec(st, "") != 0)
		goto dberr;
	while (n < CLEANUP_BATCH && (r = sl_stmt_fetch(st)) == 1)
		ids[n++] = sl_stmt_int(st, 0);
	sl_stmt_done(st);
	if (r < 0)
		goto dberr;
	for (i = 0; i < n; i++)
		if (sl_db_exec(db, sql_cleanup_delete, "i", ids[i]) < 0)
			goto dberr;
	rc = 0;
	goto out;
dberr:
	sl_job_fail(job, "deleting old jobs: %s", sl_db_error(db));
out:
	free(ids);
	return rc;
}

static const struct sl_route routes[] = {
	{ SL_GET, "/healthz", health, SL_ROLE_PUBLIC, NULL },
	{ SL_POST, "/api/v1/jobs", job_create, SL_ROLE_ADMIN, NULL },
	{ SL_GET, "/api/v1/jobs", job_list, SL_ROLE_AGENT, NULL },
	{ SL_GET, "/api/v1/jobs.csv", job_csv, SL_ROLE_AGENT, NULL },
	{ SL_GET, "/api/v1/jobs/{id}", job_get, SL_ROLE_AGENT, NULL },
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
};
