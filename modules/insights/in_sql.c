/*
 * in_sql.c - every statement of the insights module (DESIGN.md habit 4),
 * indexed by enum in_sql_id (in_sql.h).
 */
#include "in_sql.h"

const struct sl_sql in_sql[IN_NSQL] = {
	[IN_MAXCUST] = { "SELECT COALESCE(MAX(id), 0) FROM customers",
	    "" },
	[IN_CUSTOMERS] = { "SELECT id, smart_type FROM customers WHERE placeholder = 0",
	    "" },
	[IN_CLEAR] = { "DELETE FROM insights_points",
	    "" },
	[IN_POINT_PUT] = { "INSERT INTO insights_points (segment, series, k, label, n1, n2, n3, amount1, amount2) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ssisiiiss" },
	[IN_RUN_PUT] = { "INSERT INTO insights_runs (as_of, months, customers, orders, sends, seconds) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	    "siiiid" },
	[IN_RUN_LAST] = { "SELECT id, DATE_FORMAT(as_of, '%Y-%m-%d') AS as_of, months, customers, orders, sends, "
	    "seconds, computed_at FROM insights_runs ORDER BY id DESC LIMIT 1",
	    "" },
	[IN_POINTS] = { "SELECT series, k, label, n1, n2, n3, amount1, amount2 FROM insights_points "
	    "WHERE segment = ? ORDER BY series, k",
	    "s" },
};

const char *const in_tables[] = { "insights_runs", "insights_points", NULL };
