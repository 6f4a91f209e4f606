/*
 * cu_classes.c - the classifications as the customer pages show them:
 * titles and colours for the badges, in tier order (type, smart type,
 * position, id: the order classify's cl_sort_classes() gives tiers, since
 * both ENUM columns sort in declaration order).  A starter classification
 * the shop has not edited (its starter_key, salient/classify.h) is titled
 * in the reader's language, as the classifications page titles it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_int.h"
#include "salient/classify.h"
#include "salient/cli.h"
#include "salient/db.h"

const char *cu_starter_text(const struct sl_req *req, const char *starter_key,
    const char *field, const char *stored)
{
	const char *t;
	char key[96];

	if (cl_starter_text_key(key, sizeof(key), starter_key, field) == NULL ||
	    (t = req != NULL ? sl_req_text(req, key) : sl_cli_text(key)) == NULL ||
	    strcmp(t, key) == 0)
		return stored;   /* not a starter, or no catalog has it */
	return t;
}

int cu_classes_load(struct sl_db *db, const struct sl_req *req, struct cu_classes *c)
{
	struct sl_stmt *st;
	struct cu_class *nv;
	size_t cap = 0, i;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	if ((st = sl_db_stmt(db, cu_sql[CU_SQL_CLASSES].sql)) == NULL ||
	    sl_stmt_exec(st, cu_sql[CU_SQL_CLASSES].types) != 0)
		return -1;
	while ((rc = sl_stmt_fetch(st)) == 1) {
		struct cu_class *k;
		const char *title;

		if (c->n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nv = realloc(c->v, cap * sizeof(*nv))) == NULL) {
				rc = -1;
				break;
			}
			c->v = nv;
		}
		k = &c->v[c->n];
		k->id = sl_stmt_int(st, 0);
		title = cu_starter_text(req, sl_stmt_str(st, 4, NULL), "title", sl_stmt_str(st, 1, NULL));
		snprintf(k->title, sizeof(k->title), "%s", title ? title : "");
		snprintf(k->colour, sizeof(k->colour), "%s", sl_stmt_str(st, 2, NULL) ?
		    sl_stmt_str(st, 2, NULL) : "");
		snprintf(k->smart_type, sizeof(k->smart_type), "%s", sl_stmt_str(st, 3, NULL) ?
		    sl_stmt_str(st, 3, NULL) : "");
		k->rank = (int)c->n;
		if (k->id > c->max_id)
			c->max_id = k->id;
		c->n++;
	}
	sl_stmt_done(st);
	if (rc < 0)
		goto fail;
	if ((c->by_id = calloc((size_t)c->max_id + 1, sizeof(*c->by_id))) == NULL)
		goto fail;
	for (i = 0; i < c->n; i++)
		c->by_id[c->v[i].id] = (int)i + 1;
	return 0;
fail:
	cu_classes_free(c);
	return -1;
}

void cu_classes_free(struct cu_classes *c)
{
	free(c->v);
	free(c->by_id);
	memset(c, 0, sizeof(*c));
}

const struct cu_class *cu_class_find(const struct cu_classes *c, long long id)
{
	if (c->by_id == NULL || id < 1 || id > c->max_id || c->by_id[id] == 0)
		return NULL;
	return &c->v[c->by_id[id] - 1];
}

static int rank_of(const struct cu_classes *c, long long id)
{
	const struct cu_class *k = cu_class_find(c, id);

	return k != NULL ? k->rank : (int)c->n;
}

void cu_class_sort(const struct cu_classes *c, long long *ids, size_t n)
{
	size_t i, j;

	/* insertion sort: a customer holds a handful */
	for (i = 1; i < n; i++) {
		long long v = ids[i];
		int r = rank_of(c, v);

		for (j = i; j > 0 && (rank_of(c, ids[j - 1]) > r ||
		    (rank_of(c, ids[j - 1]) == r && ids[j - 1] > v)); j--)
			ids[j] = ids[j - 1];
		ids[j] = v;
	}
}

struct json_object *cu_badges_json(const struct cu_classes *c, long long *ids, size_t n)
{
	struct json_object *arr = json_object_new_array(), *b;
	size_t i;

	cu_class_sort(c, ids, n);
	for (i = 0; i < n; i++) {
		const struct cu_class *k = cu_class_find(c, ids[i]);

		if (k == NULL)
			continue;
		b = json_object_new_object();
		json_object_object_add(b, "id", json_object_new_int64(k->id));
		json_object_object_add(b, "title", json_object_new_string(k->title));
		json_object_object_add(b, "text", json_object_new_string(k->title));
		json_object_object_add(b, "colour", json_object_new_string(k->colour));
		json_object_array_add(arr, b);
	}
	return arr;
}

size_t cu_class_ids(const char *list, long long *ids, size_t max)
{
	const char *p;
	char *end;
	size_t n = 0;

	for (p = list; p != NULL && *p != '\0' && n < max; p = *end == ',' ? end + 1 : end) {
		ids[n] = strtoll(p, &end, 10);
		if (end == p)
			break;
		n++;
	}
	return n;
}
