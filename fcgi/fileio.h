/*
 * fileio.h - reading a whole file with a ceiling.
 */
#ifndef SALIENT_FILEIO_H
#define SALIENT_FILEIO_H

#include <stddef.h>

/*
 * Reads the regular file at path, of at most max bytes, into *buf
 * (NUL-terminated; free() it) and its length into *len.  Returns 1 when
 * read, 0 when there is no such file (*buf NULL), or -1 with "path: reason"
 * in err.
 */
int fio_slurp(const char *path, size_t max, char **buf, size_t *len,
    char *err, size_t errlen);

/* As fio_slurp(), a missing file being an error: returns 0 or -1. */
int fio_read(const char *path, size_t max, char **buf, size_t *len,
    char *err, size_t errlen);

#endif
