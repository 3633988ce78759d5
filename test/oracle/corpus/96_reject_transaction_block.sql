-- dialect: redshift
-- expect: reject
-- reason: BEGIN ... END runs a DELETE and an INSERT atomically; DataFrame writes are not transactional across statements and DELETE has no DataFrame equivalent.
-- model: the manifest upsert of the incremental model (98-base-manifest.sql), as one transaction.
-- checks: a multi-statement transaction must be refused, not translated statement by statement.
BEGIN;
  DELETE FROM derived.base_session_id_manifest
  WHERE session_id IN (SELECT domain_sessionid FROM atomic.events WHERE collector_tstamp >= '2024-03-07');

  INSERT INTO derived.base_session_id_manifest
  (SELECT domain_sessionid, MIN(collector_tstamp) FROM atomic.events WHERE collector_tstamp >= '2024-03-07' GROUP BY 1);
END;
