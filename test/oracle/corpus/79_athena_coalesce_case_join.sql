-- dialect: athena
-- expect: equivalent
-- model: Athena: events per continent with a fallback, via a LEFT JOIN to the countries table.
-- checks: table aliases with AS, coalesce over a joined column, a CASE expression grouped by ordinal.
SELECT coalesce(c.continent, 'Unknown') AS continent,
       CASE WHEN e.platform = 'web' THEN 'web' ELSE 'app' END AS surface,
       count(*) AS events
FROM atomic.events AS e
LEFT JOIN derived.countries AS c ON e.geo_country = c.country_code
GROUP BY 1, 2
