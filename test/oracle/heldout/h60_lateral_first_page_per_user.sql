-- dialect: postgres
-- expect: equivalent
-- model: each user's plan with the alphabetically first page path they viewed on their first-seen day, via LEFT JOIN LATERAL selecting the correlation key too.
-- checks: LATERAL with two correlation equalities (one on a derived date), the selected key needing no ORDER BY entry, users without such views kept with NULLs.
select u.domain_userid, u.plan, p.domain_userid as matched_user, p.page_urlpath
from derived.users u
left join lateral (
  select e.domain_userid, e.page_urlpath
  from atomic.events e
  where e.domain_userid = u.domain_userid
    and cast(e.collector_tstamp as date) = u.first_seen_date
    and e.event = 'page_view'
    and e.page_urlpath is not null
  order by e.page_urlpath
  limit 1
) p on true
order by u.domain_userid
