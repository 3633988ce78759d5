-- dialect: postgres
-- expect: equivalent
-- model: running revenue by day where several orders share a timestamp-day, with the default (RANGE) frame, and last_value over it.
-- checks: ORDER BY with ties and no frame = RANGE UNBOUNDED PRECEDING (peers included), last_value over the default frame, first_value.
select tr_orderid, collector_tstamp::date as d, tr_total,
       sum(tr_total) over (order by collector_tstamp::date) as running_by_day,
       last_value(collector_tstamp::date) over (order by collector_tstamp::date) as last_peer_day,
       first_value(tr_orderid) over (partition by collector_tstamp::date order by tr_total desc, tr_orderid) as top_order_of_day
from atomic.events
where event = 'transaction'
