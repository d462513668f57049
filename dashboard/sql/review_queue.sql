-- messages for the Label review page, in the conversations the filters keep (period_facts):
-- the model's own labels and confidences (message_labels, before any correction), the
-- least sure first ($order = 'least_sure') or a random sample that stays the same for one
-- $seed ($order = 'sample', to measure the model); messages a person already labelled at
-- the last build are left out; at most $limit
select
    m.source, m.message_id, m.conversation_id, m.is_brand, m.lang, m.text, p.operator,
    l.model_version,
    l.sentiment, l.sentiment_confidence, l.category, l.category_confidence,
    l.churn, l.churn_confidence, l.competitor, l.followup, l.followup_confidence, l.act, l.act_confidence,
    least(coalesce(l.sentiment_confidence, 1), coalesce(l.category_confidence, 1), coalesce(l.churn_confidence, 1),
          coalesce(l.followup_confidence, 1), coalesce(l.act_confidence, 1)) as least_sure
from period_facts as p
join messages as m using (conversation_id)
join message_labels as l using (source, message_id)
where not exists (select 1 from label_corrections as c where c.source = m.source and c.message_id = m.message_id)
order by
    case when $order = 'sample' then hash(m.source, m.message_id, $seed) end,
    least_sure, m.source, m.message_id
limit $limit
