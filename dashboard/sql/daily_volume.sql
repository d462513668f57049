-- conversations per operator and local day, with the outage flag and the day's main topic
select
    p.operator,
    p.opened_local_date as day,
    count(*) as conversations,
    bool_or(coalesce(d.is_outage, false)) as is_outage,
    mode(p.category) as top_category
from period_facts as p
left join operator_days as d on d.operator = p.operator and d.local_date = p.opened_local_date
group by all
order by day
