-- TWCS rows whose inbound is neither true nor false: the Python reader rejects them
select count(*) from reader_rows where is_brand is null
