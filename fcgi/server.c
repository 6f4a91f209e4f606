/*
 * server.c - master and worker processes of salient-fcgi.
 *
 * Master: reads the config, binds the socket, forks `workers` children and
 * replaces any that dies (within a second; a child that dies at once again
 * and again is restarted at most every 200 ms).  SIGHUP: the config is read
 * again and, when valid, a new generation of workers is started on the same
 * socket while the old one is told to stop gracefully, so no request in
 * flight fails (templates and config are loaded by each worker at start).
 * SIGTERM/SIGINT: the workers are told to stop, and the master exits when
 * they have, killing any left after 5 seconds.
 *
 * Worker: `threads` threads each loop on FCGX_Accept_r with their own
 * database connection.  The main thread waits for signals.  On SIGTERM it
 * sets libfcgi's shutdown flag and interrupts the threads blocked in
 * accept() with SIGUSR1 (installed without SA_RESTART, so accept returns
 * EINTR and libfcgi sees the flag); a thread inside a request finishes it
 * first.  nginx must not use fastcgi_keep_conn with this model: a kept
 * connection pins one thread (deploy/nginx-salient.conf says so).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <mysql.h>

#include "config.h"
#include "salient/log.h"
#include "request.h"
#include "server.h"

#define MAX_WORKERS 256
#define STOP_GRACE_MS 5000

struct child {
	pid_t pid;
	unsigned gen;
};

static volatile sig_atomic_t got_term, got_hup, got_chld;

static void on_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGINT)
		got_term = 1;
	else if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGCHLD)
		got_chld = 1;
}

static void on_usr1(int sig)
{
	(void)sig;   /* only interrupts accept() */
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* ---------------------------------------------------------------- worker */

struct wthread {
	pthread_t tid;
	int listen_fd;
	int index;
	const struct sl_config *conf;
	struct worker_ctx *app;
	volatile int finished;
};

static void *thread_main(void *arg)
{
	struct wthread *t = arg;
	struct thread_ctx *tc = NULL;
	FCGX_Request fx;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	mysql_thread_init();
	if (FCGX_InitRequest(&fx, t->listen_fd, 0) != 0 ||
	    (tc = thread_ctx_new(t->app, t->index)) == NULL) {
		log_err("thread %d: cannot initialise", t->index);
		goto done;
	}
	while (FCGX_Accept_r(&fx) >= 0) {
		request_handle(tc, &fx);
		FCGX_Finish_r(&fx);
	}
	FCGX_Free(&fx, 1);
done:
	thread_ctx_free(tc);
	mysql_thread_end();
	t->finished = 1;
	return NULL;
}

static int worker_main(const struct sl_config *conf, int listen_fd, unsigned gen)
{
	struct wthread *th = NULL;
	struct worker_ctx *app = NULL;
	struct sigaction sa;
	sigset_t set;
	long deadline;
	int i, n = 0, sig, rc = 1, alive;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;   /* no SA_RESTART: accept() returns EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	/* all threads start with these blocked; the main thread sigwaits */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	/* handlers see the site's calendar: localtime_r() is in its time zone */
	if (conf->timezone != NULL && conf->timezone[0] != '\0') {
		setenv("TZ", conf->timezone, 1);
		tzset();
	}
	if (mysql_library_init(0, NULL, NULL) != 0 || FCGX_Init() != 0) {
		log_err("worker: library initialisation failed");
		goto done;
	}
	if ((app = worker_ctx_new(conf)) == NULL)
		goto done;
	if ((th = calloc((size_t)conf->threads, sizeof(*th))) == NULL)
		goto done;
	for (i = 0; i < conf->threads; i++) {
		th[i].listen_fd = listen_fd;
		th[i].index = i;
		th[i].conf = conf;
		th[i].app = app;
		if (pthread_create(&th[i].tid, NULL, thread_main, &th[i]) != 0) {
			log_err("worker: pthread_create failed");
			break;
		}
		n++;
	}
	log_info("worker generation %u ready with %d threads", gen, n);
	sigdelset(&set, SIGUSR1);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig == SIGTERM || sig == SIGINT)
			break;
		/* SIGHUP goes to the master, which replaces the workers */
	}
	FCGX_ShutdownPending();
	deadline = now_ms() + STOP_GRACE_MS;
	do {
		alive = 0;
		for (i = 0; i < n; i++) {
			if (!th[i].finished) {
				alive++;
				pthread_kill(th[i].tid, SIGUSR1);
			}
		}
		if (alive) {
			struct timespec ts = { 0, 20 * 1000000L };

			nanosleep(&ts, NULL);
		}
	} while (alive && now_ms() < deadline);
	if (alive) {
		log_warn("worker: %d threads still busy after %d ms, exiting", alive, STOP_GRACE_MS);
		_exit(0);
	}
	for (i = 0; i < n; i++)
		pthread_join(th[i].tid, NULL);
	rc = 0;
done:
	free(th);
	worker_ctx_free(app);
	mysql_library_end();
	return rc;
}

/* ---------------------------------------------------------------- master */

static int open_listen(const struct sl_config *c)
{
	mode_t old;
	int fd;

	if (c->listen[0] == '/') {
		if (unlink(c->listen) != 0 && errno != ENOENT) {
			log_err("cannot remove stale socket %s: %s", c->listen, strerror(errno));
			return -1;
		}
		old = umask(0777 & ~(mode_t)c->socket_mode);
		fd = FCGX_OpenSocket(c->listen, (int)c->backlog);
		umask(old);
		if (fd >= 0)
			chmod(c->listen, (mode_t)c->socket_mode);
	} else {
		fd = FCGX_OpenSocket(c->listen, (int)c->backlog);
	}
	if (fd < 0)
		log_err("cannot listen on %s: %s", c->listen, strerror(errno));
	else
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

static pid_t spawn(const struct sl_config *c, int fd, unsigned gen)
{
	pid_t pid = fork();

	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		_exit(worker_main(c, fd, gen));
	}
	if (pid < 0)
		log_err("fork: %s", strerror(errno));
	return pid;
}

static void signal_gen(struct child *ch, size_t n, int sig, int older_than, unsigned gen)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ch[i].pid > 0 && (!older_than || ch[i].gen < gen))
			kill(ch[i].pid, sig);
}

static size_t count_alive(const struct child *ch, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += ch[i].pid > 0;
	return k;
}

static int write_pid(const char *path)
{
	FILE *f;

	if (path == NULL)
		return 0;
	if ((f = fopen(path, "w")) == NULL) {
		log_err("cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "%d\n", (int)getpid());
	return fclose(f) == 0 ? 0 : -1;
}

int server_run(const char *conf_file, const char *pid_file)
{
	struct child ch[MAX_WORKERS * 2];
	struct sl_config *conf = NULL, *next;
	struct sigaction sa;
	sigset_t block, old;
	char err[512];
	unsigned gen = 1;
	long last_spawn = 0, stop_deadline = 0;
	int fd = -1, rc = 1, stopping = 0;
	size_t i, nch = sizeof(ch) / sizeof(ch[0]);

	memset(ch, 0, sizeof(ch));
	if ((conf = conf_load(conf_file, err, sizeof(err))) == NULL) {
		log_err("%s", err);
		goto done;
	}
	log_setup(conf->log_level, "salient-fcgi");
	if ((fd = open_listen(conf)) < 0 || write_pid(pid_file) != 0)
		goto done;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);

	log_info("salient-fcgi %s listening on %s with %ld workers x %ld threads",
	    SL_VERSION, conf->listen, conf->workers, conf->threads);
	for (;;) {
		pid_t pid;
		int status;

		/* reap */
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (i = 0; i < nch; i++) {
				if (ch[i].pid != pid)
					continue;
				if (!stopping && ch[i].gen == gen &&
				    !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
					log_warn("worker %d died (%s %d), replacing it", (int)pid,
					    WIFSIGNALED(status) ? "signal" : "status",
					    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
				ch[i].pid = 0;
			}
		}
		if (got_term && !stopping) {
			stopping = 1;
			stop_deadline = now_ms() + STOP_GRACE_MS + 500;
			log_info("stopping: waiting for requests in flight");
			signal_gen(ch, nch, SIGTERM, 0, 0);
		}
		if (stopping) {
			if (count_alive(ch, nch) == 0)
				break;
			if (now_ms() > stop_deadline) {
				signal_gen(ch, nch, SIGKILL, 0, 0);
				stop_deadline = now_ms() + 1000;
			}
		}
		if (got_hup && !stopping) {
			got_hup = 0;
			if ((next = conf_load(conf_file, err, sizeof(err))) == NULL) {
				log_err("reload refused, keeping the running config: %s", err);
			} else {
				if (strcmp(next->listen, conf->listen) != 0)
					log_warn("reload: 'listen' changes only on restart");
				conf_free(conf);
				conf = next;
				log_setup(conf->log_level, NULL);
				gen++;
				log_info("reload: starting worker generation %u", gen);
			}
		}
		/* keep `workers` children of the current generation alive */
		if (!stopping) {
			size_t cur = 0;

			for (i = 0; i < nch; i++)
				cur += ch[i].pid > 0 && ch[i].gen == gen;
			while (cur < (size_t)conf->workers && now_ms() - last_spawn >= 0) {
				for (i = 0; i < nch && ch[i].pid > 0; i++)
					;
				if (i == nch)
					break;
				if ((pid = spawn(conf, fd, gen)) < 0)
					break;
				ch[i].pid = pid;
				ch[i].gen = gen;
				cur++;
			}
			/* once the new generation is up, retire the old one */
			if (cur == (size_t)conf->workers)
				signal_gen(ch, nch, SIGTERM, 1, gen);
			/* a worker that dies at start must not spin the master */
			last_spawn = now_ms();
		}
		if (!got_term && !got_hup) {
			struct timespec ts = { 0, 200 * 1000000L };
			sigset_t wait = old;

			/* sleep until a signal or 200 ms: replaces a dead worker in time */
			got_chld = 0;
			sigprocmask(SIG_SETMASK, &wait, NULL);
			nanosleep(&ts, NULL);
			sigprocmask(SIG_BLOCK, &block, NULL);
		}
	}
	log_info("stopped");
	rc = 0;
done:
	if (fd >= 0) {
		close(fd);
		if (conf != NULL && conf->listen[0] == '/')
			unlink(conf->listen);
	}
	if (pid_file)
		unlink(pid_file);
	conf_free(conf);
	return rc;
}
