-- dialect: redshift
-- expect: equivalent
-- model: users per device type and browser, unknown browsers labelled.
-- checks: COALESCE in GROUP BY, COUNT(DISTINCT) of users, ORDER BY an aggregate alias then keys.
SELECT dvce_type, COALESCE(br_family, '(unknown)') AS browser, COUNT(DISTINCT domain_userid) AS users
FROM atomic.events
GROUP BY dvce_type, COALESCE(br_family, '(unknown)')
ORDER BY users DESC, dvce_type, browser
