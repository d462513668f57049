-- the demo generator's true labels, in the same shape as the classifier's
create or replace temp view stg_labels as
select 'demo' as source, message_id, sentiment, category, churn,
       nullif(competitor, '') as competitor, followup, act
from main.demo_truth_messages;
