-- 008_classify_intervals.sql - each customer's current classifications are
-- the open intervals of classification_history (issue 6).
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).
--
-- Until now a classification held was stored twice: a customer_classifications
-- row and the open history interval (to_date NULL) with from_date = since,
-- written in the same transaction.  A first run at 1,000,000 customers wrote
-- 6.7 million rows into each table; one table halves that.
-- customer_classifications becomes a view with the same columns: reading it
-- is unchanged (by customer through the history's primary key, by
-- classification through classification_history_open, whose entries for
-- to_date NULL are in customer order); inserting into it opens an interval;
-- deleting from it deletes the open interval (to close one, set to_date).
--
-- First, any current row without its open interval gets one (reopening an
-- interval closed on the same day), and an open interval without a current
-- row is closed today; then the table gives way to the view.

INSERT INTO classification_history (customer_id, classification_id, from_date, to_date)
    SELECT cc.customer_id, cc.classification_id, cc.since, NULL
    FROM customer_classifications cc
    WHERE NOT EXISTS (SELECT 1 FROM classification_history h
        WHERE h.customer_id = cc.customer_id AND h.classification_id = cc.classification_id
        AND h.to_date IS NULL)
    ON DUPLICATE KEY UPDATE to_date = NULL;

UPDATE classification_history h
    LEFT JOIN customer_classifications cc
        ON cc.customer_id = h.customer_id AND cc.classification_id = h.classification_id
    SET h.to_date = GREATEST(h.from_date, CURRENT_DATE)
    WHERE h.to_date IS NULL AND cc.customer_id IS NULL;

DROP TABLE customer_classifications;

CREATE VIEW customer_classifications AS
    SELECT customer_id, classification_id, from_date AS since
    FROM classification_history WHERE to_date IS NULL;
