/*
 * vn_module.c - the venue module (issue 20): sales trajectories of
 * productions and events for venues.  The behavioural segment of every
 * booking (the venue.segments job, vn_job.c), production and event
 * targets, and the Insights > Sales trajectory dashboard.
 */
#include "salient/input.h"
#include "salient/settings.h"
#include "vn_int.h"

static const struct sl_route routes[] = {
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
	.routes = routes,
	.jobs = jobs,
	.settings = &settings,
	.schedules = schedules,
	.data_imported = vn_data_imported,
	.sql = vn_sql,
	.nsql = VN_NSQL,
	.tables = vn_tables,
};
