-- dialect: redshift
-- expect: equivalent
-- model: exit pages: page views with no following page view in the session, and time to the next page view otherwise.
-- checks: LEAD over a session, LEAD with offset and default, NULL next page marks the exit.
SELECT page_urlpath,
       SUM(CASE WHEN next_page IS NULL THEN 1 ELSE 0 END) AS exits,
       COUNT(*) AS views,
       SUM(CASE WHEN second_next = 'none' THEN 1 ELSE 0 END) AS within_two_of_exit
FROM (
  SELECT page_urlpath,
         LEAD(page_urlpath) OVER (PARTITION BY domain_sessionid ORDER BY collector_tstamp, event_id) AS next_page,
         LEAD(page_urlpath, 2, 'none') OVER (PARTITION BY domain_sessionid ORDER BY collector_tstamp, event_id) AS second_next
  FROM atomic.events
  WHERE event = 'page_view'
) x
GROUP BY page_urlpath
