-- for one pass's conversations: what the customer said after the operator acted (after
-- the escalation, or after the first reply when there was none): the last verdict wins, so "ancora nulla" followed
-- by "ora funziona" is a success; and any complaint in the week after a resolution
create or replace temp table conversation_evidence_part as
with evidence as (
    select
        e.conversation_id,
        arg_max(case when e.followup = 'fixed' then 'success' else 'failure' end, e.created_at)
            filter (where not e.is_brand and (e.followup in ('fixed', 'still_broken') or e.churn <> 'none')) as verdict,
        max(e.created_at) filter (where not e.is_brand and e.followup = 'fixed') as confirmed_at,
        max(e.effective_at) filter (where e.is_brand and e.act = 'resolve') as last_resolve_at
    from conversation_events as e
    join conversation_sums_part as p using (conversation_id)
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
select v.*, r.conversation_id is not null as has_complaint, $pass::integer as pass
from evidence as v
left join complaints_after_resolve as r using (conversation_id);
