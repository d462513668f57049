-- the generator's true labels, staged beside the load (m_empty, c_empty: their schemas)
create or replace table scratch.truth_messages as select * from m_empty;
create or replace table scratch.truth_conversations as select * from c_empty;
