-- 004_predict.sql - fitted customer-base models and each customer's
-- predictions (issue 8; the models are in modules/predict/predict.h, the
-- run in modules/predict/pdb.c).
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).  InnoDB, utf8mb4.
--
-- One predict_fits row per smart type and run, published or refused.  A
-- refused fit keeps its reason and writes no predictions: the newest
-- published fit of the type stays in force, with the predictions it wrote.
-- Probabilities and model parameters are DOUBLE (the run never stores NaN
-- or infinity: it refuses the fit instead); money is DECIMAL(14,4), exact.
-- Model time is in weeks (time_unit); as_of is the calibration end, a
-- calendar date in the site's time zone, like orders.order_date.

CREATE TABLE IF NOT EXISTS predict_fits (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	smart_type ENUM('retail', 'trade', 'distributor') NOT NULL,
	as_of DATE NOT NULL,
	time_unit ENUM('week', 'day') NOT NULL DEFAULT 'week',
	n_customers INT UNSIGNED NOT NULL,
	n_repeaters INT UNSIGNED NOT NULL,
	n_spenders INT UNSIGNED NOT NULL DEFAULT 0,
	history_days INT UNSIGNED NOT NULL,
	monthly_discount DOUBLE NOT NULL,
	r DOUBLE NULL,
	alpha DOUBLE NULL,
	a DOUBLE NULL,
	b DOUBLE NULL,
	ll_bgnbd DOUBLE NULL,
	bgnbd_converged TINYINT(1) NOT NULL DEFAULT 0,
	bgnbd_iterations INT UNSIGNED NOT NULL DEFAULT 0,
	p DOUBLE NULL,
	q DOUBLE NULL,
	v DOUBLE NULL,
	ll_gg DOUBLE NULL,
	gg_converged TINYINT(1) NOT NULL DEFAULT 0,
	gg_iterations INT UNSIGNED NOT NULL DEFAULT 0,
	n_scored INT UNSIGNED NOT NULL DEFAULT 0,
	status ENUM('published', 'refused') NOT NULL,
	reason_key VARCHAR(64) CHARACTER SET ascii NULL,
	reason TEXT NULL,
	seconds DOUBLE NOT NULL DEFAULT 0,
	created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	PRIMARY KEY (id),
	KEY predict_fits_latest (smart_type, status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='BG/NBD + Gamma-Gamma fits per smart type: published or refused with the reason';

-- The predictions of the published fit in force for each customer's smart
-- type.  x, t_x and T (weeks) are the customer's summary at as_of, kept so
-- a page can compute P(alive) at later dates with the fit's parameters.
CREATE TABLE IF NOT EXISTS customer_predictions (
	customer_id INT UNSIGNED NOT NULL,
	fit_id INT UNSIGNED NOT NULL,
	as_of DATE NOT NULL,
	p_alive DOUBLE NOT NULL,
	expected_orders_90d DOUBLE NOT NULL,
	expected_aov DECIMAL(14,4) NOT NULL,
	clv_12m DECIMAL(14,4) NOT NULL,
	x INT UNSIGNED NOT NULL,
	t_x DOUBLE NOT NULL,
	T DOUBLE NOT NULL,
	PRIMARY KEY (customer_id),
	KEY customer_predictions_fit (fit_id),
	CONSTRAINT customer_predictions_customer FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='per-customer P(alive), expected orders in 90 days, expected order value, 12-month CLV';
