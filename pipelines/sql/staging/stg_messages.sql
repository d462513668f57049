-- messages with their labels, and each message's place in its conversation. `message_row`
-- and `label_row` are the rows' positions (rowids) in main.messages and thread_labels: the
-- facts keep each conversation's rows so that a thread is read without scanning them all
create or replace temp view stg_messages as
with messages as (
    select *, rowid as message_row from main.messages
),
labels as (
    select * from stg_thread_labels
),
final as (
    select
        m.conversation_id,
        m.message_row,
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
        l.act,
        l.label_row
    from messages as m
    left join labels as l using (message_row)
)
select * from final;
