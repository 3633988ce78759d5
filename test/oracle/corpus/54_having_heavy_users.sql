-- dialect: redshift
-- expect: equivalent
-- model: heavy users: more than 40 events and at least 2 sessions.
-- checks: HAVING with two aggregate conditions that are not in the select list.
SELECT domain_userid, COUNT(*) AS events
FROM atomic.events
WHERE domain_userid IS NOT NULL
GROUP BY domain_userid
HAVING COUNT(*) > 40 AND COUNT(DISTINCT domain_sessionid) >= 2
