-- dialect: redshift
-- expect: equivalent
-- model: users split into activity quartiles by event count.
-- checks: NTILE(4) with a total ordering (count DESC, id), then aggregation per quartile.
WITH per_user AS (
  SELECT domain_userid, COUNT(*) AS events
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
  GROUP BY domain_userid
)
SELECT quartile, COUNT(*) AS users, MIN(events) AS min_events, MAX(events) AS max_events
FROM (
  SELECT domain_userid, events, NTILE(4) OVER (ORDER BY events DESC, domain_userid) AS quartile
  FROM per_user
) q
GROUP BY quartile
ORDER BY quartile
