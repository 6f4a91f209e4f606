-- 009_classify_starter: a fresh install's first classifications, so the
-- classifications page and the customer manager have something to show
-- after the first run.  Only when there are none yet: an install that has
-- its own is left alone (and deleting these later is an ordinary change).
-- Values follow DESIGN.md section 5: tier k holds (value of tier k-1,
-- value of tier k], the first from 0 (or -100 for changes).
INSERT INTO classifications
	(title, comments, colour, smart_type, type, value, min_spend, min_orders, position)
SELECT s.title, s.comments, s.colour, 'all', s.type, s.value, 0, 0, s.position
FROM (
	SELECT 'Big spenders' AS title,
	    'The customers who together bring in the first half of the revenue. Keep them close: personal contact, early access, a thank-you.' AS comments,
	    '#198754' AS colour, 'revenue_share' AS type, 50 AS value, 1 AS position
	UNION ALL SELECT 'Falling sales',
	    'Revenue down by a quarter or more against the previous period. Ask what changed before they drift away.',
	    '#dc3545', 'revenue_change', -25, 1
	UNION ALL SELECT 'Steady',
	    'Revenue within a quarter of the previous period. Business as usual.',
	    '#6c757d', 'revenue_change', 25, 2
	UNION ALL SELECT 'Rising stars',
	    'Revenue up by more than a quarter against the previous period. Encourage them: suggest what similar customers buy.',
	    '#0d6efd', 'revenue_change', 100000, 3
	UNION ALL SELECT 'On track',
	    'Not yet due to order again, going by their own rhythm. Nothing to do.',
	    '#20c997', 'risk_score', 100, 1
	UNION ALL SELECT 'Need more attention',
	    'Up to one ordering cycle late. A reminder or an offer now is cheap.',
	    '#fd7e14', 'risk_score', 200, 2
	UNION ALL SELECT 'At risk',
	    'Two to five ordering cycles late. Call them: they may be buying elsewhere.',
	    '#b02a37', 'risk_score', 500, 3
) s
WHERE NOT EXISTS (SELECT 1 FROM classifications);
