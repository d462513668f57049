-- the current model's held-out confusion (registered as confusion_rows, from the model's
-- metadata) replaces the previous model's
create or replace table main.label_confusion as
select model_version, task, true_label, predicted_label, n, held_out_corrections
from confusion_rows
