-- dialect: redshift
-- expect: equivalent
-- model: events from users missing from the dimension, with NOT IN over a NULL-free subquery.
-- checks: NULL domain_userid on the left gives NULL for NOT IN and is dropped (unlike NOT EXISTS).
SELECT domain_userid, COUNT(*) AS events
FROM atomic.events
WHERE domain_userid NOT IN (SELECT domain_userid FROM derived.users WHERE domain_userid IS NOT NULL)
GROUP BY domain_userid
