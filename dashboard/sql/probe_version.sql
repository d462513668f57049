-- fails with a binder error when the warehouse was built by an earlier version (before
-- thread_labels carried label_origin): its derived tables need one `pipelines build`
select label_origin from thread_labels limit 0
