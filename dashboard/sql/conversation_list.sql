-- the newest conversations the filters keep (at most $limit), optionally only those whose
-- text contains $search, only failed escalations or churn signals ($kind), or one week;
-- the opening post is the facts' excerpt, so only a search reads the messages. The rows
-- are picked first and only they are formatted (not every conversation of the period).
with picked as (
    select
        conversation_id, operator, channel, opened_at, category, first_sentiment, is_answered, frt,
        escalation_outcome, churn_kind, competitor, first_post
    from period_facts
    where ($search is null
           or conversation_id in (select conversation_id from messages where text ilike '%' || $search || '%'))
      and ($kind <> 'failed' or escalation_outcome = 'failure')
      and ($kind <> 'churn' or churn_kind is not null)
      and ($week_start is null or opened_week_start = $week_start::date)
    order by opened_at desc
    limit $limit
)
select
    p.conversation_id, p.operator, p.channel,
    strftime(timezone('Europe/Rome', p.opened_at), '%Y-%m-%d %H:%M') as opened_local,
    p.category, p.first_sentiment, p.is_answered, round(p.frt, 1) as frt_minutes,
    p.escalation_outcome, p.churn_kind, p.competitor, p.first_post
from picked as p
order by p.opened_at desc
