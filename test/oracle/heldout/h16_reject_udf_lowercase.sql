-- dialect: redshift
-- expect: reject
-- reason: geo_to_timezone is not a Redshift or PostgreSQL built-in; it is a user-defined function whose semantics the translator cannot know.
-- model: local hour of each event through a UDF.
-- checks: unknown functions are refused even in lower-case, nested in another call.
select date_part('hour', geo_to_timezone(geo_country, collector_tstamp)) as local_hour, count(*) as n
from atomic.events
group by 1
