-- dialect: redshift
-- expect: equivalent
-- model: sessions per plan with events from users missing in the dimension labelled 'unknown'.
-- checks: LEFT JOIN keeps unmatched events, COALESCE default applied after the join, GROUP BY the COALESCE expression.
SELECT COALESCE(u.plan, 'unknown') AS plan,
       COUNT(DISTINCT e.domain_sessionid) AS sessions
FROM atomic.events e
LEFT JOIN derived.users u ON e.domain_userid = u.domain_userid
GROUP BY COALESCE(u.plan, 'unknown')
ORDER BY plan
