-- dialect: redshift
-- expect: equivalent
-- model: per event day as text and hour as a number, built from :: chains.
-- checks: ts::date::varchar, date_part returned as ::int, '2024-03-05'::date comparisons against a timestamp column.
select collector_tstamp::date::varchar as day_txt,
       date_part('hour', collector_tstamp)::int as hr,
       count(*) as n
from atomic.events
where collector_tstamp::date >= '2024-03-05'::date
  and collector_tstamp < '2024-03-07'::date
group by 1, 2
order by 1, 2
