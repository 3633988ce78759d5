-- dialect: redshift
-- expect: equivalent
-- model: readable labels for app and platform codes.
-- checks: simple CASE x WHEN v THEN ... (no ELSE gives NULL), nested CASE.
SELECT CASE app_id WHEN 'shop-web' THEN 'Web shop' WHEN 'shop-mobile' THEN 'Mobile shop' END AS app_label,
       CASE platform WHEN 'web' THEN CASE WHEN dvce_type = 'Computer' THEN 'desktop web' ELSE 'mobile web' END
                     WHEN 'mob' THEN 'app' ELSE 'other' END AS surface,
       COUNT(*) AS events
FROM atomic.events
GROUP BY 1, 2
