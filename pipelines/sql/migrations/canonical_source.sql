-- Files in the canonical layout once took their format as their source (csv, jsonl,
-- parquet), so one export saved as CSV and as JSON Lines loaded twice. They are all
-- `canonical` now. A message loaded under two of the old names with the same text is
-- one message: its first load is kept. When two unrelated exports share an id (other
-- texts), the first loaded becomes `canonical` and the others keep their old source,
-- with their conversations' names, so that nothing merges that was apart.
create or replace temp table old_canonical as
with copies as (
    select
        source, message_id, conversation_id, load_id,
        row_number() over (partition by message_id, text order by source <> 'canonical', load_id, source) as copy
    from main.messages
    where source in ('canonical', 'csv', 'jsonl', 'parquet')
)
select
    *,
    copy = 1 and row_number() over (partition by message_id, copy = 1
                                    order by source <> 'canonical', load_id, source) > 1 as is_kept_apart
from copies;

delete from main.message_labels as l
using old_canonical as o
where o.copy > 1 and l.source = o.source and l.message_id = o.message_id;

delete from main.messages as m
using old_canonical as o
where o.copy > 1 and m.source = o.source and m.message_id = o.message_id;

update main.message_labels as l
set source = 'canonical'
from old_canonical as o
where o.copy = 1 and not o.is_kept_apart and o.source <> 'canonical'
    and l.source = o.source and l.message_id = o.message_id;

update main.messages as m
set source = 'canonical'
from old_canonical as o
where o.copy = 1 and not o.is_kept_apart and o.source <> 'canonical'
    and m.source = o.source and m.message_id = o.message_id;

-- conversations named after an old source take the new name with every row in them (a
-- session can hold rows of several sources), unless a row kept apart is in them
create or replace temp table renamed_conversations as
select conversation_id
from old_canonical
where copy = 1 and regexp_matches(conversation_id, '^(csv|jsonl|parquet):')
group by conversation_id
having not bool_or(is_kept_apart);

update main.messages as m
set conversation_id = regexp_replace(m.conversation_id, '^(csv|jsonl|parquet):', 'canonical:')
where m.conversation_id in (select conversation_id from renamed_conversations);

drop table old_canonical;
drop table renamed_conversations;
