-- dialect: redshift
-- expect: equivalent
-- model: every country in the dimension with its signup count, written as events-first RIGHT JOIN of an aggregate.
-- checks: RIGHT JOIN of a grouped derived table, nvl(count, 0), order by name.
select c.country_name, nvl(s.signups, 0) as signups
from (select signup_country, count(*) as signups from derived.users group by signup_country) s
right join derived.countries c on c.country_code = s.signup_country
order by c.country_name
