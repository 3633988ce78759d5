-- dialect: redshift
-- expect: equivalent
-- model: engagement events per browser family for a fixed list of event types and countries.
-- checks: IN and NOT IN literal lists (a NULL country is excluded by both), COUNT per group.
SELECT br_family, event, COUNT(*) AS n
FROM atomic.events
WHERE event IN ('page_view', 'page_ping', 'struct')
  AND geo_country NOT IN ('US', 'GB')
GROUP BY br_family, event
