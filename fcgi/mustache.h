/*
 * mustache.h - Salient's Mustache template engine over json-c values.
 *
 * Follows the Mustache spec v1.4 (interpolation, sections, inverted sections,
 * comments, set delimiters, partials) plus the optional inheritance
 * ({{<parent}} / {{$block}}) and dynamic-name ({{>*name}}, {{<*name}})
 * modules.  Lambdas are not supported.
 *
 * A template is compiled once into a tree (mst_compile) and rendered any
 * number of times (mst_render).  A compiled template is immutable: several
 * threads may render the same mst_tmpl at the same time.
 *
 * Partials and parents are found through a caller-supplied loader
 * (struct mst_loader).  mst_cache is a ready loader over a list of
 * directories that compiles each NAME.mustache once and owns the result.
 *
 * Rendering semantics worth knowing:
 *  - {{x}} is HTML-escaped (& < > " ' become &amp; &lt; &gt; &quot; &#39;);
 *    {{{x}}} and {{&x}} are raw.
 *  - a missing value renders as nothing; null renders as nothing; booleans
 *    as "true"/"false"; integers in decimal; doubles in the shortest form
 *    that reads back to the same value ("1.21", "3" for 3.0); arrays and
 *    objects as their JSON text.
 *  - a standalone partial, parent or block tag indents every line of what
 *    it expands by the whitespace before the tag; a standalone block's own
 *    common indentation is removed first.  A block tag with text on its
 *    line is expanded as is (put {{$body}} on a line of its own in layouts).
 *  - falsey for sections: missing, null, false, [] and "" (an empty string;
 *    the spec leaves this open).  Everything else, including 0 and {}, is
 *    truthy.  A list renders the section once per element.
 */
#ifndef SALIENT_MUSTACHE_H
#define SALIENT_MUSTACHE_H

#include <stddef.h>

struct json_object;

/* Largest output one render may produce. */
#define MST_BUF_MAX		(64u * 1024u * 1024u)
/* Deepest nesting of partials/parents at render time (recursion guard). */
#define MST_MAX_DEPTH		64
/* Deepest nesting of sections/blocks/parents in one template source. */
#define MST_MAX_NEST		100
/* Largest template source mst_compile accepts, and mst_cache reads. */
#define MST_SRC_MAX		(8u * 1024u * 1024u)
/* Longest partial/parent/template name (bytes). */
#define MST_NAME_MAX		255

/*
 * Growable output buffer.  Start it zeroed ({0} or mst_buf_init); data is
 * NUL-terminated whenever it is non-NULL (the NUL is not counted in len).
 * Never grows past MST_BUF_MAX.  Release with mst_buf_free().
 */
struct mst_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	mst_buf_init(struct mst_buf *);
/* Appends n bytes.  Returns 0, or -1 (buffer unchanged) on ENOMEM or when
 * the result would exceed MST_BUF_MAX. */
int	mst_buf_append(struct mst_buf *, const char *, size_t);
/* Sets len to 0, keeping the allocation. */
void	mst_buf_reset(struct mst_buf *);
/* Frees data and zeroes the struct. */
void	mst_buf_free(struct mst_buf *);

/* A compiled template.  Opaque; immutable after mst_compile. */
typedef struct mst_tmpl mst_tmpl;

/*
 * Compiles len bytes of src.  name is used in error messages (and returned
 * by mst_name); it is copied.  On a syntax error writes
 * "NAME:LINE: reason" into err (if errlen > 0) and returns NULL.
 * Returns NULL on failure; free with mst_free().
 */
mst_tmpl	*mst_compile(const char *name, const char *src, size_t len,
		    char *err, size_t errlen);
/* Frees a template from mst_compile.  NULL is a no-op.  Do not free
 * templates returned by an mst_cache: the cache owns them. */
void		 mst_free(mst_tmpl *);
/* The name given to mst_compile; owned by the template. */
const char	*mst_name(const mst_tmpl *);

/*
 * Partial / parent loader.  load() is called with the template that holds
 * the tag (from; never NULL) and the name written in the tag (or resolved
 * from the context for {{>*name}}).  It sets *out to a template that stays
 * valid for the whole render, or to NULL when there is no such partial
 * (which renders as nothing, as the spec asks), and returns 0; it returns -1
 * with a message in err on a real failure (unreadable file, syntax error),
 * which fails the render.  The engine never frees *out.  load() may be
 * called from several threads at once if the caller renders concurrently.
 */
struct mst_loader {
	int	(*load)(void *arg, const mst_tmpl *from, const char *name,
		    const mst_tmpl **out, char *err, size_t errlen);
	void	*arg;
};

/*
 * Renders t with ctx (may be NULL) as the root context, appending to out.
 * loader may be NULL (every partial is then missing).  Returns 0, or -1
 * with a message in err; on -1, out holds a partial render.
 */
int	mst_render(const mst_tmpl *t, struct json_object *ctx,
	    const struct mst_loader *loader, struct mst_buf *out,
	    char *err, size_t errlen);

/*
 * Template cache over a list of directories: name "admin/list" is the file
 * "admin/list.mustache" in the first directory that has it.  Each file is
 * read and compiled once; templates are named "admin/list.mustache" for
 * error messages and are owned by the cache.  Misses are remembered too
 * (a file added later is seen after the cache is rebuilt, e.g. on SIGHUP).
 *
 * Names must be relative, made of [A-Za-z0-9_.-/], without "." or ".."
 * components or empty components, at most MST_NAME_MAX bytes; any other
 * name (including ones from data via {{>*name}}) is simply not found.
 *
 * Thread safety: the name map is guarded by a pthread mutex, so
 * mst_cache_get / mst_cache_lookup / the cache loader may be called from
 * several threads at once; returned templates are immutable and stay valid
 * until mst_cache_free().  A file is compiled while the mutex is held
 * (only on the first use of a name).
 */
typedef struct mst_cache mst_cache;

/* Copies dirs.  Returns NULL on failure (ENOMEM, ndirs == 0); free with
 * mst_cache_free(). */
mst_cache	*mst_cache_new(const char *const *dirs, size_t ndirs);
/* Frees the cache and every template it holds.  NULL is a no-op. */
void		 mst_cache_free(mst_cache *);
/* Returns the template NAME, compiling it on first use, or NULL with a
 * message in err when it is missing or does not compile.  Owned by the
 * cache. */
const mst_tmpl	*mst_cache_get(mst_cache *, const char *name,
		    char *err, size_t errlen);
/* Like mst_cache_get, but a missing template is not an error: returns 0
 * with *out NULL.  Returns -1 with a message in err on read or compile
 * errors. */
int		 mst_cache_lookup(mst_cache *, const char *name,
		    const mst_tmpl **out, char *err, size_t errlen);
/*
 * A loader backed by the cache.  For a tag {{>row}} inside a template the
 * cache loaded as "admin/list", it tries "admin/row" first, then "row"
 * (the template's own folder first, then every cache directory in order).
 * The cache must outlive every render using the loader.
 */
struct mst_loader mst_cache_loader(mst_cache *);

/* `salient render [--partials DIR] TEMPLATE DATA.json` (argv[0] is
 * "render").  Returns the process exit status: 0, 1 on errors, 2 on usage
 * errors.  Defined in cmd_render.c. */
int	cmd_render(int argc, char **argv);

#ifdef MST_INTERNAL
/*
 * Internals shared by mustache*.c only.  Nothing outside those files may
 * include this part.
 */
enum mst_kind {
	MST_TEXT,	/* literal text */
	MST_VAR,	/* {{x}}: escaped */
	MST_RAW,	/* {{{x}}} / {{&x}} */
	MST_SECTION,	/* {{#x}} */
	MST_INVERTED,	/* {{^x}} */
	MST_PARTIAL,	/* {{>x}} */
	MST_PARENT,	/* {{<x}}: kids are its MST_BLOCK arguments only */
	MST_BLOCK	/* {{$x}} */
};

struct mst_seg {
	size_t	off;	/* into mst_node.keys: a NUL-terminated key */
};

struct mst_node {
	enum mst_kind	 kind;
	int		 line;		/* source line of the tag */
	unsigned	 bol : 1;	/* starts a line of output (indent here) */
	unsigned	 standalone : 1; /* tag had a line of its own */
	unsigned	 dynamic : 1;	/* {{>*x}} / {{<*x}} */
	char		*str;		/* text, or the (dotted) name */
	size_t		 len;
	char		*keys;		/* name with each '.' made a NUL */
	struct mst_seg	*seg;		/* dotted name parts; nseg 0 is "." */
	size_t		 nseg;
	char		*indent;	/* partial/parent/block: indentation */
	size_t		 indentlen;
	size_t		 dedent;	/* block: indentation of its content */
	struct mst_node	*kids;
	size_t		 nkids;
	size_t		 capkids;
};

struct mst_tmpl {
	char		*name;
	char		*key;		/* cache key ("admin/list") or NULL */
	struct mst_node	 root;		/* kind MST_SECTION, holds the tree */
};
#endif /* MST_INTERNAL */

#endif /* SALIENT_MUSTACHE_H */
