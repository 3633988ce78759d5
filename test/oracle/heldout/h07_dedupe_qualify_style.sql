-- dialect: redshift
-- expect: equivalent
-- model: latest copy of each duplicated event (by etl time), written with a CTE and rank().
-- checks: RANK() over event_id ordered by etl_tstamp DESC and collector_tstamp DESC, = 1 filter, only ids with duplicates.
with ranked as (
  select event_id, etl_tstamp, collector_tstamp,
         rank() over (partition by event_id order by etl_tstamp desc, collector_tstamp desc) as r,
         count(*) over (partition by event_id) as copies
  from atomic.events
)
select distinct event_id, etl_tstamp, collector_tstamp, copies from ranked where r = 1 and copies > 1
