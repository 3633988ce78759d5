-- dialect: redshift
-- expect: equivalent
-- model: per-user comparison of this week's and last week's event counts (users active in either week).
-- checks: FULL OUTER JOIN ... USING merges the key (COALESCE of both sides), COALESCE counts to 0.
WITH w1 AS (
  SELECT domain_userid, COUNT(*) AS n FROM atomic.events
  WHERE collector_tstamp < '2024-03-04' AND domain_userid IS NOT NULL GROUP BY domain_userid
),
w2 AS (
  SELECT domain_userid, COUNT(*) AS n FROM atomic.events
  WHERE collector_tstamp >= '2024-03-04' AND domain_userid IS NOT NULL GROUP BY domain_userid
)
SELECT domain_userid, COALESCE(w1.n, 0) AS before_n, COALESCE(w2.n, 0) AS after_n
FROM w1
FULL OUTER JOIN w2 USING (domain_userid)
