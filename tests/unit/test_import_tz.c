/*
 * test_import_tz.c - the importer's pure parts: the site time zone
 * (TZif files, DST gaps and overlaps in Europe/Copenhagen, the POSIX rule
 * after the last transition) and the host id map.
 */
#include <stdio.h>
#include <string.h>

#include "salient/contract.h"
#include "import_map.h"
#include "import_tz.h"
#include "tap.h"

/* wall/UTC seconds of a civil time */
static long long at(int y, int mo, int d, int h, int mi)
{
	return (long long)dc_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static void test_tz(void)
{
	struct itz z;
	char err[256];

	tap_ok(itz_load(&z, NULL, "Europe/Copenhagen", err, sizeof(err)) == 0,
	    "Europe/Copenhagen loads");
	/* winter: +1 */
	tap_ok(itz_to_utc(&z, at(2024, 1, 15, 12, 0)) == at(2024, 1, 15, 11, 0), "winter is UTC+1");
	/* summer: +2 */
	tap_ok(itz_to_utc(&z, at(2024, 7, 1, 0, 30)) == at(2024, 6, 30, 22, 30),
	    "00:30 on 1 July is 22:30 UTC the day before");
	/* spring forward 2024-03-31 02:00 -> 03:00 */
	tap_ok(itz_to_utc(&z, at(2024, 3, 31, 1, 59)) == at(2024, 3, 31, 0, 59), "01:59 before the gap");
	tap_ok(itz_to_utc(&z, at(2024, 3, 31, 2, 30)) == at(2024, 3, 31, 1, 30),
	    "02:30 in the spring gap is read as 03:30 summer time");
	tap_ok(itz_to_utc(&z, at(2024, 3, 31, 3, 0)) == at(2024, 3, 31, 1, 0), "03:00 after the gap");
	/* fall back 2024-10-27 03:00 -> 02:00: 02:30 twice, the first one */
	tap_ok(itz_to_utc(&z, at(2024, 10, 27, 2, 30)) == at(2024, 10, 27, 0, 30),
	    "02:30 in the autumn overlap is the first (summer) one");
	tap_ok(itz_to_utc(&z, at(2024, 10, 27, 3, 30)) == at(2024, 10, 27, 2, 30), "03:30 after it");
	tap_ok(itz_offset(&z, at(2024, 10, 27, 0, 59)) == 7200 &&
	    itz_offset(&z, at(2024, 10, 27, 1, 0)) == 3600, "the change is at 01:00 UTC");
	/* far future: the POSIX rule (or the file's transitions) */
	tap_ok(itz_offset(&z, at(2040, 7, 1, 12, 0)) == 7200, "summer time in 2040");
	tap_ok(itz_offset(&z, at(2040, 12, 1, 12, 0)) == 3600, "winter time in 2040");
	tap_ok(itz_offset(&z, at(2040, 3, 25, 0, 59)) == 3600 && itz_offset(&z, at(2040, 3, 25, 1, 0)) == 7200,
	    "2040 spring change on the last Sunday of March at 01:00 UTC");
	tap_ok(itz_load(&z, NULL, "UTC", err, sizeof(err)) == 0 && itz_to_utc(&z, 1000) == 1000, "UTC");
	tap_ok(itz_load(&z, NULL, "", err, sizeof(err)) == 0 && itz_offset(&z, 5) == 0, "no zone is UTC");
	tap_ok(itz_load(&z, NULL, "Nowhere/Atlantis", err, sizeof(err)) != 0 && strstr(err, "no such zone"),
	    "an unknown zone is refused: %s", err);
	tap_ok(itz_load(&z, NULL, "../etc/passwd", err, sizeof(err)) != 0, "a path is not a zone name");
	tap_ok(itz_load(&z, NULL, "America/New_York", err, sizeof(err)) == 0 &&
	    itz_to_utc(&z, at(2024, 3, 10, 2, 30)) == at(2024, 3, 10, 7, 30),
	    "New York's spring gap: 02:30 read as EST");
	tap_ok(itz_load(&z, NULL, "Australia/Sydney", err, sizeof(err)) == 0 &&
	    itz_offset(&z, at(2045, 1, 1, 0, 0)) == 39600 && itz_offset(&z, at(2045, 7, 1, 0, 0)) == 36000,
	    "southern hemisphere rule (Sydney 2045)");
}

static void test_map(void)
{
	struct im_map m;
	char key[32];
	int i, ok = 1;

	im_init(&m);
	tap_ok(im_get(&m, "a", 1) == NULL, "an empty map finds nothing");
	for (i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof(key), "C%07d", i);

		if (im_put(&m, key, (size_t)n, (uint32_t)i + 1) == NULL)
			ok = 0;
	}
	tap_ok(ok && m.n == 100000, "100000 keys go in");
	for (i = 0; i < 100000 && ok; i++) {
		int n = snprintf(key, sizeof(key), "C%07d", i);
		struct im_entry *e = im_get(&m, key, (size_t)n);

		ok = e != NULL && e->id == (uint32_t)i + 1 && memcmp(im_key(&m, e), key, (size_t)n) == 0;
	}
	tap_ok(ok, "and each comes back with its id");
	tap_ok(im_get(&m, "c0000001", 8) == NULL, "keys compare by bytes (case matters)");
	tap_ok(im_put(&m, "C0000001", 8, 77) != NULL && m.n == 100000 &&
	    im_get(&m, "C0000001", 8)->id == 77, "putting a key again updates it");
	im_free(&m);
	tap_ok(m.n == 0 && im_get(&m, "C0000001", 8) == NULL, "a freed map is empty");
}

int main(void)
{
	test_tz();
	test_map();
	return tap_done();
}
