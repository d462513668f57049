-- The period's churn signals (read after set_choices): per operator, kind and the
-- competitor named as destination ('' when none). The one definition of churn flows: the
-- dashboard's Churn page, the weekly review's churn lines and `metrics --json`'s
-- competitor_flows all read it.
select
    operator,
    churn_kind,
    coalesce(competitor, '') as competitor,
    count(*) as conversations
from period_facts
where churn_kind is not null
group by all
order by operator, churn_kind, conversations desc, competitor
