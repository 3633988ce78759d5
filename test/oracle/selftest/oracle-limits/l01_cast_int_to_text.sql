-- expect: equivalent
-- oracle-defect: fixed upstream (was: CAST(int AS STRING) rendered as spark_compat.to_string(double), "6.0" for "6"); fixture: a fixed oracle shows up as a passing oracle-limits query
-- model: session index as text (fixture: a correct translation the oracle misjudges is reported, never gating).
SELECT event_id, CAST(domain_sessionidx AS VARCHAR) AS idx FROM atomic.events WHERE event = 'transaction'
