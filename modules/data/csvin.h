/*
 * csvin.h - a streaming RFC 4180 reader for import files, on libcsv.
 *
 * Reads a FILE * in chunks (never the whole file), strips a UTF-8 BOM,
 * takes CRLF, LF or CR line ends, and yields one record at a time with the
 * physical line it starts on, so a record after a quoted field holding
 * newlines still names the right line.  Every field is checked to be UTF-8
 * without NUL bytes.  The first record is kept as the header, to name
 * columns in messages: "customers.csv:7: first_name: invalid UTF-8".
 *
 * Fields are exact: no trimming of spaces, quotes removed, "" unescaped.
 * Pure: no FastCGI or MariaDB header.
 */
#ifndef SALIENT_DATA_CSVIN_H
#define SALIENT_DATA_CSVIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CSVIN_FIELD_MAX		65536		/* bytes in one field */
#define CSVIN_FIELDS_MAX	1000		/* fields in one record */
#define CSVIN_RECORD_MAX	(1024 * 1024)	/* bytes in one record */
#define CSVIN_CHUNK		65536		/* bytes read at a time */

struct csvin;

struct csvin_rec {
	size_t			 nfields;
	const char *const	*fields;	/* NUL-terminated */
	const size_t		*lens;
	unsigned long		 line;		/* physical line it starts on */
};

/*
 * A reader over fp, which stays the caller's (never closed here); name is
 * copied and used in messages.  Returns NULL when out of memory; free with
 * csvin_free().
 */
struct csvin	*csvin_new(FILE *fp, const char *name);
void		 csvin_free(struct csvin *r);

/*
 * The next record: 1 and *rec filled (valid until the next call or
 * csvin_free), 0 at the end, -1 on error (csvin_error).  After an error
 * the reader only returns -1.  The first record is the header.
 */
int		 csvin_next(struct csvin *r, struct csvin_rec *rec);

/* The last error, "file:line: reason"; "" if none.  Owned by r. */
const char	*csvin_error(const struct csvin *r);

/* Bytes read from fp so far (including a BOM), for progress. */
uint64_t	 csvin_bytes(const struct csvin *r);

/* The header's name for field i ("column 3" when there is none). */
const char	*csvin_column(const struct csvin *r, size_t i, char *buf,
		    size_t len);

#endif
