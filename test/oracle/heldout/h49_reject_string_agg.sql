-- dialect: postgres
-- expect: reject
-- reason: string_agg builds an ordered list; the translator has no faithful, checked translation for ordered string aggregation.
-- model: the pages each user viewed as one comma-separated string.
-- checks: unsupported aggregates are refused by name, not passed through.
select domain_userid, string_agg(distinct page_urlpath, ',' order by page_urlpath) as pages
from atomic.events
where event = 'page_view'
group by domain_userid
