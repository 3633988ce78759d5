-- dialect: redshift
-- expect: equivalent
-- model: sessions model: session aggregates joined back to the first page view for landing page and referrer (web model 00-sessions.sql).
-- checks: join of an aggregate to a ROW_NUMBER = 1 subset on the session key, MIN/MAX/COUNT, SUM(CASE) bounce flag.
WITH page_views AS (
  SELECT domain_sessionid, domain_userid, page_urlpath, refr_medium, refr_source, collector_tstamp,
         ROW_NUMBER() OVER (PARTITION BY domain_sessionid ORDER BY collector_tstamp, event_id) AS page_view_in_session_index
  FROM atomic.events
  WHERE event = 'page_view'
),
agg AS (
  SELECT domain_sessionid,
         MIN(collector_tstamp) AS session_start,
         MAX(collector_tstamp) AS session_end,
         COUNT(*) AS page_views
  FROM page_views
  GROUP BY domain_sessionid
)
SELECT a.domain_sessionid, f.domain_userid, a.session_start, a.session_end, a.page_views,
       f.page_urlpath AS landing_page, f.refr_medium, f.refr_source,
       CASE WHEN a.page_views = 1 THEN TRUE ELSE FALSE END AS user_bounced
FROM agg a
JOIN page_views f ON f.domain_sessionid = a.domain_sessionid AND f.page_view_in_session_index = 1
