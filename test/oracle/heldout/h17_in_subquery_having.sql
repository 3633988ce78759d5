-- dialect: redshift
-- expect: equivalent
-- model: page views of users who bought more than once.
-- checks: IN over a grouped subquery with HAVING count(distinct ...) > 1.
select page_urlpath, count(*) as views
from atomic.events
where event = 'page_view'
  and domain_userid in (select domain_userid from atomic.events where event = 'transaction' group by domain_userid having count(distinct tr_orderid) > 1)
group by page_urlpath
