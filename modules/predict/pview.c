/*
 * pview.c - one customer's predictions for the pages and the API (salient/predict.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "pdb.h"
#include "predict_sql.h"
#include "salient/predict.h"
#include "salient/db.h"

static double num(struct json_object *row, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(row, key, &v) && v != NULL ?
	    json_object_get_double(v) : NAN;
}

/* Adds the 12-month decay curve of row's customer; 0, or -1 when it
 * cannot be computed (then no curve is added). */
static int add_curve(struct json_object *m, struct json_object *row,
    const char *as_of)
{
	struct pr_bgnbd bg = { num(row, "r"), num(row, "alpha"), num(row, "a"),
	    num(row, "b") };
	double p[PDB_CURVE_MONTHS];
	struct json_object *arr, *pt;
	char date[16];
	long day;
	int i;

	if (pdb_parse_date(as_of, &day) != 0 ||
	    pdb_decay_curve(&bg, num(row, "x"), num(row, "t_x"), num(row, "T"),
	    PDB_CURVE_MONTHS, p) != PR_OK)
		return -1;
	arr = json_object_new_array();
	for (i = 0; i < PDB_CURVE_MONTHS; i++) {
		pt = json_object_new_object();
		json_object_object_add(pt, "month", json_object_new_int(i + 1));
		json_object_object_add(pt, "date", json_object_new_string(pdb_format_date(
		    day + lround((i + 1) * PDB_WEEKS_PER_MONTH * PDB_UNIT_DAYS),
		    date, sizeof(date))));
		json_object_object_add(pt, "p_alive", json_object_new_double(p[i]));
		json_object_array_add(arr, pt);
	}
	json_object_object_add(m, "decay", arr);
	return 0;
}

static void copy_key(struct json_object *dst, struct json_object *src,
    const char *key)
{
	struct json_object *v = NULL;

	json_object_object_get_ex(src, key, &v);
	json_object_object_add(dst, key, json_object_get(v));
}

int sl_predict_customer(struct sl_db *db, long long id, const char *host_id,
    struct json_object **out)
{
	static const char *const cols[] = { "p_alive", "expected_orders_90d",
	    "expected_aov", "clv_12m", "monthly_discount", "fit_id" };
	struct json_object *row = NULL, *fit = NULL, *m = NULL, *v, *sum;
	const char *type, *as_of;
	size_t i;
	int found, rc = -1;

	*out = NULL;
	found = host_id != NULL ? sl_db_row(db, &row, SL_SQL(pr_sql, PR_BY_HOST), host_id) :
	    sl_db_row(db, &row, SL_SQL(pr_sql, PR_BY_ID), id);
	if (found <= 0)
		return found;
	m = json_object_new_object();
	copy_key(m, row, "host_id");
	copy_key(m, row, "smart_type");
	type = json_object_object_get_ex(row, "smart_type", &v) ? json_object_get_string(v) : "";
	if (!json_object_object_get_ex(row, "fit_id", &v) || v == NULL) {
		if ((found = sl_db_row(db, &fit, SL_SQL(pr_sql, PR_HAS_FIT), type)) < 0)
			goto out;
		json_object_object_add(m, "available", json_object_new_boolean(0));
		json_object_object_add(m, "reason_key", json_object_new_string(found ?
		    "predict.none.no_orders" : "predict.none.no_fit"));
		json_object_object_add(m, "reason", json_object_new_string(found ?
		    "No prediction: the customer had no paid orders up to the "
		    "as-of date of the last fit." :
		    "No prediction yet: there is no published fit for this "
		    "customer's smart type (the predictions settings say why)."));
		goto done;
	}
	json_object_object_add(m, "available", json_object_new_boolean(1));
	as_of = json_object_object_get_ex(row, "as_of", &v) ? json_object_get_string(v) : "";
	json_object_object_add(m, "as_of", json_object_new_string(as_of));
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		copy_key(m, row, cols[i]);
	sum = json_object_new_object();
	copy_key(sum, row, "x");
	copy_key(sum, row, "t_x");
	copy_key(sum, row, "T");
	json_object_object_add(sum, "unit", json_object_new_string("week"));
	json_object_object_add(m, "summary", sum);
	if (add_curve(m, row, as_of) != 0)
		json_object_object_add(m, "decay", NULL);
done:
	*out = m;
	m = NULL;
	rc = 1;
out:
	json_object_put(fit);
	json_object_put(row);
	json_object_put(m);
	return rc;
}
