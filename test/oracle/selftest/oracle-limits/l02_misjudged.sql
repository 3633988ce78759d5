-- expect: equivalent
-- oracle-defect: stand-in for a misjudged query (fixture: its "translation" drops a column, so the oracle answers DIFFERENT; an oracle-limits verdict never gates the run)
-- model: events per type.
SELECT event, count(*) AS n FROM atomic.events GROUP BY event
