-- dialect: redshift
-- expect: equivalent
-- model: a NOT IN list that contains NULL matches nothing; an IN list with NULL still matches its values.
-- checks: three-valued logic of IN/NOT IN with a NULL literal in the list.
select 'not_in' as kind, count(*) as n from atomic.events where geo_country not in ('US', null)
union all
select 'in', count(*) from atomic.events where geo_country in ('US', null)
union all
select 'not_in_plain', count(*) from atomic.events where geo_country not in ('US', 'GB')
