-- dialect: redshift
-- expect: equivalent
-- model: conversion rate per acquisition medium: sessions with a transaction / sessions, by the session's landing refr_medium.
-- checks: landing event via ROW_NUMBER, join of two session-level CTEs, NULLIF to avoid division by zero, float ratio.
WITH landing AS (
  SELECT domain_sessionid, COALESCE(refr_medium, 'direct') AS medium
  FROM (
    SELECT domain_sessionid, refr_medium,
           ROW_NUMBER() OVER (PARTITION BY domain_sessionid ORDER BY collector_tstamp, event_id) AS rn
    FROM atomic.events
  ) f
  WHERE rn = 1
),
converted AS (
  SELECT DISTINCT domain_sessionid FROM atomic.events WHERE event = 'transaction'
)
SELECT l.medium,
       COUNT(*) AS sessions,
       COUNT(c.domain_sessionid) AS converting_sessions,
       COUNT(c.domain_sessionid)::FLOAT / NULLIF(COUNT(*), 0) AS conversion_rate
FROM landing l
LEFT JOIN converted c ON c.domain_sessionid = l.domain_sessionid
GROUP BY l.medium
ORDER BY l.medium
