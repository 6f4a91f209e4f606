-- 003_access: staff users, sessions, login failures, API tokens, the audit
-- log and the settings table (DESIGN.md section 6).  Secrets are never stored
-- in clear: session ids and tokens as SHA-256, passwords as Argon2id strings.

-- Staff: admins and sales agents.  password_hash NULL until the invited
-- user sets one through the invite link (invite_hash, invite_expires).
CREATE TABLE IF NOT EXISTS users (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	email VARCHAR(254) NOT NULL,
	name VARCHAR(100) NOT NULL DEFAULT '',
	role ENUM('admin', 'agent') NOT NULL DEFAULT 'agent',
	lang VARCHAR(8) NULL,
	active TINYINT(1) NOT NULL DEFAULT 1,
	password_hash VARCHAR(255) NULL,
	invite_hash BINARY(32) NULL,
	invite_expires DATETIME NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_login_at DATETIME NULL,
	PRIMARY KEY (id),
	UNIQUE KEY users_email (email),
	UNIQUE KEY users_invite (invite_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sessions of staff (user_id) and trade customers (customer_id =
-- customers.id).  id_hash = SHA-256 of the cookie value.  A session ends
-- AUTH_IDLE_SECONDS after last_seen_at or at expires_at, whichever is first.
CREATE TABLE IF NOT EXISTS sessions (
	id_hash BINARY(32) NOT NULL,
	user_id INT UNSIGNED NULL,
	customer_id INT UNSIGNED NULL,
	csrf_token VARCHAR(64) NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_seen_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at DATETIME NOT NULL,
	PRIMARY KEY (id_hash),
	KEY sessions_user (user_id),
	KEY sessions_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Failed sign-ins, for the throttle (by e-mail and by address).
CREATE TABLE IF NOT EXISTS login_failures (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	email VARCHAR(254) NOT NULL,
	addr VARCHAR(64) NOT NULL,
	failed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	PRIMARY KEY (id),
	KEY login_failures_email (email, failed_at),
	KEY login_failures_addr (addr, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- API tokens for the host system and scripts: token_hash = SHA-256 of the
-- token; prefix = its first characters, to tell tokens apart on the page.
CREATE TABLE IF NOT EXISTS api_tokens (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	name VARCHAR(100) NOT NULL,
	scope ENUM('import', 'read', 'admin') NOT NULL,
	token_hash BINARY(32) NOT NULL,
	prefix VARCHAR(16) NOT NULL,
	created_by INT UNSIGNED NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_used_at DATETIME NULL,
	revoked_at DATETIME NULL,
	PRIMARY KEY (id),
	UNIQUE KEY api_tokens_hash (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every admin change: who (actor: "user:3 a@b", "token:2 name", "cli"),
-- when, what ("user.role"), which object, before and after as JSON.
CREATE TABLE IF NOT EXISTS audit_log (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	user_id INT UNSIGNED NULL,
	token_id INT UNSIGNED NULL,
	actor VARCHAR(300) NOT NULL,
	what VARCHAR(64) NOT NULL,
	object_id VARCHAR(190) NULL,
	before_json MEDIUMTEXT NULL,
	after_json MEDIUMTEXT NULL,
	PRIMARY KEY (id),
	KEY audit_at (at),
	KEY audit_what (what, at),
	KEY audit_user (user_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Site settings as name/value pairs (the settings page edits them).
CREATE TABLE IF NOT EXISTS settings (
	name VARCHAR(64) NOT NULL,
	value TEXT NOT NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 1 lets retail customers into /account/ (only trade and distributor otherwise).
INSERT IGNORE INTO settings (name, value) VALUES ('account.allow_retail', '0');
