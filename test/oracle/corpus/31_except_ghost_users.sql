-- dialect: redshift
-- expect: equivalent
-- model: dimension users who never appear in events (ghost users).
-- checks: EXCEPT has set semantics (distinct), NULL on the right side removes a NULL on the left.
SELECT domain_userid, user_id FROM derived.users
EXCEPT
SELECT domain_userid, user_id FROM atomic.events
