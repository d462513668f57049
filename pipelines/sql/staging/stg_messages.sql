-- messages with their labels, and each message's place in its conversation
create or replace temp view stg_messages as
with messages as (
    select * from main.messages
),
labels as (
    select * from stg_thread_labels
),
final as (
    select
        m.conversation_id,
        m.source,
        m.message_id,
        m.operator,
        m.channel,
        m.customer_id,
        m.is_brand,
        m.created_at,
        m.text,
        l.sentiment,
        l.category,
        l.churn,
        l.competitor,
        l.followup,
        l.act
    from messages as m
    left join labels as l using (source, message_id)
)
select * from final;
