-- Daily active users (DAU), new vs. returning, and how many used the mobile app.
-- The web tracker sets domain_userid; app events only carry network_userid, so the user key
-- falls back to it.
SELECT
  CAST(derived_tstamp AS DATE) AS day,
  COUNT(DISTINCT COALESCE(domain_userid, network_userid)) AS active_users,
  COUNT(DISTINCT CASE WHEN domain_sessionidx = 1 THEN domain_userid END) AS new_web_users,
  COUNT(DISTINCT CASE WHEN platform = 'mob' THEN network_userid END) AS mobile_app_users
FROM atomic.events
GROUP BY CAST(derived_tstamp AS DATE)
ORDER BY day;

-- Rolling 7-day active users per day.
WITH daily AS (
  SELECT DISTINCT CAST(derived_tstamp AS DATE) AS day, COALESCE(domain_userid, network_userid) AS user_key
  FROM atomic.events
),
days AS (
  SELECT DISTINCT day FROM daily
)
SELECT d.day, COUNT(DISTINCT a.user_key) AS active_users_7d
FROM days AS d
JOIN daily AS a ON a.day BETWEEN d.day - 6 AND d.day
GROUP BY d.day
ORDER BY d.day;
