-- dialect: redshift
-- expect: equivalent
-- model: browser families by events, ordered by name with the engine's default NULL placement.
-- checks: Redshift/PostgreSQL put NULLs last for ASC and first for DESC by default; Spark does the opposite, so the translation must say so.
SELECT br_family, os_family, COUNT(*) AS events
FROM atomic.events
GROUP BY br_family, os_family
ORDER BY br_family, os_family DESC
