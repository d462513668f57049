-- Operator and customer of every conversation the load touches, and sessions for rows
-- that belong to no reply chain.
--
-- A conversation's operator is the operator of its first brand message; failing that,
-- the one the customer addressed (explicit column, then first @mention of an operator
-- handle). Unresolved stays null: kept and counted, never dropped.
-- Partial conversations the load completes: warehouse rows that were waiting for a parent
-- this load brings (their conversation is named after it and has no root yet) join the
-- parent's conversation; when the parent is a root, that conversation keeps its name.
create or replace table scratch.completed as
with waiting as (
    select m.conversation_id
    from main.messages as m
    semi join scratch.placed as p
        on p.place_reason is null and p.thread_kind <> 'session'
        and m.conversation_id = p.source || ':' || p.message_id
    group by m.conversation_id
    having not bool_or(m.in_reply_to is null)
)
select w.conversation_id as old_conversation_id, p.chain_conversation_id as conversation_id
from waiting as w
join scratch.placed as p
    on p.place_reason is null and p.thread_kind <> 'session'
    and w.conversation_id = p.source || ':' || p.message_id;

create or replace table scratch.chain_rows as
select
    p.chain_conversation_id as conversation_id, p.is_brand, p.created_at,
    p.operator_hint, p.mention_operators[1] as mention_operator, p.customer_id
from scratch.placed as p
where p.place_reason is null and p.thread_kind <> 'session'
union all
select
    m.conversation_id, m.is_brand, m.created_at,
    m.operator, null, m.customer_id
from main.messages as m
semi join scratch.placed as p
    on p.place_reason is null and p.thread_kind <> 'session' and m.conversation_id = p.chain_conversation_id
union all
select
    k.conversation_id, m.is_brand, m.created_at,
    m.operator, null, m.customer_id
from main.messages as m
join scratch.completed as k
    on m.conversation_id = k.old_conversation_id and k.conversation_id <> k.old_conversation_id;

create or replace table scratch.chain_conversations as
select
    conversation_id,
    coalesce(
        arg_min(operator_hint, created_at) filter (where is_brand),
        arg_min(operator_hint, created_at) filter (where not is_brand and operator_hint is not null),
        arg_min(mention_operator, created_at) filter (where not is_brand and mention_operator is not null)
    ) as operator,
    coalesce(
        arg_min(customer_id, created_at) filter (where not is_brand),
        arg_min(customer_id, created_at) filter (where customer_id is not null)
    ) as customer_id
from scratch.chain_rows
group by conversation_id;

-- Sessions: same operator, customer and channel; a gap of more than 48 h starts a new
-- one. Sessions already in the warehouse for the same keys are recomputed with the new
-- rows, since a new row can fall between two old sessions and join them.
create or replace table scratch.session_rows as
with new_rows as (
    select
        source, message_id, channel, created_at,
        coalesce(operator_hint, mention_operators[1]) as operator,
        customer_id,
        true as is_new
    from scratch.placed
    where place_reason is null and thread_kind = 'session'
),
keys as (
    select distinct operator, customer_id, channel from new_rows
),
old_rows as (
    select m.source, m.message_id, m.channel, m.created_at, m.operator, m.customer_id, false as is_new
    from main.messages as m
    join keys as k
        on m.operator is not distinct from k.operator
        and m.customer_id is not distinct from k.customer_id
        and m.channel = k.channel
    where m.thread_kind = 'session'
),
pool as (
    select * from new_rows
    union all
    select * from old_rows
),
gaps as (
    select
        *,
        -- a brand post with no customer is a conversation of its own
        case
            when customer_id is null then 1
            when lag(created_at) over by_key is null then 1
            when created_at - lag(created_at) over by_key > interval 48 hours then 1
            else 0
        end as is_session_start
    from pool
    window by_key as (partition by operator, customer_id, channel order by created_at, message_id)
),
numbered as (
    select
        *,
        sum(is_session_start) over (partition by operator, customer_id, channel
                                    order by created_at, message_id
                                    rows between unbounded preceding and current row) as session_no
    from gaps
),
final as (
    select
        *,
        first_value(source || ':s:' || message_id) over (
            partition by operator, customer_id, channel, session_no
            order by created_at, message_id
        ) as conversation_id
    from numbered
)
select * from final;
