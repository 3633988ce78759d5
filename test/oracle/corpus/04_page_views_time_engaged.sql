-- dialect: redshift
-- expect: equivalent
-- model: web-model page views: per session and page, first/last time, view and ping counts, and engaged time from page pings (10-second heartbeat).
-- checks: SUM(CASE ...) counters, COUNT(DISTINCT FLOOR(epoch / 10)) where / on a numeric epoch is fractional, integer arithmetic on the count.
SELECT ev.domain_sessionid,
       ev.page_urlpath,
       MIN(ev.derived_tstamp) AS min_tstamp,
       MAX(ev.derived_tstamp) AS max_tstamp,
       SUM(CASE WHEN ev.event = 'page_view' THEN 1 ELSE 0 END) AS pv_count,
       SUM(CASE WHEN ev.event = 'page_ping' THEN 1 ELSE 0 END) AS pp_count,
       10 * COUNT(DISTINCT(FLOOR(EXTRACT(EPOCH FROM ev.derived_tstamp) / 10))) - 10 AS time_engaged_in_s
FROM atomic.events AS ev
WHERE ev.event IN ('page_view', 'page_ping')
GROUP BY 1, 2
