-- one normalised batch (registered as staged_batch) into the load's staging table
insert into scratch.incoming select * from staged_batch
