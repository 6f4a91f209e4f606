/*
 * import.h - the row sink: the one path every imported row takes, from the
 * CSV command (import_cli.c) and the JSON API (import_api.c) alike.
 *
 *   imp_sink_new -> (imp_begin -> imp_row ... -> imp_commit | imp_rollback)*
 *     -> imp_finish -> imp_sink_free
 *
 * imp_row validates the values[] by the contract (dc_validate_row), turns
 * times into UTC with the site's zone, and buffers the row; every
 * IMP_BATCH rows it resolves the batch's references (one look-up per
 * IMP_BATCH unseen host ids, placeholder rows for host ids never seen) and
 * upserts the batch in one statement (a shorter last batch in a few: the
 * statement sizes of data_sql.h).  One imp_begin .. imp_commit is one
 * transaction.  The sink caches host id -> internal id for its whole life.
 *
 * Not thread-safe: one sink per command or per request.
 */
#ifndef SALIENT_DATA_IMPORT_H
#define SALIENT_DATA_IMPORT_H

#include <stdio.h>

#include "salient/contract.h"

struct sl_db;
struct imp_sink;

/*
 * A sink writing through db (borrowed) with the site's time zone tzname
 * (NULL or "" = UTC).  Returns NULL with a message in err; free with
 * imp_sink_free().
 */
struct imp_sink	*imp_sink_new(struct sl_db *db, const char *tzname, char *err,
		    size_t errlen);
void		 imp_sink_free(struct imp_sink *s);

/*
 * Lets the sink load a file into a table empty at its start by LOAD DATA
 * LOCAL INFILE (import_load.h); db must allow it (sl_db_extra(db, 1, ...)).
 */
void		 imp_sink_allow_load(struct imp_sink *s);

/*
 * Starts a transaction for rows of kind from source name (a file name or
 * "request"; copied), used in the references report.  0 or -1 (err).
 */
int		 imp_begin(struct imp_sink *s, enum dc_kind kind, const char *name,
		    char *err, size_t errlen);

/*
 * One row: values[] in contract order; line is the file line (or the
 * index in a request).  Returns 0 when accepted, 1 when the row breaks the
 * contract (the coded reason in err, dcmsg.h, naming its column; nothing
 * written; a target row also for an unknown customer or a period sharing
 * a day with another target: import_targets.h), -1 when the database
 * failed (err, plain; roll back).
 */
int		 imp_row(struct imp_sink *s, const char *const *values,
		    unsigned long line, char *err, size_t errlen);

/* Writes the buffered rows and commits; 0 or -1 (err; roll back). */
int		 imp_commit(struct imp_sink *s, char *err, size_t errlen);
/* Drops the buffered rows, rolls back, and forgets the cached ids. */
void		 imp_rollback(struct imp_sink *s);

/* Rows accepted since imp_begin. */
unsigned long	 imp_accepted(const struct imp_sink *s);

/*
 * The end of a command: sets the totals of orders left to their lines and
 * derives the purchases rows (purchases.h) of every order the command
 * wrote or wrote lines of, in one transaction (after a big command, the
 * totals in one statement, then purchases in ranges of order ids); then
 * writes to out one line per reference this
 * sink made to a host id still only a placeholder
 * ("order_lines.csv:17: order_id 'O-99' was never imported", the
 * catalogs' data.ref.* in the command line's language: only the CLI
 * passes an out), at most max lines and a count of the rest.  Returns the number of such
 * references, or -1 (err).  Then tells the modules that data was imported
 * (sl_data_imported), so they queue their follow-up jobs.
 */
long		 imp_finish(struct imp_sink *s, FILE *out, unsigned max, char *err,
		    size_t errlen);

/* Local wall-clock seconds -> "YYYY-MM-DD HH:MM:SS" in UTC and the local
 * calendar date "YYYY-MM-DD", in the sink's zone (exposed for tests). */
void		 imp_convert_time(const struct imp_sink *s, long long wall, int hastz,
		    int tzmin, char utc[20], char date[11]);

#endif
