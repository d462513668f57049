-- fails with a binder error when the warehouse was built by an earlier version (before
-- thread_labels carried label_origin, or conversation_facts the rows, hours and opening
-- post the pages read): its derived tables need one `pipelines build`
select l.label_origin, f.first_post, f.message_rows, f.label_rows, f.customer_hours, f.operator_hours
from thread_labels as l, conversation_facts as f
limit 0
