/*
 * trade_sql.c - the trade module's statements (salient/db.h: struct
 * sl_sql), by the ids of tr_int.h.
 */
#include "salient/db.h"
#include "tr_int.h"

const struct sl_sql tr_sql[TR_NSQL] = {
	/* the targets' writes (tr_write.c) */
	[TR_TARGET_ONE] = {
	    "SELECT t.id, t.customer_id, c.host_id AS customer, t.period_start, t.period_end, t.amount "
	    "FROM targets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?", "i" },
	[TR_TARGET_SAME_PERIOD] = {
	    "SELECT id FROM targets WHERE customer_id = ? AND period_start = ? AND period_end = ? "
	    "AND id <> ?", "issi" },
	[TR_TARGET_INSERT] = {
	    "INSERT INTO targets (customer_id, period_start, period_end, amount) VALUES (?, ?, ?, ?)",
	    "isss" },
	[TR_TARGET_UPDATE] = {
	    "UPDATE targets SET period_start = ?, period_end = ?, amount = ? WHERE id = ?", "sssi" },
	[TR_TARGET_DELETE] = { "DELETE FROM targets WHERE id = ?", "i" },
	/* the targets API (targets_api.c) */
	[TR_CUSTOMER_BY_HOST] = { "SELECT id FROM customers WHERE host_id = ? AND placeholder = 0", "s" },
	/* the staff view's customer (trade_data.c) */
	[TR_CUSTOMER] = {
	    "SELECT id, host_id AS customer_id, first_name, last_name, email, smart_type, "
	    "account_manager, language FROM customers WHERE id = ? AND placeholder = 0", "i" },
};

const char *const tr_tables[] = { "targets", "trade_popularity_runs", "trade_popular_products",
	"trade_popular_categories", NULL };
