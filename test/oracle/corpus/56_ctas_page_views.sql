-- dialect: redshift
-- expect: equivalent
-- writes: derived.page_views create
-- model: CREATE TABLE AS for a page-views table: one row per page view with its index in the session.
-- checks: the runner judges the SELECT part; the translation must also write it to derived.page_views (create, not append).
CREATE TABLE derived.page_views AS
SELECT event_id AS page_view_id,
       domain_userid,
       domain_sessionid,
       page_urlpath,
       derived_tstamp,
       ROW_NUMBER() OVER (PARTITION BY domain_sessionid ORDER BY derived_tstamp, collector_tstamp, event_id) AS page_view_in_session_index
FROM atomic.events
WHERE event = 'page_view'
