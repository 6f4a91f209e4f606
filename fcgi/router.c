/*
 * router.c - routes of every module, matched in table order.
 */
#include <stdio.h>
#include <string.h>

#include "router.h"
#include "salient/input.h"

const struct router_method router_methods[] = {
	{ SL_GET, "GET" }, { SL_HEAD, "HEAD" }, { SL_POST, "POST" },
	{ SL_PUT, "PUT" }, { SL_DELETE, "DELETE" },
};
const size_t router_nmethods = sizeof(router_methods) / sizeof(router_methods[0]);

unsigned router_method_bit(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < router_nmethods; i++)
		if (strcmp(router_methods[i].name, name) == 0)
			return router_methods[i].bit;
	return 0;
}

/* 1 when every typed placeholder of a match holds its type ({id:uint}: digits) */
static int match_fits(const struct rm_match *m)
{
	size_t i, j;

	for (i = 0; i < m->count; i++)
		for (j = 0; m->params[i].type != NULL && j < m->params[i].vlen; j++)
			if (m->params[i].value[j] < '0' || m->params[i].value[j] > '9')
				return 0;
	return 1;
}

/*
 * Two passes over the table: first only the matches whose typed segments fit
 * (so /admin/classifications/order is the literal route's path, and a wrong
 * method on it is 405 naming that route's methods, not also those of
 * .../{id:uint}); when nothing fits, any match, so that /admin/users/x1 is
 * the {id:uint} route's and answered 400 naming the input.
 */
enum router_result router_find(unsigned method, const char *path,
    const struct sl_route **out, const struct sl_module **mod, struct rm_match *match,
    unsigned *allowed)
{
	const struct sl_route *r;
	struct rm_match m;
	size_t i;
	int strict;

	*allowed = 0;
	*out = NULL;
	*mod = NULL;
	for (strict = 1; strict >= 0 && *allowed == 0; strict--) {
		for (i = 0; sl_modules[i] != NULL; i++) {
			for (r = sl_modules[i]->routes; r != NULL && r->pattern != NULL; r++) {
				if (rm_match(r->pattern, path, &m) != 1 || (strict && !match_fits(&m)))
					continue;
				if (r->methods & method) {
					*out = r;
					*mod = sl_modules[i];
					*match = m;
					return ROUTE_FOUND;
				}
				*allowed |= r->methods;
			}
		}
	}
	return *allowed ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}

void router_allow_header(unsigned methods, char *buf, size_t len)
{
	size_t i, n = 0;

	if (methods & SL_GET)
		methods |= SL_HEAD;
	buf[0] = '\0';
	for (i = 0; i < router_nmethods; i++) {
		if (!(methods & router_methods[i].bit))
			continue;
		n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s",
		    n ? ", " : "", router_methods[i].name);
		if (n >= len)
			break;
	}
}

int router_check(char *err, size_t errlen)
{
	const struct sl_route *r;
	const char *why;
	size_t i, nsql = 0;

	for (i = 0; sl_modules[i] != NULL; i++) {
		if (sl_modules[i]->customer_session_sql != NULL && ++nsql > ROUTER_SESSION_SQL_MAX) {
			snprintf(err, errlen, "module %s: more than %d modules have a "
			    "customer_session_sql", sl_modules[i]->name, ROUTER_SESSION_SQL_MAX);
			return -1;
		}
		for (r = sl_modules[i]->routes; r != NULL && r->pattern != NULL; r++) {
			if ((why = rm_pattern_check(r->pattern)) != NULL) {
				snprintf(err, errlen, "module %s: route %s: %s", sl_modules[i]->name,
				    r->pattern, why);
				return -1;
			}
			if ((why = sl_in_decl_check(r->inputs, r->pattern)) != NULL) {
				snprintf(err, errlen, "module %s: route %s: inputs: %s",
				    sl_modules[i]->name, r->pattern, why);
				return -1;
			}
			if (r->handler == NULL || r->methods == 0 || r->role == SL_ROLE_UNSET) {
				snprintf(err, errlen, "module %s: route %s: %s", sl_modules[i]->name,
				    r->pattern, r->role == SL_ROLE_UNSET ? "declares no role"
				    : "has no handler or methods");
				return -1;
			}
		}
	}
	return 0;
}

void router_each(void (*fn)(const struct sl_module *, const struct sl_route *, void *),
    void *arg)
{
	const struct sl_route *r;
	size_t i;

	for (i = 0; sl_modules[i] != NULL; i++)
		for (r = sl_modules[i]->routes; r != NULL && r->pattern != NULL; r++)
			fn(sl_modules[i], r, arg);
}
