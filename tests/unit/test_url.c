/*
 * test_url.c - URLs in bounded buffers (salient/url.h): encoding of
 * reserved characters and UTF-8, the query's separators, and overflow at
 * every length: a URL either fits whole or is unusable, never cut.
 */
#include <stdio.h>
#include <string.h>

#include "salient/url.h"
#include "tap.h"

/* Builds the test's one link into a buffer of size bytes. */
static const char *build(char *buf, size_t size)
{
	struct sl_url u;

	sl_url_init(&u, buf, size);
	sl_url_put(&u, "/admin/customers");
	sl_url_add(&u, "q", "Jens Ø&Co");
	sl_url_add_int(&u, "page", 2);
	return sl_url_get(&u);
}

int main(void)
{
	char buf[SL_URL_MAX], small[64];
	const char *want = "/admin/customers?q=Jens%20%C3%98%26Co&page=2";
	struct sl_url u;
	size_t n, fits = 0, cut = 0;

	tap_is_str(build(buf, sizeof(buf)), want, "path, a pair with UTF-8 and '&', a number");

	sl_url_init(&u, buf, sizeof(buf));
	sl_url_put(&u, "/x");
	tap_ok(sl_url_add(&u, "v", ":/?#[]@!$&'()*+,;= %~-._") == 0, "reserved characters added");
	tap_is_str(sl_url_get(&u),
	    "/x?v=%3A/%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%20%25~-._",
	    "every reserved byte encoded but '/'; unreserved kept");

	sl_url_init(&u, buf, sizeof(buf));
	sl_url_path(&u, "/p/a b/ø");
	sl_url_enc(&u, "F 2/x");
	tap_is_str(sl_url_get(&u), "/p/a%20b/%C3%B8F%202%2Fx",
	    "a path keeps '/', a segment encodes it");

	sl_url_init(&u, buf, sizeof(buf));
	sl_url_put(&u, "/r?lang=da");
	sl_url_add(&u, "a", NULL);
	sl_url_add(&u, "b", "");
	sl_url_add(&u, "c", "1");
	tap_is_str(sl_url_get(&u), "/r?lang=da&b=&c=1",
	    "after a '?' in the prefix pairs begin with '&'; NULL is left out, \"\" kept");

	sl_url_init(&u, buf, sizeof(buf));
	sl_url_add(&u, "only", "x");
	tap_is_str(sl_url_get(&u), "?only=x", "a query alone begins with '?'");

	/* every ceiling: the link fits whole, or nothing usable is left */
	for (n = 0; n <= sizeof(small); n++) {
		const char *got = build(small, n);

		if (got != NULL && strcmp(got, want) == 0)
			fits++;
		else if (got == NULL && (n == 0 || small[0] == '\0'))
			cut++;
	}
	tap_ok(fits + cut == sizeof(small) + 1, "at every size 0..%zu: whole or unusable", sizeof(small));
	tap_ok(fits == sizeof(small) + 1 - (strlen(want) + 1), "it fits from %zu bytes on (got %zu sizes)",
	    strlen(want) + 1, fits);
	tap_ok(build(small, strlen(want)) == NULL, "one byte short (no room for the NUL) fails");

	/* the failure sticks */
	sl_url_init(&u, small, 8);
	tap_ok(sl_url_put(&u, "/abcdefgh") == -1, "too long a prefix fails");
	tap_ok(sl_url_put(&u, "/a") == -1 && sl_url_add(&u, "a", "b") == -1 &&
	    sl_url_get(&u) == NULL && small[0] == '\0', "and every later append fails too");
	sl_url_init(&u, small, 8);
	tap_ok(sl_url_add(&u, "k", "ÆØÅ") == -1 && sl_url_get(&u) == NULL,
	    "an encoded value that grows past the ceiling fails whole");
	sl_url_init(&u, small, sizeof(small));
	tap_ok(sl_url_put(&u, NULL) == -1 && sl_url_get(&u) == NULL, "NULL text is a failure");
	sl_url_init(&u, small, sizeof(small));
	tap_ok(sl_url_add(&u, NULL, "v") == -1, "so is a NULL key");
	return tap_done();
}
