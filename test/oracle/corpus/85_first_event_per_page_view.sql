-- dialect: redshift
-- expect: equivalent
-- model: web model 01-events.sql: keep the first event of each page view (page views keyed by session + path) ordered by device time.
-- checks: SELECT * over a derived table with ROW_NUMBER ... WHERE n = 1 (the n column is part of the output), NULL device times sort last.
WITH prep AS (
  SELECT domain_sessionid || page_urlpath AS page_view_id, event_id, dvce_created_tstamp, collector_tstamp
  FROM (SELECT DISTINCT event_id, domain_sessionid, page_urlpath, dvce_created_tstamp, collector_tstamp FROM atomic.events) d
  WHERE domain_sessionid IS NOT NULL
)
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY page_view_id ORDER BY dvce_created_tstamp, collector_tstamp, event_id) AS n
  FROM prep
) x
WHERE n = 1
