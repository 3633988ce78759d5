-- dialect: athena
-- expect: equivalent
-- model: Athena-style query: struct events per category with the share of events that carry a value.
-- checks: lower-case function names, cast(count as double) division, coalesce of a label in GROUP BY.
select coalesce(se_label, 'none') as label,
       count(*) as n,
       cast(count(se_value) as double precision) / count(*) as valued_share
from atomic.events
where event = 'struct'
group by coalesce(se_label, 'none')
order by label
