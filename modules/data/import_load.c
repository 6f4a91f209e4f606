/*
 * import_load.c - see import_load.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_load.h"
#include "salient/db.h"

static int grow(struct il_buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : IL_CHUNK + 4096;
	char *p;

	if (b->n + need <= b->cap)
		return 0;
	while (cap < b->n + need)
		cap *= 2;
	if ((p = realloc(b->p, cap)) == NULL)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

int il_row(struct il_buf *b, const char *const *v, size_t n)
{
	size_t i, need = n + 1;

	for (i = 0; i < n; i++)
		need += v[i] != NULL ? 2 * strlen(v[i]) : 2;
	if (grow(b, need) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *s = v[i];

		if (i > 0)
			b->p[b->n++] = '\t';
		if (s == NULL) {
			memcpy(b->p + b->n, "\\N", 2);
			b->n += 2;
			continue;
		}
		for (; *s != '\0'; s++) {
			char c = *s;

			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				b->p[b->n++] = '\\';
				c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : c;
			}
			b->p[b->n++] = c;
		}
	}
	b->p[b->n++] = '\n';
	return 0;
}

/* sl_db_load()'s reader: the buffer, in the pieces the connector asks for. */
static long buf_read(void *arg, char *out, size_t len)
{
	struct il_buf *b = arg;
	size_t k = b->n - b->off;

	if (k > len)
		k = len;
	memcpy(out, b->p + b->off, k);
	b->off += k;
	return (long)k;
}

int il_send(struct il_buf *b, struct sl_db *db, const struct sl_sql *st, char *err,
    size_t errlen)
{
	char first[256];
	unsigned nw;

	if (b->n == 0)
		return 0;
	b->off = 0;
	if (sl_db_load(db, st->sql, st->types, buf_read, b) < 0) {
		snprintf(err, errlen, "database: %s", sl_db_error(db));
		return -1;
	}
	b->n = 0;
	if ((nw = sl_db_warnings(db, first, sizeof(first))) > 0) {
		snprintf(err, errlen, "database: the load raised %u warning%s%s%s", nw,
		    nw == 1 ? "" : "s", first[0] ? ", the first: " : "", first);
		return -1;
	}
	return 0;
}

void il_free(struct il_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}
