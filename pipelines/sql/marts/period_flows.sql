-- the period's churn flows towards a named competitor, per operator (after set_choices)
select operator, competitor, count(*)
from period_facts
where churn_kind is not null and competitor is not null
group by all
order by 1, 3 desc, 2
