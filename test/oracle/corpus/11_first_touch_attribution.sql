-- dialect: redshift
-- expect: equivalent
-- model: first-touch attribution: each user's first referrer medium/source, carried to every user row, then revenue per first-touch medium.
-- checks: FIRST_VALUE with an explicit full frame, NULL mediums kept as their own group, SUM of decimals.
WITH touches AS (
  SELECT domain_userid,
         event,
         tr_total,
         FIRST_VALUE(refr_medium) OVER (PARTITION BY domain_userid ORDER BY collector_tstamp, event_id
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS first_medium
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
)
SELECT first_medium,
       COUNT(DISTINCT domain_userid) AS users,
       SUM(CASE WHEN event = 'transaction' THEN tr_total ELSE 0 END) AS revenue
FROM touches
GROUP BY first_medium
ORDER BY first_medium NULLS FIRST
