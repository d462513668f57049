-- the correction in force for each message and task: the latest (SQLite)
select source, message_id, task, label, corrected_by, corrected_at, model_version, via, role, lang, text
from (
    select *, row_number() over (partition by source, message_id, task
                                 order by corrected_at desc, rowid desc) as newest
    from corrections
)
where newest = 1
order by source, message_id, task
