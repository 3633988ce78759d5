-- Sessions per user, from the tracker's own session index (domain_sessionidx) and id.
SELECT
  domain_userid,
  COUNT(DISTINCT domain_sessionid) AS sessions,
  MAX(domain_sessionidx) AS highest_session_index,
  MIN(derived_tstamp) AS first_seen,
  MAX(derived_tstamp) AS last_seen
FROM atomic.events
WHERE domain_userid IS NOT NULL
GROUP BY domain_userid
ORDER BY sessions DESC, domain_userid
LIMIT 100;

-- How many users had 1, 2, 3, … sessions.
SELECT sessions, COUNT(*) AS users
FROM (
  SELECT domain_userid, COUNT(DISTINCT domain_sessionid) AS sessions
  FROM atomic.events
  WHERE domain_userid IS NOT NULL
  GROUP BY domain_userid
) AS per_user
GROUP BY sessions
ORDER BY sessions;
