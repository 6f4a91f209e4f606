/*
 * tap.h - a tiny TAP producer for Salient's C unit tests.
 *
 * Every tests/unit/test_*.c is its own program: it calls tap_ok() / tap_is_*()
 * once per check and returns tap_done() from main().  The output is TAP
 * (Test Anything Protocol), read by `prove`, which prints the project's
 * closing summary.  The plan line is printed at the end ("1..N"), so a test
 * needs no count up front.  Header-only on purpose: each test is one program.
 */
#ifndef SALIENT_TAP_H
#define SALIENT_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n;
static int tap_failed;

/* Records one check; name is printf-style.  Returns cond. */
__attribute__((format(printf, 2, 3)))
static inline int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

/* A diagnostic line ("# ..."), shown by prove on failure or with -v. */
__attribute__((format(printf, 1, 2)))
static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* String equality with a diagnostic showing both sides on failure. */
static inline int tap_is_str(const char *got, const char *want, const char *name)
{
	int ok = got != NULL && want != NULL ? strcmp(got, want) == 0 : got == want;

	if (!tap_ok(ok, "%s", name)) {
		tap_diag("     got: '%s'", got ? got : "(null)");
		tap_diag("expected: '%s'", want ? want : "(null)");
	}
	return ok;
}

static inline int tap_is_long(long long got, long long want, const char *name)
{
	int ok = got == want;

	if (!tap_ok(ok, "%s", name))
		tap_diag("got %lld, expected %lld", got, want);
	return ok;
}

/* |got - want| <= tol */
static inline int tap_is_near(double got, double want, double tol, const char *name)
{
	int ok = fabs(got - want) <= tol;

	if (!tap_ok(ok, "%s", name))
		tap_diag("got %.10g, expected %.10g (tolerance %g)", got, want, tol);
	return ok;
}

/* All of s as a number, for fixtures; a text that is not wholly one is a
 * failed test (and 0). */
static inline double tap_num(const char *s)
{
	char *end;
	double d = strtod(s, &end);

	if (end == s || *end != '\0')
		tap_ok(0, "'%s' is a number", s);
	return d;
}

static inline long tap_long(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end != '\0')
		tap_ok(0, "'%s' is a whole number", s);
	return v;
}

/* Prints the plan and returns the exit status for main(). */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	if (tap_failed)
		tap_diag("failed %d of %d", tap_failed, tap_n);
	return tap_failed ? 1 : 0;
}

#endif
