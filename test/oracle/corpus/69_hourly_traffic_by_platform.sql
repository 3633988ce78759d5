-- dialect: redshift
-- expect: equivalent
-- model: hourly traffic profile per platform, using DATE_PART.
-- checks: DATE_PART('hour', ...) with a quoted part, conditional counts by platform.
SELECT DATE_PART('hour', collector_tstamp) AS hour,
       SUM(CASE WHEN platform = 'web' THEN 1 ELSE 0 END) AS web_events,
       SUM(CASE WHEN platform = 'mob' THEN 1 ELSE 0 END) AS mobile_events
FROM atomic.events
GROUP BY 1
ORDER BY 1
