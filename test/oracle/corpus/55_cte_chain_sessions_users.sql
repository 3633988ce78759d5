-- dialect: redshift
-- expect: equivalent
-- model: a small web model: events -> sessions -> users -> per-plan summary, four chained CTEs.
-- checks: CTEs referencing earlier CTEs, aggregates of aggregates, a join to the dimension at the end.
WITH events AS (
  SELECT domain_userid, domain_sessionid, collector_tstamp, event
  FROM atomic.events
  WHERE domain_userid IS NOT NULL AND domain_sessionid IS NOT NULL
),
sessions AS (
  SELECT domain_userid, domain_sessionid,
         MIN(collector_tstamp) AS session_start,
         SUM(CASE WHEN event = 'page_view' THEN 1 ELSE 0 END) AS page_views
  FROM events
  GROUP BY domain_userid, domain_sessionid
),
users AS (
  SELECT domain_userid, COUNT(*) AS sessions, SUM(page_views) AS page_views, MIN(session_start) AS first_session
  FROM sessions
  GROUP BY domain_userid
),
per_plan AS (
  SELECT COALESCE(d.plan, 'none') AS plan, COUNT(*) AS users, SUM(users.sessions) AS sessions, SUM(users.page_views) AS page_views
  FROM users
  LEFT JOIN derived.users d ON d.domain_userid = users.domain_userid
  GROUP BY 1
)
SELECT * FROM per_plan ORDER BY plan
