-- dialect: postgres
-- expect: equivalent
-- model: for each country, its most recent transaction, using LEFT JOIN LATERAL … LIMIT 1.
-- checks: correlated LATERAL subquery with ORDER BY … LIMIT 1, ON true.
select c.country_code, l.tr_orderid, l.tr_total
from derived.countries c
left join lateral (
  select e.tr_orderid, e.tr_total
  from atomic.events e
  where e.geo_country = c.country_code and e.event = 'transaction'
  order by e.collector_tstamp desc, e.event_id desc
  limit 1
) l on true
