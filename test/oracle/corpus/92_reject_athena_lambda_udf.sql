-- dialect: athena
-- expect: reject
-- reason: USING EXTERNAL FUNCTION declares an Athena UDF implemented by an AWS Lambda function; Spark cannot call it and its behaviour is unknown.
-- model: Athena query that decrypts user ids through a Lambda UDF.
-- checks: Athena external (Lambda) functions must be refused.
USING EXTERNAL FUNCTION decrypt_user(value VARCHAR) RETURNS VARCHAR LAMBDA 'pii-decrypt'
SELECT decrypt_user(user_id) AS user_email, count(*) AS events
FROM atomic.events
GROUP BY 1
