-- dialect: redshift
-- expect: equivalent
-- model: events per calendar day and day-of-month, with ::date and date_part.
-- checks: ::date in select and group by, date_part('day', ...), date_part('dow', ...), ordinal ORDER BY.
select collector_tstamp::date as d, date_part('day', collector_tstamp) as dom, date_part('dow', collector_tstamp) as dow, count(*) as n
from atomic.events
group by 1, 2, 3
order by 1
