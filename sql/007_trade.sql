-- 007_trade.sql - the trade area (issue 7): product popularity for
-- discovery, written by the trade.popularity job, and the setting that
-- replaces account.allow_retail.
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).  InnoDB, utf8mb4.
--
-- Popularity (DESIGN.md section 5): a product's popularity as of T is the
-- number of distinct customers of non-retail smart types (trade,
-- distributor) who bought it in (T - 12 months, T]; ties by revenue (the
-- lines' value in that window, more first), then product id.  A category's
-- the same over the products of the category.  pos is the rank, 1 first.
-- A run replaces the lists whole (new tables loaded, then swapped in by
-- RENAME TABLE), so a page never sees half a run.  Pages never compute
-- popularity: they read these tables by pos.

CREATE TABLE IF NOT EXISTS trade_popular_products (
	pos INT UNSIGNED NOT NULL,
	product_id INT UNSIGNED NOT NULL,
	customers INT UNSIGNED NOT NULL,
	revenue DECIMAL(18,4) NOT NULL,
	PRIMARY KEY (pos),
	UNIQUE KEY trade_popular_products_product (product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='products by popularity with non-retail customers (trade.popularity)';

CREATE TABLE IF NOT EXISTS trade_popular_categories (
	pos INT UNSIGNED NOT NULL,
	category_id INT UNSIGNED NOT NULL,
	customers INT UNSIGNED NOT NULL,
	revenue DECIMAL(18,4) NOT NULL,
	PRIMARY KEY (pos),
	UNIQUE KEY trade_popular_categories_category (category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='categories by popularity with non-retail customers (trade.popularity)';

-- One row per popularity run: its window (from_date exclusive, as_of
-- inclusive) and what it counted.
CREATE TABLE IF NOT EXISTS trade_popularity_runs (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	as_of DATE NOT NULL,
	from_date DATE NOT NULL,
	customers INT UNSIGNED NOT NULL,
	order_lines BIGINT UNSIGNED NOT NULL,
	products INT UNSIGNED NOT NULL,
	categories INT UNSIGNED NOT NULL,
	seconds DOUBLE NOT NULL,
	finished_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='runs of trade.popularity';

-- The trade area's smart types (setting account_smart_types, default
-- trade and distributor) replace account.allow_retail: a site that let
-- retail customers in keeps doing so.
INSERT IGNORE INTO settings (name, value)
SELECT 'account.smart_types', 'retail,trade,distributor' FROM settings AS old
WHERE old.name = 'account.allow_retail' AND old.value = '1';

DELETE FROM settings WHERE name = 'account.allow_retail';
