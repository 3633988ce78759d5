-- dialect: redshift
-- expect: equivalent
-- model: re-derive sessions with a 30-minute inactivity rule: LAG of the previous event time, a new-session flag, and a running SUM that numbers sessions per user.
-- checks: LAG with NULL on the first row, epoch arithmetic, running SUM with an explicit ROWS frame, total window ordering.
WITH ordered AS (
  SELECT domain_userid,
         event_id,
         collector_tstamp,
         LAG(collector_tstamp) OVER (PARTITION BY domain_userid ORDER BY collector_tstamp, event_id) AS prev_tstamp
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
),
flagged AS (
  SELECT *,
         CASE WHEN prev_tstamp IS NULL
                OR EXTRACT(EPOCH FROM collector_tstamp) - EXTRACT(EPOCH FROM prev_tstamp) > 30 * 60
              THEN 1 ELSE 0 END AS is_new_session
  FROM ordered
)
SELECT domain_userid,
       event_id,
       collector_tstamp,
       is_new_session,
       SUM(is_new_session) OVER (PARTITION BY domain_userid ORDER BY collector_tstamp, event_id
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session_number
FROM flagged
