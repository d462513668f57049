-- the customer's next conversation with the same operator, for every conversation of every
-- pass at once (a customer's next conversation may have opened in a later pass)
create or replace temp table conversation_next as
select
    conversation_id,
    -- a partial thread holding only the operator's replies has no customer to follow
    case when customer_id is not null then lead(opened_at) over by_customer end as next_opened_at,
    case when customer_id is not null then lead(category) over by_customer end as next_category
from conversation_sums
window by_customer as (partition by customer_id, operator order by opened_at, conversation_id);
