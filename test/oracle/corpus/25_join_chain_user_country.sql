-- dialect: redshift
-- expect: equivalent
-- model: events per continent of the user's signup country vs the geo country of the event.
-- checks: chained joins events -> users -> countries (twice, with aliases), LEFT JOIN after INNER JOIN.
SELECT sc.continent AS signup_continent,
       gc.continent AS geo_continent,
       COUNT(*) AS events
FROM atomic.events e
JOIN derived.users u ON u.domain_userid = e.domain_userid
LEFT JOIN derived.countries sc ON sc.country_code = u.signup_country
LEFT JOIN derived.countries gc ON gc.country_code = e.geo_country
GROUP BY 1, 2
