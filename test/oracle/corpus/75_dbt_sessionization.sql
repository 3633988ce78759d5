-- dialect: postgres
-- expect: equivalent
-- model: dbt-style 30-minute sessionization per user per day (select_logs.sql): millisecond time lag, new-session marker, running partition number, FIRST_VALUE session id.
-- checks: LAG of an epoch expression partitioned by a date expression, CASE producing NULL, running SUM with the default frame (RANGE, ties on a unique key), FIRST_VALUE with the default frame. PostgreSQL dialect: Redshift requires an explicit frame for aggregate windows with ORDER BY, the dbt original (Snowflake) does not.
WITH all_events AS (
  SELECT event_id, domain_userid AS client_id, collector_tstamp AS request_timestamp
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
    AND event_id NOT IN (SELECT event_id FROM atomic.events GROUP BY event_id HAVING COUNT(*) > 1)
),
time_lag_sessions AS (
  SELECT *,
         EXTRACT(EPOCH FROM request_timestamp) * 1000
           - LAG(EXTRACT(EPOCH FROM request_timestamp) * 1000) OVER (PARTITION BY request_timestamp::date, client_id ORDER BY request_timestamp) AS time_lag
  FROM all_events
),
session_history AS (
  SELECT *,
         CASE WHEN (time_lag IS NULL OR time_lag >= 30 * 60 * 1000) THEN event_id ELSE NULL END AS new_session_id
  FROM time_lag_sessions
),
partitioned_history AS (
  SELECT *,
         SUM(CASE WHEN new_session_id IS NULL THEN 0 ELSE 1 END)
           OVER (PARTITION BY request_timestamp::date, client_id ORDER BY request_timestamp) AS value_partition
  FROM session_history
)
SELECT event_id, client_id, request_timestamp, time_lag, value_partition,
       FIRST_VALUE(new_session_id) OVER (PARTITION BY request_timestamp::date, client_id, value_partition ORDER BY request_timestamp) AS session_id
FROM partitioned_history
