-- dialect: redshift
-- expect: equivalent
-- model: every user with their Europe-only country name: the filters sit in the LEFT JOIN's ON clause, not in WHERE.
-- checks: ON condition on the right table only (filters the right side), ON condition on the left table only (nulls the right side, keeps the row).
select u.domain_userid, u.plan, c.country_name
from derived.users u
left join derived.countries c
  on c.country_code = u.signup_country
 and c.continent = 'Europe'
 and u.plan = 'pro'
