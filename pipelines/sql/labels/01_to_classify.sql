-- what needs labels: every message without a label of the current model
create or replace table scratch.to_classify as
select m.source, m.message_id, m.is_brand, m.text, m.operator
from main.messages as m
anti join main.message_labels as l using (source, message_id);
