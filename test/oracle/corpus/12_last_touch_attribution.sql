-- dialect: redshift
-- expect: equivalent
-- model: last-touch attribution per session: the last non-internal referrer before the end of the session, for sessions with a transaction.
-- checks: LAST_VALUE over ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING (the default frame would give the current row), DISTINCT after a window.
SELECT DISTINCT s.domain_sessionid, s.last_source
FROM (
  SELECT domain_sessionid,
         LAST_VALUE(refr_source) OVER (PARTITION BY domain_sessionid ORDER BY collector_tstamp, event_id
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_source
  FROM atomic.events
  WHERE refr_medium <> 'internal'
) s
WHERE s.domain_sessionid IN (SELECT domain_sessionid FROM atomic.events WHERE event = 'transaction')
