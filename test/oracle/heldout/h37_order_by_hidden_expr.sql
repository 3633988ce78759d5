-- dialect: redshift
-- expect: equivalent
-- model: top 5 cities by views, ordered by an expression that is not in the SELECT list and then the city name.
-- checks: ORDER BY count(*) not selected, ORDER BY a column name that is also an alias of another expression.
select geo_city, upper(geo_country) as geo_country
from atomic.events
where event = 'page_view' and geo_city is not null
group by geo_city, geo_country
order by count(*) desc, geo_city, geo_country
limit 5
