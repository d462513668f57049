-- one conversation's messages with the labels the metrics count (after the second pass)
select
    m.source, m.message_id, m.created_at, m.is_brand, m.author_id, m.text,
    l.sentiment, l.category, l.churn, coalesce(l.competitor, '') as competitor, l.followup, l.act,
    l.label_origin
from messages as m
left join thread_labels as l using (source, message_id)
where m.conversation_id = $conversation_id
order by m.created_at
