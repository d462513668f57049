-- a later pass's facts, after the earlier passes' (their order is the facts' order)
insert into {target}.conversation_facts select * from conversation_facts_part;
drop table conversation_facts_part;
