-- expect: oracle-unsupported
-- reason: fixture: the natural translation uses pivot, which the oracle cannot evaluate.
-- model: events per app and platform as columns.
SELECT app_id, SUM(CASE WHEN platform = 'web' THEN 1 ELSE 0 END) AS web, SUM(CASE WHEN platform = 'mob' THEN 1 ELSE 0 END) AS mob FROM atomic.events GROUP BY app_id
