-- the audit of corrections, newest first, history included (SQLite): who changed which
-- label of which message, when, through what, over which model version
select corrected_at, corrected_by, via, source || ':' || message_id as message, task, label, model_version
from corrections
order by corrected_at desc, rowid desc
limit ?
