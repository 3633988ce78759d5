-- dialect: redshift
-- expect: equivalent
-- model: device breakdown in a business-defined order (Computer, Mobile, Tablet, then anything else).
-- checks: ORDER BY a CASE expression that is not in the select list, then a tie-breaker.
SELECT dvce_type, os_family, COUNT(*) AS events
FROM atomic.events
GROUP BY dvce_type, os_family
ORDER BY CASE dvce_type WHEN 'Computer' THEN 1 WHEN 'Mobile' THEN 2 WHEN 'Tablet' THEN 3 ELSE 4 END, events DESC, os_family
