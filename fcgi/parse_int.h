/*
 * parse_int.h - what parse.c, parse_header.c and parse_multipart.c share:
 * the list arena, error messages and ASCII helpers.  Private to those files.
 */
#ifndef SALIENT_PARSE_INT_H
#define SALIENT_PARSE_INT_H

#include <stddef.h>

#include "parse.h"

#define CHUNK_MIN 4096
#define QNAME 44		/* buffer for a user-supplied name in messages */

struct hp_chunk {
	struct hp_chunk *next;
	size_t cap, used;
	char data[];
};

void hpi_seterr(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int hpi_nomem(char *err, size_t errsz);
void hpi_limits_get(const struct hp_limits *lim, struct hp_limits *dst);
int hpi_lower(int c);
int hpi_ieq(const char *a, size_t an, const char *b);
int hpi_is_ows(int c);
int hpi_is_tchar(int c);
const char *hpi_qn(char buf[QNAME], const char *s, size_t n);
char *hpi_arena_get(struct hp_kvlist *l, size_t n, size_t hint);
void hpi_arena_trim(struct hp_kvlist *l, size_t unused);
char *hpi_arena_dup(struct hp_kvlist *l, const char *s, size_t n);
struct hp_kv *hpi_list_push(struct hp_kvlist *l);
int hpi_next_param(const char **pp, const char *end, const char **pn,
    size_t *pnl, const char **pv, size_t *pvl, int *quoted);
size_t hpi_unquote(char *dst, const char *v, size_t n, int quoted);

#endif
