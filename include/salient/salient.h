/*
 * salient.h - the module API.
 *
 * A module is one folder under modules/ that exports one const struct
 * sl_module: its routes, its job kinds, its schedules, its settings and its
 * command-line commands.  The
 * core (fcgi/) lists the modules in one table (fcgi/modules.c) and knows no
 * module by name beyond it.
 *
 * Request flow: the core parses and validates the request, finds the route,
 * checks the role the route declares, and calls the handler with a request
 * (read-only inputs) and a response.  A handler fills the response's view
 * model (a json-c object) and status; the core renders it as JSON (API paths,
 * Accept: application/json) or through the route's template.
 */
#ifndef SALIENT_SALIENT_H
#define SALIENT_SALIENT_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#define SL_VERSION "0.1.0"

struct sl_req;
struct sl_resp;
struct sl_db;
struct sl_job;

/* HTTP methods, a bit set so one route can serve several. */
enum sl_method {
	SL_GET = 1 << 0,
	SL_HEAD = 1 << 1,
	SL_POST = 1 << 2,
	SL_PUT = 1 << 3,
	SL_DELETE = 1 << 4,
};

/*
 * Who may call a route.  Every route must name one: the zero value is
 * SL_ROLE_UNSET, which the core refuses to serve (and a test walks the
 * route table for it), so an unprotected route cannot be written by accident.
 */
enum sl_role {
	SL_ROLE_UNSET = 0,
	SL_ROLE_PUBLIC,   /* anyone: health, login page, campaign links */
	SL_ROLE_CUSTOMER, /* a signed-in trade customer (/account/) */
	SL_ROLE_AGENT,    /* staff: sales agent or admin */
	SL_ROLE_ADMIN,    /* staff: admin only */
	SL_ROLE_IMPORT,   /* the data importer: API tokens of scope import or
	                     admin, and admins */
};

/* Route handler: fills resp; returns 0, or -1 for an internal error (500). */
typedef int (*sl_handler)(struct sl_req *req, struct sl_resp *resp);

struct sl_input;

/* struct sl_route flags */
#define SL_ROUTE_OPEN_INPUTS 0x1u  /* besides its declared inputs the route takes
                                      fields it validates against its own const
                                      table (the settings form: one field per
                                      setting of every module) */
#define SL_ROUTE_LONG 0x2u         /* a download or import that may take long:
                                      its statements have [server]
                                      download_seconds, not request_seconds */

struct sl_route {
	unsigned methods;       /* enum sl_method bits */
	const char *pattern;    /* below the prefix: "/admin/customers/{id:uint}" */
	sl_handler handler;
	enum sl_role role;
	const char *template;   /* theme template for HTML, NULL = JSON only */
	/* the inputs it takes (salient/input.h), ended by a zeroed entry;
	   sl_no_inputs for none */
	const struct sl_input *inputs;
	unsigned flags;         /* SL_ROUTE_* */
	/* the Content-Types of the bodies it takes ("text/csv"), NULL-ended;
	   another type is answered 415 naming these.  NULL: those the core
	   parses (JSON, forms, uploads), not raw CSV or NDJSON */
	const char *const *bodies;
};

/* A job kind: fn runs one claimed job; returns 0, or -1 with sl_job_fail_key(). */
struct sl_job_kind {
	const char *kind;       /* "module.name", e.g. "core.cleanup" */
	int (*fn)(struct sl_job *job);
};

/*
 * A schedule a module declares, with its times taken from a setting: the
 * worker queues a job of `kind` with `args` per_day times a day, where
 * per_day is the current value of the INT setting `per_day` (settings.h; 0
 * turns the schedule off).  The runs are spread evenly from midnight in the
 * site's time zone: run i (0 <= i < per_day) at minute
 * sl_schedule_minute(per_day, i) of the day (4 a day: 00:00, 06:00, 12:00,
 * 18:00).  As with the config file's [schedule] entries, each run is queued
 * exactly once however many workers there are (a unique key per schedule
 * and minute), and a worker busy with a long job queues the runs it missed
 * meanwhile when it is free again.  The setting is read every minute, so a
 * change takes effect without a restart.
 */
struct sl_schedule {
	const char *name;      /* unique across modules: "classify.recompute" */
	const char *kind;      /* the job kind to queue */
	const char *args;      /* the job's arguments as JSON object text,
	                          or NULL for {} */
	const char *per_day;   /* key of an INT setting: runs per day */
};

/*
 * The minute of the day (0..1439) of run i of a schedule of per_day runs a
 * day: floor(i * 1440 / per_day).  -1 when per_day is not in 1..1440 or i
 * not in 0..per_day-1.  Pure.
 */
int sl_schedule_minute(long per_day, long i);

/* Seconds on the monotonic clock (for durations: the difference of two). */
double sl_now(void);

/* A command of the `salient` program: returns the process exit status. */
struct sl_command {
	const char *name;
	int (*fn)(int argc, char **argv);   /* argv[0] is the command name */
	const char *usage;                  /* "[--as-of DATE]" */
	const char *summary;                /* one line for `salient help` */
};

/*
 * The groups of the admin navigation: a dropdown each in the bar, shown only
 * when the user may see one of its entries.  SL_NAV_NONE is a plain entry of
 * the bar (the dashboard).  The labels and order are in sl_nav_groups[].
 */
enum sl_nav_group {
	SL_NAV_NONE = 0,
	SL_NAV_CUSTOMERS,
	SL_NAV_MARKETING,
	SL_NAV_INSIGHTS,
	SL_NAV_ADMIN,
};

/* A group of the bar: its id, catalog key of its label, position in the bar. */
struct sl_nav_group_def {
	enum sl_nav_group group;
	const char *name;       /* "customers": ids and data attributes */
	const char *key;        /* "nav.group.customers" */
	int order;              /* among the bar's plain entries and groups */
};

/* Every group, in no particular order; ends with a zeroed entry (fcgi/modules.c). */
extern const struct sl_nav_group_def sl_nav_groups[];

/* An entry of the admin navigation, shown when the user's role allows it. */
struct sl_nav {
	const char *key;        /* catalog key of the label: "nav.customers" */
	const char *path;       /* below the prefix: "/admin/customers" */
	enum sl_role role;      /* who sees it */
	int order;              /* position in its group (or in the bar), ascending */
	enum sl_nav_group group; /* its dropdown, or SL_NAV_NONE for the bar */
};

struct sl_settings;
struct sl_sql;

struct sl_module {
	const char *name;
	const struct sl_nav *nav;           /* ends with a zeroed entry, or NULL */
	const struct sl_route *routes;      /* ends with a zeroed entry */
	const struct sl_job_kind *jobs;     /* ends with a zeroed entry, or NULL */
	const struct sl_command *commands;  /* ends with a zeroed entry, or NULL */
	const struct sl_settings *settings; /* its section of the settings page
	                                       (settings.h), or NULL */
	const struct sl_schedule *schedules; /* ends with a zeroed entry, or NULL */
	/* after an import committed rows (sl_data_imported): queue follow-up
	   work (a job), never do it in the importer's time; or NULL */
	void (*data_imported)(struct sl_db *db);
	/*
	 * Optional: one SQL expression read in the same round trip as the
	 * caller's session on this module's routes of role SL_ROLE_CUSTOMER: a
	 * column of the core's session query (sessions s; s.customer_id is the
	 * signed-in customer's; no parameters), its value sl_req_session_data().
	 * For a page whose every request needs a few small values of the
	 * customer: one round trip less.  A constant string, as all SQL.
	 *
	 * Why this is not an ordinary query of the module's table (issue 14
	 * item 3 asked): the trade page's target is 0.3 x healthz with p99
	 * under 25 ms, and it was met at 0.339 / 0.318 (with tags) only after
	 * the facts moved into the session's round trip (bench/sections/
	 * trade.md; per request MariaDB's CPU fell from ~640 to ~340 us).  An
	 * ordinary query costs one more prepared-statement round trip per page
	 * (measured 50-110 us of server CPU for the smallest read, plus the
	 * wire), which is more than the 0.018-0.039 margin the page has: the
	 * page would fall below its target.  The expression is still declared
	 * by the module (TR_FACTS_SQL), and the staff view and the reports run
	 * the same expression as an ordinary statement of the module's table.
	 */
	const char *customer_session_sql;
	/* its statements (salient/db.h: struct sl_sql), nsql of them */
	const struct sl_sql *sql;
	size_t nsql;
	/* the tables it owns: only its statements write them (NULL-terminated) */
	const char *const *tables;
	/* tables of another module that this module's statements may write
	 * as well (the core marks an API token used; the importer upserts the
	 * host's targets, which trade owns), or NULL */
	const char *const *touches;
};

/* ---- request accessors (valid during the handler) ---- */

/* The request method (one enum sl_method bit). */
unsigned sl_req_method(const struct sl_req *req);
/* The path below the prefix, decoded: "/admin/customers/42". */
const char *sl_req_path(const struct sl_req *req);
/*
 * A form or query field a route with SL_ROUTE_OPEN_INPUTS takes besides its
 * declared inputs (the settings form: one field per setting of every
 * module), as raw text for the handler to check against its own const
 * table; NULL when absent, and always NULL on any other route (declared
 * inputs are read typed: salient/input.h).  Borrowed.
 */
const char *sl_req_open_field(const struct sl_req *req, const char *name);
/* The parsed JSON body, or NULL when the body was not JSON. Borrowed. */
struct json_object *sl_req_json(const struct sl_req *req);
/* The raw body of a text/csv or application/x-ndjson request (NUL-terminated,
 * *len bytes), or NULL for other types.  Borrowed. */
const char *sl_req_body(const struct sl_req *req, size_t *len);
/* The media type of the request's body ("application/json", "text/csv",
 * "application/x-ndjson", "application/x-www-form-urlencoded",
 * "multipart/form-data"), or NULL when it has none.  Static. */
const char *sl_req_body_type(const struct sl_req *req);
/* The language of the answer ("en", "da", "ru"): the user's setting, else
 * Accept-Language, else the site's default. */
const char *sl_req_lang(const struct sl_req *req);
/* The catalog message key in the answer's language (English when the
 * language lacks it, key itself when no catalog has it).  Borrowed: valid
 * during the handler.  For text a handler puts in a view model (flash
 * messages, form errors); templates use {{t.KEY}} directly. */
const char *sl_req_text(const struct sl_req *req, const char *key);
/* This thread's database connection (connected on demand), or NULL. */
struct sl_db *sl_req_db(struct sl_req *req);
/*
 * A value of salient.conf by "section.key" ("site.timezone",
 * "paths.theme_dir"): the text (NULL when unset or no such key; borrowed),
 * or for a number sl_req_conf_long() (dflt when no such key).  The
 * [database] and [security] sections are the core's own: NULL.
 */
const char *sl_req_conf(const struct sl_req *req, const char *key);
long sl_req_conf_long(const struct sl_req *req, const char *key, long dflt);

/* ---- who is asking (fcgi/auth.c) ---- */

/* The enum sl_role of the caller: 0 nobody, SL_ROLE_CUSTOMER, SL_ROLE_AGENT,
 * SL_ROLE_ADMIN (an admin, or an admin-scope token), SL_ROLE_IMPORT. */
int sl_req_role(const struct sl_req *req);
/* The signed-in staff user's users.id, 0 when the caller is not staff
 * signed in by session (API tokens have no user). */
long long sl_req_user_id(const struct sl_req *req);
/*
 * The signed-in trade customer's internal id (customers.id), 0 when the
 * caller is not a trade customer.  Every /account/ query is keyed by this,
 * never by an id from the request.
 */
long long sl_req_customer(const struct sl_req *req);
/* The same customer's host id (customers.host_id), or NULL. Borrowed. */
const char *sl_req_customer_host(const struct sl_req *req);
/* The signed-in user or customer as the templates see it ("me"), or NULL. */
struct json_object *sl_req_me(const struct sl_req *req);
/*
 * The value of the module's customer_session_sql (struct sl_module) read
 * with the caller's session, or NULL: SQL NULL, none declared, or a caller
 * not signed in by a session.  Borrowed, valid during the handler.
 */
const char *sl_req_session_data(const struct sl_req *req);
/* True when the answer is JSON (API path or Accept: application/json). */
int sl_req_wants_json(const struct sl_req *req);
/*
 * Writes an audit row for an admin change: who (from the request), what
 * ("user.role", "setting", "classification.update", ...), object_id (may be
 * NULL), before and after as JSON (borrowed; NULL = none).  Returns 0, or -1
 * (logged).  Call it in the same transaction as the change when there is one.
 */
int sl_audit(struct sl_req *req, const char *what, const char *object_id,
    struct json_object *before, struct json_object *after);

/* ---- response ---- */

/* Sets the status (default 200). */
void sl_resp_status(struct sl_resp *resp, int status);
/*
 * Sets the view model; the response takes ownership of obj (it is put with
 * json_object_put() after rendering).
 */
void sl_resp_model(struct sl_resp *resp, struct json_object *obj);
/* Appends a message {kind, text} to the view model's "flash" list (kind:
 * success, info, warning or danger), which the flash partial shows. */
void sl_flash(struct json_object *model, const char *kind, const char *text);
/*
 * Adds member key to an object being built that does not have it yet:
 * json-c's add without copying the key (a string constant: it is kept) and
 * without looking for an old member.  Takes ownership of v.  The cheap way
 * to build a view model (a page's model has hundreds of members).
 */
void sl_model_put(struct json_object *obj, const char *key, struct json_object *v);
/* A count as the view models carry it: {"value": v, "text": "1,234"} in
 * language lang.  Returns a new object. */
struct json_object *sl_model_count(const char *lang, long long v);
/* Answers with an error: status and a human message, as JSON or a page. */
void sl_resp_error(struct sl_resp *resp, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* As sl_resp_error(), about one input: the JSON answer names it as
 * "field" with the machine-readable "reason" (code, a string constant). */
void sl_resp_error_field(struct sl_resp *resp, int status, const char *field, const char *code,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * A refusal in the reader's language: the catalog text of key filled with
 * the name, value pairs given (salient/text.h's sl_req_textf(), ended by
 * NULL), the machine-readable "reason" code (a string constant).
 */
void sl_resp_fail(const struct sl_req *req, struct sl_resp *resp, int status, const char *code,
    const char *key, ...) __attribute__((sentinel));
/* A redirect (303 for POST, else 302) to a path below the prefix. */
void sl_resp_redirect(struct sl_resp *resp, const char *path);
/*
 * Starts a file download streamed as it is written (CSV exports): sends the
 * status 200 and headers with Content-Type ctype and an attachment named
 * filename (sanitised), then sl_resp_write() sends the body in pieces, so a
 * large export never sits in memory.  After it, the handler's view model is
 * not rendered.  Returns 0, or -1 when the client went away.
 */
int sl_resp_download(struct sl_resp *resp, const char *ctype, const char *filename);
int sl_resp_write(struct sl_resp *resp, const void *data, size_t len);

/* Adds a response header (name and value are sanitised of CR/LF). */
int sl_resp_header(struct sl_resp *resp, const char *name, const char *value);

/* ---- cookies (fcgi/cookie.c) ---- */

/* The value of the request's cookie name (not percent-decoded), or NULL.
 * Borrowed, valid during the handler. */
const char *sl_req_cookie(const struct sl_req *req, const char *name);

#define SL_COOKIE_HTTPONLY 0x1u   /* sl_resp_cookie(): no script reads it */
/*
 * Adds Set-Cookie name=value with Path at the prefix, SameSite=Lax, Secure
 * over HTTPS, HttpOnly with SL_COOKIE_HTTPONLY; max_age seconds (0 clears
 * the cookie, -1 none: it ends with the browser session).  Returns 0, or
 * -1 when name is not a token or value holds a byte a cookie cannot carry
 * (space, quote, comma, semicolon, backslash, control or non-ASCII).
 */
int sl_resp_cookie(struct sl_resp *resp, const char *name, const char *value, long max_age,
    unsigned flags);

/* ---- jobs ---- */

/* The job's arguments (a JSON object, possibly empty). Borrowed. */
struct json_object *sl_job_args(const struct sl_job *job);
/* The worker's database connection. */
struct sl_db *sl_job_db(struct sl_job *job);
/* Reports progress; cheap to call often (written at most once a second). */
void sl_job_progress(struct sl_job *job, long long done, long long total);
/*
 * Records why the job failed (the handler then returns -1): the reason as a
 * catalog key with its named values
 * (name, value, ..., NULL; each value cut to 200 bytes), so that the pages
 * and the API put it into the reader's language when they show it
 * (sl_job_error_text()).  jobs.last_error then holds
 * {"key": KEY, "values": {NAME: VALUE, ...}}.
 */
void sl_job_fail_key(struct sl_job *job, const char *key, ...)
    __attribute__((sentinel));
/*
 * A job's last_error as a person reads it: one written by sl_job_fail_key()
 * in req's language (into buf, len bytes), any other text as it is stored.
 * NULL when stored is NULL.
 */
const char *sl_job_error_text(const struct sl_req *req, const char *stored, char *buf, size_t len);

/* True once the worker was asked to stop: a long job should return -1 soon
 * (it is queued again without counting as a failed attempt). */
int sl_job_stopping(const struct sl_job *job);
/*
 * Queues a job of kind with args (borrowed; NULL = {}).  Returns the job id,
 * or -1 on failure.  Requests never do long work themselves: they queue.
 */
long long sl_job_enqueue(struct sl_db *db, const char *kind, struct json_object *args);
/*
 * As sl_job_enqueue(), to start delay seconds from now, unless a job of kind
 * is already waiting to start (or, with running_counts, also running): then
 * that job's id, with *already set to 1.  Callers are serialised by a named
 * lock per database and kind, so two of them at once queue one job.
 * Returns the id, or -1.
 */
long long sl_job_enqueue_once(struct sl_db *db, const char *kind, struct json_object *args,
    int running_counts, long delay, int *already);
/*
 * Tells every module that an import committed rows (struct sl_module's
 * data_imported), so each can queue the work that follows from new data.
 */
void sl_data_imported(struct sl_db *db);

#endif
