/*
 * cu_filter.c - the customer list's inputs, validated once before any
 * query: a bad value answers 400 naming the field and what it takes.
 *
 *   q                  search: the whole customer id, or the start of the
 *                      e-mail, first name, last name or "first last"
 *   classification     a classification id (the classifications page links
 *                      its counts to ?classification=ID)
 *   smart_type         retail, trade or distributor
 *   manager            the account manager, exactly
 *   tag                a customer tag, exactly
 *   has_target         yes or no: a sales target whose period includes today
 *   p_alive_min/_max, expected_orders_min/_max, clv_min/_max
 *                      ranges of the predictions (inclusive)
 *   sort, dir          one of cu_sort_names; asc or desc
 *   page, per_page     from 1; 1 to CU_PER_PAGE_MAX
 *
 * An empty value is the same as a missing one (a form sends every field).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cu_int.h"
#include "parse.h"

const char *const cu_sort_names[CU_NSORTS] = {
	"added", "name", "customer_id", "revenue_cur", "revenue_change", "orders_cur",
	"risk_score", "p_alive", "expected_orders_90d", "clv_12m",
};

const char *const cu_sort_labels[CU_NSORTS] = {
	"customers.col.added", "customers.col.name", "customers.col.customer_id",
	"customers.col.revenue_cur", "customers.col.revenue_change", "customers.col.orders_cur",
	"customers.col.risk_score", "customers.col.p_alive", "customers.col.expected_orders",
	"customers.col.clv",
};

/* The ranges: input name, bounds, and whether the report takes them. */
static const struct range_def {
	const char *name;
	double min, max;
} ranges[CU_NRANGES] = {
	{ "p_alive_min", 0, 1 },
	{ "p_alive_max", 0, 1 },
	{ "expected_orders_min", 0, 1e9 },
	{ "expected_orders_max", 0, 1e9 },
	{ "clv_min", 0, 1e12 },
	{ "clv_max", 0, 1e12 },
};

/* The value of input name, NULL when missing or empty. */
static const char *in(struct sl_req *req, const char *name)
{
	const char *v = sl_req_input(req, name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* A text input: at most CU_TEXT_MAX bytes of UTF-8; 0, or -1 after 400. */
static int text_in(struct sl_req *req, struct sl_resp *resp, const char *name,
    const char **out)
{
	const char *v = in(req, name);
	size_t off;

	*out = NULL;
	if (v == NULL)
		return 0;
	if (strlen(v) > CU_TEXT_MAX) {
		sl_resp_error(resp, 400, "%s: at most %d bytes", name, CU_TEXT_MAX);
		return -1;
	}
	if (!hp_utf8_valid(v, strlen(v), &off)) {
		sl_resp_error(resp, 400, "%s: not valid UTF-8 text", name);
		return -1;
	}
	*out = v;
	return 0;
}

/* A whole number in [min, max]; def when missing.  0, or -1 after 400. */
static int int_in(struct sl_req *req, struct sl_resp *resp, const char *name,
    long long min, long long max, long long def, long long *out)
{
	const char *v = in(req, name);
	char *end;
	long long n;

	*out = def;
	if (v == NULL)
		return 0;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end != '\0' || errno != 0 || n < min || n > max) {
		sl_resp_error(resp, 400, "%s: expected a whole number from %lld to %lld", name, min, max);
		return -1;
	}
	*out = n;
	return 0;
}

/* Appends to buf the LIKE pattern of s (n bytes): \ % _ escaped, then '%'. */
static void like_prefix(char *buf, size_t len, const char *s, size_t n)
{
	size_t o = 0, i;

	for (i = 0; i < n && o + 3 < len; i++) {
		if (s[i] == '\\' || s[i] == '%' || s[i] == '_')
			buf[o++] = '\\';
		buf[o++] = s[i];
	}
	buf[o++] = '%';
	buf[o] = '\0';
}

static int search_in(struct sl_req *req, struct sl_resp *resp, struct cu_filter *f)
{
	const char *q, *sp;
	size_t n;

	if (text_in(req, resp, "q", &q) != 0)
		return -1;
	if (q == NULL)
		return 0;
	while (*q == ' ')
		q++;
	n = strlen(q);
	while (n > 0 && q[n - 1] == ' ')
		n--;
	if (n == 0)
		return 0;
	snprintf(f->q_s, sizeof(f->q_s), "%.*s", (int)n, q);
	f->q = f->q_s;
	like_prefix(f->q_prefix, sizeof(f->q_prefix), q, n);
	if ((sp = memchr(q, ' ', n)) != NULL) {
		const char *rest = sp;

		while (*rest == ' ')
			rest++;
		like_prefix(f->q_first, sizeof(f->q_first), q, (size_t)(sp - q));
		like_prefix(f->q_last, sizeof(f->q_last), rest, n - (size_t)(rest - q));
		f->q_two = 1;
	}
	return 0;
}

static int range_in(struct sl_req *req, struct sl_resp *resp, struct cu_filter *f, int k)
{
	const struct range_def *d = &ranges[k];
	const char *v = in(req, d->name);
	char *end;
	double x;

	f->range[k] = NULL;
	if (v == NULL)
		return 0;
	errno = 0;
	x = strtod(v, &end);
	if (!((v[0] >= '0' && v[0] <= '9') || v[0] == '.') || *end != '\0' || errno != 0 ||
	    !isfinite(x) || x < d->min || x > d->max) {
		sl_resp_error(resp, 400, "%s: expected a number from %g to %g", d->name, d->min, d->max);
		return -1;
	}
	snprintf(f->range_s[k], sizeof(f->range_s[k]), "%.15g", x);
	f->range[k] = f->range_s[k];
	return 0;
}

static int sort_in(struct sl_req *req, struct sl_resp *resp, struct cu_filter *f)
{
	const char *s = in(req, "sort"), *d = in(req, "dir");
	int i;

	f->sort = CU_SORT_ADDED;
	if (s != NULL) {
		for (i = 0; i < CU_NSORTS && strcmp(cu_sort_names[i], s) != 0; i++)
			;
		if (i == CU_NSORTS) {
			sl_resp_error(resp, 400, "sort: expected one of added, name, customer_id, "
			    "revenue_cur, revenue_change, orders_cur, risk_score, p_alive, "
			    "expected_orders_90d, clv_12m");
			return -1;
		}
		f->sort = (enum cu_sort)i;
	}
	/* names and ids read A to Z by default; numbers largest first */
	f->desc = !(f->sort == CU_SORT_NAME || f->sort == CU_SORT_CUSTOMER_ID);
	if (d != NULL) {
		if (strcmp(d, "asc") != 0 && strcmp(d, "desc") != 0) {
			sl_resp_error(resp, 400, "dir: expected asc or desc");
			return -1;
		}
		f->desc = strcmp(d, "desc") == 0;
	}
	f->sort_given = s != NULL || d != NULL;
	return 0;
}

int cu_filter_parse(struct sl_req *req, struct sl_resp *resp, struct cu_filter *f,
    int allow_all)
{
	const char *v;
	long long id;
	int k;

	memset(f, 0, sizeof(*f));
	f->has_target = -1;
	cu_today(f->today, sizeof(f->today));
	if (int_in(req, resp, "classification", 1, 4294967295LL, 0, &id) != 0)
		return -1;
	f->classification = id;
	if (id > 0)
		snprintf(f->classification_s, sizeof(f->classification_s), "%lld", id);
	if (text_in(req, resp, "manager", &f->manager) != 0)
		return -1;
	if (allow_all) {
		if (search_in(req, resp, f) != 0 || text_in(req, resp, "tag", &f->tag) != 0)
			return -1;
		if ((v = in(req, "smart_type")) != NULL) {
			if (strcmp(v, "retail") != 0 && strcmp(v, "trade") != 0 &&
			    strcmp(v, "distributor") != 0) {
				sl_resp_error(resp, 400, "smart_type: expected retail, trade or distributor");
				return -1;
			}
			f->smart_type = v;
		}
		if ((v = in(req, "has_target")) != NULL) {
			if (strcmp(v, "yes") == 0 || strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
				f->has_target = 1;
			else if (strcmp(v, "no") == 0 || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
				f->has_target = 0;
			else {
				sl_resp_error(resp, 400, "has_target: expected yes or no");
				return -1;
			}
		}
		for (k = 0; k < CU_NRANGES; k++)
			if (range_in(req, resp, f, k) != 0)
				return -1;
	}
	if (sort_in(req, resp, f) != 0 ||
	    int_in(req, resp, "page", 1, CU_PAGE_MAX, 1, &f->page) != 0 ||
	    int_in(req, resp, "per_page", 1, CU_PER_PAGE_MAX, CU_PER_PAGE, &f->per_page) != 0)
		return -1;
	return 0;
}

/* Appends &name=value, percent-encoded, to buf at *o. */
static void param(char *buf, size_t len, size_t *o, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	if (value == NULL || *o + 1 >= len)
		return;
	*o += (size_t)snprintf(buf + *o, len - *o, "%s%s=", *o > 0 ? "&" : "", name);
	for (p = (const unsigned char *)value; *p != '\0' && *o + 4 < len; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf[(*o)++] = (char)*p;
		} else {
			buf[(*o)++] = '%';
			buf[(*o)++] = hex[*p >> 4];
			buf[(*o)++] = hex[*p & 15];
		}
	}
	if (*o >= len)
		*o = len - 1;
	buf[*o] = '\0';
}

void cu_filter_query(const struct cu_filter *f, long long page, int sort, int desc,
    char *buf, size_t len)
{
	char num[24];
	size_t o = 0;
	int k;

	buf[0] = '\0';
	param(buf, len, &o, "q", f->q);
	param(buf, len, &o, "classification", f->classification ? f->classification_s : NULL);
	param(buf, len, &o, "smart_type", f->smart_type);
	param(buf, len, &o, "manager", f->manager);
	param(buf, len, &o, "tag", f->tag);
	param(buf, len, &o, "has_target", f->has_target < 0 ? NULL : f->has_target ? "yes" : "no");
	for (k = 0; k < CU_NRANGES; k++)
		param(buf, len, &o, ranges[k].name, f->range[k]);
	if (sort >= 0) {
		param(buf, len, &o, "sort", cu_sort_names[sort]);
		param(buf, len, &o, "dir", desc ? "desc" : "asc");
	} else if (f->sort_given) {
		param(buf, len, &o, "sort", cu_sort_names[f->sort]);
		param(buf, len, &o, "dir", f->desc ? "desc" : "asc");
	}
	if (f->per_page != CU_PER_PAGE) {
		snprintf(num, sizeof(num), "%lld", f->per_page);
		param(buf, len, &o, "per_page", num);
	}
	if (page > 1) {
		snprintf(num, sizeof(num), "%lld", page);
		param(buf, len, &o, "page", num);
	}
}

static struct json_object *str_or_null(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

struct json_object *cu_filter_json(const struct cu_filter *f)
{
	struct json_object *o = json_object_new_object();
	int k;

	json_object_object_add(o, "q", str_or_null(f->q));
	json_object_object_add(o, "classification", f->classification ?
	    json_object_new_int64(f->classification) : NULL);
	json_object_object_add(o, "smart_type", str_or_null(f->smart_type));
	json_object_object_add(o, "manager", str_or_null(f->manager));
	json_object_object_add(o, "tag", str_or_null(f->tag));
	json_object_object_add(o, "has_target", f->has_target < 0 ? NULL :
	    json_object_new_string(f->has_target ? "yes" : "no"));
	for (k = 0; k < CU_NRANGES; k++)
		json_object_object_add(o, ranges[k].name, f->range[k] ?
		    json_object_new_double_s(strtod(f->range[k], NULL), f->range[k]) : NULL);
	return o;
}
