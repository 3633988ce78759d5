-- dialect: redshift
-- expect: equivalent
-- model: events per country and platform with subtotals per country and a grand total.
-- checks: GROUP BY ROLLUP (a, b): NULL in the rolled-up columns for subtotal rows.
select geo_country, platform, count(*) as n
from atomic.events
where geo_country in ('US', 'FR')
group by rollup (geo_country, platform)
