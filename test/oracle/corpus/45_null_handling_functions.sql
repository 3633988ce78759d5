-- dialect: redshift
-- expect: equivalent
-- model: null-safe reporting columns for the user dimension.
-- checks: COALESCE with several arguments, NULLIF producing NULL, NVL and NVL2 (Redshift), IS NULL / IS NOT NULL in CASE.
SELECT domain_userid,
       COALESCE(user_id, signup_country, 'anonymous') AS display_id,
       NULLIF(plan, 'free') AS paid_plan,
       NVL(lifetime_value, 0) AS ltv,
       NVL2(user_id, 'identified', 'anonymous') AS identity,
       CASE WHEN lifetime_value IS NULL THEN 'no_ltv' ELSE 'has_ltv' END AS ltv_state
FROM derived.users
