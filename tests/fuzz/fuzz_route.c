/*
 * fuzz_route.c - libFuzzer target: fcgi/route_match.c.  The input is a
 * raw path for rm_path_normalize(), and, split at its first newline, a
 * pattern and a path for rm_match().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "route_match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const routes[] = {
	"/", "/admin/", "/admin/customers/{id}", "/admin/customers/{id}/comments",
	"/api/v1/{kind}/{id}", "/t/{token}/{rest*}", "/static/{path*}",
};

static void check_match(const char *pat, const char *path)
{
	struct rm_match m;
	size_t i, plen = strlen(path);
	int rc = rm_match(pat, path, &m);

	if ((rc == -1) != (rm_pattern_check(pat) != NULL) ||
	    (rc != 1 && m.count != 0) || m.count > RM_MAX_PARAMS)
		abort();
	for (i = 0; i < m.count; i++) {
		const struct rm_param *p = &m.params[i];

		if (p->value < path || p->value + p->vlen > path + plen ||
		    p->name < pat || p->nlen == 0 || rm_get(&m, "") != NULL)
			abort();
		if (p->name[p->nlen] != '*' && (p->vlen == 0 ||
		    memchr(p->value, '/', p->vlen) != NULL))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dst[512], *buf, *nl;
	const char *msg;
	size_t i, n;

	msg = rm_path_normalize((const char *)data, size, dst, sizeof(dst));
	if (msg == NULL) {
		n = strlen(dst);
		if (n == 0 || n > size || dst[0] != '/' || strstr(dst, "//") ||
		    strstr(dst, "/./") || strstr(dst, "/../") ||
		    (n >= 2 && strcmp(dst + n - 2, "/.") == 0) ||
		    (n >= 3 && strcmp(dst + n - 3, "/..") == 0) ||
		    !hp_utf8_valid(dst, n, NULL))
			abort();
		for (i = 0; i < n; i++)
			if ((unsigned char)dst[i] < 0x20 || dst[i] == 0x7f)
				abort();
		for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
			check_match(routes[i], dst);
	} else if (dst[0] != '\0')
		abort();

	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if ((nl = strchr(buf, '\n')) != NULL) {
		*nl = '\0';
		check_match(buf, nl + 1);
	}
	free(buf);
	return 0;
}
