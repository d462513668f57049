-- the rows the reader or the normaliser refused (registered as reader_rejects), with the load
insert into main.rejects
select getvariable('load_id'), getvariable('source_file'), line, message_id, reason, raw
from reader_rejects
