-- 002_data.sql - the imported data (DESIGN.md section 4), one table per kind.
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).  InnoDB, utf8mb4.
--
-- Ids.  Every entity (customer, category, product, production, event, order)
-- has an internal INT UNSIGNED AUTO_INCREMENT id, used by every reference,
-- and the host's own id in host_id VARCHAR(64) utf8mb4_bin UNIQUE, so host
-- ids compare by bytes ('A1' <> 'a1', ties broken in byte order).  Natural
-- keys of tags and consents (tag, consent, tag_group, tag_value) are
-- utf8mb4_bin as well: an upsert matches exactly what was sent.
--
-- References arriving in any order: placeholder rows.  When a row refers to
-- an entity the store has not seen (an order line before its order, an
-- order before its customer, a product in a category not yet sent), the
-- importer inserts a placeholder row holding only the host id
-- (INSERT ... ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)) with
-- placeholder = 1, and uses its internal id.  When the entity itself
-- arrives, the upsert by host_id fills the row and sets placeholder = 0,
-- and its internal id, and so every reference to it, stays the same.  So an
-- import streams in one pass, in any order, and sending the same data twice
-- changes nothing.  At the end of an import command the importer reports
-- placeholders still open (rows referring to entities never sent); every
-- computation ignores placeholder rows (a placeholder order has no date and
-- counts nowhere; a placeholder customer has no orders of its own unless
-- orders refer to it).  Columns a placeholder cannot know are NULLable.
--
-- Money: DECIMAL(14,4), exact.  The contract accepts at most 4 decimals
-- and parses money into integer ten-thousandths, never through a double.
-- All money of the contract is non-negative.
--
-- Times: ordered_at, starts_at, created_at, updated_at are DATETIME in UTC
-- (a time sent without an offset is the site's local time and is converted
-- by the importer).  orders.order_date is the order's calendar date in the
-- site's time zone, set by the importer, for the per-customer pass.
--
-- Order value: orders.total is the host's total; when the host leaves it
-- blank, total_from_lines = 1 and the importer sets total to the sum of the
-- order's line values at the end of the import command (a line's value is
-- line_total, or quantity x unit_price when that is blank).  So total is
-- never NULL for a real order and the covering index below serves the
-- per-customer pass alone.
--
-- Targets: keyed by (customer_id, period_start, period_end): sending the
-- same period again updates its amount; overlapping periods are allowed.
-- A surrogate id is kept for the admin pages.

-- Customers of the host shop or venue.  smart_type decides the population
-- a customer is ranked in (DESIGN.md section 5).
CREATE TABLE IF NOT EXISTS customers (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	host_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	placeholder TINYINT(1) NOT NULL DEFAULT 0,
	email VARCHAR(254) NULL,
	first_name VARCHAR(100) NULL,
	last_name VARCHAR(100) NULL,
	phone VARCHAR(40) NULL,
	birth_date DATE NULL,
	gender ENUM('F', 'M') NULL,
	postcode VARCHAR(20) NULL,
	city VARCHAR(100) NULL,
	country VARCHAR(64) NULL,
	latitude DECIMAL(9,7) NULL,
	longitude DECIMAL(10,7) NULL,
	smart_type ENUM('retail', 'trade', 'distributor') NOT NULL DEFAULT 'retail',
	account_manager VARCHAR(100) NULL,
	subscriber TINYINT(1) NULL,
	language VARCHAR(16) NULL,
	created_at DATETIME NULL,
	imported_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
	    ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY customers_host (host_id),
	KEY customers_type (smart_type),
	KEY customers_email (email(64))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='customers of the host; host_id is the host''s customer_id';

-- Free tags on customers, keyed by their natural key.
CREATE TABLE IF NOT EXISTS customer_tags (
	customer_id INT UNSIGNED NOT NULL,
	tag VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	PRIMARY KEY (customer_id, tag),
	KEY customer_tags_tag (tag),
	CONSTRAINT customer_tags_customer FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='tags on customers (kind customer_tags)';

-- Marketing consents, one row per customer and consent name.
CREATE TABLE IF NOT EXISTS consents (
	customer_id INT UNSIGNED NOT NULL,
	consent VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	granted TINYINT(1) NOT NULL,
	updated_at DATETIME NULL,
	PRIMARY KEY (customer_id, consent),
	CONSTRAINT consents_customer FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='consents of customers, e.g. email_marketing (kind consents)';

-- Product categories, a tree through parent_id (internal id).
CREATE TABLE IF NOT EXISTS categories (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	host_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	placeholder TINYINT(1) NOT NULL DEFAULT 0,
	name VARCHAR(200) NULL,
	parent_id INT UNSIGNED NULL,
	PRIMARY KEY (id),
	UNIQUE KEY categories_host (host_id),
	KEY categories_parent (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='product categories; parent_id refers to categories.id';

-- The host's catalogue.
CREATE TABLE IF NOT EXISTS products (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	host_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	placeholder TINYINT(1) NOT NULL DEFAULT 0,
	name VARCHAR(255) NULL,
	sku VARCHAR(64) NULL,
	category_id INT UNSIGNED NULL,
	price DECIMAL(14,4) NULL,
	active TINYINT(1) NOT NULL DEFAULT 1,
	PRIMARY KEY (id),
	UNIQUE KEY products_host (host_id),
	KEY products_category (category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='products; category_id refers to categories.id';

-- Product tags in groups (manufacturer, material, ...) for discovery.
CREATE TABLE IF NOT EXISTS product_tags (
	product_id INT UNSIGNED NOT NULL,
	tag_group VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	tag_value VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	PRIMARY KEY (product_id, tag_group, tag_value),
	KEY product_tags_value (tag_group, tag_value, product_id),
	CONSTRAINT product_tags_product FOREIGN KEY (product_id)
	    REFERENCES products (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='(tag_group, tag_value) pairs on products (kind product_tags)';

-- Productions (shows) of a venue; events are their performances.
CREATE TABLE IF NOT EXISTS productions (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	host_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	placeholder TINYINT(1) NOT NULL DEFAULT 0,
	name VARCHAR(255) NULL,
	genre VARCHAR(64) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY productions_host (host_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='productions (shows); events refer to them';

-- Events (performances) that order lines book tickets for.
CREATE TABLE IF NOT EXISTS events (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	host_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	placeholder TINYINT(1) NOT NULL DEFAULT 0,
	starts_at DATETIME NULL,
	production_id INT UNSIGNED NULL,
	name VARCHAR(255) NULL,
	venue VARCHAR(200) NULL,
	latitude DECIMAL(9,7) NULL,
	longitude DECIMAL(10,7) NULL,
	capacity INT UNSIGNED NULL,
	PRIMARY KEY (id),
	UNIQUE KEY events_host (host_id),
	KEY events_production (production_id),
	KEY events_starts (starts_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='events; production_id refers to productions.id';

-- Orders.  orders_customer covers the per-customer pass (DESIGN.md
-- section 7): customer, calendar date, value and status from the index
-- alone, in customer order.
CREATE TABLE IF NOT EXISTS orders (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	host_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	placeholder TINYINT(1) NOT NULL DEFAULT 0,
	customer_id INT UNSIGNED NULL,
	ordered_at DATETIME NULL,
	order_date DATE NULL,
	total DECIMAL(14,4) NOT NULL DEFAULT 0,
	total_from_lines TINYINT(1) NOT NULL DEFAULT 0,
	channel ENUM('online', 'boxoffice', 'phone', 'other') NULL,
	currency CHAR(3) CHARACTER SET ascii NULL,
	status ENUM('paid', 'refunded', 'cancelled') NOT NULL DEFAULT 'paid',
	PRIMARY KEY (id),
	UNIQUE KEY orders_host (host_id),
	KEY orders_customer (customer_id, order_date, total, status),
	KEY orders_date (order_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='orders; customer_id refers to customers.id';

-- Order lines, keyed by their order and the host's line number.  A line
-- books a product, an event (tickets), both or neither (a fee).
CREATE TABLE IF NOT EXISTS order_lines (
	order_id INT UNSIGNED NOT NULL,
	line_no SMALLINT UNSIGNED NOT NULL,
	product_id INT UNSIGNED NULL,
	event_id INT UNSIGNED NULL,
	quantity INT UNSIGNED NOT NULL DEFAULT 1,
	unit_price DECIMAL(14,4) NULL,
	line_total DECIMAL(14,4) NULL,
	PRIMARY KEY (order_id, line_no),
	KEY order_lines_product (product_id, order_id),
	KEY order_lines_event (event_id, order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='order lines; order_id, product_id, event_id are internal ids';

-- Sales targets of customers (trade and distributors, mostly).
CREATE TABLE IF NOT EXISTS targets (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	customer_id INT UNSIGNED NOT NULL,
	period_start DATE NOT NULL,
	period_end DATE NOT NULL,
	amount DECIMAL(14,4) NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY targets_period (customer_id, period_start, period_end),
	CONSTRAINT targets_customer FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='targets: amount to reach in [period_start, period_end]';
