-- one batch of true labels (registered as m_batch and c_batch)
insert into scratch.truth_messages select * from m_batch;
insert into scratch.truth_conversations select * from c_batch;
