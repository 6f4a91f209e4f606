/*
 * tiers.h - the words for a classification tier's range, as the admin page
 * shows them ("above 20% up to 60%", "from 0% up to 20%" for the first
 * tier), from one language's patterns.  Pure computation: no FastCGI or
 * MariaDB header, so tests call it directly.
 *
 * DESIGN.md section 5: classifications of the same type and smart type are
 * tiers in position order; tier k holds metric values in (v[k-1], v[k]], the
 * first tier starting at the metric's floor (0, or -100 for the change
 * types) inclusive.  A value goes to the first tier whose bound it does not
 * exceed (cl_tier()), so when the values are not ascending a tier holds
 * the values above the largest bound before it: a tier whose value is not
 * above that holds nothing.  Its words say so, and the group is "not
 * ascending".
 *
 * The last tier of a group may be open-ended ("and above": its value is
 * NULL in the database, INFINITY here): it holds every value above the
 * tier before it (the first tier: every value from the floor), and its
 * words name only the lower bound.
 */
#ifndef SALIENT_CLASSIFY_TIERS_H
#define SALIENT_CLASSIFY_TIERS_H

#include <stddef.h>

/* What tier k of a group can hold. */
enum cl_range {
	CL_RANGE_FIRST,  /* [floor, v[0]] */
	CL_RANGE_NEXT,   /* (max(v[0..k-1]), v[k]] */
	CL_RANGE_EMPTY,  /* nothing: v[k] <= max(v[0..k-1]), or v[0] < floor */
};

/*
 * One language's patterns for one unit (percent, orders), from the
 * message catalog.  "{lo}" and "{hi}" stand for the bounds; any other text
 * is copied as it is.
 */
struct cl_range_words {
	const char *first;   /* "from {lo}% up to {hi}%" */
	const char *next;    /* "above {lo}% up to {hi}%" */
	const char *empty;   /* "none: {hi}% is not above {lo}%" */
	const char *first_open;   /* an open-ended first tier: "{lo}% and above" */
	const char *next_open;    /* an open-ended later tier: "above {lo}%, no upper limit" */
};

/* The range kind of tier k among the group's values v[0..n-1] (k < n). */
enum cl_range cl_range_of(const double *v, size_t n, size_t k, double floor);

/* 1 when v[0..n-1] are strictly ascending (every tier can hold a value). */
int cl_ascending(const double *v, size_t n);

/*
 * Writes pattern into buf (len bytes) with every "{lo}" replaced by lo and
 * every "{hi}" by hi.  Returns 0, or -1 when buf is too small (buf then "").
 */
int cl_fill(char *buf, size_t len, const char *pattern, const char *lo, const char *hi);

/*
 * A bound as the words show it: the exact decimal text dec ("20.500000",
 * "-100", as MariaDB returns DECIMAL) without the fraction's trailing
 * zeros, written the language's way ("20.5" en, "20,5" da and ru, grouped
 * as format.h does).  Returns 0, or -1 (not a decimal, buf too small).
 */
int cl_bound_text(char *buf, size_t len, const char *lang, const char *dec);

/*
 * As cl_bound_text(), for a change (a value that can fall below 0): a rise
 * is written with its plus sign, a fall with the minus sign U+2212, so a
 * range reads "from \u2212100% up to +25%".  Returns 0 or -1.
 */
int cl_bound_signed(char *buf, size_t len, const char *lang, const char *dec);

/*
 * The words for tier k of a group: values v[0..n-1] in position order with
 * their bound texts text[0..n-1] (cl_bound_text(); an open-ended tier's,
 * INFINITY, is not used), the metric's floor and its text.  The lower bound
 * named is the floor for the first tier, else the largest value before k.
 * Returns 0, or -1 (k out of range, buf too small).
 */
int cl_tier_words(char *buf, size_t len, const struct cl_range_words *w,
    const double *v, const char *const *text, size_t n, size_t k,
    double floor, const char *floor_text);

#endif
