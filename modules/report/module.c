/*
 * module.c - the report module: customer reports as PDF (issue #7 item 6).
 * Its routes, navigation entry and the `salient report` command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_http.h"
#include "salient/cli.h"
#include "salient/input.h"
#include "salient/salient.h"

static const char *const langs[] = { "en", "da", "ru", NULL };

/* The builder's search form. */
static const struct sl_input builder_in[] = {
	{ "q", SL_IN_TEXT, .max = 100 },
	{ "customer", SL_IN_TEXT, .max = RP_HOST_MAX },
	{ 0 },
};
/* The builder's form: it downloads (POST /admin/reports/customer) and saves
 * a definition (formaction /admin/reports/definitions), so both routes take
 * every field of it.  lang here is the report's (the form field; ?lang= in
 * a query is the core's). */
#define BUILDER_FORM \
	{ "customer", SL_IN_TEXT, .max = RP_HOST_MAX }, \
	{ "sections", SL_IN_TEXT, .max = 255 }, \
	RP_SECTION_INPUTS, \
	{ "lang", SL_IN_ENUM, .choices = langs }, \
	{ "as_of", SL_IN_DATE, .flags = 0 }, \
	{ "name", SL_IN_TEXT, .max = RP_NAME_MAX * 4 }, \
	{ "pick_at_run_time", SL_IN_BOOL, .flags = 0 }
static const struct sl_input download_in[] = { BUILDER_FORM, { 0 } };
static const struct sl_input def_form_in[] = {
	BUILDER_FORM,
	{ "customer_id", SL_IN_TEXT, .max = RP_HOST_MAX },
	{ 0 },
};
/* The API's definition: JSON {name, customer_id, sections [...], lang, ...}. */
static const struct sl_input def_api_in[] = {
	{ "name", SL_IN_TEXT, .max = RP_NAME_MAX * 4 },
	{ "customer_id", SL_IN_TEXT, .max = RP_HOST_MAX },
	{ "customer", SL_IN_TEXT, .max = RP_HOST_MAX },
	{ "pick_at_run_time", SL_IN_BOOL, .flags = 0 },
	{ "sections", SL_IN_JSON, .max = 2 },
	RP_SECTION_INPUTS,
	{ "lang", SL_IN_ENUM, .choices = langs },
	{ 0 },
};
/* GET /api/v1/reports/customer/{file}: the report's language is the
 * answer's (?lang=, the core's). */
static const struct sl_input pdf_in[] = {
	{ "file", SL_IN_TEXT, .flags = SL_IN_REQUIRED | SL_IN_PATH, .min = 1, .max = RP_HOST_MAX + 4 },
	{ "sections", SL_IN_TEXT, .max = 255 },
	RP_SECTION_INPUTS,
	{ "as_of", SL_IN_DATE, .flags = 0 },
	{ 0 },
};
/* Running a definition: the customer when it has none, the day. */
static const struct sl_input run_in[] = {
	{ "customer", SL_IN_TEXT, .max = RP_HOST_MAX },
	{ "as_of", SL_IN_DATE, .flags = 0 },
	{ 0 },
};

static const struct sl_route routes[] = {
	{ SL_GET, "/admin/reports/customer", rp_builder, SL_ROLE_AGENT, "report/builder",
	  .inputs = builder_in },
	{ SL_POST, "/admin/reports/customer", rp_builder_post, SL_ROLE_AGENT, "report/builder",
	  .inputs = download_in },
	{ SL_POST, "/admin/reports/definitions", rp_defs_page_create, SL_ROLE_AGENT, "report/builder",
	  .inputs = def_form_in },
	{ SL_POST, "/admin/reports/definitions/{id:uint}/delete", rp_defs_page_delete, SL_ROLE_AGENT,
	  "report/builder", .inputs = sl_no_inputs },
	{ SL_POST, "/admin/reports/definitions/{id:uint}/run", rp_defs_page_run, SL_ROLE_AGENT,
	  "report/builder", .inputs = run_in },
	{ SL_GET, "/api/v1/reports/customer/{file}", rp_api_pdf, SL_ROLE_AGENT, NULL, .inputs = pdf_in },
	{ SL_GET, "/api/v1/reports/definitions", rp_defs_api_list, SL_ROLE_AGENT, NULL,
	  .inputs = sl_no_inputs },
	{ SL_POST, "/api/v1/reports/definitions", rp_defs_api_create, SL_ROLE_AGENT, NULL,
	  .inputs = def_api_in },
	{ SL_DELETE, "/api/v1/reports/definitions/{id:uint}", rp_defs_api_delete, SL_ROLE_AGENT, NULL,
	  .inputs = sl_no_inputs },
	{ SL_GET, "/api/v1/reports/definitions/{id:uint}/pdf", rp_defs_api_pdf, SL_ROLE_AGENT, NULL,
	  .inputs = run_in, .flags = SL_ROUTE_LONG },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.report_customer", "/admin/reports/customer", SL_ROLE_AGENT, 610, SL_NAV_INSIGHTS },
	{ 0 },
};

static const struct sl_command commands[] = {
	{ "report", rp_cmd_report,
	  "customer ID --out FILE.pdf [--sections a,b,c] [--lang en|da|ru] [--as-of YYYY-MM-DD]",
	  "a customer's report as PDF (ID = the host's customer id)" },
	{ 0 },
};

const struct sl_module report_module = {
	.name = "report",
	.nav = nav,
	.routes = routes,
	.commands = commands,
	.sql = rp_sql,
	.nsql = RP_NSQL,
	.tables = rp_tables,
};

int rp_cmd_report(int argc, char **argv)
{
	static const char usage[] = "usage: salient report customer ID --out FILE.pdf "
	    "[--sections a,b,c] [--lang en|da|ru] [--as-of YYYY-MM-DD]\n";
	const char *out = NULL, *sections = NULL, *lang = NULL, *asof = NULL, *theme;
	struct rp_params p;
	struct sl_db *db;
	unsigned char *pdf = NULL;
	char err[512], list[256];
	size_t len = 0;
	FILE *f;
	int i, rc;

	if (argc < 3 || strcmp(argv[1], "customer") != 0 || argv[2][0] == '-') {
		fputs(usage, stderr);
		return 2;
	}
	for (i = 3; i < argc; i++) {
		if (i + 1 >= argc) {
			fputs(usage, stderr);
			return 2;
		}
		if (strcmp(argv[i], "--out") == 0)
			out = argv[++i];
		else if (strcmp(argv[i], "--sections") == 0)
			sections = argv[++i];
		else if (strcmp(argv[i], "--lang") == 0)
			lang = argv[++i];
		else if (strcmp(argv[i], "--as-of") == 0)
			asof = argv[++i];
		else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (out == NULL || out[0] == '\0') {
		fprintf(stderr, "salient report: --out FILE.pdf is required\n%s", usage);
		return 2;
	}
	if ((db = sl_cli_db()) == NULL)
		return 1;
	if (rp_params_set(&p, argv[2], sections, lang, asof, sl_cli_conf("site.language"),
	    err, sizeof(err)) != 0) {
		fprintf(stderr, "salient report: %s\n", err);
		return 2;
	}
	theme = sl_cli_conf("paths.theme_dir");
	/* rendered in memory first, so a failed report leaves no file behind */
	rc = rp_render(db, theme ? theme : ".", &p, NULL, &pdf, &len, err, sizeof(err));
	if (rc != 200) {
		fprintf(stderr, "salient report: %s\n", err);
		return rc == 404 ? 3 : 1;
	}
	rc = (f = fopen(out, "wb")) != NULL && fwrite(pdf, 1, len, f) == len;
	if (f != NULL && fclose(f) != 0)
		rc = 0;
	free(pdf);
	if (!rc) {
		perror(out);
		return 1;
	}
	rp_sections_text(p.sections, list, sizeof(list));
	printf("%s: report of customer %s as of %s (%s), sections %s, %zu bytes\n", out,
	    p.customer, p.as_of, p.lang, list, len);
	return 0;
}
