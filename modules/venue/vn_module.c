/*
 * vn_module.c - the venue module (issue 20): sales trajectories of
 * productions and events for venues.  The behavioural segment of every
 * booking (the venue.segments job, vn_job.c), production and event
 * targets, and the Insights > Sales trajectory dashboard.
 */
#include "salient/input.h"
#include "salient/settings.h"
#include "vn_int.h"

#include <stdint.h>

static const char *const measures[] = { "revenue", "tickets", "bookers", NULL };

#define VN_ID_MAX 4294967295LL
#define VIEW_INPUTS \
	{ "production", SL_IN_UINT, .min = 1, .max = VN_ID_MAX }, \
	{ "event", SL_IN_UINT, .min = 0, .max = VN_ID_MAX }, \
	{ "as_of", SL_IN_DATE, .flags = 0 }, \
	{ "segments", SL_IN_TEXT, .max = 200 }, \
	{ "compare", SL_IN_IDS, .max = 100 }

static const struct sl_input page_in[] = {
	VIEW_INPUTS,
	{ "q", SL_IN_TEXT, .max = 200 },
	{ "measure", SL_IN_ENUM, .choices = measures },
	{ 0 },
};
static const struct sl_input chart_in[] = {
	VIEW_INPUTS,
	{ "chart", SL_IN_ENUM, .flags = SL_IN_REQUIRED | SL_IN_PATH, .choices = vn_chart_names },
	{ 0 },
};
static const struct sl_input csv_in[] = {
	VIEW_INPUTS,
	{ "q", SL_IN_TEXT, .max = 200 },
	{ "chart", SL_IN_ENUM, .choices = vn_chart_names },
	{ 0 },
};
static const struct sl_input filter_in[] = {
	{ "production", SL_IN_UINT, .min = 1, .max = VN_ID_MAX },
	{ "event", SL_IN_UINT, .min = 0, .max = VN_ID_MAX },
	{ "seg_not_customer", SL_IN_BOOL, .flags = 0 }, { "seg_first_timer", SL_IN_BOOL, .flags = 0 },
	{ "seg_convertee", SL_IN_BOOL, .flags = 0 }, { "seg_active", SL_IN_BOOL, .flags = 0 },
	{ "seg_super_active", SL_IN_BOOL, .flags = 0 }, { "seg_stale", SL_IN_BOOL, .flags = 0 }, { "seg_lapsed", SL_IN_BOOL, .flags = 0 },
	{ 0 },
};
static const struct sl_input comment_in[] = {
	{ "text", SL_IN_TEXT, .flags = SL_IN_LINES, .max = 8000 },
	{ "event", SL_IN_UINT, .min = 0, .max = VN_ID_MAX },
	{ 0 },
};
static const struct sl_input targets_in[] = {
	{ "event", SL_IN_UINT, .min = 0, .max = VN_ID_MAX },
	{ 0 },
};
static const struct sl_input target_save_in[] = {
	{ "event", SL_IN_UINT, .min = 0, .max = VN_ID_MAX },
	{ "segment", SL_IN_ENUM, .choices = vn_target_segments },
	{ "revenue", SL_IN_MONEY, .flags = 0 },
	{ "tickets", SL_IN_UINT, .min = 0, .max = 1000000000 },
	{ "bookers", SL_IN_UINT, .min = 0, .max = 1000000000 },
	{ "share", SL_IN_DECIMAL, .min = 0, .max = 1000000, .places = 4 },
	{ "on_sale", SL_IN_DATE, .flags = 0 },
	{ 0 },
};

static const struct sl_route routes[] = {
	{ SL_GET, "/admin/venue/trajectory", vn_page, SL_ROLE_AGENT, "venue/trajectory",
	  .inputs = page_in },
	{ SL_GET, "/api/v1/venue/trajectory", vn_page, SL_ROLE_AGENT, NULL, .inputs = page_in },
	{ SL_GET, "/api/v1/venue/trajectory/{chart}", vn_page, SL_ROLE_AGENT, NULL,
	  .inputs = chart_in },
	{ SL_GET, "/admin/venue/trajectory.csv", vn_page_csv, SL_ROLE_AGENT, NULL, .inputs = csv_in },
	{ SL_GET, "/api/v1/venue/trajectory.csv", vn_page_csv, SL_ROLE_AGENT, NULL,
	  .inputs = csv_in },
	{ SL_POST, "/admin/venue/trajectory/filter", vn_filter_save, SL_ROLE_AGENT, NULL,
	  .inputs = filter_in },
	{ SL_POST, "/admin/venue/productions/{id:uint}/comments", vn_comment_add, SL_ROLE_AGENT,
	  NULL, .inputs = comment_in },
	{ SL_POST, "/api/v1/venue/productions/{id:uint}/comments", vn_comment_add, SL_ROLE_AGENT,
	  NULL, .inputs = comment_in },
	{ SL_GET, "/admin/venue/productions/{id:uint}/targets", vn_targets_page, SL_ROLE_AGENT,
	  "venue/targets", .inputs = targets_in },
	{ SL_GET, "/api/v1/venue/productions/{id:uint}/targets", vn_targets_page, SL_ROLE_AGENT,
	  NULL, .inputs = targets_in },
	{ SL_POST, "/admin/venue/productions/{id:uint}/targets", vn_targets_save, SL_ROLE_AGENT,
	  "venue/targets", .inputs = target_save_in },
	{ SL_PUT, "/api/v1/venue/productions/{id:uint}/targets", vn_targets_save, SL_ROLE_AGENT,
	  NULL, .inputs = target_save_in },
	{ 0 },
};

static const struct sl_nav nav[] = {
	{ "nav.trajectory", "/admin/venue/trajectory", SL_ROLE_AGENT, 700, SL_NAV_INSIGHTS },
	{ 0 },
};

static const struct sl_job_kind jobs[] = {
	{ "venue.segments", vn_job_segments },
	{ 0 },
};

static const struct sl_schedule schedules[] = {
	{ "venue.segments", "venue.segments", NULL, "venue_segments_per_day" },
	{ 0 },
};

static const struct sl_setting setting_items[] = {
	{ "venue_stale_months", "venue.stale_months", SL_SETTING_INT, "18", 1, 240, NULL,
	  "venue.set.stale", "venue.set.stale_help", NULL, NULL },
	{ "venue_lapsed_months", "venue.lapsed_months", SL_SETTING_INT, "36", 1, 480, NULL,
	  "venue.set.lapsed", "venue.set.lapsed_help", NULL, NULL },
	{ "venue_super_active_above", "venue.super_active_above", SL_SETTING_INT, "10", 3, 1000,
	  NULL, "venue.set.super", "venue.set.super_help", NULL, NULL },
	{ "venue_segments_per_day", "venue.segments_per_day", SL_SETTING_INT, "4", 0, 24, NULL,
	  "venue.set.per_day", "venue.set.per_day_help", NULL, NULL },
	{ 0 },
};

static const struct sl_settings settings = {
	"venue.set.title", "venue.set.intro", setting_items, NULL,
};

extern const struct sl_module venue_module;

const struct sl_module venue_module = {
	.name = "venue",
	.nav = nav,
	.routes = routes,
	.jobs = jobs,
	.settings = &settings,
	.schedules = schedules,
	.data_imported = vn_data_imported,
	.sql = vn_sql,
	.nsql = VN_NSQL,
	.tables = vn_tables,
};
