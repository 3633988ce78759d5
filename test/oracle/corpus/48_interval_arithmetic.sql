-- dialect: redshift
-- expect: equivalent
-- model: events within 30 minutes after each session's first event (first-impression window).
-- checks: timestamp + INTERVAL '30 minutes', comparison with a window MIN, interval subtraction of days.
WITH s AS (
  SELECT event_id, domain_sessionid, collector_tstamp,
         MIN(collector_tstamp) OVER (PARTITION BY domain_sessionid) AS session_start
  FROM atomic.events
)
SELECT domain_sessionid, COUNT(*) AS early_events, MIN(session_start - INTERVAL '1 day') AS day_before_start
FROM s
WHERE collector_tstamp <= session_start + INTERVAL '30 minutes'
GROUP BY domain_sessionid
