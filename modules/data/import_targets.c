/*
 * import_targets.c - target rows checked as the targets API checks them
 * (import_targets.h).  Each row costs a look-up of its customer the first
 * time the customer is met and one query for a stored target sharing a
 * day with it (the index targets_period leads with customer_id).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "data_sql.h"
#include "dcmsg.h"
#include "dcparse.h"
#include "import_targets.h"
#include "salient/db.h"

/* A target row accepted in the transaction. */
struct itg_row {
	int64_t		 start, end;	/* days */
	unsigned long	 line;
	uint32_t	 prev;		/* the customer's row before it, + 1; 0 none */
};

void imp_targets_init(struct imp_targets *t)
{
	memset(t, 0, sizeof(*t));
	im_init(&t->cust);
}

void imp_targets_free(struct imp_targets *t)
{
	im_free(&t->cust);
	free(t->rows);
	imp_targets_init(t);
}

/* "YYYY-MM-DD" of days since 1970-01-01 (the contract's years 1..9999). */
static void iso(int64_t days, char buf[16])
{
	int y, m, d;

	dc_civil_from_days(days, &y, &m, &d);
	snprintf(buf, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
}

/* The customer's internal id: 1 found (*id), 0 not imported, -1 error. */
static int customer_id(struct sl_db *db, struct im_map *customers, const char *host,
    uint32_t *id)
{
	struct im_entry *en = im_get(customers, host, strlen(host));
	long long v = 0;
	int rc;

	if (en != NULL && en->id != 0 && !en->ph) {
		*id = en->id;
		return 1;
	}
	if ((rc = sl_db_int(db, &v, SL_SQL(data_sql, DS_TGT_CUSTOMER), host)) <= 0 || v <= 0)
		return rc < 0 ? -1 : 0;
	*id = (uint32_t)v;
	if (en == NULL && (en = im_put(customers, host, strlen(host), *id)) == NULL)
		return -1;
	en->id = *id;
	en->ph = 0;
	return 1;
}

/* The coded overlap with the customer's row r (of this transaction). */
static int overlap_row(const struct itg_row *r, const char *s, const char *e, char *err,
    size_t errlen)
{
	char line[24], os[16], oe[16];

	snprintf(line, sizeof(line), "%lu", r->line);
	iso(r->start, os);
	iso(r->end, oe);
	dc_msg(err, errlen, "data.target.overlap_file", "column", "period_start", "start", s,
	    "end", e, "other_line", line, "other_start", os, "other_end", oe, NULL);
	return 1;
}

int imp_targets_check(struct imp_targets *t, struct sl_db *db, struct im_map *customers,
    const struct dc_row *row, unsigned long line, char *err, size_t errlen)
{
	const char *host = row->v[0].str;
	int64_t start = row->v[1].num, end = row->v[2].num;
	struct json_object *other = NULL;
	struct im_entry *en;
	char s[16], e[16], shown[64];
	uint32_t id = 0, at;
	int found;

	switch (customer_id(db, customers, host, &id)) {
	case -1:
		snprintf(err, errlen, "database: %s", sl_db_error(db));
		return -1;
	case 0:
		dc_msg(err, errlen, "data.target.no_customer", "column", "customer_id", "value",
		    dc_shown(host, shown, sizeof(shown)), NULL);
		return 1;
	}
	iso(start, s);
	iso(end, e);
	/* the rows before it in this transaction (not written yet) */
	en = im_get(&t->cust, host, strlen(host));
	for (at = en ? en->id : 0; at != 0; at = t->rows[at - 1].prev) {
		const struct itg_row *r = &t->rows[at - 1];

		if (r->start <= end && r->end >= start && !(r->start == start && r->end == end))
			return overlap_row(r, s, e, err, errlen);
	}
	if ((found = sl_db_row(db, &other, SL_SQL(data_sql, DS_TGT_OVERLAP), (long long)id, e, s, s,
	    e)) < 0) {
		snprintf(err, errlen, "database: %s", sl_db_error(db));
		return -1;
	}
	if (found) {
		const char *oid = json_object_get_string(json_object_object_get(other, "id"));
		const char *os = json_object_get_string(json_object_object_get(other, "period_start"));
		const char *oe = json_object_get_string(json_object_object_get(other, "period_end"));

		dc_msg(err, errlen, "data.target.overlap", "column", "period_start", "start", s,
		    "end", e, "id", oid ? oid : "", "other_start", os ? os : "", "other_end",
		    oe ? oe : "", NULL);
		json_object_put(other);
		return 1;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		struct itg_row *rows = realloc(t->rows, cap * sizeof(*rows));

		if (rows == NULL)
			goto nomem;
		t->rows = rows;
		t->cap = cap;
	}
	if (en == NULL && (en = im_put(&t->cust, host, strlen(host), 0)) == NULL)
		goto nomem;
	t->rows[t->n] = (struct itg_row){ start, end, line, en->id };
	en->id = (uint32_t)++t->n;
	return 0;
nomem:
	snprintf(err, errlen, "out of memory for targets");
	return -1;
}
