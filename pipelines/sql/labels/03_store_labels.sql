-- every message to classify gets its text's labels, and a customer's threat or switch the
-- competitor found in it
insert into main.message_labels by name
select
    t.source, t.message_id, $model_version as model_version,
    l.* exclude (n),
    case when t.is_brand then null else coalesce(c.competitor, '') end as competitor
from scratch.message_texts as t
join scratch.text_labels as l using (n)
left join scratch.competitors as c
    on c.n = t.n and c.operator is not distinct from t.operator
    and not t.is_brand and l.churn in ('threat', 'switched');
