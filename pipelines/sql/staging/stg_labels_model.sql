-- the classifier's labels, one row per message (the current model version only)
create or replace temp view stg_labels as
select source, message_id, sentiment, category, churn, competitor, followup, act
from main.message_labels;
