/*
 * mustache.c - the template cache: NAME -> compiled NAME.mustache from the
 * first of a list of directories, compiled once, owned until
 * mst_cache_free().  Also the loader that serves partials from it.
 *
 * Locking: one pthread mutex guards the hash table; it is held for a
 * lookup, and for reading and compiling a file the first time its name is
 * asked for.  Entries are never removed or changed once added, so returned
 * templates need no lock.
 */
#define MST_INTERNAL

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "mustache.h"

#define CACHE_BUCKETS	256
#define MST_EXT		".mustache"

struct centry {
	char		*key;
	mst_tmpl	*t;		/* NULL: no such file (a remembered miss) */
	struct centry	*next;
};

struct mst_cache {
	pthread_mutex_t	 mu;
	char		**dirs;
	size_t		 ndirs;
	struct centry	*b[CACHE_BUCKETS];
};

static size_t
hash(const char *s)
{
	size_t	 h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h % CACHE_BUCKETS;
}

/* Relative, [A-Za-z0-9_.-/], no empty, "." or ".." component. */
static int
name_ok(const char *name)
{
	const char	*p, *c;
	size_t		 len = strlen(name);

	if (len == 0 || len > MST_NAME_MAX)
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		    *p == '.' || *p == '/'))
			return 0;
	for (c = name; ; c = p + 1) {
		p = strchr(c, '/');
		len = p != NULL ? (size_t)(p - c) : strlen(c);
		if (len == 0 || (len == 1 && c[0] == '.') ||
		    (len == 2 && c[0] == '.' && c[1] == '.'))
			return 0;
		if (p == NULL)
			return 1;
	}
}

mst_cache *
mst_cache_new(const char *const *dirs, size_t ndirs)
{
	mst_cache	*c = NULL, *ret = NULL;
	size_t		 i;

	if (dirs == NULL || ndirs == 0 || ndirs > SIZE_MAX / sizeof(char *))
		goto out;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		goto out;
	if (pthread_mutex_init(&c->mu, NULL) != 0) {
		free(c);
		c = NULL;
		goto out;
	}
	if ((c->dirs = calloc(ndirs, sizeof(char *))) == NULL)
		goto out;
	c->ndirs = ndirs;
	for (i = 0; i < ndirs; i++)
		if (dirs[i] == NULL || (c->dirs[i] = strdup(dirs[i])) == NULL)
			goto out;
	ret = c;
	c = NULL;
out:
	mst_cache_free(c);
	return ret;
}

void
mst_cache_free(mst_cache *c)
{
	struct centry	*e, *next;
	size_t		 i;

	if (c == NULL)
		return;
	for (i = 0; i < CACHE_BUCKETS; i++)
		for (e = c->b[i]; e != NULL; e = next) {
			next = e->next;
			mst_free(e->t);
			free(e->key);
			free(e);
		}
	for (i = 0; c->dirs != NULL && i < c->ndirs; i++)
		free(c->dirs[i]);
	free(c->dirs);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

/* Finds and compiles NAME.mustache.  Returns 0 (*out NULL if no file has
 * it) or -1.  Called with the mutex held. */
static int
load_file(mst_cache *c, const char *name, mst_tmpl **out, char *err,
    size_t errlen)
{
	char	*path = NULL, *src = NULL;
	size_t	 i, len, plen;
	int	 rc = -1, got = 0;

	*out = NULL;
	for (i = 0; i < c->ndirs && got == 0; i++) {
		free(path);
		plen = strlen(c->dirs[i]) + 1 + strlen(name) +
		    sizeof(MST_EXT);
		if ((path = malloc(plen)) == NULL) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		snprintf(path, plen, "%s/%s%s", c->dirs[i], name, MST_EXT);
		if ((got = fio_slurp(path, MST_SRC_MAX, &src, &len, err, errlen)) == -1)
			goto out;
	}
	if (got == 1 && (*out = mst_compile(path, src, len, err, errlen)) ==
	    NULL)
		goto out;
	if (*out != NULL && ((*out)->key = strdup(name)) == NULL) {
		snprintf(err, errlen, "out of memory");
		mst_free(*out);
		*out = NULL;
		goto out;
	}
	rc = 0;
out:
	free(path);
	free(src);
	return rc;
}

int
mst_cache_lookup(mst_cache *c, const char *name, const mst_tmpl **out,
    char *err, size_t errlen)
{
	struct centry	*e = NULL;
	mst_tmpl	*t = NULL;
	size_t		 h;
	int		 rc = -1;

	*out = NULL;
	if (errlen > 0)
		err[0] = '\0';
	if (name == NULL || !name_ok(name))
		return 0;
	h = hash(name);
	pthread_mutex_lock(&c->mu);
	for (e = c->b[h]; e != NULL; e = e->next)
		if (strcmp(e->key, name) == 0)
			break;
	if (e != NULL) {
		*out = e->t;
		rc = 0;
		goto out;
	}
	if (load_file(c, name, &t, err, errlen) == -1)
		goto out;
	if ((e = calloc(1, sizeof(*e))) == NULL ||
	    (e->key = strdup(name)) == NULL) {
		snprintf(err, errlen, "out of memory");
		free(e);
		goto out;
	}
	e->t = t;
	t = NULL;
	e->next = c->b[h];
	c->b[h] = e;
	*out = e->t;
	rc = 0;
out:
	pthread_mutex_unlock(&c->mu);
	mst_free(t);
	return rc;
}

const mst_tmpl *
mst_cache_get(mst_cache *c, const char *name, char *err, size_t errlen)
{
	const mst_tmpl	*t;

	if (mst_cache_lookup(c, name, &t, err, errlen) == -1)
		return NULL;
	if (t == NULL)
		snprintf(err, errlen, "template '%.*s' not found",
		    MST_NAME_MAX, name != NULL ? name : "(null)");
	return t;
}

static int
cache_load(void *arg, const mst_tmpl *from, const char *name,
    const mst_tmpl **out, char *err, size_t errlen)
{
	mst_cache	*c = arg;
	const char	*slash;
	char		 buf[MST_NAME_MAX + 1];
	int		 n;

	*out = NULL;
	if (from != NULL && from->key != NULL &&
	    (slash = strrchr(from->key, '/')) != NULL) {
		n = snprintf(buf, sizeof(buf), "%.*s/%s",
		    (int)(slash - from->key), from->key, name);
		if (n > 0 && (size_t)n < sizeof(buf) &&
		    mst_cache_lookup(c, buf, out, err, errlen) == -1)
			return -1;
		if (*out != NULL)
			return 0;
	}
	return mst_cache_lookup(c, name, out, err, errlen);
}

struct mst_loader
mst_cache_loader(mst_cache *c)
{
	struct mst_loader	 l;

	l.load = cache_load;
	l.arg = c;
	return l;
}
