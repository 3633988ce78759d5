-- dialect: redshift
-- expect: equivalent
-- model: page-to-page transitions: each page view joined to the next page view in the same session (self join on a row index).
-- checks: self join of a derived table with aliases, join condition with arithmetic (n + 1), grouping by both sides.
WITH pv AS (
  SELECT domain_sessionid, page_urlpath,
         ROW_NUMBER() OVER (PARTITION BY domain_sessionid ORDER BY collector_tstamp, event_id) AS n
  FROM atomic.events
  WHERE event = 'page_view'
)
SELECT a.page_urlpath AS from_page, b.page_urlpath AS to_page, COUNT(*) AS transitions
FROM pv a
JOIN pv b ON b.domain_sessionid = a.domain_sessionid AND b.n = a.n + 1
GROUP BY a.page_urlpath, b.page_urlpath
ORDER BY transitions DESC, from_page, to_page
LIMIT 20
