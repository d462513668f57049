-- the Parquet parts the worker processes wrote, into the load's staging table in one insert
insert into scratch.incoming by name select * from read_parquet($parts)
