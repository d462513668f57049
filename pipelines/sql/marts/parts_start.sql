-- the first pass's stages become the tables every later pass adds to (parts_append.sql)
alter table conversation_sums_part rename to conversation_sums;
alter table conversation_reads_part rename to conversation_reads;
alter table conversation_evidence_part rename to conversation_evidence;
