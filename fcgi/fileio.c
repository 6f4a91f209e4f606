/*
 * fileio.c - reading a whole file with a ceiling (see fileio.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

int
fio_slurp(const char *path, size_t max, char **buf, size_t *len, char *err,
    size_t errlen)
{
	struct stat	 st;
	char		*b = NULL;
	size_t		 got = 0;
	ssize_t		 r;
	int		 fd = -1, rc = -1;

	*buf = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT || errno == ENOTDIR) {
			rc = 0;
			goto out;
		}
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		goto out;
	}
	if ((uintmax_t)st.st_size > max) {
		snprintf(err, errlen, "%s: larger than %zu bytes", path, max);
		goto out;
	}
	if ((b = malloc((size_t)st.st_size + 1)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	while (got < (size_t)st.st_size) {
		r = read(fd, b + got, (size_t)st.st_size - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	b[got] = '\0';
	*buf = b;
	*len = got;
	b = NULL;
	rc = 1;
out:
	free(b);
	if (fd != -1)
		close(fd);
	return rc;
}


int
fio_read(const char *path, size_t max, char **buf, size_t *len, char *err,
    size_t errlen)
{
	int rc = fio_slurp(path, max, buf, len, err, errlen);

	if (rc == 0)
		snprintf(err, errlen, "%s: no such file", path);
	return rc == 1 ? 0 : -1;
}
