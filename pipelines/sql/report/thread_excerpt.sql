-- a conversation's first five messages, local time to the minute
select is_brand, strftime(timezone('Europe/Rome', created_at), '%d/%m %H:%M'), text
from messages
where conversation_id = $conversation_id
order by created_at
limit 5
