-- the latest rejected rows themselves (analysts only): reasons never quote a value, and
-- the raw row was redacted and pseudonymised at ingestion
select source_file, source_line, message_id, reason, raw
from rejects
order by load_id desc, source_file, source_line
limit $limit
