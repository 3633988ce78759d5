-- dialect: postgres
-- expect: equivalent
-- model: for each country, its two most recent page views (time and path), with CROSS JOIN LATERAL and LEFT JOIN LATERAL … ON true.
-- checks: LATERAL … ORDER BY … LIMIT n as row_number() per correlation key; a LEFT JOIN keeps countries without page views; NULL geo_country never matches.
select c.country_code, l.ts, l.path, f.first_path
from derived.countries c
left join lateral (
  select e.collector_tstamp as ts, e.page_urlpath as path
  from atomic.events e
  where e.geo_country = c.country_code and e.event = 'page_view'
  order by e.collector_tstamp desc, e.page_urlpath
  limit 2
) l on true
cross join lateral (
  select e2.page_urlpath as first_path
  from atomic.events e2
  where c.country_code = e2.geo_country
  order by e2.page_urlpath nulls first
  limit 1
) f
order by c.country_code, l.ts, l.path
