-- dialect: redshift
-- expect: equivalent
-- writes: derived.base_event_id_manifest append
-- write_mode: jdbc
-- model: commit this run's event ids to the event manifest (incremental model 98-base-manifest), appending.
-- checks: INSERT INTO ... (SELECT ...) appends, never overwrites; the SELECT part is judged: distinct event ids with their min collector_tstamp.
INSERT INTO derived.base_event_id_manifest (
  SELECT event_id, MIN(collector_tstamp) AS collector_tstamp
  FROM atomic.events
  WHERE collector_tstamp >= '2024-03-07 00:00:00'
  GROUP BY event_id
);
