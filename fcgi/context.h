/*
 * context.h - what a worker process and each of its threads hold while
 * they serve requests (fcgi/context.c).
 */
#ifndef SALIENT_CONTEXT_H
#define SALIENT_CONTEXT_H

#include "parse.h"

struct sl_config;
struct sl_db;
struct views;

/* Per worker process: read-only after start, shared by its threads. */
struct worker_ctx {
	const struct sl_config *conf;
	struct views *views;      /* compiled templates and message catalogs */
	struct hp_limits limits;
	int migrations;           /* files in sql_dir, counted at start */
};

/* Per thread: its own database connection. */
struct thread_ctx {
	struct worker_ctx *app;
	struct sl_db *db;
	int index;
};

/* Returns NULL on failure; free with worker_ctx_free(). */
struct worker_ctx *worker_ctx_new(const struct sl_config *conf);
void worker_ctx_free(struct worker_ctx *w);
/* Returns NULL on failure; free with thread_ctx_free(). */
struct thread_ctx *thread_ctx_new(struct worker_ctx *w, int index);
void thread_ctx_free(struct thread_ctx *t);

#endif
