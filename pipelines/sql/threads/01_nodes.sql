-- The reply graph of the new rows. A row points to its parent when the parent is new too;
-- otherwise it ends a chain: at a conversation the source names, at a message already in
-- the warehouse, at nothing (a root), or at a target nobody has. That last one is a
-- partial conversation: it is named after the missing parent (`source:parent id`), the
-- very id the thread gets when the parent arrives as its root, so a later load joins them.
-- Rows are their ordinals here: the pointer jumping and the placing join on one integer,
-- not on (source, message_id) text (10 M rows: seconds per join, not tens).
create or replace table scratch.nodes as
with new_rows as (
    select * from scratch.candidates where status = 'new'
),
final as (
    select
        c.ordinal,
        c.source,
        c.message_id,
        c.in_reply_to,
        c.conversation_src,
        case when c.conversation_src is null and c.in_reply_to is not null then p.ordinal end as parent_new,
        case
            when c.conversation_src is not null then c.source || ':' || c.conversation_src
            when c.in_reply_to is not null and p.message_id is null
                then coalesce(m.conversation_id, c.source || ':' || c.in_reply_to)
        end as anchor
    from new_rows as c
    left join new_rows as p
        on p.source = c.source and p.message_id = c.in_reply_to
    left join main.messages as m
        on c.in_reply_to is not null and m.source = c.source and m.message_id = c.in_reply_to
)
select * from final;

create or replace table scratch.pointers as
select ordinal, coalesce(parent_new, ordinal) as ptr
from scratch.nodes;
