-- the messages older than the cutoff
create or replace temp table expired as
select source, message_id from main.messages where created_at < $cutoff
