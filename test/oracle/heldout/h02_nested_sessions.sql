-- dialect: redshift
-- expect: equivalent
-- model: average session length in minutes per platform, with nested subqueries instead of CTEs.
-- checks: two levels of derived tables, datediff('minute', ...), avg of float, nvl on a grouping key.
select platform, count(*) as sessions, avg(mins::float) as avg_minutes
from (select nvl(platform, '?') as platform, sid, datediff('minute', s_start, s_end) as mins
      from (select platform, domain_sessionid as sid, min(collector_tstamp) as s_start, max(collector_tstamp) as s_end
            from atomic.events group by platform, domain_sessionid) as inner_s) as outer_s
group by platform
order by platform
