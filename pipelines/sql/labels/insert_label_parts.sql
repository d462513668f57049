-- the labels the workers wrote as Parquet parts, into the load's label table in one insert
insert into scratch.text_labels by name select * from read_parquet($parts)
