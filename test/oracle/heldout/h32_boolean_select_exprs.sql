-- dialect: postgres
-- expect: equivalent
-- model: per user, boolean flags as output columns: internal, paying, and whether the plan is unknown.
-- checks: boolean columns and comparisons in SELECT, NOT, IS DISTINCT FROM, boolean = boolean.
select domain_userid,
       is_internal,
       not is_internal as external,
       plan <> 'free' as paying,
       plan is distinct from 'free' as not_free_or_null,
       (lifetime_value > 500) = is_internal as odd_flag
from derived.users
