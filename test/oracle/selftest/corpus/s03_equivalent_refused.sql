-- expect: equivalent
-- model: events per app (fixture: refusing a translatable query is a failure).
SELECT app_id, COUNT(*) AS n FROM atomic.events GROUP BY app_id
