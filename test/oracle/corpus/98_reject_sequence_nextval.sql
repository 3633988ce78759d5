-- dialect: postgres
-- expect: reject
-- reason: nextval() draws from a database sequence (external, stateful, gap-free per call); Spark has no sequence and monotonically_increasing_id() gives different, non-consecutive values.
-- model: surrogate keys for new sessions from a sequence.
-- checks: stateful database functions must be refused.
SELECT nextval('derived.session_key_seq') AS session_key, domain_sessionid
FROM (SELECT DISTINCT domain_sessionid FROM atomic.events) s
