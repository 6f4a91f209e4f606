/*
 * main_fcgi.c - salient-fcgi, the FastCGI responder.
 *
 *   salient-fcgi [-c FILE] [-p PIDFILE] [-t]
 *
 * -t checks the config, the routes and the templates, and exits.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "salient/log.h"
#include "router.h"
#include "server.h"
#include "views.h"

static int check(const char *path)
{
	struct sl_config *c;
	struct views *v;
	char err[512];

	if ((c = conf_load(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (router_check(err, sizeof(err)) != 0 ||
	    (v = views_load(c->theme_dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "%s\n", err);
		conf_free(c);
		return 1;
	}
	views_free(v);
	conf_free(c);
	printf("%s: ok\n", path);
	return 0;
}

int main(int argc, char **argv)
{
	const char *conf = NULL, *pid = NULL;
	char err[512];
	int ch, test = 0;

	while ((ch = getopt(argc, argv, "c:p:tV")) != -1) {
		switch (ch) {
		case 'c':
			conf = optarg;
			break;
		case 'p':
			pid = optarg;
			break;
		case 't':
			test = 1;
			break;
		case 'V':
			printf("salient-fcgi %s\n", SL_VERSION);
			return 0;
		default:
			fprintf(stderr, "usage: salient-fcgi [-c FILE] [-p PIDFILE] [-t] [-V]\n");
			return 2;
		}
	}
	log_setup("info", "salient-fcgi");
	/*
	 * No fast bins: a request frees hundreds of small blocks (its JSON
	 * model), and libfcgi's next accept asks for 8 KiB buffers, which made
	 * glibc consolidate every fast bin on every request (measured on the
	 * trade page: 5% of the responder's time in malloc_consolidate).
	 */
	mallopt(M_MXFAST, 0);
	if (test)
		return check(conf_path(conf));
	if (router_check(err, sizeof(err)) != 0) {
		log_err("%s", err);
		return 1;
	}
	return server_run(conf_path(conf), pid);
}
