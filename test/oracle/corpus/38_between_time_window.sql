-- dialect: redshift
-- expect: equivalent
-- model: hourly events for one reporting window, both bounds inclusive.
-- checks: BETWEEN on timestamps with literal bounds (inclusive), DATE_TRUNC('hour', ...).
SELECT DATE_TRUNC('hour', collector_tstamp) AS hour, COUNT(*) AS events
FROM atomic.events
WHERE collector_tstamp BETWEEN '2024-03-03 06:00:00' AND '2024-03-03 18:00:00'
GROUP BY 1
ORDER BY 1
