-- the week's churn signals per operator, kind and named competitor
select operator, churn_kind, coalesce(competitor, '') as competitor, count(*)
from conversation_facts
where opened_local_date between $first and $last and churn_kind is not null
group by all
order by operator, churn_kind, 4 desc
