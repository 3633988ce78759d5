-- dialect: redshift
-- expect: equivalent
-- model: per-user event count with plan, joined with USING (domain_userid).
-- checks: JOIN ... USING merges the key into one output column; selecting the unqualified key.
SELECT domain_userid, u.plan, COUNT(*) AS events
FROM atomic.events e
JOIN derived.users u USING (domain_userid)
GROUP BY domain_userid, u.plan
