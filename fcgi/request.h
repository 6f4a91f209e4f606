/*
 * request.h - one request's life inside a worker thread (fcgi/request.c):
 * find the path, route, parse, check access, read the body, CSRF, call the
 * handler, render, log.  The types are reqtypes.h's and context.h's, which
 * modules reaching the configuration (req->tc->app->conf) get from here.
 */
#ifndef SALIENT_REQUEST_H
#define SALIENT_REQUEST_H

#include <fcgiapp.h>

#include "context.h"
#include "reqtypes.h"

/* Serves one accepted request completely. */
void request_handle(struct thread_ctx *tc, FCGX_Request *fx);

#endif
