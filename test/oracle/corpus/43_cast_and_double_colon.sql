-- dialect: redshift
-- expect: equivalent
-- model: typed extracts: ids as text, timestamps as dates, string literals as dates/timestamps, decimals as float.
-- checks: CAST(... AS ...) and the :: shorthand, literal '2024-03-04'::DATE comparisons, DECIMAL to FLOAT.
SELECT event_id,
       CAST(domain_sessionidx AS VARCHAR(10)) AS idx_text,
       collector_tstamp::DATE AS day,
       tr_total::FLOAT AS total_f,
       CAST('2024-03-04' AS DATE) - collector_tstamp::DATE AS days_before_cutoff
FROM atomic.events
WHERE event = 'transaction'
  AND collector_tstamp::DATE >= '2024-03-02'::DATE
