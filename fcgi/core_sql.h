/*
 * core_sql.h - the core's statements (salient/db.h: one table, as each
 * module keeps its own), by id.  The core module (core_module.c) names the
 * table, so `salient sql check` prepares each against the schema.
 */
#ifndef SALIENT_CORE_SQL_H
#define SALIENT_CORE_SQL_H

#include "salient/db.h"

/*
 * The session with the signed-in user's or customer's row, in one round
 * trip (session.c): CORE_SESSION_FIND_COLS, then with a module's
 * customer_session_sql ", (" expr ")", then CORE_SESSION_FIND_FROM.
 */
#define CORE_SESSION_FIND_COLS \
    "SELECT s.user_id, s.customer_id, s.csrf_token, " \
    "(s.last_seen_at < NOW() - INTERVAL 30 SECOND), " \
    "u.id, u.email, u.name, u.role, u.lang, " \
    "c.id, c.host_id, c.first_name, c.last_name, c.email, c.smart_type, c.language"
#define CORE_SESSION_FIND_FROM \
    " FROM sessions s LEFT JOIN users u ON u.id = s.user_id AND u.active = 1 " \
    "LEFT JOIN customers c ON c.id = s.customer_id AND c.placeholder = 0 " \
    "WHERE s.id_hash = ? AND s.expires_at > NOW() AND s.last_seen_at > NOW() - INTERVAL ? SECOND"

enum core_sql_id {
	/* the job API and the clean-up (core_module.c) */
	CORE_CLEANUP_FIND,
	CORE_CLEANUP_DELETE,
	CORE_JOB_GET,
	CORE_JOB_RECENT,
	/* the job queue (jobs.c) */
	CORE_JOB_CLAIM,
	CORE_JOB_MARK_RUNNING,
	CORE_JOB_DONE,
	CORE_JOB_RETRY,
	CORE_JOB_REQUEUE_STOPPED,
	CORE_JOB_FAILED,
	CORE_JOB_PROGRESS,
	CORE_JOB_STALE,
	CORE_JOB_ENQUEUE,
	CORE_JOB_ENQUEUE_SCHED,
	CORE_JOB_ENQUEUE_SCHED_ARGS,
	CORE_JOB_ONCE_LOCK,
	CORE_JOB_ONCE_UNLOCK,
	CORE_JOB_ONCE_WAITING,
	/* sessions (session.c) */
	CORE_SESSION_CREATE,
	CORE_SESSION_PURGE,
	CORE_SESSION_FIND,
	CORE_SESSION_TOUCH,
	CORE_SESSION_DELETE,
	CORE_SESSION_DELETE_USER,
	/* tokens, sign-in and the audit row (auth.c) */
	CORE_AUTH_TOKEN,
	CORE_AUTH_TOKEN_USED,
	CORE_AUTH_USER,
	CORE_AUTH_CUSTOMER_BY_HOST,
	CORE_AUTH_AUDIT,
	/* settings read (settings.c) */
	CORE_SETTING_GET,
	CORE_SETTING_GET_BATCH,
	CORE_SETTING_ALL_VERSIONED,
	/* migrations (migrate.c) */
	CORE_MIGRATE_CREATE,
	CORE_MIGRATE_LOCK,
	CORE_MIGRATE_UNLOCK,
	CORE_MIGRATE_GET,
	CORE_MIGRATE_PUT,
	CORE_MIGRATE_COUNT,
	CORE_MIGRATE_RENAME,
	/* the command line (main_cli.c) */
	CORE_CLI_JOB_LIST,
	CORE_NSQL
};

extern const struct sl_sql core_sql[CORE_NSQL];

#endif
