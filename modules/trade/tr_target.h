/*
 * tr_target.h - a customer's sales target as of a day (DESIGN.md section
 * 5: actual = paid revenue in the period up to T; progress = actual /
 * amount; forecast = actual x period days / elapsed days), with the period
 * edges defined.  Pure computation, tested in tests/unit/test_trade_target.c.
 *
 * Days are day numbers (days since 1970-01-01, dc_days_from_civil()); a
 * period [start, end] holds both ends.  Money is int64 ten-thousandths.
 *
 * The edges, as of day T:
 *
 *   T < start         state "upcoming": elapsed 0, actual 0 (no day of the
 *                     period has been counted), progress 0, and NO forecast
 *                     (there is nothing to extrapolate from: undefined, shown
 *                     as a dash, null in JSON).
 *   T = start         state "running", the first day: elapsed 1 (T's own
 *                     orders count), forecast = actual x period days.
 *   start < T < end   elapsed = T - start + 1.
 *   T = end           the last day: elapsed = period days, forecast = actual.
 *   T > end           state "ended": actual counts the whole period and no
 *                     more, elapsed = period days, forecast = actual (the
 *                     final result).
 *
 * The forecast is rounded half away from zero to a ten-thousandth, on
 * integers (never through a double).
 */
#ifndef SALIENT_TRADE_TARGET_H
#define SALIENT_TRADE_TARGET_H

#include <stddef.h>
#include <stdint.h>

enum tr_tstate {
	TR_UPCOMING = 0,
	TR_RUNNING,
	TR_ENDED,
};

struct tr_progress {
	enum tr_tstate state;
	int64_t period_days;    /* end - start + 1 */
	int64_t elapsed_days;   /* days of the period up to T (0 .. period_days) */
	int64_t actual;         /* as given */
	int64_t amount;
	double progress_pct;    /* 100 x actual / amount */
	int forecast_def;       /* 0 before the period starts */
	int64_t forecast;       /* ten-thousandths, when forecast_def */
	int64_t remaining;      /* amount - actual, at least 0 */
};

/*
 * The days whose paid revenue is the target's actual as of t: [*from, *to]
 * = [start, min(t, end)].  Returns 1, or 0 when no day counts yet
 * (t < start; *from and *to are then set to start and start - 1).
 */
int tr_target_window(int64_t start, int64_t end, int64_t t, int64_t *from, int64_t *to);

/*
 * Progress and forecast of a target [start, end] of amount (> 0) with
 * actual revenue in tr_target_window() as of t.  Returns 0, or -1 when
 * end < start, amount <= 0 or the forecast would overflow.
 */
int tr_target_progress(int64_t start, int64_t end, int64_t amount, int64_t actual, int64_t t,
    struct tr_progress *out);

/*
 * The default period of a target that starts on start: `months` calendar
 * months, ending the day before the same day of the month `months` later
 * (when that month is too short for the day, the day before the first of
 * the month after it): 2026-01-01 -> 2026-12-31, 2031-03-01 -> 2032-02-29,
 * 2024-02-29 -> 2025-02-28, 2024-01-31 (1 month) -> 2024-02-29.
 */
int64_t tr_default_end(int64_t start, int months);

/*
 * The customer's target as of t among its n targets (periods start[i] ..
 * end[i], ids id[i]): the one whose period holds t (when several do, the
 * latest start, then the earliest end, then the smallest id); else the next
 * upcoming one (earliest start, then earliest end, then smallest id); else
 * the one that ended last (latest end, then latest start, then smallest
 * id).  Returns its index, or -1 when n is 0.
 */
long tr_target_choose(const int64_t *start, const int64_t *end, const long long *id, size_t n,
    int64_t t);

/*
 * The monthly slices of the summary chart as of t: b[i] = t - (24 - i)
 * months (clamped), i = 0..24, so b[24] = t.  Slice i (0..23) is
 * (b[i], b[i + 1]]: slices 0..11 cover the previous period Q, 12..23 the
 * current period C.
 */
void tr_month_bounds(int64_t t, int64_t b[25]);

/* The slice (0..23) holding day d, or -1 when d is outside (b[0], b[24]]. */
int tr_month_slice(const int64_t b[25], int64_t d);

/* The state's name: "upcoming", "running", "ended". */
const char *tr_tstate_name(enum tr_tstate s);

#endif
