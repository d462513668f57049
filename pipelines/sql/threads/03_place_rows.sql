-- Each new row gets its conversation, or a reason to be rejected.
create or replace table scratch.placed as
with ends as (
    select
        p.ordinal,
        t.message_id as end_id,
        t.parent_new is not null as is_in_cycle,
        t.anchor
    from scratch.pointers as p
    join scratch.nodes as t on t.ordinal = p.ptr
),
with_children as (
    -- a new row is a thread's root, not a session, when something answers it: a new row,
    -- or a reply already in the warehouse that was waiting for it (a partial conversation)
    select parent_new as ordinal from scratch.nodes where parent_new is not null
    union
    select n.ordinal
    from scratch.nodes as n
    semi join main.messages as m on m.source = n.source and m.in_reply_to = n.message_id
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
            when c.in_reply_to is null and k.ordinal is null then 'session'
            else 'reply_chain'
        end as thread_kind,
        coalesce(e.anchor, c.source || ':' || e.end_id) as chain_conversation_id
    from scratch.candidates as c
    join ends as e using (ordinal)
    left join with_children as k using (ordinal)
    where c.status = 'new'
)
select * from final;
