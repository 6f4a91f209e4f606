/*
 * router.h - the table of every module's routes, and lookup by method and
 * path.  The module list itself is fcgi/modules.c.
 */
#ifndef SALIENT_ROUTER_H
#define SALIENT_ROUTER_H

#include "route_match.h"
#include "salient/salient.h"

/* The modules compiled in, ending with NULL (fcgi/modules.c). */
extern const struct sl_module *const sl_modules[];

/* At most this many modules have a customer_session_sql (session.c keeps
 * the texts of the session query with them). */
#define ROUTER_SESSION_SQL_MAX 32

enum router_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/*
 * Finds the route for method and path.  On ROUTE_FOUND *out is the route
 * and match holds its named segments; on ROUTE_BAD_METHOD *allowed holds
 * the methods the path does accept (for the Allow header).
 */
enum router_result router_find(unsigned method, const char *path,
    const struct sl_route **out, const struct sl_module **mod, struct rm_match *match,
    unsigned *allowed);

/* The HTTP methods by name, in Allow-header order (one table for the core). */
struct router_method {
	unsigned bit;           /* enum sl_method */
	const char *name;       /* "GET" */
};
extern const struct router_method router_methods[];
extern const size_t router_nmethods;

/* The method bit for a name ("POST"), or 0 when it is not one Salient serves. */
unsigned router_method_bit(const char *name);

/* Writes "GET, POST" for a method set into buf. */
void router_allow_header(unsigned methods, char *buf, size_t len);

/*
 * Checks every route once at start-up: a well-formed pattern, a handler, a
 * declared role.  Returns 0, or -1 with the first problem in err.
 */
int router_check(char *err, size_t errlen);

/* Calls fn for every route of every module (the role test walks them). */
void router_each(void (*fn)(const struct sl_module *, const struct sl_route *, void *),
    void *arg);

#endif
