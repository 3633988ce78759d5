-- Daily active users (DAU), new vs. returning, and platform split.
SELECT
  CAST(derived_tstamp AS DATE) AS day,
  COUNT(DISTINCT domain_userid) AS active_users,
  COUNT(DISTINCT CASE WHEN domain_sessionidx = 1 THEN domain_userid END) AS new_users,
  COUNT(DISTINCT CASE WHEN platform = 'mob' THEN domain_userid END) AS mobile_app_users
FROM atomic.events
WHERE domain_userid IS NOT NULL
GROUP BY CAST(derived_tstamp AS DATE)
ORDER BY day;

-- Rolling 7-day active users per day.
WITH daily AS (
  SELECT DISTINCT CAST(derived_tstamp AS DATE) AS day, domain_userid
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
),
days AS (
  SELECT DISTINCT day FROM daily
)
SELECT d.day, COUNT(DISTINCT a.domain_userid) AS active_users_7d
FROM days AS d
JOIN daily AS a ON a.day BETWEEN d.day - 6 AND d.day
GROUP BY d.day
ORDER BY d.day;
