-- dialect: redshift
-- expect: equivalent
-- model: dimension users who made at least one purchase, with their plan and lifetime value.
-- checks: correlated EXISTS with an extra filter inside the subquery, semi-join never duplicates users.
SELECT u.domain_userid, u.plan, u.lifetime_value
FROM derived.users u
WHERE EXISTS (
  SELECT 1 FROM atomic.events e
  WHERE e.domain_userid = u.domain_userid
    AND e.event = 'transaction'
    AND e.tr_total > 0
)
