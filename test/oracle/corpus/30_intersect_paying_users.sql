-- dialect: redshift
-- expect: equivalent
-- model: users on a paid plan who also purchased in the period.
-- checks: INTERSECT has set (distinct) semantics.
SELECT domain_userid FROM derived.users WHERE plan IN ('pro', 'enterprise')
INTERSECT
SELECT domain_userid FROM atomic.events WHERE event = 'transaction'
