-- every message to classify gets its text's labels, and a customer's threat or switch its
-- competitor: the first operator named after a destination cue that is not the
-- customer's own, else the first named plainly (models.competitors.pick)
insert into main.message_labels by name
select
    t.source, t.message_id, $model_version as model_version,
    l.* exclude (n, cued_competitors, named_competitors),
    case
        when t.is_brand then null
        when l.churn in ('threat', 'switched') then coalesce(
            list_filter(l.cued_competitors, lambda op: op is distinct from t.operator)[1],
            list_filter(l.named_competitors, lambda op: op is distinct from t.operator)[1],
            '')
        else ''
    end as competitor
from scratch.message_texts as t
join scratch.text_labels as l using (n);
