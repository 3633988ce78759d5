-- dialect: redshift
-- expect: equivalent
-- model: the top-2 pages (with ties) per country by views, written as a QUALIFY-like filter in an outer query.
-- checks: DENSE_RANK over an aggregate in the same SELECT, filter on the rank in the outer query, keyword-like alias "rank".
select country, page, views, "rank"
from (
  select geo_country as country, page_urlpath as page, count(*) as views,
         dense_rank() over (partition by geo_country order by count(*) desc) as "rank"
  from atomic.events
  where event = 'page_view' and geo_country is not null
  group by geo_country, page_urlpath
) ranked
where "rank" <= 2
