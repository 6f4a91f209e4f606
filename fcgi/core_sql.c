/*
 * core_sql.c - the core's statements (core_sql.h).
 */
#include "core_sql.h"
#include "salient/settings.h"

const struct sl_sql core_sql[CORE_NSQL] = {
	/* the job API and the clean-up (core_module.c) */
	[CORE_CLEANUP_FIND] = {
	    "SELECT id FROM jobs WHERE state IN ('done', 'failed') "
	    "AND finished_at < NOW(3) - INTERVAL 30 DAY ORDER BY id LIMIT 10000", "" },
	[CORE_CLEANUP_DELETE] = {
	    "DELETE FROM jobs WHERE id = ? AND state IN ('done', 'failed')", "i" },
	[CORE_JOB_GET] = {
	    "SELECT id, kind, state, attempts, max_attempts, progress_done, progress_total, "
	    "last_error, created_at, started_at, finished_at, run_after FROM jobs WHERE id = ?", "i" },
	[CORE_JOB_RECENT] = {
	    "SELECT id, kind, state, attempts, progress_done, progress_total, last_error, "
	    "created_at, started_at, finished_at FROM jobs ORDER BY id DESC LIMIT 200", "" },
	/* the job queue (jobs.c) */
	[CORE_JOB_CLAIM] = { "SELECT id, kind, args, attempts, max_attempts FROM jobs "
	    "WHERE state = 'queued' AND run_after <= NOW(3) "
	    "ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED", "" },
	[CORE_JOB_MARK_RUNNING] = { "UPDATE jobs SET state = 'running', locked_by = ?, attempts = attempts + 1, "
	    "started_at = NOW(3), heartbeat_at = NOW(3), progress_done = 0, progress_total = 0 "
	    "WHERE id = ?", "si" },
	[CORE_JOB_DONE] = { "UPDATE jobs SET state = 'done', finished_at = NOW(3), locked_by = NULL, "
	    "last_error = NULL WHERE id = ?", "i" },
	[CORE_JOB_RETRY] = { "UPDATE jobs SET state = 'queued', locked_by = NULL, last_error = ?, "
	    "run_after = NOW(3) + INTERVAL ? SECOND WHERE id = ?", "sii" },
	[CORE_JOB_REQUEUE_STOPPED] = { "UPDATE jobs SET state = 'queued', locked_by = NULL, attempts = attempts - 1, "
	    "last_error = '{\"key\":\"core.job.interrupted\",\"values\":{}}' WHERE id = ?", "i" },
	[CORE_JOB_FAILED] = { "UPDATE jobs SET state = 'failed', finished_at = NOW(3), locked_by = NULL, "
	    "last_error = ? WHERE id = ?", "si" },
	[CORE_JOB_PROGRESS] = { "UPDATE jobs SET progress_done = ?, progress_total = ?, heartbeat_at = NOW(3) "
	    "WHERE id = ?", "iii" },
	/* last_error first: MariaDB assigns left to right, so it still sees locked_by */
	[CORE_JOB_STALE] = { "UPDATE jobs SET state = 'queued', "
	    "last_error = JSON_OBJECT('key', 'core.job.stale', 'values', JSON_OBJECT('worker', COALESCE(locked_by, '?'))), "
	    "locked_by = NULL "
	    "WHERE state = 'running' AND heartbeat_at < NOW(3) - INTERVAL ? SECOND", "i" },
	[CORE_JOB_ENQUEUE] = { "INSERT INTO jobs (kind, args, max_attempts, run_after) "
	    "VALUES (?, ?, ?, NOW(3) + INTERVAL ? SECOND)", "ssii" },
	[CORE_JOB_ENQUEUE_SCHED] = { "INSERT IGNORE INTO jobs (kind, args, dedup_key) VALUES (?, '{}', ?)", "ss" },
	[CORE_JOB_ENQUEUE_SCHED_ARGS] = { "INSERT IGNORE INTO jobs (kind, args, dedup_key) VALUES (?, ?, ?)", "sss" },
	[CORE_JOB_ONCE_LOCK] = { "SELECT GET_LOCK(CONCAT(DATABASE(), '.job.', ?), 10)", "s" },
	[CORE_JOB_ONCE_UNLOCK] = { "SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.job.', ?))", "s" },
	[CORE_JOB_ONCE_WAITING] = { "SELECT id FROM jobs WHERE kind = ? AND (state = 'queued' OR (? AND state = 'running')) "
	    "ORDER BY id LIMIT 1", "si" },
	/* sessions (session.c) */
	[CORE_SESSION_CREATE] = { "INSERT INTO sessions (id_hash, user_id, customer_id, csrf_token, created_at, "
	    "last_seen_at, expires_at) VALUES (?, ?, ?, ?, NOW(), NOW(), NOW() + INTERVAL ? SECOND)", "bsssi" },
	[CORE_SESSION_PURGE] = { "DELETE FROM sessions WHERE expires_at < NOW() OR last_seen_at < NOW() - INTERVAL ? SECOND "
	    "LIMIT 200", "i" },
	[CORE_SESSION_FIND] = { CORE_SESSION_FIND_COLS CORE_SESSION_FIND_FROM, "bi" },
	[CORE_SESSION_TOUCH] = { "UPDATE sessions SET last_seen_at = NOW() WHERE id_hash = ? "
	    "AND last_seen_at < NOW() - INTERVAL 30 SECOND", "b" },
	[CORE_SESSION_DELETE] = { "DELETE FROM sessions WHERE id_hash = ?", "b" },
	[CORE_SESSION_DELETE_USER] = { "DELETE FROM sessions WHERE user_id = ?", "i" },
	/* tokens, sign-in and the audit row (auth.c) */
	[CORE_AUTH_TOKEN] = { "SELECT id, name, scope FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", "b" },
	[CORE_AUTH_TOKEN_USED] = { "UPDATE api_tokens SET last_used_at = NOW() WHERE id = ?", "i" },
	[CORE_AUTH_USER] = { "SELECT id, email, name, role, lang FROM users WHERE id = ? AND active = 1", "i" },
	[CORE_AUTH_CUSTOMER_BY_HOST] = { "SELECT id, host_id, first_name, last_name, email, smart_type, language FROM customers "
	    "WHERE host_id = ? AND placeholder = 0", "s" },
	[CORE_AUTH_AUDIT] = { "INSERT INTO audit_log (user_id, token_id, actor, what, object_id, before_json, "
	    "after_json) VALUES (?, ?, ?, ?, ?, ?, ?)", "sssssss" },
	/* settings read (settings.c) */
	[CORE_SETTING_GET] = { "SELECT value FROM settings WHERE name = ?", "s" },
	[CORE_SETTING_GET_BATCH] = { "SELECT name, value FROM settings WHERE name IN (?, ?, ?, ?, ?, ?, ?, ?)", "ssssssss" },
	[CORE_SETTING_ALL_VERSIONED] = { "SELECT NULL, NULL, " SL_SETTINGS_VERSION_SQL " UNION ALL SELECT name, value, NULL FROM settings", "" },
	/* migrations (migrate.c) */
	[CORE_MIGRATE_CREATE] = { "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version VARCHAR(190) NOT NULL PRIMARY KEY,"
	    " checksum CHAR(64) NOT NULL,"
	    " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin", "" },
	[CORE_MIGRATE_LOCK] = { "SELECT GET_LOCK('salient.migrate', 60)", "" },
	[CORE_MIGRATE_UNLOCK] = { "SELECT RELEASE_LOCK('salient.migrate')", "" },
	[CORE_MIGRATE_GET] = { "SELECT checksum FROM schema_migrations WHERE version = ?", "s" },
	[CORE_MIGRATE_PUT] = { "INSERT INTO schema_migrations (version, checksum) VALUES (?, ?)", "ss" },
	[CORE_MIGRATE_COUNT] = { "SELECT COUNT(*), COALESCE(MAX(version), '') FROM schema_migrations", "" },
	[CORE_MIGRATE_RENAME] = { "UPDATE IGNORE schema_migrations SET version = ? WHERE version = ?", "ss" },
	/* the command line (main_cli.c) */
	[CORE_CLI_JOB_LIST] = { "SELECT id, kind, state, attempts, progress_done, progress_total, "
	    "created_at, finished_at, last_error FROM jobs ORDER BY id DESC LIMIT 50", "" },
};
