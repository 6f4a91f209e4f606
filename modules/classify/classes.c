/*
 * classes.c - classifications in the database: reading them as answers
 * show them, and the writes (create, update, delete, reorder), each in one
 * transaction with its audit row.  The fields are checked before (check.c).
 *
 * Tiers: the classifications of one type and smart type, in position order
 * (DESIGN.md section 5).  After every write a group's positions are 1..n in
 * its order, so "position" is the tier's place in its group.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "classify_int.h"
#include "classify_sql.h"
#include "salient/classify.h"
#include "salient/db.h"
#include "salient/format.h"
#include "salient/num.h"
#include "tiers.h"


/* ------------------------------------------------------------ reading rows */

/* Replaces a DECIMAL column's number by one written without trailing zeros. */
static void tidy_decimal(struct json_object *row, const char *key)
{
	struct json_object *v;
	char text[64];
	double d;
	size_t n;

	if (!json_object_object_get_ex(row, key, &v) || v == NULL)
		return;
	snprintf(text, sizeof(text), "%s", json_object_get_string(v));
	if (strchr(text, '.') != NULL) {
		n = strlen(text);
		while (n > 0 && text[n - 1] == '0')
			text[--n] = '\0';
		if (n > 0 && text[n - 1] == '.')
			text[--n] = '\0';
	}
	if (sl_num_double(text, &d) != 0)
		d = 0;
	json_object_object_add(row, key, json_object_new_double_s(d, text));
}

static void tidy(struct json_object *row)
{
	struct json_object *v = NULL;

	tidy_decimal(row, "value");
	tidy_decimal(row, "min_spend");
	/* no upper bound: the open-ended last tier */
	json_object_object_get_ex(row, "value", &v);
	json_object_object_add(row, "open", json_object_new_boolean(v == NULL));
}

int cls_get(struct sl_db *db, long long id, struct json_object **out)
{
	int found = sl_db_row(db, out, SL_SQL(cls_sql, CLS_ONE), id);

	if (found == 1)
		tidy(*out);
	return found;
}

/* As cls_get(), locking the row for the transaction. */
static int get_locked(struct sl_db *db, long long id, struct json_object **out)
{
	int found = sl_db_row(db, out, SL_SQL(cls_sql, CLS_ONE_LOCK), id);

	if (found == 1)
		tidy(*out);
	return found;
}

struct json_object *cls_list(struct sl_db *db, const char *type, const char *smart)
{
	struct json_object *rows = sl_db_rows(db, SL_SQL(cls_sql, CLS_ALL), type, type, smart, smart);
	size_t i;

	for (i = 0; rows != NULL && i < json_object_array_length(rows); i++)
		tidy(json_object_array_get_idx(rows, i));
	return rows;
}

void cls_localise(const struct sl_req *req, struct json_object *row, int answer)
{
	static const char *const fields[] = { "title", "comments" };
	const char *key = cls_cur_text(row, "starter_key"), *t;
	char name[96];
	size_t i;

	for (i = 0; key != NULL && i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (cl_starter_text_key(name, sizeof(name), key, fields[i]) == NULL ||
		    (t = sl_req_text(req, name)) == NULL || strcmp(t, name) == 0)
			continue;   /* no catalog has it: the stored text */
		json_object_object_add(row, fields[i], json_object_new_string(t));
	}
	if (answer)
		json_object_object_del(row, "starter_key");
}

void cls_localise_all(const struct sl_req *req, struct json_object *rows, int answer)
{
	size_t i;

	for (i = 0; rows != NULL && i < json_object_array_length(rows); i++)
		cls_localise(req, json_object_array_get_idx(rows, i), answer);
}

/* The audit snapshot of a row: its writable fields. */
static struct json_object *snapshot(struct json_object *row)
{
	struct json_object *s = json_object_new_object(), *v;
	int f;

	for (f = 0; f < CF_N; f++)
		json_object_object_add(s, cls_field_names[f],
		    json_object_object_get_ex(row, cls_field_names[f], &v) ? json_object_get(v) : NULL);
	return s;
}

/* ------------------------------------------------------------ groups */

struct group {
	long long id[CLS_MAX_TIERS + 1];
	long long pos[CLS_MAX_TIERS + 1];
	char open[CLS_MAX_TIERS + 1];     /* no upper bound (value NULL) */
	size_t n;
};

/* Reads (and locks) a group's tiers in order; 0, 1 when it is too big, -1. */
static int group_read(struct sl_db *db, const char *type, const char *smart, struct group *g)
{
	struct sl_stmt *st;
	int r;

	g->n = 0;
	if ((st = sl_db_stmt(db, cls_sql[CLS_GROUP].sql)) == NULL || sl_stmt_exec(st, cls_sql[CLS_GROUP].types, type, smart) != 0)
		return -1;
	while ((r = sl_stmt_fetch(st)) == 1) {
		if (g->n == CLS_MAX_TIERS + 1) {
			sl_stmt_done(st);
			return 1;
		}
		g->id[g->n] = sl_stmt_int(st, 0);
		g->open[g->n] = sl_stmt_int(st, 2) != 0;
		g->pos[g->n++] = sl_stmt_int(st, 1);
	}
	sl_stmt_done(st);
	return r < 0 ? -1 : 0;
}

/* Writes positions 1..n in the order of ids[], where they differ. */
static int group_write(struct sl_db *db, const struct group *g, const long long *ids, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < g->n && g->id[j] != ids[i]; j++)
			;
		if (j < g->n && g->pos[j] == (long long)i + 1)
			continue;
		if (sl_db_exec(db, SL_SQL(cls_sql, CLS_SET_POSITION), (long long)i + 1, ids[i]) < 0)
			return -1;
	}
	return 0;
}

/*
 * Renumbers group (type, smart): id (0 = none) is put at place (1-based;
 * PLACE_KEEP = where it is, PLACE_END = last, but before an open-ended last
 * tier when id is not open-ended itself); the id `gone` (0 = none) is left
 * out.  0, 1 when the group is full, -1.
 */
#define PLACE_KEEP 0
#define PLACE_END (-1)
static int group_place(struct sl_db *db, const char *type, const char *smart,
    long long id, long long place, long long gone)
{
	struct group g;
	long long ids[CLS_MAX_TIERS + 1];
	size_t i, n = 0, at = (size_t)-1;
	int r, open = 0, last_open = 0;

	if ((r = group_read(db, type, smart, &g)) != 0)
		return r;
	for (i = 0; i < g.n; i++) {
		if (g.id[i] == gone)
			continue;
		if (g.id[i] == id) {
			at = n;
			open = g.open[i];
			continue;
		}
		last_open = g.open[i];
		ids[n++] = g.id[i];
	}
	if (id != 0) {
		if (n == CLS_MAX_TIERS)
			return 1;
		if (place > 0)
			at = (size_t)place - 1;
		if (place == PLACE_END || at > n)
			at = n;
		if (place == PLACE_END && n > 0 && last_open && !open)
			at = n - 1;
		memmove(ids + at + 1, ids + at, (n - at) * sizeof(ids[0]));
		ids[at] = id;
		n++;
	}
	return group_write(db, &g, ids, n);
}

/* ------------------------------------------------------------ writes */

/* Today in the site's time zone, "YYYY-MM-DD". */
static void today_text(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

/* Commits, or rolls back; -1 on failure. */
static int finish(struct sl_db *db, int rc)
{
	if (rc == 0 && sl_db_commit(db) == 0)
		return 0;
	sl_db_rollback(db);
	return rc == 1 ? 1 : -1;
}

/* No classification id: a 404. */
static int not_found(struct cls_err *e, long long id)
{
	char s[24];

	snprintf(s, sizeof(s), "%lld", id);
	return cls_err_set(e, 404, NULL, "classify.err.not_found", "id", s, NULL);
}

static int group_full(struct cls_err *e, const struct cls_in *in)
{
	char max[24];

	snprintf(max, sizeof(max), "%d", CLS_MAX_TIERS);
	return cls_err_set(e, 422, "type", "classify.err.group_full", "type", in->type,
	    "smart", in->smart, "max", max, NULL);
}

/* Tier i of a group's rows (CLS_GROUP_VALUES): its id, and its value (NULL: open-ended). */
static long long row_id(struct json_object *rows, size_t i)
{
	return json_object_get_int64(json_object_object_get(json_object_array_get_idx(rows, i), "id"));
}

/*
 * A tier holds the values above the one before it, up to its own (DESIGN.md
 * section 5), so a tier whose value is not above its predecessor's can hold
 * nobody, and only the last tier may be open-ended (no upper bound: it
 * holds everything above the tier before it).  1 (a 422 naming both tiers,
 * their values in req's format, in e) when the group (type, smart) has an
 * open-ended tier before its last, or when tier id (0: none), just written,
 * is a tier not above the one before it or the one after it; 0 when the
 * group rises at id (data written before this check may still not,
 * elsewhere: the page warns); -1 on a database error.
 */
static int group_rises(struct sl_req *req, const char *type, const char *smart,
    long long id, struct cls_err *e)
{
	struct json_object *rows, *a, *b;
	const char *lang = sl_req_lang(req);
	size_t i, n;
	char va[SL_FMT_MAX], vb[SL_FMT_MAX];
	double prev = 0, cur;
	int rc = 0;

	if ((rows = sl_db_rows(sl_req_db(req), SL_SQL(cls_sql, CLS_GROUP_VALUES), type, smart)) == NULL)
		return -1;
	cls_localise_all(req, rows, 0);
	n = json_object_array_length(rows);
	for (i = 0; i + 1 < n && rc == 0; i++) {
		a = json_object_array_get_idx(rows, i);
		if (cls_cur_text(a, "value") != NULL)
			continue;
		b = json_object_array_get_idx(rows, i + 1);
		rc = cls_err_set(e, 422, "value", "classify.err.open_not_last",
		    "title", cls_cur_text(a, "title"), "next", cls_cur_text(b, "title"), NULL);
	}
	for (i = 0; i < n && rc == 0; i++, prev = cur) {
		b = json_object_array_get_idx(rows, i);
		if (cls_cur_text(b, "value") == NULL)
			break;   /* the open-ended last tier rises above any */
		cur = 0;
		sl_num_double(cls_cur_text(b, "value"), &cur);
		if (i == 0 || cur > prev)
			continue;
		a = json_object_array_get_idx(rows, i - 1);
		if (id == 0 || (row_id(rows, i - 1) != id && row_id(rows, i) != id))
			continue;
		cl_bound_text(va, sizeof(va), lang, cls_cur_text(a, "value"));
		cl_bound_text(vb, sizeof(vb), lang, cls_cur_text(b, "value"));
		rc = cls_err_set(e, 422, "value", "classify.err.value_order",
		    "title", cls_cur_text(b, "title"), "value", vb,
		    "before", cls_cur_text(a, "title"), "before_value", va, NULL);
	}
	json_object_put(rows);
	return rc;
}

int cls_create(struct sl_req *req, struct cls_in *in, long long *id, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *row = NULL, *after = NULL;
	struct sl_stmt *st;
	char idtext[24];
	int rc = -1, r;

	if (sl_db_begin(db) != 0)
		return -1;
	if ((st = sl_db_stmt(db, cls_sql[CLS_INSERT].sql)) == NULL ||
	    sl_stmt_exec(st, cls_sql[CLS_INSERT].types, in->title, in->comments, in->colour, in->smart, in->type,
	    in->value, in->min_spend, in->min_orders) != 0)
		goto out;
	*id = (long long)sl_stmt_insert_id(st);
	if ((r = group_place(db, in->type, in->smart, *id,
	    in->position > 0 ? in->position : PLACE_END, 0)) != 0) {
		rc = r == 1 ? group_full(e, in) : -1;
		goto out;
	}
	if ((r = group_rises(req, in->type, in->smart, *id, e)) != 0) {
		rc = r;
		goto out;
	}
	if (cls_get(db, *id, &row) != 1)
		goto out;
	after = snapshot(row);
	snprintf(idtext, sizeof(idtext), "%lld", *id);
	if (sl_audit(req, "classification.create", idtext, NULL, after) != 0)
		goto out;
	rc = 0;
out:
	json_object_put(row);
	json_object_put(after);
	return finish(db, rc);
}

int cls_update(struct sl_req *req, long long id, struct cls_in *in, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *cur = NULL, *shown = NULL, *row = NULL, *before = NULL, *after = NULL;
	char idtext[24];
	const char *otype, *osmart;
	int rc = -1, r, moved, starter;

	if (sl_db_begin(db) != 0)
		return -1;
	if ((r = get_locked(db, id, &cur)) != 1) {
		rc = r == 0 ? not_found(e, id) : -1;
		goto out;
	}
	/* checked against the row as the user saw it: a starter's texts in
	   their language */
	if (json_object_deep_copy(cur, &shown, NULL) != 0)
		goto out;
	cls_localise(req, shown, 0);
	if ((rc = cls_check(db, in, shown, e)) != 0)
		goto out;
	rc = -1;
	otype = cls_cur_text(cur, "type");
	osmart = cls_cur_text(cur, "smart_type");
	moved = strcmp(otype, in->type) != 0 || strcmp(osmart, in->smart) != 0;
	/* the starter's texts as shown: its key and stored texts stay */
	starter = cls_cur_text(cur, "starter_key") != NULL &&
	    strcmp(in->title, cls_cur_text(shown, "title")) == 0 &&
	    strcmp(in->comments, cls_cur_text(shown, "comments") ? cls_cur_text(shown, "comments") : "") == 0;
	if (sl_db_exec(db, SL_SQL(cls_sql, CLS_UPDATE),
	    starter ? cls_cur_text(cur, "title") : in->title,
	    starter ? cls_cur_text(cur, "comments") : in->comments, in->colour, in->smart,
	    in->type, in->value, in->min_spend, in->min_orders,
	    starter ? cls_cur_text(cur, "starter_key") : NULL, id) < 0)
		goto out;
	if (moved && group_place(db, otype, osmart, 0, PLACE_KEEP, id) != 0)
		goto out;
	if (moved || in->position > 0) {
		if ((r = group_place(db, in->type, in->smart, id,
		    in->position > 0 ? in->position : PLACE_END, 0)) != 0) {
			rc = r == 1 ? group_full(e, in) : -1;
			goto out;
		}
	}
	if ((r = group_rises(req, in->type, in->smart, id, e)) != 0) {
		rc = r;
		goto out;
	}
	if (cls_get(db, id, &row) != 1)
		goto out;
	before = snapshot(cur);
	after = snapshot(row);
	snprintf(idtext, sizeof(idtext), "%lld", id);
	if (!json_object_equal(before, after) &&
	    sl_audit(req, "classification.update", idtext, before, after) != 0)
		goto out;
	rc = 0;
out:
	json_object_put(cur);
	json_object_put(shown);
	json_object_put(row);
	json_object_put(before);
	json_object_put(after);
	return finish(db, rc);
}

int cls_delete(struct sl_req *req, long long id, long long *removed, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *cur = NULL, *before = NULL, *after = NULL;
	char idtext[24], today[16];
	long long closed;
	int rc = -1, r;

	if (sl_db_begin(db) != 0)
		return -1;
	if ((r = get_locked(db, id, &cur)) != 1) {
		rc = r == 0 ? not_found(e, id) : -1;
		goto out;
	}
	today_text(today, sizeof(today));
	/* closing the open intervals is what removes the customers' current rows
	 * (customer_classifications is the view of the open intervals) */
	if ((closed = sl_db_exec(db, SL_SQL(cls_sql, CLS_CLOSE_HISTORY), today, id)) < 0 ||
	    sl_db_exec(db, SL_SQL(cls_sql, CLS_DELETE), id) != 1 ||
	    group_place(db, cls_cur_text(cur, "type"), cls_cur_text(cur, "smart_type"), 0, PLACE_KEEP,
	    id) != 0)
		goto out;
	before = snapshot(cur);
	after = json_object_new_object();
	*removed = closed;
	json_object_object_add(after, "customers_removed", json_object_new_int64(*removed));
	json_object_object_add(after, "history_closed", json_object_new_int64(closed));
	json_object_object_add(after, "history_closed_on", json_object_new_string(today));
	snprintf(idtext, sizeof(idtext), "%lld", id);
	if (sl_audit(req, "classification.delete", idtext, before, after) != 0)
		goto out;
	rc = 0;
out:
	json_object_put(cur);
	json_object_put(before);
	json_object_put(after);
	return finish(db, rc);
}

static struct json_object *id_array(const long long *ids, size_t n)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_int64(ids[i]));
	return a;
}

int cls_reorder(struct sl_req *req, const char *type, const char *smart,
    const long long *ids, size_t n, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *first = NULL, *before = NULL, *after = NULL;
	struct group g;
	char object[64], a[24], b[24];
	size_t i, j;
	int rc = -1, r;

	if (n == 0)
		return cls_err_set(e, 422, "ids", "classify.err.ids_empty", NULL);
	if (sl_db_begin(db) != 0)
		return -1;
	/* the group: as named, else the first id's */
	if (type == NULL || smart == NULL) {
		if ((r = get_locked(db, ids[0], &first)) != 1) {
			snprintf(a, sizeof(a), "%lld", ids[0]);
			rc = r == 0 ? cls_err_set(e, 422, "ids", "classify.err.ids_none", "id", a, NULL) : -1;
			goto out;
		}
		type = cls_cur_text(first, "type");
		smart = cls_cur_text(first, "smart_type");
	}
	if ((r = group_read(db, type, smart, &g)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		for (j = 0; j < g.n && g.id[j] != ids[i]; j++)
			;
		if (j == g.n) {
			snprintf(a, sizeof(a), "%lld", ids[i]);
			rc = cls_err_set(e, 422, "ids", "classify.err.ids_other", "id", a, "type", type,
			    "smart", smart, NULL);
			goto out;
		}
		for (j = 0; j < i; j++)
			if (ids[j] == ids[i]) {
				snprintf(a, sizeof(a), "%lld", ids[i]);
				rc = cls_err_set(e, 422, "ids", "classify.err.ids_twice", "id", a, NULL);
				goto out;
			}
	}
	if (n != g.n) {
		snprintf(a, sizeof(a), "%zu", g.n);
		snprintf(b, sizeof(b), "%zu", n);
		rc = cls_err_set(e, 422, "ids", "classify.err.ids_count", "type", type, "smart", smart,
		    "n", a, "given", b, NULL);
		goto out;
	}
	if (group_write(db, &g, ids, n) != 0)
		goto out;
	/* the open-ended tier stays last */
	if ((r = group_rises(req, type, smart, 0, e)) != 0) {
		rc = r;
		goto out;
	}
	before = json_object_new_object();
	json_object_object_add(before, "ids", id_array(g.id, g.n));
	after = json_object_new_object();
	json_object_object_add(after, "ids", id_array(ids, n));
	snprintf(object, sizeof(object), "%s/%s", type, smart);
	if (!json_object_equal(before, after) &&
	    sl_audit(req, "classification.order", object, before, after) != 0)
		goto out;
	rc = 0;
out:
	json_object_put(first);
	json_object_put(before);
	json_object_put(after);
	return finish(db, rc);
}

int cls_move(struct sl_req *req, long long id, int delta, struct cls_err *e)
{
	struct sl_db *db = sl_req_db(req);
	struct json_object *cur = NULL;
	long long ids[CLS_MAX_TIERS + 1], t;
	struct group g;
	size_t i;
	int r, rc;

	if ((r = cls_get(db, id, &cur)) != 1)
		return r == 0 ? not_found(e, id) : -1;
	r = group_read(db, cls_cur_text(cur, "type"), cls_cur_text(cur, "smart_type"), &g);
	if (r != 0) {
		json_object_put(cur);
		return -1;
	}
	memcpy(ids, g.id, g.n * sizeof(ids[0]));
	for (i = 0; i < g.n && ids[i] != id; i++)
		;
	if (i < g.n && ((delta < 0 && i > 0) || (delta > 0 && i + 1 < g.n))) {
		t = ids[i];
		ids[i] = ids[(size_t)((long)i + delta)];
		ids[(size_t)((long)i + delta)] = t;
	}
	rc = cls_reorder(req, cls_cur_text(cur, "type"), cls_cur_text(cur, "smart_type"), ids, g.n, e);
	json_object_put(cur);
	return rc;
}
