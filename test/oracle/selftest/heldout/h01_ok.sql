-- expect: equivalent
-- model: fixture: held-out pass.
select app_id, count(*) n from atomic.events group by app_id
