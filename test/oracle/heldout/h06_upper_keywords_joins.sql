-- dialect: redshift
-- expect: equivalent
-- model: Events per plan and continent, UPPER-CASE identifiers and keywords, comma-free explicit joins with parenthesised conditions.
-- checks: LEFT OUTER JOIN spelling, parenthesised ON conditions, case-insensitive identifiers.
SELECT U.PLAN, C.CONTINENT, COUNT(*) AS EVENTS
FROM ATOMIC.EVENTS E
LEFT OUTER JOIN DERIVED.USERS U ON (E.DOMAIN_USERID = U.DOMAIN_USERID)
LEFT OUTER JOIN DERIVED.COUNTRIES C ON (C.COUNTRY_CODE = E.GEO_COUNTRY AND C.CONTINENT <> 'Asia')
GROUP BY U.PLAN, C.CONTINENT
