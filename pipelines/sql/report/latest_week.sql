-- the newest ISO week (Europe/Rome) in which a conversation opened
select max(opened_week) from conversation_facts
