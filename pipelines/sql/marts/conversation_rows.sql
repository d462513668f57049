-- where a conversation's messages sit in main.messages and their labels in thread_labels
-- (their rowids, from the last build):
-- a thread is then read from those rows alone instead of from every message. Rowids can
-- move when DuckDB compacts a table, so whoever reads them checks the count it got back.
select message_rows, label_rows
from conversation_facts
where conversation_id = $conversation_id
