-- dialect: redshift
-- expect: equivalent
-- model: session manifest update: sessions started on or after 2024-03-06 that are not already in a manifest of earlier sessions.
-- checks: NOT EXISTS against a derived table in FROM, correlated on two columns, min() per session.
select s.domain_sessionid, s.min_ts
from (select domain_sessionid, min(collector_tstamp) min_ts from atomic.events where domain_sessionid is not null group by domain_sessionid) s
where s.min_ts >= '2024-03-06'
  and not exists (select 1 from atomic.events m
                  where m.domain_sessionid = s.domain_sessionid and m.collector_tstamp < '2024-03-06')
