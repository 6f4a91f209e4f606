-- 019_classify_starter_keys.sql - the starter classifications in the
-- reader's language (issue 14 item 6), and starter risk-change tiers that
-- begin where a shop owner expects (issue 15 item 5).
--
-- Plain statements, each ending with a semicolon at the end of a line, run
-- one by one by the migration runner (no comment line ends with one).  Safe
-- to run again.
--
-- sql/009 wrote the starter set's titles and comments in English.  Each
-- starter row the shop has not edited (title and comments as 009 wrote
-- them) gets its starter key: the pages, the API and the PDF report then
-- show the catalog's classify.starter.KEY.title and .comments in the
-- reader's language (en, da, ru).  Saving other texts clears the key
-- (modules/classify/classes.c); the stored English stays as it was.

ALTER TABLE classifications ADD COLUMN IF NOT EXISTS
    starter_key VARCHAR(40) CHARACTER SET ascii NULL AFTER comments;

UPDATE classifications c JOIN (
	SELECT 'big_spenders' AS k, 'revenue_share' AS type, 'Big spenders' AS title,
	    'The customers who together bring in the first half of the revenue. Keep them close: personal contact, early access, a thank-you.' AS comments
	UNION ALL SELECT 'falling_sales', 'revenue_change', 'Falling sales',
	    'Revenue down by a quarter or more against the previous period. Ask what changed before they drift away.'
	UNION ALL SELECT 'steady', 'revenue_change', 'Steady',
	    'Revenue within a quarter of the previous period. Business as usual.'
	UNION ALL SELECT 'rising_stars', 'revenue_change', 'Rising stars',
	    'Revenue up by more than a quarter against the previous period. Encourage them: suggest what similar customers buy.'
	UNION ALL SELECT 'on_track', 'risk_score', 'On track',
	    'Not yet due to order again, going by their own rhythm. Nothing to do.'
	UNION ALL SELECT 'more_attention', 'risk_score', 'Need more attention',
	    'Up to one ordering cycle late. A reminder or an offer now is cheap.'
	UNION ALL SELECT 'at_risk', 'risk_score', 'At risk',
	    'Two to five ordering cycles late. Call them: they may be buying elsewhere.'
) s ON c.type = s.type AND c.smart_type = 'all' AND c.title = s.title AND c.comments = s.comments
SET c.starter_key = s.k
WHERE c.starter_key IS NULL;

-- Risk change tiers.  A group's first tier starts at the metric's floor,
-- -100 % for a change, so a first tier "up to +25 %" would also hold every
-- customer whose risk fell.  The starter tiers therefore begin with one up
-- to 0 % (risk fell or held), then above 0 % up to +25 %, then above +25 %
-- with no upper bound.  They join an install only while its classifications
-- are the untouched starter set (the seven rows above, each still with its
-- key) and it has no risk-change tiers: an install with its own tiers is
-- left alone.

INSERT INTO classifications
	(title, comments, starter_key, colour, smart_type, type, value, min_spend, min_orders, position)
SELECT s.title, s.comments, s.k, s.colour, 'all', 'risk_change', s.value, 0, 0, s.position
FROM (
	SELECT 'risk_steady' AS k, 'Ordering steadily' AS title,
	    'Their risk score fell or held against the start of the period: they order as regularly as before, or more often. Nothing to do.' AS comments,
	    '#20c997' AS colour, CAST(0 AS DECIMAL(20,6)) AS value, 1 AS position
	UNION ALL SELECT 'risk_slowing', 'Slowing down',
	    'Their risk score rose by up to a quarter against the start of the period: a little behind their usual rhythm. A friendly reminder helps.',
	    '#fd7e14', 25, 2
	UNION ALL SELECT 'risk_drifting', 'Drifting away',
	    'Their risk score rose by more than a quarter against the start of the period: they are falling out of their rhythm. Ask how you can help.',
	    '#dc3545', NULL, 3
) s
WHERE (SELECT COUNT(*) FROM classifications WHERE starter_key IS NOT NULL) = 7
    AND NOT EXISTS (SELECT 1 FROM classifications WHERE starter_key IS NULL)
    AND NOT EXISTS (SELECT 1 FROM classifications WHERE type = 'risk_change');
