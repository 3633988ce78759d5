-- dialect: postgres
-- expect: equivalent
-- model: PostgreSQL: each user's most recent event, with DISTINCT ON.
-- checks: DISTINCT ON (key) keeps the first row per key in ORDER BY order; the ORDER BY is total.
SELECT DISTINCT ON (domain_userid) domain_userid, event, page_urlpath, collector_tstamp
FROM atomic.events
WHERE domain_userid IS NOT NULL
ORDER BY domain_userid, collector_tstamp DESC, event_id DESC
