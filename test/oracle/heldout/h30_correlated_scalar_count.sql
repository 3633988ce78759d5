-- dialect: redshift
-- expect: equivalent
-- model: every user with the number of their transactions, as a correlated scalar subquery in SELECT.
-- checks: correlated COUNT(*) subquery (0, not NULL, for users without transactions).
select u.domain_userid, u.plan,
       (select count(*) from atomic.events e where e.domain_userid = u.domain_userid and e.event = 'transaction') as orders
from derived.users u
