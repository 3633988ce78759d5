-- dialect: redshift
-- expect: equivalent
-- model: weekly active users per platform, weeks starting Monday.
-- checks: DATE_TRUNC('week', ...) (Monday weeks in both engines), grouping by a truncated timestamp.
SELECT DATE_TRUNC('week', collector_tstamp) AS week_start,
       platform,
       COUNT(DISTINCT domain_userid) AS wau
FROM atomic.events
GROUP BY DATE_TRUNC('week', collector_tstamp), platform
ORDER BY week_start, platform
