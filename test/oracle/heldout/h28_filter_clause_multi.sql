-- dialect: postgres
-- expect: equivalent
-- model: per day, distinct buyers, revenue and the first purchase time, all through FILTER clauses.
-- checks: count(distinct …) filter, sum(…) filter, min(…) filter, ::date group key.
select collector_tstamp::date as day,
       count(distinct domain_userid) filter (where event = 'transaction') as buyers,
       sum(tr_total) filter (where event = 'transaction') as revenue,
       min(collector_tstamp) filter (where event = 'transaction') as first_purchase,
       count(*) filter (where event = 'page_view' and refr_medium = 'search') as search_views
from atomic.events
group by 1
order by 1
