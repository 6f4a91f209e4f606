-- 008_classify_palive.sql - a classification type "probability alive"
-- (issue 8): tiers of 100 x P(alive) from the customer's prediction
-- (customer_predictions), floor 0; customers without a prediction get no
-- classification of the type.
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).

ALTER TABLE classifications MODIFY type ENUM('risk_score', 'risk_change', 'revenue_rank',
    'revenue_change', 'revenue_share', 'orders', 'p_alive') NOT NULL;
