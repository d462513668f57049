-- conversations per operator and local day, with the outage flag and the day's main topic
-- (the commonest category; a tie goes to the first by name, so reruns draw the same)
with per_category as (
    select p.operator, p.opened_local_date as day, p.category, count(*) as n
    from period_facts as p
    group by all
)
select
    c.operator,
    c.day,
    sum(c.n)::bigint as conversations,
    bool_or(coalesce(d.is_outage, false)) as is_outage,
    list(c.category order by c.n desc, c.category)[1] as top_category
from per_category as c
left join operator_days as d on d.operator = c.operator and d.local_date = c.day
group by c.operator, c.day
order by c.day, c.operator
