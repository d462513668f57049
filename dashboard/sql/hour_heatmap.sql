-- messages by weekday and hour (Europe/Rome), customers' and operators' apart
select
    m.is_brand,
    isodow(timezone('Europe/Rome', m.created_at)) as weekday,
    hour(timezone('Europe/Rome', m.created_at)) as hour,
    count(*) as messages
from messages as m
semi join period_facts as p using (conversation_id)
group by all
