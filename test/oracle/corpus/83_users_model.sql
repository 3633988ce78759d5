-- dialect: redshift
-- expect: equivalent
-- model: users model: per user first and last session start, sessions, page views, landing page of the first session, joined to the dimension.
-- checks: session-level CTE, FIRST_VALUE over ordered sessions, DISTINCT to collapse window rows, LEFT JOIN to derived.users.
WITH sessions AS (
  SELECT domain_userid, domain_sessionid,
         MIN(collector_tstamp) AS session_start,
         COUNT(*) AS events
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
  GROUP BY domain_userid, domain_sessionid
),
per_user AS (
  SELECT DISTINCT domain_userid,
         MIN(session_start) OVER (PARTITION BY domain_userid) AS first_session_start,
         MAX(session_start) OVER (PARTITION BY domain_userid) AS last_session_start,
         COUNT(*) OVER (PARTITION BY domain_userid) AS sessions,
         SUM(events) OVER (PARTITION BY domain_userid) AS events,
         FIRST_VALUE(domain_sessionid) OVER (PARTITION BY domain_userid ORDER BY session_start, domain_sessionid
                                             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_session_id
  FROM sessions
)
SELECT p.domain_userid, p.first_session_start, p.last_session_start, p.sessions, p.events, p.first_session_id,
       u.plan, u.first_seen_date
FROM per_user p
LEFT JOIN derived.users u ON u.domain_userid = p.domain_userid
