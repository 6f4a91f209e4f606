-- 040_rfm.sql - every customer's RFM scores (issue 19, DESIGN.md section 5
-- "RFM"), stored by the classification run with its other metrics: over
-- the customers with a paid order in the run's current period C, R by days
-- since the last order, F by orders, M by revenue, each 1 + floor(5 w / N).
-- NULL for a customer without a paid order in C.  And a classification
-- type "rfm_cell": tiers of the cell 100 R + 10 F + M (lost = R1: cells up
-- to 155; best = 555).
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).  Safe
-- to run again.

ALTER TABLE customer_metrics ADD COLUMN IF NOT EXISTS rfm_r TINYINT UNSIGNED NULL,
    ADD COLUMN IF NOT EXISTS rfm_f TINYINT UNSIGNED NULL,
    ADD COLUMN IF NOT EXISTS rfm_m TINYINT UNSIGNED NULL;

ALTER TABLE classifications MODIFY type ENUM('risk_score', 'risk_change', 'revenue_rank',
    'revenue_change', 'revenue_share', 'orders', 'p_alive', 'rfm_cell') NOT NULL;
