-- dialect: redshift
-- expect: equivalent
-- writes: derived.daily_summary create
-- model: CREATE TABLE AS with a leading WITH: daily users, sessions and revenue.
-- checks: CTAS whose body starts with WITH; the runner judges the SELECT part and checks the write target.
CREATE TABLE derived.daily_summary AS
WITH daily AS (
  SELECT collector_tstamp::date AS day, domain_userid, domain_sessionid, tr_total
  FROM atomic.events
)
SELECT day,
       COUNT(DISTINCT domain_userid) AS users,
       COUNT(DISTINCT domain_sessionid) AS sessions,
       COALESCE(SUM(tr_total), 0) AS revenue
FROM daily
GROUP BY day;
