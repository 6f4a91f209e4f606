/*
 * test_schedule.c - the times of a per-day schedule (struct sl_schedule):
 * runs evenly spread from midnight, sl_schedule_minute() and the worker's
 * reverse look-up cron_slot_at(), for every count a day the setting allows.
 */
#include <stdio.h>

#include "cron.h"
#include "salient/salient.h"
#include "tap.h"

int main(void)
{
	long n, i;
	int m, good;

	tap_is_long(sl_schedule_minute(4, 0), 0, "4 a day: 00:00");
	tap_is_long(sl_schedule_minute(4, 1), 6 * 60, "  06:00");
	tap_is_long(sl_schedule_minute(4, 2), 12 * 60, "  12:00");
	tap_is_long(sl_schedule_minute(4, 3), 18 * 60, "  18:00");
	tap_is_long(sl_schedule_minute(4, 4), -1, "  and no fifth");
	tap_is_long(sl_schedule_minute(1, 0), 0, "once a day: at midnight");
	tap_is_long(sl_schedule_minute(7, 1), 205, "7 a day: the second at 03:25 (1440 / 7 = 205.7, down)");
	tap_is_long(sl_schedule_minute(7, 6), 1234, "  the last at 20:34");
	tap_is_long(sl_schedule_minute(24, 23), 23 * 60, "24 a day: every hour, the last at 23:00");
	tap_is_long(sl_schedule_minute(0, 0), -1, "0 a day: off");
	tap_is_long(sl_schedule_minute(-1, 0), -1, "a negative count: off");

	tap_is_long(cron_slot_at(4, 0), 0, "the worker at 00:00 with 4 a day: run 1");
	tap_is_long(cron_slot_at(4, 6 * 60), 1, "at 06:00: run 2");
	tap_is_long(cron_slot_at(4, 18 * 60), 3, "at 18:00: run 4");
	tap_is_long(cron_slot_at(4, 6 * 60 + 1), -1, "at 06:01: nothing");
	tap_is_long(cron_slot_at(4, 5 * 60 + 59), -1, "at 05:59: nothing");
	tap_is_long(cron_slot_at(0, 0), -1, "off: nothing, not even at midnight");
	tap_is_long(cron_slot_at(4, 1440), -1, "a minute past the day: nothing");
	tap_is_long(cron_slot_at(7, 205), 1, "7 a day at 03:25: run 2");
	tap_is_long(cron_slot_at(7, 206), -1, "7 a day at 03:26: nothing");

	/* every count 1..1440: exactly n minutes of the day match, each once, in order */
	good = 1;
	for (n = 1; n <= 1440 && good; n++) {
		long seen = 0, last = -1;

		for (m = 0; m < 1440; m++) {
			i = cron_slot_at(n, m);
			if (i < 0)
				continue;
			if (i != last + 1 || sl_schedule_minute(n, i) != m) {
				tap_diag("n=%ld minute %d: run %ld after %ld", n, m, i, last);
				good = 0;
				break;
			}
			last = i;
			seen++;
		}
		if (good && seen != n) {
			tap_diag("n=%ld: %ld runs a day", n, seen);
			good = 0;
		}
	}
	tap_ok(good, "for every count 1..1440 a day, each run starts once, in order");
	return tap_done();
}
