-- dialect: postgres
-- expect: equivalent
-- model: users per plan and per signup country separately, plus overall, with GROUPING SETS.
-- checks: GROUPING SETS ((plan), (signup_country), ()), count and sum per set.
select plan, signup_country, count(*) as users, sum(lifetime_value) as ltv
from derived.users
group by grouping sets ((plan), (signup_country), ())
