/*
 * bulk.c - parallel LOAD DATA LOCAL INFILE from memory (bulk.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>

#include "bulk.h"
#include "classify_sql.h"
#include "db_conn.h"

#define STAGE (256u * 1024u)

/* InnoDB's bulk insert: into an empty table, as the transaction's first
 * insert, with these checks off, it writes no undo log row by row and
 * builds the pages in order (the rows come in primary key order, and
 * are unique by construction) */

/* One running task: its connection and the rows generated, not yet sent. */
struct runner {
	struct bl_task *t;
	const struct sl_db *db;
	MYSQL *m;
	char *stage;
	size_t have, off;
	int done;
};

static int infile_init(void **ptr, const char *name, void *userdata)
{
	(void)name;
	*ptr = userdata;
	return 0;
}

static int infile_read(void *ptr, char *buf, unsigned int len)
{
	struct runner *r = ptr;
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
	return (int)n;
}

static void infile_end(void *ptr)
{
	(void)ptr;
}

static int infile_error(void *ptr, char *msg, unsigned int len)
{
	(void)ptr;
	snprintf(msg, len, "generating rows failed");
	return 2000;
}

static int run_list(struct runner *r, const char *const *list)
{
	for (; list && *list; list++)
		if (mysql_query(r->m, *list) != 0) {
			snprintf(r->t->err, sizeof(r->t->err), "%s: %.60s...: %s", r->t->name, *list,
			    mysql_error(r->m));
			return -1;
		}
	return 0;
}

static void *task_main(void *arg)
{
	struct runner *r = arg;
	struct bl_task *t = r->t;
	struct timespec t0, t1;
	char err[256];

	clock_gettime(CLOCK_MONOTONIC, &t0);
	t->rc = -1;
	if ((r->m = db_connect_extra(r->db, 1, err, sizeof(err))) == NULL) {
		snprintf(t->err, sizeof(t->err), "%s: %s", t->name, err);
		goto out;
	}
	if (run_list(r, t->before) != 0)
		goto out;
	mysql_set_local_infile_handler(r->m, infile_init, infile_read, infile_end, infile_error, r);
	if (mysql_query(r->m, cls_sql[CLS_BULK].sql) != 0 || mysql_query(r->m, cls_sql[CLS_BEGIN].sql) != 0 ||
	    mysql_query(r->m, t->load) != 0) {
		snprintf(t->err, sizeof(t->err), "%s: loading: %s", t->name, mysql_error(r->m));
		goto out;
	}
	t->rows = mysql_affected_rows(r->m);
	if (mysql_query(r->m, cls_sql[CLS_COMMIT].sql) != 0) {
		snprintf(t->err, sizeof(t->err), "%s: commit: %s", t->name, mysql_error(r->m));
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	t->load_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (run_list(r, t->after) != 0)
		goto out;
	t->rc = 0;
out:
	if (r->m)
		mysql_close(r->m);
	r->m = NULL;
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
