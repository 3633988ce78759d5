-- dialect: redshift
-- expect: equivalent
-- model: events from users who either bought or signed up from Europe, via IN over a CTE that is a UNION.
-- checks: IN (SELECT … FROM cte) where the CTE is a UNION of two sources, NOT IN over a non-null column of a join.
with vip as (
  select domain_userid from atomic.events where event = 'transaction'
  union
  select u.domain_userid from derived.users u join derived.countries c on u.signup_country = c.country_code where c.continent = 'Europe'
)
select event, count(*) as n
from atomic.events
where domain_userid in (select domain_userid from vip)
  and geo_country not in (select country_code from derived.countries where continent = 'Asia')
group by event
