-- dialect: redshift
-- expect: equivalent
-- model: a report with presentation column names: quoted aliases with spaces and mixed case, and keywords as aliases.
-- checks: "Quoted Alias" referenced in ORDER BY, keywords (date, value, user) as aliases.
select collector_tstamp::date as "date",
       count(distinct domain_userid) as "Unique Users",
       sum(tr_total) as "value"
from atomic.events
where event = 'transaction'
group by 1
order by "Unique Users" desc, "date"
