-- dialect: redshift
-- expect: equivalent
-- model: ratio-to-report: each country's share of revenue and its running cumulative share in descending revenue order.
-- checks: sum(x) / sum(sum(x)) over () on decimals, running sum with a total window order, ::float casts.
select geo_country,
       sum(tr_total) as revenue,
       sum(tr_total)::float / sum(sum(tr_total)) over () as share,
       sum(sum(tr_total)) over (order by sum(tr_total) desc, geo_country rows unbounded preceding)::float
         / sum(sum(tr_total)) over () as cum_share
from atomic.events
where event = 'transaction' and geo_country is not null
group by geo_country
order by revenue desc, geo_country
