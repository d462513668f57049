-- Each new row gets its conversation, or a reason to be rejected.
create or replace table scratch.placed as
with ends as (
    select
        n.source,
        n.message_id,
        t.message_id as end_id,
        t.parent_new is not null as is_in_cycle,
        t.anchor
    from scratch.nodes as n
    join scratch.pointers as p using (source, message_id)
    join scratch.nodes as t on t.source = p.source and t.message_id = p.ptr
),
with_children as (
    -- a new row is a thread's root, not a session, when something answers it: a new row,
    -- or a reply already in the warehouse that was waiting for it (a partial conversation)
    select source, parent_new as message_id from scratch.nodes where parent_new is not null
    union
    select m.source, m.in_reply_to
    from main.messages as m
    semi join scratch.nodes as n on n.source = m.source and n.message_id = m.in_reply_to
),
final as (
    select
        c.*,
        case
            when e.is_in_cycle then 'reply cycle: the chain of in_reply_to loops back on itself'
        end as place_reason,
        case
            when e.anchor is not null and c.conversation_src is not null then 'source'
            when e.anchor is not null then 'reply_chain'
            when c.in_reply_to is null and k.message_id is null then 'session'
            else 'reply_chain'
        end as thread_kind,
        coalesce(e.anchor, c.source || ':' || e.end_id) as chain_conversation_id
    from scratch.candidates as c
    join ends as e using (source, message_id)
    left join with_children as k using (source, message_id)
    where c.status = 'new'
)
select * from final;
