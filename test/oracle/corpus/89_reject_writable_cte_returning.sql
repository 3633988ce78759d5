-- dialect: postgres
-- expect: reject
-- reason: a data-modifying CTE (DELETE ... RETURNING) deletes rows as a side effect of the query; DataFrames cannot delete rows.
-- model: move stale users out of the dimension and count them, in one PostgreSQL statement.
-- checks: writable CTEs must be refused even though the outer statement is a SELECT.
WITH removed AS (
  DELETE FROM derived.users WHERE first_seen_date < DATE '2024-02-01' RETURNING domain_userid
)
SELECT COUNT(*) AS removed_users FROM removed
