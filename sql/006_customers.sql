-- 006_customers: the customer manager (issue 6 items 4-6): comments on
-- customers, and the indexes its list, search and sorts walk.
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).

-- Comments staff write on a customer (the customer record and the list's
-- comment dialog).  author is the writer as shown (the user's name, else
-- e-mail, or the API token's name), kept as written so a comment still
-- names its author after the user is renamed or removed; user_id links the
-- staff user while the user exists.  text is at most 2000 characters
-- (checked by the module).  Listed newest first: (customer_id, id).
CREATE TABLE IF NOT EXISTS customer_comments (
	id INT UNSIGNED NOT NULL AUTO_INCREMENT,
	customer_id INT UNSIGNED NOT NULL,
	user_id INT UNSIGNED NULL,
	author VARCHAR(254) NOT NULL,
	text TEXT NOT NULL,
	created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	PRIMARY KEY (id),
	KEY customer_comments_customer (customer_id, id),
	KEY customer_comments_user (user_id),
	CONSTRAINT customer_comments_customer FOREIGN KEY (customer_id)
	    REFERENCES customers (id) ON DELETE CASCADE,
	CONSTRAINT customer_comments_user FOREIGN KEY (user_id)
	    REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='comments of staff on customers, newest first by id';

-- The list sorted by name, and the search by the start of a last name
-- (the index also serves "first last" searches).
ALTER TABLE customers ADD INDEX IF NOT EXISTS customers_name (last_name, first_name);

-- The search by the start of a first name.
ALTER TABLE customers ADD INDEX IF NOT EXISTS customers_first (first_name);

-- The account manager filter, its list of managers (a loose index scan)
-- and that filter's first page newest first (the index ends in the id).
ALTER TABLE customers ADD INDEX IF NOT EXISTS customers_manager (account_manager);

-- The list sorted by current revenue: the first page walks this index
-- instead of sorting every customer.  classify's run creates its new
-- metrics table LIKE this one, so the index carries over.
ALTER TABLE customer_metrics ADD INDEX IF NOT EXISTS customer_metrics_revenue (revenue_cur);
