-- dialect: redshift
-- expect: equivalent
-- model: users whose first event was on or after their recorded first-seen date, comparing a timestamp with a date.
-- checks: timestamp >= date, date = ts::date, join on a cast, datediff('day', date, timestamp).
select u.domain_userid, u.first_seen_date, min(e.collector_tstamp) as first_event,
       datediff('day', u.first_seen_date, min(e.collector_tstamp)) as lag_days,
       max(case when e.collector_tstamp::date = u.first_seen_date then 1 else 0 end) as active_on_first_day
from derived.users u
join atomic.events e on e.domain_userid = u.domain_userid
where e.collector_tstamp >= u.first_seen_date
group by u.domain_userid, u.first_seen_date
