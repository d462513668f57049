-- Publish the load's rows into the warehouse (inside the caller's transaction), those with
-- $after < ordinal <= $until: a big load runs this once per range of rows, so that the
-- join with the staged texts holds one range in memory (pipelines.warehouse.in_passes).
insert into main.messages
select
    p.message_id,
    p.source,
    coalesce(s.conversation_id, p.chain_conversation_id) as conversation_id,
    p.in_reply_to,
    case when p.thread_kind = 'session' then s.operator else c.operator end as operator,
    p.channel,
    p.author_id,
    case when p.thread_kind = 'session' then p.customer_id else coalesce(c.customer_id, p.customer_id) end,
    p.is_brand,
    p.created_at,
    i.text,
    p.lang,
    p.thread_kind,
    getvariable('load_id') as load_id,
    p.line as source_line
from scratch.placed as p
join scratch.incoming as i on i.ordinal = p.ordinal and i.ordinal > $after and i.ordinal <= $until
left join scratch.chain_conversations as c
    on p.thread_kind <> 'session' and c.conversation_id = p.chain_conversation_id
left join scratch.session_rows as s
    on p.thread_kind = 'session' and s.is_new and s.source = p.source and s.message_id = p.message_id
where p.place_reason is null and p.ordinal > $after and p.ordinal <= $until
