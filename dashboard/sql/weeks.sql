-- ISO weeks with data, newest first
select distinct opened_week from conversation_facts order by 1 desc
