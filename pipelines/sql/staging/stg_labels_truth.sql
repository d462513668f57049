-- the demo generator's true labels, in the same shape as the classifier's
create or replace temp view stg_labels as
select 'demo' as source, message_id, sentiment, category, churn,
       competitor, followup, act,   -- stg_messages turns '' into null
       null::varchar[] as human_tasks, 'truth' as label_origin
from main.demo_truth_messages;
