-- dialect: redshift
-- expect: equivalent
-- model: each country's share of all users, using an uncorrelated scalar subquery for the total.
-- checks: scalar subquery in the select list, float percentage, NULL country group.
SELECT geo_country,
       COUNT(DISTINCT domain_userid) AS users,
       COUNT(DISTINCT domain_userid)::FLOAT * 100 / (SELECT COUNT(DISTINCT domain_userid) FROM atomic.events) AS pct_users
FROM atomic.events
GROUP BY geo_country
