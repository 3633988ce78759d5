-- dialect: redshift
-- expect: equivalent
-- model: page views and users per country and city, lower-case keywords, no AS on aliases.
-- checks: implicit aliases, count(distinct), max on timestamps, nullable group keys.
select ev.geo_country country, ev.geo_city city, count(1) views, count(distinct ev.domain_userid) visitors, max(ev.derived_tstamp) latest
from atomic.events ev
where ev.event='page_view'
group by ev.geo_country, ev.geo_city
