-- Each row's ordinal and first line (the header's line, plus the rows before it, plus the
-- line breaks inside their quoted fields), computed on these few columns alone: a window
-- over every field would hold the whole file in memory. {breaks} is written by
-- engine_csv.read_raw (which has already checked the fields' lengths: engine_raw_count).
create or replace temp table raw_lines as
select
    ordinal,
    1 + ordinal + coalesce(sum(breaks) over (order by ordinal rows between unbounded preceding and 1 preceding), 0)
        as line,
    breaks
from (
    select rowid + 1 as ordinal, {breaks} as breaks
    from raw_read
);

-- The file's fields as the Python reader has them: empty fields are '', and a CR LF
-- inside a field becomes LF (textio.text_lines; engine_csv.clean_copy has turned bare
-- CRs into spaces). A view: the rows are read once, into the checked table. {fields} is
-- written by engine_csv.read_raw.
create or replace temp view raw_fields as
select l.ordinal, l.line, {fields}
from raw_read as r
join raw_lines as l on l.ordinal = r.rowid + 1;
