/*
 * standalone_main.c - runs a libFuzzer target without libFuzzer, for a
 * smoke test with gcc: each argument is a file or a folder of files fed to
 * LLVMFuzzerTestOneInput() once; with no arguments (or "-n COUNT" first),
 * a few built-in seeds and COUNT (default 20000) deterministic random
 * mutations of them are fed instead.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SMOKE_MAX_INPUT (16u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const seeds[] = {
	"", "a=1&b=%41+c&a=%e2%82%ac", "q=abc%zz&x=%C0%AF",
	"sid=abc; theme=\"dark\"; bad",
	"text/html,application/xhtml+xml,*/*;q=0.8",
	"da-DK,da;q=0.9,en;q=0.8",
	("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n"
	"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.b\""
	"\r\nContent-Type: text/plain\r\n\r\n\x00\xff\r\n--XyZ--\r\n"),
	("multipart/form-data; boundary=\"b b\"\n--b b\r\nContent-Disposition: "
	"form-data; name=x; filename*=UTF-8''%C3%A6\r\n\r\n\r\n--b b--"),
	"/admin/customers/{id}/comments\n/admin/customers/42/comments",
	"/static/{path*}\n/static/a/b%2F/../c",
	"/caf%C3%A9/%2e%2e//x",
};

static const char *const tokens[] = {
	"%", "%2F", "%00", "%C0%AF", "+", "&", "=", ";", "\"", "\\", "\r\n",
	"\r\n\r\n", "--XyZ", "--", "{", "}", "{id}", "{r*}", "/", "/..", "q=",
	"*/*", "application/json", "filename*=", "name=", ",", "\n", "\xff",
};

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static int run_file(const char *path)
{
	FILE *f = NULL;
	char *buf = NULL;
	size_t n = 0;
	int rc = -1;

	if ((f = fopen(path, "rb")) == NULL ||
	    (buf = malloc(SMOKE_MAX_INPUT)) == NULL)
		goto out;
	n = fread(buf, 1, SMOKE_MAX_INPUT, f);
	if (ferror(f))
		goto out;
	LLVMFuzzerTestOneInput((const uint8_t *)buf, n);
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "%s: cannot read\n", path);
	if (f != NULL)
		fclose(f);
	free(buf);
	return rc;
}

static int run_path(const char *path, long *count)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char sub[4096];
	int rc = 0;

	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return run_file(path);
	}
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (size_t)snprintf(sub, sizeof(sub),
		    "%s/%s", path, de->d_name) >= sizeof(sub))
			continue;
		if (stat(sub, &st) == 0 && S_ISREG(st.st_mode)) {
			(*count)++;
			rc |= run_file(sub);
		}
	}
	closedir(d);
	return rc;
}

static void run_random(long iterations)
{
	uint8_t buf[2048];
	uint64_t s = 0x9e3779b97f4a7c15u;
	size_t n, k, i, ns = sizeof(seeds) / sizeof(seeds[0]);
	long it;

	for (i = 0; i < ns; i++)
		LLVMFuzzerTestOneInput((const uint8_t *)seeds[i], strlen(seeds[i]));
	for (it = 0; it < iterations; it++) {
		const char *seed = seeds[rnd(&s) % ns];

		n = strlen(seed);
		memcpy(buf, seed, n);
		for (k = rnd(&s) % 8 + 1; k > 0; k--) {
			size_t at = n ? rnd(&s) % (n + 1) : 0;
			const char *t = tokens[rnd(&s) % (sizeof(tokens) /
			    sizeof(tokens[0]))];
			size_t tl = strlen(t);

			switch (rnd(&s) % 4) {
			case 0:		/* flip a byte */
				if (at < n)
					buf[at] = (uint8_t)rnd(&s);
				break;
			case 1:		/* cut */
				n = at;
				break;
			case 2:		/* insert a token */
				if (n + tl <= sizeof(buf)) {
					memmove(buf + at + tl, buf + at, n - at);
					memcpy(buf + at, t, tl);
					n += tl;
				}
				break;
			default:	/* delete a byte */
				if (at < n) {
					memmove(buf + at, buf + at + 1, n - at - 1);
					n--;
				}
			}
		}
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("ran %zu seeds and %ld mutations\n", ns, iterations);
}

int main(int argc, char **argv)
{
	long iterations = 20000, count = 0;
	char *end;
	int i = 1, rc = 0;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		iterations = strtol(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0' || iterations < 0) {
			fprintf(stderr, "usage: %s [-n COUNT] [file|folder ...]\n",
			    argv[0]);
			return 2;
		}
		i = 3;
	}
	if (i == argc) {
		run_random(iterations);
		return 0;
	}
	for (; i < argc; i++)
		if (run_path(argv[i], &count) != 0) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			rc = 1;
		}
	printf("ran %ld inputs\n", count);
	return rc;
}
