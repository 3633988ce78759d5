-- dialect: redshift
-- expect: equivalent
-- model: average events and average session duration (seconds) per device type, from a per-session derived table.
-- checks: FROM (subquery) alias, AVG over a float expression, DATEDIFF('second', ...), COUNT(*) in the inner query.
SELECT s.dvce_type,
       COUNT(*) AS sessions,
       AVG(s.events::FLOAT) AS avg_events,
       AVG(s.duration_s::FLOAT) AS avg_duration_s
FROM (
  SELECT domain_sessionid, dvce_type,
         COUNT(*) AS events,
         DATEDIFF('second', MIN(collector_tstamp), MAX(collector_tstamp)) AS duration_s
  FROM atomic.events
  GROUP BY domain_sessionid, dvce_type
) s
GROUP BY s.dvce_type
ORDER BY s.dvce_type
