-- dialect: postgres
-- expect: reject
-- reason: a RANGE frame with an interval offset over a timestamp ordering (events in the previous hour) is refused by the translator.
-- model: for each transaction, how many events the user had in the hour before it.
-- checks: RANGE BETWEEN INTERVAL '1 hour' PRECEDING AND CURRENT ROW is refused with its position.
select event_id, domain_userid,
       count(*) over (partition by domain_userid order by collector_tstamp range between interval '1 hour' preceding and current row) as recent
from atomic.events
where domain_userid is not null
