-- dialect: redshift
-- expect: equivalent
-- model: classify each session's landing event into a marketing channel (paid search, email, social, organic search, referral, direct) and count sessions.
-- checks: searched CASE with first-match order, IS NULL branches, IN lists inside WHEN, ELSE default.
SELECT CASE
         WHEN mkt_medium IN ('cpc', 'ppc', 'paidsearch') THEN 'Paid Search'
         WHEN mkt_medium = 'email' OR refr_medium = 'email' THEN 'Email'
         WHEN mkt_medium = 'social' OR refr_medium = 'social' THEN 'Social'
         WHEN refr_medium = 'search' THEN 'Organic Search'
         WHEN mkt_medium = 'referral' OR refr_medium = 'unknown' THEN 'Referral'
         WHEN refr_medium IS NULL AND mkt_medium IS NULL THEN 'Direct'
         ELSE 'Other'
       END AS channel,
       COUNT(DISTINCT domain_sessionid) AS sessions
FROM atomic.events
WHERE event = 'page_view'
  AND (refr_medium <> 'internal' OR refr_medium IS NULL)
GROUP BY 1
ORDER BY sessions DESC, channel
