/*
 * context.c - a worker process's context (the configuration, the compiled
 * templates and catalogs, the input limits) and a thread's (its database
 * connection).
 */
#include <stdlib.h>

#include <sodium.h>

#include "config.h"
#include "context.h"
#include "db_conn.h"
#include "salient/log.h"
#include "migrate.h"
#include "views.h"

struct worker_ctx *worker_ctx_new(const struct sl_config *conf)
{
	struct worker_ctx *w;
	char err[512];

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->conf = conf;
	hp_limits_default(&w->limits);
	w->limits.max_total = (size_t)conf->max_upload;
	w->limits.max_fields = (size_t)conf->max_fields;
	w->limits.max_file = (size_t)conf->max_upload;
	w->migrations = migrate_count(conf->sql_dir);
	if (sodium_init() < 0) {
		log_err("libsodium did not initialise");
		free(w);
		return NULL;
	}
	if ((w->views = views_load(conf->theme_dir, err, sizeof(err))) == NULL) {
		log_err("templates: %s", err);
		free(w);
		return NULL;
	}
	return w;
}

void worker_ctx_free(struct worker_ctx *w)
{
	if (w == NULL)
		return;
	views_free(w->views);
	free(w);
}

struct thread_ctx *thread_ctx_new(struct worker_ctx *w, int index)
{
	struct thread_ctx *t;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->app = w;
	t->index = index;
	if ((t->db = db_open(w->conf, 0)) == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

void thread_ctx_free(struct thread_ctx *t)
{
	if (t == NULL)
		return;
	db_close(t->db);
	free(t);
}
