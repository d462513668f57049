-- rows the file held
select count(*) from raw_read
