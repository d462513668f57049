-- where each pass of the marts starts: the opening time of the first conversation of every
-- $rows messages, the conversations taken in opening order. Conversations opened at the
-- same time stay in one pass (a pass takes the opening times from its start to the next's).
select distinct starts_at
from (
    select min(opened_at) as starts_at
    from (
        select
            opened_at,
            (sum(count_messages) over (order by opened_at, conversation_id rows unbounded preceding)
             - count_messages) // $rows as pass
        from main.conversations
        where is_customer_opened and operator is not null
    )
    group by pass
)
order by starts_at
