-- dialect: redshift
-- expect: reject
-- reason: MERGE updates matched rows and inserts the rest in one statement; the DataFrame API has no MERGE (only table formats such as Delta add one).
-- model: upsert of the users dimension from this run's events.
-- checks: MERGE must be refused.
MERGE INTO derived.users
USING (SELECT domain_userid, MIN(collector_tstamp)::date AS first_seen FROM atomic.events GROUP BY domain_userid) s
ON derived.users.domain_userid = s.domain_userid
WHEN MATCHED THEN UPDATE SET first_seen_date = s.first_seen
WHEN NOT MATCHED THEN INSERT (domain_userid, first_seen_date) VALUES (s.domain_userid, s.first_seen)
