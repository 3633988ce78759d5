-- dialect: redshift
-- expect: equivalent
-- model: countries seen in events or signups but not European according to the countries dimension.
-- checks: UNION then EXCEPT evaluated left to right, NULL removal via WHERE.
select geo_country as code from atomic.events where geo_country is not null
union
select signup_country from derived.users where signup_country is not null
except
select country_code from derived.countries where continent = 'Europe'
