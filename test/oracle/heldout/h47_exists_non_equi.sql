-- dialect: redshift
-- expect: equivalent
-- model: page views followed by a transaction of the same user within an hour.
-- checks: correlated EXISTS with an equality plus range conditions on a timestamp + interval.
select v.page_urlpath, count(*) as converting_views
from atomic.events v
where v.event = 'page_view'
  and exists (select 1 from atomic.events t
              where t.domain_userid = v.domain_userid
                and t.event = 'transaction'
                and t.collector_tstamp > v.collector_tstamp
                and t.collector_tstamp <= v.collector_tstamp + interval '1 hour')
group by v.page_urlpath
