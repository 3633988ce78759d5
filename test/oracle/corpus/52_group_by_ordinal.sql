-- dialect: redshift
-- expect: equivalent
-- model: events per app and device type.
-- checks: GROUP BY 1, 2 and ORDER BY 3 DESC, 1, 2 (ordinals).
SELECT app_id, dvce_type, COUNT(*) AS events
FROM atomic.events
GROUP BY 1, 2
ORDER BY 3 DESC, 1, 2
