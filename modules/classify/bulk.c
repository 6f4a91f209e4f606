/*
 * bulk.c - parallel LOAD DATA LOCAL INFILE from memory (bulk.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulk.h"
#include "classify_sql.h"
#include "salient/db.h"

#define STAGE (256u * 1024u)

/* InnoDB's bulk insert: into an empty table, as the transaction's first
 * insert, with these checks off, it writes no undo log row by row and
 * builds the pages in order (the rows come in primary key order, and
 * are unique by construction) */

/* One running task: its connection and the rows generated, not yet sent. */
struct runner {
	struct bl_task *t;
	const struct sl_db *db;
	struct sl_db *x;
	char *stage;
	size_t have, off;
	int done;
};

/* sl_db_load()'s reader: whole rows from the generator, handed on in the
 * pieces the connector asks for. */
static long stage_read(void *arg, char *buf, size_t len)
{
	struct runner *r = arg;
	size_t n;

	if (r->off == r->have) {
		if (r->done)
			return 0;
		r->off = 0;
		r->have = r->t->gen(r->t->ctx, r->stage, STAGE);
		if (r->have == 0) {
			r->done = 1;
			return 0;
		}
	}
	n = r->have - r->off;
	if (n > len)
		n = len;
	memcpy(buf, r->stage + r->off, n);
	r->off += n;
	return (long)n;
}

static int run_list(struct runner *r, const struct sl_sql *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (sl_db_exec(r->x, list[i].sql, list[i].types) < 0) {
			snprintf(r->t->err, sizeof(r->t->err), "%s: %.60s...: %s", r->t->name,
			    list[i].sql, sl_db_error(r->x));
			return -1;
		}
	return 0;
}

static void *task_main(void *arg)
{
	struct runner *r = arg;
	struct bl_task *t = r->t;
	struct timespec t0, t1;
	long long rows;
	char err[256];

	clock_gettime(CLOCK_MONOTONIC, &t0);
	t->rc = -1;
	if ((r->x = sl_db_extra(r->db, 1, err, sizeof(err))) == NULL) {
		snprintf(t->err, sizeof(t->err), "%s: %s", t->name, err);
		goto out;
	}
	if (run_list(r, t->before, t->nbefore) != 0)
		goto out;
	if (sl_db_exec(r->x, SL_SQL(cls_sql, CLS_BULK)) < 0 || sl_db_begin(r->x) != 0 ||
	    (rows = sl_db_load(r->x, t->load->sql, t->load->types, stage_read, r)) < 0) {
		snprintf(t->err, sizeof(t->err), "%s: loading: %s", t->name, sl_db_error(r->x));
		goto out;
	}
	t->rows = (unsigned long long)rows;
	if (sl_db_commit(r->x) != 0) {
		snprintf(t->err, sizeof(t->err), "%s: commit: %s", t->name, sl_db_error(r->x));
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	t->load_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (run_list(r, t->after, t->nafter) != 0)
		goto out;
	t->rc = 0;
out:
	sl_db_close(r->x);
	r->x = NULL;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	t->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return NULL;
}

int bl_run(const struct sl_db *db, struct bl_task *tasks, size_t n)
{
	struct runner *rs;
	pthread_t *th;
	int *started, rc = 0;
	size_t i;

	rs = calloc(n, sizeof(*rs));
	th = calloc(n, sizeof(*th));
	started = calloc(n, sizeof(*started));
	for (i = 0; i < n; i++) {
		tasks[i].rc = -1;
		tasks[i].err[0] = '\0';
		tasks[i].rows = 0;
		tasks[i].seconds = 0;
	}
	if (rs == NULL || th == NULL || started == NULL) {
		for (i = 0; i < n; i++)
			snprintf(tasks[i].err, sizeof(tasks[i].err), "%s: out of memory", tasks[i].name);
		rc = -1;
		goto out;
	}
	for (i = 0; i < n; i++) {
		rs[i].t = &tasks[i];
		rs[i].db = db;
		if ((rs[i].stage = malloc(STAGE)) == NULL) {
			snprintf(tasks[i].err, sizeof(tasks[i].err), "%s: out of memory", tasks[i].name);
			continue;
		}
		if (pthread_create(&th[i], NULL, task_main, &rs[i]) != 0) {
			snprintf(tasks[i].err, sizeof(tasks[i].err), "%s: no thread", tasks[i].name);
			continue;
		}
		started[i] = 1;
	}
	for (i = 0; i < n; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		if (tasks[i].rc != 0)
			rc = -1;
	}
out:
	for (i = 0; rs && i < n; i++)
		free(rs[i].stage);
	free(rs);
	free(th);
	free(started);
	return rc;
}

size_t bl_uint(char *out, unsigned long long v)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}
