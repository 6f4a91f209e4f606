-- 060_venue.sql - the venue module (issue 20): the behavioural segment of
-- each booking, the productions' daily sales the trajectory curves are made
-- of, production and event targets, the dashboard's comments and each
-- user's segment filter.
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).
-- Additive only: new tables, no change to the imported ones.
--
-- Segments are small numbers (modules/venue/vn_calc.h, enum vn_segment):
-- 1 not a customer, 2 first timer, 3 convertee, 4 active, 5 super active,
-- 6 stale, 7 lapsed.
--
-- venue_booking_segments: one row per booking (a paid order with at least
-- one ticket line), written by the venue.segments job: the segment of the
-- booker at the time of that booking (DESIGN.md section 5) and the number
-- of distinct events the booker had attended before it.  No foreign key:
-- the job rewrites what changed, and a store wiped for a fixture leaves
-- rows the next run removes.

CREATE TABLE IF NOT EXISTS venue_booking_segments (
	order_id INT UNSIGNED NOT NULL,
	customer_id INT UNSIGNED NOT NULL,
	segment TINYINT UNSIGNED NOT NULL,
	events_before INT UNSIGNED NOT NULL,
	PRIMARY KEY (order_id),
	KEY venue_booking_segments_customer (customer_id, segment)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='behavioural segment of each booking (venue.segments)';

-- venue_production_days: per production and local order date, the paid
-- revenue, tickets and new bookers (customers booking the production for
-- the first time that day), written by the same job; the trajectory's
-- curves of comparable productions are read from it.
CREATE TABLE IF NOT EXISTS venue_production_days (
	production_id INT UNSIGNED NOT NULL,
	day DATE NOT NULL,
	revenue DECIMAL(20,4) NOT NULL,
	tickets BIGINT UNSIGNED NOT NULL,
	bookers BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (production_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='daily paid sales per production (venue.segments)';

CREATE TABLE IF NOT EXISTS venue_job_runs (
	id TINYINT UNSIGNED NOT NULL,
	computed_at DATETIME(3) NOT NULL,
	seconds DOUBLE NOT NULL,
	bookings BIGINT UNSIGNED NOT NULL,
	changed BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the last venue.segments run (id 1)';

-- venue_targets: a production's targets (event_id 0) or one event's, as
-- totals (segment 'all': revenue, tickets, bookers, on_sale) or for one
-- behavioural segment (bookers as a number, or share as a percentage of
-- the bookers target).  Set on the targets page, the API and the import
-- kind production_targets; the same key again updates the row.
CREATE TABLE IF NOT EXISTS venue_targets (
	production_id INT UNSIGNED NOT NULL,
	event_id INT UNSIGNED NOT NULL DEFAULT 0,
	segment ENUM('all', 'not_customer', 'first_timer', 'convertee', 'active',
	    'super_active', 'stale', 'lapsed') NOT NULL DEFAULT 'all',
	revenue DECIMAL(14,4) NULL,
	tickets INT UNSIGNED NULL,
	bookers INT UNSIGNED NULL,
	share DECIMAL(7,4) NULL,
	on_sale DATE NULL,
	updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	PRIMARY KEY (production_id, event_id, segment)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='targets of productions and events, totals and per segment';

CREATE TABLE IF NOT EXISTS venue_comments (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	production_id INT UNSIGNED NOT NULL,
	event_id INT UNSIGNED NOT NULL DEFAULT 0,
	user_id INT UNSIGNED NULL,
	author VARCHAR(255) NOT NULL,
	body TEXT NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (id),
	KEY venue_comments_production (production_id, event_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='staff comments on a production''s (or event''s) sales dashboard';

-- venue_user_filters: the segments each staff user ticked on the
-- dashboard (a comma list of segment names; '' = all).
CREATE TABLE IF NOT EXISTS venue_user_filters (
	user_id INT UNSIGNED NOT NULL,
	segments VARCHAR(200) NOT NULL,
	PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the dashboard''s segment filter per staff user';
