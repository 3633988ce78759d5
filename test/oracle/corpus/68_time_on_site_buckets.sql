-- dialect: redshift
-- expect: equivalent
-- model: sessions bucketed by time on site (seconds between first and last event).
-- checks: DATEDIFF('second', MIN, MAX), CASE buckets over a derived column, BETWEEN on integers.
SELECT CASE WHEN secs = 0 THEN '0s'
            WHEN secs BETWEEN 1 AND 59 THEN '1-59s'
            WHEN secs BETWEEN 60 AND 599 THEN '1-10m'
            ELSE '10m+' END AS bucket,
       COUNT(*) AS sessions
FROM (
  SELECT domain_sessionid, DATEDIFF('second', MIN(collector_tstamp), MAX(collector_tstamp)) AS secs
  FROM atomic.events
  GROUP BY domain_sessionid
) s
GROUP BY 1
