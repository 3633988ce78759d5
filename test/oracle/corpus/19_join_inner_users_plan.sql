-- dialect: redshift
-- expect: equivalent
-- model: events and distinct users per subscription plan, excluding internal users.
-- checks: INNER JOIN drops events whose user is not in derived.users, NOT on a boolean column, NULL plan is its own group.
SELECT u.plan,
       COUNT(*) AS events,
       COUNT(DISTINCT e.domain_userid) AS users
FROM atomic.events e
INNER JOIN derived.users u ON u.domain_userid = e.domain_userid
WHERE NOT u.is_internal
GROUP BY u.plan
ORDER BY u.plan NULLS LAST
