/*
 * runs.c - "Recalculate now" and what the classifications page shows about
 * the runs: the queued or running recompute job with its progress, the
 * last run's figures (classify_runs), the automatic schedule, and whether a
 * classification changed since the last run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "classify_int.h"
#include "classify_sql.h"
#include "salient/db.h"
#include "salient/format.h"
#include "salient/settings.h"
#include "salient/text.h"

/* the active job first, else the latest */
/* a change after the last run started (its end less its length) */

int cls_queue_recompute(struct sl_db *db, long long *id, int *already)
{
	struct json_object *args = json_object_new_object();

	/* a run in progress counts: the page shows its progress */
	json_object_object_add(args, "with_predictions", json_object_new_boolean(1));
	*id = sl_job_enqueue_once(db, "classify.recompute", args, 1, 0, already);
	json_object_put(args);
	return *id < 0 ? -1 : 0;
}

/* key's string in o, or NULL. */
static const char *str(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) && v != NULL ? json_object_get_string(v) : NULL;
}

/*
 * Adds KEY_text: the UTC time o.KEY ("2026-11-23T05:00:00Z") in the site's
 * time zone, written the language's way.
 */
static void add_time(struct json_object *o, const char *key, const char *lang)
{
	const char *iso = str(o, key);
	char local[32], text[SL_FMT_MAX], name[64];
	struct tm tm;
	time_t t;

	if (iso == NULL)
		return;
	memset(&tm, 0, sizeof(tm));
	if (strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm) == NULL)
		return;
	t = timegm(&tm);
	localtime_r(&t, &tm);
	strftime(local, sizeof(local), "%Y-%m-%dT%H:%M:%S", &tm);
	if (sl_fmt_datetime(text, sizeof(text), lang, local) != 0)
		return;
	snprintf(name, sizeof(name), "%s_text", key);
	json_object_object_add(o, name, json_object_new_string(text));
}

static void add_int_text(struct json_object *o, const char *key, const char *lang)
{
	char text[SL_FMT_MAX], name[64];
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return;
	sl_fmt_int(text, sizeof(text), lang, json_object_get_int64(v));
	snprintf(name, sizeof(name), "%s_text", key);
	json_object_object_add(o, name, json_object_new_string(text));
}

/* The latest recompute job in *out (NULL when none), its last_error in
 * req's words (last_error_text); 0 or -1. */
static int job_model(const struct sl_req *req, struct sl_db *db, const char *lang,
    struct json_object **out)
{
	struct json_object *job = NULL, *is;
	long long done, total;
	const char *state;
	char url[64], reason[SL_TEXT_MAX];
	int found, active;

	*out = NULL;
	if ((found = sl_db_row(db, &job, SL_SQL(cls_sql, CLS_JOB))) <= 0)
		return found;
	state = str(job, "state");
	active = state != NULL && (strcmp(state, "queued") == 0 || strcmp(state, "running") == 0);
	done = json_object_get_int64(json_object_object_get(job, "progress_done"));
	total = json_object_get_int64(json_object_object_get(job, "progress_total"));
	json_object_object_add(job, "percent", json_object_new_int(
	    total > 0 ? (int)(done * 100 / total) : 0));
	is = json_object_new_object();
	if (state != NULL)
		json_object_object_add(is, state, json_object_new_boolean(1));
	json_object_object_add(job, "is", is);
	json_object_object_add(job, "active", json_object_new_boolean(active));
	snprintf(url, sizeof(url), "/api/v1/jobs/%lld",
	    (long long)json_object_get_int64(json_object_object_get(job, "id")));
	json_object_object_add(job, "poll_path", json_object_new_string(url));
	if (str(job, "last_error") != NULL)
		json_object_object_add(job, "last_error_text", json_object_new_string(
		    sl_job_error_text(req, str(job, "last_error"), reason, sizeof(reason))));
	add_time(job, "created_at", lang);
	add_time(job, "started_at", lang);
	add_time(job, "finished_at", lang);
	*out = job;
	return 0;
}

/* The last run in *out (NULL when none); 0 or -1. */
static int last_run_model(struct sl_db *db, const char *lang, struct json_object **out)
{
	struct json_object *run = NULL, *v;
	char text[SL_FMT_MAX];
	int found;

	*out = NULL;
	if ((found = sl_db_row(db, &run, SL_SQL(cls_sql, CLS_LAST_RUN))) <= 0)
		return found;
	if (str(run, "as_of") != NULL && sl_fmt_date(text, sizeof(text), lang, str(run, "as_of")) == 0)
		json_object_object_add(run, "as_of_text", json_object_new_string(text));
	add_time(run, "finished_at", lang);
	add_int_text(run, "customers", lang);
	add_int_text(run, "orders", lang);
	add_int_text(run, "added", lang);
	add_int_text(run, "removed", lang);
	if (json_object_object_get_ex(run, "seconds", &v) &&
	    sl_fmt_decimal(text, sizeof(text), lang, json_object_get_string(v), 1) == 0)
		json_object_object_add(run, "seconds_text", json_object_new_string(text));
	*out = run;
	return 0;
}

static struct json_object *schedule_model(struct sl_db *db)
{
	struct json_object *m = json_object_new_object(), *times = json_object_new_array();
	long per_day = (long)sl_setting_int(db, "recompute_per_day"), i;
	char hhmm[16];
	int min;

	for (i = 0; i < per_day; i++) {
		if ((min = sl_schedule_minute(per_day, i)) < 0)
			break;
		snprintf(hhmm, sizeof(hhmm), "%02d:%02d", min / 60, min % 60);
		json_object_array_add(times, json_object_new_string(hhmm));
	}
	json_object_object_add(m, "per_day", json_object_new_int64(per_day));
	json_object_object_add(m, "on", json_object_new_boolean(per_day > 0));
	json_object_object_add(m, "times", times);
	{
		/* "00:00, 06:00, 12:00, 18:00" for the sentence */
		char all[24 * 8], *p = all;
		size_t n;

		all[0] = '\0';
		for (n = 0; n < json_object_array_length(times); n++)
			p += snprintf(p, sizeof(all) - (size_t)(p - all), "%s%s", n ? ", " : "",
			    json_object_get_string(json_object_array_get_idx(times, n)));
		json_object_object_add(m, "times_text", json_object_new_string(all));
	}
	return m;
}

struct json_object *cls_runs_model(struct sl_req *req)
{
	struct sl_db *db = sl_req_db(req);
	const char *lang = sl_req_lang(req);
	struct json_object *m, *job = NULL, *run = NULL, *row = NULL;

	if (job_model(req, db, lang, &job) != 0 || last_run_model(db, lang, &run) != 0 ||
	    sl_db_row(db, &row, SL_SQL(cls_sql, CLS_CHANGED)) != 1) {
		json_object_put(job);
		json_object_put(run);
		json_object_put(row);
		return NULL;
	}
	m = json_object_new_object();
	json_object_object_add(m, "job", job);
	json_object_object_add(m, "last_run", run);
	json_object_object_add(m, "schedule", schedule_model(db));
	json_object_object_add(m, "changed_since_run", json_object_new_boolean(
	    json_object_get_int(json_object_object_get(row, "changed")) == 1));
	json_object_put(row);
	return m;
}
