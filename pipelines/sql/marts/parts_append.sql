-- a later pass's stages, added to the first's (parts_start.sql)
insert into conversation_sums by name select * from conversation_sums_part;
insert into conversation_reads by name select * from conversation_reads_part;
insert into conversation_evidence by name select * from conversation_evidence_part;
drop table conversation_sums_part;
drop table conversation_reads_part;
drop table conversation_evidence_part;
