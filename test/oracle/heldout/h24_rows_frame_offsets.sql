-- dialect: redshift
-- expect: equivalent
-- model: daily page views with a 3-day centred moving sum and the previous 7 days' total (excluding today).
-- checks: ::date grouping key, ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING, ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING (empty frame → NULL), ordered by a date.
with daily as (
  select collector_tstamp::date as d, count(*) as views
  from atomic.events
  where event = 'page_view'
  group by 1
)
select d, views,
       sum(views) over (order by d rows between 1 preceding and 1 following) as centred_3d,
       sum(views) over (order by d rows between 7 preceding and 1 preceding) as prev_7d
from daily
order by d
