-- The labels the metrics count, one row per message: the classifier's (current model
-- version), with an analyst's correction winning task by task. label_corrections holds the
-- corrections in force, loaded from the corrections store at every build
-- (pipelines/labels/human.py); `human_tasks` lists the tasks a person set, which the thread
-- pass then leaves alone.
create or replace temp view stg_labels as
with human as (
    select
        source,
        message_id,
        any_value(label) filter (where task = 'sentiment') as sentiment,
        any_value(label) filter (where task = 'category') as category,
        any_value(label) filter (where task = 'churn') as churn,
        any_value(label) filter (where task = 'followup') as followup,
        any_value(label) filter (where task = 'act') as act,
        list(task order by task) as human_tasks
    from main.label_corrections
    group by source, message_id
)
select
    l.source,
    l.message_id,
    coalesce(h.sentiment, l.sentiment) as sentiment,
    coalesce(h.category, l.category) as category,
    coalesce(h.churn, l.churn) as churn,
    -- a person who says there is no threat or switch takes the competitor away with it
    case when h.churn is not null and h.churn not in ('threat', 'switched') then '' else l.competitor end as competitor,
    coalesce(h.followup, l.followup) as followup,
    coalesce(h.act, l.act) as act,
    h.human_tasks,
    case when h.message_id is null then 'model' else 'human' end as label_origin
from main.message_labels as l
left join human as h using (source, message_id);
