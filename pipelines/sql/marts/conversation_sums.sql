-- one pass's conversations with the sums of their messages (conversation_next.sql adds,
-- over every pass, the customer's next conversation with the same operator)
create or replace temp table conversation_sums_part as
with conversations as (
    -- the first response (bad operator clocks mended) comes as conversations.sql has it
    select conversation_id, operator, channel, customer_id, opened_at, first_customer_message_at, last_message_at,
           first_operator_reply_at as first_response_at, is_answered, frt_minutes, is_partial
    from main.conversations
    where is_customer_opened and operator is not null
      -- this pass's conversations (pipelines/marts/passes.py); null bounds take them all
      and ($from_at is null or opened_at >= $from_at) and ($until_at is null or opened_at < $until_at)
),
per_conversation as (
    select
        conversation_id,
        arg_min(category, created_at) filter (where not is_brand) as category,
        arg_min(sentiment, created_at) filter (where not is_brand) as first_sentiment,
        arg_max(sentiment, created_at) filter (where not is_brand) as last_sentiment,
        arg_min(asks_question, created_at) filter (where not is_brand) as is_question,
        count(*) filter (where is_brand) as count_operator_replies,
        count(*) filter (where is_brand and act = 'request_data') as count_data_requests,
        count(*) filter (where is_brand and act = 'deflect') as count_deflections,
        count(*) filter (where is_brand and act in ('escalate', 'resolve', 'request_data')) as count_actions,
        -- escalation: a ticket, a technician, or private data asked to act on the line
        min(effective_at) filter (where is_brand and act in ('escalate', 'request_data')) as escalated_at,
        count(*) filter (where not is_brand) as count_customer_messages,
        count(*) filter (where not is_brand and sentiment = 'positive') as count_positive,
        count(*) filter (where not is_brand and sentiment = 'negative') as count_negative,
        -- the strongest churn signal: a switch is a customer lost, a cancel a customer leaving
        max(case churn when 'switched' then 3 when 'cancel' then 2 when 'threat' then 1 else 0 end)
            filter (where not is_brand) as churn_rank,
        arg_min(competitor, created_at) filter (where not is_brand and competitor is not null) as competitor
    from conversation_events
    group by conversation_id
)
select
    c.*,
    p.* exclude (conversation_id),
    $pass::integer as pass
from conversations as c
join per_conversation as p using (conversation_id);
