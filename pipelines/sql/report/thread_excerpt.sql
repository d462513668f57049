-- a conversation's first five messages, local time to the minute; $rows
-- (marts/conversation_rows.sql) narrows the read to the conversation's rows, null reads all.
-- Materialised first: DuckDB 2.0 fails (an internal error) on a rowid filter under a top-n.
with conversation as materialized (
    select is_brand, created_at, text
    from messages
    where conversation_id = $conversation_id
      and ($rows is null or list_contains($rows, rowid))
)
select is_brand, strftime(timezone('Europe/Rome', created_at), '%d/%m %H:%M'), text
from conversation
order by created_at
limit 5
