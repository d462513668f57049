-- labels of another model version go: a new model relabels the whole warehouse
delete from main.message_labels where model_version <> $model_version
