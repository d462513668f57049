-- The rest of the load's merge, after its rows are in main.messages (02_merge_messages),
-- inside the caller's transaction.

-- Old session rows whose session changed, and old rows of a conversation whose operator
-- is known only now.
update main.messages as m
set conversation_id = s.conversation_id
from scratch.session_rows as s
where not s.is_new and m.source = s.source and m.message_id = s.message_id
    and m.conversation_id <> s.conversation_id;

update main.messages as m
set operator = c.operator
from scratch.chain_conversations as c
where m.conversation_id = c.conversation_id and m.operator is null and c.operator is not null;

-- Partial conversations completed by this load: their rows move to the parent's
-- conversation and take its operator and customer (the parent may be the real opener).
update main.messages as m
set conversation_id = k.conversation_id
from scratch.completed as k
where m.conversation_id = k.old_conversation_id and k.conversation_id <> k.old_conversation_id;

update main.messages as m
set operator = coalesce(c.operator, m.operator), customer_id = coalesce(c.customer_id, m.customer_id)
from scratch.chain_conversations as c
where m.conversation_id = c.conversation_id
    and c.conversation_id in (select conversation_id from scratch.completed);

-- Rows rejected by an earlier version for a missing parent load now: their rejects go.
delete from main.rejects as r
using scratch.placed as p
where p.place_reason is null and r.message_id = p.message_id
    and (r.reason like 'unknown reply target%' or r.reason like 'reply chain broken%');

insert into main.rejects
select
    getvariable('load_id'), getvariable('source_file'), r.line, r.message_id, r.reason, left(i.text, 300)
from (
    select line, message_id, ordinal, reason from scratch.candidates where status = 'conflict'
    union all
    select line, message_id, ordinal, place_reason from scratch.placed where place_reason is not null
) as r
join scratch.incoming as i on i.ordinal = r.ordinal;
