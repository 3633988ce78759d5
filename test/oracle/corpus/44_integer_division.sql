-- dialect: redshift
-- expect: equivalent
-- model: average events per session per app, computed the way many dashboards do (integer / integer), next to the exact ratio.
-- checks: integer division truncates in Redshift/PostgreSQL (Spark's / would not), smallint / integer literal, float ratio for contrast.
SELECT app_id,
       COUNT(*) / COUNT(DISTINCT domain_sessionid) AS events_per_session_int,
       COUNT(*)::FLOAT / COUNT(DISTINCT domain_sessionid) AS events_per_session,
       MAX(domain_sessionidx) / 4 AS quarter_max_idx,
       MAX(domain_sessionidx) % 3 AS max_idx_mod3
FROM atomic.events
GROUP BY app_id
