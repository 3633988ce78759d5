-- expect: equivalent
-- model: fixture: held-out failure does not fail the suite.
select app_id, count(*) n from atomic.events group by app_id
