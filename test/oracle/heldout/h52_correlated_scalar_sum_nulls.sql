-- dialect: postgres
-- expect: equivalent
-- model: countries with their revenue from events and the number of signups, both as correlated subqueries (NULL revenue where none).
-- checks: correlated SUM (NULL, not 0, without rows), correlated COUNT(DISTINCT …) (0), arithmetic on a correlated result.
select c.country_code,
       (select sum(e.tr_total) from atomic.events e where e.geo_country = c.country_code and e.event = 'transaction') as revenue,
       (select count(distinct u.domain_userid) from derived.users u where u.signup_country = c.country_code) + 0 as signups
from derived.countries c
