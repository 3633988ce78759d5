-- expect: equivalent
-- oracle-defect: CAST(int AS STRING) is rendered as spark_compat.to_string(double), '6.0' where Spark gives '6'
-- model: session index as text (fixture: a correct translation the oracle misjudges is reported, never gating).
SELECT event_id, CAST(domain_sessionidx AS VARCHAR) AS idx FROM atomic.events WHERE event = 'transaction'
