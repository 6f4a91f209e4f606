-- 005_classify: sales classifications and what a run computes
-- (DESIGN.md section 5).

-- A classification: one tier of one metric for one smart type (or all).
-- Classifications of the same type and smart type are tiers in position
-- order: tier k holds metric values in (value of tier k-1, value of tier k].
CREATE TABLE IF NOT EXISTS classifications (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	title VARCHAR(100) NOT NULL,
	comments TEXT NULL,
	colour CHAR(7) CHARACTER SET ascii NOT NULL DEFAULT '#6c757d',
	smart_type ENUM('retail', 'trade', 'distributor', 'all') NOT NULL DEFAULT 'all',
	type ENUM('risk_score', 'risk_change', 'revenue_rank', 'revenue_change',
	    'revenue_share', 'orders') NOT NULL,
	value DECIMAL(20,6) NOT NULL,
	min_spend DECIMAL(14,4) NOT NULL DEFAULT 0,
	min_orders INT UNSIGNED NOT NULL DEFAULT 0,
	position INT NOT NULL DEFAULT 0,
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY classifications_tiers (type, smart_type, position)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every customer's metrics as of the last run that changed any.  NULL is
-- "undefined" (one order day, no revenue in the previous period, ...).
-- Rewritten whole by a run (loaded into a new table and swapped in).
CREATE TABLE IF NOT EXISTS customer_metrics (
	customer_id INT UNSIGNED NOT NULL,
	as_of DATE NOT NULL,
	revenue_cur DECIMAL(14,4) NOT NULL,
	revenue_prev DECIMAL(14,4) NOT NULL,
	orders_cur INT UNSIGNED NOT NULL,
	orders_prev INT UNSIGNED NOT NULL,
	risk_score DOUBLE NULL,
	risk_change DOUBLE NULL,
	revenue_rank DOUBLE NULL,
	revenue_change DOUBLE NULL,
	revenue_share DOUBLE NULL,
	PRIMARY KEY (customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each customer's current classifications, since the run that gave them.
CREATE TABLE IF NOT EXISTS customer_classifications (
	customer_id INT UNSIGNED NOT NULL,
	classification_id INT UNSIGNED NOT NULL,
	since DATE NOT NULL,
	PRIMARY KEY (customer_id, classification_id),
	KEY customer_classifications_class (classification_id, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- History as intervals: the customer held the classification from
-- from_date (the as-of date of the run that gave it) until to_date (the
-- as-of date of the run that took it away; NULL while it holds).  A run
-- that changes nothing writes nothing here.
CREATE TABLE IF NOT EXISTS classification_history (
	customer_id INT UNSIGNED NOT NULL,
	classification_id INT UNSIGNED NOT NULL,
	from_date DATE NOT NULL,
	to_date DATE NULL,
	PRIMARY KEY (customer_id, classification_id, from_date),
	KEY classification_history_open (classification_id, to_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per run: what it computed, and a digest of the metrics so a run
-- on unchanged data rewrites nothing.
CREATE TABLE IF NOT EXISTS classify_runs (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	as_of DATE NOT NULL,
	timeframe_months TINYINT UNSIGNED NOT NULL,
	customers INT UNSIGNED NOT NULL,
	orders BIGINT UNSIGNED NOT NULL,
	added INT UNSIGNED NOT NULL,
	removed INT UNSIGNED NOT NULL,
	metrics_digest CHAR(64) CHARACTER SET ascii NOT NULL,
	metrics_written TINYINT(1) NOT NULL,
	seconds DOUBLE NOT NULL,
	finished_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT IGNORE INTO settings (name, value) VALUES ('classify.timeframe_months', '12');
