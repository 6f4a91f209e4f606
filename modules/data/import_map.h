/*
 * import_map.h - host id -> internal id, an open-addressing hash map kept
 * for a whole import command (or one API batch), so references cost a
 * query only the first time a host id is met.
 *
 * Keys are copied into one arena owned by the map.  Each entry also keeps
 * whether the row is (as far as this command knows) a placeholder and,
 * when this command referred to it while it was one, where it was first
 * referred to (file number and line), for the report at the end.
 * Pure: no FastCGI or MariaDB header.
 */
#ifndef SALIENT_DATA_IMPORT_MAP_H
#define SALIENT_DATA_IMPORT_MAP_H

#include <stddef.h>
#include <stdint.h>

#define IM_MAX_ENTRIES	(64u * 1024 * 1024)	/* ceiling of one map */

struct im_entry {
	uint64_t	 hash;
	uint32_t	 key;		/* offset of the key in the arena */
	uint32_t	 keylen;
	uint32_t	 id;		/* internal id */
	uint32_t	 ref_line;	/* first reference while a placeholder */
	uint16_t	 ref_file;	/* 1-based file number; 0 = none */
	uint8_t		 ph;		/* the row is a placeholder */
	uint8_t		 ref_col;	/* contract column that referred */
};

struct im_map {
	struct im_entry	*e;		/* entries in insertion order */
	uint32_t	 n, cap;
	uint32_t	*slot;		/* entry index + 1; 0 = empty */
	uint32_t	 nslots;	/* power of two */
	char		*arena;
	size_t		 alen, acap;
};

/* An empty map (no allocation yet). */
void		 im_init(struct im_map *m);
/* Frees what the map holds; it is empty again afterwards. */
void		 im_free(struct im_map *m);

/* The entry of key, or NULL.  Valid until the next im_put. */
struct im_entry	*im_get(struct im_map *m, const char *key, size_t len);

/*
 * Adds key with id (or updates the id of an existing key); returns the
 * entry (valid until the next im_put), or NULL when out of memory or past
 * IM_MAX_ENTRIES.
 */
struct im_entry	*im_put(struct im_map *m, const char *key, size_t len,
		    uint32_t id);

/* The key of an entry: e->keylen bytes and a NUL (valid until the next im_put). */
const char	*im_key(const struct im_map *m, const struct im_entry *e);

#endif
