-- one correction (SQLite, named parameters); the same correction twice is kept once
insert into corrections (source, message_id, task, label, corrected_by, corrected_at, model_version, via, role,
                         lang, text)
select :source, :message_id, :task, :label, :corrected_by, :corrected_at, :model_version, :via, :role, :lang, :text
where not exists (
    select 1 from corrections
    where source = :source and message_id = :message_id and task = :task and label = :label
      and corrected_by = :corrected_by and corrected_at = :corrected_at
)
