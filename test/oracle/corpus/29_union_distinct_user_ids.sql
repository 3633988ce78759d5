-- dialect: redshift
-- expect: equivalent
-- model: the set of all known domain_userids from events and from the dimension.
-- checks: UNION (distinct) removes duplicates across and within branches, keeps one NULL.
SELECT domain_userid FROM atomic.events
UNION
SELECT domain_userid FROM derived.users
