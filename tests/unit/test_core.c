/*
 * test_core.c - the core's pure parts: cron expressions, retry backoff,
 * the configuration file, and the route table (every route declares a role
 * and a well-formed pattern).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "cron.h"
#include "router.h"
#include "tap.h"

static struct tm at(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	mktime(&tm);   /* fills tm_wday */
	return tm;
}

static void test_cron(void)
{
	static const struct { const char *expr, *err; } bad[] = {
		{ "61 * * * *", "minute: 61 is out of range 0-59" },
		{ "* 24 * * *", "hour: 24 is out of range 0-23" },
		{ "* * 0 * *", "day of month: 0 is out of range 1-31" },
		{ "* * * 13 *", "month: 13 is out of range 1-12" },
		{ "* * * * 8", "day of week: 8 is out of range 0-7" },
		{ "* * * *", "expected 5 fields (minute hour day month weekday), got 4" },
		{ "* * * * * *", "more than 5 fields at '*'" },
		{ "5-1 * * * *", "minute: range 5-1 is backwards" },
		{ "*/0 * * * *", "minute: 0 is out of range 1-59" },
		{ "a * * * *", "minute: expected a number at 'a'" },
		{ "1;2 * * * *", "minute: unexpected ';'" },
	};
	struct cron c;
	struct tm tm;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		tap_ok(cron_parse(bad[i].expr, &c, err, sizeof(err)) == -1,
		    "cron '%s' refused", bad[i].expr);
		tap_is_str(err, bad[i].err, "  with the reason");
	}
	tap_ok(cron_parse("0 1,7,13,19 * * *", &c, err, sizeof(err)) == 0, "four times a day parses");
	tm = at(2026, 11, 23, 7, 0);
	tap_ok(cron_matches(&c, &tm), "matches 07:00");
	tm = at(2026, 11, 23, 7, 1);
	tap_ok(!cron_matches(&c, &tm), "not 07:01");
	tm = at(2026, 11, 23, 8, 0);
	tap_ok(!cron_matches(&c, &tm), "not 08:00");
	tap_ok(cron_parse("*/15 9-17 * * 1-5", &c, err, sizeof(err)) == 0, "office hours parse");
	tm = at(2026, 11, 23, 9, 45);   /* a Monday */
	tap_ok(cron_matches(&c, &tm), "Monday 09:45 matches");
	tm = at(2026, 11, 22, 9, 45);   /* a Sunday */
	tap_ok(!cron_matches(&c, &tm), "Sunday 09:45 does not");
	tap_ok(cron_parse("0 0 1 * 0", &c, err, sizeof(err)) == 0, "day 1 or Sunday parses");
	tm = at(2026, 11, 22, 0, 0);
	tap_ok(cron_matches(&c, &tm), "either restricted day field matches (Sunday)");
	tm = at(2026, 12, 1, 0, 0);
	tap_ok(cron_matches(&c, &tm), "either restricted day field matches (the 1st)");
	tm = at(2026, 12, 2, 0, 0);
	tap_ok(!cron_matches(&c, &tm), "neither: no match");
	tap_ok(cron_parse("0 0 * * 7", &c, err, sizeof(err)) == 0, "7 is Sunday too");
	tm = at(2026, 11, 22, 0, 0);
	tap_ok(cron_matches(&c, &tm), "7 matches a Sunday");
	tap_ok(cron_parse("0 12 29 2 *", &c, err, sizeof(err)) == 0, "29 February parses");
	tm = at(2028, 2, 29, 12, 0);
	tap_ok(cron_matches(&c, &tm), "matches on a leap day");

	tap_is_long(cron_backoff(1), 30, "first retry after 30 s");
	tap_is_long(cron_backoff(2), 60, "second after 60 s");
	tap_is_long(cron_backoff(5), 480, "fifth after 8 min");
	tap_is_long(cron_backoff(20), 3600, "never more than an hour");
	tap_is_long(cron_backoff(1000000), 3600, "even after very many");
}

static char *write_tmp(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/salient-conf-XXXXXX");
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_config(void)
{
	static const struct { const char *text, *err; } bad[] = {
		{ "[server]\nwokers = 2\n", ":2: unknown key 'wokers' in [server]" },
		{ "[server]\nworkers = 0\n", ":2: workers: '0' is not a number from 1 to 256" },
		{ "[server]\nthreads = lots\n", ":2: threads: 'lots' is not a number from 1 to 256" },
		{ "[nope]\nx = 1\n", ":2: unknown key 'x' in [nope]" },
		{ "[server\n", ":1: syntax error" },
		{ "[schedule]\nx = nokind\n", ":2: schedule x: expected five cron fields and a job kind" },
	};
	struct sl_config *c;
	char err[512], *p;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = write_tmp(bad[i].text);
		c = conf_load(p, err, sizeof(err));
		tap_ok(c == NULL, "config %zu refused", i);
		tap_ok(strstr(err, bad[i].err) != NULL && strncmp(err, p, strlen(p)) == 0,
		    "  reason '%s' names file and line: %s", bad[i].err, err);
		conf_free(c);
		unlink(p);
	}
	p = write_tmp("; comment\n[server]\nworkers = 3\nprefix = /shop/salient/\nsocket_mode = 0640\n"
	    "[database]\nsocket = /x.sock\n[schedule]\nrecompute = 0 1,7,13,19 * * * classify.recompute\n");
	c = conf_load(p, err, sizeof(err));
	tap_ok(c != NULL, "a good config loads");
	if (c) {
		tap_is_long(c->workers, 3, "workers read");
		tap_is_long(c->threads, 8, "threads default");
		tap_is_long(c->socket_mode, 0640, "socket_mode is octal");
		tap_is_str(c->prefix, "/shop/salient", "prefix loses its trailing slash");
		tap_is_str(c->db_socket, "/x.sock", "database socket read");
		tap_is_str(c->db_name, "salient", "database name default");
		tap_is_long((long long)c->nschedule, 1, "one schedule entry");
		tap_is_str(c->schedule[0].cron, "0 1,7,13,19 * * *", "schedule cron");
		tap_is_str(c->schedule[0].kind, "classify.recompute", "schedule kind");
	}
	conf_free(c);
	unlink(p);
	c = conf_load("/nonexistent/salient.conf", err, sizeof(err));
	tap_ok(c == NULL && strstr(err, "/nonexistent/salient.conf: cannot open") != NULL,
	    "a missing file is named: %s", err);
	/* the shipped example is complete and valid */
	c = conf_load("deploy/salient.conf.example", err, sizeof(err));
	tap_ok(c != NULL, "deploy/salient.conf.example loads (%s)", c ? "ok" : err);
	conf_free(c);
}

static int nroutes, nbad, nundeclared;

static void each(const struct sl_module *m, const struct sl_route *r, void *arg)
{
	(void)arg;
	nroutes++;
	if (r->role == SL_ROLE_UNSET) {
		nbad++;
		tap_diag("module %s: route %s declares no role", m->name, r->pattern);
	}
	/* salient/input.h: every route names its inputs (sl_no_inputs for none) */
	if (r->inputs == NULL) {
		nundeclared++;
		tap_diag("module %s: route %s declares no inputs", m->name, r->pattern);
	}
}

static void test_routes(void)
{
	char err[256];

	router_each(each, NULL);
	tap_ok(nroutes > 0, "the route table has %d routes", nroutes);
	tap_is_long(nbad, 0, "every route declares the role it needs");
	tap_is_long(nundeclared, 0, "every route declares its inputs");
	err[0] = '\0';
	tap_ok(router_check(err, sizeof(err)) == 0, "router_check passes: %s", err[0] ? err : "ok");
}

int main(void)
{
	test_cron();
	test_config();
	test_routes();
	return tap_done();
}
