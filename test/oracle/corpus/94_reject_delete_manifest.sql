-- dialect: redshift
-- expect: reject
-- reason: DELETE modifies a table in place; Spark DataFrames are immutable and the DataFrame writer has no row-level delete (overwriting a table while reading it is not the same statement).
-- model: the incremental model's manifest commit step that deletes re-processed event ids.
-- checks: data-modifying statements other than INSERT/CREATE TABLE AS must be refused.
DELETE FROM derived.base_event_id_manifest
WHERE event_id IN (SELECT event_id FROM atomic.events WHERE collector_tstamp >= '2024-03-07')
  AND collector_tstamp >= '2024-03-06'
