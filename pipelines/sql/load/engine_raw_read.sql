-- A CSV file's fields as DuckDB reads them, strictly, every field as text (a temporary
-- table: in memory, spilled past the memory limit; the scratch file costs more); run with
-- insertion order kept, so that rowid is the file's row order.
create or replace temp table raw_read as
select * from read_csv($path, header = true, auto_detect = false, columns = $columns,
                       delim = $delim, quote = '"', escape = '"', strict_mode = true,
                       null_padding = false, all_varchar = true)
