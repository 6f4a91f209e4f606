/*
 * report_http.h - private to modules/report: what its route handlers
 * (report_web.c: the builder page and downloads; report_defs.c: saved
 * definitions) share.
 */
#ifndef REPORT_HTTP_H
#define REPORT_HTTP_H

#include <stddef.h>

#include <json-c/json.h>

#include "report_int.h"
#include "salient/input.h"
#include "salient/salient.h"

/*
 * The sections the request asks for, as a comma list in buf: the input
 * "sections" (a comma list, SL_IN_TEXT; or with json set, a JSON array of
 * keys, SL_IN_JSON), else the form's checkboxes section_KEY (RP_SECTION_INPUTS);
 * "" when none.  Returns 0, or -1 with a message in err when the array
 * holds something other than strings, or when the builder's form (field
 * section_form) has no box ticked.
 */
int rp_in_sections(const struct sl_req *req, int json, char *buf, size_t len, char *err,
    size_t errlen);

/* The builder form's checkboxes: entries of a route's input table. */
#define RP_SECTION_INPUTS \
	{ "section_summary", SL_IN_BOOL, .flags = 0 }, \
	{ "section_trend", SL_IN_BOOL, .flags = 0 }, \
	{ "section_top", SL_IN_BOOL, .flags = 0 }, \
	{ "section_targets", SL_IN_BOOL, .flags = 0 }, \
	{ "section_classifications", SL_IN_BOOL, .flags = 0 }, \
	{ "section_suggestions", SL_IN_BOOL, .flags = 0 }, \
	{ "section_form", SL_IN_BOOL, .flags = 0 }

/*
 * Renders the report for p and streams it as a download named
 * customer-HOSTID-ASOF.pdf.  A missing customer is answered 404 naming the
 * field (through the builder page when page is set and the request wants
 * HTML).  Returns 0, or -1 (500, logged).
 */
int rp_send_pdf(struct sl_req *req, struct sl_resp *resp, const struct rp_params *p, int page);

/*
 * Answers the builder page (its view model, also JSON) with status and,
 * when msg is set, a flash of kind; the form keeps the values of p (may be
 * NULL: defaults).  Returns 0, or -1.
 */
int rp_builder_answer(struct sl_req *req, struct sl_resp *resp, int status,
    const char *kind, const char *msg, const struct rp_params *p);

/* Route handlers. */
int rp_builder(struct sl_req *req, struct sl_resp *resp);
int rp_builder_post(struct sl_req *req, struct sl_resp *resp);
int rp_api_pdf(struct sl_req *req, struct sl_resp *resp);
int rp_defs_api_list(struct sl_req *req, struct sl_resp *resp);
int rp_defs_api_create(struct sl_req *req, struct sl_resp *resp);
int rp_defs_api_delete(struct sl_req *req, struct sl_resp *resp);
int rp_defs_api_pdf(struct sl_req *req, struct sl_resp *resp);
int rp_defs_page_create(struct sl_req *req, struct sl_resp *resp);
int rp_defs_page_delete(struct sl_req *req, struct sl_resp *resp);
int rp_defs_page_run(struct sl_req *req, struct sl_resp *resp);

/* The command `salient report`. */
int rp_cmd_report(int argc, char **argv);

#endif
