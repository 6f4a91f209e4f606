/*
 * tr_disc.c - the in-memory discovery snapshot (tr_disc.h): loaded by the
 * first request that needs it, replaced when a newer popularity run shows
 * or after TR_DISC_MAX_AGE seconds; threads hold references, the last one
 * frees a replaced snapshot.  While one thread reloads, the others go on
 * with the snapshot they have.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "salient/log.h"
#include "salient/db.h"
#include "tr_disc.h"
#include "tr_int.h"


#define MAX_PAIRS 65535

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct tr_disc *current;
static int loading;

static void disc_free(struct tr_disc *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nstrs; i++)
		free(d->strs[i]);
	free(d->strs);
	free(d->prod);
	free(d->cat);
	free(d->item);
	free(d->catinfo);
	free(d->pair);
	free(d->po);
	free(d->pv);
	free(d);
}

/* A copy of s kept with the snapshot ("" for NULL when empty is set). */
static char *keep(struct tr_disc *d, const char *s, int empty)
{
	char *c;

	if (s == NULL) {
		if (!empty)
			return NULL;
		s = "";
	}
	if (d->nstrs == d->capstrs) {
		size_t cap = d->capstrs ? d->capstrs * 2 : 1024;
		char **n = realloc(d->strs, cap * sizeof(*n));

		if (n == NULL)
			return NULL;
		d->strs = n;
		d->capstrs = cap;
	}
	if ((c = strdup(s)) == NULL)
		return NULL;
	d->strs[d->nstrs++] = c;
	return c;
}

static int pair_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	return strcmp(x, y);   /* bytes; '\x1f' sorts before every printable byte */
}

/* "group\x1fvalue" into buf. */
static int pair_key(char *buf, size_t len, const char *g, const char *v)
{
	size_t gl = strlen(g), vl = strlen(v);

	if (gl + vl + 2 > len)
		return -1;
	memcpy(buf, g, gl);
	buf[gl] = '\x1f';
	memcpy(buf + gl + 1, v, vl + 1);
	return 0;
}

/* The products and categories of the catalogue. */
static int load_catalogue(struct tr_disc *d, struct sl_db *db)
{
	struct sl_stmt *st;
	long long id, max = 0;
	int rc;

	if (sl_db_int(db, &max, SL_SQL(tr_sql, TR_MAX_PRODUCT)) != 1)
		return -1;
	d->maxpid = (uint32_t)max;
	if ((d->item = calloc((size_t)d->maxpid + 1, sizeof(*d->item))) == NULL)
		return -1;
	if ((st = sl_db_stmt(db, tr_sql[TR_CATALOGUE].sql)) == NULL || sl_stmt_exec(st, tr_sql[TR_CATALOGUE].types) != 0)
		return -1;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		struct tr_disc_item *it;
		const char *url;

		if ((id = sl_stmt_int(st, 0)) <= 0 || id > d->maxpid)
			continue;   /* added since the count: the next snapshot has it */
		it = &d->item[id];
		it->name = keep(d, sl_stmt_str(st, 1, NULL), 1);
		it->sku = keep(d, sl_stmt_str(st, 2, NULL), 0);
		it->category_id = (uint32_t)sl_stmt_int(st, 3);
		it->active = sl_stmt_int(st, 4) != 0;
		if ((url = sl_stmt_str(st, 5, NULL)) != NULL && url[0] != '\0' &&
		    (it->url = keep(d, url, 0)) != NULL)
			d->nurl++;
		if (it->name == NULL)
			break;
	}
	sl_stmt_done(st);
	if (rc != 0)
		return -1;
	if (sl_db_int(db, &max, SL_SQL(tr_sql, TR_MAX_CATEGORY)) != 1)
		return -1;
	d->maxcid = (uint32_t)max;
	if ((d->catinfo = calloc((size_t)d->maxcid + 1, sizeof(*d->catinfo))) == NULL)
		return -1;
	if ((st = sl_db_stmt(db, tr_sql[TR_CATEGORY_NAMES].sql)) == NULL || sl_stmt_exec(st, tr_sql[TR_CATEGORY_NAMES].types) != 0)
		return -1;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		if ((id = sl_stmt_int(st, 0)) <= 0 || id > d->maxcid)
			continue;
		d->catinfo[id].parent = (uint32_t)sl_stmt_int(st, 2);
		if ((d->catinfo[id].name = keep(d, sl_stmt_str(st, 1, NULL), 1)) == NULL)
			break;
	}
	sl_stmt_done(st);
	return rc == 0 ? 0 : -1;
}

/* A ranked list (products or categories) into *out, *n entries. */
static int load_ranked(struct sl_db *db, const char *sql, struct tr_disc_prod **out, size_t *n)
{
	struct sl_stmt *st;
	size_t cap = 0;
	int rc;

	if ((st = sl_db_stmt(db, sql)) == NULL || sl_stmt_exec(st, "") != 0)
		return -1;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		struct tr_disc_prod *p;

		if (*n == cap) {
			struct tr_disc_prod *nv;

			cap = cap ? cap * 2 : 4096;
			if ((nv = realloc(*out, cap * sizeof(*nv))) == NULL)
				break;
			*out = nv;
		}
		p = &(*out)[(*n)++];
		p->pos = (uint32_t)sl_stmt_int(st, 0);
		p->id = (uint32_t)sl_stmt_int(st, 1);
		p->customers = sl_stmt_int(st, 2);
	}
	sl_stmt_done(st);
	return rc == 0 ? 0 : -1;
}

static int load_lists(struct tr_disc *d, struct sl_db *db)
{
	struct sl_stmt *st;
	int rc;

	if ((st = sl_db_stmt(db, tr_sql[TR_LATEST_RUN].sql)) == NULL || sl_stmt_exec(st, tr_sql[TR_LATEST_RUN].types) != 0)
		return -1;
	if ((rc = sl_stmt_fetch(st)) == 1) {
		d->run_id = sl_stmt_int(st, 0);
		snprintf(d->as_of, sizeof(d->as_of), "%s", sl_stmt_str(st, 1, NULL) ? sl_stmt_str(st, 1, NULL) : "");
		snprintf(d->from, sizeof(d->from), "%s", sl_stmt_str(st, 2, NULL) ? sl_stmt_str(st, 2, NULL) : "");
	}
	sl_stmt_done(st);
	if (rc < 0 || load_catalogue(d, db) != 0 ||
	    load_ranked(db, tr_sql[TR_PRODUCTS].sql, &d->prod, &d->nprod) != 0 ||
	    load_ranked(db, tr_sql[TR_CATEGORIES].sql, &d->cat, &d->ncat) != 0)
		return -1;
	return 0;
}

static int load_tags(struct tr_disc *d, struct sl_db *db)
{
	struct sl_stmt *st;
	size_t cap = 0, nv = 0, capv = 0;
	uint32_t last = 0, id;
	char key[200], *k, **hit;
	int rc, ok = 1;

	if ((st = sl_db_stmt(db, tr_sql[TR_PAIRS].sql)) == NULL || sl_stmt_exec(st, tr_sql[TR_PAIRS].types) != 0)
		return -1;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		if (d->npair == cap) {
			char **n;

			cap = cap ? cap * 2 : 256;
			if (cap > MAX_PAIRS + 1 || (n = realloc(d->pair, cap * sizeof(*n))) == NULL) {
				ok = 0;
				break;
			}
			d->pair = n;
		}
		if (pair_key(key, sizeof(key), sl_stmt_str(st, 0, NULL), sl_stmt_str(st, 1, NULL)) != 0 ||
		    (d->pair[d->npair++] = keep(d, key, 0)) == NULL) {
			ok = 0;
			break;
		}
	}
	sl_stmt_done(st);
	if (rc < 0 || !ok || d->npair > MAX_PAIRS)
		return -1;
	qsort(d->pair, d->npair, sizeof(*d->pair), pair_cmp);

	if ((d->po = calloc((size_t)d->maxpid + 2, sizeof(*d->po))) == NULL)
		return -1;
	if ((st = sl_db_stmt(db, tr_sql[TR_TAGS].sql)) == NULL || sl_stmt_exec(st, tr_sql[TR_TAGS].types) != 0)
		return -1;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		id = (uint32_t)sl_stmt_int(st, 0);
		if (id == 0 || id > d->maxpid || id < last ||
		    pair_key(key, sizeof(key), sl_stmt_str(st, 1, NULL), sl_stmt_str(st, 2, NULL)) != 0)
			continue;   /* added since the counts: the next snapshot has it */
		k = key;
		if ((hit = bsearch(&k, d->pair, d->npair, sizeof(*d->pair), pair_cmp)) == NULL)
			continue;
		while (last < id)
			d->po[++last] = (uint32_t)nv;   /* products without tags before id */
		if (nv == capv) {
			uint16_t *n;

			capv = capv ? capv * 2 : 65536;
			if ((n = realloc(d->pv, capv * sizeof(*n))) == NULL) {
				ok = 0;
				break;
			}
			d->pv = n;
		}
		d->pv[nv++] = (uint16_t)(hit - d->pair);
	}
	sl_stmt_done(st);
	if (rc < 0 || !ok)
		return -1;
	while (last <= d->maxpid)
		d->po[++last] = (uint32_t)nv;
	/* the pairs of one product in index order: the "why" is the first */
	for (id = 1; id <= d->maxpid; id++) {
		uint16_t *a = d->pv + d->po[id];
		size_t n = d->po[id + 1] - d->po[id], i, j;

		for (i = 1; i < n; i++)
			for (j = i; j > 0 && a[j - 1] > a[j]; j--) {
				uint16_t t = a[j];

				a[j] = a[j - 1];
				a[j - 1] = t;
			}
	}
	return 0;
}

/* A new snapshot from the database, or NULL (logged). */
static struct tr_disc *disc_load(struct sl_db *db)
{
	struct tr_disc *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	if (load_lists(d, db) != 0 || load_tags(d, db) != 0) {
		log_err("trade: loading the discovery lists: %s", sl_db_error(db));
		disc_free(d);
		return NULL;
	}
	d->loaded = time(NULL);
	d->refs = 1;   /* the module's own */
	return d;
}


struct tr_disc *tr_disc_get(struct sl_db *db, long long run, uint32_t need_pid)
{
	struct tr_disc *d, *old = NULL, *fresh;
	struct sl_stmt *st;
	time_t now = time(NULL);
	int stale, mine = 0;

	if (run < 0) {
		if ((st = sl_db_stmt(db, tr_sql[TR_LATEST].sql)) == NULL || sl_stmt_exec(st, tr_sql[TR_LATEST].types) != 0)
			return NULL;
		run = sl_stmt_fetch(st) == 1 ? sl_stmt_int(st, 0) : 0;
		sl_stmt_done(st);
	}
	pthread_mutex_lock(&lock);
	d = current;
	stale = d == NULL || d->run_id != run || now - d->loaded > TR_DISC_MAX_AGE ||
	    (need_pid > d->maxpid && now - d->loaded >= TR_DISC_MIN_AGE);
	if (stale && (!loading || d == NULL)) {
		loading = 1;
		mine = 1;
	}
	if (d != NULL)
		d->refs++;
	pthread_mutex_unlock(&lock);
	if (!mine)
		return d;   /* fresh, or another thread is loading: use what there is */
	if ((fresh = disc_load(db)) == NULL) {
		pthread_mutex_lock(&lock);
		loading = 0;
		pthread_mutex_unlock(&lock);
		return d;   /* the old snapshot (may be NULL: the caller fails) */
	}
	pthread_mutex_lock(&lock);
	old = current;
	current = fresh;
	fresh->refs++;   /* the caller's */
	loading = 0;
	if (old != NULL && --old->refs == 0)
		disc_free(old);   /* the module's reference was the last */
	if (d != NULL && --d->refs == 0)
		disc_free(d);     /* the caller's reference to the old one */
	pthread_mutex_unlock(&lock);
	return fresh;
}

void tr_disc_put(struct tr_disc *d)
{
	int last;

	if (d == NULL)
		return;
	pthread_mutex_lock(&lock);
	last = --d->refs == 0;
	pthread_mutex_unlock(&lock);
	if (last)
		disc_free(d);
}

const uint16_t *tr_disc_pairs(const struct tr_disc *d, uint32_t id, size_t *n)
{
	if (id == 0 || id > d->maxpid) {
		*n = 0;
		return NULL;
	}
	*n = d->po[id + 1] - d->po[id];
	return d->pv + d->po[id];
}

const struct tr_disc_item *tr_disc_item(const struct tr_disc *d, uint32_t id)
{
	return id > 0 && id <= d->maxpid && d->item[id].name != NULL ? &d->item[id] : NULL;
}

const char *tr_disc_category(const struct tr_disc *d, uint32_t id, uint32_t *parent)
{
	if (id == 0 || id > d->maxcid || d->catinfo[id].name == NULL) {
		*parent = 0;
		return NULL;
	}
	*parent = d->catinfo[id].parent;
	return d->catinfo[id].name;
}
