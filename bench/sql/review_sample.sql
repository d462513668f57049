-- A simulated analyst's random sample (bench/review_loop.py): $n demo messages with the
-- generator's true labels and the text as the warehouse holds it, stable for one $seed
select
    m.source, m.message_id, m.is_brand, m.lang, m.text, l.model_version,
    t.sentiment, t.category, t.churn, t.followup, t.act
from messages as m
join demo_truth_messages as t using (message_id)
left join message_labels as l using (source, message_id)
order by hash(m.message_id, $seed)
limit $n
