-- dialect: athena
-- expect: equivalent
-- model: Athena: weekly sessions per platform with a label built with || and concat.
-- checks: date_trunc('week', …) (Monday start), || chains, concat of strings, count(distinct …).
select date_trunc('week', collector_tstamp) as wk,
       platform || '-' || lower(platform) as label, count(distinct domain_sessionid) as sessions,
       concat(platform, ':', 'x') as tag
from atomic.events
where platform is not null
group by date_trunc('week', collector_tstamp), platform
