-- dialect: redshift
-- expect: equivalent
-- model: reconcile event users against the users dimension: in both, events only, dimension only.
-- checks: FULL OUTER JOIN of an aggregate and a table, CASE over which side is NULL.
WITH ev AS (
  SELECT domain_userid, COUNT(*) AS n
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
  GROUP BY domain_userid
)
SELECT CASE WHEN ev.domain_userid IS NULL THEN 'dimension_only'
            WHEN u.domain_userid IS NULL THEN 'events_only'
            ELSE 'both' END AS status,
       COUNT(*) AS users,
       SUM(ev.n) AS events
FROM ev
FULL OUTER JOIN derived.users u ON u.domain_userid = ev.domain_userid
GROUP BY 1
ORDER BY 1
