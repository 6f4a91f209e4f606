/*
 * import_load.h - private to modules/data: the rows of a first import of a
 * big table sent by LOAD DATA LOCAL INFILE from memory (issue 23) instead
 * of multi-row upserts.
 *
 * The sink (import_sink.c) takes this path for a kind with a DS_LD_*
 * statement when its table holds no row at the start of the file's
 * transaction and its connection allows LOCAL INFILE (the CLI's): the rows
 * are validated and their references resolved exactly as on the upsert
 * path, then written here as LOAD DATA text (tab-separated, \N for NULL,
 * backslash escapes) into a buffer that goes to the server every
 * IL_CHUNK bytes and at the commit, in the same transaction.  The load
 * REPLACEs by the table's keys, so a host id sent twice in the file keeps
 * its last row, as the upsert does; nothing referred to the first one yet
 * (the table was empty, so no placeholder of it existed).  A warning of
 * the load (a value the server changed) fails the file.
 */
#ifndef SALIENT_DATA_IMPORT_LOAD_H
#define SALIENT_DATA_IMPORT_LOAD_H

#include <stddef.h>

struct sl_db;
struct sl_sql;

#define IL_CHUNK (4u * 1024u * 1024u)	/* bytes of rows per LOAD DATA */

struct il_buf {
	char	*p;
	size_t	 n, cap, off;
};

/* Appends one row of n values (NULL: SQL NULL).  0, or -1 out of memory. */
int	il_row(struct il_buf *b, const char *const *v, size_t n);
/*
 * Sends the buffered rows by statement st (a LOAD DATA of data_sql.c)
 * and empties the buffer.  0, or -1 with the message in err.
 */
int	il_send(struct il_buf *b, struct sl_db *db, const struct sl_sql *st, char *err,
	    size_t errlen);
void	il_free(struct il_buf *b);

#endif
