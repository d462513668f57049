-- the intermediate tables conversation_facts was built from
drop table conversation_events;
drop table conversation_sums;
drop table conversation_next;
drop table conversation_evidence;
drop table conversation_reads;
