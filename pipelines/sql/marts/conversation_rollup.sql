-- each conversation with the sums of its messages, and the customer's next conversation
-- with the same operator: over every pass's sums at once, since a customer's next
-- conversation may have opened in a later pass
create or replace temp table conversation_rollup as
select
    s.*,
    -- a partial thread holding only the operator's replies has no customer to follow
    case when s.customer_id is not null then lead(s.opened_at) over by_customer end as next_opened_at,
    case when s.customer_id is not null then lead(s.category) over by_customer end as next_category
from conversation_sums as s
window by_customer as (partition by s.customer_id, s.operator order by s.opened_at, s.conversation_id);
