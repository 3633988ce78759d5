-- dialect: postgres
-- expect: reject
-- reason: WITH RECURSIVE iterates to a fixpoint; the DataFrame API has no recursive query, and emulating it needs driver-side loops with actions, which is not a DataFrame translation.
-- model: a calendar of days generated recursively, left-joined to daily events.
-- checks: recursive CTEs must be refused.
WITH RECURSIVE days(d) AS (
  SELECT DATE '2024-03-01'
  UNION ALL
  SELECT d + 1 FROM days WHERE d < DATE '2024-03-10'
)
SELECT days.d, COUNT(e.event_id) AS events
FROM days
LEFT JOIN atomic.events e ON e.collector_tstamp::date = days.d
GROUP BY days.d
