-- one row per conversation a customer opened towards a known operator: the facts every
-- care metric is computed from (DESIGN.md, "Metric definitions").
-- Built in stages, each a temporary table: conversation_events, conversation_sums,
-- conversation_reads and conversation_evidence for one pass of conversations at a time
-- (pipelines/marts/passes.py), conversation_next over them all, then these facts one pass
-- at a time again, each pass's into {table} ({target}.conversation_facts, or a part added
-- to it). On 10 M messages the stages held as CTEs inside one query did not fit DuckDB's
-- memory limit, and the stages over every conversation at once took half as long again
-- as in passes of 2 M messages.
create or replace {kind} {table} as
with data_end as (
    select max(created_at) as ended_at from main.messages
),
conversation_rollup as (
    -- the pass's conversations with the sums of their messages and the customer's next one
    select s.*, n.next_opened_at, n.next_category
    from conversation_sums as s
    join conversation_next as n using (conversation_id)
    where s.pass = $pass
),
evidence as (
    select * from conversation_evidence where pass = $pass
),
reads as (
    select * from conversation_reads where pass = $pass
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
    left join evidence as v using (conversation_id)
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
    join reads as r using (conversation_id)
)
select * from final
order by opened_local_date, operator, opened_at;
