-- dialect: redshift
-- expect: equivalent
-- model: traffic by day-of-week and hour-of-day, plus the month bucket.
-- checks: EXTRACT(DOW) is 0-based from Sunday (Spark dayofweek is 1-based), EXTRACT(HOUR), DATE_TRUNC('month').
SELECT EXTRACT(DOW FROM collector_tstamp) AS dow,
       EXTRACT(HOUR FROM collector_tstamp) AS hour_of_day,
       DATE_TRUNC('month', collector_tstamp) AS month_start,
       COUNT(*) AS events
FROM atomic.events
GROUP BY 1, 2, 3
ORDER BY 1, 2
