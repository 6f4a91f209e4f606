/*
 * shell_sql.c - every statement of the dashboard (DESIGN.md habit 4),
 * indexed by enum sh_sql_id (shell_sql.h).
 */
#include "shell_sql.h"

const struct sl_sql sh_sql[SH_NSQL] = {
	[SH_STATS] = { "SELECT customers, orders, order_lines, products, placeholders, last_import, "
	    "computed_at, seconds FROM data_stats WHERE id = 1",
	    "" },
	[SH_REFRESHING] = { "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'shell.stats' AND state IN ('queued', 'running')",
	    "" },
	[SH_REVENUE] = { "SELECT NULLIF(currency, '') AS currency, SUM(amount) AS amount, SUM(orders) AS orders "
	    "FROM sales_days WHERE day >= CAST(? AS DATE) "
	    "AND day <= CAST(? AS DATE) GROUP BY currency ORDER BY amount DESC, currency",
	    "ss" },
	[SH_MONTHLY] = { "SELECT DATE_FORMAT(day, '%Y-%m') AS month, SUM(amount) AS amount "
	    "FROM sales_days WHERE day >= CAST(? AS DATE) AND day <= CAST(? AS DATE) "
	    "AND currency = COALESCE(?, '') GROUP BY month ORDER BY month",
	    "sss" },
	[SH_JOBS] = { "SELECT id, kind, state, attempts, max_attempts, progress_done, progress_total, "
	    "last_error, created_at, started_at, finished_at FROM jobs ORDER BY id DESC LIMIT 10",
	    "" },
	[SH_HEALTH] = { "SELECT VERSION() AS server_version, "
	    "(SELECT COALESCE(MAX(version), '') FROM schema_migrations) AS schema_version, "
	    "(SELECT COUNT(*) FROM schema_migrations) AS migrations, "
	    "(SELECT COUNT(*) FROM jobs WHERE state = 'queued') AS jobs_queued, "
	    "(SELECT COUNT(*) FROM jobs WHERE state = 'running') AS jobs_running, "
	    "(SELECT COUNT(*) FROM jobs WHERE state = 'failed' "
	    " AND finished_at > NOW(3) - INTERVAL 1 DAY) AS jobs_failed_24h",
	    "" },
	[SH_COUNTS] = { "SELECT (SELECT COUNT(*) FROM customers WHERE placeholder = 0), "
	    "(SELECT COUNT(*) FROM orders WHERE placeholder = 0), "
	    "(SELECT COUNT(*) FROM order_lines), "
	    "(SELECT COUNT(*) FROM products WHERE placeholder = 0), "
	    "(SELECT COUNT(*) FROM customers WHERE placeholder = 1) + "
	    "(SELECT COUNT(*) FROM orders WHERE placeholder = 1) + "
	    "(SELECT COUNT(*) FROM products WHERE placeholder = 1), "
	    "(SELECT MAX(imported_at) FROM customers WHERE placeholder = 0)",
	    "" },
	[SH_DAYS] = { "SELECT COALESCE(currency, ''), order_date, COUNT(*), SUM(total) FROM orders "
	    "WHERE status = 'paid' AND placeholder = 0 AND order_date IS NOT NULL "
	    "GROUP BY 1, 2",
	    "" },
	[SH_DAYS_CLEAR] = { "DELETE FROM sales_days",
	    "" },
	[SH_DAY_PUT] = { "INSERT INTO sales_days (currency, day, orders, amount) VALUES (?, ?, ?, ?)",
	    "ssis" },
	[SH_STATS_PUT] = { "REPLACE INTO data_stats (id, customers, orders, order_lines, products, placeholders, "
	    "last_import, computed_at, seconds) VALUES (1, ?, ?, ?, ?, ?, ?, NOW(3), ?)",
	    "iiiiisd" },
	[SH_DELAY] = { "SELECT CEIL(seconds * ?) FROM data_stats WHERE id = 1",
	    "i" },
};

/* The tables only this module writes (sql/013_stats.sql). */
const char *const sh_tables[] = { "data_stats", "sales_days", NULL };
