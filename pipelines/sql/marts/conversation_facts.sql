-- one row per conversation a customer opened towards a known operator: the facts every
-- care metric is computed from (DESIGN.md, "Metric definitions").
-- Built in stages, each a temporary table (conversation_events, conversation_rollup,
-- conversation_reads, conversation_evidence): on 10 M messages the stages held as CTEs
-- inside one query did not fit DuckDB's memory limit, where tables spill to disk.

-- each conversation with the sums of its messages, and the customer's next conversation
-- with the same operator
create or replace temp table conversation_rollup as
with conversations as (
    -- the first response (bad operator clocks mended) comes as conversations.sql has it
    select conversation_id, operator, channel, customer_id, opened_at, first_customer_message_at, last_message_at,
           first_operator_reply_at as first_response_at, is_answered, frt_minutes, is_partial
    from main.conversations
    where is_customer_opened and operator is not null
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
    -- a partial thread holding only the operator's replies has no customer to follow
    case when c.customer_id is not null then lead(c.opened_at) over by_customer end as next_opened_at,
    case when c.customer_id is not null then lead(p.category) over by_customer end as next_category
from conversations as c
join per_conversation as p using (conversation_id)
window by_customer as (partition by c.customer_id, c.operator order by c.opened_at, c.conversation_id);

-- what the dashboard lists, draws and opens without reading every message: the opening
-- post, the rows of the messages and of their labels, and the hours of the week they were
-- written. Apart from the rollup, whose window would carry the lists through its sort.
create or replace temp table conversation_reads as
select
    conversation_id,
    min(opening_post) as first_post,   -- two posts in the same microsecond: the same one on every load
    list(message_row) as message_rows,
    list(label_row) filter (where label_row is not null) as label_rows,
    list_sort(list(hour_of_week) filter (where not is_brand)) as customer_hours,
    list_sort(list(hour_of_week) filter (where is_brand)) as operator_hours
from conversation_events
group by conversation_id;

-- what the customer said after the operator acted (after the escalation, or after the
-- first reply when there was none): the last verdict wins, so "ancora nulla" followed
-- by "ora funziona" is a success; and any complaint in the week after a resolution
create or replace temp table conversation_evidence as
with evidence as (
    select
        e.conversation_id,
        arg_max(case when e.followup = 'fixed' then 'success' else 'failure' end, e.created_at)
            filter (where not e.is_brand and (e.followup in ('fixed', 'still_broken') or e.churn <> 'none')) as verdict,
        max(e.created_at) filter (where not e.is_brand and e.followup = 'fixed') as confirmed_at,
        max(e.effective_at) filter (where e.is_brand and e.act = 'resolve') as last_resolve_at
    from conversation_events as e
    join conversation_rollup as p using (conversation_id)
    where e.effective_at >= coalesce(p.escalated_at, p.first_response_at)
    group by e.conversation_id
),
complaints_after_resolve as (
    select distinct e.conversation_id
    from conversation_events as e
    join evidence as v using (conversation_id)
    where not e.is_brand and e.sentiment = 'negative' and e.created_at > v.last_resolve_at
      and e.created_at <= v.last_resolve_at + interval 7 days
)
select v.*, r.conversation_id is not null as has_complaint
from evidence as v
left join complaints_after_resolve as r using (conversation_id);

create or replace table {target}.conversation_facts as
with data_end as (
    select max(created_at) as ended_at from main.messages
),
waits as (
    -- each local day a conversation waited for its first response: care_calendar has its
    -- openings by local day, so the join below is on (operator, day), not on a range
    -- alone (which had to compare every conversation with every opening of its operator)
    select
        conversation_id,
        operator,
        first_customer_message_at as waited_from,
        first_response_at as waited_to,
        unnest(range(timezone('Europe/Rome', first_customer_message_at)::date,
                     timezone('Europe/Rome', first_response_at)::date + interval 1 day,
                     interval 1 day))::date as local_date
    from conversation_rollup
    where frt_minutes is not null
),
business as (
    -- minutes of open care between the customer's first message and the first response
    select
        w.conversation_id,
        sum(date_diff('second', greatest(w.waited_from, k.open_at), least(w.waited_to, k.close_at))) / 60.0
            as frt_business_minutes
    from waits as w
    join main.care_calendar as k
        on k.operator = w.operator and k.local_date = w.local_date
        and k.close_at > w.waited_from and k.open_at < w.waited_to
    group by w.conversation_id
),
outcomes as (
    select
        p.*,
        v.verdict,
        v.confirmed_at,
        v.last_resolve_at,
        b.frt_business_minutes,
        case
            when p.first_response_at is null then null
            when v.verdict is not null then v.verdict
            when p.next_opened_at <= p.last_message_at + interval 7 days and p.next_category = p.category then 'failure'
            when v.last_resolve_at is not null and coalesce(v.has_complaint, false) then 'failure'
            when v.last_resolve_at is not null and v.last_resolve_at + interval 7 days <= (select ended_at from data_end) then 'success'
            else 'unknown'
        end as outcome
    from conversation_rollup as p
    left join conversation_evidence as v using (conversation_id)
    left join business as b using (conversation_id)
),
final as (
    select
        f.conversation_id,
        f.operator,
        f.channel,
        f.customer_id,
        f.opened_at,
        timezone('Europe/Rome', f.opened_at)::date as opened_local_date,
        strftime(timezone('Europe/Rome', f.opened_at), '%G-W%V') as opened_week,
        date_trunc('week', timezone('Europe/Rome', f.opened_at))::date as opened_week_start,
        coalesce(f.category, 'other') as category,
        f.first_sentiment,
        f.last_sentiment,
        f.is_question,
        f.is_answered,
        f.is_partial,
        f.first_response_at,
        f.frt_minutes,
        case when f.frt_minutes is not null then coalesce(f.frt_business_minutes, 0) end as frt_business_minutes,
        f.count_operator_replies,
        f.count_customer_messages,
        f.count_positive,
        f.count_negative,
        f.escalated_at is not null as is_escalated,
        case when f.escalated_at is not null then f.outcome end as escalation_outcome,
        f.outcome = 'success' as is_resolved,
        case when f.outcome = 'success' then coalesce(f.confirmed_at, f.last_resolve_at) end as resolved_at,
        case when f.outcome = 'success'
            then date_diff('second', f.first_customer_message_at, coalesce(f.confirmed_at, f.last_resolve_at)) / 60.0
        end as resolution_minutes,
        -- deflection: the replies only send the customer elsewhere, with no action
        f.count_deflections > 0 and f.count_actions = 0 as is_deflected,
        f.count_data_requests >= 2 as is_repeated_data_request,
        case f.churn_rank when 3 then 'switched' when 2 then 'cancel' when 1 then 'threat' end as churn_kind,
        case when f.churn_rank > 0 then f.competitor end as competitor,
        f.first_sentiment = 'negative' and f.last_sentiment in ('neutral', 'positive') as is_sentiment_recovered,
        coalesce(f.next_opened_at <= f.last_message_at + interval 7 days, false) as is_recontact,
        f.outcome = 'success' and f.count_operator_replies = 1 as is_one_touch_resolution,
        -- for the dashboard only (not exported): see conversation_reads
        r.first_post,
        r.message_rows,
        r.label_rows,
        r.customer_hours,
        r.operator_hours
    from outcomes as f
    join conversation_reads as r using (conversation_id)
)
select * from final
order by opened_local_date, operator, opened_at;
