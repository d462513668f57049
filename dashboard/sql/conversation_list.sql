-- the newest conversations the filters keep (at most $limit), optionally only those whose
-- text contains $search, only failed escalations or churn signals ($kind), or one week;
-- the conversations are picked first, then only their opening posts are read
with picked as (
    select *
    from period_facts as p
    where ($search is null
           or conversation_id in (select conversation_id from messages where text ilike '%' || $search || '%'))
      and ($kind <> 'failed' or escalation_outcome = 'failure')
      and ($kind <> 'churn' or churn_kind is not null)
      and ($week_start is null or opened_week_start = $week_start::date)
    order by opened_at desc
    limit $limit
),
first_posts as (
    select conversation_id, arg_min(text, created_at) as first_post
    from messages
    semi join picked using (conversation_id)
    where not is_brand
    group by conversation_id
)
select
    p.conversation_id, p.operator, p.channel,
    strftime(timezone('Europe/Rome', p.opened_at), '%Y-%m-%d %H:%M') as opened_local,
    p.category, p.first_sentiment, p.is_answered, round(p.frt, 1) as frt_minutes,
    p.escalation_outcome, p.churn_kind, p.competitor, f.first_post
from picked as p
left join first_posts as f using (conversation_id)
order by p.opened_at desc
