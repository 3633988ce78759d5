-- dialect: redshift
-- expect: equivalent
-- model: the users dimension (all but enterprise, NULL plans kept) enriched with the signup country's name and continent.
-- checks: u.* expands to every users column in table order, followed by joined columns; LEFT JOIN keeps users with unknown countries.
SELECT u.*, c.country_name, c.continent
FROM derived.users u
LEFT JOIN derived.countries c ON u.signup_country = c.country_code
WHERE u.plan <> 'enterprise' OR u.plan IS NULL
