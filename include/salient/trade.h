/*
 * trade.h - the trade module's API: the trade area's numbers for one
 * customer, as json-c view models: what /account/ and
 * /admin/customers/{id}/trade show, and what other modules (the PDF
 * customer reports) print.  DESIGN.md section 5
 * defines every number; the pure parts are tr_rank.h and tr_target.h.
 *
 * Common to every function here:
 *
 *  - db: a connection (sl_req_db(), sl_job_db() or sl_cli_db()).
 *  - cid: the customer's internal id (customers.id).  The caller has
 *    decided that whoever asks may see this customer (a trade customer sees
 *    only itself: sl_req_customer()).
 *  - as_of: the as-of day T as "YYYY-MM-DD" (the site's calendar), or NULL
 *    for today in the site's time zone.
 *  - lang: "en", "da" or "ru" for the *_text fields (money, numbers, dates
 *    and months written that language's way, include/salient/format.h);
 *    NULL is "en".
 *  - Returns a new object owned by the caller (free with json_object_put()),
 *    or NULL on failure: as_of not a date, or a database error (logged).  A
 *    customer without orders is no failure: zeros and empty lists.
 *  - Money values are objects {"amount": the exact decimal as a JSON number
 *    (json-c keeps its text: "1234.5000"), "currency": the customer's
 *    currency or null, "text": "DKK 1,234.50"}; counts are {"value", "text"};
 *    dates are ISO "YYYY-MM-DD" with a "<name>_text" beside them.
 *  - Periods (DESIGN.md section 5, 12 months): current C = (from, as_of],
 *    previous Q = (prev_from, from]; only paid orders count; an order's
 *    value is its total.  The customer's currency is the currency of its
 *    latest paid order; amounts are summed as they come (one currency per
 *    customer is assumed).
 *
 * These signatures are stable: other branches call them.
 */
#ifndef SALIENT_PUB_TRADE_H
#define SALIENT_PUB_TRADE_H

#include <json-c/json.h>

struct sl_db;

/*
 * The customer itself: {id, customer_id (the host's id), name (first and
 * last name, else the e-mail, else the host id), email, smart_type,
 * is{SMART_TYPE: true}, account_manager, language}.  Returns 1 with the
 * new object in *out, 0 when there is no such customer (or only a
 * placeholder row; *out NULL), -1 on a database error (logged).
 */
int tr_customer(struct sl_db *db, long long cid, const char *lang, struct json_object **out);

/*
 * The sales summary:
 *   as_of, as_of_text
 *   period      {from, to, prev_from}: C = (from, to], Q = (prev_from, from]
 *   currency    "DKK" or null
 *   revenue     {current: money, previous: money, change_pct: number or
 *               null (no revenue in Q), change_text}
 *   orders      {current: count, previous: count}
 *   aov         {current: money or null, previous: money or null}: revenue
 *               / orders of the period (null without orders), rounded half
 *               away from zero to a ten-thousandth
 *   chart       {months ["2025-12", ...], labels ["Dec 2025", ...],
 *               current [12 numbers], previous [12 numbers], empty}: C and
 *               Q each cut into 12 monthly slices ending on as_of's day of
 *               the month (slice k of C = (as_of - (12 - k) months,
 *               as_of - (11 - k) months]), labelled with the month of the
 *               slice's last day; with as_of the last day of a month the
 *               slices are calendar months.  The slices of C add up to
 *               revenue.current, those of Q to revenue.previous.
 */
struct json_object *tr_summary(struct sl_db *db, long long cid, const char *as_of,
    const char *lang);

/*
 * The customer's top items in C, by revenue (more first, then the smaller
 * id), at most limit of each (limit <= 0: 5):
 *   products    [{product_id, sku, name, category, revenue: money,
 *               quantity: count, share_pct, share_text}]
 *   categories  [{category_id, name, revenue: money, products: count}]
 *               (the products' own categories)
 *   groups      [{category_id, name, revenue: money}] (top-level
 *               categories: a category's root in the category tree)
 *   tags        [{tag_group, tag_value, revenue: money}] (each pair's
 *               revenue = the revenue of the customer's products that carry it)
 *   has         {products, categories, groups, tags}: whether each list
 *               has entries (for templates)
 * (The customer's own page, /account/, shows products and categories only:
 * tr_top_model(c, limit, 0) leaves groups and tags out, and their work.)
 */
struct json_object *tr_top(struct sl_db *db, long long cid, const char *as_of,
    const char *lang, int limit);

/*
 * The customer's target as of as_of (tr_target_choose(): the one whose
 * period holds as_of, else the next one, else the last one ended) and all
 * its targets:
 *   target      null, or {id, period_start, period_end (+ _text),
 *               period_days, elapsed_days, state "upcoming"|"running"|
 *               "ended", is{STATE: true}, amount: money, actual: money
 *               (paid revenue from period_start to min(as_of, period_end)),
 *               progress_pct (100 x actual / amount), progress_text, bar
 *               (progress_pct as a whole number 0..100, for a progress
 *               bar), forecast: money or null (before the period starts),
 *               remaining: money, reached: bool}
 *   targets     [the same for every target of the customer, latest start
 *               first], each with current: true on the chosen one
 * The edges of the period are tr_target.h's.
 */
struct json_object *tr_target(struct sl_db *db, long long cid, const char *as_of,
    const char *lang);

/*
 * Product discovery (DESIGN.md section 5) from the popularity lists the
 * trade.popularity job keeps (never computed here):
 *   products    [{product_id, sku, name, url (the product URL setting with
 *               {sku} filled in, or null), rank, customers: count (distinct
 *               non-retail buyers in the popularity window), why: {kind:
 *               "tag" with tag_group and tag_value (the shared tag that let
 *               it in), or "popular"}}]: the most popular active products
 *               the customer never bought (no paid order up to as_of), with
 *               tag filtering on only those sharing a (tag_group,
 *               tag_value) of the chosen groups with a product it bought
 *   categories  [{category_id, name, rank, customers: count}]: the most
 *               popular categories it never bought from
 *   tag_filter  bool; tag_groups [names] when on
 *   popularity  {as_of, from} of the lists used, or null when the job has
 *               not run yet (then both lists are empty)
 *   has         {products, categories}: whether each list has entries
 * At most limit of each (limit <= 0: the trade_suggestions setting).
 */
struct json_object *tr_suggestions(struct sl_db *db, long long cid, const char *as_of,
    const char *lang, int limit);

#endif
