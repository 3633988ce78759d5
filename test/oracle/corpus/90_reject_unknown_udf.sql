-- dialect: redshift
-- expect: reject
-- reason: f_parse_channel is a user-defined Redshift function; its body is not in the query, so no translation can know what it computes.
-- model: channel attribution through a team's scalar UDF.
-- checks: an unknown function must be refused (with its position), not passed through as a same-named Spark function.
SELECT f_parse_channel(refr_medium, mkt_medium) AS channel, COUNT(*) AS sessions
FROM atomic.events
WHERE event = 'page_view'
GROUP BY 1
