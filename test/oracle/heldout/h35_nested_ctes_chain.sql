-- dialect: redshift
-- expect: equivalent
-- model: buyers' average order value per plan, through four CTEs that each read earlier ones (one is read twice).
-- checks: CTE chain, a CTE joined with an earlier CTE, aggregates of aggregates, ::float division.
with tx as (
  select domain_userid, tr_orderid, max(tr_total) as total
  from atomic.events where event = 'transaction' group by 1, 2
), per_user as (
  select domain_userid, count(*) as orders, sum(total) as revenue from tx group by 1
), with_plan as (
  select p.domain_userid, nvl(u.plan, 'unknown') as plan, p.orders, p.revenue
  from per_user p left join derived.users u on p.domain_userid = u.domain_userid
), plan_totals as (
  select plan, sum(orders) as orders, sum(revenue) as revenue, count(*) as buyers from with_plan group by plan
)
select t.plan, t.buyers, t.revenue::float / t.orders as aov,
       (select count(*) from per_user) as all_buyers
from plan_totals t
order by t.plan
