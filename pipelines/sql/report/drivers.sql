-- the two categories whose count of a rate's bad events changed most between the week
-- before $first and the week $first .. $last, for one operator. $event names the event:
-- unanswered, late (unanswered or over the SLA), failed escalation, churn signal.
with events as (
    select
        category,
        opened_local_date,
        case $event
            when 'unanswered' then not is_answered
            when 'late' then not is_answered or frt_minutes > getvariable('sla_minutes')
            when 'failed_escalation' then coalesce(escalation_outcome = 'failure', false)
            when 'churn_signal' then churn_kind is not null
        end as is_event
    from conversation_facts
    where operator = $operator and opened_local_date between $first::date - interval 7 days and $last
)
select
    category,
    count(*) filter (where opened_local_date < $first) as before,
    count(*) filter (where opened_local_date >= $first) as now
from events
where is_event
group by category
order by abs(now - before) desc, category
limit 2
