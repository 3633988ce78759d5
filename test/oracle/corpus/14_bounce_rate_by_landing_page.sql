-- dialect: redshift
-- expect: equivalent
-- model: bounce rate per landing page: share of sessions with exactly one page view, landing page from ROW_NUMBER = 1.
-- checks: float division via ::FLOAT (not integer division), ROW_NUMBER landing page, HAVING on a count.
WITH pv AS (
  SELECT domain_sessionid, page_urlpath,
         ROW_NUMBER() OVER (PARTITION BY domain_sessionid ORDER BY derived_tstamp, collector_tstamp, event_id) AS pv_index,
         COUNT(*) OVER (PARTITION BY domain_sessionid) AS pv_in_session
  FROM atomic.events
  WHERE event = 'page_view'
)
SELECT page_urlpath AS landing_page,
       COUNT(*) AS sessions,
       SUM(CASE WHEN pv_in_session = 1 THEN 1 ELSE 0 END) AS bounces,
       SUM(CASE WHEN pv_in_session = 1 THEN 1 ELSE 0 END)::FLOAT / COUNT(*) AS bounce_rate
FROM pv
WHERE pv_index = 1
GROUP BY page_urlpath
HAVING COUNT(*) >= 10
ORDER BY bounce_rate DESC, landing_page
