-- dialect: redshift
-- expect: equivalent
-- model: the 25 users with most sessions, with their first and last event time.
-- checks: COUNT(DISTINCT) per user, a total ORDER BY (count DESC, id) before LIMIT, NULL user excluded by WHERE.
SELECT domain_userid,
       COUNT(DISTINCT domain_sessionid) AS sessions,
       MIN(collector_tstamp) AS first_event,
       MAX(collector_tstamp) AS last_event
FROM atomic.events
WHERE domain_userid IS NOT NULL
GROUP BY domain_userid
ORDER BY sessions DESC, domain_userid
LIMIT 25
