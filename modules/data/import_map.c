/*
 * import_map.c - see import_map.h.  FNV-1a hashing, linear probing, load
 * factor at most 1/2; keys in one growing arena addressed by offset.
 */
#include <stdlib.h>
#include <string.h>

#include "import_map.h"

#define ARENA_MAX	((size_t)UINT32_MAX)

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

void im_init(struct im_map *m)
{
	memset(m, 0, sizeof(*m));
}

void im_free(struct im_map *m)
{
	free(m->e);
	free(m->slot);
	free(m->arena);
	im_init(m);
}

const char *im_key(const struct im_map *m, const struct im_entry *e)
{
	return m->arena + e->key;
}

static uint32_t *find_slot(const struct im_map *m, uint64_t h, const char *key,
    size_t len)
{
	uint32_t mask = m->nslots - 1, i = (uint32_t)h & mask;

	for (;; i = (i + 1) & mask) {
		const struct im_entry *e;

		if (m->slot[i] == 0)
			return &m->slot[i];
		e = &m->e[m->slot[i] - 1];
		if (e->hash == h && e->keylen == len &&
		    memcmp(m->arena + e->key, key, len) == 0)
			return &m->slot[i];
	}
}

struct im_entry *im_get(struct im_map *m, const char *key, size_t len)
{
	uint32_t *s;

	if (m->nslots == 0)
		return NULL;
	s = find_slot(m, hash_bytes(key, len), key, len);
	return *s ? &m->e[*s - 1] : NULL;
}

/* Doubles the slot table and re-inserts every entry; 0 or -1. */
static int grow_slots(struct im_map *m)
{
	uint32_t n = m->nslots ? m->nslots * 2 : 1024, i, mask = n - 1;
	uint32_t *s;

	if ((s = calloc(n, sizeof(*s))) == NULL)
		return -1;
	for (i = 0; i < m->n; i++) {
		uint32_t j = (uint32_t)m->e[i].hash & mask;

		while (s[j] != 0)
			j = (j + 1) & mask;
		s[j] = i + 1;
	}
	free(m->slot);
	m->slot = s;
	m->nslots = n;
	return 0;
}

struct im_entry *im_put(struct im_map *m, const char *key, size_t len, uint32_t id)
{
	uint64_t h = hash_bytes(key, len);
	struct im_entry *e;
	uint32_t *s;

	if (m->nslots != 0) {
		s = find_slot(m, h, key, len);
		if (*s != 0) {
			e = &m->e[*s - 1];
			e->id = id;
			return e;
		}
	}
	if (m->n >= IM_MAX_ENTRIES || len > 4096)
		return NULL;
	if ((m->n + 1) * 2 > m->nslots && grow_slots(m) != 0)
		return NULL;
	if (m->n == m->cap) {
		uint32_t nc = m->cap ? m->cap * 2 : 1024;
		struct im_entry *ne = realloc(m->e, (size_t)nc * sizeof(*ne));

		if (ne == NULL)
			return NULL;
		m->e = ne;
		m->cap = nc;
	}
	if (m->alen + len + 1 > m->acap) {
		size_t nc = m->acap ? m->acap * 2 : 65536;
		char *na;

		while (nc < m->alen + len + 1)
			nc *= 2;
		if (nc > ARENA_MAX || (na = realloc(m->arena, nc)) == NULL)
			return NULL;
		m->arena = na;
		m->acap = nc;
	}
	memcpy(m->arena + m->alen, key, len);
	m->arena[m->alen + len] = '\0';
	e = &m->e[m->n];
	memset(e, 0, sizeof(*e));
	e->hash = h;
	e->key = (uint32_t)m->alen;
	e->keylen = (uint32_t)len;
	e->id = id;
	m->alen += len + 1;
	s = find_slot(m, h, key, len);
	*s = ++m->n;
	return e;
}
