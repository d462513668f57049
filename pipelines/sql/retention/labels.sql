delete from main.message_labels where (source, message_id) in (select source, message_id from expired)
