-- dialect: redshift
-- expect: equivalent
-- model: web model page-view indexes (06-page-views.sql): page view index per user and per session, and the session start year and weekday index.
-- checks: two ROW_NUMBER windows with different partitions, DATE_PART('year', ...)::INTEGER, MOD(EXTRACT(DOW ...)::INTEGER - 1 + 7, 7).
SELECT event_id,
       ROW_NUMBER() OVER (PARTITION BY domain_userid ORDER BY derived_tstamp, collector_tstamp, event_id) AS page_view_index,
       ROW_NUMBER() OVER (PARTITION BY domain_sessionid ORDER BY derived_tstamp, collector_tstamp, event_id) AS page_view_in_session_index,
       DATE_PART('year', derived_tstamp)::INTEGER AS page_view_year,
       MOD(EXTRACT(DOW FROM derived_tstamp)::INTEGER - 1 + 7, 7) AS day_of_week_index
FROM (SELECT DISTINCT * FROM atomic.events WHERE event = 'page_view') pv
