-- dialect: redshift
-- expect: equivalent
-- model: for each transaction, the timestamp one week, 36 hours and 90 minutes later, and how many hours/weeks/months separate it from the first day of the data.
-- checks: DATEADD with 'week', 'hour', 'minute' parts; DATEDIFF('hour'|'week'|'month') with a timestamp literal cast.
select tr_orderid,
       dateadd('week', 1, collector_tstamp) as plus_week,
       dateadd('hour', -36, collector_tstamp) as minus_36h,
       dateadd('minute', 90, collector_tstamp) as plus_90m,
       datediff('hour', '2024-03-01 00:00:00'::timestamp, collector_tstamp) as hours_in,
       datediff('week', '2024-02-26'::timestamp, collector_tstamp) as weeks_in,
       datediff('month', '2024-01-15'::timestamp, collector_tstamp) as months_in
from atomic.events
where event = 'transaction'
