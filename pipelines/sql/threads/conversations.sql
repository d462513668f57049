-- one row per conversation. The first response time here is the raw, calendar one; the
-- metrics marts add business hours and the definitions' choices on top.
create or replace table conversations as
with messages as (
    select * from main.messages
),
per_conversation as (
    select
        conversation_id,
        any_value(source) as source,
        any_value(operator) as operator,
        arg_min(channel, created_at) as channel,
        arg_min(customer_id, created_at) filter (where not is_brand) as customer_id,
        arg_min(lang, created_at) filter (where not is_brand) as lang,
        any_value(thread_kind) as thread_kind,
        min(created_at) as opened_at,
        max(created_at) as last_message_at,
        -- the thread's root tells who opened it (a reply stamped before its parent by a bad
        -- clock must not make the operator the opener); sessions have no root: the first
        coalesce(arg_min(is_brand, created_at) filter (where in_reply_to is null),
                 arg_min(is_brand, created_at)) as is_opened_by_brand,
        min(created_at) filter (where not is_brand) as first_customer_message_at,
        -- partial: every message we have answers another, so the thread's root is missing
        -- (a reply to a post outside the export); it starts at the earliest message we have
        not bool_or(in_reply_to is null) as is_partial,
        count(*) as count_messages,
        count(*) filter (where not is_brand) as count_customer_messages,
        count(*) filter (where is_brand) as count_operator_messages
    from messages
    group by conversation_id
),
first_replies as (
    -- the first operator reply; one stamped before the customer's message it answers (a
    -- bad clock) answered at once at best, so it counts from the customer's message. A
    -- partial conversation whose earliest message is the operator's was answered (its
    -- customer's post is outside the data), but when is unknown: no first response time.
    select m.conversation_id,
           case when c.is_partial and c.is_opened_by_brand then min(m.created_at)
                else min(greatest(m.created_at, c.first_customer_message_at)) end as first_operator_reply_at,
           not (c.is_partial and c.is_opened_by_brand) as is_timed
    from messages as m
    join per_conversation as c using (conversation_id)
    where m.is_brand and (m.created_at >= c.first_customer_message_at or m.in_reply_to is not null)
    group by m.conversation_id, c.is_partial, c.is_opened_by_brand
),
final as (
    select
        c.conversation_id,
        c.source,
        c.operator,
        c.channel,
        c.customer_id,
        c.lang,
        c.thread_kind,
        c.opened_at,
        c.last_message_at,
        c.first_customer_message_at,
        r.first_operator_reply_at,
        case when r.is_timed
            then date_diff('second', c.first_customer_message_at, r.first_operator_reply_at) / 60.0
        end as frt_minutes,
        c.count_messages,
        c.count_customer_messages,
        c.count_operator_messages,
        -- a partial thread answers a post we do not have: a customer's, as care threads go
        c.is_partial or (not c.is_opened_by_brand and c.count_customer_messages > 0) as is_customer_opened,
        r.first_operator_reply_at is not null as is_answered,
        c.is_partial
    from per_conversation as c
    left join first_replies as r using (conversation_id)
)
select * from final;
