-- dialect: redshift
-- expect: equivalent
-- model: share of events per event type within each app.
-- checks: window SUM over a GROUP BY aggregate partitioned by app, percentage with float arithmetic.
SELECT app_id, event, COUNT(*) AS n,
       COUNT(*)::FLOAT * 100 / SUM(COUNT(*)) OVER (PARTITION BY app_id) AS pct_of_app
FROM atomic.events
GROUP BY app_id, event
