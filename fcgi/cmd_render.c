/*
 * cmd_render.c - `salient render [--partials DIR] TEMPLATE DATA.json`.
 *
 * Renders one template file with a JSON file as its context and prints the
 * result.  Partials and parents are looked up beside TEMPLATE first, then
 * in DIR.  Errors go to stderr as "file:line: reason"; exit status 1, or 2
 * for usage errors.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json.h>

#include "fileio.h"
#include "mustache.h"
#include "salient/jsonread.h"

#define DATA_MAX	(64u * 1024u * 1024u)	/* largest DATA.json */

static const char usage[] =
    "usage: salient render [--partials DIR] TEMPLATE DATA.json\n";

/* Parses DATA.json (any JSON text, through sl_json_read()) into *out (NULL
 * for null); returns 0, or -1 with "file:line: reason" in err. */
static int
load_data(const char *path, struct json_object **out, char *err, size_t errlen)
{
	char			 why[SL_JSON_ERRMAX], *src = NULL;
	size_t			 len, at, i;
	int			 line = 1, rc = -1;

	*out = NULL;
	if (fio_read(path, DATA_MAX, &src, &len, err, errlen) == -1)
		goto out;
	if (sl_json_read(src, len, out, &at, why, sizeof(why)) == -1) {
		for (i = 0; i < at && i < len; i++)
			if (src[i] == '\n')
				line++;
		snprintf(err, errlen, "%s:%d: invalid JSON at byte %zu: %s", path, line,
		    at, why);
		goto out;
	}
	rc = 0;
out:
	free(src);
	return rc;
}

int
cmd_render(int argc, char **argv)
{
	const char		*partials = NULL, *tpath, *dpath, *dirs[2];
	struct json_object	*data = NULL;
	struct mst_loader	 ld;
	struct mst_buf		 out;
	mst_cache		*cache = NULL;
	mst_tmpl		*t = NULL;
	char			 err[1024], *src = NULL, *dir = NULL, *slash;
	size_t			 len;
	int			 i, rc = 1;

	mst_buf_init(&out);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--partials") == 0 && i + 1 < argc)
			partials = argv[++i];
		else if (strncmp(argv[i], "--partials=", 11) == 0)
			partials = argv[i] + 11;
		else if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return 0;
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fputs(usage, stderr);
			return 2;	/* nothing allocated yet */
		} else
			break;
	}
	if (argc - i != 2 || (partials != NULL && *partials == '\0')) {
		fputs(usage, stderr);
		return 2;
	}
	tpath = argv[i];
	dpath = argv[i + 1];

	if ((dir = strdup(tpath)) == NULL) {
		fprintf(stderr, "salient render: out of memory\n");
		goto out;
	}
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = strdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	dirs[0] = dir;
	dirs[1] = partials;
	if (dir == NULL ||
	    (cache = mst_cache_new(dirs, partials != NULL ? 2 : 1)) == NULL) {
		fprintf(stderr, "salient render: out of memory\n");
		goto out;
	}

	if (fio_read(tpath, MST_SRC_MAX, &src, &len, err, sizeof(err)) == -1 ||
	    (t = mst_compile(tpath, src, len, err, sizeof(err))) == NULL ||
	    load_data(dpath, &data, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		goto out;
	}
	ld = mst_cache_loader(cache);
	if (mst_render(t, data, &ld, &out, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		goto out;
	}
	if (fwrite(out.data, 1, out.len, stdout) != out.len ||
	    fflush(stdout) == EOF) {
		fprintf(stderr, "salient render: stdout: %s\n",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	mst_buf_free(&out);
	mst_free(t);
	mst_cache_free(cache);
	json_object_put(data);
	free(src);
	free(dir);
	return rc;
}
