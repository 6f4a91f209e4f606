/*
 * dgcatalog.c - the demo generator's catalog: categories (a two-level
 * tree), products by manufacturer with tags (manufacturer, material),
 * productions and their events at a venue.  Sizes grow with the square root
 * of the number of customers: 50,000 products and 2,000 events at 1,000,000.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "salient/contract.h"
#include "dgint.h"

#define NTOP	10
#define NSUB	5

static const struct {
	const char	*name;
	const char	*sub[NSUB];
	int64_t		 base;		/* typical price, cents */
} tops[NTOP] = {
	{ "Lighting", { "Table lamps", "Pendants", "Floor lamps",
	    "Wall lights", "Bulbs" }, 60000 },
	{ "Furniture", { "Chairs", "Tables", "Shelving", "Sofas",
	    "Stools" }, 250000 },
	{ "Kitchen", { "Knives", "Cookware", "Bowls", "Cutting boards",
	    "Storage jars" }, 30000 },
	{ "Textiles", { "Blankets", "Cushions", "Rugs", "Towels",
	    "Curtains" }, 40000 },
	{ "Tools", { "Hand tools", "Saws", "Chisels", "Clamps",
	    "Measuring" }, 25000 },
	{ "Garden", { "Planters", "Garden tools", "Outdoor chairs", "Hoses",
	    "Bird houses" }, 35000 },
	{ "Tableware", { "Plates", "Glasses", "Cups", "Cutlery",
	    "Carafes" }, 15000 },
	{ "Bath", { "Bath mats", "Soap dishes", "Mirrors", "Baskets",
	    "Hooks" }, 12000 },
	{ "Office", { "Desk lamps", "Notebooks", "Pen holders", "Desks",
	    "Organisers" }, 20000 },
	{ "Kids", { "Toys", "Kids' chairs", "Mobiles", "Puzzles",
	    "Night lights" }, 18000 },
};

static const char *const materials[] = {
	"oak", "pine", "walnut", "steel", "aluminium", "brass", "linen",
	"wool", "glass", "ceramic", "leather", "cotton", "stone", "birch",
};
#define NMAT	(sizeof(materials) / sizeof(materials[0]))

static const char *const adjectives[] = {
	"Nordic", "Hygge", "Classic", "Studio", "Fjord", "Skagen", "Urban",
	"Vintage", "Minimal", "Soft", "Rustic", "Bold", "Lys", "Storm",
};
#define NADJ	(sizeof(adjectives) / sizeof(adjectives[0]))

static const char *const manu_a[] = {
	"Nord", "Vest", "Øster", "Skov", "Sø", "Lund", "Holm", "Dal", "Berg",
	"Strand", "Eng", "Bæk", "Fjeld", "Mose", "Hede", "Klit", "Ager",
	"Lyng", "Vig", "Næs",
};
static const char *const manu_b[] = {
	"lys A/S", "design ApS", "form", "værk", "huset", "& Søn",
	"møbler", "smedie", "keramik", "tekstil", "studio", "import",
	"handel", "snedkeri", "glas",
};
#define NMA	(sizeof(manu_a) / sizeof(manu_a[0]))
#define NMB	(sizeof(manu_b) / sizeof(manu_b[0]))

static const struct {
	const char	*title;
	const char	*genre;
} shows[] = {
	{ "Hamlet", "drama" }, { "Den lille havfrue", "family" },
	{ "Carmen", "opera" }, { "Swan Lake", "ballet" },
	{ "Jeppe på Bjerget", "comedy" }, { "Les Misérables", "musical" },
	{ "Nøddeknækkeren", "ballet" }, { "La Bohème", "opera" },
	{ "Chess", "musical" }, { "Et dukkehjem", "drama" },
	{ "Vildanden", "drama" }, { "Tryllefløjten", "opera" },
	{ "Evgenij Onegin", "opera" }, { "Чайка", "drama" },
	{ "Mamma Mia!", "musical" }, { "Stand-up aften", "comedy" },
	{ "Jazz i kælderen", "concert" }, { "Beethoven 9", "concert" },
	{ "Peter og ulven", "family" }, { "Romeo og Julie", "ballet" },
};
#define NSHOWS	(sizeof(shows) / sizeof(shows[0]))

static const struct {
	const char	*name;
	int		 capacity;
	int64_t		 lat, lon;	/* micro-degrees */
} venues[] = {
	{ "Store Scene", 1400, 55676100, 12568300 },
	{ "Lille Scene", 320, 55676400, 12569100 },
	{ "Studio", 140, 55675800, 12567600 },
};

void
dg_catalog_free(struct dg_catalog *cat)
{
	free(cat->manu_start);
	free(cat->price);
	free(cat->events);
	memset(cat, 0, sizeof(*cat));
}

static void
manu_name(struct dg_out *o, uint32_t m)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s%s%s", manu_a[m % NMA],
	    manu_b[(m / NMA) % NMB], m >= NMA * NMB ? " II" : "");
	dg_text(o, buf);
}

static int
write_categories(const struct dg_run *run)
{
	struct dg_out *o;
	int t, s;

	if ((o = dg_open(run->dir, "categories.csv")) == NULL)
		return -1;
	dg_str(o, "category_id,name,parent_id");
	dg_eol(o);
	for (t = 0; t < NTOP; t++) {
		dg_str(o, "CAT");
		dg_uint_w(o, (uint64_t)t + 1, 2);
		dg_comma(o);
		dg_text(o, tops[t].name);
		dg_comma(o);
		dg_eol(o);
		for (s = 0; s < NSUB; s++) {
			dg_str(o, "CAT");
			dg_uint_w(o, (uint64_t)t + 1, 2);
			dg_str(o, "-");
			dg_uint_w(o, (uint64_t)s + 1, 2);
			dg_comma(o);
			dg_text(o, tops[t].sub[s]);
			dg_str(o, ",CAT");
			dg_uint_w(o, (uint64_t)t + 1, 2);
			dg_eol(o);
		}
	}
	return dg_close(o);
}

/* Products, manufacturer by manufacturer, and their tags. */
static int
write_products(struct dg_run *run, struct dg_rng *r)
{
	struct dg_catalog *cat = &run->cat;
	struct dg_out *o = NULL, *tg = NULL;
	uint32_t m, i, top, sub, mat, mat2;
	char name[160];
	int64_t cents;
	int rc = -1;

	if ((o = dg_open(run->dir, "products.csv")) == NULL ||
	    (tg = dg_open(run->dir, "product_tags.csv")) == NULL)
		goto out;
	dg_str(o, "product_id,name,sku,category_id,price,active,url");
	dg_eol(o);
	dg_str(tg, "product_id,tag_group,tag_value");
	dg_eol(tg);
	for (m = 0; m < cat->nmanu; m++) {
		uint32_t home = m % NTOP;

		for (i = cat->manu_start[m]; i < cat->manu_start[m + 1]; i++) {
			top = dg_chance(r, 0.8) ? home :
			    (uint32_t)dg_below(r, NTOP);
			sub = (uint32_t)dg_below(r, NSUB);
			mat = (uint32_t)dg_below(r, NMAT);
			cents = tops[top].base / 4 + (int64_t)(pow(dg_unit(r),
			    2.0) * 3.0 * (double)tops[top].base);
			cents = cents / 100 * 100 + (dg_chance(r, 0.6) ? 95 : 0);
			cat->price[i] = cents;
			snprintf(name, sizeof(name), "%s %s %s %u",
			    adjectives[dg_below(r, NADJ)], materials[mat],
			    tops[top].sub[sub], 100 + i % 900);
			dg_str(o, "P");
			dg_uint_w(o, i + 1, 6);
			dg_comma(o);
			dg_text(o, name);
			dg_str(o, ",SKU-");
			dg_uint_w(o, (uint64_t)m * 100000 + i, 9);
			dg_str(o, ",CAT");
			dg_uint_w(o, top + 1, 2);
			dg_str(o, "-");
			dg_uint_w(o, sub + 1, 2);
			dg_comma(o);
			dg_decimal(o, cents, 2);
			dg_str(o, dg_chance(r, 0.94) ? ",1" : ",0");
			/* the product's own page, so the trade area's
			   suggestions are links out of the box */
			dg_str(o, ",https://shop.example/p/sku-");
			dg_uint_w(o, (uint64_t)m * 100000 + i, 9);
			dg_eol(o);

			dg_str(tg, "P");
			dg_uint_w(tg, i + 1, 6);
			dg_str(tg, ",manufacturer,");
			manu_name(tg, m);
			dg_eol(tg);
			dg_str(tg, "P");
			dg_uint_w(tg, i + 1, 6);
			dg_str(tg, ",material,");
			dg_str(tg, materials[mat]);
			dg_eol(tg);
			mat2 = (uint32_t)dg_below(r, NMAT);
			if (mat2 != mat && dg_chance(r, 0.25)) {
				dg_str(tg, "P");
				dg_uint_w(tg, i + 1, 6);
				dg_str(tg, ",material,");
				dg_str(tg, materials[mat2]);
				dg_eol(tg);
			}
		}
	}
	rc = 0;
out:
	if (dg_close(o) != 0 || dg_close(tg) != 0)
		rc = -1;
	return rc;
}

static int
cmp_event(const void *a, const void *b)
{
	const struct dg_event *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Productions and their runs of events, spread from two months before the
 * window to six months after the as-of date.
 */
static int
write_events(struct dg_run *run, struct dg_rng *r)
{
	struct dg_catalog *cat = &run->cat;
	struct dg_out *o = NULL, *ev = NULL;
	uint32_t p, k, n, e = 0, perprod, v;
	int64_t from = run->wstart - 60, to = run->asof + 180, day, start;
	int64_t price;
	char name[160];
	int rc = -1, wd;

	if ((o = dg_open(run->dir, "productions.csv")) == NULL ||
	    (ev = dg_open(run->dir, "events.csv")) == NULL)
		goto out;
	dg_str(o, "production_id,name,genre");
	dg_eol(o);
	dg_str(ev, "event_id,starts_at,production_id,name,venue,latitude,"
	    "longitude,capacity");
	dg_eol(ev);
	perprod = cat->nevents / cat->nproductions;
	for (p = 0; p < cat->nproductions; p++) {
		snprintf(name, sizeof(name), "%s%s", shows[p % NSHOWS].title,
		    p >= NSHOWS ? (p / NSHOWS % 2 ? " (genopsætning)" :
		    " (gæstespil)") : "");
		dg_str(o, "PR");
		dg_uint_w(o, p + 1, 4);
		dg_comma(o);
		dg_text(o, name);
		dg_comma(o);
		dg_str(o, shows[p % NSHOWS].genre);
		dg_eol(o);

		n = p + 1 == cat->nproductions ? cat->nevents - e : perprod;
		day = from + (to - from) * (int64_t)p / cat->nproductions +
		    (int64_t)dg_below(r, 20);
		v = (uint32_t)dg_below(r, 3);
		price = 15000 + (int64_t)dg_below(r, 11) * 5000;
		for (k = 0; k < n; k++, e++) {
			wd = (int)((day + 4) % 7);	/* 0 = Sunday */
			start = day * 86400 + (wd == 0 || wd == 6 ?
			    15 * 3600 : 19 * 3600 + 1800);
			cat->events[e].start = start;
			cat->events[e].id = e + 1;
			cat->events[e].price = price;
			dg_str(ev, "E");
			dg_uint_w(ev, e + 1, 5);
			dg_comma(ev);
			dg_datetime(ev, start);
			dg_str(ev, ",PR");
			dg_uint_w(ev, p + 1, 4);
			dg_comma(ev);
			dg_text(ev, name);
			dg_comma(ev);
			dg_text(ev, venues[v].name);
			dg_comma(ev);
			dg_decimal(ev, venues[v].lat, 6);
			dg_comma(ev);
			dg_decimal(ev, venues[v].lon, 6);
			dg_comma(ev);
			dg_uint(ev, (uint64_t)venues[v].capacity);
			dg_eol(ev);
			day += 1 + (int64_t)dg_below(r, 3);
		}
	}
	qsort(cat->events, cat->nevents, sizeof(cat->events[0]), cmp_event);
	rc = 0;
out:
	if (dg_close(o) != 0 || dg_close(ev) != 0)
		rc = -1;
	return rc;
}

int
dg_catalog_write(struct dg_run *run)
{
	struct dg_catalog *cat = &run->cat;
	struct dg_rng r;
	double sq = sqrt((double)run->ncustomers);
	uint32_t m;

	memset(cat, 0, sizeof(*cat));
	dg_rng_seed(&r, run->seed, 1);
	cat->nproducts = (uint32_t)fmax(200, 50.0 * sq + 0.5);
	cat->nmanu = (uint32_t)fmin(NMA * NMB * 2, fmax(8, sqrt(
	    (double)cat->nproducts)));
	cat->nevents = (uint32_t)fmax(30, 2.0 * sq + 0.5);
	cat->nproductions = (uint32_t)fmax(6, cat->nevents / 8);
	if ((cat->manu_start = calloc(cat->nmanu + 1, sizeof(uint32_t))) ==
	    NULL || (cat->price = calloc(cat->nproducts, sizeof(int64_t))) ==
	    NULL || (cat->events = calloc(cat->nevents,
	    sizeof(struct dg_event))) == NULL) {
		fprintf(stderr, "demo-data: out of memory\n");
		return -1;
	}
	/* manufacturers own contiguous ranges; early ones are bigger */
	for (m = 0; m <= cat->nmanu; m++)
		cat->manu_start[m] = (uint32_t)((double)cat->nproducts *
		    (1.0 - pow(1.0 - (double)m / cat->nmanu, 1.6)) + 0.5);
	cat->manu_start[cat->nmanu] = cat->nproducts;
	for (m = 0; m < cat->nmanu; m++)
		if (cat->manu_start[m + 1] <= cat->manu_start[m])
			cat->manu_start[m + 1] = cat->manu_start[m] + 1;
	if (cat->manu_start[cat->nmanu] != cat->nproducts) {
		fprintf(stderr, "demo-data: catalog sizes do not fit\n");
		return -1;
	}
	if (write_categories(run) || write_products(run, &r) ||
	    write_events(run, &r))
		return -1;
	return 0;
}

uint32_t
dg_pick_manu(const struct dg_catalog *cat, struct dg_rng *r)
{
	return (uint32_t)((double)cat->nmanu * pow(dg_unit(r), 1.8));
}

uint32_t
dg_pick_in_manu(const struct dg_catalog *cat, struct dg_rng *r, uint32_t m)
{
	uint32_t a = cat->manu_start[m], n = cat->manu_start[m + 1] - a;

	return a + (uint32_t)((double)n * pow(dg_unit(r), 2.5));
}

uint32_t
dg_pick_product(const struct dg_catalog *cat, struct dg_rng *r)
{
	return dg_pick_in_manu(cat, r, dg_pick_manu(cat, r));
}
