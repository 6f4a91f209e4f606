/*
 * vn_sql.c - every statement of the venue module (DESIGN.md habit 4),
 * indexed by enum vn_sql_id (vn_int.h).  The multi-row statements have an
 * entry of VN_BATCH rows and one of a single row, made by the preprocessor.
 */
#include "vn_int.h"

#define X4(s) s s s s
#define X5(s) s X4(s)
#define X9(s) X5(s) X4(s)
#define X10(s) s X9(s)
#define R10(r) r X9("," r)
#define R100(r) R10(r) X9("," R10(r))
#define R500(r) R100(r) X4("," R100(r))
#define T10(t) X10(t)
#define T100(t) X10(T10(t))
#define T500(t) X5(T100(t))

/* seconds since 1970 of a UTC DATETIME, whatever the session's time zone */
#define SECS(c) "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', " c ")"

#define SEG_PUT "INSERT INTO venue_booking_segments (order_id, customer_id, segment, " \
    "events_before) VALUES "
#define SEG_PUT_TAIL " ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), " \
    "segment = VALUES(segment), events_before = VALUES(events_before)"
#define DAYS_PUT "INSERT INTO venue_production_days (production_id, day, revenue, tickets, " \
    "bookers) VALUES "

const struct sl_sql vn_sql[VN_NSQL] = {
	[VN_EVENTS] = { "SELECT id, " SECS("starts_at") ", COALESCE(production_id, 0) FROM events "
	    "WHERE placeholder = 0 AND starts_at IS NOT NULL ORDER BY id", "" },
	/* every paid ticket line with its order's booker, time and local date,
	   its value in ten-thousandths (DESIGN.md section 5: line_total, else
	   quantity x unit_price) */
	[VN_TICKETS] = { "SELECT o.customer_id, o.id, " SECS("o.ordered_at") ", o.order_date, "
	    "l.event_id, l.quantity, CAST(ROUND(COALESCE(l.line_total, l.quantity * l.unit_price, 0) "
	    "* 10000) AS SIGNED) FROM order_lines l FORCE INDEX (order_lines_event) "
	    "JOIN orders o ON o.id = l.order_id WHERE l.event_id IS NOT NULL AND o.status = 'paid' "
	    "AND o.placeholder = 0 AND o.customer_id IS NOT NULL AND o.ordered_at IS NOT NULL "
	    "AND o.order_date IS NOT NULL", "" },
	[VN_STORED] = { "SELECT order_id, segment, events_before FROM venue_booking_segments "
	    "ORDER BY order_id", "" },
	[VN_SEG_PUT_500] = { SEG_PUT R500("(?,?,?,?)") SEG_PUT_TAIL, T500("iiii") },
	[VN_SEG_PUT_1] = { SEG_PUT "(?,?,?,?)" SEG_PUT_TAIL, "iiii" },
	[VN_SEG_DEL_500] = { "DELETE FROM venue_booking_segments WHERE order_id IN (" R500("?") ")",
	    T500("i") },
	[VN_SEG_DEL_1] = { "DELETE FROM venue_booking_segments WHERE order_id IN (?)", "i" },
	[VN_DAYS_CLEAR] = { "DELETE FROM venue_production_days", "" },
	[VN_DAYS_PUT_500] = { DAYS_PUT R500("(?,?,?,?,?)"), T500("issii") },
	[VN_DAYS_PUT_1] = { DAYS_PUT "(?,?,?,?,?)", "issii" },
	[VN_RUN_PUT] = { "REPLACE INTO venue_job_runs (id, computed_at, seconds, bookings, changed) "
	    "VALUES (1, UTC_TIMESTAMP(3), ?, ?, ?)", "dii" },
	[VN_RUN_GET] = { "SELECT computed_at, seconds, bookings, changed FROM venue_job_runs "
	    "WHERE id = 1", "" },
};

const char *const vn_tables[] = {
	"venue_booking_segments", "venue_production_days", "venue_job_runs", "venue_targets",
	"venue_comments", "venue_user_filters", NULL,
};
