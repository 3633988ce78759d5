-- dialect: redshift
-- expect: equivalent
-- model: each user's last page view per session: keep the rows whose timestamp equals the session's max, via a correlated subquery in WHERE.
-- checks: correlated MAX subquery compared in WHERE (sessions without page views vanish), correlation on two columns.
select e.domain_sessionid, e.page_urlpath, e.collector_tstamp
from atomic.events e
where e.event = 'page_view'
  and e.collector_tstamp = (select max(x.collector_tstamp) from atomic.events x
                            where x.domain_sessionid = e.domain_sessionid and x.event = e.event)
