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
	[VN_TICKET_LINES] = { "SELECT o.customer_id, o.id, " SECS("o.ordered_at") ", o.order_date, "
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
	[VN_PROD_GET] = { "SELECT id, host_id, name, genre FROM productions WHERE id = ? "
	    "AND placeholder = 0", "i" },
	[VN_PROD_EVENTS] = { "SELECT id, host_id, name, starts_at FROM events WHERE production_id = ? "
	    "AND placeholder = 0 AND starts_at IS NOT NULL ORDER BY starts_at, id", "i" },
	[VN_TARGETS_GET] = { "SELECT segment, revenue, tickets, bookers, share, on_sale "
	    "FROM venue_targets WHERE production_id = ? AND event_id = ? ORDER BY segment", "ii" },
	[VN_TARGET_PUT] = { "INSERT INTO venue_targets (production_id, event_id, segment, revenue, "
	    "tickets, bookers, share, on_sale) VALUES (?,?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE "
	    "revenue = VALUES(revenue), tickets = VALUES(tickets), bookers = VALUES(bookers), "
	    "share = VALUES(share), on_sale = VALUES(on_sale)", "iissssss" },
	/* the first paid ticket's local date: the on-sale date by default */
	[VN_FIRST_SALE] = { "SELECT MIN(o.order_date) AS first FROM events e "
	    "JOIN order_lines l ON l.event_id = e.id JOIN orders o ON o.id = l.order_id "
	    "WHERE e.production_id = ? AND (? = 0 OR e.id = ?) AND o.status = 'paid' "
	    "AND o.placeholder = 0", "iii" },
	[VN_SEARCH] = { "SELECT p.id, p.host_id, p.name, p.genre, MIN(DATE(e.starts_at)) AS first, "
	    "MAX(DATE(e.starts_at)) AS last, COUNT(e.id) AS events FROM productions p "
	    "LEFT JOIN events e ON e.production_id = p.id AND e.placeholder = 0 "
	    "WHERE p.placeholder = 0 AND (p.name LIKE CONCAT('%', ?, '%') OR p.host_id = ?) "
	    "GROUP BY p.id ORDER BY last DESC, p.id LIMIT 20", "ss" },
	[VN_EVENT_PROD] = { "SELECT production_id FROM events WHERE id = ? AND placeholder = 0", "i" },
	[VN_PROD_SPAN] = { "SELECT MIN(DATE(starts_at)) AS first, MAX(DATE(starts_at)) AS last FROM events "
	    "WHERE production_id = ? AND (? = 0 OR id = ?) AND placeholder = 0 "
	    "AND starts_at IS NOT NULL", "iii" },
	/* the paid bookings of the production (or event) up to the as-of date,
	   one row per order: booker, local date, segment, tickets, value */
	[VN_SALES] = { "SELECT o.customer_id, o.order_date, CAST(COALESCE(MAX(s.segment), 0) AS SIGNED), "
	    "CAST(SUM(l.quantity) AS SIGNED), CAST(ROUND(SUM(COALESCE(l.line_total, "
	    "l.quantity * l.unit_price, 0)) * 10000) AS SIGNED) FROM events e "
	    "JOIN order_lines l ON l.event_id = e.id JOIN orders o ON o.id = l.order_id "
	    "LEFT JOIN venue_booking_segments s ON s.order_id = o.id "
	    "WHERE e.production_id = ? AND (? = 0 OR e.id = ?) AND e.placeholder = 0 "
	    "AND o.status = 'paid' AND o.placeholder = 0 AND o.customer_id IS NOT NULL "
	    "AND o.order_date IS NOT NULL AND o.order_date <= ? "
	    "GROUP BY o.id ORDER BY o.customer_id, o.order_date, o.id", "iiis" },
	/* finished productions (last performance before the as-of date) with
	   daily sales, but the one shown */
	[VN_FINISHED] = { "SELECT p.id, p.name, p.genre, MIN(DATE(e.starts_at)) AS first, "
	    "MAX(DATE(e.starts_at)) AS last FROM productions p JOIN events e "
	    "ON e.production_id = p.id AND e.placeholder = 0 AND e.starts_at IS NOT NULL "
	    "WHERE p.placeholder = 0 AND p.id <> ? AND EXISTS (SELECT 1 FROM venue_production_days d "
	    "WHERE d.production_id = p.id) GROUP BY p.id HAVING MAX(DATE(e.starts_at)) < ? "
	    "ORDER BY p.id", "is" },
	[VN_CURVE_DAYS] = { "SELECT day, CAST(revenue AS DOUBLE), CAST(tickets AS SIGNED), "
	    "CAST(bookers AS SIGNED) FROM venue_production_days WHERE production_id = ?", "i" },
	[VN_FILTER_GET] = { "SELECT segments FROM venue_user_filters WHERE user_id = ?", "i" },
	[VN_FILTER_PUT] = { "REPLACE INTO venue_user_filters (user_id, segments) VALUES (?, ?)", "is" },
	[VN_COMMENTS] = { "SELECT id, author, body AS text, created_at FROM venue_comments "
	    "WHERE production_id = ? AND event_id = ? ORDER BY id DESC LIMIT 100", "ii" },
	[VN_COMMENT_PUT] = { "INSERT INTO venue_comments (production_id, event_id, user_id, author, "
	    "body) VALUES (?, ?, ?, ?, ?)", "iisss" },
	[VN_COMMENT_ID] = { "SELECT LAST_INSERT_ID() AS id", "" },
};

const char *const vn_tables[] = {
	"venue_booking_segments", "venue_production_days", "venue_job_runs", "venue_targets",
	"venue_comments", "venue_user_filters", NULL,
};
