-- the labels the marts read, whichever pass wrote {target}.thread_labels (the model's,
-- stg_thread_labels.sql, or the demo's truth, stg_thread_labels_truth.sql); label_row is
-- where the row sits, kept by the facts so that a thread reads its labels alone
create or replace temp view stg_thread_labels as
select *, rowid as label_row from {target}.thread_labels;
