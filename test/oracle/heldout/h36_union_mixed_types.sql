-- dialect: redshift
-- expect: equivalent
-- model: a long-format metric table from sources of different numeric types (smallint, bigint count, decimal).
-- checks: UNION ALL of smallint / bigint / decimal columns in one output column, string labels.
select 'max_session_idx' as metric, max(domain_sessionidx) as v from atomic.events
union all
select 'transactions', count(*) from atomic.events where event = 'transaction'
union all
select 'revenue', sum(tr_total) from atomic.events
union all
select 'avg_ltv', avg(lifetime_value) from derived.users
