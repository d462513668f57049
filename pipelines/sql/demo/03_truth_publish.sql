-- the true labels into the warehouse, once per message and conversation (inside the
-- caller's transaction), then the staging goes
create table if not exists main.demo_truth_messages as select * from scratch.truth_messages limit 0;
create table if not exists main.demo_truth_conversations as select * from scratch.truth_conversations limit 0;
insert into main.demo_truth_messages
select * from scratch.truth_messages anti join main.demo_truth_messages using (message_id);
insert into main.demo_truth_conversations
select * from scratch.truth_conversations anti join main.demo_truth_conversations using (conversation_id);
