-- dialect: redshift
-- expect: equivalent
-- model: retention cohorts: users by first active day, and how many are active N days later.
-- checks: per-user MIN in a CTE, join back, DATEDIFF('day', ...) as an integer day offset, grouping by cohort and offset.
WITH first_day AS (
  SELECT domain_userid, MIN(collector_tstamp::date) AS cohort_date
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
  GROUP BY domain_userid
),
activity AS (
  SELECT DISTINCT domain_userid, collector_tstamp::date AS active_date
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
)
SELECT f.cohort_date,
       DATEDIFF('day', f.cohort_date, a.active_date) AS day_offset,
       COUNT(*) AS active_users
FROM first_day f
JOIN activity a ON a.domain_userid = f.domain_userid
GROUP BY 1, 2
ORDER BY 1, 2
