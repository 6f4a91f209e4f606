/*
 * cu_filter.c - the customer list's inputs (CU_LIST_INPUTS in cu_int.h,
 * validated by the core before the handler: a bad value answers 400 naming
 * the field and what it takes), read into a struct cu_filter.
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
 *   from, to, category, product
 *                      the order analysis report's (cu_report.c)
 *
 * An empty value is the same as a missing one (a form sends every field).
 */
#include <stdio.h>
#include <string.h>

#include "cu_int.h"
#include "salient/log.h"

const char *const cu_sort_names[CU_NSORTS + 1] = {
	"added", "name", "customer_id", "revenue_cur", "revenue_change", "orders_cur",
	"risk_score", "p_alive", "expected_orders_90d", "clv_12m", "rfm", NULL,
};

const char *const cu_sort_labels[CU_NSORTS] = {
	"customers.col.added", "customers.col.name", "customers.col.customer_id",
	"customers.col.revenue_cur", "customers.col.revenue_change", "customers.col.orders_cur",
	"customers.col.risk_score", "customers.col.p_alive", "customers.col.expected_orders",
	"customers.col.clv", "customers.col.rfm",
};

const char *const cu_dir_names[3] = { "asc", "desc", NULL };
const char *const cu_smart_types[4] = { "retail", "trade", "distributor", NULL };

/* The ranges: input name and decimals (CU_LIST_INPUTS declares them). */
static const struct range_def {
	const char *name;
	int places;
} ranges[CU_NRANGES] = {
	{ "p_alive_min", 6 },
	{ "p_alive_max", 6 },
	{ "expected_orders_min", 4 },
	{ "expected_orders_max", 4 },
	{ "clv_min", 4 },
	{ "clv_max", 4 },
};

/* A declared text input, NULL when absent (empty counts as absent: .min 1). */
static const char *text_in(const struct sl_req *req, const char *name)
{
	return sl_req_str(req, name, NULL);
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

static void search_in(const struct sl_req *req, struct cu_filter *f)
{
	const char *q = text_in(req, "q"), *sp;
	size_t n;

	if (q == NULL)
		return;
	while (*q == ' ')
		q++;
	n = strlen(q);
	while (n > 0 && q[n - 1] == ' ')
		n--;
	if (n == 0)
		return;
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
}

/* The range's decimal (units of 10^-places) as the shortest exact text:
 * 500000 with 6 places is "0.5". */
static void range_in(const struct sl_req *req, struct cu_filter *f, int k)
{
	const struct range_def *d = &ranges[k];
	long long v, scale = 1;
	size_t n;
	int i;

	f->range[k] = NULL;
	if (!sl_req_has(req, d->name) || sl_req_null(req, d->name))
		return;
	v = (long long)sl_req_decimal(req, d->name, 0);
	for (i = 0; i < d->places; i++)
		scale *= 10;
	snprintf(f->range_s[k], sizeof(f->range_s[k]), "%lld.%0*lld", v / scale, d->places,
	    v % scale);
	n = strlen(f->range_s[k]);
	while (n > 0 && f->range_s[k][n - 1] == '0')
		f->range_s[k][--n] = '\0';
	if (n > 0 && f->range_s[k][n - 1] == '.')
		f->range_s[k][--n] = '\0';
	f->range[k] = f->range_s[k];
}

static void sort_in(const struct sl_req *req, struct cu_filter *f)
{
	int s = sl_req_enum(req, "sort", -1), d = sl_req_enum(req, "dir", -1);

	f->sort = s >= 0 ? (enum cu_sort)s : CU_SORT_ADDED;
	/* names and ids read A to Z by default; numbers largest first */
	f->desc = d >= 0 ? d == 1 : !(f->sort == CU_SORT_NAME || f->sort == CU_SORT_CUSTOMER_ID);
	f->sort_given = s >= 0 || d >= 0;
}

void cu_filter_read(const struct sl_req *req, struct cu_filter *f, int report)
{
	int k;

	memset(f, 0, sizeof(*f));
	f->has_target = -1;
	cu_today(f->today, sizeof(f->today));
	f->classification = (long long)sl_req_uint(req, "classification", 0);
	if (f->classification > 0)
		snprintf(f->classification_s, sizeof(f->classification_s), "%lld",
		    f->classification);
	f->manager = text_in(req, "manager");
	search_in(req, f);
	f->tag = text_in(req, "tag");
	f->smart_type = sl_req_str(req, "smart_type", NULL);
	if (sl_req_has(req, "has_target") && !sl_req_null(req, "has_target"))
		f->has_target = sl_req_bool(req, "has_target");
	for (k = 0; k < CU_NRANGES; k++)
		range_in(req, f, k);
	if (report) {
		f->report = 1;
		f->from = sl_req_date(req, "from");
		f->to = sl_req_date(req, "to");
		f->category = text_in(req, "category");
		f->product = text_in(req, "product");
	}
	sort_in(req, f);
	f->page = (long long)sl_req_uint(req, "page", 1);
	f->per_page = (long long)sl_req_uint(req, "per_page", CU_PER_PAGE);
}

int cu_filter_url(const struct cu_filter *f, long long page, int sort, int desc,
    struct sl_url *u)
{
	int k;

	sl_url_add(u, "q", f->q);
	sl_url_add(u, "classification", f->classification ? f->classification_s : NULL);
	sl_url_add(u, "smart_type", f->smart_type);
	sl_url_add(u, "manager", f->manager);
	sl_url_add(u, "tag", f->tag);
	sl_url_add(u, "has_target", f->has_target < 0 ? NULL : f->has_target ? "yes" : "no");
	for (k = 0; k < CU_NRANGES; k++)
		sl_url_add(u, ranges[k].name, f->range[k]);
	sl_url_add(u, "from", f->from);
	sl_url_add(u, "to", f->to);
	sl_url_add(u, "category", f->category);
	sl_url_add(u, "product", f->product);
	if (sort >= 0) {
		sl_url_add(u, "sort", cu_sort_names[sort]);
		sl_url_add(u, "dir", desc ? "desc" : "asc");
	} else if (f->sort_given) {
		sl_url_add(u, "sort", cu_sort_names[f->sort]);
		sl_url_add(u, "dir", f->desc ? "desc" : "asc");
	}
	if (f->per_page != CU_PER_PAGE)
		sl_url_add_int(u, "per_page", f->per_page);
	if (page > 1)
		sl_url_add_int(u, "page", page);
	return sl_url_get(u) != NULL ? 0 : -1;
}

void cu_filter_href(struct json_object *o, const char *key, const struct cu_filter *f,
    const char *base, const char *suffix, long long page, int sort, int desc)
{
	char buf[SL_URL_MAX];
	struct sl_url u;

	sl_url_init(&u, buf, sizeof(buf));
	if (sl_url_put(&u, base) != 0 || sl_url_put(&u, suffix) != 0 ||
	    cu_filter_url(f, page, sort, desc, &u) != 0) {
		log_err("customers: the %s link does not fit in %zu bytes; left out", key,
		    sizeof(buf));
		json_object_object_add(o, key, NULL);
		return;
	}
	json_object_object_add(o, key, json_object_new_string(buf));
}

/* A range's text (digits, '.', digits: range_in's) as a double. */
static double range_double(const char *s)
{
	double v = 0, unit = 1;
	int frac = 0;

	for (; *s != '\0'; s++) {
		if (*s == '.')
			frac = 1;
		else if (frac)
			v += (*s - '0') * (unit /= 10);
		else
			v = v * 10 + (*s - '0');
	}
	return v;
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
		    json_object_new_double_s(range_double(f->range[k]), f->range[k]) : NULL);
	if (f->report) {
		json_object_object_add(o, "from", str_or_null(f->from));
		json_object_object_add(o, "to", str_or_null(f->to));
		json_object_object_add(o, "category", str_or_null(f->category));
		json_object_object_add(o, "product", str_or_null(f->product));
	}
	return o;
}
