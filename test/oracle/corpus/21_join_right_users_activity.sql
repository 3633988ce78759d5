-- dialect: redshift
-- expect: equivalent
-- model: every user in the dimension with their event count (0 for users with no events).
-- checks: RIGHT JOIN keeps all dimension rows, COUNT(column) counts 0 for unmatched, GROUP BY several dimension columns.
SELECT u.domain_userid, u.plan, u.first_seen_date, COUNT(e.event_id) AS events
FROM atomic.events e
RIGHT JOIN derived.users u ON u.domain_userid = e.domain_userid
GROUP BY u.domain_userid, u.plan, u.first_seen_date
