-- dialect: redshift
-- expect: equivalent
-- model: structured-event summary: count, value sum/avg/min/max per category and action, NULL values ignored by aggregates.
-- checks: aggregates over a double column with NULLs, COUNT(col) vs COUNT(*), MIN/MAX of doubles.
SELECT se_category, se_action,
       COUNT(*) AS events,
       COUNT(se_value) AS valued_events,
       SUM(se_value) AS value_sum,
       AVG(se_value) AS value_avg,
       MIN(se_value) AS value_min,
       MAX(se_value) AS value_max
FROM atomic.events
WHERE event = 'struct'
GROUP BY se_category, se_action
ORDER BY se_category, se_action
