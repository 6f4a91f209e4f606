/*
 * test_demodata.c - the demo data generator: the same seed gives the same
 * bytes, another seed other bytes; every row of every file passes the
 * contract; references resolve; the data has the shape it promises.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "salient/contract.h"
#include "csvin.h"
#include "demogen.h"
#include "tap.h"

#define N	2000

static const char *const files[] = {
	"customers.csv", "customer_tags.csv", "consents.csv",
	"categories.csv", "products.csv", "product_tags.csv",
	"productions.csv", "events.csv", "orders.csv", "order_lines.csv",
	"targets.csv",
};
#define NFILES	(sizeof(files) / sizeof(files[0]))

/* A sorted set of host ids. */
struct ids {
	char	**v;
	size_t	  n, cap;
};

static void
ids_add(struct ids *s, const char *id)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = realloc(s->v, s->cap * sizeof(char *));
	}
	s->v[s->n++] = strdup(id);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
ids_has(const struct ids *s, const char *id)
{
	return bsearch(&id, s->v, s->n, sizeof(char *), cmp_str) != NULL;
}

static void
ids_free(struct ids *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

struct stats {
	struct ids	 cust, prod, ev, ord, trade;
	long		 rows[DC_NKINDS], bad, badref;
	long		 type[3], danish, cyrillic;
	long		 month[12], boxoffice, online;
	long		 outside, targets_retail;
	int64_t		 asof, wstart;
	char		 firstbad[600];
	/* per-customer revenue, by customer number */
	int64_t		 rev[N + 1];
	int64_t		 first[N + 1], last[N + 1];
	int		 ctype[N + 1];
};

static void
on_row(struct stats *st, const struct dc_row *r)
{
	const struct dc_value *v = r->v;
	long no;

	switch (r->kind) {
	case DC_CUSTOMERS:
		st->type[v[12].num]++;
		no = tap_long(v[0].str + 1);
		if (no >= 1 && no <= N)
			st->ctype[no] = (int)v[12].num;
		if (v[12].num != 0)
			ids_add(&st->trade, v[0].str);
		if (v[3].str != NULL && strpbrk(v[3].str, "\xc3") != NULL)
			st->danish++;
		if (v[2].str != NULL && (unsigned char)v[2].str[0] == 0xd0)
			st->cyrillic++;
		break;
	case DC_ORDERS:
		if (v[2].num < st->wstart * 86400 || v[2].num >= st->asof * 86400)
			st->outside++;
		st->month[(v[2].str[5] - '0') * 10 + v[2].str[6] - '0' - 1]++;
		st->boxoffice += v[4].str && strcmp(v[4].str, "boxoffice") == 0;
		st->online += v[4].str && strcmp(v[4].str, "online") == 0;
		if (!ids_has(&st->cust, v[1].str))
			st->badref++;
		no = tap_long(v[1].str + 1);
		if (no >= 1 && no <= N && v[6].num == 0 && v[3].str) {
			st->rev[no] += v[3].num;
			if (st->first[no] == 0 || v[2].num < st->first[no])
				st->first[no] = v[2].num;
			if (v[2].num > st->last[no])
				st->last[no] = v[2].num;
		}
		break;
	case DC_ORDER_LINES:
		if (!ids_has(&st->ord, v[0].str) ||
		    (v[2].str && !ids_has(&st->prod, v[2].str)) ||
		    (v[3].str && !ids_has(&st->ev, v[3].str)) ||
		    (v[2].str == NULL) == (v[3].str == NULL) ||
		    v[6].num != v[5].num * v[4].num)
			st->badref++;
		break;
	case DC_TARGETS:
		if (!ids_has(&st->trade, v[0].str))
			st->targets_retail++;
		break;
	default:
		break;
	}
}

/* Reads one file, validating every row; ids collected for first pass. */
static void
read_file(struct stats *st, const char *dir, const char *name,
    struct ids *collect)
{
	char path[512], err[DC_ERRLEN];
	const char *vals[DC_MAXCOLS];
	struct csvin_rec rec;
	struct dc_header h;
	struct dc_row row;
	struct csvin *r;
	FILE *fp;
	int rc, kind = dc_kind_by_name(name);

	snprintf(path, sizeof(path), "%s/%s.csv", dir, name);
	if ((fp = fopen(path, "rb")) == NULL || (r = csvin_new(fp, path)) ==
	    NULL) {
		st->bad++;
		if (fp)
			fclose(fp);
		return;
	}
	if (csvin_next(r, &rec) != 1 || dc_header_check(-1, rec.fields,
	    rec.nfields, &h, err, sizeof(err)) || (int)h.kind != kind) {
		st->bad++;
		goto done;
	}
	while ((rc = csvin_next(r, &rec)) == 1) {
		if (dc_header_values(&h, rec.fields, rec.nfields, vals, err,
		    sizeof(err)) || dc_validate_row(h.kind, vals, &row, err,
		    sizeof(err))) {
			if (st->bad++ == 0)
				snprintf(st->firstbad, sizeof(st->firstbad),
				    "%s:%lu: %s", name, rec.line, err);
			continue;
		}
		st->rows[kind]++;
		if (collect != NULL)
			ids_add(collect, row.v[0].str);
		else
			on_row(st, &row);
	}
	if (rc < 0 && st->bad++ == 0)
		snprintf(st->firstbad, sizeof(st->firstbad), "%s",
		    csvin_error(r));
done:
	csvin_free(r);
	fclose(fp);
}

static int
same_file(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int ca, cb, same = fa != NULL && fb != NULL;

	while (same) {
		ca = getc(fa);
		cb = getc(fb);
		if (ca != cb)
			same = 0;
		if (ca == EOF)
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

static void
remove_dir(const char *dir)
{
	char path[512];
	size_t i;

	for (i = 0; i < NFILES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x > y ? -1 : x < y;
}

static void
shape(struct stats *st)
{
	int64_t sorted[N], all = 0, top = 0, trade = 0;
	long churned = 0, active = 0, i, nretail = 0;
	long orders = st->rows[DC_ORDERS], lines = st->rows[DC_ORDER_LINES];

	tap_ok(st->type[0] + st->type[1] + st->type[2] == N, "N customers");
	tap_ok(st->type[1] > N * 5 / 100 && st->type[1] < N * 15 / 100,
	    "trade customers 5-15%% (%ld)", st->type[1]);
	tap_ok(st->type[2] > 0 && st->type[2] < st->type[1],
	    "some distributors, fewer than trade (%ld)", st->type[2]);
	tap_ok(st->danish > N / 10, "Danish names with æ/ø/å (%ld)",
	    st->danish);
	tap_ok(st->cyrillic > N / 20, "Cyrillic names (%ld)", st->cyrillic);
	tap_ok(orders > N * 7 && orders < N * 13,
	    "about 10 orders a customer (%ld)", orders);
	tap_ok(lines > N * 22 && lines < N * 40,
	    "about 30 lines a customer (%ld)", lines);
	tap_is_long(st->outside, 0, "orders within 3 years before as-of");
	tap_ok(st->month[8] < st->month[7] * 8 / 10,
	    "September clearly below August (%ld < %ld)", st->month[8],
	    st->month[7]);
	tap_ok(st->month[11] > st->month[0], "December above January");
	tap_ok(st->boxoffice > 0 && st->online > st->boxoffice,
	    "online and box office bookings (%ld, %ld)", st->online,
	    st->boxoffice);
	tap_is_long(st->badref, 0, "every reference resolves, lines add up");
	tap_is_long(st->targets_retail, 0, "targets only for trade customers");
	tap_ok(st->rows[DC_TARGETS] > 0, "some targets (%ld)",
	    st->rows[DC_TARGETS]);
	tap_ok(st->rows[DC_EVENTS] >= 30 && st->rows[DC_PRODUCTS] >= 200,
	    "catalog scaled (%ld products, %ld events)",
	    st->rows[DC_PRODUCTS], st->rows[DC_EVENTS]);
	for (i = 1; i <= N; i++) {
		if (st->ctype[i] == 0) {
			sorted[nretail++] = st->rev[i];
			all += st->rev[i];
		}
		if (st->first[i] != 0) {
			active++;
			if (st->last[i] < (st->asof - 365) * 86400 &&
			    st->first[i] < st->last[i])
				churned++;
		}
	}
	for (i = 1; i <= N; i++)
		trade += st->ctype[i] != 0 ? st->rev[i] : 0;
	tap_ok(nretail > 0 && nretail < N && trade / (N - nretail) >
	    5 * (all / nretail), "trade customers buy in volume (%lld vs "
	    "%lld a customer)", (long long)(trade / (N - nretail)),
	    (long long)(all / nretail));
	qsort(sorted, (size_t)nretail, sizeof(sorted[0]), cmp_i64);
	for (i = 0; i < nretail / 5; i++)
		top += sorted[i];
	tap_ok(all > 0 && top * 100 / all > 50 && top * 100 / all < 90,
	    "Pareto: top 20%% of retail customers bring %lld%% of revenue",
	    (long long)(all ? top * 100 / all : 0));
	tap_ok(churned * 100 / active > 5 && churned * 100 / active < 50,
	    "some customers churned (%ld of %ld)", churned, active);
}

static void
check_dir(const char *dir)
{
	struct stats *st = calloc(1, sizeof(*st));

	st->asof = dc_days_from_civil(2026, 11, 1);
	st->wstart = dc_days_from_civil(2023, 11, 1);
	read_file(st, dir, "customers", &st->cust);
	read_file(st, dir, "products", &st->prod);
	read_file(st, dir, "events", &st->ev);
	read_file(st, dir, "orders", &st->ord);
	qsort(st->cust.v, st->cust.n, sizeof(char *), cmp_str);
	qsort(st->prod.v, st->prod.n, sizeof(char *), cmp_str);
	qsort(st->ev.v, st->ev.n, sizeof(char *), cmp_str);
	qsort(st->ord.v, st->ord.n, sizeof(char *), cmp_str);
	memset(st->rows, 0, sizeof(st->rows));
	read_file(st, dir, "customers", NULL);
	qsort(st->trade.v, st->trade.n, sizeof(char *), cmp_str);
	read_file(st, dir, "customer_tags", NULL);
	read_file(st, dir, "consents", NULL);
	read_file(st, dir, "categories", NULL);
	read_file(st, dir, "products", NULL);
	read_file(st, dir, "product_tags", NULL);
	read_file(st, dir, "productions", NULL);
	read_file(st, dir, "events", NULL);
	read_file(st, dir, "orders", NULL);
	read_file(st, dir, "order_lines", NULL);
	read_file(st, dir, "targets", NULL);
	if (!tap_ok(st->bad == 0, "every row of every file validates"))
		tap_diag("%ld bad, first: %s", st->bad, st->firstbad);
	shape(st);
	ids_free(&st->cust);
	ids_free(&st->prod);
	ids_free(&st->ev);
	ids_free(&st->ord);
	ids_free(&st->trade);
	free(st);
}

static int
gen(const char *dir, const char *seed)
{
	char *argv[] = { "demo-data", "--out", (char *)dir, "--customers",
	    "2000", "--seed", (char *)seed, NULL };

	return cmd_demo_data(7, argv);
}

int
main(void)
{
	char a[] = "/tmp/salient-demoA-XXXXXX", b[] = "/tmp/salient-demoB-XXXXXX";
	char c[] = "/tmp/salient-demoC-XXXXXX", pa[512], pb[512];
	char *bad[] = { "demo-data", "--out", "/tmp/x", "--customers", "0",
	    "--seed", "1", NULL };
	size_t i;
	int same = 1, differ = 0;

	if (mkdtemp(a) == NULL || mkdtemp(b) == NULL || mkdtemp(c) == NULL) {
		tap_ok(0, "mkdtemp");
		return tap_done();
	}
	tap_is_long(gen(a, "7"), 0, "generate seed 7");
	tap_is_long(gen(b, "7"), 0, "generate seed 7 again");
	tap_is_long(gen(c, "8"), 0, "generate seed 8");
	for (i = 0; i < NFILES; i++) {
		snprintf(pa, sizeof(pa), "%s/%s", a, files[i]);
		snprintf(pb, sizeof(pb), "%s/%s", b, files[i]);
		if (!same_file(pa, pb)) {
			same = 0;
			tap_diag("%s differs", files[i]);
		}
		snprintf(pb, sizeof(pb), "%s/%s", c, files[i]);
		differ += !same_file(pa, pb);
	}
	tap_ok(same, "same seed, byte-identical files");
	tap_ok(differ >= 5, "another seed, other files (%d differ)", differ);
	tap_is_long(cmd_demo_data(7, bad), 2, "--customers 0 is bad usage");
	check_dir(a);
	remove_dir(a);
	remove_dir(b);
	remove_dir(c);
	return tap_done();
}
