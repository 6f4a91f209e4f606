-- 018_classify_open.sql - the last tier of a group may be open-ended ("and
-- above", issue 15 item 4): its value is NULL and it holds every value
-- above the tier before it (DESIGN.md section 5; cl_tier() in
-- include/salient/metrics.h treats NULL as no upper bound).  Only the last
-- tier of a (type, smart type) group may be open (classes.c refuses the
-- rest with a 422).
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).  Safe
-- to run again.
--
-- The starter tier "Rising stars" (sql/009) ended at 100000 %, so a customer
-- whose revenue grew more than a thousandfold got no revenue-change tier at
-- all: it becomes open-ended, but only where the shop has not edited it
-- (every column as 009 wrote it, and still the last of its group).

ALTER TABLE classifications MODIFY value DECIMAL(20,6) NULL;

UPDATE classifications c SET c.value = NULL
    WHERE c.title = 'Rising stars'
    AND c.comments = 'Revenue up by more than a quarter against the previous period. Encourage them: suggest what similar customers buy.'
    AND c.colour = '#0d6efd' AND c.smart_type = 'all' AND c.type = 'revenue_change'
    AND c.value = 100000 AND c.min_spend = 0 AND c.min_orders = 0
    AND NOT EXISTS (SELECT 1 FROM classifications l
        WHERE l.type = c.type AND l.smart_type = c.smart_type AND l.id <> c.id
        AND (l.position > c.position OR (l.position = c.position AND l.id > c.id)));
