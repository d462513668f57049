-- the demo generator's true labels need no second pass: they were written for the whole
-- story, so they stand as they are (the model's labels go through stg_thread_labels.sql)
create or replace table {target}.thread_labels as
select l.source, l.message_id, m.rowid as message_row, sentiment, category, churn, nullif(competitor, '') as competitor, followup, act,
       null::varchar as thread_rule, label_origin
from stg_labels as l
join main.messages as m using (source, message_id);
