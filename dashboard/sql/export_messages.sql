-- the filtered conversations' messages, with their labels and the model that gave them
select
    m.conversation_id, m.message_id, m.source, m.operator, m.channel, m.author_id,
    m.is_brand, m.created_at, m.text, m.lang,
    l.sentiment, l.category, l.churn, l.competitor, l.followup, l.act, l.thread_rule, l.label_origin, v.model_version
from messages as m
semi join period_facts as p using (conversation_id)
left join thread_labels as l using (source, message_id)
left join message_labels as v using (source, message_id)
order by m.conversation_id, m.created_at
limit 1000000
