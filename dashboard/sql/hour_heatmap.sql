-- messages by operator, weekday and hour (Europe/Rome), customers' and operators' apart,
-- from the hours of the week each conversation's messages were written (conversation_facts)
with hours as (
    select operator, false as is_brand, unnest(customer_hours) as hour_of_week from period_facts
    union all
    select operator, true as is_brand, unnest(operator_hours) as hour_of_week from period_facts
)
select
    operator,
    is_brand,
    (hour_of_week // 24 + 1)::integer as weekday,
    (hour_of_week % 24)::integer as hour,
    count(*) as messages
from hours
group by all
