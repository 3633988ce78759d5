-- Sessionization without trusting the tracker: a new session starts when a user has been
-- inactive for more than 30 minutes (LAG to find the gap, running SUM to number the sessions).
WITH ordered AS (
  SELECT
    domain_userid,
    event_id,
    derived_tstamp,
    LAG(derived_tstamp) OVER (PARTITION BY domain_userid ORDER BY derived_tstamp, event_id) AS previous_tstamp
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
),
flagged AS (
  SELECT
    *,
    CASE
      WHEN previous_tstamp IS NULL OR derived_tstamp > previous_tstamp + INTERVAL '30 minutes' THEN 1
      ELSE 0
    END AS is_new_session
  FROM ordered
),
numbered AS (
  SELECT
    *,
    SUM(is_new_session) OVER (
      PARTITION BY domain_userid ORDER BY derived_tstamp, event_id
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS session_number
  FROM flagged
)
SELECT
  domain_userid,
  session_number,
  MIN(derived_tstamp) AS session_start,
  MAX(derived_tstamp) AS session_end,
  COUNT(*) AS events
FROM numbered
GROUP BY domain_userid, session_number
ORDER BY domain_userid, session_number
LIMIT 500;

-- Check: sessions found by the 30-minute rule vs. the tracker's session ids.
WITH ordered AS (
  SELECT
    domain_userid,
    derived_tstamp,
    LAG(derived_tstamp) OVER (PARTITION BY domain_userid ORDER BY derived_tstamp, event_id) AS previous_tstamp
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
)
SELECT
  SUM(CASE WHEN previous_tstamp IS NULL OR derived_tstamp > previous_tstamp + INTERVAL '30 minutes' THEN 1 ELSE 0 END) AS sessions_by_gap,
  (SELECT COUNT(DISTINCT domain_sessionid) FROM atomic.events WHERE domain_userid IS NOT NULL) AS sessions_by_tracker
FROM ordered;
