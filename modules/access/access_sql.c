/*
 * access_sql.c - every statement of the access module (salient/db.h:
 * struct sl_sql), by the ids of access_int.h.
 */
#include "access_int.h"

const struct sl_sql acc_sql[ACC_NSQL] = {
	/* sign-in (login.c) */
	[ACC_USER_BY_EMAIL] = { "SELECT id, password_hash, active FROM users WHERE email = ?", "s" },
	[ACC_FAILURES_EMAIL] = {
	    "SELECT COUNT(*) AS n, COALESCE(TIMESTAMPDIFF(SECOND, MAX(failed_at), NOW(3)), 0) AS since "
	    "FROM login_failures WHERE email = ? AND failed_at > NOW(3) - INTERVAL ? SECOND", "si" },
	[ACC_FAILURES_ADDR] = {
	    "SELECT COUNT(*) AS n, COALESCE(TIMESTAMPDIFF(SECOND, MAX(failed_at), NOW(3)), 0) AS since "
	    "FROM login_failures WHERE addr = ? AND failed_at > NOW(3) - INTERVAL ? SECOND", "si" },
	[ACC_FAILURE_ADD] = { "INSERT INTO login_failures (email, addr) VALUES (?, ?)", "ss" },
	[ACC_FAILURES_CLEAR] = {
	    "DELETE FROM login_failures WHERE email = ? OR failed_at < NOW(3) - INTERVAL 1 DAY", "s" },
	[ACC_LOGGED_IN] = { "UPDATE users SET last_login_at = NOW() WHERE id = ?", "i" },
	[ACC_INVITE_FIND] = {
	    "SELECT id, email, name FROM users WHERE invite_hash = ? AND invite_expires > NOW()", "b" },
	[ACC_PASSWORD_SET] = {
	    "UPDATE users SET password_hash = ?, invite_hash = NULL, invite_expires = NULL "
	    "WHERE id = ? AND invite_hash = ?", "sib" },
	/* staff users (users.c) */
	[ACC_USER_LIST] = {
	    "SELECT id, email, name, role, lang, active, "
	    "(password_hash IS NULL AND invite_hash IS NOT NULL) AS invited, "
	    "created_at, last_login_at FROM users ORDER BY active DESC, email", "" },
	[ACC_USER_ONE] = { "SELECT id, email, name, role, lang, active FROM users WHERE id = ?", "i" },
	[ACC_EMAIL_TAKEN] = { "SELECT id FROM users WHERE email = ?", "s" },
	[ACC_USER_CREATE] = {
	    "INSERT INTO users (email, name, role, lang, active) VALUES (?, ?, ?, ?, 1)", "ssss" },
	[ACC_USER_INVITE] = {
	    "UPDATE users SET invite_hash = ?, invite_expires = NOW() + INTERVAL ? SECOND WHERE id = ?",
	    "bii" },
	[ACC_USER_UPDATE] = {
	    "UPDATE users SET name = ?, role = ?, lang = ?, active = ? WHERE id = ?", "sssii" },
	[ACC_OTHER_ADMINS] = {
	    "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1 AND id <> ?", "i" },
	/* API tokens (tokens.c) */
	[ACC_TOKEN_LIST] = {
	    "SELECT id, name, scope, prefix AS token_prefix, created_at, last_used_at, revoked_at "
	    "FROM api_tokens ORDER BY revoked_at IS NOT NULL, id DESC", "" },
	[ACC_TOKEN_CREATE] = {
	    "INSERT INTO api_tokens (name, scope, token_hash, prefix, created_by) VALUES (?, ?, ?, ?, ?)",
	    "ssbss" },
	[ACC_TOKEN_BY_HASH] = { "SELECT id FROM api_tokens WHERE token_hash = ?", "b" },
	[ACC_TOKEN_ONE] = { "SELECT id, name, scope, revoked_at FROM api_tokens WHERE id = ?", "i" },
	[ACC_TOKEN_REVOKE] = {
	    "UPDATE api_tokens SET revoked_at = NOW() WHERE id = ? AND revoked_at IS NULL", "i" },
	/* the audit log (audit.c) */
	[ACC_AUDIT_LIST] = {
	    "SELECT a.id, a.at, a.actor, a.what, a.object_id, a.before_json, a.after_json, "
	    "u.name AS user_name, u.email AS user_email, t.name AS token_name "
	    "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
	    "LEFT JOIN api_tokens t ON t.id = a.token_id "
	    "WHERE (? IS NULL OR a.what = ? OR a.what LIKE CONCAT(?, '.%')) "
	    "AND (? IS NULL OR a.actor LIKE CONCAT('%', ?, '%') OR u.name LIKE CONCAT('%', ?, '%')) "
	    "AND (? IS NULL OR a.at >= CAST(? AS DATE)) "
	    "AND (? IS NULL OR a.at < CAST(? AS DATE) + INTERVAL 1 DAY) "
	    "ORDER BY a.id DESC LIMIT ? OFFSET ?", "ssssssssssii" },
	/* the commands (cli.c) */
	[ACC_CLI_USER_EMAIL] = { "SELECT id, role, active FROM users WHERE email = ?", "s" },
	[ACC_CLI_USER_ADD] = {
	    "INSERT INTO users (email, name, role, lang, active, password_hash) "
	    "VALUES (?, ?, ?, ?, 1, ?)", "sssss" },
	[ACC_CLI_ADMINS] = { "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND active = 1", "" },
	[ACC_CLI_USER_PW] = {
	    "UPDATE users SET password_hash = ?, invite_hash = NULL, invite_expires = NULL WHERE id = ?",
	    "si" },
	[ACC_CLI_USER_ACTIVE] = { "UPDATE users SET active = ? WHERE id = ?", "ii" },
	[ACC_CLI_USER_LIST] = {
	    "SELECT id, email, name, role, lang, active, last_login_at FROM users ORDER BY email", "" },
	[ACC_CLI_TOKEN_LIST] = {
	    "SELECT id, name, scope, prefix, created_at, last_used_at, revoked_at FROM api_tokens "
	    "ORDER BY id", "" },
	[ACC_CLI_CUSTOMER_KNOWN] = { "SELECT COUNT(*) FROM customers WHERE host_id = ?", "s" },
};

/* sessions are the core's (session_delete_user()); audit_log is written by
   the core's sl_audit() */
const char *const acc_tables[] = { "users", "login_failures", "api_tokens", NULL };
