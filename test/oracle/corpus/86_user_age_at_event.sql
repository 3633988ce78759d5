-- dialect: redshift
-- expect: equivalent
-- model: how long after first_seen_date users are active: days between the dimension's date and event time, bucketed in 3-day steps.
-- checks: DATE column vs TIMESTAMP in DATEDIFF, integer division by 3 for buckets, JOIN with a filter on a boolean.
SELECT DATEDIFF('day', u.first_seen_date, e.collector_tstamp) / 3 AS three_day_bucket,
       COUNT(DISTINCT e.domain_userid) AS users,
       COUNT(*) AS events
FROM atomic.events e
JOIN derived.users u ON u.domain_userid = e.domain_userid
WHERE u.is_internal = FALSE
GROUP BY 1
ORDER BY 1
