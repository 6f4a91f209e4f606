-- 013_stats.sql - the dashboard's figures of the whole data set, computed
-- by the shell.stats job instead of per request.
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).
--
-- At a million customers and tens of millions of order lines, counting the
-- tables and summing a year of orders took over a minute per view of the
-- admin home.  The job (queued at the end of every import, on its schedule,
-- and by the dashboard when there are no figures yet) reads them with plain
-- consistent reads, which lock nothing, and replaces these rows in one
-- transaction.  The dashboard shows when they were computed.
--
-- data_stats: one row (id 1), the counts as the dashboard shows them.
-- sales_days: paid revenue and orders per currency and order date (orders
-- of placeholder = 0 with an order date; currency '' for orders without
-- one), exact DECIMAL sums; the dashboard adds up any window of days from
-- it, so the 12 months to today and the monthly chart stay exact whatever
-- the day.

CREATE TABLE IF NOT EXISTS data_stats (
	id TINYINT UNSIGNED NOT NULL,
	customers BIGINT UNSIGNED NOT NULL,
	orders BIGINT UNSIGNED NOT NULL,
	order_lines BIGINT UNSIGNED NOT NULL,
	products BIGINT UNSIGNED NOT NULL,
	placeholders BIGINT UNSIGNED NOT NULL,
	last_import DATETIME NULL,
	computed_at DATETIME(3) NOT NULL,
	seconds DOUBLE NOT NULL,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the dashboard''s counts (shell.stats)';

CREATE TABLE IF NOT EXISTS sales_days (
	currency CHAR(3) CHARACTER SET ascii NOT NULL,
	day DATE NOT NULL,
	orders INT UNSIGNED NOT NULL,
	amount DECIMAL(20,4) NOT NULL,
	PRIMARY KEY (currency, day),
	KEY sales_days_day (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='paid orders and revenue per currency and order date (shell.stats)';
