-- the week's worst failures: failed escalations with the most customer messages
select conversation_id, operator, category
from conversation_facts
where opened_local_date between $first and $last and escalation_outcome = 'failure'
order by count_customer_messages desc, count_negative desc, conversation_id
limit $count
