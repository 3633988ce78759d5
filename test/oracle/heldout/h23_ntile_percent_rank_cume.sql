-- dialect: redshift
-- expect: equivalent
-- model: customers ranked by lifetime value: quartile, percent rank and cumulative distribution within each plan.
-- checks: NTILE(4), PERCENT_RANK(), CUME_DIST() over a total ordering, partitioned by plan.
select domain_userid, plan, lifetime_value,
       ntile(4) over (partition by plan order by lifetime_value desc, domain_userid) as quartile,
       percent_rank() over (partition by plan order by lifetime_value, domain_userid) as pct_rank,
       cume_dist() over (partition by plan order by lifetime_value) as cume
from derived.users
where lifetime_value is not null
