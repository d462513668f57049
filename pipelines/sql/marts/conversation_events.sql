-- the messages of one pass of the conversations conversation_facts describes, with only
-- what the facts need (no text: whether it asks a question is enough, and the opening
-- post's excerpt); a temporary table that the pass's stages read.
create or replace temp table conversation_events as
with conversations as (
    select conversation_id, first_customer_message_at
    from main.conversations
    where is_customer_opened and operator is not null
      -- this pass's conversations (pipelines/marts/passes.py); null bounds take them all
      and ($from_at is null or opened_at >= $from_at) and ($until_at is null or opened_at < $until_at)
)
select
    m.conversation_id,
    m.message_row,
    m.label_row,
    m.is_brand,
    m.created_at,
    -- the hour of the week it was written, local time (0 = Monday 00:00-00:59): the
    -- dashboard's heat map counts these from the facts instead of reading every message
    ((isodow(timezone('Europe/Rome', m.created_at)) - 1) * 24 + hour(timezone('Europe/Rome', m.created_at)))::utinyint
        as hour_of_week,
    -- an operator message stamped before the customer's first one is a clock error: it
    -- answered, at once at best, so it counts from the customer's first message
    greatest(m.created_at, c.first_customer_message_at) as effective_at,
    contains(m.text, '?') as asks_question,
    -- the opening post, cut to what a list shows (the dashboard's lists read it from the facts)
    case when not m.is_brand and m.created_at = c.first_customer_message_at
        then case when length(m.text) > 280 then left(m.text, 279) || '…' else m.text end
    end as opening_post,
    m.sentiment,
    m.category,
    m.churn,
    m.competitor,
    m.followup,
    m.act
from stg_messages as m
join conversations as c using (conversation_id);
