-- 041_insights.sql - the customer-base dashboard's figures (issue 19,
-- DESIGN.md section 5 "Dashboard of the customer base"), computed by the
-- insights.refresh job (modules/insights) into small tables the page and
-- /api/v1/insights/ read.
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).  Safe
-- to run again.

-- One row per refresh: its as-of day, the analysis period (the
-- classification timeframe), what it read, how long it took, and the
-- campaign messages sent in the period (0 until campaigns exist: the
-- assisted-sales chart says none were sent).
CREATE TABLE IF NOT EXISTS insights_runs (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	as_of DATE NOT NULL,
	months TINYINT UNSIGNED NOT NULL,
	customers BIGINT UNSIGNED NOT NULL,
	orders BIGINT UNSIGNED NOT NULL,
	sends BIGINT UNSIGNED NOT NULL DEFAULT 0,
	seconds DOUBLE NOT NULL,
	computed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The points of the last refresh, per segment (all or a smart type) and
-- series; k is the bar (whole months since the last order for quality,
-- 0 one-receipt / 1 repeat for repeat, the month's index otherwise) and
-- label its month ("YYYY-MM") where it has one.
--   quality:      n1 customers
--   repeat:       n1 customers, amount1 their revenue in the period
--   dynamics:     n1 best (5-5-5), n2 lost (R1), n3 scored
--   repeat_share: n1 buyers in the month, n2 of them with 2+ paid orders up to its end
--   sales:        n1 assisted orders, n2 regular ones; amount1, amount2 likewise
CREATE TABLE IF NOT EXISTS insights_points (
	segment ENUM('all', 'retail', 'trade', 'distributor') NOT NULL,
	series ENUM('quality', 'repeat', 'dynamics', 'repeat_share', 'sales') NOT NULL,
	k TINYINT UNSIGNED NOT NULL,
	label CHAR(7) CHARACTER SET ascii NULL,
	n1 BIGINT NOT NULL DEFAULT 0,
	n2 BIGINT NOT NULL DEFAULT 0,
	n3 BIGINT NOT NULL DEFAULT 0,
	amount1 DECIMAL(20,4) NOT NULL DEFAULT 0,
	amount2 DECIMAL(20,4) NOT NULL DEFAULT 0,
	PRIMARY KEY (segment, series, k)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
