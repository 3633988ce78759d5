-- dialect: redshift
-- expect: equivalent
-- model: order classification per country: nvl2 on the order id, a simple CASE without ELSE that yields NULL for unknown platforms.
-- checks: NVL2 returning strings, simple CASE with no ELSE, grouping on both CASE outputs, ORDER BY expressions by ordinal.
select geo_country,
       nvl2(tr_orderid, 'order', 'no order') as has_order,
       case platform when 'web' then 'W' when 'mob' then 'M' end as plat,
       count(*) as n
from atomic.events
where geo_country in ('US', 'GB', 'DE')
group by 1, 2, 3
order by 1, 2, 3 nulls first
