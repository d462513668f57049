-- one row per operator, week, churn kind and named competitor: customers announcing
-- where they go (from -> to). Competitor is empty when none was named.
create or replace table {target}.competitor_flows as
select
    operator as from_operator,
    coalesce(competitor, '') as to_operator,
    opened_week,
    opened_week_start,
    churn_kind,
    count(*) as conversations
from {target}.conversation_facts
where churn_kind is not null
group by all;
