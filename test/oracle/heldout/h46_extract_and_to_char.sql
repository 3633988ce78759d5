-- dialect: postgres
-- expect: equivalent
-- model: traffic by weekday name and hour bucket, with EXTRACT and TO_CHAR.
-- checks: extract(dow …), extract(hour …), to_char(ts, 'YYYY-MM-DD HH24'), integer division of an extract.
select extract(dow from collector_tstamp) as dow,
       floor(extract(hour from collector_tstamp) / 6) as quarter_of_day,
       to_char(min(collector_tstamp), 'YYYY-MM-DD HH24') as first_hour,
       count(*) as n
from atomic.events
group by 1, 2
order by 1, 2
