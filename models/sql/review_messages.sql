-- messages to review, with the current model's labels and confidences (DuckDB, read-only):
-- $operator (null: all), $date_from / $date_to (local opening day of the conversation),
-- the least sure first, at most $limit
select
    m.source, m.message_id, m.is_brand, m.text, l.model_version,
    l.sentiment, l.sentiment_confidence, l.category, l.category_confidence,
    l.churn, l.churn_confidence, l.followup, l.followup_confidence, l.act, l.act_confidence,
    least(coalesce(l.sentiment_confidence, 1), coalesce(l.category_confidence, 1), coalesce(l.churn_confidence, 1),
          coalesce(l.followup_confidence, 1), coalesce(l.act_confidence, 1)) as least_sure
from messages as m
join message_labels as l using (source, message_id)
join conversation_facts as f using (conversation_id)
where ($operator is null or m.operator = $operator)
  and f.opened_local_date between coalesce($date_from, date '2000-01-01') and coalesce($date_to, date '2100-01-01')
order by least_sure, m.source, m.message_id
limit $limit
