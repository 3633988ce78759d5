-- dialect: redshift
-- expect: equivalent
-- model: 30-minute sessionization written with nested subqueries and a boolean gap flag cast to int.
-- checks: lag() in the innermost query, boolean expression CASE'd to 1/0, running sum over rows unbounded preceding.
select uid, n_sessions from (
  select uid, max(sess) as n_sessions from (
    select uid, sum(new_flag) over (partition by uid order by ts, eid rows unbounded preceding) as sess from (
      select domain_userid as uid, event_id as eid, collector_tstamp as ts,
             case when lag(collector_tstamp) over (partition by domain_userid order by collector_tstamp, event_id) is null
                    or datediff('second', lag(collector_tstamp) over (partition by domain_userid order by collector_tstamp, event_id), collector_tstamp) > 1800
                  then 1 else 0 end as new_flag
      from atomic.events where domain_userid is not null
    ) a
  ) b group by uid
) c
where n_sessions >= 3
