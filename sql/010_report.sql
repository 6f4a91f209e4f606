-- 010_report: saved customer report definitions (issue #7 item 6).
-- A definition names the sections, the language and, optionally, the
-- customer (by the host's customer id, which survives a re-import; NULL =
-- pick the customer when it is run).  Sections are the keys of the
-- report module's section table, comma-separated in table order, checked
-- by the module.
CREATE TABLE IF NOT EXISTS report_definitions (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	name VARCHAR(100) NOT NULL,
	customer_host_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
	sections VARCHAR(255) CHARACTER SET ascii NOT NULL,
	lang CHAR(2) CHARACTER SET ascii NOT NULL DEFAULT 'en',
	created_by INT UNSIGNED NULL,
	created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	UNIQUE KEY report_definitions_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='saved customer reports; created_by refers to users.id (NULL: an API token)';
