/*
 * cron.h - five-field cron expressions (minute hour day-of-month month
 * day-of-week) for the worker's schedule.  Pure computation.
 */
#ifndef SALIENT_CRON_H
#define SALIENT_CRON_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct cron {
	uint64_t minute;   /* bits 0..59 */
	uint32_t hour;     /* bits 0..23 */
	uint32_t mday;     /* bits 1..31 */
	uint16_t month;    /* bits 1..12 */
	uint8_t wday;      /* bits 0..6, Sunday 0 (7 is read as 0) */
	int mday_any, wday_any;
};

/*
 * Parses "*", numbers, ranges "a-b", lists "a,b" and steps "x/n" in each
 * field.  Returns 0, or -1 with the reason in err ("hour: 24 is out of
 * range 0-23").
 */
int cron_parse(const char *expr, struct cron *c, char *err, size_t errlen);

/*
 * 1 when the calendar minute tm matches.  As in cron(8): when both
 * day-of-month and day-of-week are restricted, either may match.
 */
int cron_matches(const struct cron *c, const struct tm *tm);

/*
 * The run of a per-day schedule (salient.h, struct sl_schedule) that starts
 * at minute `minute` (0..1439) of the day: its index i, so that
 * sl_schedule_minute(per_day, i) == minute, or -1 when none does (and when
 * per_day is 0, off, or out of range).
 */
long cron_slot_at(long per_day, int minute);

/* Seconds to wait before retry number `attempt` (1-based): 30 s doubling, at most 1 h. */
long cron_backoff(unsigned attempt);

#endif
