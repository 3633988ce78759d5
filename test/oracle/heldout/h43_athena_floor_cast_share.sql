-- dialect: athena
-- expect: equivalent
-- model: Athena: share of struct events with a numeric value, and the sum of the values floored to bigint (a plain cast would round half away from zero in Trino but half to even in the PostgreSQL reference, so it is outside the shared subset).
-- checks: cast(floor(double) as bigint), cast(count as double precision) / count.
select se_category,
       cast(count(se_value) as double precision) / count(*) as valued,
       sum(cast(floor(se_value) as bigint)) as int_total
from atomic.events
where event = 'struct'
group by se_category
