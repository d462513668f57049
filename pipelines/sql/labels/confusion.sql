-- the held-out confusion of the model that labelled the warehouse, one row per task, true
-- and predicted label
select task, true_label, predicted_label, n, held_out_corrections
from main.label_confusion
where model_version = (select any_value(model_version) from main.message_labels)
