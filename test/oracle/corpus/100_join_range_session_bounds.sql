-- dialect: redshift
-- expect: equivalent
-- model: transactions attributed to the campaign session that was open at the time (non-equi join of events to session bounds on the same user).
-- checks: join condition with BETWEEN on timestamps plus an equality, aggregate on the joined rows, NOT BETWEEN elsewhere.
WITH campaign_sessions AS (
  SELECT domain_userid, domain_sessionid, mkt_campaign,
         collector_tstamp AS starts_at,
         collector_tstamp + INTERVAL '2 hours' AS ends_at
  FROM atomic.events
  WHERE mkt_campaign IS NOT NULL AND domain_userid IS NOT NULL
)
SELECT cs.mkt_campaign, COUNT(DISTINCT t.tr_orderid) AS orders, SUM(t.tr_total) AS revenue
FROM atomic.events t
JOIN campaign_sessions cs
  ON cs.domain_userid = t.domain_userid
 AND t.collector_tstamp BETWEEN cs.starts_at AND cs.ends_at
WHERE t.event = 'transaction'
  AND t.tr_total NOT BETWEEN 0 AND 0.01
GROUP BY cs.mkt_campaign
ORDER BY cs.mkt_campaign
