-- dialect: postgres
-- expect: equivalent
-- model: events in a window given by DATE and TIMESTAMP literals and intervals of several shapes.
-- checks: DATE '…' + INTERVAL '1 day', TIMESTAMP '…' - INTERVAL '90 minutes', interval '2 hours 30 minutes', date comparisons with timestamps.
select event, count(*) as n,
       min(collector_tstamp + interval '2 hours 30 minutes') as first_shifted
from atomic.events
where collector_tstamp >= date '2024-03-03' + interval '1 day'
  and collector_tstamp < timestamp '2024-03-06 00:00:00' - interval '90 minutes'
group by event
