-- dialect: postgres
-- expect: equivalent
-- model: session durations in seconds via epoch differences, and days between a user's first-seen date and first event date.
-- checks: extract(epoch from ts) differences, date - date as an integer, date + integer, ::date of max().
select u.domain_userid,
       extract(epoch from max(e.collector_tstamp)) - extract(epoch from min(e.collector_tstamp)) as active_seconds,
       min(e.collector_tstamp)::date - u.first_seen_date as days_to_first_event,
       u.first_seen_date + 7 as week_after
from derived.users u
join atomic.events e on e.domain_userid = u.domain_userid
group by u.domain_userid, u.first_seen_date
