-- dialect: redshift
-- expect: equivalent
-- model: per session, each page view with the previous path (or 'entry'), the view two steps ahead, and the second page of the session.
-- checks: lag with a default, lead with offset 2, nth_value over an explicit full frame.
select domain_sessionid, event_id, page_urlpath,
       lag(page_urlpath, 1, 'entry') over (partition by domain_sessionid order by collector_tstamp, event_id) as prev_path,
       lead(page_urlpath, 2) over (partition by domain_sessionid order by collector_tstamp, event_id) as next2_path,
       nth_value(page_urlpath, 2) over (partition by domain_sessionid order by collector_tstamp, event_id rows between unbounded preceding and unbounded following) as second_page
from atomic.events
where event = 'page_view' and domain_sessionid is not null
