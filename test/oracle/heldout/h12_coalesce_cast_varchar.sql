-- dialect: redshift
-- expect: equivalent
-- model: a readable visit key per session: user, index and day joined with '|'.
-- checks: cast(... as varchar) of smallint and date, || with coalesce defaults, distinct.
select distinct coalesce(domain_userid, 'anon') || '|' || cast(domain_sessionidx as varchar) || '|' || cast(collector_tstamp::date as varchar) as visit_key
from atomic.events
where app_id = 'blog'
