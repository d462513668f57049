-- The file's fields (engine_raw_read) with each row's ordinal and first line: the header's
-- line, plus the rows before it, plus the line breaks inside their quoted fields. Empty
-- fields are '' as the Python reader has them, and a CR LF inside a field becomes LF,
-- as there (textio.text_lines;
-- engine_csv.clean_copy has turned bare CRs into spaces). A view: the rows are read once,
-- into the checked table. {fields}, {breaks} and {too_long} are written by
-- engine_csv.read_raw.
create or replace temp view raw_fields as
with cleaned as (
    select rowid + 1 as ordinal, {fields}
    from raw_read
),
measured as (
    select *, {breaks} as breaks, {too_long} as too_long
    from cleaned
)
select
    *,
    1 + ordinal + coalesce(sum(breaks) over (order by ordinal rows between unbounded preceding and 1 preceding), 0)
        as line
from measured;
