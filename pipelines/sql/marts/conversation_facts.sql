-- one row per conversation a customer opened towards a known operator: the facts every
-- care metric is computed from (DESIGN.md, "Metric definitions").
create or replace table {target}.conversation_facts as
with conversations as (
    select * from main.conversations
    where is_customer_opened and operator is not null
),
messages as (
    -- the text itself stays behind: carried through the aggregates below, 10 M texts do
    -- not fit the memory limit; only whether it asks a question is needed
    select m.* exclude (text), contains(m.text, '?') as asks_question,
           c.first_customer_message_at as first_customer_at
    from stg_messages as m
    join conversations as c using (conversation_id)
),
events as (
    -- an operator message stamped before the customer's first one is a clock error: it
    -- answered, at once at best, so it counts from the customer's first message
    select *, greatest(created_at, first_customer_at) as effective_at from messages
),
per_conversation as (
    select
        conversation_id,
        arg_min(category, created_at) filter (where not is_brand) as category,
        arg_min(sentiment, created_at) filter (where not is_brand) as first_sentiment,
        arg_max(sentiment, created_at) filter (where not is_brand) as last_sentiment,
        arg_min(asks_question, created_at) filter (where not is_brand) as is_question,
        min(effective_at) filter (where is_brand) as first_response_at,
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
    from events
    group by conversation_id
),
evidence as (
    -- what the customer said after the operator acted (after the escalation, or after the
    -- first reply when there was none): the last verdict wins, so "ancora nulla" followed
    -- by "ora funziona" is a success
    select
        e.conversation_id,
        arg_max(case when e.followup = 'fixed' then 'success' else 'failure' end, e.created_at)
            filter (where not e.is_brand and (e.followup in ('fixed', 'still_broken') or e.churn <> 'none')) as verdict,
        max(e.created_at) filter (where not e.is_brand and e.followup = 'fixed') as confirmed_at,
        max(e.effective_at) filter (where e.is_brand and e.act = 'resolve') as last_resolve_at
    from events as e
    join per_conversation as p using (conversation_id)
    where e.effective_at >= coalesce(p.escalated_at, p.first_response_at)
    group by e.conversation_id
),
complaints_after_resolve as (
    select e.conversation_id, true as has_complaint
    from events as e
    join evidence as v using (conversation_id)
    where not e.is_brand and e.sentiment = 'negative' and e.created_at > v.last_resolve_at
      and e.created_at <= v.last_resolve_at + interval 7 days
    group by e.conversation_id
),
sequence as (
    select
        c.conversation_id,
        lead(c.opened_at) over by_customer as next_opened_at,
        lead(p.category) over by_customer as next_category
    from conversations as c
    join per_conversation as p using (conversation_id)
    window by_customer as (partition by c.customer_id, c.operator order by c.opened_at, c.conversation_id)
),
data_end as (
    select max(created_at) as ended_at from main.messages
),
business as (
    -- minutes of open care between the customer's first message and the first response
    select
        c.conversation_id,
        sum(date_diff('second', greatest(c.first_customer_message_at, k.open_at),
                      least(p.first_response_at, k.close_at))) / 60.0 as frt_business_minutes
    from conversations as c
    join per_conversation as p using (conversation_id)
    join main.care_calendar as k
        on k.operator = c.operator
        and k.close_at > c.first_customer_message_at and k.open_at < p.first_response_at
    group by c.conversation_id
),
outcomes as (
    select
        p.conversation_id,
        case
            when p.first_response_at is null then null
            when v.verdict is not null then v.verdict
            when s.next_opened_at <= c.last_message_at + interval 7 days and s.next_category = p.category then 'failure'
            when v.last_resolve_at is not null and coalesce(r.has_complaint, false) then 'failure'
            when v.last_resolve_at is not null and v.last_resolve_at + interval 7 days <= (select ended_at from data_end) then 'success'
            else 'unknown'
        end as outcome
    from per_conversation as p
    join conversations as c using (conversation_id)
    left join evidence as v using (conversation_id)
    left join complaints_after_resolve as r using (conversation_id)
    left join sequence as s using (conversation_id)
),
final as (
    select
        c.conversation_id,
        c.operator,
        c.channel,
        c.customer_id,
        c.opened_at,
        timezone('Europe/Rome', c.opened_at)::date as opened_local_date,
        strftime(timezone('Europe/Rome', c.opened_at), '%G-W%V') as opened_week,
        date_trunc('week', timezone('Europe/Rome', c.opened_at))::date as opened_week_start,
        coalesce(p.category, 'other') as category,
        p.first_sentiment,
        p.last_sentiment,
        p.is_question,
        p.first_response_at is not null as is_answered,
        p.first_response_at,
        date_diff('second', c.first_customer_message_at, p.first_response_at) / 60.0 as frt_minutes,
        case when p.first_response_at is not null then coalesce(b.frt_business_minutes, 0) end as frt_business_minutes,
        p.count_operator_replies,
        p.count_customer_messages,
        p.count_positive,
        p.count_negative,
        p.escalated_at is not null as is_escalated,
        case when p.escalated_at is not null then o.outcome end as escalation_outcome,
        o.outcome = 'success' as is_resolved,
        case when o.outcome = 'success' then coalesce(v.confirmed_at, v.last_resolve_at) end as resolved_at,
        case when o.outcome = 'success'
            then date_diff('second', c.first_customer_message_at, coalesce(v.confirmed_at, v.last_resolve_at)) / 60.0
        end as resolution_minutes,
        -- deflection: the replies only send the customer elsewhere, with no action
        p.count_deflections > 0 and p.count_actions = 0 as is_deflected,
        p.count_data_requests >= 2 as is_repeated_data_request,
        case p.churn_rank when 3 then 'switched' when 2 then 'cancel' when 1 then 'threat' end as churn_kind,
        case when p.churn_rank > 0 then p.competitor end as competitor,
        p.first_sentiment = 'negative' and p.last_sentiment in ('neutral', 'positive') as is_sentiment_recovered,
        coalesce(s.next_opened_at <= c.last_message_at + interval 7 days, false) as is_recontact,
        o.outcome = 'success' and p.count_operator_replies = 1 as is_one_touch_resolution
    from conversations as c
    join per_conversation as p using (conversation_id)
    left join evidence as v using (conversation_id)
    left join outcomes as o using (conversation_id)
    left join sequence as s using (conversation_id)
    left join business as b using (conversation_id)
)
select * from final;
