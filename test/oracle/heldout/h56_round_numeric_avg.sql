-- dialect: postgres
-- expect: equivalent
-- model: average order value per country rounded to cents and whole units, and average session index (PostgreSQL averages integers fractionally).
-- checks: round(numeric, 2) half away from zero, round(numeric) , avg(smallint) fractional in PostgreSQL, ceil/floor of numerics.
select geo_country,
       round(avg(tr_total), 2) as aov,
       round(avg(tr_total)) as aov_units,
       avg(domain_sessionidx) as avg_idx,
       ceil(max(tr_total)) as max_ceil,
       floor(min(tr_total)) as min_floor
from atomic.events
where event = 'transaction'
group by geo_country
