-- churn signals from each operator towards the competitor named (empty: none named)
select
    operator as from_operator,
    coalesce(competitor, '') as to_operator,
    churn_kind,
    count(*) as conversations
from period_facts
where churn_kind is not null
group by all
order by conversations desc
