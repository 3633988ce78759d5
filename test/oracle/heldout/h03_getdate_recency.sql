-- dialect: redshift
-- expect: equivalent
-- model: users with their days since last activity relative to the run date, bucketed as stale or not (the run date is always after the seed data).
-- checks: getdate(), datediff('day', ..., getdate()) > 0 comparisons, HAVING on max().
select domain_userid,
       case when datediff('day', max(collector_tstamp), getdate()) > 7 then 'stale' else 'fresh' end as recency,
       count(*) as events
from atomic.events
where domain_userid is not null and collector_tstamp < getdate()
group by domain_userid
having max(collector_tstamp) < getdate()
