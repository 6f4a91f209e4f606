/*
 * jobs.c - queued and scheduled jobs in MariaDB.
 *
 * Claim: in one transaction, SELECT the oldest due queued job FOR UPDATE
 * SKIP LOCKED and mark it running with this worker's name; rows another
 * worker has locked are skipped, so no job runs twice.  A running job sends
 * a heartbeat with its progress; a job whose heartbeat is older than
 * [worker] stale_seconds is queued again (its worker died).  A failed job is
 * retried after cron_backoff(attempts) until max_attempts, keeping the last
 * error.
 *
 * Schedules: each minute the worker queues the runs due in that minute, from
 * the config file's [schedule] entries (cron expressions) and from the
 * modules' struct sl_schedule tables (runs per day from a setting), each
 * with a unique dedup_key per schedule and minute, so that one of any
 * number of workers queues it.  A worker that was busy with a long job
 * looks back over the minutes it missed (at most a day).
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "core_sql.h"
#include "config.h"
#include "cron.h"
#include "db_conn.h"
#include "jobs.h"
#include "salient/log.h"
#include "router.h"
#include "salient/db.h"
#include "salient/settings.h"
#include "salient/settings.h"

struct sl_job {
	long long id;
	const char *kind;
	struct json_object *args;
	struct sl_db *db;
	time_t last_progress;
	char error[1024];
};

static volatile sig_atomic_t stop_requested;


/* The modules' schedules (struct sl_schedule), gathered at worker start. */
#define MAX_MODULE_SCHEDULES 32
/* Minutes a busy worker looks back for schedule runs it missed. */
#define CATCH_UP_MINUTES 1440
/* Times a worker tries to record a job's end (done, retry, failed). */
#define END_TRIES 5

static long job_max_attempts = 5;

/* ------------------------------------------------------------ module API */

struct json_object *sl_job_args(const struct sl_job *job)
{
	return job->args;
}

struct sl_db *sl_job_db(struct sl_job *job)
{
	return job->db;
}

int sl_job_stopping(const struct sl_job *job)
{
	(void)job;
	return stop_requested != 0;
}

void sl_job_progress(struct sl_job *job, long long done, long long total)
{
	time_t now = time(NULL);

	if (now == job->last_progress && done < total)
		return;
	job->last_progress = now;
	if (sl_db_exec(job->db, SL_SQL(core_sql, CORE_JOB_PROGRESS), done, total, job->id) < 0)
		log_warn("job %lld: progress not recorded: %s", job->id, sl_db_error(job->db));
}

/* The longest value sl_job_fail_key() keeps (as sl_text_fill() shows). */
#define JOB_VALUE_MAX 200

void sl_job_fail_key(struct sl_job *job, const char *key, ...)
{
	struct json_object *o = json_object_new_object(), *vals = json_object_new_object();
	const char *name, *v, *text;
	va_list ap;
	size_t n;

	va_start(ap, key);
	while ((name = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		if (v == NULL)
			v = "";
		n = strlen(v);
		if (n > JOB_VALUE_MAX) {
			n = JOB_VALUE_MAX;   /* at a character */
			while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
				n--;
		}
		json_object_object_add(vals, name, json_object_new_string_len(v, (int)n));
	}
	va_end(ap);
	json_object_object_add(o, "key", json_object_new_string(key));
	json_object_object_add(o, "values", vals);
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	if (strlen(text) >= sizeof(job->error)) {
		/* too many values to keep: the reason without them */
		json_object_object_add(o, "values", json_object_new_object());
		text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	}
	snprintf(job->error, sizeof(job->error), "%s", text);
	json_object_put(o);
}

/* Queues a job to start delay seconds from now; its id, or -1. */
static long long enqueue(struct sl_db *db, const char *kind, struct json_object *args,
    long delay)
{
	const char *a = args ? json_object_to_json_string_ext(args, JSON_C_TO_STRING_PLAIN) : "{}";
	struct sl_stmt *st;

	if ((st = sl_db_stmt(db, core_sql[CORE_JOB_ENQUEUE].sql)) == NULL ||
	    sl_stmt_exec(st, core_sql[CORE_JOB_ENQUEUE].types, kind, a, (long long)job_max_attempts, (long long)delay) != 0)
		return -1;
	return (long long)sl_stmt_insert_id(st);
}

long long sl_job_enqueue(struct sl_db *db, const char *kind, struct json_object *args)
{
	return enqueue(db, kind, args, 0);
}


long long sl_job_enqueue_once(struct sl_db *db, const char *kind, struct json_object *args,
    int running_counts, long delay, int *already)
{
	long long id = -1, got = 0, released = 0;

	*already = 0;
	if (sl_db_int(db, &got, SL_SQL(core_sql, CORE_JOB_ONCE_LOCK), kind) != 1 || got != 1) {
		log_warn("queueing %s: the queue lock was not granted: %s", kind, sl_db_error(db));
		return -1;
	}
	switch (sl_db_int(db, &id, SL_SQL(core_sql, CORE_JOB_ONCE_WAITING), kind, (long long)(running_counts != 0))) {
	case 1:
		*already = 1;
		break;
	case 0:
		id = enqueue(db, kind, args, delay > 0 ? delay : 0);
		break;
	default:
		id = -1;
	}
	if (sl_db_int(db, &released, SL_SQL(core_sql, CORE_JOB_ONCE_UNLOCK), kind) != 1 || released != 1)
		log_warn("queueing %s: the queue lock was not released: %s", kind, sl_db_error(db));
	return id;
}

void sl_data_imported(struct sl_db *db)
{
	size_t m;

	for (m = 0; sl_modules[m] != NULL; m++)
		if (sl_modules[m]->data_imported != NULL)
			sl_modules[m]->data_imported(db);
}

/* ------------------------------------------------------------ runner */

static const struct sl_job_kind *find_kind(const char *kind)
{
	const struct sl_job_kind *k;
	size_t m;

	for (m = 0; sl_modules[m] != NULL; m++)
		for (k = sl_modules[m]->jobs; k != NULL && k->kind != NULL; k++)
			if (strcmp(k->kind, kind) == 0)
				return k;
	return NULL;
}

int jobs_kind_known(const char *kind)
{
	return find_kind(kind) != NULL;
}

const char *jobs_kind_list(char *buf, size_t len)
{
	const struct sl_job_kind *k;
	size_t m, at = 0;
	int n;

	buf[0] = '\0';
	for (m = 0; sl_modules[m] != NULL; m++)
		for (k = sl_modules[m]->jobs; k != NULL && k->kind != NULL; k++) {
			n = snprintf(buf + at, len - at, "%s%s", at ? ", " : "", k->kind);
			if (n < 0 || (size_t)n >= len - at) {
				buf[at] = '\0';   /* cut after the last whole kind */
				return buf;
			}
			at += (size_t)n;
		}
	return buf;
}

static void on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Claims one due job; 1 = ran one, 0 = none due, -1 = database trouble. */
static int run_one(struct sl_db *db, const char *me)
{
	struct sl_job job;
	const struct sl_job_kind *k;
	struct sl_stmt *st;
	char *kind = NULL, *args = NULL;
	long long attempts = 0, maxatt = 0, end;
	int rc = -1, r, tries;
	struct timespec t0, t1;
	static const struct timespec end_pause = { 0, 200000000L };

	memset(&job, 0, sizeof(job));
	if (sl_db_begin(db) != 0)
		return -1;
	if ((st = sl_db_stmt(db, core_sql[CORE_JOB_CLAIM].sql)) == NULL || sl_stmt_exec(st, core_sql[CORE_JOB_CLAIM].types) != 0)
		goto rollback;
	if ((r = sl_stmt_fetch(st)) != 1) {
		sl_stmt_done(st);
		sl_db_rollback(db);
		return r == 0 ? 0 : -1;
	}
	job.id = sl_stmt_int(st, 0);
	kind = strdup(sl_stmt_str(st, 1, NULL));
	args = strdup(sl_stmt_str(st, 2, NULL) ? sl_stmt_str(st, 2, NULL) : "{}");
	attempts = sl_stmt_int(st, 3) + 1;
	maxatt = sl_stmt_int(st, 4);
	sl_stmt_done(st);
	if (kind == NULL || args == NULL)
		goto rollback;
	if (sl_db_exec(db, SL_SQL(core_sql, CORE_JOB_MARK_RUNNING), me, job.id) != 1 || sl_db_commit(db) != 0)
		goto rollback;

	job.kind = kind;
	job.db = db;
	if ((job.args = json_tokener_parse(args)) == NULL ||
	    !json_object_is_type(job.args, json_type_object)) {
		sl_job_fail_key(&job, "core.job.bad_args", NULL);
		r = -1;
	} else if ((k = find_kind(kind)) == NULL) {
		sl_job_fail_key(&job, "core.job.no_module", "kind", kind, NULL);
		r = -1;
	} else {
		log_info("job %lld (%s) started, attempt %lld", job.id, kind, attempts);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		r = k->fn(&job);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		log_info("job %lld (%s) %s in %.3f s", job.id, kind, r == 0 ? "done" : "failed",
		    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	if (r != 0 && !stop_requested) {
		if (job.error[0] == '\0')
			sl_job_fail_key(&job, "core.job.no_reason", "detail", sl_db_error(db), NULL);
		log_warn("job %lld (%s): %s", job.id, kind, job.error);
	}
	/* the job's end is recorded even if a competing statement deadlocks it once */
	for (tries = 1;; tries++) {
		if (r == 0)
			end = sl_db_exec(db, SL_SQL(core_sql, CORE_JOB_DONE), job.id);
		else if (stop_requested)
			end = sl_db_exec(db, SL_SQL(core_sql, CORE_JOB_REQUEUE_STOPPED), job.id);
		else if (attempts < maxatt)
			end = sl_db_exec(db, SL_SQL(core_sql, CORE_JOB_RETRY), job.error,
			    (long long)cron_backoff((unsigned)attempts), job.id);
		else
			end = sl_db_exec(db, SL_SQL(core_sql, CORE_JOB_FAILED), job.error, job.id);
		if (end >= 0 || tries == END_TRIES)
			break;
		log_warn("job %lld: recording its end failed (%s), trying again", job.id,
		    sl_db_error(db));
		nanosleep(&end_pause, NULL);
	}
	if (end < 0)
		log_err("job %lld: its end was not recorded (%s); it is queued again once "
		    "its heartbeat is stale", job.id, sl_db_error(db));
	rc = 1;
	goto out;
rollback:
	sl_db_rollback(db);
out:
	json_object_put(job.args);
	free(kind);
	free(args);
	return rc;
}

struct schedules {
	const struct sl_schedule *mod[MAX_MODULE_SCHEDULES];
	size_t nmod;
	long per_day[MAX_MODULE_SCHEDULES];   /* read once per check */
};

/*
 * Gathers and checks the modules' schedules: a known job kind, a declared
 * INT setting, arguments that are a JSON object.  0, or -1 (logged).
 */
static int module_schedules(struct schedules *sc)
{
	const struct sl_schedule *s;
	const struct sl_setting *set;
	struct json_object *a;
	size_t m;
	int ok;

	sc->nmod = 0;
	for (m = 0; sl_modules[m] != NULL; m++) {
		for (s = sl_modules[m]->schedules; s != NULL && s->name != NULL; s++) {
			if (sc->nmod == MAX_MODULE_SCHEDULES) {
				log_err("module %s: more than %d schedules", sl_modules[m]->name,
				    MAX_MODULE_SCHEDULES);
				return -1;
			}
			if (find_kind(s->kind) == NULL) {
				log_err("module %s: schedule %s: no module runs jobs of kind '%s'",
				    sl_modules[m]->name, s->name, s->kind);
				return -1;
			}
			set = sl_setting_find(s->per_day);
			if (set == NULL || set->type != SL_SETTING_INT) {
				log_err("module %s: schedule %s: '%s' is not a declared whole-number setting",
				    sl_modules[m]->name, s->name, s->per_day);
				return -1;
			}
			a = s->args != NULL ? json_tokener_parse(s->args) : NULL;
			ok = s->args == NULL || json_object_is_type(a, json_type_object);
			json_object_put(a);
			if (!ok) {
				log_err("module %s: schedule %s: args are not a JSON object",
				    sl_modules[m]->name, s->name);
				return -1;
			}
			sc->mod[sc->nmod++] = s;
		}
	}
	return 0;
}

/* Queues the entries due in the local minute tm (once across workers). */
static void enqueue_minute(struct sl_db *db, const struct sl_config *conf,
    const struct cron *crons, const struct schedules *sc, const struct tm *tm)
{
	char key[190];
	long run;
	size_t i;

	for (i = 0; i < conf->nschedule; i++) {
		if (!cron_matches(&crons[i], tm))
			continue;
		snprintf(key, sizeof(key), "sched:%s:%04d%02d%02d%02d%02d", conf->schedule[i].name,
		    tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min);
		if (sl_db_exec(db, SL_SQL(core_sql, CORE_JOB_ENQUEUE_SCHED), conf->schedule[i].kind, key) == 1)
			log_info("scheduled %s (%s)", conf->schedule[i].name, conf->schedule[i].kind);
	}
	for (i = 0; i < sc->nmod; i++) {
		const struct sl_schedule *s = sc->mod[i];

		if ((run = cron_slot_at(sc->per_day[i], tm->tm_hour * 60 + tm->tm_min)) < 0)
			continue;
		snprintf(key, sizeof(key), "sched:%s:%04d%02d%02d%02d%02d", s->name,
		    tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min);
		if (sl_db_exec(db, SL_SQL(core_sql, CORE_JOB_ENQUEUE_SCHED_ARGS), s->kind,
		    s->args != NULL ? s->args : "{}", key) == 1)
			log_info("scheduled %s (%s), run %ld of %ld a day", s->name, s->kind,
			    run + 1, sc->per_day[i]);
	}
}

/*
 * Queues the entries due in the minutes from first to last (epoch minutes,
 * inclusive; at most CATCH_UP_MINUTES of them, the latest).
 */
static void enqueue_due(struct sl_db *db, const struct sl_config *conf,
    const struct cron *crons, struct schedules *sc, long first, long last)
{
	struct tm tm;
	time_t t;
	size_t i;
	long m;

	if (last - first >= CATCH_UP_MINUTES)
		first = last - CATCH_UP_MINUTES + 1;
	for (i = 0; i < sc->nmod; i++)
		sc->per_day[i] = sl_setting_int(db, sc->mod[i]->per_day);
	for (m = first; m <= last; m++) {
		t = (time_t)m * 60;
		localtime_r(&t, &tm);
		enqueue_minute(db, conf, crons, sc, &tm);
	}
}

int jobs_worker(const struct sl_config *conf, int once, time_t at)
{
	struct cron crons[CONF_MAX_SCHEDULE];
	struct schedules sc;
	struct sigaction sa;
	struct sl_db *db = NULL;
	char me[128], host[64], err[256];
	long last_minute = -1;
	int rc = 1, r;
	size_t i;

	job_max_attempts = conf->job_max_attempts;
	for (i = 0; i < conf->nschedule; i++) {
		if (cron_parse(conf->schedule[i].cron, &crons[i], err, sizeof(err)) != 0) {
			log_err("%s: [schedule] %s: %s", conf->path, conf->schedule[i].name, err);
			return 1;
		}
		if (find_kind(conf->schedule[i].kind) == NULL) {
			log_err("%s: [schedule] %s: no module runs jobs of kind '%s'", conf->path,
			    conf->schedule[i].name, conf->schedule[i].kind);
			return 1;
		}
	}
	if (module_schedules(&sc) != 0)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(me, sizeof(me), "%s:%d", host, (int)getpid());
	if ((db = db_open(conf, 0)) == NULL)
		return 1;
	log_info("worker %s started, %zu scheduled entries, %zu module schedules", me,
	    conf->nschedule, sc.nmod);
	while (!stop_requested) {
		time_t now = at != 0 ? at : time(NULL);

		if (db_ensure(db) != 0) {
			log_warn("database unavailable (%s), retrying", sl_db_error(db));
			if (once)
				goto out;
			sleep(2);
			continue;
		}
		if (now / 60 != last_minute) {
			/* this minute, and the ones a long job kept this worker from */
			enqueue_due(db, conf, crons, &sc,
			    last_minute < 0 || last_minute > now / 60 ? now / 60 : last_minute + 1,
			    now / 60);
			last_minute = now / 60;
			if (sl_db_exec(db, SL_SQL(core_sql, CORE_JOB_STALE), (long long)conf->job_stale_seconds) > 0)
				log_warn("requeued jobs whose worker stopped");
		}
		r = run_one(db, me);
		if (r == 1)
			continue;
		if (r < 0)
			log_warn("claiming a job failed: %s", sl_db_error(db));
		if (once)
			break;
		{
			struct timespec ts = { conf->job_poll_ms / 1000,
				(conf->job_poll_ms % 1000) * 1000000L };

			nanosleep(&ts, NULL);
		}
	}
	log_info("worker %s stopped", me);
	rc = 0;
out:
	db_close(db);
	return rc;
}
