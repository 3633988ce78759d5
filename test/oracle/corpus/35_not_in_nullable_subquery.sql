-- dialect: redshift
-- expect: equivalent
-- model: "events from users not in the dimension", written with NOT IN over derived.users.user_id, which contains NULLs.
-- checks: SQL three-valued logic: x NOT IN (subquery containing NULL) is never true, so the count is 0; a plain left-anti join would count thousands.
SELECT COUNT(*) AS events_not_in_dimension
FROM atomic.events
WHERE user_id NOT IN (SELECT user_id FROM derived.users)
