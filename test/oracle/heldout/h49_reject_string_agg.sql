-- dialect: postgres
-- expect: oracle-unsupported
-- reason: string_agg ordered by the value itself now translates to array_join(sort_array(array_distinct(collect_list(…)))) (unit tests in test/unit/translate/heldout-fixes.test.ts); the oracle has no rendering for Spark arrays. Before that fix the expected outcome was a refusal.
-- model: the pages each user viewed as one comma-separated string.
-- checks: unsupported aggregates are refused by name, not passed through.
select domain_userid, string_agg(distinct page_urlpath, ',' order by page_urlpath) as pages
from atomic.events
where event = 'page_view'
group by domain_userid
