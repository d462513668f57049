-- the analysts' corrections in force (registered as corrections_in_force, read from the
-- corrections store beside the warehouse): one row per message and task
create or replace table main.label_corrections as
select source, message_id, task, label, corrected_by, corrected_at::timestamptz as corrected_at, model_version
from corrections_in_force;
