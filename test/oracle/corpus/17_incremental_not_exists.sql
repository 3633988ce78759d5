-- dialect: redshift
-- expect: equivalent
-- model: new users to add to the users dimension: event users with no row in derived.users.
-- checks: correlated NOT EXISTS (anti-join) where NULL keys on the left are kept, DISTINCT.
SELECT DISTINCT e.domain_userid, e.network_userid
FROM atomic.events e
WHERE NOT EXISTS (
  SELECT 1 FROM derived.users u WHERE u.domain_userid = e.domain_userid
)
