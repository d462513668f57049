-- the messages of the conversations conversation_facts describes, with only what the
-- facts need (no text: whether it asks a question is enough); a temporary table that
-- conversation_facts.sql reads three times.
create or replace temp table conversation_events as
with conversations as (
    select conversation_id, first_customer_message_at
    from main.conversations
    where is_customer_opened and operator is not null
)
select
    m.conversation_id,
    m.is_brand,
    m.created_at,
    -- an operator message stamped before the customer's first one is a clock error: it
    -- answered, at once at best, so it counts from the customer's first message
    greatest(m.created_at, c.first_customer_message_at) as effective_at,
    contains(m.text, '?') as asks_question,
    m.sentiment,
    m.category,
    m.churn,
    m.competitor,
    m.followup,
    m.act
from stg_messages as m
join conversations as c using (conversation_id);
