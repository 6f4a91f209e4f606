/*
 * test_tiers.c - the words for a classification tier's range (tiers.c):
 * the first tier from the metric's floor, the next ones above the tier
 * before, empty tiers when the values are not ascending, the bounds written
 * without trailing zeros, in English from the theme's own catalog.  Also
 * checks that every language's patterns name both bounds.
 * The theme is $SALIENT_THEME, else themes/default (run from the repo root).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "fileio.h"
#include "tap.h"
#include "tiers.h"
#include "salient/classify.h"
#include "salient/text.h"
#include "views.h"

static const struct cl_range_words pct = {
	"from {lo}% up to {hi}%", "above {lo}% up to {hi}%", "none: {hi}% is not above {lo}%",
	"{lo}% and above", "above {lo}%, with no upper limit",
};
static const struct cl_range_words orders = {
	"orders: from {lo} up to {hi}", "orders: above {lo} up to {hi}",
	"none: {hi} is not above {lo}", "orders: {lo} and more", "orders: more than {lo}",
};

/* The words of every tier of a group, joined with " | "; a value "" is an
 * open-ended tier (INFINITY); signed: the bounds of a change (+25, U+2212). */
static const char *group_words_as(const struct cl_range_words *w, const char *const *dec, size_t n,
    double floor, const char *floor_dec, int sign)
{
	int (*bound)(char *, size_t, const char *, const char *) = sign ? cl_bound_signed : cl_bound_text;
	static char out[2048];
	char bounds[16][64], floor_text[64], one[256];
	const char *texts[16];
	double v[16];
	size_t i;

	out[0] = '\0';
	bound(floor_text, sizeof(floor_text), "en", floor_dec);
	for (i = 0; i < n; i++) {
		v[i] = dec[i][0] == '\0' ? INFINITY : tap_num(dec[i]);
		bounds[i][0] = '\0';
		if (dec[i][0] != '\0')
			bound(bounds[i], sizeof(bounds[i]), "en", dec[i]);
		texts[i] = bounds[i];
	}
	for (i = 0; i < n; i++) {
		if (cl_tier_words(one, sizeof(one), w, v, texts, n, i, floor, floor_text) != 0)
			return "(failed)";
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", i ? " | " : "", one);
	}
	return out;
}

static const char *group_words(const struct cl_range_words *w, const char *const *dec, size_t n,
    double floor, const char *floor_dec)
{
	return group_words_as(w, dec, n, floor, floor_dec, 0);
}

static void test_fill(void)
{
	char buf[64];

	tap_ok(cl_fill(buf, sizeof(buf), "from {lo} up to {hi}", "0", "20") == 0 &&
	    strcmp(buf, "from 0 up to 20") == 0, "fill: both bounds replaced");
	tap_ok(cl_fill(buf, sizeof(buf), "{hi} {hi} {lo", "a", "b") == 0 && strcmp(buf, "b b {lo") == 0,
	    "fill: every {hi}; a broken placeholder is copied as text");
	tap_ok(cl_fill(buf, 8, "from {lo} up to {hi}", "0", "20") == -1 && buf[0] == '\0',
	    "fill: too small a buffer fails and leaves \"\"");
}

static void test_bounds(void)
{
	char buf[64];

	tap_ok(cl_bound_text(buf, sizeof(buf), "en", "20.000000") == 0 && strcmp(buf, "20") == 0,
	    "bound: DECIMAL 20.000000 is written 20");
	tap_ok(cl_bound_text(buf, sizeof(buf), "en", "12.500000") == 0 && strcmp(buf, "12.5") == 0,
	    "bound: 12.500000 is 12.5");
	tap_ok(cl_bound_text(buf, sizeof(buf), "en", "1234.125") == 0 && strcmp(buf, "1,234.125") == 0,
	    "bound: grouped, decimals kept: 1,234.125");
	tap_ok(cl_bound_text(buf, sizeof(buf), "en", "-100") == 0 && strcmp(buf, "-100") == 0,
	    "bound: negative floor -100");
	tap_ok(cl_bound_text(buf, sizeof(buf), "da", "12.5") == 0 && strcmp(buf, "12,5") == 0,
	    "bound: Danish decimal comma");
	tap_ok(cl_bound_text(buf, sizeof(buf), "en", "abc") == -1, "bound: not a decimal fails");
	tap_ok(cl_bound_signed(buf, sizeof(buf), "en", "25.000000") == 0 && strcmp(buf, "+25") == 0,
	    "signed bound: a rise with its plus sign, +25");
	tap_ok(cl_bound_signed(buf, sizeof(buf), "da", "-100") == 0 && strcmp(buf, "\xe2\x88\x92" "100") == 0,
	    "signed bound: a fall with the minus sign U+2212");
	tap_ok(cl_bound_signed(buf, sizeof(buf), "da", "-12.5") == 0 && strcmp(buf, "\xe2\x88\x92" "12,5") == 0,
	    "signed bound: in the language's number format");
	tap_ok(cl_bound_signed(buf, sizeof(buf), "en", "0.000000") == 0 && strcmp(buf, "0") == 0,
	    "signed bound: 0 without a sign");
	tap_ok(cl_bound_signed(buf, 3, "en", "25") == -1 && buf[0] == '\0',
	    "signed bound: too small a buffer fails and leaves \"\"");
}

static void test_words(void)
{
	static const char *const share[] = { "20", "60" };
	static const char *const change[] = { "0", "50.5", "1000" };
	static const char *const ord[] = { "1", "5" };
	static const char *const desc[] = { "60", "20", "80" };
	static const char *const dip[] = { "10", "60", "20", "40", "80" };
	static const char *const tie[] = { "20", "20" };
	static const char *const one[] = { "0" };
	double v[] = { 60, 20, 80 };

	tap_is_str(group_words(&pct, share, 2, 0, "0"), "from 0% up to 20% | above 20% up to 60%",
	    "revenue share tiers: the first from 0, the second above 20");
	tap_is_str(group_words(&pct, change, 3, -100, "-100"),
	    "from -100% up to 0% | above 0% up to 50.5% | above 50.5% up to 1,000%",
	    "change tiers start at -100");
	tap_is_str(group_words(&orders, ord, 2, 0, "0"), "orders: from 0 up to 1 | orders: above 1 up to 5",
	    "orders in their own unit");
	tap_is_str(group_words(&pct, desc, 3, 0, "0"),
	    "from 0% up to 60% | none: 20% is not above 60% | above 60% up to 80%",
	    "not ascending: a tier below its predecessor is empty; the next starts above the largest "
	    "bound before it (values go to the first tier that holds them)");
	tap_is_str(group_words(&pct, dip, 5, 0, "0"),
	    "from 0% up to 10% | above 10% up to 60% | none: 20% is not above 60% | "
	    "none: 40% is not above 60% | above 60% up to 80%",
	    "a dip of two tiers: both empty");
	tap_is_str(group_words(&pct, tie, 2, 0, "0"), "from 0% up to 20% | none: 20% is not above 20%",
	    "equal values: the second tier is empty");
	tap_is_str(group_words(&pct, one, 1, 0, "0"), "from 0% up to 0%",
	    "a first tier at the floor holds the floor alone");
	{
		static const char *const rising[] = { "-25", "25", "" };
		static const char *const alone[] = { "" };
		static const char *const ord_open[] = { "1", "" };
		double o[] = { 10, 20, INFINITY };

		tap_is_str(group_words_as(&pct, rising, 3, -100, "-100", 1),
		    "from \xe2\x88\x92" "100% up to \xe2\x88\x92" "25% | above \xe2\x88\x92" "25% up to +25% | "
		    "above +25%, with no upper limit",
		    "an open-ended last tier names only its lower bound; a change's bounds carry their signs");
		tap_is_str(group_words(&pct, alone, 1, 0, "0"), "0% and above",
		    "an open-ended first tier holds everything from the floor");
		tap_is_str(group_words(&orders, ord_open, 2, 0, "0"), "orders: from 0 up to 1 | orders: more than 1",
		    "open-ended in orders");
		tap_ok(cl_ascending(o, 3) && cl_range_of(o, 3, 2, 0) == CL_RANGE_NEXT,
		    "an open-ended last tier rises above any value");
	}
	tap_ok(!cl_ascending(v, 3), "60, 20, 80 is not ascending");
	tap_ok(cl_ascending(v + 1, 2), "20, 80 is");
	tap_ok(cl_ascending(v, 1) && cl_ascending(v, 0), "one tier or none is ascending");
	tap_ok(cl_range_of(v, 3, 0, 100) == CL_RANGE_EMPTY, "a first tier below the floor is empty");
	tap_ok(cl_range_of(v, 3, 2, 0) == CL_RANGE_NEXT, "tier 3 of 60, 20, 80 is (60, 80]");
}

/* The catalog's patterns: English renders as above; every language names both bounds. */
static void test_catalog(void)
{
	static const char *const keys[] = {
		"classify.range.pct.first", "classify.range.pct.next", "classify.range.pct.empty",
		"classify.range.orders.first", "classify.range.orders.next",
		"classify.range.orders.empty", NULL,
	};
	static const char *const open_keys[] = {
		"classify.range.pct.first_open", "classify.range.pct.next_open",
		"classify.range.orders.first_open", "classify.range.orders.next_open", NULL,
	};
	const char *theme = getenv("SALIENT_THEME");
	struct json_object *all, *en, *w;
	struct cl_range_words cat;
	char err[256];
	size_t i;
	int good = 1;

	if ((all = sl_catalogs_load(theme ? theme : "themes/default", err, sizeof(err))) == NULL) {
		tap_ok(0, "the theme's catalogs load: %s", err);
		return;
	}
	json_object_object_foreach(all, lang, flat) {
		for (i = 0; keys[i] != NULL; i++) {
			const char *p = json_object_object_get_ex(flat, keys[i], &w) ?
			    json_object_get_string(w) : NULL;

			if (p == NULL || strstr(p, "{lo}") == NULL || strstr(p, "{hi}") == NULL) {
				tap_diag("%s %s: '%s'", lang, keys[i], p ? p : "(missing)");
				good = 0;
			}
		}
	}
	tap_ok(good, "every language's range patterns name {lo} and {hi}");
	good = 1;
	json_object_object_foreach(all, lang2, flat2) {
		for (i = 0; open_keys[i] != NULL; i++) {
			const char *p = json_object_object_get_ex(flat2, open_keys[i], &w) ?
			    json_object_get_string(w) : NULL;

			if (p == NULL || strstr(p, "{lo}") == NULL || strstr(p, "{hi}") != NULL) {
				tap_diag("%s %s: '%s'", lang2, open_keys[i], p ? p : "(missing)");
				good = 0;
			}
		}
	}
	tap_ok(good, "every language's open-ended patterns name {lo} only");
	good = 1;
	{
		static const char *const langs[] = { "en", "da", "ru", NULL };
		static const char *const fields[] = { "title", "comments", NULL };
		struct json_object *flat3;
		char key[96], *sqltext = NULL;
		size_t j, k, len;

		if (fio_slurp("sql/019_classify_starter_keys.sql", 1u << 20, &sqltext, &len, key,
		    sizeof(key)) != 1)
			sqltext = NULL;
		for (i = 0; cl_starter_keys[i] != NULL; i++) {
			snprintf(key, sizeof(key), "'%s'", cl_starter_keys[i]);
			if (sqltext == NULL || strstr(sqltext, key) == NULL) {
				tap_diag("starter key %s is not given by sql/019", cl_starter_keys[i]);
				good = 0;
			}
			for (j = 0; langs[j] != NULL; j++)
				for (k = 0; fields[k] != NULL; k++) {
					cl_starter_text_key(key, sizeof(key), cl_starter_keys[i], fields[k]);
					if (!json_object_object_get_ex(all, langs[j], &flat3) ||
					    !json_object_object_get_ex(flat3, key, NULL)) {
						tap_diag("%s: %s is missing", langs[j], key);
						good = 0;
					}
				}
		}
		free(sqltext);
	}
	tap_ok(good && i == 10, "every starter classification's title and comments are in en, da and ru "
	    "(%zu starter keys, each given by sql/019)", i);
	en = json_object_object_get(all, "en");
	cat.first = json_object_get_string(json_object_object_get(en, keys[0]));
	cat.next = json_object_get_string(json_object_object_get(en, keys[1]));
	cat.empty = json_object_get_string(json_object_object_get(en, keys[2]));
	{
		static const char *const share[] = { "20", "60" };

		tap_is_str(group_words(&cat, share, 2, 0, "0"), "from 0% up to 20% | above 20% up to 60%",
		    "the English catalog's words");
	}
	json_object_put(all);
}

int main(void)
{
	test_fill();
	test_bounds();
	test_words();
	test_catalog();
	return tap_done();
}
