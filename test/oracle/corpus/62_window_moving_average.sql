-- dialect: redshift
-- expect: equivalent
-- model: 3-day moving average of daily active users.
-- checks: AVG over ROWS BETWEEN 2 PRECEDING AND CURRENT ROW on an aggregated CTE, float average.
WITH daily AS (
  SELECT collector_tstamp::date AS day, COUNT(DISTINCT domain_userid) AS dau
  FROM atomic.events
  GROUP BY 1
)
SELECT day, dau,
       AVG(dau::FLOAT) OVER (ORDER BY day ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS dau_3d_avg
FROM daily
ORDER BY day
