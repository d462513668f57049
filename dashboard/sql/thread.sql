-- one conversation's messages with the labels the metrics count (after the second pass);
-- $rows and $label_rows (marts/conversation_rows.sql) narrow the reads to the
-- conversation's rows, null reads all. Materialised first: DuckDB 2.0 fails (an internal
-- error) on some rowid filters under an ordered read.
with conversation as materialized (
    select source, message_id, created_at, is_brand, author_id, text
    from messages
    where conversation_id = $conversation_id
      and ($rows is null or list_contains($rows, rowid))
),
labels as (
    select source, message_id, sentiment, category, churn, competitor, followup, act, label_origin
    from thread_labels
    where $label_rows is null or list_contains($label_rows, rowid)
)
select
    m.source, m.message_id, m.created_at, m.is_brand, m.author_id, m.text,
    l.sentiment, l.category, l.churn, coalesce(l.competitor, '') as competitor, l.followup, l.act,
    l.label_origin
from conversation as m
left join labels as l using (source, message_id)
order by m.created_at
