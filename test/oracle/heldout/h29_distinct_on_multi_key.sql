-- dialect: postgres
-- expect: equivalent
-- model: the landing page of each session: first page view per (user, session), DISTINCT ON two keys.
-- checks: DISTINCT ON (a, b) with a total ORDER BY including a DESC tiebreaker.
select distinct on (domain_userid, domain_sessionid)
       domain_userid, domain_sessionid, page_urlpath as landing_page, collector_tstamp
from atomic.events
where event = 'page_view' and domain_sessionid is not null
order by domain_userid, domain_sessionid, collector_tstamp, event_id desc
