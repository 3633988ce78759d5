-- dialect: postgres
-- expect: equivalent
-- model: PostgreSQL: per browser, views of blog pages and mobile share, with FILTER and ::numeric-free float casts.
-- checks: count(*) filter (where ... ilike ...), ::float8 division, nullif.
select br_family,
       count(*) filter (where page_urlpath ilike '/BLOG%') as blog_views,
       (count(*) filter (where dvce_type = 'Mobile'))::float8 / nullif(count(*), 0) as mobile_share
from atomic.events
where event = 'page_view'
group by br_family
