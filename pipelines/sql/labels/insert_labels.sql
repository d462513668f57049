-- a batch of labels (registered as labelled) into the load's label table
insert into scratch.text_labels by name select * from labelled
